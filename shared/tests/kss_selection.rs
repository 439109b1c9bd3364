//! A shopper's selection is reserved only while it is still offered, at the price shown, before
//! its cutoff; otherwise KSS gets the named `failure_reason`. Runs natively and as wasm.

use chrono::DateTime;
use shared::kss::{
    check_selection, kss_quote, quote_failure, FailureReason, SelectedShippingOption,
    ShipmentRequest,
};
use shared::model::{
    from_json, DeliveryTime, Location, ShippingClass, ShippingOption, ShippingType, Timeslot,
};

const NOW: &str = "2026-03-02T12:00:00+01:00";

fn offered() -> Vec<ShippingOption> {
    let mut pickup = ShippingOption::new(
        "bring-5800",
        "Pakke til hentested",
        "bring",
        ShippingType::PickupPoint,
        6900,
        2500,
    );
    pickup.locations = Some(vec![
        from_json::<Location>(r#"{"id": "121524", "name": "Coop Obs! Vinterbro"}"#)
            .expect("location"),
        from_json::<Location>(r#"{"id": "102774", "name": "Pakkeautomat Vinterbro"}"#)
            .expect("location"),
    ]);
    pickup.delivery_time = Some(DeliveryTime {
        cutoff: Some("2026-03-02T15:00:00+01:00".to_owned()),
        ..Default::default()
    });
    let mut home = ShippingOption::new(
        "postnord-home",
        "Hjemlevering",
        "postnord",
        ShippingType::DeliveryAddress,
        9900,
        2500,
    );
    home.timeslots = Some(vec![
        slot(
            "20260303T0900-20260303T1400",
            Some("2026-03-02T11:00:00+01:00"),
        ),
        slot(
            "20260303T1700-20260303T2100",
            Some("2026-03-02T16:00:00+01:00"),
        ),
    ]);
    vec![pickup, home]
}

fn slot(id: &str, cutoff: Option<&str>) -> Timeslot {
    Timeslot {
        id: id.to_owned(),
        start: "2026-03-03T09:00:00+01:00".to_owned(),
        end: "2026-03-03T14:00:00+01:00".to_owned(),
        cutoff: cutoff.map(str::to_owned),
        price: None,
    }
}

fn selected(json: &str) -> SelectedShippingOption {
    from_json(json).expect("selection parses")
}

fn check(selection: &str, served: Option<&ShippingOption>) -> Result<String, FailureReason> {
    let now = DateTime::parse_from_rfc3339(NOW).expect("now");
    let offered = offered();
    check_selection(&selected(selection), &offered, served, now).map(|option| option.id.clone())
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn selections_are_checked_against_what_is_offered() {
    let expired_served = {
        let mut option = offered().remove(0);
        option.delivery_time = Some(DeliveryTime {
            cutoff: Some("2026-03-02T11:59:00+01:00".to_owned()),
            ..Default::default()
        });
        option
    };
    let served = offered().remove(0);
    let cases: Vec<(&str, Option<&ShippingOption>, Result<&str, FailureReason>)> = vec![
        (
            r#"{"id": "bring-5800", "carrier": "bring", "type": "pickup-point", "price": 6900, "tax_rate": 2500, "location": {"id": "102774", "name": "x"}}"#,
            Some(&served),
            Ok("bring-5800"),
        ),
        (
            r#"{"id": "bring-5800", "carrier": "bring", "type": "pickup-point", "price": 6900, "tax_rate": 2500}"#,
            Some(&expired_served),
            Err(FailureReason::CutoffTimeExpired),
        ),
        (
            r#"{"id": "bring-5600", "carrier": "bring", "type": "delivery-address", "price": 6900, "tax_rate": 2500}"#,
            None,
            Err(FailureReason::ShippingOptionNotAvailable),
        ),
        (
            r#"{"id": "bring-5800", "carrier": "postnord", "type": "pickup-point", "price": 6900, "tax_rate": 2500}"#,
            None,
            Err(FailureReason::ShippingOptionNotAvailable),
        ),
        (
            r#"{"id": "bring-5800", "carrier": "bring", "type": "pickup-point", "price": 4900, "tax_rate": 2500}"#,
            None,
            Err(FailureReason::ShippingOptionNotAvailable),
        ),
        (
            r#"{"id": "bring-5800", "carrier": "bring", "type": "pickup-point", "price": 6900, "tax_rate": 2500, "location": {"id": "999", "name": "gone"}}"#,
            None,
            Err(FailureReason::ShippingOptionNotAvailable),
        ),
        (
            r#"{"id": "postnord-home", "carrier": "postnord", "type": "delivery-address", "price": 9900, "tax_rate": 2500, "timeslot": {"id": "20260303T1700-20260303T2100", "start": "2026-03-03T17:00:00+01:00", "end": "2026-03-03T21:00:00+01:00"}}"#,
            None,
            Ok("postnord-home"),
        ),
        (
            r#"{"id": "postnord-home", "carrier": "postnord", "type": "delivery-address", "price": 9900, "tax_rate": 2500, "timeslot": {"id": "20260303T0900-20260303T1400", "start": "2026-03-03T09:00:00+01:00", "end": "2026-03-03T14:00:00+01:00"}}"#,
            None,
            Err(FailureReason::CutoffTimeExpired),
        ),
        (
            r#"{"id": "postnord-home", "carrier": "postnord", "type": "delivery-address", "price": 9900, "tax_rate": 2500, "timeslot": {"id": "nope", "start": "2026-03-03T09:00:00+01:00", "end": "2026-03-03T14:00:00+01:00"}}"#,
            None,
            Err(FailureReason::ShippingOptionNotAvailable),
        ),
    ];
    for (selection, served, expected) in cases {
        assert_eq!(
            check(selection, served),
            expected.map(str::to_owned),
            "{selection}"
        );
    }
}

/// The home option with two addons, for the field-for-field checks.
fn with_addons() -> Vec<ShippingOption> {
    let mut options = offered();
    options[1].class = Some(ShippingClass::Standard);
    options[1].addons = Some(vec![
        from_json(r#"{"id": "sms", "type": "sms", "price": 0}"#).expect("addon"),
        from_json(r#"{"id": "door-code", "type": "string", "price": 500, "max_length": 10}"#)
            .expect("addon"),
    ]);
    options
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_selection_equals_what_was_offered_field_for_field() {
    let now = DateTime::parse_from_rfc3339(NOW).expect("now");
    let home = |extra: &str| {
        format!(
            r#"{{"id": "postnord-home", "carrier": "postnord", "type": "delivery-address", "class": "standard", "price": 9900, "tax_rate": 2500{extra}}}"#
        )
    };
    let not_available = Err(FailureReason::ShippingOptionNotAvailable);
    let cases: Vec<(String, Result<&str, FailureReason>)> = vec![
        (home(""), Ok("postnord-home")),
        (
            home(r#", "addons": [{"id": "door-code", "type": "string", "price": 500, "data": {"selected": true, "text": "1234"}}, {"id": "sms", "type": "sms", "price": 0}]"#),
            Ok("postnord-home"),
        ),
        // An addon never offered, at another price (negative, too), of another type, or twice.
        (home(r#", "addons": [{"id": "gift-wrap", "type": "sms", "price": 0}]"#), not_available.clone()),
        (home(r#", "addons": [{"id": "door-code", "type": "string", "price": -500}]"#), not_available.clone()),
        (home(r#", "addons": [{"id": "sms", "type": "string", "price": 0}]"#), not_available.clone()),
        (home(r#", "addons": [{"id": "sms", "type": "sms", "price": 0}, {"id": "sms", "type": "sms", "price": 0}]"#), not_available.clone()),
        // Another tax rate, type or class.
        (home("").replace(r#""tax_rate": 2500"#, r#""tax_rate": 1200"#), not_available.clone()),
        (home("").replace("delivery-address", "pickup-point"), not_available.clone()),
        (home("").replace(r#""class": "standard", "#, ""), not_available.clone()),
        (home("").replace("standard", "express"), not_available.clone()),
        // A time slot at another price than offered.
        (
            home(r#", "timeslot": {"id": "20260303T1700-20260303T2100", "start": "2026-03-03T17:00:00+01:00", "end": "2026-03-03T21:00:00+01:00", "price": 100}"#),
            not_available.clone(),
        ),
        // A pickup option offered with places, chosen without one.
        (
            r#"{"id": "bring-5800", "carrier": "bring", "type": "pickup-point", "price": 6900, "tax_rate": 2500}"#.to_owned(),
            not_available.clone(),
        ),
    ];
    let offered = with_addons();
    for (selection, expected) in cases {
        let got = check_selection(&selected(&selection), &offered, None, now)
            .map(|option| option.id.clone());
        assert_eq!(got, expected.map(str::to_owned), "{selection}");
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_slot_sent_back_without_its_price_is_the_offered_slot() {
    // Klarna's example offers a slot with `"price": 0` and sends the chosen one back as
    // `{end, id, start}`, with no price.
    let now = DateTime::parse_from_rfc3339(NOW).expect("now");
    let mut offered = offered();
    for slot in offered[1].timeslots.iter_mut().flatten() {
        slot.price = Some(0);
    }
    let home = |price: &str| {
        format!(
            r#"{{"id": "postnord-home", "carrier": "postnord", "type": "delivery-address", "price": 9900, "tax_rate": 2500, "timeslot": {{"id": "20260303T1700-20260303T2100", "start": "2026-03-03T17:00:00+01:00", "end": "2026-03-03T21:00:00+01:00"{price}}}}}"#
        )
    };
    let not_available = Err(FailureReason::ShippingOptionNotAvailable);
    let cases = [
        (home(""), Ok("postnord-home".to_owned())),
        (home(r#", "price": 0"#), Ok("postnord-home".to_owned())),
        (home(r#", "price": 100"#), not_available.clone()),
        (
            home("").replace("20260303T1700-20260303T2100", "nope"),
            not_available,
        ),
    ];
    for (selection, expected) in cases {
        let got = check_selection(&selected(&selection), &offered, None, now)
            .map(|option| option.id.clone());
        assert_eq!(got, expected, "{selection}");
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_served_place_stands_when_the_place_lookup_fails_now() {
    let now = DateTime::parse_from_rfc3339(NOW).expect("now");
    // Offered now without places (Bring's pickup lookup failed or timed out).
    let mut lookup_failed = offered();
    lookup_failed[0].locations = None;
    let served = offered().remove(0);
    let at = |place: &str| {
        selected(&format!(
            r#"{{"id": "bring-5800", "carrier": "bring", "type": "pickup-point", "price": 6900, "tax_rate": 2500, "location": {{"id": "{place}", "name": "x"}}}}"#
        ))
    };
    let check = |selection: &SelectedShippingOption, options: &[ShippingOption], served| {
        check_selection(selection, options, served, now).map(|option| option.id.clone())
    };
    // A place the session was served stands; one it was not, or none at all, does not.
    assert_eq!(
        check(&at("102774"), &lookup_failed, Some(&served)),
        Ok("bring-5800".to_owned())
    );
    let not_available = Err(FailureReason::ShippingOptionNotAvailable);
    assert_eq!(
        check(&at("999"), &lookup_failed, Some(&served)),
        not_available
    );
    assert_eq!(check(&at("102774"), &lookup_failed, None), not_available);
    let no_place = selected(
        r#"{"id": "bring-5800", "carrier": "bring", "type": "pickup-point", "price": 6900, "tax_rate": 2500}"#,
    );
    assert_eq!(
        check(&no_place, &lookup_failed, Some(&served)),
        not_available
    );
    // A lookup that answers without the place means it is gone, whatever was served.
    let mut moved = offered();
    if let Some(places) = moved[0].locations.as_mut() {
        places.retain(|p| p.id != "102774");
    }
    assert_eq!(check(&at("102774"), &moved, Some(&served)), not_available);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn an_option_offered_without_places_needs_none() {
    let now = DateTime::parse_from_rfc3339(NOW).expect("now");
    let mut options = offered();
    options[0].locations = None;
    let selection = selected(
        r#"{"id": "bring-5800", "carrier": "bring", "type": "pickup-point", "price": 6900, "tax_rate": 2500}"#,
    );
    assert_eq!(
        check_selection(&selection, &options, None, now).map(|option| option.id.clone()),
        Ok("bring-5800".to_owned())
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn bad_addresses_are_shipping_address_invalid() {
    let failure_after = |edit: &dyn Fn(&mut ShipmentRequest)| {
        let mut shipment: ShipmentRequest =
            from_json(include_str!("fixtures/kss/shipment_request.json")).expect("fixture parses");
        edit(&mut shipment);
        let quote = kss_quote(
            Some(&shipment.recipient),
            &shipment.order,
            shipment.currency,
            None,
        );
        quote.map(|_| ()).map_err(|error| quote_failure(&error))
    };
    assert_eq!(failure_after(&|_| {}), Ok(()));
    assert_eq!(
        failure_after(&|s| s.recipient.postal_code = Some("ABCDE".to_owned())),
        Err(FailureReason::ShippingAddressInvalid)
    );
    assert_eq!(
        failure_after(&|s| s.recipient.country = Some("US".to_owned())),
        Err(FailureReason::ShippingAddressInvalid)
    );
    assert_eq!(
        // An item's own weight (the order's total only counts when no item has one).
        failure_after(&|s| {
            if let Some(attributes) = s.order.lines.get_mut(0).and_then(|l| l.attributes.as_mut()) {
                attributes.weight = Some(9_000_000_000);
            }
        }),
        Err(FailureReason::Other(
            "order.lines: weigh too much to ship (must be a positive whole number)".to_owned()
        ))
    );
}
