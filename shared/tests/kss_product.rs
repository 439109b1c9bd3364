//! What a reservation is booked as (the carrier product in KSS's shipment answers), which
//! option comes first in a shipping-options answer, and our shipment ids. Runs natively and as
//! wasm.

mod support;

use shared::carriers::postnord::Booking;
use shared::carriers::postplus::sender_parcel_nr;
use shared::kss::{
    carrier_product, is_shipment_id, shipment_id, CarrierProduct, ProductSource,
    SelectedShippingOption, ShippingOptionsResponse,
};
use shared::model::{from_json, ShippingOption, ShippingType};
use shared::quote::Country;

fn option(id: &str, carrier: &str) -> ShippingOption {
    ShippingOption::new(
        id,
        "Name",
        carrier,
        ShippingType::DeliveryAddress,
        4900,
        2500,
    )
}

fn selected(id: &str, carrier: &str, addons: &str) -> SelectedShippingOption {
    from_json(&format!(
        r#"{{"id": "{id}", "carrier": "{carrier}", "type": "delivery-address", "price": 4900,
            "tax_rate": 2500, "addons": {addons}}}"#
    ))
    .expect("selection")
}

fn check(
    offered: &ShippingOption,
    chosen: &SelectedShippingOption,
    source: ProductSource<'_>,
    identifier: &str,
    addons: Option<&[&str]>,
) {
    check_booked(offered, chosen, source, identifier, addons, (None, None));
}

