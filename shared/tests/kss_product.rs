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
    assert_eq!(
        carrier_product(offered, chosen, source),
        CarrierProduct {
            identifier: identifier.to_owned(),
            name: Some("Name".to_owned()),
            addon_identifiers: addons.map(|a| a.iter().map(|s| (*s).to_owned()).collect()),
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
    check(
        &postnord,
        &chosen,
        ProductSource::PostNord(Some(&booking)),
        "19",
        Some(&["A7"]),
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
