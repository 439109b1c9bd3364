//! Every KSS example in the reference parses into its type and serializes back unchanged, and
//! fields Klarna adds later are ignored.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};
use shared::kss::{
    AuthRequest, AuthResponse, FailureReason, FailureResponse, ShipmentRequest, ShipmentResponse,
    ShippingOptionsRequest, ShippingOptionsResponse,
};
use shared::model::{from_json, AddonType, ShippingClass, ShippingType};

const AUTH_REQUEST: &str = include_str!("fixtures/kss/auth_request.json");
const AUTH_RESPONSE: &str = include_str!("fixtures/kss/auth_response.json");
const SHIPPING_OPTIONS_REQUEST: &str = include_str!("fixtures/kss/shippingoptions_request.json");
const SHIPPING_OPTIONS_RESPONSE: &str = include_str!("fixtures/kss/shippingoptions_response.json");
const SHIPMENT_REQUEST: &str = include_str!("fixtures/kss/shipment_request.json");
const SHIPMENT_RESPONSE: &str = include_str!("fixtures/kss/shipment_response.json");
const SHIPMENT_PUT_REQUEST: &str = include_str!("fixtures/kss/shipment_put_request.json");
const SHIPMENT_PUT_RESPONSE: &str = include_str!("fixtures/kss/shipment_put_response.json");
const SHIPMENT_GET_RESPONSE: &str = include_str!("fixtures/kss/shipment_get_response.json");

