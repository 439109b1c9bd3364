//! What the shopper pays for an option (`shared/src/model/price.rs`): `free_above` against the
//! cart's value, and a pickup point's own price.

use serde_json::json;
use shared::model::{from_json, Location, MinorUnits, ShippingOption, ShippingType};

/// An option at 69.00 with a pickup point at its own price (79.00) and one without a price.
fn option(free_above: Option<MinorUnits>) -> ShippingOption {
    let mut option = ShippingOption::new(
        "bring-5800",
        "Pakke til hentested",
        "bring",
        ShippingType::PickupPoint,
        6900,
        2500,
    );
    option.free_above = free_above;
    option.locations = Some(vec![
        point("own-price", Some(7900)),
        point("no-price", None),
    ]);
    option
}

/// A place by JSON, so that a field added to `Location` later leaves this test as it is.
fn point(id: &str, price: Option<MinorUnits>) -> Location {
    let mut point = json!({"id": id, "name": id});
    if let Some(price) = price {
        point["price"] = json!(price);
    }
    from_json(&point.to_string()).unwrap_or_else(|error| panic!("test point parses: {error}"))
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