/// As [`check`], with the place and choice references (`service_point_id`,
/// `delivery_option_id`) the product must carry.
fn check_booked(
    offered: &ShippingOption,
    chosen: &SelectedShippingOption,
    source: ProductSource<'_>,
    identifier: &str,
    addons: Option<&[&str]>,
    references: (Option<&str>, Option<&str>),
) {
    assert_eq!(
        carrier_product(offered, chosen, source),
        CarrierProduct {
            identifier: identifier.to_owned(),
            name: Some("Name".to_owned()),
            addon_identifiers: addons.map(|a| a.iter().map(|s| (*s).to_owned()).collect()),
            service_point_id: references.0.map(str::to_owned),
            delivery_option_id: references.1.map(str::to_owned),
        },
        "{}",
        offered.id
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn carrier_products_by_carrier() {
    let addons = r#"[
        {"id": "sms", "type": "sms", "price": 0, "data": {"selected": true}},
        {"id": "door_code", "type": "string", "price": 0, "data": {"text": "1234B"}},
        {"id": "not_taken", "type": "sms", "price": 0, "data": {"selected": false}},
        {"id": "blank", "type": "string", "price": 0, "data": {"text": "  "}}
    ]"#;
    let bring = option("bring-5800", "bring");
    check(
        &bring,
        &selected("bring-5800", "bring", addons),
        ProductSource::Option,
        "5800",
        Some(&["sms", "door_code"]),
    );
    check(
        &bring,
        &selected("bring-5800", "bring", "[]"),
        ProductSource::Option,
        "5800",
        None,
    );

    let booking = Booking {
        option_id: "postnord-service-point".to_owned(),
        location_id: None,
        timeslot_id: None,
        delivery_option_id: "x".to_owned(),
        service_code: "19".to_owned(),
        additional_service_codes: vec!["A7".to_owned()],
        service_point_id: None,
    };
    let postnord = option("postnord-service-point", "postnord");
    let chosen = selected("postnord-service-point", "postnord", "[]");
    check_booked(
        &postnord,
        &chosen,
        ProductSource::PostNord(Some(&booking)),
        "19",
        Some(&["A7"]),
        (None, Some("x")),
    );
    check(
        &postnord,
        &chosen,
        ProductSource::PostNord(None),
        "postnord-service-point",
        None,
    );

    let config = support::postplus::config();
    let postplus = option("postplus-home", "postplus");
    let chosen = selected("postplus-home", "postplus", "[]");
    let code = config
        .service_code_for(Country::Se, "postplus-home")
        .to_owned();
    check(
        &postplus,
        &chosen,
        ProductSource::PostPlus(&config, Country::Se),
        &code,
        None,
    );
    // A carrier PostPlus delivers for is booked with the shop's service code.
    let budbee = option("budbee-evening", "budbee");
    check(
        &budbee,
        &selected("budbee-evening", "budbee", "[]"),
        ProductSource::PostPlus(&config, Country::Se),
        &config.service_code,
        None,
    );

    let fallback = option("fallback-home", "shop");
    check(
        &fallback,
        &selected("fallback-home", "shop", "[]"),
        ProductSource::Option,
        "fallback-home",
        None,
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn the_chosen_option_comes_first() {
    let options = || vec![option("a", "x"), option("b", "x"), option("c", "x")];
    let ids = |answer: ShippingOptionsResponse| {
        answer
            .shipping_options
            .into_iter()
            .map(|o| o.id)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        ids(ShippingOptionsResponse::with_selected_first(
            options(),
            Some("c")
        )),
        ["c", "a", "b"]
    );
    assert_eq!(
        ids(ShippingOptionsResponse::with_selected_first(
            options(),
            Some("a")
        )),
        ["a", "b", "c"]
    );
    assert_eq!(
        ids(ShippingOptionsResponse::with_selected_first(
            options(),
            Some("gone")
        )),
        ["a", "b", "c"]
    );
    assert_eq!(
        ids(ShippingOptionsResponse::with_selected_first(
            options(),
            None
        )),
        ["a", "b", "c"]
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn shipment_ids_are_per_merchant_and_session_and_key_postplus_parcels() {
    let id = shipment_id("sweMerch123", "201cda14-975f-4c4d-9c2f-12f3896b5156");
    assert_eq!(
        id,
        shipment_id("sweMerch123", "201cda14-975f-4c4d-9c2f-12f3896b5156")
    );
    assert_eq!(id.len(), 44);
    assert!(is_shipment_id(&id), "{id}");
    assert_ne!(
        id,
        shipment_id("otherMerchant", "201cda14-975f-4c4d-9c2f-12f3896b5156")
    );
    assert_ne!(
        id,
        shipment_id("sweMerch123", "201cda14-975f-4c4d-9c2f-12f3896b5157")
    );
    // The separator keeps ("ab", "c") and ("a", "bc") apart.
    assert_ne!(shipment_id("ab", "c"), shipment_id("a", "bc"));
    assert_eq!(sender_parcel_nr(&id).as_deref(), Ok(id.as_str()));
    for bad in [
        "",
        "kss_",
        "kss_XYZ",
        "201cda14-975f-4c4d-9c2f-12f3896b5156",
        &format!("{id}0"),
        &id.to_uppercase(),
    ] {
        assert!(!is_shipment_id(bad), "{bad}");
    }
}

/// The booking for a place the shopper chose, whichever list it came from (Delivery Options'
/// own places, or the more places Service Points gave).
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn postnord_books_the_place_the_shopper_chose() {
    use shared::carriers::postnord::booking_for;
    let booking = |location: Option<&str>, id: &str, codes: &[&str], point: Option<&str>| Booking {
        option_id: "postnord-service-point".to_owned(),
        location_id: location.map(str::to_owned),
        timeslot_id: None,
        delivery_option_id: id.to_owned(),
        service_code: "19".to_owned(),
        additional_service_codes: codes.iter().map(|c| (*c).to_owned()).collect(),
        service_point_id: point.map(str::to_owned),
    };
    let default = booking(None, "d0", &[], Some("111"));
    let listed = booking(Some("222"), "d2", &["A7"], Some("222"));
    let bookings = vec![default.clone(), listed.clone()];
    let chosen = |place: Option<&str>| {
        booking_for(&bookings, "postnord-service-point", place, None).map(|b| {
            (
                b.delivery_option_id,
                b.additional_service_codes,
                b.service_point_id,
            )
        })
    };
    let owned = |codes: &[&str]| codes.iter().map(|c| (*c).to_owned()).collect::<Vec<_>>();
    // No place chosen: PostNord's default. A listed place: its own booking.
    assert_eq!(
        chosen(None),
        Some(("d0".to_owned(), owned(&[]), Some("111".to_owned())))
    );
    assert_eq!(
        chosen(Some("222")),
        Some(("d2".to_owned(), owned(&["A7"]), Some("222".to_owned())))
    );
    // A place from Service Points: booked to that place, with A7, never as the default.
    assert_eq!(
        chosen(Some("0333")),
        Some(("d2".to_owned(), owned(&["A7"]), Some("0333".to_owned())))
    );
    // With no listed place to start from, the default booking plus A7, to the chosen place.
    let only_default = vec![default];
    assert_eq!(
        booking_for(&only_default, "postnord-service-point", Some("0333"), None).map(|b| (
            b.delivery_option_id,
            b.additional_service_codes,
            b.service_point_id
        )),
        Some(("d0".to_owned(), owned(&["A7"]), Some("0333".to_owned())))
    );
    // An option PostNord no longer offers has no booking.
    assert_eq!(
        booking_for(&bookings, "postnord-parcel-locker", Some("0333"), None),
        None
    );
}
