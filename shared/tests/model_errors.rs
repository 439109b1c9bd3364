//! A payload that does not fit the model is refused with an error that names the field and its
//! path, never with a panic.

use shared::kss::{ShipmentRequest, ShippingOptionsRequest, ShippingOptionsResponse};
use shared::model::from_json;
use shared::Error;

/// Parses `payload` as `T`, demands a failure, and checks the path and the start of the message.
fn check_error<T: serde::de::DeserializeOwned + std::fmt::Debug>(
    payload: &str,
    path: &str,
    message_start: &str,
) {
    match from_json::<T>(payload) {
        Ok(parsed) => panic!("expected an error at {path}, parsed {parsed:?}"),
        Err(Error::Json {
            path: actual_path,
            message,
        }) => {
            assert_eq!(actual_path, path);
            assert!(
                message.starts_with(message_start),
                "message {message:?} should start with {message_start:?}"
            );
        }
        Err(other) => panic!("expected a JSON error at {path}, got {other:?}"),
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn missing_id_names_the_field() {
    check_error::<ShippingOptionsResponse>(
        include_str!("fixtures/kss/bad_missing_id.json"),
        "shipping_options[0].id",
        "missing field `id`",
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn missing_price_names_the_field() {
    let payload = include_str!("fixtures/kss/bad_missing_price.json");
    check_error::<ShippingOptionsResponse>(
        payload,
        "shipping_options[0].price",
        "missing field `price`",
    );
    let error = from_json::<ShippingOptionsResponse>(payload)
        .map(|_| ())
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "at `shipping_options[0].price`: missing field `price` at line 125 column 5"
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn wrong_type_names_the_path() {
    check_error::<ShippingOptionsResponse>(
        include_str!("fixtures/kss/bad_wrong_type.json"),
        "shipping_options[0].locations[0].coordinates.lat",
        "invalid type: string \"59.336946\", expected f64",
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn errors_name_paths_on_one_line_too() {
    // A price as a string, deep in an array, in compact JSON.
    check_error::<ShippingOptionsResponse>(
        r#"{"shipping_options":[{"id":"a","name":"A","carrier":"bring","type":"pickup-point","price":0,"tax_rate":2500},{"id":"b","name":"B","carrier":"bring","type":"delivery-address","price":"49.00","tax_rate":2500}]}"#,
        "shipping_options[1].price",
        "invalid type: string \"49.00\", expected i64",
    );
    // A missing field of an object that has no keys at all.
    check_error::<ShippingOptionsResponse>(
        r#"{"shipping_options":[{"id":"a","name":"A","carrier":"bring","type":"pickup-point","price":0,"tax_rate":2500,"locations":[{}]}]}"#,
        "shipping_options[0].locations[0].id",
        "missing field `id`",
    );
    // Keys that contain escaped quotes and brackets do not confuse the path.
    check_error::<ShippingOptionsResponse>(
        r#"{"x\"[{":"]}","shipping_options":[{"id":"a","name":"A","carrier":"bring","type":"pickup-point","price":0,"tax_rate":true}]}"#,
        "shipping_options[0].tax_rate",
        "invalid type: boolean `true`, expected u32",
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn missing_required_fields_of_kss_requests_are_named() {
    check_error::<ShippingOptionsRequest>(
        r#"{"currency":"SEK","order":{"lines":[],"total_amount":0}}"#,
        "session_id",
        "missing field `session_id`",
    );
    check_error::<ShippingOptionsRequest>(
        r#"{"session_id":"s","currency":"SEK","order":{"lines":[{"reference":"sku-1"}],"total_amount":0}}"#,
        "order.lines[0].quantity",
        "missing field `quantity`",
    );
    check_error::<ShipmentRequest>(
        r#"{"session_id":"s","currency":"SEK","order":{"lines":[],"total_amount":0},"recipient":{},"selected_shipping_option":{"id":"a","carrier":"dhl","type":"delivery-address","price":0}}"#,
        "selected_shipping_option.tax_rate",
        "missing field `tax_rate`",
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn bad_currency_is_refused_with_its_path() {
    check_error::<ShippingOptionsRequest>(
        r#"{"session_id":"s","currency":"kronor","order":{"lines":[],"total_amount":0}}"#,
        "currency",
        "currency must be a three-letter ISO 4217 code such as `SEK`, got `kronor`",
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn broken_syntax_is_an_error_not_a_panic() {
    let error = from_json::<ShippingOptionsResponse>(r#"{"shipping_options":[{"id":"a""#)
        .map(|_| ())
        .unwrap_err();
    assert_eq!(
        error,
        Error::Json {
            path: "shipping_options[0]".to_owned(),
            message: "EOF while parsing an object at line 1 column 30".to_owned(),
        }
    );
    let empty = from_json::<ShippingOptionsResponse>("")
        .map(|_| ())
        .unwrap_err();
    assert_eq!(
        empty.to_string(),
        "EOF while parsing a value at line 1 column 0"
    );
}
