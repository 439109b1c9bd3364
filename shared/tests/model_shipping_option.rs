//! The shipping option with our extras: they round-trip, they are dropped for Klarna, and
//! enumerations and opening hours keep what KSS sends.

use serde_json::{json, Value};
use shared::model::{
    from_json, AddonType, AreaType, Currency, DeliveryGroup, Location, Money, OperationalHours,
    ShippingClass, ShippingOption, ShippingType,
};
use shared::Error;

const OPTION_WITH_EXTRAS: &str = include_str!("fixtures/kss/option_with_extras.json");

fn option_with_extras() -> ShippingOption {
    from_json(OPTION_WITH_EXTRAS).unwrap_or_else(|error| panic!("fixture parses: {error}"))
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn extras_round_trip() {
    let option = option_with_extras();
    let expected: Value = serde_json::from_str(OPTION_WITH_EXTRAS).expect("fixture is JSON");
    assert_eq!(serde_json::to_value(&option).expect("serializes"), expected);

    let texts = option.service_texts.as_ref().expect("service texts");
    assert_eq!(texts.display_name.as_deref(), Some("Til hentested"));
    assert_eq!(texts.short_name.as_deref(), Some("Pakke til hentested"));
    let environmental = option.environmental.as_ref().expect("environmental data");
    assert_eq!(environmental.fossil_free_share, Some(1.0));
    assert_eq!(
        option.logo_url.as_deref(),
        Some("https://www.mybring.com/shipping-guide/assets/img/Posten_logo.svg")
    );
    assert_eq!(
        texts.delivery_info.as_deref(),
        Some("Coop Mega Storo (i morgen ~ 16:00)")
    );
    assert_eq!(option.group, Some(DeliveryGroup::Pickup));
    let locations = option.locations.as_deref().unwrap_or_default();
    assert_eq!(locations[0].distance_meters, Some(1300));
    assert_eq!(option.alternative_delivery_dates.len(), 2);
    assert_eq!(
        option.alternative_delivery_dates[1].earliest.as_deref(),
        Some("2024-01-16T08:00:00+01:00")
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn price_carries_the_currency() {
    let option = option_with_extras();
    let nok: Currency = "NOK".parse().expect("valid code");
    assert_eq!(
        option.price_money(),
        Some(Money {
            amount: 9900,
            currency: nok
        })
    );
    assert_eq!(option.to_kss().price_money(), None);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn kss_view_drops_exactly_our_fields() {
    let mut expected: Value = serde_json::from_str(OPTION_WITH_EXTRAS).expect("fixture is JSON");
    let object = expected.as_object_mut().expect("an object");
    for ours in [
        "group",
        "currency",
        "service_texts",
        "logo_url",
        "environmental",
        "alternative_delivery_dates",
        "delivery_time_text",
    ] {
        assert!(object.remove(ours).is_some(), "fixture lacks {ours}");
    }
    // Ours on each location too.
    let locations = object
        .get_mut("locations")
        .and_then(Value::as_array_mut)
        .expect("fixture has locations");
    for location in locations {
        let location = location.as_object_mut().expect("a location object");
        assert!(
            location.remove("distance_meters").is_some(),
            "fixture location lacks distance_meters"
        );
    }
    assert_eq!(
        serde_json::to_value(option_with_extras().to_kss()).expect("serializes"),
        expected
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn new_option_writes_only_the_required_fields() {
    let option = ShippingOption::new(
        "o-1",
        "Hem",
        "postnord",
        ShippingType::DeliveryAddress,
        4900,
        2500,
    );
    assert_eq!(
        serde_json::to_value(&option).expect("serializes"),
        json!({"id": "o-1", "name": "Hem", "carrier": "postnord", "type": "delivery-address", "price": 4900, "tax_rate": 2500})
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn unknown_enumeration_values_parse_and_round_trip() {
    let payload = json!({
        "id": "o-2", "name": "Kvällsleverans", "carrier": "budbee", "class": "same-day", "type": "pickup-box",
        "price": 0, "tax_rate": 2500,
        "addons": [{"id": "a", "type": "door-code", "price": 0}],
        "area": {"boundary": [], "type": "mountain"}
    });
    let option: ShippingOption =
        from_json(&payload.to_string()).unwrap_or_else(|error| panic!("parses: {error}"));
    assert_eq!(
        option.class,
        Some(ShippingClass::Other("same-day".to_owned()))
    );
    assert_eq!(option.r#type, ShippingType::Other("pickup-box".to_owned()));
    assert_eq!(option.r#type.as_str(), "pickup-box");
    assert_eq!(
        option.addons.as_deref().unwrap_or_default()[0].r#type,
        AddonType::Other("door-code".to_owned())
    );
    assert_eq!(
        option.area.as_ref().and_then(|area| area.r#type.clone()),
        Some(AreaType::Other("mountain".to_owned()))
    );
    assert_eq!(serde_json::to_value(&option).expect("serializes"), payload);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn delivery_groups_are_open_and_give_type_and_class() {
    // (wire, group, KSS type, KSS class)
    let cases = [
        ("home", DeliveryGroup::Home, "delivery-address", "standard"),
        ("pickup", DeliveryGroup::Pickup, "pickup-point", "standard"),
        ("locker", DeliveryGroup::Locker, "pickup-point", "standard"),
        (
            "mailbox",
            DeliveryGroup::Mailbox,
            "delivery-address",
            "standard",
        ),
        (
            "express",
            DeliveryGroup::Express,
            "delivery-address",
            "express",
        ),
        // A heading from a newer edge still parses, and is delivered to the address.
        (
            "drone",
            DeliveryGroup::Other("drone".to_owned()),
            "delivery-address",
            "standard",
        ),
    ];
    for (wire, group, r#type, class) in cases {
        let parsed: DeliveryGroup =
            from_json(&json!(wire).to_string()).unwrap_or_else(|error| panic!("{wire}: {error}"));
        assert_eq!(parsed, group);
        assert_eq!(
            serde_json::to_value(&group).expect("serializes"),
            json!(wire)
        );
        assert_eq!(group.shipping_type().as_str(), r#type, "{wire}");
        assert_eq!(group.class().as_str(), class, "{wire}");
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn known_enumeration_values_land_in_their_variant() {
    assert_eq!(
        ShippingType::from("pickup-point"),
        ShippingType::PickupPoint
    );
    assert_eq!(
        ShippingClass::from("express".to_owned()),
        ShippingClass::Express
    );
    assert_eq!(AddonType::Text.to_string(), "string");
    assert_eq!(
        serde_json::to_value(AddonType::Sms).expect("serializes"),
        json!("sms")
    );
    let wrong: Result<ShippingType, _> = from_json("3");
    assert_eq!(
        wrong.map_err(|error| error.to_string()),
        Err("invalid type: integer `3`, expected a string at line 1 column 1".to_owned())
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn opening_hours_are_written_in_kss_full_shape() {
    // A carrier gives only the times; the output has KSS's documented shape with explicit nulls.
    let hours: OperationalHours = from_json(r#"{"default":[{"open":"08:00","close":"20:00"}]}"#)
        .unwrap_or_else(|error| panic!("parses: {error}"));
    assert_eq!(
        serde_json::to_value(&hours).expect("serializes"),
        json!({"default": [{"always_open": null, "close": "20:00", "closed": null, "open": "08:00"}]})
    );
    let with_overrides: OperationalHours =
        from_json(r#"{"default":[],"overrides":{"weekday":{"sun":[{"closed":true}]}}}"#)
            .unwrap_or_else(|error| panic!("parses: {error}"));
    let closed = json!([{"always_open": null, "close": null, "closed": true, "open": null}]);
    assert_eq!(
        serde_json::to_value(&with_overrides).expect("serializes"),
        json!({"default": [], "overrides": {"date": [], "weekday": {
            "mon": [], "tue": [], "wed": [], "thu": [], "fri": [], "sat": [], "sun": closed
        }}})
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn location_requires_id_and_name() {
    let error = from_json::<Location>(r#"{"id":"loc-1"}"#)
        .map(|_| ())
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "at `name`: missing field `name` at line 1 column 14"
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn currency_codes_are_three_letters_in_upper_case() {
    let sek: Currency = "sek".parse().expect("valid code");
    assert_eq!(sek.as_str(), "SEK");
    assert_eq!(serde_json::to_value(sek).expect("serializes"), json!("SEK"));
    for bad in ["SE", "SEKK", "S3K", "", "SÉK"] {
        assert_eq!(
            bad.parse::<Currency>(),
            Err(Error::Currency(bad.to_owned()))
        );
    }
    assert_eq!(
        Error::Currency("kr".to_owned()).to_string(),
        "currency must be a three-letter ISO 4217 code such as `SEK`, got `kr`"
    );
}
