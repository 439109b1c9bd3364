//! The Bring Shipping Guide request: the exact JSON body and headers, the shipping date around
//! the cutoff and weekends, the language, the services per country, and the shop's configuration.

mod support;

use serde_json::{json, Value};
use shared::carriers::bring::{products_request, BringConfig};
use shared::carriers::{Method, OutboundRequest};
use shared::quote::Quote;
use support::bring::{config, credentials, request_headers, CONFIG};
use support::{at, quote};

/// Recipient of Bring's own example (callingsg.md): Testsvingen 2, 5518.
fn norwegian_quote() -> Quote {
    quote(json!({
        "recipient": { "country": "NO", "postal_code": "5518", "street_address": "Testsvingen 2", "city": "Haugesund" },
        "parcels": [
            { "weight_grams": 1200, "length_cm": 30, "width_cm": 20, "height_cm": 10 },
            { "weight_grams": 250 }
        ]
    }))
}

fn body(request: &OutboundRequest) -> Value {
    serde_json::from_str(request.body.as_deref().expect("a body")).expect("the body is JSON")
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn request_before_cutoff_is_exact() {
    // Wednesday 13 March 2024, 10:36 in Oslo (UTC+1): before the 17:00 cutoff, handed over today
    // at the cutoff (the config names no handover time), never at the moment of asking.
    let request = products_request(
        &norwegian_quote(),
        &config(),
        &credentials(),
        at("2024-03-13T09:36:00Z"),
    );
    assert_eq!(request.method, Method::Post);
    assert_eq!(
        request.url,
        "https://api.bring.com/shippingguide/api/v2/products"
    );
    assert_eq!(
        request.headers,
        request_headers(&[("Content-Type", "application/json")])
    );
    assert_eq!(
        body(&request),
        json!({
            "consignments": [{
                "id": "1",
                "fromCountryCode": "NO",
                "fromPostalCode": "0015",
                "toCountryCode": "NO",
                "toPostalCode": "5518",
                "addressLine": "Testsvingen 2",
                "toCity": "Haugesund",
                "shippingDate": { "year": "2024", "month": "03", "day": "13", "hour": "17", "minute": "00" },
                "packages": [
                    { "id": "1", "grossWeight": 1200, "length": 30, "width": 20, "height": 10 },
                    { "id": "2", "grossWeight": 250 }
                ],
                "products": [
                    { "id": "5800", "customerNumber": "123456789" },
                    { "id": "5600", "customerNumber": "123456789" },
                    { "id": "3584", "customerNumber": "123456789" }
                ]
            }],
            "language": "NO",
            "withPrice": true,
            "withExpectedDelivery": true,
            "withGuiInformation": true,
            "withEnvironmentalData": true,
            "numberOfAlternativeDeliveryDates": 3,
            "withUniqueAlternateDeliveryDates": true
        })
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn request_after_cutoff_ships_the_next_working_day() {
    // Wednesday 18:15 in Oslo: too late for today, so Thursday at the cutoff time.
    let request = products_request(
        &norwegian_quote(),
        &config(),
        &credentials(),
        at("2024-03-13T17:15:00Z"),
    );
    let mut expected = body(&products_request(
        &norwegian_quote(),
        &config(),
        &credentials(),
        at("2024-03-13T09:36:00Z"),
    ));
    expected["consignments"][0]["shippingDate"] =
        json!({ "year": "2024", "month": "03", "day": "14", "hour": "17", "minute": "00" });
    assert_eq!(body(&request), expected);
}

/// The `shippingDate` an order at `now` is sent with.
fn check_shipping_date(now: &str, expected: [&str; 5]) {
    let request = products_request(&norwegian_quote(), &config(), &credentials(), at(now));
    let [year, month, day, hour, minute] = expected;
    assert_eq!(
        body(&request)["consignments"][0]["shippingDate"],
        json!({ "year": year, "month": month, "day": day, "hour": hour, "minute": minute }),
        "order at {now}"
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn shipping_date_follows_cutoff_weekends_and_daylight_saving() {
    let cases = [
        // Wednesday, Oslo in winter time (UTC+1): today, at the handover (here the cutoff).
        ("2024-03-13T09:36:00Z", ["2024", "03", "13", "17", "00"]),
        ("2024-03-13T15:59:00Z", ["2024", "03", "13", "17", "00"]),
        // At the cutoff is too late: the order must come before it.
        ("2024-03-13T16:00:00Z", ["2024", "03", "14", "17", "00"]),
        ("2024-03-13T22:30:00Z", ["2024", "03", "14", "17", "00"]),
        // 00:30 on Thursday in Oslo (still Wednesday in UTC) is early on a working day.
        ("2024-03-13T23:30:00Z", ["2024", "03", "14", "17", "00"]),
        // Friday after the cutoff, Saturday and Sunday all ship on Monday.
        ("2024-03-15T17:15:00Z", ["2024", "03", "18", "17", "00"]),
        ("2024-03-16T09:00:00Z", ["2024", "03", "18", "17", "00"]),
        ("2024-03-17T20:00:00Z", ["2024", "03", "18", "17", "00"]),
        // Summer time (UTC+2): the cutoff is 15:00 UTC.
        ("2024-06-12T14:59:00Z", ["2024", "06", "12", "17", "00"]),
        ("2024-06-12T15:00:00Z", ["2024", "06", "13", "17", "00"]),
        // New Year's Eve after the cutoff: the next working day is in the next year, and it is
        // the 2nd, as New Year's Day is a holiday.
        ("2024-12-31T16:30:00Z", ["2025", "01", "02", "17", "00"]),
    ];
    for (now, expected) in cases {
        check_shipping_date(now, expected);
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn shipping_date_skips_the_sender_s_holidays() {
    // The sender is in Norway (the config's `from_country`).
    let cases = [
        // Monday 17 May 2027, Constitution Day and Whit Monday, 09:00 in Oslo: no parcel leaves
        // before Tuesday's cutoff.
        ("2027-05-17T07:00:00Z", ["2027", "05", "18", "17", "00"]),
        // Friday 14 May 2027 after the cutoff: the weekend and the Monday holiday are skipped.
        ("2027-05-14T16:00:00Z", ["2027", "05", "18", "17", "00"]),
        // Easter 2026: Wednesday after the cutoff, Maundy Thursday to Easter Monday are off.
        ("2026-04-01T16:00:00Z", ["2026", "04", "07", "17", "00"]),
        ("2026-04-06T08:00:00Z", ["2026", "04", "07", "17", "00"]),
        // Christmas Eve morning, a Thursday: off, as are the 25th and the weekend.
        ("2026-12-24T08:00:00Z", ["2026", "12", "28", "17", "00"]),
        // The day before a holiday, before the cutoff, still ships that day.
        ("2026-12-23T08:00:00Z", ["2026", "12", "23", "17", "00"]),
    ];
    for (now, expected) in cases {
        check_shipping_date(now, expected);
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn the_shipping_date_is_the_handover_never_the_moment_of_asking() {
    // Bring's best-practice example: cut-off 17:00, Bring's pickup at 21:00.
    let mut config = config();
    config.handover = Some(chrono::NaiveTime::from_hms_opt(21, 0, 0).expect("a time"));
    let date = |now: &str| {
        body(&products_request(
            &norwegian_quote(),
            &config,
            &credentials(),
            at(now),
        ))["consignments"][0]["shippingDate"]
            .clone()
    };
    let expect = |day: &str| json!({ "year": "2024", "month": "03", "day": day, "hour": "21", "minute": "00" });
    // 14:32 (before the cutoff): today at 21:00; 19:17 (after): tomorrow at 21:00.
    assert_eq!(date("2024-03-13T13:32:00Z"), expect("13"));
    assert_eq!(date("2024-03-13T18:17:00Z"), expect("14"));
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn language_follows_the_locale() {
    let cases = [
        ("nb-NO", "NO"),
        ("no", "NO"),
        ("sv-SE", "SE"),
        ("da", "DK"),
        ("en-GB", "EN"),
        ("fi", "EN"),
        ("de", "EN"),
    ];
    for (locale, expected) in cases {
        let quote = quote(json!({
            "recipient": { "country": "NO", "postal_code": "0173" },
            "parcels": [{ "weight_grams": 500 }],
            "locale": locale
        }));
        let request = products_request(
            &quote,
            &config(),
            &credentials(),
            at("2024-03-13T09:36:00Z"),
        );
        assert_eq!(
            body(&request)["language"],
            json!(expected),
            "locale {locale}"
        );
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn services_are_the_ones_offered_to_the_recipient_country() {
    let mut config = config();
    config.customer_number = None;
    config.alternative_dates = 0;
    let swedish = quote(json!({
        "recipient": { "country": "SE", "postal_code": "111 34" },
        "parcels": [{ "weight_grams": 500 }]
    }));
    let request = products_request(
        &swedish,
        &config,
        &credentials(),
        at("2024-03-13T09:36:00Z"),
    );
    let body = body(&request);
    let consignment = &body["consignments"][0];
    assert_eq!(consignment["toCountryCode"], json!("SE"));
    assert_eq!(consignment["toPostalCode"], json!("11134"));
    // No street and no city given: neither field is sent.
    assert_eq!(consignment.get("addressLine"), None);
    assert_eq!(consignment.get("toCity"), None);
    // No customer number: Bring returns list prices only.
    assert_eq!(
        consignment["products"],
        json!([{ "id": "0340" }, { "id": "0349" }])
    );
    assert_eq!(body["language"], json!("SE"));
    assert_eq!(body["numberOfAlternativeDeliveryDates"], json!(0));
    assert_eq!(body.get("withUniqueAlternateDeliveryDates"), None);

    let finnish = shared::quote::Country::Fi;
    assert!(config.services_for(finnish).is_empty());
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn credentials_go_only_into_headers() {
    let credentials = credentials();
    let request = products_request(
        &norwegian_quote(),
        &config(),
        &credentials,
        at("2024-03-13T09:36:00Z"),
    );
    let body = request.body.as_deref().unwrap_or_default();
    for secret in [&credentials.uid, &credentials.key] {
        assert!(!request.url.contains(secret.as_str()));
        assert!(!body.contains(secret.as_str()));
    }
    assert_eq!(format!("{credentials:?}"), "BringCredentials { .. }");
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn config_defaults_apply() {
    let config = config();
    assert_eq!(config.pickup_points, 10);
    assert!(!config.use_net_price);
    assert_eq!(
        config.posten_logo_url,
        "https://developer.bring.com/images/checkout/posten/Posten_logo.svg"
    );
    assert_eq!(
        config.bring_logo_url,
        "https://developer.bring.com/images/checkout/bring/Bring_logo.svg"
    );
}

/// `field: value` replaced in the config fixture must be refused at `path` with `message`.
fn check_config_error(field: &str, value: Value, path: &str, message: &str) {
    let mut config: Value = serde_json::from_str(CONFIG).expect("the config fixture is JSON");
    config[field] = value;
    let text = config.to_string();
    let mut deserializer = serde_json::Deserializer::from_str(&text);
    let error = serde_path_to_error::deserialize::<_, BringConfig>(&mut deserializer)
        .expect_err("the config is refused");
    assert_eq!(error.path().to_string(), path, "{field}");
    let inner = error.inner().to_string();
    assert!(inner.starts_with(message), "{field}: {inner}");
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn bad_config_is_refused_naming_the_field() {
    let cases = [
        (
            "cutoff",
            json!("25:00"),
            "cutoff",
            "`25:00` is not a time of day written HH:MM",
        ),
        (
            "cutoff",
            json!("5pm"),
            "cutoff",
            "`5pm` is not a time of day written HH:MM",
        ),
        (
            "cutoff",
            json!("7:5"),
            "cutoff",
            "`7:5` is not a time of day written HH:MM",
        ),
        (
            "from_country",
            json!("US"),
            "from_country",
            "`US` is not one of NO, SE, DK, FI",
        ),
        (
            "alternative_dates",
            json!(10),
            "alternative_dates",
            "10 is more than Bring's maximum of 9",
        ),
        (
            "pickup_points",
            json!(0),
            "pickup_points",
            "must be at least 1",
        ),
        (
            "services",
            json!({ "NO": ["5800"], "US": ["5800"] }),
            "services.US",
            "unknown field `US`",
        ),
        (
            "services",
            json!({ "NO": [5800] }),
            "services.NO[0]",
            "invalid type: integer `5800`, expected a string",
        ),
        (
            "cut_off",
            json!("17:00"),
            "cut_off",
            "unknown field `cut_off`",
        ),
    ];
    for (field, value, path, message) in cases {
        check_config_error(field, value, path, message);
    }
}

/// Each service is asked with its own customer number when the shop's agreement gives it one,
/// else with the shop's.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn each_service_is_asked_with_its_customer_number() {
    let mut config = config();
    config
        .customer_numbers
        .insert("5600".to_owned(), "20000002".to_owned());
    let products = body(&products_request(
        &norwegian_quote(),
        &config,
        &credentials(),
        at("2024-03-13T09:36:00Z"),
    ))["consignments"][0]["products"]
        .clone();
    assert_eq!(
        products,
        json!([
            { "id": "5800", "customerNumber": "123456789" },
            { "id": "5600", "customerNumber": "20000002" },
            { "id": "3584", "customerNumber": "123456789" },
        ])
    );
}
