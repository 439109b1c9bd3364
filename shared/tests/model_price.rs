//! What the shopper pays for an option (`shared/src/model/price.rs`): `free_above` against the
//! cart's value, a pickup point's own price, and a choice's timeslot and addons on top.

use serde_json::json;
use shared::model::{from_json, Choice, MinorUnits, ShippingOption};

/// An option at 69.00 with a pickup point at its own price (79.00) and one without a price. By
/// JSON, so that a field added to the model later leaves this test as it is.
fn option(free_above: Option<MinorUnits>) -> ShippingOption {
    let mut option: ShippingOption = from_json(
        &json!({
            "id": "bring-5800", "name": "Pakke til hentested", "carrier": "bring",
            "type": "pickup-point", "price": 6900, "tax_rate": 2500,
            "locations": [
                {"id": "own-price", "name": "Pakkeautomat Storo", "price": 7900},
                {"id": "no-price", "name": "Coop Mega Storo"}
            ]
        })
        .to_string(),
    )
    .unwrap_or_else(|error| panic!("test option parses: {error}"));
    option.free_above = free_above;
    option
}

/// The price of `option(free_above)` for a cart of `order_value` at the point named `point_id`.
fn check(
    free_above: Option<MinorUnits>,
    order_value: Option<MinorUnits>,
    point_id: Option<&str>,
    expected: MinorUnits,
) {
    let option = option(free_above);
    let point = point_id.map(|id| {
        option
            .locations
            .iter()
            .flatten()
            .find(|point| point.id == id)
            .unwrap_or_else(|| panic!("no point {id} in the test option"))
    });
    assert_eq!(
        option.price_for(order_value, point),
        expected,
        "free_above {free_above:?}, order value {order_value:?}, point {point_id:?}"
    );
    assert_eq!(
        option.is_free_for(order_value),
        expected == 0,
        "is_free_for: free_above {free_above:?}, order value {order_value:?}"
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn free_above_makes_the_option_free_from_the_order_value_on() {
    // Below, at and above the limit; no limit; no cart value.
    check(Some(50000), Some(49999), None, 6900);
    check(Some(50000), Some(50000), None, 0);
    check(Some(50000), Some(120000), None, 0);
    check(None, Some(120000), None, 6900);
    check(Some(50000), None, None, 6900);
    // A limit of 0 makes any cart with a value free, an empty one included.
    check(Some(0), Some(0), None, 0);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_point_with_its_own_price_replaces_the_options_until_free_above() {
    check(None, None, Some("own-price"), 7900);
    check(None, None, Some("no-price"), 6900);
    check(Some(50000), Some(49999), Some("own-price"), 7900);
    // free_above is the option's: reaching it makes every point free, its own price or not.
    check(Some(50000), Some(50000), Some("own-price"), 0);
    check(Some(50000), Some(50000), Some("no-price"), 0);
}

/// Home delivery at 149.00, free from 1000.00, with two windows (one at 29.00 more) and two
/// addons (a free door code, an SMS notice at 10.00): the widget's test answer's `bring-5600`,
/// plus a point with its own price to show that a home option's price ignores one it lacks.
fn home_option() -> ShippingOption {
    from_json(
        &json!({
            "id": "bring-5600", "name": "Pakke levert hjem", "carrier": "bring",
            "type": "delivery-address", "price": 14900, "tax_rate": 2500, "free_above": 100000,
            "timeslots": [
                {"id": "ts-evening", "start": "2026-03-03T17:00:00+01:00", "end": "2026-03-03T21:00:00+01:00", "price": 0},
                {"id": "ts-day", "start": "2026-03-04T08:00:00+01:00", "end": "2026-03-04T16:00:00+01:00", "price": 2900},
                {"id": "ts-unpriced", "start": "2026-03-05T08:00:00+01:00", "end": "2026-03-05T16:00:00+01:00"}
            ],
            "addons": [
                {"id": "door_code", "type": "text", "price": 0},
                {"id": "sms", "type": "checkbox", "price": 1000}
            ]
        })
        .to_string(),
    )
    .unwrap_or_else(|error| panic!("test option parses: {error}"))
}

/// The price of `home_option()` for `choice` and a cart of `order_value`.
fn check_choice(choice: Choice, order_value: Option<MinorUnits>, expected: MinorUnits) {
    assert_eq!(
        home_option().price_of(&choice, order_value),
        expected,
        "{choice:?}, order value {order_value:?}"
    );
}

fn choice(timeslot_id: Option<&str>, addon_ids: &[&str]) -> Choice {
    Choice {
        pickup_point_id: None,
        timeslot_id: timeslot_id.map(str::to_owned),
        addon_ids: addon_ids.iter().map(|id| (*id).to_owned()).collect(),
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_choice_pays_the_option_its_window_and_its_addons() {
    check_choice(Choice::default(), None, 14900);
    check_choice(choice(Some("ts-evening"), &[]), None, 14900);
    check_choice(choice(Some("ts-day"), &[]), None, 17800);
    check_choice(choice(Some("ts-unpriced"), &[]), None, 14900);
    check_choice(choice(None, &["sms"]), None, 15900);
    // The widget's test: door code typed, SMS ticked, the day window.
    check_choice(choice(Some("ts-day"), &["door_code", "sms"]), None, 18800);
    // An addon chosen twice is paid twice, as each chosen control is counted.
    check_choice(choice(None, &["sms", "sms"]), None, 16900);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn free_above_frees_the_option_but_not_its_window_or_addons() {
    check_choice(choice(None, &[]), Some(100000), 0);
    check_choice(choice(Some("ts-day"), &["sms"]), Some(100000), 3900);
    check_choice(choice(Some("ts-day"), &["sms"]), Some(99999), 18800);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn ids_the_option_does_not_offer_add_nothing() {
    let unknown = Choice {
        pickup_point_id: Some("nowhere".to_owned()),
        timeslot_id: Some("ts-never".to_owned()),
        addon_ids: vec!["gift_wrap".to_owned(), String::new()],
    };
    check_choice(unknown, None, 14900);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_chosen_point_with_its_own_price_replaces_the_options() {
    let pickup = option(Some(50000));
    let at = |id: &str| Choice {
        pickup_point_id: Some(id.to_owned()),
        ..Choice::default()
    };
    assert_eq!(pickup.price_of(&at("own-price"), Some(100)), 7900);
    assert_eq!(pickup.price_of(&at("no-price"), Some(100)), 6900);
    assert_eq!(pickup.price_of(&at("own-price"), Some(50000)), 0);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn an_absurd_sum_saturates_instead_of_overflowing() {
    let mut option = home_option();
    if let Some(addons) = option.addons.as_mut() {
        addons[1].price = MinorUnits::MAX;
    }
    assert_eq!(
        option.price_of(&choice(Some("ts-day"), &["sms"]), None),
        MinorUnits::MAX
    );
}