/// Parses `fixture` as `T`, serializes it back and demands the very same JSON value; returns the
/// parsed payload for further checks.
fn check_round_trip<T: DeserializeOwned + Serialize>(fixture: &str) -> T {
    let expected: Value = serde_json::from_str(fixture).expect("fixture is JSON");
    let parsed: T = from_json(fixture).unwrap_or_else(|error| panic!("fixture parses: {error}"));
    let written = serde_json::to_value(&parsed).expect("payload serializes");
    assert_eq!(written, expected);
    // And through text, as it goes over the wire.
    let text = serde_json::to_string(&parsed).expect("payload serializes");
    assert_eq!(
        serde_json::from_str::<Value>(&text).expect("output is JSON"),
        expected
    );
    parsed
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn auth_request_round_trips() {
    let request: AuthRequest = check_round_trip(AUTH_REQUEST);
    assert_eq!(request.identifier, "merchant-12345-profile-65432");
    assert_eq!(request.secret.nonce, "lRFUpqW7Xd");
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn auth_response_round_trips() {
    let response: AuthResponse = check_round_trip(AUTH_RESPONSE);
    assert!(response
        .token
        .starts_with("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."));
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn shipping_options_request_round_trips() {
    let request: ShippingOptionsRequest = check_round_trip(SHIPPING_OPTIONS_REQUEST);
    assert_eq!(request.currency.as_str(), "SEK");
    assert_eq!(request.order.total_amount, 10000);
    assert_eq!(
        request.order.lines[0]
            .attributes
            .as_ref()
            .and_then(|a| a.dimensions)
            .map(|d| d.height),
        Some(5000)
    );
    assert_eq!(
        request.recipient.and_then(|r| r.postal_code).as_deref(),
        Some("111 34")
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn shipping_options_response_round_trips() {
    let response: ShippingOptionsResponse = check_round_trip(SHIPPING_OPTIONS_RESPONSE);
    let option = &response.shipping_options[0];
    assert_eq!(option.id, "option-1234");
    assert_eq!(option.price, 4000);
    assert_eq!(option.class, Some(ShippingClass::Standard));
    assert_eq!(option.r#type, ShippingType::PickupPoint);
    let addons = option.addons.as_deref().unwrap_or_default();
    assert_eq!(addons[0].r#type, AddonType::Text);
    assert_eq!(option.features.as_deref(), Some(&[][..]));
    // Coordinates come back digit for digit, not merely as equal floats.
    let text = serde_json::to_string(&response).expect("serializes");
    for literal in [
        "18.062689527869225",
        "59.336892270502865",
        "59.337655548745",
        "18.063095",
    ] {
        assert!(text.contains(literal), "{literal} missing from {text}");
    }
    // A pure KSS payload carries none of our extras, so its KSS view is itself.
    assert_eq!(response.to_kss(), response);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn shipment_request_round_trips() {
    let request: ShipmentRequest = check_round_trip(SHIPMENT_REQUEST);
    let selected = &request.selected_shipping_option;
    assert_eq!(selected.r#type, ShippingType::DeliveryAddress);
    assert_eq!(
        selected.location.as_ref().map(|l| l.id.as_str()),
        Some("location-1234")
    );
    assert_eq!(
        selected.timeslot.as_ref().map(|t| t.id.as_str()),
        Some("timeslot-1234")
    );
    let addon = &selected.addons.as_deref().unwrap_or_default()[0];
    assert_eq!(addon.r#type, AddonType::Sms);
    assert_eq!(
        addon.data.as_ref().and_then(|d| d.text.as_deref()),
        Some("string")
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn shipment_response_round_trips() {
    let response: ShipmentResponse = check_round_trip(SHIPMENT_RESPONSE);
    assert_eq!(
        response.shipment_id.as_deref(),
        Some("c2059e35-58b1-4482-ad55-5e7ef541eae4")
    );
    let product = response
        .selected_shipping_option
        .and_then(|s| s.carrier_product);
    assert_eq!(product.map(|p| p.identifier).as_deref(), Some("19"));
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn shipment_put_request_round_trips() {
    let request: ShipmentRequest = check_round_trip(SHIPMENT_PUT_REQUEST);
    assert_eq!(request.session_id, "201cda14-975f-4c4d-9c2f-12f3896b5156");
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn shipment_put_response_round_trips() {
    let response: ShipmentResponse = check_round_trip(SHIPMENT_PUT_RESPONSE);
    assert_eq!(response.additional_info.as_deref(), Some("string"));
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn shipment_get_response_round_trips() {
    let response: ShipmentResponse = check_round_trip(SHIPMENT_GET_RESPONSE);
    let tracking = response.shipments.unwrap_or_default();
    assert_eq!(tracking.len(), 1);
    assert_eq!(tracking[0].carrier, "postnord");
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn failure_reasons_round_trip_named_or_free_text() {
    let named: FailureResponse = check_round_trip(r#"{"failure_reason": "cutoff_time_expired"}"#);
    assert_eq!(named.failure_reason, FailureReason::CutoffTimeExpired);
    let text: FailureResponse = check_round_trip(r#"{"failure_reason": "order.lines is empty"}"#);
    assert_eq!(
        text.failure_reason,
        FailureReason::Other("order.lines is empty".to_owned())
    );
}

/// Adds `"x_unknown": {"nested": [1]}` to the object at each JSON pointer of `fixture`, parses
/// the result as `T`, and demands that the unknown fields are dropped and all else is kept.
fn check_unknown_fields_ignored<T: DeserializeOwned + Serialize>(fixture: &str, pointers: &[&str]) {
    let expected: Value = serde_json::from_str(fixture).expect("fixture is JSON");
    let mut payload = expected.clone();
    for pointer in pointers {
        let object = payload
            .pointer_mut(pointer)
            .and_then(Value::as_object_mut)
            .unwrap_or_else(|| panic!("no object at {pointer}"));
        object.insert("x_unknown".to_owned(), json!({"nested": [1]}));
    }
    let parsed: T =
        from_json(&payload.to_string()).unwrap_or_else(|error| panic!("parses: {error}"));
    assert_eq!(serde_json::to_value(&parsed).expect("serializes"), expected);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn unknown_fields_in_shipping_options_are_ignored() {
    check_unknown_fields_ignored::<ShippingOptionsResponse>(
        SHIPPING_OPTIONS_RESPONSE,
        &[
            "",
            "/shipping_options/0",
            "/shipping_options/0/addons/0",
            "/shipping_options/0/area",
            "/shipping_options/0/delivery_time/interval",
            "/shipping_options/0/locations/0/address",
            "/shipping_options/0/locations/0/coordinates",
            "/shipping_options/0/locations/0/operational_hours/default/0",
            "/shipping_options/0/locations/0/operational_hours/overrides/weekday",
            "/shipping_options/0/timeslots/0",
        ],
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn unknown_fields_in_kss_requests_are_ignored() {
    check_unknown_fields_ignored::<ShipmentRequest>(
        SHIPMENT_REQUEST,
        &[
            "",
            "/order",
            "/order/lines/0/attributes/dimensions",
            "/recipient",
            "/selected_shipping_option",
            "/selected_shipping_option/addons/0/data",
            "/selected_shipping_option/location",
            "/sender",
        ],
    );
    check_unknown_fields_ignored::<ShippingOptionsRequest>(
        SHIPPING_OPTIONS_REQUEST,
        &["", "/sender/address"],
    );
    check_unknown_fields_ignored::<AuthRequest>(AUTH_REQUEST, &["", "/secret"]);
    check_unknown_fields_ignored::<ShipmentResponse>(
        SHIPMENT_RESPONSE,
        &["/selected_shipping_option/carrier_product", "/shipments/0"],
    );
}
