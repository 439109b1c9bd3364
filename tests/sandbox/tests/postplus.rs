//! PostPlus: the parcel upsert, labels and the shipment flow.

mod common;

use common::{get, post, send, start, POSTPLUS};
use serde_json::{json, Value};

fn parcel(sender_parcel_nr: &str) -> Value {
    json!({
        "identifiers": { "senderParcelNr": sender_parcel_nr },
        "parcel": {
            "transactionType": "B2C",
            "parcelGrossWeight": 0.15,
            "currency": "SEK",
            "items": [ { "description": "plastic toy", "hsCode": "950300", "quantity": 1, "valuePerItem": 0.1, "weightPerItem": 0.1 } ],
        },
        "additionalInfo": { "serviceCode": "FREEP" },
        "receiver": { "name": "A test consignee", "phone": "+46 123 456", "address": "Skeppsbron 5-1", "zipCode": "41121", "city": "GÖTEBORG", "countryCode": "SE" },
    })
}

async fn put(sandbox: std::net::SocketAddr, body: &Value) -> Value {
    let reply = send(
        sandbox,
        "PUT",
        "/api/v1/parcels",
        &POSTPLUS,
        &body.to_string(),
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    reply.json()
}

#[tokio::test]
async fn api_key_missing_401_wrong_403() {
    let sandbox = start().await;
    let body = parcel("order-1").to_string();
    let missing = send(sandbox, "PUT", "/api/v1/parcels", &[], &body).await;
    assert_eq!(missing.status, 401);
    assert_eq!(missing.json()["detail"], "The X-API-KEY header is missing.");
    let wrong = send(
        sandbox,
        "PUT",
        "/api/v1/parcels",
        &[("x-api-key", "apitest1234567890")],
        &body,
    )
    .await;
    assert_eq!(wrong.status, 403);
}

#[tokio::test]
async fn upsert_is_idempotent_on_sender_parcel_nr() {
    let sandbox = start().await;
    let first = put(sandbox, &parcel("order-1")).await;
    assert_eq!(
        first["identifiers"],
        json!({ "id": 1001, "parcelNr": "PP000010011NL", "senderParcelNr": "order-1" })
    );
    assert_eq!(first["status"]["status"], "Created");
    assert_eq!(first["status"]["hasErrors"], false);
    assert_eq!(first["references"]["printId"], 7001001);
    assert_eq!(first["prints"][0]["id"], 7001001);
    assert_eq!(first["receiver"]["phoneNormalized"], "+46123456");

    let mut changed = parcel("order-1");
    changed["receiver"]["name"] = json!("Another name");
    let second = put(sandbox, &changed).await;
    assert_eq!(second["identifiers"], first["identifiers"]);
    assert_eq!(second["receiver"]["name"], "Another name");
    let calls = get(sandbox, "/__sandbox/calls", &[]).await.json();
    assert_eq!(calls["postplus.parcels.created"], 1);
    assert_eq!(calls["postplus.parcels"], 2);

    let fetched = get(
        sandbox,
        "/api/v1/parcels/sender-parcel-nrs/order-1",
        &POSTPLUS,
    )
    .await
    .json();
    assert_eq!(fetched["identifiers"]["parcelNr"], "PP000010011NL");
}

#[tokio::test]
async fn parcel_level_errors_come_inside_a_200() {
    let sandbox = start().await;
    let mut incomplete = parcel("order-2");
    incomplete["receiver"]["zipCode"] = json!("");
    let answer = put(sandbox, &incomplete).await;
    assert_eq!(answer["status"]["hasErrors"], true);
    assert_eq!(
        answer["status"]["errorDetails"],
        json!(["Receiver zip code is required"])
    );
    assert_eq!(answer["references"]["printId"], Value::Null);
    let missing_id = send(sandbox, "PUT", "/api/v1/parcels", &POSTPLUS, "{}").await;
    assert_eq!(missing_id.status, 400);
}

#[tokio::test]
async fn labels_are_pdf() {
    let sandbox = start().await;
    put(sandbox, &parcel("order-3")).await;
    let print = get(
        sandbox,
        "/api/v1/parcels/parcel-prints/7001001?IncludeContents=true",
        &POSTPLUS,
    )
    .await
    .json();
    assert_eq!(print["format"], "Pdf");
    assert!(print["content"]
        .as_str()
        .expect("base64")
        .starts_with("JVBERi0xLj")); // "%PDF-1."
    let document = get(
        sandbox,
        "/api/v1/documents/parcel-prints/7001001",
        &POSTPLUS,
    )
    .await;
    assert_eq!(document.header("content-type"), Some("application/pdf"));
    assert!(document.body.starts_with(b"%PDF-1.4"));
    assert_eq!(print["bytes"], document.body.len());
}

#[tokio::test]
async fn shipment_create_link_prepare_submit() {
    let sandbox = start().await;
    put(sandbox, &parcel("order-4")).await;
    let create = json!({ "type": "AWB", "terminalCode": "AMS", "shipmentNr": "999-68495221" });
    let shipment = post(sandbox, "/api/v1/shipments", &POSTPLUS, &create.to_string())
        .await
        .json();
    assert_eq!(shipment["id"], 501);
    assert_eq!(shipment["status"]["status"], "Created");
    assert_eq!(
        post(sandbox, "/api/v1/shipments", &POSTPLUS, &create.to_string())
            .await
            .status,
        409
    );

    let link = json!({ "senderParcelNrs": "order-4,unknown", "updateBagNr": "bag-001", "linkShipmentId": 501, "allowPartialSuccess": true });
    let linked = post(
        sandbox,
        "/api/v1/parcels/update-references-many",
        &POSTPLUS,
        &link.to_string(),
    )
    .await
    .json();
    assert_eq!(linked["successParcelsCount"], 1);
    assert_eq!(linked["failedParcels"][0]["error"], "Parcel was not found");

    let prepared = post(sandbox, "/api/v1/shipments/501/prepare", &POSTPLUS, "{}")
        .await
        .json();
    // The token alone: all the notes promise of a prepare's answer.
    assert_eq!(
        prepared.as_object().map(|o| o.keys().collect::<Vec<_>>()),
        Some(vec![&"shipmentSubmitToken".to_owned()])
    );
    let token = prepared["shipmentSubmitToken"]
        .as_str()
        .expect("token")
        .to_owned();
    let wrong = post(
        sandbox,
        "/api/v1/shipments/501/submit",
        &POSTPLUS,
        r#"{"shipmentSubmitToken":"x"}"#,
    )
    .await;
    assert_eq!(wrong.status, 400);
    let submit = json!({ "shipmentSubmitToken": token }).to_string();
    let submitted = post(sandbox, "/api/v1/shipments/501/submit", &POSTPLUS, &submit)
        .await
        .json();
    assert_eq!(submitted["status"]["status"], "Manifested");
    assert_eq!(submitted["totalItems"], 1);
    assert_eq!(submitted["bags"][0]["bagNr"], "bag-001");
    // A parcel that left with a submitted shipment is not moved to another one.
    let next_day = json!({ "type": "AWB", "terminalCode": "AMS", "shipmentNr": "999-68495222" });
    let next = post(
        sandbox,
        "/api/v1/shipments",
        &POSTPLUS,
        &next_day.to_string(),
    )
    .await
    .json();
    let relink = json!({ "linkShipmentId": next["id"], "senderParcelNrs": "order-4" });
    let moved = post(
        sandbox,
        "/api/v1/parcels/update-references-many",
        &POSTPLUS,
        &relink.to_string(),
    )
    .await
    .json();
    assert_eq!(moved["successParcelsCount"], 0);
    assert_eq!(
        moved["failedParcels"][0]["error"],
        "Parcel is already linked to manifested shipment 999-68495221"
    );
    let first = get(sandbox, "/api/v1/shipments/501", &POSTPLUS)
        .await
        .json();
    assert_eq!(first["totalItems"], 1);
    assert_eq!(
        send(sandbox, "DELETE", "/api/v1/shipments/501", &POSTPLUS, "")
            .await
            .status,
        409
    );
}

#[tokio::test]
async fn a_parcel_linked_after_prepare_needs_the_shipment_prepared_again() {
    let sandbox = start().await;
    put(sandbox, &parcel("order-4")).await;
    put(sandbox, &parcel("order-5")).await;
    let create = json!({ "type": "AWB", "terminalCode": "AMS", "shipmentNr": "999-68495221" });
    post(sandbox, "/api/v1/shipments", &POSTPLUS, &create.to_string()).await;
    let link = |nr: &str| json!({ "senderParcelNrs": nr, "linkShipmentId": 501 }).to_string();
    let links = "/api/v1/parcels/update-references-many";
    post(sandbox, links, &POSTPLUS, &link("order-4")).await;
    // The shipment's id as a text is refused, not taken as "no shipment".
    let as_text = json!({ "senderParcelNrs": "order-5", "linkShipmentId": "501" }).to_string();
    let refused = post(sandbox, links, &POSTPLUS, &as_text).await;
    assert_eq!(refused.status, 400);
    assert_eq!(
        refused.json()["detail"],
        "linkShipmentId must be a whole number"
    );
    let prepare = "/api/v1/shipments/501/prepare";
    let first = post(sandbox, prepare, &POSTPLUS, "{}").await.json();
    post(sandbox, links, &POSTPLUS, &link("order-5")).await;
    let submit = |token: &Value| json!({ "shipmentSubmitToken": token }).to_string();
    let stale = post(
        sandbox,
        "/api/v1/shipments/501/submit",
        &POSTPLUS,
        &submit(&first["shipmentSubmitToken"]),
    )
    .await;
    assert_eq!(stale.status, 400);
    let again = post(sandbox, prepare, &POSTPLUS, "{}").await.json();
    let submitted = post(
        sandbox,
        "/api/v1/shipments/501/submit",
        &POSTPLUS,
        &submit(&again["shipmentSubmitToken"]),
    )
    .await
    .json();
    assert_eq!(submitted["status"]["status"], "Manifested");
    assert_eq!(submitted["totalItems"], 2);
}
