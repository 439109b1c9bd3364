//! What goes wrong with PostNord, and what the edge gets: failures by status (with PostNord's
//! faults as the detail for the log), unreadable bodies, an unreadable option among good ones,
//! and configuration mistakes named by their field. No secret in any of it. Runs natively and as
//! wasm.

mod support;

use serde_json::{json, Value};
use shared::carriers::postnord::{parse_delivery_options, parse_service_points, PostNordConfig};
use shared::carriers::{CarrierAnswer, CarrierFailure, Warning, WarningCode};
use support::at;
use support::postnord::{assert_no_secret, config, swedish_quote, APIKEY, CONFIG};

const FULL: &str = include_str!("fixtures/postnord/do_success_full.json");
const API_005: &str = include_str!("fixtures/postnord/do_error_api005.json");
const API_003: &str = include_str!("fixtures/postnord/do_error_api003.json");
const MORNING: &str = "2025-09-12T06:00:00Z";

fn parse(
    status: u16,
    content_type: Option<&str>,
    body: &str,
) -> Result<CarrierAnswer, CarrierFailure> {
    parse_delivery_options(
        status,
        content_type,
        body,
        &swedish_quote(),
        &config(),
        at(MORNING),
    )
}

fn malformed(detail: &str) -> Result<CarrierAnswer, CarrierFailure> {
    Err(CarrierFailure::Malformed {
        detail: detail.to_owned(),
    })
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn failures_by_status_and_body() {
    let json = Some("application/json");
    let no_options = Ok(CarrierAnswer {
        options: vec![],
        warnings: vec![Warning {
            carrier: "postnord".to_owned(),
            code: WarningCode::CarrierNotice,
            message: "postnord has no delivery options to SE 41104 (API-003)".to_owned(),
        }],
        operator_notes: vec![],
    });
    let truncated = &FULL[..FULL.len() / 2];
    let missing_country = || Some("API-005 Missing required field (countryCode)".to_owned());
    let cases = [
        (401, json, "", Err(CarrierFailure::Unauthorized { status: 401, detail: None })),
        // The spec's 403 has no body.
        (403, None, "", Err(CarrierFailure::Unauthorized { status: 403, detail: None })),
        (429, json, "", Err(CarrierFailure::RateLimited)),
        (500, json, API_005, Err(CarrierFailure::Status { status: 500, detail: missing_country() })),
        (503, Some("text/html"), "<html><body>Service Unavailable</body></html>", Err(CarrierFailure::Status { status: 503, detail: None })),
        (400, json, API_005, Err(CarrierFailure::Status { status: 400, detail: missing_country() })),
        (401, json, API_005, Err(CarrierFailure::Unauthorized { status: 401, detail: missing_country() })),
        // "Delivery options not found" is an answer: nothing to offer there.
        (400, json, API_003, no_options.clone()),
        (404, json, API_003, no_options),
        (404, json, "", Err(CarrierFailure::Status { status: 404, detail: None })),
        (200, Some("text/html; charset=utf-8"), "<html><body>Gateway</body></html>", malformed("the content type text/html is not JSON")),
        (200, None, "<html><body>Gateway</body></html>", malformed("the body is not JSON (line 1, column 1)")),
        (200, Some("application/json;charset=UTF-8"), truncated, malformed(
            "the body is not JSON at \
             `warehouseToDeliveryOptions[0].deliveryOptions[2].defaultOption.descriptiveTexts.checkout.fullDescription` \
             (line 123, column 221)",
        )),
        // An array where the document has an object is refused where it starts: a struct is
        // never read from its fields in order (model::objects_only).
        (200, json, "[]", malformed("the body is JSON not of the documented shape (line 1, column 0)")),
        // An entry without its type costs only itself, with a warning naming it.
        (200, json, r#"{"warehouseToDeliveryOptions": [{"deliveryOptions": [{"additionalOptions": []}]}]}"#,
            Ok(CarrierAnswer {
                options: Vec::new(),
                warnings: vec![Warning {
                    carrier: "postnord".to_owned(),
                    code: WarningCode::MalformedResponse,
                    message: "postnord sent an option we could not read: warehouseToDeliveryOptions[0].deliveryOptions[0].type is missing".to_owned(),
                }],
                ..CarrierAnswer::default()
            })),
        (200, json, "{}", malformed("the body is JSON not of the documented shape: `warehouseToDeliveryOptions` is missing (line 1, column 2)")),
        // A value of the wrong type is named by its path; the value itself is never quoted.
        (200, json, r#"{"warehouseToDeliveryOptions": "k3y+with/odd=chars&more"}"#,
            malformed("the body is JSON not of the documented shape at `warehouseToDeliveryOptions` (line 1, column 56)")),
        (200, json, r#"{"warehouseToDeliveryOptions": []}"#, Ok(CarrierAnswer::default())),
    ];
    for (status, content_type, body, expected) in cases {
        let result = parse(status, content_type, body);
        assert_eq!(
            result, expected,
            "HTTP {status} {content_type:?} {body:.40}"
        );
        assert_no_secret(&format!("{result:?}"));
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn an_unreadable_option_is_left_out_and_named() {
    let mut json: Value = serde_json::from_str(FULL).expect("fixture is JSON");
    let types = &mut json["warehouseToDeliveryOptions"][0]["deliveryOptions"];
    // The locker has no title; the home delivery's date is not an instant.
    let locker = &mut types[1]["additionalOptions"][0]["descriptiveTexts"]["checkout"];
    locker.as_object_mut().expect("texts").remove("title");
    types[0]["defaultOption"]["deliveryTime"]["date"]["latest"] = json!("Monday 14:00");

    let answer = parse(200, None, &json.to_string()).expect("the rest is read");
    let ids: Vec<&str> = answer.options.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "postnord-service-point",
            "postnord-express-mailbox",
            "postnord-mailbox"
        ]
    );
    let unreadable = |message: &str| Warning {
        carrier: "postnord".to_owned(),
        code: WarningCode::MalformedResponse,
        message: message.to_owned(),
    };
    assert_eq!(
        answer.warnings,
        [
            unreadable("postnord sent an option we could not read: home: deliveryTime.date.latest: \"Monday 14:00\" is not an RFC 3339 instant"),
            unreadable("postnord sent an option we could not read: warehouseToDeliveryOptions[0].deliveryOptions[1].additionalOptions[0].descriptiveTexts.checkout: missing field `title`"),
        ]
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn fault_details_are_safe_to_log() {
    // PostNord's free `message` and parameter values may echo the request and its API key; the
    // detail keeps only fault codes, explanations and parameter names.
    let with_key = format!(
        r#"{{"message": "Invalid apikey {APIKEY}", "compositeFault": {{"faults": [{{"faultCode": "API-008", "explanationText": "Invalid input", "paramValues": [{{"param": "apikey", "value": "{APIKEY}"}}]}}]}}}}"#
    );
    let cases = [
        (
            API_005,
            Some("API-005 Missing required field (countryCode)"),
        ),
        (API_003, Some("API-003 Delivery options not found")),
        (with_key.as_str(), Some("API-008 Invalid input (apikey)")),
        (
            r#"{"compositeFault": {"faults": [{"explanationText": "Missing parameter", "paramValues": [{"param": null, "value": null}]}]}}"#,
            Some("Missing parameter"),
        ),
        (
            r#"{"message": "Invalid apikey k3y+with/odd=chars&more", "compositeFault": {"faults": [{"paramValues": [{"param": "apikey"}]}]}}"#,
            None,
        ),
        ("<html>Forbidden</html>", None),
        ("", None),
        ("{}", None),
    ];
    let json = Some("application/json");
    for (body, expected) in cases {
        let expected = expected.map(str::to_owned);
        // The same detail from both APIs, on any refusing status.
        let options = parse(500, json, body);
        assert_eq!(
            options,
            Err(CarrierFailure::Status {
                status: 500,
                detail: expected.clone()
            }),
            "{body}"
        );
        let places = parse_service_points(403, json, body);
        assert_eq!(
            places,
            Err(CarrierFailure::Unauthorized {
                status: 403,
                detail: expected.clone()
            }),
            "{body}"
        );
        // The detail is for the log: the warning names the status only.
        let warning = options.err().map(|failure| failure.warning("postnord"));
        assert_eq!(
            warning.map(|w| (w.code, w.message)),
            Some((
                WarningCode::Unavailable,
                "postnord answered HTTP 500".to_owned()
            ))
        );
        assert_no_secret(&format!("{places:?}"));
    }
}

/// The configuration with one field replaced (`Value::Null` removes it).
fn config_with(pointer: &str, value: Value) -> String {
    let mut json: Value = serde_json::from_str(CONFIG).expect("config is JSON");
    let (parent, key) = pointer.rsplit_once('/').expect("a pointer with a parent");
    let object = json
        .pointer_mut(parent)
        .and_then(Value::as_object_mut)
        .expect("parent is an object");
    if value.is_null() {
        object.remove(key);
    } else {
        object.insert(key.to_owned(), value);
    }
    json.to_string()
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn configuration_mistakes_name_their_field() {
    let cases = [
        ("/cutoff", json!("3pm"), "at `cutoff`: `3pm` is not a time of day written HH:MM, such as `15:00`"),
        ("/cutoff", json!("7:30"), "at `cutoff`: `7:30` is not a time of day written HH:MM, such as `15:00`"),
        ("/warehouse/address/country_code", json!("DE"), "at `warehouse.address.country_code`: `DE` is not one of NO, SE, DK, FI"),
        ("/additional_service_points", json!(20), "at `additional_service_points`: must be from 1 to 15 (PostNord's limits), got 20"),
        ("/additional_parcel_lockers", json!(0), "at `additional_parcel_lockers`: must be from 1 to 15 (PostNord's limits), got 0"),
        ("/prices/DE", json!({"currency": "EUR", "tax_rate": 1900, "services": {}}), "at `prices`: prices: `DE` is not one of NO, SE, DK, FI"),
        ("/prices/SE/services/servicepoint", json!({"price": 100}), "at `prices.SE.services`: services: `servicepoint` is not a PostNord delivery type (home, service-point, parcel-locker, mailbox, express-mailbox, …)"),
        ("/prices/SE/services/home", json!({"price": -100}), "at `prices.SE.services.home.price`: must not be negative, got -100"),
        ("/prices/SE/tax_rate", json!(25), ""),
        ("/prices/SE/tax_rate", json!(250000), "at `prices.SE.tax_rate`: tax_rate is in hundredths of a percent (2500 is 25 %), got 250000"),
        ("/prices/SE/currency", json!("kronor"), "at `prices.SE.currency`: currency must be a three-letter ISO 4217 code such as `SEK`, got `kronor`"),
        ("/customer_key", Value::Null, "at `customer_key`: missing field `customer_key`"),
        // A secret put into the vars by mistake is refused by its name, never echoed.
        ("/api_key", json!("do-not-put-secrets-here"), "at `api_key`: unknown field `api_key`, expected one of \
            `delivery_options_url`, `service_points_url`, `token_url`, `customer_key`, `warehouse`, `cutoff`, \
            `delivery_types`, `additional_service_points`, `additional_parcel_lockers`, `prices`, `logo_url`, \
            `nordic_swan_tag_url`"),
    ];
    for (pointer, value, expected) in cases {
        let result = PostNordConfig::from_json(&config_with(pointer, value));
        let message = result.err().map(|e| e.to_string()).unwrap_or_default();
        // serde_json adds where in the text; the text here is rewritten per case.
        let message = message.split(" at line ").next().unwrap_or_default();
        assert_eq!(message, expected, "{pointer}");
    }
}
