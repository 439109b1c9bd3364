//! `badges::award` and `badges::apply`: which option is the fastest, the cheapest and the
//! greenest of an answer, as exact indices and exact badge lists. Runs natively and as wasm.

use chrono::{DateTime, FixedOffset};
use serde_json::{json, Value};
use shared::badges::{apply, award, Awards};
use shared::model::{Badge, Currency, ShippingOption};

/// Wednesday 25 November 2026, 10:00 in Oslo: the clock for delivery times given in days.
fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-25T10:00:00+01:00").expect("valid instant")
}

/// An option in NOK; `when` is its `delivery_time`, `share` its fossil-free share.
fn option(id: &str, price: i64, when: Value, share: Option<f64>) -> ShippingOption {
    let mut value = json!({
        "id": id, "name": id, "carrier": "bring", "type": "pickup-point",
        "price": price, "tax_rate": 2500, "currency": "NOK"
    });
    if !when.is_null() {
        value["delivery_time"] = when;
    }
    if let Some(share) = share {
        value["environmental"] = json!({"fossil_free_share": share});
    }
    serde_json::from_value(value).expect("an option")
}

fn on(instant: &str) -> Value {
    json!({"earliest": instant, "latest": instant})
}

fn days(earliest: &str) -> Value {
    json!({"interval": {"earliest": earliest}})
}

fn awards(fastest: Option<usize>, cheapest: Option<usize>, greenest: Option<usize>) -> Awards {
    Awards {
        fastest,
        cheapest,
        greenest,
    }
}

