//! `answer::assemble`: carrier results in, the served answer out, asserted as exact JSON.
//! Runs natively and as wasm.

use chrono::{DateTime, Utc};
use serde_json::{json, Value};
use shared::answer::{
    assemble, normalized_quote, not_configured_warning, part_warning, timeout_warning,
    unreachable_warning, CarrierResult, FallbackOptions,
};
use shared::carriers::{CarrierAnswer, Warning, WarningCode};
use shared::model::{from_json, ShippingOption};
use shared::quote::{Country, DeliveryOptionsRequest, Quote};

/// Friday 14 March 2025, 11:00 in Oslo.
fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2025-03-14T10:00:00Z")
        .expect("valid instant")
        .with_timezone(&Utc)
}

fn quote(json: Value) -> Quote {
    from_json::<DeliveryOptionsRequest>(&json.to_string())
        .expect("parses")
        .validate()
        .expect("valid")
}

fn oslo(order_value: i64) -> Quote {
    quote(json!({
        "recipient": {"country": "NO", "postal_code": "0150"},
        "parcels": [{"weight_grams": 1200}],
        "order_value": order_value, "locale": "nb"
    }))
}

fn option(value: Value) -> ShippingOption {
    serde_json::from_value(value).expect("an option")
}

fn bring_pickup() -> ShippingOption {
    option(json!({
        "id": "bring-5800", "name": "Pakke til hentested", "carrier": "bring", "type": "pickup-point",
        "price": 12625, "tax_rate": 2500, "currency": "NOK",
        "delivery_time": {"earliest": "2025-03-17T08:00:00+01:00", "latest": "2025-03-17T16:00:00+01:00"}
    }))
}

fn bring_home() -> ShippingOption {
    option(json!({
        "id": "bring-5600", "name": "Pakke levert hjem", "carrier": "bring", "type": "delivery-address",
        "price": 17875, "tax_rate": 2500, "currency": "NOK",
        "delivery_time": {"earliest": "2025-03-17T17:00:00+01:00", "latest": "2025-03-17T21:00:00+01:00"}
    }))
}

fn postnord_locker(price: i64, free_above: Option<i64>) -> ShippingOption {
    let mut value = json!({
        "id": "postnord-parcel-locker", "name": "Pakkeautomat", "carrier": "postnord", "type": "pickup-point",
        "price": price, "tax_rate": 2500, "currency": "NOK",
        "delivery_time": {"interval": {"earliest": "2", "latest": "3"}}
    });
    if let Some(free_above) = free_above {
        value["free_above"] = json!(free_above);
    }
    option(value)
}

fn notice(carrier: &str, message: &str) -> Warning {
    Warning {
        carrier: carrier.to_owned(),
        code: WarningCode::CarrierNotice,
        message: message.to_owned(),
    }
}

fn served(results: Vec<CarrierResult>, quote: &Quote, fallback: &[ShippingOption]) -> Value {
    serde_json::to_value(assemble(results, quote, now(), fallback)).expect("serializes")
}

/// `id`, `price` and `delivery_time_text` of each option, in order: what these tests decide.
fn summary(answer: &Value) -> Vec<(String, i64, Option<String>)> {
    answer["options"]
        .as_array()
        .expect("options")
        .iter()
        .map(|o| {
            (
                o["id"].as_str().unwrap_or_default().to_owned(),
                o["price"].as_i64().unwrap_or(-1),
                o["delivery_time_text"].as_str().map(str::to_owned),
            )
        })
        .collect()
}

