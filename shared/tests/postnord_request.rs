//! PostNord requests, exactly: Delivery Options (URL with the encoded `apikey`, headers, the JSON
//! body with today's cutoff in the warehouse's offset), Service Points v5 and the OAuth token.
//! Runs natively and as wasm.

mod support;

use serde_json::{json, Value};
use shared::carriers::postnord::{
    delivery_options_request, service_points_request, token_request, ClientCredentials, PickupKind,
    PostNordConfig,
};
use shared::carriers::{Method, OutboundRequest};
use support::postnord::{config, swedish_quote, APIKEY, CLIENT_ID, CLIENT_SECRET, CONFIG};
use support::{at, quote};

const DELIVERY_OPTIONS_URL: &str =
    "https://atapi2.postnord.com/rest/shipment/v1/deliveryoptions/bywarehouse";
/// `APIKEY` form-encoded: `+`, `/`, `=` and `&` would otherwise change the query's meaning.
const ENCODED_APIKEY: &str = "k3y%2Bwith%2Fodd%3Dchars%26more";

/// The configuration with one field replaced.
fn config_with(pointer: &str, value: Value) -> PostNordConfig {
    let mut json: Value = serde_json::from_str(CONFIG).expect("config is JSON");
    *json.pointer_mut(pointer).expect("pointer exists") = value;
    PostNordConfig::from_json(&json.to_string()).expect("changed config parses")
}

fn body_json(request: &OutboundRequest) -> Value {
    serde_json::from_str(request.body.as_deref().expect("a body")).expect("body is JSON")
}