fn check(options: &[ShippingOption], order_value: i64, expected: Awards, case: &str) {
    assert_eq!(
        award(options, Currency::NOK, order_value, now()),
        expected,
        "{case}"
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn each_kind_goes_to_the_best_option() {
    let options = [
        option("a", 4900, on("2026-11-27T12:00:00+01:00"), Some(0.0)),
        option("b", 3900, on("2026-11-26T12:00:00+01:00"), Some(0.5)),
        option("c", 8900, on("2026-11-26T09:00:00+01:00"), Some(1.0)),
    ];
    check(
        &options,
        0,
        awards(Some(2), Some(1), Some(2)),
        "distinct values",
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn ties_for_the_best_go_to_the_first_in_the_answers_order() {
    let options = [
        option("a", 9900, on("2026-11-27T12:00:00+01:00"), Some(0.0)),
        option("b", 4900, on("2026-11-26T12:00:00+01:00"), Some(1.0)),
        option("c", 4900, on("2026-11-26T12:00:00+01:00"), Some(1.0)),
    ];
    check(
        &options,
        0,
        awards(Some(1), Some(1), Some(1)),
        "b and c tie",
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_kind_that_tells_no_option_apart_is_not_awarded() {
    let same = [
        option("a", 0, on("2026-11-26T12:00:00+01:00"), Some(1.0)),
        option("b", 0, on("2026-11-26T12:00:00+01:00"), Some(1.0)),
    ];
    check(&same, 0, awards(None, None, None), "all equal");
    let one = [option(
        "a",
        4900,
        on("2026-11-26T12:00:00+01:00"),
        Some(1.0),
    )];
    check(&one, 0, awards(None, None, None), "one option");
    check(&[], 0, awards(None, None, None), "no option");
    // Only one option states a delivery time or a share: nothing to compare it with.
    let unstated = [
        option("a", 4900, on("2026-11-26T12:00:00+01:00"), Some(1.0)),
        option("b", 3900, Value::Null, None),
    ];
    check(&unstated, 0, awards(None, Some(1), None), "one stated");
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn fastest_compares_instants_and_days_from_now() {
    // In two days (27 Nov, 10:00) is later than 26 Nov 17:00 and earlier than 27 Nov 12:00.
    let options = [
        option("a", 4900, on("2026-11-27T12:00:00+01:00"), None),
        option("b", 4900, days("2"), None),
    ];
    check(
        &options,
        0,
        awards(Some(1), None, None),
        "days beat a later instant",
    );
    let options = [
        option("a", 4900, days("2"), None),
        option("b", 4900, on("2026-11-26T17:00:00+01:00"), None),
    ];
    check(
        &options,
        0,
        awards(Some(1), None, None),
        "an earlier instant beats days",
    );
    // Instants in other offsets are compared as instants: 08:00Z is 09:00 in Oslo.
    let options = [
        option("a", 4900, on("2026-11-26T09:30:00+01:00"), None),
        option("b", 4900, on("2026-11-26T08:00:00Z"), None),
    ];
    check(&options, 0, awards(Some(1), None, None), "offsets");
    // An instant that does not read is not compared (the option is not the fastest).
    let options = [
        option("a", 4900, on("tomorrow"), None),
        option("b", 4900, on("2026-11-30T12:00:00+01:00"), None),
        option("c", 4900, days("6"), None),
    ];
    check(
        &options,
        0,
        awards(Some(1), None, None),
        "unreadable instant",
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn cheapest_is_by_the_price_after_free_above_in_the_answers_currency() {
    let mut free = option("a", 9900, Value::Null, None);
    free.free_above = Some(50000);
    let options = [free, option("b", 3900, Value::Null, None)];
    check(
        &options,
        49999,
        awards(None, Some(1), None),
        "below free_above",
    );
    check(
        &options,
        50000,
        awards(None, Some(0), None),
        "free from 500 kr",
    );
    // 25.00 EUR is fewer minor units than 39 kr, but is not in the answer's currency.
    let mut euro = option("e", 2500, Value::Null, None);
    euro.currency = Some(Currency::EUR);
    let options = [
        option("a", 4900, Value::Null, None),
        euro,
        option("b", 3900, Value::Null, None),
    ];
    check(&options, 0, awards(None, Some(2), None), "another currency");
    // An option that names no currency is in the answer's.
    let mut bare = option("n", 2900, Value::Null, None);
    bare.currency = None;
    let options = [option("a", 3900, Value::Null, None), bare];
    check(&options, 0, awards(None, Some(1), None), "no currency");
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn greenest_is_by_the_stated_fossil_free_share() {
    let options = [
        option("a", 4900, Value::Null, Some(0.0)),
        option("b", 4900, Value::Null, Some(0.92)),
        option("c", 4900, Value::Null, None),
        option("d", 4900, Value::Null, Some(1.5)),
    ];
    check(
        &options,
        0,
        awards(None, None, Some(1)),
        "0 counts; none and out of range do not",
    );
    let options = [
        option("a", 4900, Value::Null, Some(1.0)),
        option("b", 4900, Value::Null, Some(0.0)),
    ];
    check(
        &options,
        0,
        awards(None, None, Some(0)),
        "fossil-free against none",
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn apply_sets_each_options_badges_and_clears_others() {
    let mut options = [
        option("a", 4900, Value::Null, None),
        option("b", 3900, Value::Null, None),
        option("c", 8900, Value::Null, None),
    ];
    // A badge an option came with (a carrier's, the shop's fallback) is never kept.
    options[2].badges = vec![Badge::Cheapest, Badge::Other("best".to_owned())];
    apply(&mut options, awards(Some(1), Some(1), Some(0)));
    let badges: Vec<Vec<&str>> = options
        .iter()
        .map(|option| option.badges.iter().map(Badge::as_str).collect())
        .collect();
    assert_eq!(
        badges,
        [vec!["greenest"], vec!["fastest", "cheapest"], vec![]]
    );
    // An index past the options is ignored, not a panic.
    apply(&mut options, awards(Some(7), None, None));
    assert!(options.iter().all(|option| option.badges.is_empty()));
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn badges_serialize_as_a_list_of_words_and_only_when_earned() {
    let mut earned = option("a", 4900, Value::Null, None);
    earned.badges = vec![Badge::Fastest, Badge::Greenest];
    let value = serde_json::to_value(&earned).expect("serializes");
    assert_eq!(value["badges"], json!(["fastest", "greenest"]));
    let none = serde_json::to_value(option("b", 4900, Value::Null, None)).expect("serializes");
    assert!(none.get("badges").is_none(), "{none}");
    // A badge this version does not know reads back verbatim.
    let read: ShippingOption = serde_json::from_value(json!({
        "id": "x", "name": "x", "carrier": "x", "type": "pickup-point", "price": 0, "tax_rate": 0,
        "badges": ["cheapest", "quietest"]
    }))
    .expect("reads");
    assert_eq!(
        read.badges,
        [Badge::Cheapest, Badge::Other("quietest".to_owned())]
    );
    // Klarna never sees them.
    assert!(earned.to_kss().badges.is_empty());
}
