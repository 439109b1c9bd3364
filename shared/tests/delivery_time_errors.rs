//! Bad `delivery_time` input is an error value naming the field, never a panic. Runs natively
//! and as wasm.

use chrono::DateTime;
use shared::model::DeliveryTime;
use shared::{render_delivery_time, Error};

fn render(json: &str) -> Result<Option<String>, Error> {
    let delivery_time: DeliveryTime = serde_json::from_str(json).expect("test input is valid JSON");
    let now = DateTime::parse_from_rfc3339("2026-03-02T09:00:00+01:00").expect("valid now");
    render_delivery_time(&delivery_time, now, "en")
}

fn check(json: &str, expected_message: &str) {
    match render(json) {
        Err(error) => assert_eq!(error.to_string(), expected_message, "input {json}"),
        Ok(text) => {
            panic!("input {json} rendered {text:?}, expected the error {expected_message:?}")
        }
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn non_numeric_intervals_are_errors() {
    check(
        r#"{"interval": {"earliest": "three"}}"#,
        r#"delivery_time.interval.earliest: "three" is not a whole number of days"#,
    );
    check(
        r#"{"interval": {"latest": "-2"}}"#,
        r#"delivery_time.interval.latest: "-2" is not a whole number of days"#,
    );
    check(
        r#"{"interval": {"latest": ""}}"#,
        r#"delivery_time.interval.latest: "" is not a whole number of days"#,
    );
    check(
        r#"{"interval": {"earliest": "2.5"}}"#,
        r#"delivery_time.interval.earliest: "2.5" is not a whole number of days"#,
    );
    check(
        r#"{"interval": {"earliest": "99999999999"}}"#,
        r#"delivery_time.interval.earliest: "99999999999" is not a whole number of days"#,
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn unparsable_instants_are_errors() {
    check(
        r#"{"earliest": "tomorrow"}"#,
        r#"delivery_time.earliest: "tomorrow" is not an RFC 3339 instant"#,
    );
    check(
        r#"{"latest": "2026-03-05"}"#,
        r#"delivery_time.latest: "2026-03-05" is not an RFC 3339 instant"#,
    );
    check(
        r#"{"interval": {"earliest": "2"}, "cutoff": "14:00"}"#,
        r#"delivery_time.cutoff: "14:00" is not an RFC 3339 instant"#,
    );
    check(
        r#"{"interval": {"earliest": "2"}, "time_of_day": {"earliest": "2026-03-02T17:00:00+01:00", "latest": "18"}}"#,
        r#"delivery_time.time_of_day.latest: "18" is not an RFC 3339 instant"#,
    );
    check(
        r#"{"earliest": "2026-02-30T12:00:00+01:00"}"#,
        r#"delivery_time.earliest: "2026-02-30T12:00:00+01:00" is not an RFC 3339 instant"#,
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn bad_offsets_are_errors() {
    check(
        r#"{"interval": {"earliest": "2", "utc_offset_in_seconds": "CET"}}"#,
        r#"delivery_time.interval.utc_offset_in_seconds: "CET" is not a UTC offset in seconds (within ±24 hours)"#,
    );
    check(
        r#"{"interval": {"earliest": "2", "utc_offset_in_seconds": "86400"}}"#,
        r#"delivery_time.interval.utc_offset_in_seconds: "86400" is not a UTC offset in seconds (within ±24 hours)"#,
    );
}

/// A bad field is reported even where the rules would not have used it: a carrier mapping bug
/// should surface, not hide behind a lucky branch.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn unused_bad_fields_are_still_errors() {
    check(
        r#"{"earliest": "2026-03-05T12:00:00+01:00", "interval": {"latest": "x"}}"#,
        r#"delivery_time.interval.latest: "x" is not a whole number of days"#,
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn negative_offsets_west_of_utc_work() {
    // 08:00Z is 03:00 on the same day at -05:00; the cutoff at 20:00Z reads 15:00 there.
    let delivery_time: DeliveryTime = serde_json::from_str(
        r#"{"interval": {"earliest": "2", "utc_offset_in_seconds": "-18000"}, "cutoff": "2026-03-02T20:00:00Z"}"#,
    )
    .expect("valid JSON");
    let now = DateTime::parse_from_rfc3339("2026-03-02T08:00:00Z").expect("valid now");
    assert_eq!(
        render_delivery_time(&delivery_time, now, "en"),
        Ok(Some(
            "Delivered after 2 business days, if ordered before 15:00".to_owned()
        ))
    );
}