fn row(id: &str, price: i64, text: Option<&str>) -> (String, i64, Option<String>) {
    (id.to_owned(), price, text.map(str::to_owned))
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn fresh_answers_merge_sorted_by_price_with_sentences_and_every_warning() {
    let bring = CarrierAnswer {
        options: vec![bring_home(), bring_pickup()],
        warnings: vec![notice("bring", "bring: 3584 has no price")],
        operator_notes: vec![],
    };
    let answer = served(
        vec![
            CarrierResult::Fresh(bring),
            CarrierResult::Failed(timeout_warning("postnord", 2500)),
        ],
        &oslo(0),
        &[],
    );
    assert_eq!(
        answer,
        json!({
            "options": [
                {
                    "id": "bring-5800", "name": "Pakke til hentested", "carrier": "bring", "type": "pickup-point",
                    "price": 12625, "tax_rate": 2500, "currency": "NOK",
                    "delivery_time": {"earliest": "2025-03-17T08:00:00+01:00", "latest": "2025-03-17T16:00:00+01:00"},
                    "delivery_time_text": "Leveres mandag 17. mars",
                    "badges": ["fastest", "cheapest"]
                },
                {
                    "id": "bring-5600", "name": "Pakke levert hjem", "carrier": "bring", "type": "delivery-address",
                    "price": 17875, "tax_rate": 2500, "currency": "NOK",
                    "delivery_time": {"earliest": "2025-03-17T17:00:00+01:00", "latest": "2025-03-17T21:00:00+01:00"},
                    "delivery_time_text": "Leveres mandag 17. mars"
                }
            ],
            "warnings": [
                {"carrier": "bring", "code": "carrier_notice", "message": "bring: 3584 has no price"},
                {"carrier": "postnord", "code": "timeout", "message": "postnord did not answer within 2500 ms"}
            ]
        })
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn free_above_makes_an_option_free_from_the_order_value_on() {
    let results = || {
        vec![CarrierResult::Fresh(CarrierAnswer {
            options: vec![bring_pickup(), postnord_locker(14900, Some(49900))],
            warnings: vec![],
            operator_notes: vec![],
        })]
    };
    assert_eq!(
        summary(&served(results(), &oslo(49899), &[])),
        vec![
            row("bring-5800", 12625, Some("Leveres mandag 17. mars")),
            row(
                "postnord-parcel-locker",
                14900,
                Some("Leveres innen 2–3 virkedager")
            ),
        ]
    );
    assert_eq!(
        summary(&served(results(), &oslo(49900), &[])),
        vec![
            row(
                "postnord-parcel-locker",
                0,
                Some("Leveres innen 2–3 virkedager")
            ),
            row("bring-5800", 12625, Some("Leveres mandag 17. mars")),
        ]
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn equal_prices_go_soonest_first_and_undated_last_else_in_carrier_order() {
    let undated = |id: &str| {
        option(
            json!({"id": id, "name": id, "carrier": "shop", "type": "delivery-address", "price": 5000, "tax_rate": 2500}),
        )
    };
    let mut late = postnord_locker(5000, None); // in 2–3 working days: 16 March by calendar days
    late.id = "late".to_owned();
    let mut soon = bring_pickup(); // 17 March 08:00
    soon.price = 5000;
    soon.id = "soon".to_owned();
    let answer = served(
        vec![CarrierResult::Fresh(CarrierAnswer {
            options: vec![undated("undated-a"), soon, undated("undated-b"), late],
            warnings: vec![],
            operator_notes: vec![],
        })],
        &oslo(0),
        &[],
    );
    let ids: Vec<String> = summary(&answer).into_iter().map(|(id, _, _)| id).collect();
    assert_eq!(ids, ["late", "soon", "undated-a", "undated-b"]);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_stale_answer_stands_in_with_a_stale_warning_naming_the_failure() {
    let answer = served(
        vec![
            CarrierResult::Stale {
                carrier: "bring".to_owned(),
                options: vec![bring_pickup()],
                failure: timeout_warning("bring", 2500),
            },
            CarrierResult::Fresh(CarrierAnswer::default()),
        ],
        &oslo(0),
        &[postnord_locker(0, None)],
    );
    assert_eq!(
        summary(&answer),
        vec![row("bring-5800", 12625, Some("Leveres mandag 17. mars"))]
    );
    assert_eq!(
        answer["warnings"],
        json!([{
            "carrier": "bring", "code": "stale",
            "message": "bring did not answer within 2500 ms; showing bring's last good answer for the same question"
        }])
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn no_options_from_any_carrier_shows_the_fallback_with_a_warning() {
    let fallback = FallbackOptions::from_json(
        &json!({
            "no": [{"id": "fallback-home", "name": "Hjemlevering", "carrier": "shop", "type": "delivery-address",
                    "price": 9900, "tax_rate": 2500, "currency": "NOK", "free_above": 100000}],
            "SE": [{"id": "fallback-se", "name": "Hemleverans", "carrier": "shop", "type": "delivery-address",
                    "price": 7900, "tax_rate": 2500, "currency": "SEK"}]
        })
        .to_string(),
    )
    .expect("valid fallback");
    let answer = served(
        vec![
            CarrierResult::Failed(unreachable_warning("bring")),
            // PostNord answered, but with nothing for this address.
            CarrierResult::Fresh(CarrierAnswer {
                options: vec![],
                warnings: vec![notice(
                    "postnord",
                    "postnord has no delivery options to NO 0150 (API-003)",
                )],
                operator_notes: vec![],
            }),
        ],
        &oslo(100000),
        fallback.for_country(Country::No),
    );
    assert_eq!(
        answer,
        json!({
            "options": [{"id": "fallback-home", "name": "Hjemlevering", "carrier": "shop", "type": "delivery-address",
                         "price": 0, "tax_rate": 2500, "currency": "NOK", "free_above": 100000}],
            "warnings": [
                {"carrier": "bring", "code": "unavailable", "message": "bring could not be reached"},
                {"carrier": "postnord", "code": "carrier_notice", "message": "postnord has no delivery options to NO 0150 (API-003)"},
                {"carrier": "shop", "code": "fallback", "message": "no carrier answered with options; showing the shop's fallback options for NO"}
            ]
        })
    );
    assert!(fallback.for_country(Country::Dk).is_empty());
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn without_a_fallback_a_failed_answer_is_empty_but_says_why() {
    let answer = served(
        vec![
            CarrierResult::Failed(not_configured_warning("bring", "BRING_API_KEY")),
            CarrierResult::Failed(timeout_warning("postnord", 1000)),
        ],
        &oslo(0),
        &[],
    );
    assert_eq!(
        answer,
        json!({
            "options": [],
            "warnings": [
                {"carrier": "bring", "code": "unauthorized", "message": "bring is not configured: secret BRING_API_KEY is missing"},
                {"carrier": "postnord", "code": "timeout", "message": "postnord did not answer within 1000 ms"}
            ]
        })
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_part_warning_keeps_the_code_and_names_the_part() {
    let warning = part_warning(
        timeout_warning("bring", 2500),
        "bring pickup points",
        "pickup options are shown without places",
    );
    assert_eq!(
        serde_json::to_value(warning).expect("serializes"),
        json!({"carrier": "bring", "code": "timeout",
               "message": "bring pickup points: bring did not answer within 2500 ms; pickup options are shown without places"})
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn the_normalized_quote_ignores_spelling_but_not_substance() {
    let base = json!({
        "recipient": {"country": "SE", "postal_code": "111 34", "street_address": "Drottninggatan 1", "city": "Stockholm"},
        "parcels": [{"weight_grams": 1200, "length_cm": 30, "width_cm": 20, "height_cm": 10}, {"weight_grams": 500}],
        "order_value": 49900, "currency": "sek", "locale": "sv-SE", "ignored": true
    });
    let text = normalized_quote(&quote(base.clone()));
    assert_eq!(
        text,
        r#"["v1","SE","11134","Drottninggatan 1","Stockholm",["1200g30x20x10","500gxx"],49900,"SEK","sv"]"#
    );
    let mut respelled = base.clone();
    respelled["recipient"]["country"] = json!("se");
    respelled["recipient"]["postal_code"] = json!("11134");
    respelled["currency"] = json!("SEK");
    respelled["locale"] = json!("sv");
    respelled.as_object_mut().map(|o| o.remove("ignored"));
    assert_eq!(normalized_quote(&quote(respelled)), text);
    let mut heavier = base;
    heavier["parcels"][1]["weight_grams"] = json!(501);
    assert_ne!(normalized_quote(&quote(heavier)), text);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn bad_fallback_options_are_refused_naming_where() {
    let refused = |json: Value| {
        FallbackOptions::from_json(&json.to_string())
            .map(|_| ())
            .map_err(|error| error.to_string())
    };
    assert_eq!(
        refused(json!({"GB": []})),
        Err("GB: is not one of NO, SE, DK, FI".to_owned())
    );
    assert_eq!(
        refused(
            json!({"NO": [{"id": "x", "name": "x", "carrier": "shop", "type": "delivery-address", "tax_rate": 2500}]})
        ),
        Err("at `NO[0].price`: missing field `price` at line 1 column 87".to_owned())
    );
    assert_eq!(refused(json!({})), Ok(()));
}
