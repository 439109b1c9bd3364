//! KSS requests become the same carrier question as the widget's; bad ones name the KSS field.
//! Runs natively and as wasm.

use shared::kss::{ShipmentRequest, ShippingOptionsRequest};
use shared::model::{from_json, Currency};
use shared::quote::{Country, Parcel};
use shared::{Error, Locale};

const REQUEST: &str = include_str!("fixtures/kss/shippingoptions_request.json");

fn request_with(edit: impl FnOnce(&mut serde_json::Value)) -> ShippingOptionsRequest {
    let mut value: serde_json::Value = serde_json::from_str(REQUEST).expect("fixture is JSON");
    edit(&mut value);
    from_json(&value.to_string()).expect("still a KSS request")
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn klarnas_example_request_becomes_one_parcel_to_stockholm() {
    let quote = request_with(|_| {}).to_quote().expect("answerable");
    assert_eq!(quote.recipient.country, Country::Se);
    assert_eq!(quote.recipient.postal_code, "11134");
    assert_eq!(
        quote.recipient.street_address.as_deref(),
        Some("Sveavägen 46")
    );
    assert_eq!(quote.currency, Currency::SEK);
    assert_eq!(quote.locale, Locale::Sv);
    assert_eq!(quote.order_value, 10000);
    // Two 1000 g items of 5000 mm on each side: each is over the 60 cm a parcel may be stacked
    // to, so each is a parcel of its own (the carriers then price or refuse it).
    let cube = Parcel {
        weight_grams: 1000,
        length_cm: Some(500),
        width_cm: Some(500),
        height_cm: Some(500),
    };
    assert_eq!(quote.parcels, vec![cube, cube]);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn weights_are_summed_from_lines_when_no_total_is_sent() {
    let quote = request_with(|v| {
        v["order"].as_object_mut().map(|o| o.remove("total_weight"));
        v["order"]["lines"][0]["attributes"]["dimensions"] =
            serde_json::json!({"height": 15, "length": 301, "width": 200});
        let digital =
            serde_json::json!({"quantity": 3, "type": "digital", "attributes": {"weight": 99999}});
        if let Some(lines) = v["order"]["lines"].as_array_mut() {
            lines.push(digital);
        }
    })
    .to_quote()
    .expect("answerable");
    // 2 × 1000 g physical, stacked on their 15 mm sides; the digital line does not ship. Sizes
    // round up to whole centimetres.
    assert_eq!(
        quote.parcels,
        vec![Parcel {
            weight_grams: 2000,
            length_cm: Some(31),
            width_cm: Some(20),
            height_cm: Some(3)
        }]
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn an_order_without_weights_gets_the_default_parcel() {
    let quote = request_with(|v| {
        v["order"].as_object_mut().map(|o| o.remove("total_weight"));
        v["order"]["lines"][0]
            .as_object_mut()
            .map(|l| l.remove("attributes"));
    })
    .to_quote()
    .expect("answerable");
    assert_eq!(
        quote.parcels,
        vec![Parcel {
            weight_grams: 1000,
            length_cm: None,
            width_cm: None,
            height_cm: None
        }]
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn unanswerable_requests_name_the_kss_field() {
    type Edit = Box<dyn FnOnce(&mut serde_json::Value)>;
    let cases: [(Edit, &str); 6] = [
        (
            Box::new(|v| drop(v.as_object_mut().map(|o| o.remove("recipient")))),
            "recipient: is required",
        ),
        (
            Box::new(|v| {
                drop(
                    v["recipient"]
                        .as_object_mut()
                        .map(|o| o.remove("postal_code")),
                )
            }),
            "recipient.postal_code: is required",
        ),
        (
            Box::new(|v| v["recipient"]["country"] = "US".into()),
            "recipient.country: must be one of NO, SE, DK, FI",
        ),
        (
            Box::new(|v| v["recipient"]["postal_code"] = "1113".into()),
            "recipient.postal_code: must be 5 digits, optionally written `123 45` for SE",
        ),
        (
            Box::new(|v| v["order"]["lines"][0]["attributes"]["weight"] = 9_000_000_000u64.into()),
            "order.lines: weigh too much to ship (must be a positive whole number)",
        ),
        (
            Box::new(|v| {
                v["order"]["lines"][0]["quantity"] = 41.into();
                v["order"]["lines"][0]["attributes"]["weight"] = 18_000.into();
            }),
            "order.lines: would take more than 20 parcels to ship",
        ),
    ];
    for (edit, expected) in cases {
        let error = request_with(edit).to_quote().map(|_| ()).unwrap_err();
        assert_eq!(error.to_string(), expected);
        assert!(matches!(error, Error::Invalid { .. }));
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_shipment_request_asks_the_same_question() {
    let shipment: ShipmentRequest =
        from_json(include_str!("fixtures/kss/shipment_request.json")).expect("fixture parses");
    let quote = shared::kss::kss_quote(
        Some(&shipment.recipient),
        &shipment.order,
        shipment.currency,
        shipment.locale.as_deref(),
    )
    .expect("answerable");
    assert_eq!(quote, request_with(|_| {}).to_quote().expect("answerable"));
}
