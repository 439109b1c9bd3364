//! The requests a PostPlus booking sends, exactly: the parcel upsert built from the KSS
//! reference's shipment example, the label, the day's shipment, the link, prepare and submit.
//! And the parcel's upsert key: the same on every attempt, different per shipment. Runs natively
//! and as wasm.

mod support;

use chrono::NaiveDate;
use serde_json::{json, Value};
use shared::carriers::postplus::{
    label_document_request, label_request, link_request, parcel_request, prepare_request,
    sender_parcel_nr, shipment_nr, shipment_request, submit_request, ParcelBooking, ParcelItem,
    Receiver,
};
use shared::carriers::{Method, OutboundRequest};
use shared::kss::parcel_booking;
use shared::model::Currency;
use shared::quote::Country;
use shared::Error;
use support::postplus::{assert_no_secret, booking, config, kss_shipment, API_KEY, SHIPMENT_ID};

fn headers(with_body: bool) -> Vec<(String, String)> {
    let mut headers = vec![
        ("X-API-KEY".to_owned(), API_KEY.to_owned()),
        ("Accept".to_owned(), "application/json".to_owned()),
    ];
    if with_body {
        headers.push(("Content-Type".to_owned(), "application/json".to_owned()));
    }
    headers
}

fn body(request: &OutboundRequest) -> Value {
    serde_json::from_str(request.body.as_deref().expect("a body")).expect("the body is JSON")
}

