//! `POST /v1/delivery-options` bodies: valid ones become a `Quote`, bad ones an error naming the
//! field. Runs natively and as wasm.

use shared::model::{from_json, Currency};
use shared::quote::{Country, DeliveryOptionsRequest, Parcel, Quote, Recipient};
use shared::{Error, Locale};

fn validate(json: &str) -> Result<Quote, Error> {
    from_json::<DeliveryOptionsRequest>(json)?.validate()
}

/// A request body with `recipient` and `parcels` replaced by the given JSON fragments.
fn body(recipient: &str, parcels: &str) -> String {
    format!(r#"{{"recipient": {recipient}, "parcels": {parcels}}}"#)
}

fn refused_each<'a>(cases: impl Iterator<Item = (String, &'a str)>) {
    for (json, expected) in cases {
        refused(&json, expected);
    }
}

fn refused(json: &str, expected: &str) {
    match validate(json) {
        Err(error) => assert_eq!(error.to_string(), expected, "body {json}"),
        Ok(quote) => panic!("body {json} was accepted as {quote:?}, expected {expected:?}"),
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn the_documented_example_is_accepted_exactly() {
    let quote = validate(
        r#"{"recipient": {"country": "NO", "postal_code": "0150", "street_address": "Biskop Gunnerus' gate 14", "city": "Oslo"},
            "parcels": [{"weight_grams": 1200, "length_cm": 30, "width_cm": 20, "height_cm": 10}],
            "order_value": 49900, "currency": "NOK", "locale": "nb", "extra": {"ignored": true}}"#,
    )
    .expect("valid");
    assert_eq!(
        quote,
        Quote {
            recipient: Recipient {
                country: Country::No,
                postal_code: "0150".to_owned(),
                street_address: Some("Biskop Gunnerus' gate 14".to_owned()),
                city: Some("Oslo".to_owned()),
            },
            parcels: vec![Parcel {
                weight_grams: 1200,
                length_cm: Some(30),
                width_cm: Some(20),
                height_cm: Some(10)
            }],
            order_value: 49900,
            currency: Currency::NOK,
            locale: Locale::Nb,
        }
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn defaults_follow_the_country_and_postal_codes_are_normalized() {
    let cases = [
        (
            r#"{"country": "se", "postal_code": "111 34"}"#,
            Country::Se,
            "11134",
            Currency::SEK,
            Locale::Sv,
        ),
        (
            r#"{"country": "SE", "postal_code": "11134"}"#,
            Country::Se,
            "11134",
            Currency::SEK,
            Locale::Sv,
        ),
        (
            r#"{"country": "DK", "postal_code": " 2100 "}"#,
            Country::Dk,
            "2100",
            Currency::DKK,
            Locale::Da,
        ),
        (
            r#"{"country": "FI", "postal_code": "00100"}"#,
            Country::Fi,
            "00100",
            Currency::EUR,
            Locale::Fi,
        ),
        (
            r#"{"country": "NO", "postal_code": "9990"}"#,
            Country::No,
            "9990",
            Currency::NOK,
            Locale::Nb,
        ),
    ];
    for (recipient, country, postal_code, currency, locale) in cases {
        let quote = validate(&body(recipient, r#"[{"weight_grams": 1}]"#)).expect(recipient);
        assert_eq!(quote.recipient.country, country, "{recipient}");
        assert_eq!(quote.recipient.postal_code, postal_code, "{recipient}");
        assert_eq!(quote.currency, currency, "{recipient}");
        assert_eq!(quote.locale, locale, "{recipient}");
        assert_eq!(quote.order_value, 0, "{recipient}");
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn bad_recipients_name_the_field() {
    let parcels = r#"[{"weight_grams": 1000}]"#;
    let cases = [
        (
            r#"{"country": "US", "postal_code": "0150"}"#,
            "recipient.country: must be one of NO, SE, DK, FI",
        ),
        (
            r#"{"country": "", "postal_code": "0150"}"#,
            "recipient.country: must be one of NO, SE, DK, FI",
        ),
        (
            r#"{"country": "NO", "postal_code": "150"}"#,
            "recipient.postal_code: must be 4 digits for NO",
        ),
        (
            r#"{"country": "NO", "postal_code": "01500"}"#,
            "recipient.postal_code: must be 4 digits for NO",
        ),
        (
            r#"{"country": "DK", "postal_code": "21OO"}"#,
            "recipient.postal_code: must be 4 digits for DK",
        ),
        (
            r#"{"country": "FI", "postal_code": "0010"}"#,
            "recipient.postal_code: must be 5 digits for FI",
        ),
        (
            r#"{"country": "FI", "postal_code": "001 00"}"#,
            "recipient.postal_code: must be 5 digits for FI",
        ),
        (
            r#"{"country": "SE", "postal_code": "11 134"}"#,
            "recipient.postal_code: must be 5 digits, optionally written `123 45` for SE",
        ),
        (
            r#"{"country": "SE", "postal_code": "1113"}"#,
            "recipient.postal_code: must be 5 digits, optionally written `123 45` for SE",
        ),
    ];
    refused_each(
        cases
            .iter()
            .map(|(recipient, expected)| (body(recipient, parcels), *expected)),
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn bad_parcels_name_the_field() {
    let recipient = r#"{"country": "NO", "postal_code": "0150"}"#;
    let too_many = format!("[{}]", vec![r#"{"weight_grams": 1}"#; 21].join(","));
    let cases = [
        ("[]", "parcels: must list at least one parcel"),
        (too_many.as_str(), "parcels: must list at most 20 parcels"),
        (
            r#"[{"weight_grams": 0}]"#,
            "parcels[0].weight_grams: must be a positive whole number",
        ),
        (
            r#"[{"weight_grams": -5}]"#,
            "parcels[0].weight_grams: must be a positive whole number",
        ),
        (
            r#"[{"weight_grams": 100}, {"weight_grams": 5000000000}]"#,
            "parcels[1].weight_grams: must be a positive whole number",
        ),
        (
            r#"[{"weight_grams": 100, "height_cm": 0}]"#,
            "parcels[0].height_cm: must be a positive whole number",
        ),
    ];
    refused_each(
        cases
            .iter()
            .map(|(parcels, expected)| (body(recipient, parcels), *expected)),
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn bad_bodies_name_the_field() {
    let recipient = r#"{"country": "NO", "postal_code": "0150"}"#;
    refused(
        &format!(
            r#"{{"recipient": {recipient}, "parcels": [{{"weight_grams": 1}}], "order_value": -1}}"#
        ),
        "order_value: must not be negative",
    );
    refused(
        &format!(
            r#"{{"recipient": {recipient}, "parcels": [{{"weight_grams": 1}}], "currency": "kroner"}}"#
        ),
        "currency: must be a three-letter ISO 4217 code such as NOK",
    );
    refused(
        r#"{"parcels": [{"weight_grams": 1}]}"#,
        "at `recipient`: missing field `recipient` at line 1 column 34",
    );
    refused(
        &body(recipient, r#"[{"weight_grams": "heavy"}]"#),
        "at `parcels[0].weight_grams`: invalid type: string \"heavy\", expected i64 at line 1 column 92",
    );
    refused("{not json", "key must be a string at line 1 column 2");
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn local_time_follows_daylight_saving_per_country() {
    use chrono::DateTime;
    let winter = DateTime::parse_from_rfc3339("2026-03-28T12:00:00Z").expect("valid");
    let summer = DateTime::parse_from_rfc3339("2026-03-29T12:00:00Z").expect("valid");
    let cases = [
        (Country::No, &winter, "2026-03-28T13:00:00+01:00"),
        (Country::No, &summer, "2026-03-29T14:00:00+02:00"),
        (Country::Se, &summer, "2026-03-29T14:00:00+02:00"),
        (Country::Dk, &winter, "2026-03-28T13:00:00+01:00"),
        (Country::Fi, &winter, "2026-03-28T14:00:00+02:00"),
        (Country::Fi, &summer, "2026-03-29T15:00:00+03:00"),
    ];
    for (country, instant, expected) in cases {
        assert_eq!(
            country.local_time(instant).to_rfc3339(),
            expected,
            "{country:?} at {instant}"
        );
    }
}
