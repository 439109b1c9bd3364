//! Every Delivery Options response example of PostNord's spec, mapped into our options exactly
//! (ids, names, prices from the shop's config, types, places with opening hours, delivery times,
//! texts, sustainability), and the booking instructions kept for each choice. Runs natively and
//! as wasm.

mod support;

use serde_json::{json, Value};
use shared::carriers::postnord::{
    booking_instructions, find_booking, parse_delivery_options, Booking, DeliveryType,
};
use shared::carriers::{CarrierAnswer, Warning, WarningCode};
use shared::model::DeliveryGroup;
use shared::quote::Quote;
use shared::render_delivery_time;
use support::postnord::{config, swedish_quote};
use support::{at, quote};

const FULL: &str = include_str!("fixtures/postnord/do_success_full.json");
const RANGE: &str = include_str!("fixtures/postnord/do_success_time_of_latest_order_range.json");
const EXACT: &str = include_str!("fixtures/postnord/do_success_time_of_latest_order_exact.json");
const HAND_OVER: &str = include_str!("fixtures/postnord/do_success_hand_over_time_exact.json");
const DAY_RANGE: &str = include_str!("fixtures/postnord/do_success_day_range.json");
const CROSS_BORDER: &str = include_str!("fixtures/postnord/do_success_cross_border.json");

/// Before today's 15:00 cutoff in Stockholm (08:00 local).
const MORNING: &str = "2025-09-12T06:00:00Z";
const CUTOFF: &str = "2025-09-12T15:00:00+02:00";
const LOGO: &str = "https://shop.example/logos/postnord.svg";
const SWAN: &str = "https://shop.example/logos/nordic-swan.svg";

/// The text at `pointer` in `fixture`: the long checkout texts are compared with PostNord's own
/// rather than retyped.
fn text(fixture: &str, pointer: &str) -> Value {
    let json: Value = serde_json::from_str(fixture).expect("fixture is JSON");
    let found = json.pointer(pointer).cloned();
    found.unwrap_or_else(|| panic!("no text at {pointer}"))
}

fn texts(fixture: &str, option: &str) -> Value {
    let at = |field: &str| {
        text(
            fixture,
            &format!("{option}/descriptiveTexts/checkout/{field}"),
        )
    };
    json!({
        "display_name": at("title"),
        "description": at("briefDescription"),
        "help_text": at("fullDescription"),
        "delivery_info": at("friendlyDeliveryInfo")
    })
}

/// What every PostNord option here has: the carrier, the tax rate, the shop's logo, and the texts
/// and sustainability (with the Nordic Swan, `fossil_free` of it fossil free) of the option at
/// `pointer` in `fixture`; then `fields`.
fn option(fixture: &str, pointer: &str, fossil_free: f64, fields: Value) -> Value {
    let mut option = json!({
        "carrier": "postnord",
        "tax_rate": 2500,
        "service_texts": texts(fixture, pointer),
        "logo_url": LOGO,
        "environmental": { "tag_image_url": SWAN, "fossil_free_share": fossil_free }
    });
    let (Value::Object(option_fields), Value::Object(fields)) = (&mut option, fields) else {
        panic!("options are JSON objects");
    };
    option_fields.extend(fields);
    option
}

/// Swedish home delivery (79.00, free above 999.00), arriving at `delivery_time`.
fn swedish_home(fixture: &str, pointer: &str, fossil_free: f64, delivery_time: Value) -> Value {
    option(
        fixture,
        pointer,
        fossil_free,
        json!({
            "id": "postnord-home",
            "name": "Home delivery",
            "class": "standard",
            "type": "delivery-address",
            "price": 7900,
            "group": "home",
            "delivery_time": delivery_time,
            "free_above": 99900,
            "currency": "SEK"
        }),
    )
}

/// Swedish collection at a service point (49.00, free above 499.00) at `location`, arriving at
/// `promise`.
fn swedish_service_point(
    fixture: &str,
    pointer: &str,
    fossil_free: f64,
    promise: &str,
    location: Value,
) -> Value {
    option(
        fixture,
        pointer,
        fossil_free,
        json!({
            "id": "postnord-service-point",
            "name": "Collect at Service point",
            "class": "standard",
            "type": "pickup-point",
            "price": 4900,
            "group": "pickup",
            "delivery_time": latest(promise, "7200"),
            "locations": [location],
            "free_above": 49900,
            "currency": "SEK"
        }),
    )
}

fn hours(open: &str, close: &str) -> Value {
    json!({ "always_open": null, "close": close, "closed": null, "open": open })
}

fn always_open() -> Value {
    json!({ "always_open": true, "close": null, "closed": null, "open": null })
}

/// Operational hours given per weekday, Monday…Sunday, as weekday overrides.
fn by_weekday(days: [Value; 7]) -> Value {
    let [mon, tue, wed, thu, fri, sat, sun] = days;
    json!({
        "default": [],
        "overrides": {
            "date": [],
            "weekday": { "mon": mon, "tue": tue, "wed": wed, "thu": thu, "fri": fri, "sat": sat, "sun": sun }
        }
    })
}

/// `delivery_time` of a promise given as a latest instant in `offset` seconds.
fn latest(instant: &str, offset: &str) -> Value {
    json!({ "latest": instant, "cutoff": CUTOFF, "interval": { "utc_offset_in_seconds": offset } })
}

