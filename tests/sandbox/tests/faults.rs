//! The control API: each fault kind, call counts, recorded requests and reset.

mod common;

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use common::{get, post, send, start, BRING, POSTPLUS};
use serde_json::json;

const PICKUP: &str = "/pickuppoint/api/pickuppoint/NO/postalCode/0150.json";

async fn arm(sandbox: SocketAddr, fault: serde_json::Value) {
    let reply = post(sandbox, "/__sandbox/faults", &[], &fault.to_string()).await;
    assert_eq!(reply.status, 204, "{}", reply.text());
}

#[tokio::test]
async fn delay_postpones_the_normal_answer() {
    let sandbox = start().await;
    arm(
        sandbox,
        json!({ "carrier": "bring_pickup", "kind": "delay", "ms": 250, "times": 1 }),
    )
    .await;
    let started = Instant::now();
    let reply = get(sandbox, PICKUP, &BRING).await;
    assert!(started.elapsed() >= Duration::from_millis(250));
    assert_eq!(
        reply.json()["pickupPoint"].as_array().map(Vec::len),
        Some(10)
    );
    // `times: 1` applied once only.
    let started = Instant::now();
    get(sandbox, PICKUP, &BRING).await;
    assert!(started.elapsed() < Duration::from_millis(250));
}

#[tokio::test]
async fn hang_never_answers() {
    let sandbox = start().await;
    arm(
        sandbox,
        json!({ "carrier": "bring_pickup", "kind": "hang" }),
    )
    .await;
    let waited =
        tokio::time::timeout(Duration::from_millis(300), get(sandbox, PICKUP, &BRING)).await;
    assert!(waited.is_err(), "a hanging call must not answer");
    // Other carriers are unaffected, and so is the pickup API once cleared.
    assert_eq!(post(sandbox, "/oauth2/token", &[], "").await.status, 400);
    assert_eq!(
        send(sandbox, "DELETE", "/__sandbox/faults", &[], "")
            .await
            .status,
        204
    );
    assert_eq!(get(sandbox, PICKUP, &BRING).await.status, 200);
}

#[tokio::test]
async fn status_answers_in_the_carriers_error_shape() {
    let sandbox = start().await;
    arm(
        sandbox,
        json!({ "carrier": "postnord", "kind": "status", "status": 503, "times": 2 }),
    )
    .await;
    let path = "/rest/shipment/v1/deliveryoptions/manage/health?apikey=sandbox-postnord-key";
    for _ in 0..2 {
        let reply = get(sandbox, path, &[]).await;
        assert_eq!(reply.status, 503);
        assert_eq!(reply.header("retry-after"), Some("1"));
        assert_eq!(
            reply.json(),
            json!({ "message": "Simulated fault (sandbox)" })
        );
    }
    assert_eq!(
        get(sandbox, path, &[]).await.json(),
        json!({ "status": "UP" })
    );

    arm(
        sandbox,
        json!({ "carrier": "bring", "kind": "status", "status": 429 }),
    )
    .await;
    let limited = post(sandbox, "/shippingguide/api/v2/products", &BRING, "{}").await;
    assert_eq!(limited.status, 429);
    assert_eq!(
        limited.header("content-type"),
        Some("text/plain; charset=utf-8")
    );
    arm(
        sandbox,
        json!({ "carrier": "postplus", "kind": "status", "status": 500 }),
    )
    .await;
    let failed = get(sandbox, "/api/v1/parcels/1", &POSTPLUS).await;
    assert_eq!(failed.status, 500);
    assert_eq!(failed.json()["title"], "Internal Server Error");
}

#[tokio::test]
async fn malformed_json_does_not_parse() {
    let sandbox = start().await;
    arm(
        sandbox,
        json!({ "carrier": "bring_pickup", "kind": "malformed_json" }),
    )
    .await;
    let reply = get(sandbox, PICKUP, &BRING).await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("content-type"), Some("application/json"));
    assert!(reply.body.starts_with(b"{\"pickupPoint\":["));
    assert!(serde_json::from_slice::<serde_json::Value>(&reply.body).is_err());
}

