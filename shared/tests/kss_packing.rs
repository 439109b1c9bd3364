//! A KSS order packed into parcels as a shop packs it (`shared::kss::pack_order`): items on their
//! largest face, stacked up to the parcel limit, a new parcel when the next item does not fit.
//! Runs natively and as wasm.

use shared::kss::{pack_order, Order, ParcelLimit, PARCEL_LIMIT};
use shared::model::from_json;

/// An order of `lines`, each `(quantity, grams, [length, width, height] mm)`.
fn order(lines: &[(u32, u64, Option<[u64; 3]>)], total_weight: Option<u64>) -> Order {
    let lines: Vec<serde_json::Value> = lines
        .iter()
        .map(|(quantity, grams, size)| {
            let mut attributes = serde_json::json!({ "weight": grams });
            if let Some([length, width, height]) = size {
                attributes["dimensions"] =
                    serde_json::json!({ "length": length, "width": width, "height": height });
            }
            serde_json::json!({ "quantity": quantity, "type": "physical", "attributes": attributes })
        })
        .collect();
    let mut order = serde_json::json!({ "lines": lines, "total_amount": 0 });
    if let Some(grams) = total_weight {
        order["total_weight"] = grams.into();
    }
    from_json(&order.to_string()).expect("an order")
}

/// The parcels as `(grams, [l, w, h] cm)`, or `None` for more than 20.
fn check(order: &Order, limit: ParcelLimit, expected: Option<&[(i64, Option<[i64; 3]>)]>) {
    let packed = pack_order(order, limit).map(|parcels| {
        parcels
            .iter()
            .map(|p| {
                let size = match (p.length_cm, p.width_cm, p.height_cm) {
                    (Some(l), Some(w), Some(h)) => Some([l, w, h]),
                    _ => None,
                };
                (p.weight_grams, size)
            })
            .collect::<Vec<_>>()
    });
    assert_eq!(packed.as_deref(), expected, "{order:?}");
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn items_are_stacked_on_their_largest_face() {
    // Ten 2 cm books of 24 × 17 cm: one parcel 24 × 17 × 20 cm, not one book's size.
    check(
        &order(&[(10, 400, Some([240, 20, 170]))], None),
        PARCEL_LIMIT,
        Some(&[(4000, Some([24, 17, 20]))]),
    );
    // A long item and a tall one: as long as the long one, as wide as the wider, the two
    // shortest sides stacked.
    check(
        &order(
            &[
                (1, 500, Some([900, 100, 100])),
                (1, 800, Some([300, 300, 400])),
            ],
            None,
        ),
        PARCEL_LIMIT,
        Some(&[(1300, Some([90, 30, 40]))]),
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_parcel_full_by_weight_or_height_starts_the_next() {
    // 5 × 8 kg: four fit 35 kg, the fifth goes alone.
    check(
        &order(&[(5, 8_000, None)], None),
        PARCEL_LIMIT,
        Some(&[(32_000, None), (8_000, None)]),
    );
    // 7 boxes 15 cm high: four stack to 60 cm, three more in a second parcel.
    check(
        &order(&[(7, 1_000, Some([400, 300, 150]))], None),
        PARCEL_LIMIT,
        Some(&[(4_000, Some([40, 30, 60])), (3_000, Some([40, 30, 45]))]),
    );
    // An item over the limit on its own is a parcel of its own, and the next item starts anew.
    check(
        &order(&[(1, 50_000, None), (1, 1_000, None)], None),
        PARCEL_LIMIT,
        Some(&[(50_000, None), (1_000, None)]),
    );
    // Another limit, as a test would set one: 10 kg.
    let ten_kg = ParcelLimit {
        grams: 10_000,
        stacked_height_mm: 600,
    };
    check(
        &order(&[(3, 4_000, None)], None),
        ten_kg,
        Some(&[(8_000, None), (4_000, None)]),
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn without_item_weights_the_total_is_split_evenly() {
    check(
        &order(&[(2, 0, None)], Some(2_500)),
        PARCEL_LIMIT,
        Some(&[(2_500, None)]),
    );
    check(
        &order(&[(2, 0, None)], Some(80_000)),
        PARCEL_LIMIT,
        Some(&[(26_667, None), (26_667, None), (26_667, None)]),
    );
    check(&order(&[], None), PARCEL_LIMIT, Some(&[(1_000, None)]));
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn more_than_twenty_parcels_is_refused_without_counting_every_item() {
    check(&order(&[(21, 30_000, None)], None), PARCEL_LIMIT, None);
    // Four billion 1 g items: refused after 20 parcels, not after four billion steps.
    check(&order(&[(u32::MAX, 1, None)], None), PARCEL_LIMIT, None);
    check(&order(&[(2, 0, None)], Some(800_000)), PARCEL_LIMIT, None);
}