/// `delivery_time` of a same-day window.
fn window(earliest: &str, latest: &str, cutoff: &str, offset: &str) -> Value {
    json!({
        "earliest": earliest,
        "latest": latest,
        "cutoff": cutoff,
        "interval": { "utc_offset_in_seconds": offset },
        "time_of_day": { "earliest": earliest, "latest": latest }
    })
}

fn check(fixture: &str, quote: &Quote, now: &str, expected: Value) -> CarrierAnswer {
    let answer = parse_delivery_options(
        200,
        Some("application/json"),
        fixture,
        quote,
        &config(),
        at(now),
    )
    .unwrap_or_else(|failure| panic!("answer parses: {failure:?}"));
    assert_eq!(answer.warnings, Vec::<Warning>::new());
    assert_eq!(
        serde_json::to_value(&answer.options).expect("options serialize"),
        expected
    );
    answer
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn the_full_example_maps_every_type() {
    let types = "/warehouseToDeliveryOptions/0/deliveryOptions";
    let home = format!("{types}/0/defaultOption");
    let locker = format!("{types}/1/additionalOptions/0");
    let point = format!("{types}/2/additionalOptions/0");
    let express = format!("{types}/3/defaultOption");
    let mailbox = format!("{types}/4/defaultOption");
    check(
        FULL,
        &swedish_quote(),
        MORNING,
        json!([
            swedish_home(
                FULL,
                &home,
                1.0,
                window(
                    "2025-09-15T09:00:00+02:00",
                    "2025-09-15T14:00:00+02:00",
                    CUTOFF,
                    "7200"
                ),
            ),
            option(
                FULL,
                &locker,
                1.0,
                json!({
                    "id": "postnord-parcel-locker",
                    "name": "Collect at parcel locker",
                    "class": "standard",
                    "type": "pickup-point",
                    "price": 3900,
                    "group": "locker",
                    "delivery_time": latest("2025-09-13T15:00:00+02:00", "7200"),
                    "locations": [{
                        "id": "2559827",
                        "name": "Paketbox Thomsons Väg",
                        "address": {
                            "street_address": "Thomsons Väg 28C",
                            "postal_code": "21372",
                            "city": "MALMÖ",
                            "country": "SE"
                        },
                        "coordinates": { "lat": 55.58683291, "lng": 13.0548913 },
                        "distance_meters": 413,
                        "delivery_time": latest("2025-09-13T15:00:00+02:00", "7200"),
                        // Only Monday is given (00:00–23:59, a whole day); the other days are unknown.
                        "operational_hours": by_weekday([json!([always_open()]), json!([]), json!([]), json!([]), json!([]), json!([]), json!([])])
                    }],
                    "free_above": 49900,
                    "currency": "SEK"
                })
            ),
            // The nearest service point's texts and sustainability, not the default's: the
            // shopper sees the places first.
            swedish_service_point(
                FULL,
                &point,
                1.0,
                "2025-09-13T16:00:00+02:00",
                json!({
                    "id": "164074",
                    "name": "Coop Karolingatan",
                    "address": {
                        "street_address": "Karolingatan 1",
                        "postal_code": "21234",
                        "city": "MALMÖ",
                        "country": "SE"
                    },
                    "coordinates": { "lat": 55.5820781, "lng": 13.0651723 },
                    "distance_meters": 1014,
                    "delivery_time": latest("2025-09-13T16:00:00+02:00", "7200"),
                    "operational_hours": by_weekday([json!([hours("07:00", "19:00")]), json!([]), json!([]), json!([]), json!([]), json!([]), json!([])])
                }),
            ),
            option(
                FULL,
                &express,
                1.0,
                json!({
                    "id": "postnord-express-mailbox",
                    "name": "Fast delivery to mailbox/door",
                    "class": "express",
                    "type": "delivery-address",
                    "price": 6900,
                    "group": "express",
                    "delivery_time": latest("2025-09-15T22:00:00+02:00", "7200"),
                    "free_above": 49900,
                    "currency": "SEK"
                })
            ),
            option(
                FULL,
                &mailbox,
                1.0,
                json!({
                    "id": "postnord-mailbox",
                    "name": "To your mailbox or at your door",
                    "class": "standard",
                    "type": "delivery-address",
                    "price": 4500,
                    "group": "mailbox",
                    "delivery_time": latest("2025-09-16T08:39:00+02:00", "7200"),
                    "free_above": 49900,
                    "currency": "SEK"
                })
            )
        ]),
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn the_time_of_latest_order_range_example_is_a_home_window() {
    let home = "/warehouseToDeliveryOptions/0/deliveryOptions/0/defaultOption";
    check(
        RANGE,
        &swedish_quote(),
        MORNING,
        json!([swedish_home(
            RANGE,
            home,
            0.0,
            window(
                "2025-09-17T08:00:00+02:00",
                "2025-09-17T13:00:00+02:00",
                CUTOFF,
                "7200"
            ),
        )]),
    );
}

/// The two exact examples differ in their service point: one open the same hours every day
/// (which KSS says as `default`), one with other weekend hours (each day its own entry).
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn the_exact_examples_map_full_weeks_of_opening_hours() {
    let point = "/warehouseToDeliveryOptions/0/deliveryOptions/0/additionalOptions/0";
    let weekday = json!([hours("08:00", "19:00")]);
    let weekend = json!([hours("09:00", "17:00")]);
    let cases = [
        (
            EXACT,
            "2025-09-18T16:00:00+02:00",
            json!({
                "id": "162270",
                "name": "Direkten Rocent",
                "address": { "street_address": "Adlerfelts Väg 4F", "postal_code": "21365", "city": "MALMÖ", "country": "SE" },
                "coordinates": { "lat": 55.5857899, "lng": 13.0441512 },
                "distance_meters": 644,
                "delivery_time": latest("2025-09-18T16:00:00+02:00", "7200"),
                // No `deviations`: PostNord says hours may vary on holidays; KSS cannot say so.
                "operational_hours": by_weekday([
                    weekday.clone(), weekday.clone(), weekday.clone(), weekday.clone(), weekday,
                    weekend.clone(), weekend
                ])
            }),
        ),
        (
            HAND_OVER,
            "2025-09-16T16:00:00+02:00",
            json!({
                "id": "164074",
                "name": "Coop Karolingatan",
                "address": { "street_address": "Karolingatan 1", "postal_code": "21234", "city": "MALMÖ", "country": "SE" },
                "coordinates": { "lat": 55.5820781, "lng": 13.0651723 },
                "distance_meters": 1014,
                "delivery_time": latest("2025-09-16T16:00:00+02:00", "7200"),
                "operational_hours": { "default": [hours("07:00", "19:00")] }
            }),
        ),
    ];
    for (fixture, promise, location) in cases {
        check(
            fixture,
            &swedish_quote(),
            MORNING,
            json!([swedish_service_point(
                fixture, point, 0.0, promise, location
            )]),
        );
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_day_range_is_an_interval_in_the_recipients_offset() {
    let home = "/warehouseToDeliveryOptions/0/deliveryOptions/0/defaultOption";
    // After the cutoff (17:00 in Stockholm): no cutoff is promised.
    check(
        DAY_RANGE,
        &swedish_quote(),
        "2025-09-12T15:00:00Z",
        json!([swedish_home(
            DAY_RANGE,
            home,
            0.0,
            json!({
                "interval": { "earliest": "1", "latest": "3", "utc_offset_in_seconds": "7200" }
            }),
        )]),
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn no_cutoff_is_promised_on_a_holiday_at_the_warehouse() {
    let home = "/warehouseToDeliveryOptions/0/deliveryOptions/0/defaultOption";
    let no_cutoff = || {
        json!([swedish_home(
            DAY_RANGE,
            home,
            0.0,
            json!({
                "interval": { "earliest": "1", "latest": "3", "utc_offset_in_seconds": "7200" }
            }),
        )])
    };
    // 08:00 in Stockholm, before the 15:00 cutoff, on Midsummer Eve (a Friday) and on
    // Ascension Day (a Thursday) 2026.
    for now in ["2026-06-19T06:00:00Z", "2026-05-14T06:00:00Z"] {
        check(DAY_RANGE, &swedish_quote(), now, no_cutoff());
    }
    // The Wednesday before Midsummer, same hour: the cutoff is promised.
    check(
        DAY_RANGE,
        &swedish_quote(),
        "2026-06-17T06:00:00Z",
        json!([swedish_home(
            DAY_RANGE,
            home,
            0.0,
            json!({
                "cutoff": "2026-06-17T15:00:00+02:00",
                "interval": { "earliest": "1", "latest": "3", "utc_offset_in_seconds": "7200" }
            }),
        )]),
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_cross_border_answer_keeps_the_recipients_offset_and_prices() {
    let home = "/warehouseToDeliveryOptions/0/deliveryOptions/0/defaultOption";
    let danish = quote(
        r#"{"recipient": {"country": "DK", "postal_code": "1050"}, "parcels": [{"weight_grams": 500}], "locale": "en"}"#,
    );
    check(
        CROSS_BORDER,
        &danish,
        "2025-11-03T08:00:00Z",
        json!([option(
            CROSS_BORDER,
            home,
            0.0,
            json!({
                "id": "postnord-home",
                "name": "Home delivery",
                "class": "standard",
                "type": "delivery-address",
                "price": 5900,
                "group": "home",
                // Delivery in Copenhagen's offset, the cutoff in the (Swedish) warehouse's.
                "delivery_time": window(
                    "2025-11-05T10:00:00+01:00", "2025-11-05T15:00:00+01:00",
                    "2025-11-03T15:00:00+01:00", "3600"
                ),
                "currency": "DKK"
            })
        )]),
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn the_mapped_delivery_time_reads_as_postnord_promises() {
    let answer = parse_delivery_options(200, None, FULL, &swedish_quote(), &config(), at(MORNING))
        .expect("answer parses");
    let now = at(MORNING).fixed_offset();
    let cases = [
        (
            "postnord-home",
            "Delivered Monday September 15, from 9:00 to 14:00, if ordered before 15:00",
        ),
        (
            "postnord-service-point",
            "Delivered tomorrow, if ordered before 15:00",
        ),
    ];
    for (id, expected) in cases {
        let option = answer
            .options
            .iter()
            .find(|o| o.id == id)
            .expect("option present");
        let time = option.delivery_time.as_ref().expect("a delivery time");
        assert_eq!(
            render_delivery_time(time, now, "en")
                .ok()
                .flatten()
                .as_deref(),
            Some(expected),
            "{id}"
        );
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn free_above_makes_the_price_zero() {
    // Home is free above 999.00 (its own `free_above`), the rest above 499.00 (Sweden's).
    let cases = [
        (0, [7900, 3900, 4900, 6900, 4500]),
        (49899, [7900, 3900, 4900, 6900, 4500]),
        (49900, [7900, 0, 0, 0, 0]),
        (99900, [0, 0, 0, 0, 0]),
    ];
    for (order_value, expected) in cases {
        let quote = quote(format!(
            r#"{{"recipient": {{"country": "SE", "postal_code": "41104"}}, "parcels": [{{"weight_grams": 500}}], "order_value": {order_value}}}"#
        ));
        let answer = parse_delivery_options(200, None, FULL, &quote, &config(), at(MORNING))
            .expect("answer parses");
        let prices: Vec<(&str, i64)> = answer
            .options
            .iter()
            .map(|o| (o.id.as_str(), o.price))
            .collect();
        let ids = [
            "postnord-home",
            "postnord-parcel-locker",
            "postnord-service-point",
            "postnord-express-mailbox",
            "postnord-mailbox",
        ];
        assert_eq!(
            prices,
            ids.into_iter().zip(expected).collect::<Vec<_>>(),
            "order value {order_value}"
        );
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn booking_instructions_are_kept_for_every_choice() {
    let bookings = booking_instructions(Some("application/json"), FULL).expect("answer parses");
    let booking =
        |option: &str, location: Option<&str>, id: &str, code: &str, extra: &[&str]| Booking {
            option_id: option.to_owned(),
            location_id: location.map(str::to_owned),
            timeslot_id: None,
            delivery_option_id: id.to_owned(),
            service_code: code.to_owned(),
            additional_service_codes: extra.iter().map(|c| c.to_string()).collect(),
            service_point_id: location.map(str::to_owned),
        };
    assert_eq!(
        bookings,
        [
            booking(
                "postnord-home",
                None,
                "3b17a3cdb7f74d71bb2e461ed9f5c300",
                "17",
                &[]
            ),
            booking(
                "postnord-parcel-locker",
                Some("2559827"),
                "f8b474ee54be40329500af0190a5e595",
                "19",
                &["A7"]
            ),
            booking(
                "postnord-service-point",
                None,
                "c4dc3037402c4ce6b76af81e43ea002e",
                "19",
                &[]
            ),
            booking(
                "postnord-service-point",
                Some("164074"),
                "b68e3eba9e87489bb22ff15f1377cdf8",
                "19",
                &["A7"]
            ),
            booking(
                "postnord-express-mailbox",
                None,
                "f62427032e5647b78df0cea710deda44",
                "86",
                &[]
            ),
            booking(
                "postnord-mailbox",
                None,
                "9769d0a97a5b41a9bc7020e13ab3990a",
                "11",
                &[]
            ),
        ]
    );
    let cases = [
        (
            "postnord-service-point",
            Some("164074"),
            Some("b68e3eba9e87489bb22ff15f1377cdf8"),
        ),
        (
            "postnord-service-point",
            None,
            Some("c4dc3037402c4ce6b76af81e43ea002e"),
        ),
        (
            "postnord-parcel-locker",
            Some("2559827"),
            Some("f8b474ee54be40329500af0190a5e595"),
        ),
        ("postnord-parcel-locker", None, None),
        ("postnord-service-point", Some("999999"), None),
        ("bring-5800", None, None),
    ];
    for (option, location, expected) in cases {
        let found =
            find_booking(&bookings, option, location, None).map(|b| b.delivery_option_id.as_str());
        assert_eq!(found, expected, "{option} {location:?}");
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn home_delivery_times_become_timeslots() {
    // The spec's home additional options are specific delivery times; its examples have none, so
    // this one is the full example's home default plus two windows with `timeSlot`.
    let mut json: Value = serde_json::from_str(FULL).expect("fixture is JSON");
    let home = &mut json["warehouseToDeliveryOptions"][0]["deliveryOptions"][0];
    let slot = |id: &str, earliest: &str, latest: &str| {
        let mut option = home["defaultOption"].clone();
        option["bookingInstructions"]["deliveryOptionId"] = json!(id);
        option["bookingInstructions"]["timeSlot"] =
            json!({ "earliest": earliest, "latest": latest });
        option["deliveryTime"] = json!({ "date": { "earliest": earliest, "latest": latest } });
        option
    };
    let slots = json!([
        slot(
            "11111111111111111111111111111111",
            "2025-09-15T09:00:00+02:00",
            "2025-09-15T14:00:00+02:00"
        ),
        slot(
            "22222222222222222222222222222222",
            "2025-09-15T17:00:00+02:00",
            "2025-09-15T22:00:00+02:00"
        ),
    ]);
    home["additionalOptions"] = slots;
    let body = json.to_string();

    let answer = parse_delivery_options(200, None, &body, &swedish_quote(), &config(), at(MORNING))
        .expect("answer parses");
    assert_eq!(
        serde_json::to_value(&answer.options[0].timeslots).expect("serializes"),
        json!([
            { "id": "20250915T0900-20250915T1400", "start": "2025-09-15T09:00:00+02:00", "end": "2025-09-15T14:00:00+02:00", "cutoff": CUTOFF },
            { "id": "20250915T1700-20250915T2200", "start": "2025-09-15T17:00:00+02:00", "end": "2025-09-15T22:00:00+02:00", "cutoff": CUTOFF }
        ])
    );
    let bookings = booking_instructions(None, &body).expect("answer parses");
    let cases = [
        (None, Some("3b17a3cdb7f74d71bb2e461ed9f5c300")),
        (
            Some("20250915T0900-20250915T1400"),
            Some("11111111111111111111111111111111"),
        ),
        (
            Some("20250915T1700-20250915T2200"),
            Some("22222222222222222222222222222222"),
        ),
        (Some("20250916T0900-20250916T1400"), None),
    ];
    for (timeslot, expected) in cases {
        let found = find_booking(&bookings, "postnord-home", None, timeslot)
            .map(|b| b.delivery_option_id.as_str());
        assert_eq!(found, expected, "{timeslot:?}");
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn options_group_under_their_headings() {
    let cases = [
        ("postnord-home", Some(DeliveryGroup::Home), "home"),
        (
            "postnord-service-point",
            Some(DeliveryGroup::Pickup),
            "pickup",
        ),
        (
            "postnord-parcel-locker",
            Some(DeliveryGroup::Locker),
            "locker",
        ),
        ("postnord-mailbox", Some(DeliveryGroup::Mailbox), "mailbox"),
        (
            "postnord-postnord-home-small-no",
            Some(DeliveryGroup::Mailbox),
            "mailbox",
        ),
        (
            "postnord-express-mailbox",
            Some(DeliveryGroup::Express),
            "express",
        ),
        ("postnord-pallet-b2b", Some(DeliveryGroup::Home), "home"),
        ("bring-5800", None, ""),
        ("postnordhome", None, ""),
    ];
    for (id, expected, wire) in cases {
        let group = DeliveryType::of_option(id).map(|t| t.group());
        assert_eq!(group, expected, "{id}");
        if let Some(group) = group {
            assert_eq!(
                serde_json::to_value(&group).expect("serializes"),
                json!(wire)
            );
        }
    }

    // Every option carries its heading, and its KSS type and class agree with it.
    let answer = parse_delivery_options(200, None, FULL, &swedish_quote(), &config(), at(MORNING))
        .expect("answer parses");
    let groups: Vec<(&str, Option<&DeliveryGroup>, &str, &str)> = answer
        .options
        .iter()
        .map(|o| {
            (
                o.id.as_str(),
                o.group.as_ref(),
                o.r#type.as_str(),
                o.class.as_ref().map_or("", |c| c.as_str()),
            )
        })
        .collect();
    assert_eq!(
        groups,
        [
            (
                "postnord-home",
                Some(&DeliveryGroup::Home),
                "delivery-address",
                "standard"
            ),
            (
                "postnord-parcel-locker",
                Some(&DeliveryGroup::Locker),
                "pickup-point",
                "standard"
            ),
            (
                "postnord-service-point",
                Some(&DeliveryGroup::Pickup),
                "pickup-point",
                "standard"
            ),
            (
                "postnord-express-mailbox",
                Some(&DeliveryGroup::Express),
                "delivery-address",
                "express"
            ),
            (
                "postnord-mailbox",
                Some(&DeliveryGroup::Mailbox),
                "delivery-address",
                "standard"
            ),
        ]
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn notices_explain_options_that_are_not_offered() {
    let notice = |message: &str| Warning {
        carrier: "postnord".to_owned(),
        code: WarningCode::CarrierNotice,
        message: message.to_owned(),
    };
    let norwegian = quote(
        r#"{"recipient": {"country": "NO", "postal_code": "0150"}, "parcels": [{"weight_grams": 1}]}"#,
    );
    let in_euro = quote(
        r#"{"recipient": {"country": "SE", "postal_code": "41104"}, "parcels": [{"weight_grams": 1}], "currency": "EUR"}"#,
    );
    let danish = quote(
        r#"{"recipient": {"country": "DK", "postal_code": "1050"}, "parcels": [{"weight_grams": 1}]}"#,
    );
    let cases = [
        (
            &norwegian,
            FULL,
            vec![],
            vec![notice("no postnord prices are configured for NO")],
        ),
        (
            &in_euro,
            FULL,
            vec![],
            vec![notice(
                "postnord prices for SE are in SEK, the quote asks for EUR",
            )],
        ),
        // Denmark prices only home delivery.
        (
            &danish,
            FULL,
            vec!["postnord-home"],
            vec![
                notice(
                    "no price is configured for postnord parcel-locker to DK; it is not offered",
                ),
                notice(
                    "no price is configured for postnord service-point to DK; it is not offered",
                ),
                notice(
                    "no price is configured for postnord express-mailbox to DK; it is not offered",
                ),
                notice("no price is configured for postnord mailbox to DK; it is not offered"),
            ],
        ),
    ];
    for (quote, body, ids, warnings) in cases {
        let answer = parse_delivery_options(200, None, body, quote, &config(), at(MORNING))
            .expect("answer parses");
        let found: Vec<&str> = answer.options.iter().map(|o| o.id.as_str()).collect();
        assert_eq!(found, ids);
        assert_eq!(answer.warnings, warnings);
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn the_older_per_type_list_reads_like_delivery_options_and_a_missing_list_is_a_warning() {
    let swedish = swedish_quote();
    let parse = |body: &str| {
        parse_delivery_options(200, None, body, &swedish, &config(), at(MORNING))
            .expect("answer parses")
    };
    let current = parse(FULL);
    assert_eq!(current.options.len(), 5);

    // `deliveryOptionsPerType`, the name an earlier version of the API used: the same options.
    let mut older: Value = serde_json::from_str(FULL).expect("fixture is JSON");
    let warehouse = older["warehouseToDeliveryOptions"][0]
        .as_object_mut()
        .expect("a warehouse object");
    let list = warehouse
        .remove("deliveryOptions")
        .expect("deliveryOptions");
    warehouse.insert("deliveryOptionsPerType".to_owned(), list);
    let read = parse(&older.to_string());
    assert_eq!(read.warnings, Vec::<Warning>::new());
    assert_eq!(
        serde_json::to_value(&read.options).expect("options serialize"),
        serde_json::to_value(&current.options).expect("options serialize"),
    );

    // Neither name: no options, and a warning naming the warehouse, never a silent empty answer.
    older["warehouseToDeliveryOptions"][0]
        .as_object_mut()
        .expect("a warehouse object")
        .remove("deliveryOptionsPerType");
    let empty = parse(&older.to_string());
    assert_eq!(empty.options.len(), 0);
    assert_eq!(
        empty.warnings,
        vec![Warning {
            carrier: "postnord".to_owned(),
            code: WarningCode::MalformedResponse,
            message: "postnord sent an option we could not read: warehouseToDeliveryOptions[0]: no deliveryOptions (nor deliveryOptionsPerType)".to_owned(),
        }]
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_place_without_its_id_or_location_is_left_out_with_a_warning() {
    let swedish = swedish_quote();
    let mut answer: Value = serde_json::from_str(FULL).expect("fixture is JSON");
    let types = &mut answer["warehouseToDeliveryOptions"][0]["deliveryOptions"];
    let locker = &mut types[1]["additionalOptions"][0];
    locker["bookingInstructions"]
        .as_object_mut()
        .expect("bookingInstructions")
        .remove("servicePointId");
    let places = |answer: &CarrierAnswer, id: &str| -> Vec<String> {
        answer
            .options
            .iter()
            .filter(|o| o.id == id)
            .flat_map(|o| o.locations.iter().flatten().map(|l| l.id.clone()))
            .collect()
    };
    let full = parse_delivery_options(200, None, FULL, &swedish, &config(), at(MORNING))
        .expect("answer parses");
    let read = parse_delivery_options(
        200,
        None,
        &answer.to_string(),
        &swedish,
        &config(),
        at(MORNING),
    )
    .expect("answer parses");
    let mut expected = places(&full, "postnord-parcel-locker");
    expected.remove(0);
    assert_eq!(places(&read, "postnord-parcel-locker"), expected);
    assert_eq!(
        read.warnings,
        vec![Warning {
            carrier: "postnord".to_owned(),
            code: WarningCode::MalformedResponse,
            message: "postnord sent an option we could not read: parcel-locker additionalOptions[0] has no bookingInstructions.servicePointId; that place is left out".to_owned(),
        }]
    );
    assert_eq!(read.options.len(), full.options.len());
}

/// A home delivery window: the full example's home default with `timeSlot` and
/// `deliveryTime.date` both from `earliest` to `latest`.
fn home_slot(default: &Value, earliest: &str, latest: &str) -> Value {
    let mut option = default.clone();
    option["bookingInstructions"]["timeSlot"] = json!({ "earliest": earliest, "latest": latest });
    option["deliveryTime"] = json!({ "date": { "earliest": earliest, "latest": latest } });
    option
}

/// A second place for the pickup type at `types[t]`: a copy of its first, with another id and
/// delivery time.
fn second_place(types: &mut Value, t: usize, id: &str, latest: &str) {
    let mut place = types[t]["additionalOptions"][0].clone();
    place["bookingInstructions"]["servicePointId"] = json!(id);
    place["deliveryTime"]["date"]["latest"] = json!(latest);
    let places = types[t]["additionalOptions"]
        .as_array_mut()
        .expect("a list of places");
    places.push(place);
}

/// One case of [`a_bad_nested_field_costs_only_its_part_and_is_named`]: what it shows, the edit
/// to the full example's `deliveryOptions`, the ids of the options kept, the warnings' messages,
/// and the values at pointers into the options (`null` for none).
type Case = (
    &'static str,
    fn(&mut Value),
    &'static [&'static str],
    Vec<String>,
    Vec<(&'static str, Value)>,
);

/// One bad nested field costs only what it is part of: the entry of its type, the place's
/// delivery time, coordinates or opening hours, one home delivery window; the rest is offered,
/// and a warning names what was left out by its path.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_bad_nested_field_costs_only_its_part_and_is_named() {
    const ALL: &[&str] = &[
        "postnord-home",
        "postnord-parcel-locker",
        "postnord-service-point",
        "postnord-express-mailbox",
        "postnord-mailbox",
    ];
    let could_not = "postnord sent an option we could not read: ";
    let closed = json!({ "always_open": null, "close": null, "closed": true, "open": null });
    // Full example's `deliveryOptions`: 0 home, 1 parcel-locker, 2 service-point,
    // 3 express-mailbox, 4 mailbox; the options come out in the same order.
    let cases: Vec<Case> = vec![
        (
            "additionalOptions: null is no additional options",
            |types| {
                types[0]["additionalOptions"] = Value::Null;
                types[3]["additionalOptions"] = Value::Null;
            },
            ALL,
            vec![],
            vec![("/0/id", json!("postnord-home")), ("/0/timeslots", Value::Null)],
        ),
        (
            "a type that is not a text costs only its entry",
            |types| types[4]["type"] = json!(5),
            &ALL[..4],
            vec![format!("{could_not}warehouseToDeliveryOptions[0].deliveryOptions[4].type: not of the documented shape")],
            vec![],
        ),
        (
            "additionalOptions that are not a list cost only their entry",
            |types| types[1]["additionalOptions"] = json!({ "0": {} }),
            &[
                "postnord-home",
                "postnord-service-point",
                "postnord-express-mailbox",
                "postnord-mailbox",
            ],
            vec![format!("{could_not}warehouseToDeliveryOptions[0].deliveryOptions[1].additionalOptions: not of the documented shape")],
            vec![],
        ),
        (
            "the nearest place's unreadable time: the default's time, the place kept without one",
            |types| {
                types[2]["additionalOptions"][0]["deliveryTime"]["date"]["latest"] = json!("tomorrow");
                types[2]["defaultOption"]["deliveryTime"]["date"]["latest"] =
                    json!("2025-09-14T12:00:00+02:00");
            },
            ALL,
            vec![format!("{could_not}service-point additionalOptions[0]: deliveryTime.date.latest: \"tomorrow\" is not an RFC 3339 instant; that place is shown without its delivery time")],
            vec![
                ("/2/delivery_time", latest("2025-09-14T12:00:00+02:00", "7200")),
                ("/2/locations/0/id", json!("164074")),
                ("/2/locations/0/delivery_time", Value::Null),
            ],
        ),
        (
            "the nearest locker's unreadable time, no default: the next place's time",
            |types| {
                second_place(types, 1, "2559828", "2025-09-14T15:00:00+02:00");
                types[1]["additionalOptions"][0]["deliveryTime"]["date"]["latest"] = json!("tomorrow");
            },
            ALL,
            vec![format!("{could_not}parcel-locker additionalOptions[0]: deliveryTime.date.latest: \"tomorrow\" is not an RFC 3339 instant; that place is shown without its delivery time")],
            vec![
                ("/1/delivery_time", latest("2025-09-14T15:00:00+02:00", "7200")),
                ("/1/locations/0/id", json!("2559827")),
                ("/1/locations/0/delivery_time", Value::Null),
                ("/1/locations/1/id", json!("2559828")),
                ("/1/locations/1/delivery_time", latest("2025-09-14T15:00:00+02:00", "7200")),
            ],
        ),
        (
            "a latitude written as a text: the place without coordinates",
            |types| {
                types[2]["additionalOptions"][0]["location"]["coordinate"]["latitude"] =
                    json!("55.5820781");
            },
            ALL,
            vec![format!("{could_not}service-point additionalOptions[0]: location.coordinate.latitude: not of the documented shape; that place is shown without its coordinates")],
            vec![
                ("/2/locations/0/id", json!("164074")),
                ("/2/locations/0/coordinates", Value::Null),
                ("/2/locations/0/operational_hours/overrides/weekday/mon", json!([hours("07:00", "19:00")])),
            ],
        ),
        (
            "a closed day with timeRanges: null is closed",
            |types| {
                types[1]["additionalOptions"][0]["location"]["openingHours"]["regular"]["sunday"] =
                    json!({ "open": false, "timeRanges": null });
            },
            ALL,
            vec![],
            vec![
                ("/1/locations/0/id", json!("2559827")),
                ("/1/locations/0/operational_hours/overrides/weekday/mon", json!([always_open()])),
                ("/1/locations/0/operational_hours/overrides/weekday/sun", json!([closed])),
            ],
        ),
        (
            "unreadable opening hours: the place without them",
            |types| {
                types[2]["additionalOptions"][0]["location"]["openingHours"]["regular"]["monday"]["open"] =
                    json!("yes");
            },
            ALL,
            vec![format!("{could_not}service-point additionalOptions[0]: location.openingHours.regular.monday.open: not of the documented shape; that place is shown without its opening hours")],
            vec![
                ("/2/locations/0/id", json!("164074")),
                ("/2/locations/0/operational_hours", Value::Null),
                ("/2/locations/0/coordinates", json!({ "lat": 55.5820781, "lng": 13.0651723 })),
            ],
        ),
        (
            "home windows without a start or with a bad instant are named",
            |types| {
                let default = types[0]["defaultOption"].clone();
                let mut no_start = default.clone();
                no_start["deliveryTime"]["date"]
                    .as_object_mut()
                    .expect("a date")
                    .remove("earliest");
                types[0]["additionalOptions"] = json!([
                    home_slot(&default, "2025-09-15T09:00:00+02:00", "2025-09-15T14:00:00+02:00"),
                    no_start,
                    home_slot(&default, "09:00", "2025-09-15T14:00:00+02:00"),
                ]);
            },
            ALL,
            vec![
                format!("{could_not}home additionalOptions[1]: no bookingInstructions.timeSlot nor deliveryTime.date.earliest; that delivery time is left out"),
                format!("{could_not}home additionalOptions[2]: bookingInstructions.timeSlot.earliest: \"09:00\" is not an RFC 3339 instant; that delivery time is left out"),
            ],
            vec![(
                "/0/timeslots",
                json!([{ "id": "20250915T0900-20250915T1400", "start": "2025-09-15T09:00:00+02:00", "end": "2025-09-15T14:00:00+02:00", "cutoff": CUTOFF }]),
            )],
        ),
        (
            "another place's unreadable time is named",
            |types| second_place(types, 2, "164075", "Saturday"),
            ALL,
            vec![format!("{could_not}service-point additionalOptions[1]: deliveryTime.date.latest: \"Saturday\" is not an RFC 3339 instant; that place is shown without its delivery time")],
            vec![
                ("/2/delivery_time", latest("2025-09-13T16:00:00+02:00", "7200")),
                ("/2/locations/0/delivery_time", latest("2025-09-13T16:00:00+02:00", "7200")),
                ("/2/locations/1/id", json!("164075")),
                ("/2/locations/1/delivery_time", Value::Null),
            ],
        ),
        (
            "an opening time not HH:mm: the place without opening hours",
            |types| {
                types[1]["additionalOptions"][0]["location"]["openingHours"]["regular"]["monday"]["timeRanges"][0]["from"] =
                    json!("7 am");
            },
            ALL,
            vec![format!("{could_not}parcel-locker additionalOptions[0]: location.openingHours.regular.monday.timeRanges[0].from is not a time of day; that place is shown without its opening hours")],
            vec![
                ("/1/locations/0/id", json!("2559827")),
                ("/1/locations/0/operational_hours", Value::Null),
            ],
        ),
        (
            "a deviation's date that is not a date: the place without opening hours",
            |types| {
                types[2]["additionalOptions"][0]["location"]["openingHours"]["deviations"] =
                    json!([{ "date": "24 December", "reason": "Christmas Eve", "openHours": { "open": false } }]);
            },
            ALL,
            vec![format!("{could_not}service-point additionalOptions[0]: location.openingHours.deviations[0].date is not a date; that place is shown without its opening hours")],
            vec![
                ("/2/locations/0/id", json!("164074")),
                ("/2/locations/0/operational_hours", Value::Null),
            ],
        ),
        (
            "a deviation that can be read is a date override",
            |types| {
                types[2]["additionalOptions"][0]["location"]["openingHours"]["deviations"] = json!([
                    { "date": "2025-12-24", "reason": "Christmas Eve", "openHours": { "open": true, "timeRanges": [{ "from": "10:00", "to": "14:00" }] } },
                    { "date": "2025-12-25", "openHours": { "open": false } }
                ]);
            },
            ALL,
            vec![],
            vec![(
                "/2/locations/0/operational_hours/overrides/date",
                json!([
                    { "date": "2025-12-24", "reason": "Christmas Eve", "hours": [hours("10:00", "14:00")] },
                    { "date": "2025-12-25", "hours": [closed] }
                ]),
            )],
        ),
    ];
    // Every case is checked and every mismatch reported, so one failing case hides no other.
    let mut failures = Vec::new();
    for (what, edit, ids, warnings, checks) in cases {
        let mut json: Value = serde_json::from_str(FULL).expect("fixture is JSON");
        edit(&mut json["warehouseToDeliveryOptions"][0]["deliveryOptions"]);
        let answer = match parse_delivery_options(
            200,
            None,
            &json.to_string(),
            &swedish_quote(),
            &config(),
            at(MORNING),
        ) {
            Ok(answer) => answer,
            Err(failure) => {
                failures.push(format!("{what}: the answer does not parse: {failure:?}"));
                continue;
            }
        };
        let found: Vec<&str> = answer.options.iter().map(|o| o.id.as_str()).collect();
        if found != ids {
            failures.push(format!("{what}: options {found:?}, expected {ids:?}"));
        }
        let expected: Vec<Warning> = warnings
            .into_iter()
            .map(|message| Warning {
                carrier: "postnord".to_owned(),
                code: WarningCode::MalformedResponse,
                message,
            })
            .collect();
        if answer.warnings != expected {
            failures.push(format!(
                "{what}: warnings {:#?}, expected {expected:#?}",
                answer.warnings
            ));
        }
        let options = serde_json::to_value(&answer.options).expect("options serialize");
        for (pointer, value) in checks {
            let at = options.pointer(pointer).cloned().unwrap_or(Value::Null);
            if at != value {
                failures.push(format!("{what}: {pointer} is {at}, expected {value}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