#[tokio::test]
async fn slow_drip_trickles_a_correct_body() {
    let sandbox = start().await;
    arm(
        sandbox,
        json!({ "carrier": "bring_pickup", "kind": "slow_drip", "ms": 300 }),
    )
    .await;
    let started = Instant::now();
    let reply = get(sandbox, PICKUP, &BRING).await;
    assert!(started.elapsed() >= Duration::from_millis(280));
    assert_eq!(reply.header("transfer-encoding"), Some("chunked"));
    assert_eq!(reply.json()["pickupPoint"][0]["id"], "1015000");
}

#[tokio::test]
async fn wrong_content_type_is_an_html_page() {
    let sandbox = start().await;
    arm(
        sandbox,
        json!({ "carrier": "postnord_token", "kind": "wrong_content_type" }),
    )
    .await;
    let reply = post(sandbox, "/oauth2/token", &[], "").await;
    assert_eq!(reply.status, 200);
    assert_eq!(
        reply.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(reply.text().starts_with("<!DOCTYPE html>"));
}

#[tokio::test]
async fn bad_fault_requests_are_refused() {
    let sandbox = start().await;
    for fault in [
        json!({ "carrier": "dhl", "kind": "hang" }),
        json!({ "carrier": "bring", "kind": "delay" }),
        json!({ "carrier": "bring", "kind": "status" }),
        json!({ "carrier": "bring", "kind": "status", "status": 1000 }),
    ] {
        assert_eq!(
            post(sandbox, "/__sandbox/faults", &[], &fault.to_string())
                .await
                .status,
            400,
            "{fault}"
        );
    }
}

#[tokio::test]
async fn calls_are_counted_recorded_and_reset() {
    let sandbox = start().await;
    get(sandbox, PICKUP, &BRING).await;
    get(sandbox, PICKUP, &BRING).await;
    let headers = [("X-External-Request-ID", "req-7")];
    post(
        sandbox,
        "/rest/shipment/v1/deliveryoptions/bywarehouse?apikey=sandbox-postnord-key",
        &headers,
        "{}",
    )
    .await;
    let calls = get(sandbox, "/__sandbox/calls", &[]).await.json();
    assert_eq!(
        calls,
        json!({ "bring.pickup_points": 2, "postnord.delivery_options": 1 })
    );

    let last = get(sandbox, "/__sandbox/last/postnord.delivery_options", &[])
        .await
        .json();
    assert_eq!(last["method"], "POST");
    assert_eq!(
        last["path"],
        "/rest/shipment/v1/deliveryoptions/bywarehouse"
    );
    assert_eq!(last["queryParams"]["apikey"], "sandbox-postnord-key");
    assert_eq!(last["headers"]["x-external-request-id"], "req-7");
    assert_eq!(last["body"], json!({}));
    assert_eq!(
        get(sandbox, "/__sandbox/last/bring.products", &[])
            .await
            .status,
        404
    );

    arm(
        sandbox,
        json!({ "carrier": "bring_pickup", "kind": "hang" }),
    )
    .await;
    assert_eq!(post(sandbox, "/__sandbox/reset", &[], "").await.status, 204);
    assert_eq!(
        get(sandbox, "/__sandbox/calls", &[]).await.json(),
        json!({})
    );
    assert_eq!(
        get(sandbox, PICKUP, &BRING).await.status,
        200,
        "reset clears faults"
    );
}

#[tokio::test]
async fn a_hundred_concurrent_calls_while_others_hang() {
    let sandbox = start().await;
    arm(sandbox, json!({ "carrier": "postplus", "kind": "hang" })).await;
    let hanging: Vec<_> = (0..50)
        .map(|_| tokio::spawn(get(sandbox, "/api/v1/parcels/1", &POSTPLUS)))
        .collect();
    let answered: Vec<_> = (0..100)
        .map(|_| tokio::spawn(get(sandbox, PICKUP, &BRING)))
        .collect();
    for call in answered {
        assert_eq!(call.await.expect("task").status, 200);
    }
    for call in hanging {
        call.abort();
    }
    assert_eq!(
        get(sandbox, "/__sandbox/calls", &[]).await.json()["bring.pickup_points"],
        100
    );
}