fn headers(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(name, value)| (name.to_string(), value.to_string()))
        .collect()
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn delivery_options_request_is_exact() {
    let request = delivery_options_request(
        &swedish_quote(),
        &config(),
        APIKEY,
        "req-0001",
        at("2025-09-12T06:00:00Z"),
    );
    assert_eq!(request.method, Method::Post);
    assert_eq!(
        request.url,
        format!("{DELIVERY_OPTIONS_URL}?apikey={ENCODED_APIKEY}")
    );
    assert_eq!(
        request.headers,
        headers(&[
            ("Content-Type", "application/json"),
            ("Accept", "application/json"),
            ("Accept-Language", "sv"),
            ("X-External-Request-ID", "req-0001"),
        ])
    );
    assert_eq!(
        body_json(&request),
        json!({
            "customer": { "customerKey": "ExampleShop" },
            "warehouses": [{
                "id": "warehouse1",
                "address": {
                    "street": "Terminalvägen 24",
                    "postCode": "17173",
                    "city": "Solna",
                    "countryCode": "SE"
                },
                "orderHandling": { "timeOfLatestOrder": "2025-09-12T15:00:00+02:00" }
            }],
            "recipient": {
                "address": {
                    "countryCode": "SE",
                    "postCode": "41104",
                    "city": "Göteborg",
                    "street": "Kruthusgatan 19"
                }
            },
            "parcelInfo": { "length": 230, "width": 100, "height": 100, "weight": 500 },
            "filter": {
                "deliveryTypes": ["home", "parcel-locker", "service-point", "mailbox", "express-mailbox"]
            },
            "preferences": {
                "servicePoint": { "numberOfAdditionalOptions": 3 },
                "parcelLocker": { "numberOfAdditionalOptions": 2 }
            }
        })
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_minimal_configuration_and_quote_send_only_what_is_known() {
    let mut json: Value = serde_json::from_str(CONFIG).expect("config is JSON");
    let object = json.as_object_mut().expect("config is an object");
    for optional in [
        "delivery_types",
        "additional_service_points",
        "additional_parcel_lockers",
    ] {
        object.remove(optional);
    }
    let config = PostNordConfig::from_json(&json.to_string()).expect("minimal config parses");
    let quote = quote(
        r#"{"recipient": {"country": "SE", "postal_code": "41104"}, "parcels": [{"weight_grams": 1200}]}"#,
    );
    let request =
        delivery_options_request(&quote, &config, "plainkey", "r", at("2025-09-12T06:00:00Z"));
    assert_eq!(
        request.url,
        format!("{DELIVERY_OPTIONS_URL}?apikey=plainkey")
    );
    let body = body_json(&request);
    assert_eq!(
        body["recipient"],
        json!({ "address": { "countryCode": "SE", "postCode": "41104" } })
    );
    assert_eq!(body["parcelInfo"], json!({ "weight": 1200 }));
    assert_eq!(body.get("filter"), None);
    assert_eq!(body.get("preferences"), None);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_street_or_city_longer_than_the_schema_takes_is_left_out() {
    // The schema's `Address`: `street` at most 150 characters, `city` at most 200; PostNord
    // refuses a longer one with the whole request.
    let street = |n: usize| format!("Kruthusgatan {}", "9".repeat(n - 13));
    let city = |n: usize| "Å".repeat(n);
    let cases = [
        (
            street(150),
            city(200),
            json!({ "countryCode": "SE", "postCode": "41104", "street": street(150), "city": city(200) }),
        ),
        (
            street(151),
            city(200),
            json!({ "countryCode": "SE", "postCode": "41104", "city": city(200) }),
        ),
        (
            street(150),
            city(201),
            json!({ "countryCode": "SE", "postCode": "41104", "street": street(150) }),
        ),
    ];
    for (street, city, expected) in cases {
        let quote = quote(
            json!({
                "recipient": { "country": "SE", "postal_code": "41104", "street_address": street, "city": city },
                "parcels": [{ "weight_grams": 1200 }],
            })
            .to_string(),
        );
        let request =
            delivery_options_request(&quote, &config(), APIKEY, "r", at("2025-09-12T06:00:00Z"));
        assert_eq!(body_json(&request)["recipient"]["address"], expected);
    }
}

/// `now` → the `timeOfLatestOrder` sent: always today's date at the warehouse, in its offset.
fn check_cutoff(config: &PostNordConfig, now: &str, expected: &str) {
    let request = delivery_options_request(&swedish_quote(), config, APIKEY, "r", at(now));
    assert_eq!(
        body_json(&request)["warehouses"][0]["orderHandling"],
        json!({ "timeOfLatestOrder": expected }),
        "now {now}"
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn the_cutoff_is_today_in_the_warehouse_offset() {
    let config = config();
    let cases = [
        // Summer, before the cutoff.
        ("2025-09-12T06:00:00Z", "2025-09-12T15:00:00+02:00"),
        // After it: still today's date; PostNord moves the pickup to tomorrow itself.
        ("2025-09-12T14:00:00Z", "2025-09-12T15:00:00+02:00"),
        // 00:30 in Stockholm is already the next day there.
        ("2025-09-12T22:30:00Z", "2025-09-13T15:00:00+02:00"),
        // Winter time.
        ("2025-01-15T22:30:00Z", "2025-01-15T15:00:00+01:00"),
        // The day clocks go forward, and the day they go back.
        ("2025-03-30T10:00:00Z", "2025-03-30T15:00:00+02:00"),
        ("2025-10-26T10:00:00Z", "2025-10-26T15:00:00+01:00"),
    ];
    for (now, expected) in cases {
        check_cutoff(&config, now, expected);
    }
    // A Finnish warehouse sends in Helsinki's offset.
    let finnish = config_with("/warehouse/address/country_code", json!("FI"));
    check_cutoff(
        &finnish,
        "2025-11-03T08:00:00Z",
        "2025-11-03T15:00:00+02:00",
    );
    // 02:30 does not exist in Stockholm on 30 March 2025; the first instant after the gap is sent.
    let in_gap = config_with("/cutoff", json!("02:30"));
    check_cutoff(&in_gap, "2025-03-30T10:00:00Z", "2025-03-30T03:30:00+02:00");
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn on_a_holiday_today_s_date_is_sent_and_no_cutoff_is_shown() {
    // The spec wants today's date in `timeOfLatestOrder` on every day; PostNord moves its own
    // pickup past days it does not collect. The shopper is shown no cutoff on such a day.
    let config = config();
    let cases = [
        // (now, timeOfLatestOrder sent, cutoff shown)
        // An ordinary Wednesday morning in Stockholm, and the same day after the cutoff.
        (
            "2026-06-17T06:00:00Z",
            "2026-06-17T15:00:00+02:00",
            Some("2026-06-17T15:00:00+02:00"),
        ),
        ("2026-06-17T13:00:00Z", "2026-06-17T15:00:00+02:00", None),
        // Midsummer Eve 2026, a Friday morning: a holiday at the Swedish warehouse.
        ("2026-06-19T06:00:00Z", "2026-06-19T15:00:00+02:00", None),
        // Christmas Eve and Epiphany mornings.
        ("2026-12-24T07:00:00Z", "2026-12-24T15:00:00+01:00", None),
        ("2027-01-06T07:00:00Z", "2027-01-06T15:00:00+01:00", None),
        // A Saturday morning: nothing is collected today either.
        ("2026-06-20T06:00:00Z", "2026-06-20T15:00:00+02:00", None),
        // 17 May is a holiday in Norway, not in Sweden.
        (
            "2027-05-17T06:00:00Z",
            "2027-05-17T15:00:00+02:00",
            Some("2027-05-17T15:00:00+02:00"),
        ),
    ];
    for (now, sent, shown) in cases {
        check_cutoff(&config, now, sent);
        let ahead = config.cutoff_ahead(at(now)).map(|c| c.to_rfc3339());
        assert_eq!(ahead.as_deref(), shown, "now {now}");
    }
    // A Norwegian warehouse on 17 May: today's date is sent, no cutoff is shown.
    let norwegian = config_with("/warehouse/address/country_code", json!("NO"));
    check_cutoff(
        &norwegian,
        "2027-05-17T06:00:00Z",
        "2027-05-17T15:00:00+02:00",
    );
    assert_eq!(norwegian.cutoff_ahead(at("2027-05-17T06:00:00Z")), None);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn texts_are_asked_for_in_a_language_postnord_writes() {
    let cases = [
        ("sv-SE", "sv"),
        ("nb", "no"),
        ("nn-NO", "no"),
        ("da", "da"),
        ("fi", "fi"),
        ("en-GB", "en"),
        ("de", "en"),
    ];
    for (locale, expected) in cases {
        let quote = quote(format!(
            r#"{{"recipient": {{"country": "SE", "postal_code": "41104"}}, "parcels": [{{"weight_grams": 1}}], "locale": "{locale}"}}"#
        ));
        let request =
            delivery_options_request(&quote, &config(), APIKEY, "r", at("2025-09-12T06:00:00Z"));
        let language = request
            .headers
            .iter()
            .find(|(name, _)| name == "Accept-Language")
            .map(|(_, value)| value.as_str());
        assert_eq!(language, Some(expected), "locale {locale}");
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn several_parcels_send_the_largest_of_each_measure() {
    let cases = [
        (
            r#"[{"weight_grams": 500, "length_cm": 23, "width_cm": 10, "height_cm": 10},
                {"weight_grams": 2000, "length_cm": 30, "width_cm": 5, "height_cm": 8}]"#,
            json!({ "length": 300, "width": 100, "height": 100, "weight": 2000 }),
        ),
        // One parcel without dimensions: no dimensions are claimed for the shipment.
        (
            r#"[{"weight_grams": 500, "length_cm": 23, "width_cm": 10, "height_cm": 10},
                {"weight_grams": 200}]"#,
            json!({ "weight": 500 }),
        ),
        (
            r#"[{"weight_grams": 750, "length_cm": 23, "width_cm": 10}]"#,
            json!({ "weight": 750 }),
        ),
    ];
    for (parcels, expected) in cases {
        let quote = quote(format!(
            r#"{{"recipient": {{"country": "SE", "postal_code": "41104"}}, "parcels": {parcels}}}"#
        ));
        let request =
            delivery_options_request(&quote, &config(), APIKEY, "r", at("2025-09-12T06:00:00Z"));
        assert_eq!(
            body_json(&request)["parcelInfo"],
            expected,
            "parcels {parcels}"
        );
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn service_points_request_is_exact() {
    let cases = [
        (
            swedish_quote(),
            PickupKind::ServicePoint,
            5,
            "returnType=json&countryCode=SE&postalCode=41104&city=G%C3%B6teborg\
             &streetName=Kruthusgatan&streetNumber=19&numberOfServicePoints=5\
             &context=optionalservicepoint&typeId=4%2C6%2C24%2C25%2C37%2C38%2C44%2C46%2C54%2C61",
        ),
        (
            quote(
                r#"{"recipient": {"country": "NO", "postal_code": "0150", "street_address": "Biskop Gunnerus' gate 14A"}, "parcels": [{"weight_grams": 1}]}"#,
            ),
            PickupKind::ParcelLocker,
            10,
            "returnType=json&countryCode=NO&postalCode=0150\
             &streetName=Biskop+Gunnerus%27+gate&streetNumber=14A&numberOfServicePoints=10\
             &context=optionalservicepoint&typeId=2",
        ),
        (
            quote(
                r#"{"recipient": {"country": "DK", "postal_code": "1050", "street_address": "Kongens Nytorv"}, "parcels": [{"weight_grams": 1}]}"#,
            ),
            PickupKind::ServicePoint,
            3,
            "returnType=json&countryCode=DK&postalCode=1050&streetName=Kongens+Nytorv\
             &numberOfServicePoints=3&context=optionalservicepoint\
             &typeId=4%2C6%2C24%2C25%2C37%2C38%2C44%2C46%2C54%2C61",
        ),
    ];
    for (quote, kind, count, query) in cases {
        let request = service_points_request(&quote, &config(), APIKEY, "req-0002", kind, count);
        assert_eq!(request.method, Method::Get);
        assert_eq!(
            request.url,
            format!(
                "https://atapi2.postnord.com/rest/businesslocation/v5/servicepoints/nearest/byaddress?{query}&apikey={ENCODED_APIKEY}"
            )
        );
        assert_eq!(
            request.headers,
            headers(&[
                ("Accept", "application/json"),
                ("X-External-Request-ID", "req-0002")
            ])
        );
        assert_eq!(request.body, None);
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn token_request_is_the_guides_form_post() {
    let credentials = ClientCredentials {
        client_id: CLIENT_ID.to_owned(),
        client_secret: "a b&c=d".to_owned(),
    };
    let request = token_request(&config(), &credentials);
    assert_eq!(
        request,
        OutboundRequest {
            method: Method::Post,
            url: "https://account.postnord.com/oauth2/token".to_owned(),
            headers: headers(&[
                ("Content-Type", "application/x-www-form-urlencoded"),
                ("Accept", "application/json"),
            ]),
            body: Some(
                "grant_type=client_credentials&client_id=example-client&client_secret=a+b%26c%3Dd"
                    .to_owned()
            ),
        }
    );
    // The secret is in the body, which is its only place.
    let plain = token_request(
        &config(),
        &ClientCredentials {
            client_id: CLIENT_ID.to_owned(),
            client_secret: CLIENT_SECRET.to_owned(),
        },
    );
    assert!(plain
        .body
        .as_deref()
        .is_some_and(|b| b.ends_with(CLIENT_SECRET)));
    assert!(!plain.url.contains(CLIENT_SECRET));
}

/// `customer_key` is checked when the configuration is read, against the OpenAPI's pattern
/// (`^[a-zA-Z0-9åäöÅÄÖ\-_]+$`, at most 64), so a wrong one is a start-up error naming the field,
/// not a PostNord refusal at every question.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn the_customer_key_follows_postnords_pattern() {
    let read = |key: &str| {
        let mut json: Value = serde_json::from_str(CONFIG).expect("config is JSON");
        json["customer_key"] = Value::String(key.to_owned());
        PostNordConfig::from_json(&json.to_string())
            .map(|config| config.customer_key)
            .map_err(|error| error.to_string())
    };
    for good in [
        "ExampleShop",
        "partner-Företag_2",
        "åäöÅÄÖ",
        &"k".repeat(64),
    ] {
        assert_eq!(read(good), Ok(good.to_owned()));
    }
    for bad in ["Example Shop", "shop.example", "", &"k".repeat(65), "Ærlig"] {
        // serde_json adds where in the text it stopped (`at line 1 column N`).
        let expected = format!(
            "at `customer_key`: `{bad}` is not a PostNord customerKey: 1 to 64 letters a-z, A-Z, \
             å, ä, ö, digits, `-` or `_` (a company name is written without spaces, e.g. \
             `ExampleShop`) at line 1 column "
        );
        let error = read(bad).expect_err(bad);
        assert!(error.starts_with(&expected), "{bad:?}: {error}");
    }
}