/// Checks method, URL, headers and body (as JSON), and that the key is nowhere but its header.
fn check(request: &OutboundRequest, method: Method, url: &str, expected_body: Option<Value>) {
    assert_eq!(request.method, method, "{url}");
    assert_eq!(request.url, url);
    assert_eq!(request.headers, headers(expected_body.is_some()), "{url}");
    match expected_body {
        Some(expected) => assert_eq!(body(request), expected, "{url}"),
        None => assert_eq!(request.body, None, "{url}"),
    }
    assert_no_secret(&request.url);
    assert_no_secret(request.body.as_deref().unwrap_or_default());
    assert_no_secret(&format!("{request:?}"));
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn the_kss_shipment_becomes_this_parcel() {
    let booking = booking();
    assert_eq!(
        booking,
        ParcelBooking {
            sender_parcel_nr: SHIPMENT_ID.to_owned(),
            // The selected option is DHL's `option-1234`, not one of ours: the shop's code.
            service_code: "FREEP".to_owned(),
            receiver: Receiver {
                name: "Klara Joyce".to_owned(),
                phone: Some("+46812012010".to_owned()),
                email: Some("info@klarna.com".to_owned()),
                address: "c/o string, Sveavägen 46, string".to_owned(),
                zip_code: "11134".to_owned(),
                city: "Stockholm".to_owned(),
                country: Country::Se,
            },
            currency: Currency::SEK,
            // The order's total_weight, 2000 g.
            gross_weight_grams: 2000,
            items: vec![ParcelItem {
                description: "Clothing".to_owned(),
                sku_code: Some("sku-1234".to_owned()),
                quantity: 2,
                value_per_item: Some(2500),
                weight_per_item_grams: Some(1000),
            }],
        }
    );
    let request = parcel_request(&booking, &config(), API_KEY);
    // The sections of the docs' minimal example (notes §2.1), weights in kg, amounts as decimals.
    check(
        &request,
        Method::Put,
        "https://postplus.example/api/v1/parcels",
        Some(json!({
            "identifiers": { "senderParcelNr": "201cda14-975f-4c4d-9c2f-12f3896b5156" },
            "parcel": {
                "transactionType": "B2C",
                "parcelGrossWeight": 2.0,
                "currency": "SEK",
                "items": [
                    { "description": "Clothing", "skuCode": "sku-1234", "quantity": 2,
                      "valuePerItem": 25.0, "weightPerItem": 1.0 }
                ]
            },
            "additionalInfo": { "serviceCode": "FREEP" },
            "receiver": {
                "name": "Klara Joyce", "phone": "+46812012010", "email": "info@klarna.com",
                "address": "c/o string, Sveavägen 46, string", "zipCode": "11134",
                "city": "Stockholm", "countryCode": "SE"
            },
            "sender": {
                "name": "Example Shop AB", "phone": "+46311234567", "email": "lager@shop.example",
                "address": "Lagervägen 3", "zipCode": "41104", "city": "Göteborg", "countryCode": "SE"
            },
            "includeLastPrintContents": false
        })),
    );
    // Weights and amounts are written as PostPlus's decimals, never as float noise.
    let text = request.body.unwrap_or_default();
    assert!(text.contains(r#""parcelGrossWeight":2.0"#), "{text}");
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn parcels_of_our_options_items_and_weights() {
    let mut shipment = kss_shipment();
    // One of our own options, with its own service code; a parcel type and HS code configured.
    shipment.selected_shipping_option.id = "postplus-mailbox".to_owned();
    shipment.order.total_weight = None;
    shipment.order.lines[0]
        .attributes
        .as_mut()
        .expect("attributes")
        .weight = Some(150);
    shipment.order.lines[0].unit_price = Some(1999);
    let mut digital = shipment.order.lines[0].clone();
    digital.r#type = Some("digital".into());
    shipment.order.lines.push(digital);
    shipment.recipient.care_of = None;
    shipment.recipient.street_address2 = Some("  ".to_owned());
    shipment.recipient.phone = None;
    let mut config = config();
    config.parcel_type = Some("NotRegistered".to_owned());
    config.hs_code = Some("620342".to_owned());
    let booking = parcel_booking(&shipment, "order-7", &config).expect("booking");
    let body = body(&parcel_request(&booking, &config, API_KEY));
    assert_eq!(body["identifiers"], json!({ "senderParcelNr": "order-7" }));
    assert_eq!(body["additionalInfo"], json!({ "serviceCode": "LTPO" }));
    // Without total_weight, the physical lines: 2 × 150 g. The digital line is no item.
    assert_eq!(
        body["parcel"],
        json!({
            "transactionType": "B2C", "type": "NotRegistered", "parcelGrossWeight": 0.3, "currency": "SEK",
            "items": [ { "description": "Clothing", "skuCode": "sku-1234", "hsCode": "620342", "quantity": 2,
                         "valuePerItem": 19.99, "weightPerItem": 0.15 } ]
        })
    );
    assert_eq!(
        body["receiver"],
        json!({ "name": "Klara Joyce", "email": "info@klarna.com", "address": "Sveavägen 46",
                "zipCode": "11134", "city": "Stockholm", "countryCode": "SE" })
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_parcel_needs_a_printable_address() {
    let invalid = |field: &str, problem: &str| {
        Err::<ParcelBooking, Error>(Error::Invalid {
            field: field.to_owned(),
            problem: problem.to_owned(),
        })
    };
    let label = "is required to print a PostPlus label";
    type Edit = fn(&mut shared::kss::ShipmentRequest);
    let cases: [(Edit, Result<ParcelBooking, Error>); 6] = [
        (
            |s| s.recipient.city = None,
            invalid("recipient.city", label),
        ),
        (
            |s| s.recipient.street_address = Some(" ".to_owned()),
            invalid("recipient.street_address", label),
        ),
        (
            |s| {
                s.recipient.given_name = None;
                s.recipient.family_name = None;
                s.recipient.company_name = None;
            },
            invalid("recipient.given_name", label),
        ),
        (
            |s| s.recipient.postal_code = Some("1113".to_owned()),
            invalid(
                "recipient.postal_code",
                "must be 5 digits, optionally written `123 45` for SE",
            ),
        ),
        (
            |s| s.recipient.country = None,
            invalid("recipient.country", "is required"),
        ),
        // Two items of 20 kg: two parcels of at most 35 kg, more than one PostPlus parcel.
        (
            |s| {
                if let Some(attributes) = s.order.lines[0].attributes.as_mut() {
                    attributes.weight = Some(20_000);
                }
            },
            invalid(
                "order.lines",
                "pack into 2 parcels; PostPlus books one parcel per order",
            ),
        ),
    ];
    for (edit, expected) in cases {
        let mut shipment = kss_shipment();
        edit(&mut shipment);
        assert_eq!(parcel_booking(&shipment, SHIPMENT_ID, &config()), expected);
    }
    // A company name addresses the parcel when there is no person's name.
    let mut shipment = kss_shipment();
    shipment.recipient.given_name = None;
    shipment.recipient.family_name = Some(" ".to_owned());
    let booking = parcel_booking(&shipment, SHIPMENT_ID, &config()).expect("booking");
    assert_eq!(booking.receiver.name, "Klarna AB");
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn the_upsert_key_is_the_shipment_id_on_every_attempt() {
    let config = config();
    let first = parcel_request(&booking(), &config, API_KEY);
    // A retry builds the booking again from the same reservation: byte for byte the same.
    let retry = parcel_request(&booking(), &config, API_KEY);
    assert_eq!(first, retry);
    assert_eq!(
        body(&retry)["identifiers"]["senderParcelNr"],
        json!(SHIPMENT_ID)
    );
    // Even an edited reservation (KSS's PUT /shipment) keeps the key: only the data changes.
    let mut edited = kss_shipment();
    edited.recipient.street_address = Some("Drottninggatan 1".to_owned());
    let edited = parcel_booking(&edited, SHIPMENT_ID, &config).expect("booking");
    assert_eq!(
        body(&parcel_request(&edited, &config, API_KEY))["identifiers"],
        body(&first)["identifiers"]
    );

    let usable = [
        "a",
        "order_7",
        "201cda14-975f-4c4d-9c2f-12f3896b5156",
        &"x".repeat(50),
    ];
    for id in usable {
        assert_eq!(sender_parcel_nr(id), Ok(id.to_owned()));
    }
    // Refused rather than changed: changing an id could make two shipments one parcel.
    for id in ["", "order 7", "order/7", "ordre-æ", &"x".repeat(51)] {
        assert_eq!(
            sender_parcel_nr(id),
            Err(Error::Invalid {
                field: "shipment_id".to_owned(),
                problem:
                    "must be 1 to 50 ASCII letters, digits, `-` or `_` to key a PostPlus parcel"
                        .to_owned(),
            }),
            "{id:?}"
        );
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn label_shipment_link_prepare_and_submit_requests() {
    let mut config = config();
    check(
        &label_request(7001234, &config, API_KEY),
        Method::Get,
        "https://postplus.example/api/v1/parcels/parcel-prints/7001234?IncludeContents=false",
        None,
    );
    check(
        &label_document_request(7001234, &config, API_KEY),
        Method::Get,
        "https://postplus.example/api/v1/documents/parcel-prints/7001234",
        None,
    );
    let friday = NaiveDate::from_ymd_opt(2025, 9, 12).expect("a date");
    assert_eq!(shipment_nr(friday, &config), "SHOP-20250912");
    check(
        &shipment_request(friday, &config, API_KEY),
        Method::Post,
        "https://postplus.example/api/v1/shipments",
        Some(
            json!({ "type": "VirtualDespatch", "shipmentNr": "SHOP-20250912", "updateIfExists": true }),
        ),
    );
    check(
        &link_request(501, Some("SHOP-20250912"), SHIPMENT_ID, &config, API_KEY),
        Method::Post,
        "https://postplus.example/api/v1/parcels/update-references-many",
        Some(
            json!({ "senderParcelNrs": SHIPMENT_ID, "updateBagNr": "SHOP-20250912",
                     "linkShipmentId": 501, "allowPartialSuccess": false }),
        ),
    );
    check(
        &prepare_request(501, &config, API_KEY),
        Method::Post,
        "https://postplus.example/api/v1/shipments/501/prepare",
        Some(json!({})),
    );
    check(
        &submit_request(501, "3f9a0c", &config, API_KEY),
        Method::Post,
        "https://postplus.example/api/v1/shipments/501/submit",
        Some(json!({ "shipmentSubmitToken": "3f9a0c" })),
    );
    // The docs' AWB shipment at a terminal.
    config.shipment.r#type = "AWB".to_owned();
    config.shipment.terminal_code = Some("AMS".to_owned());
    config.base_url = "http://127.0.0.1:8790".to_owned();
    check(
        &shipment_request(friday, &config, API_KEY),
        Method::Post,
        "http://127.0.0.1:8790/api/v1/shipments",
        Some(
            json!({ "type": "AWB", "shipmentNr": "SHOP-20250912", "terminalCode": "AMS", "updateIfExists": true }),
        ),
    );
}
