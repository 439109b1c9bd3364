//! Bring Pickup Point API: the request URL (street and number split and encoded), every reference
//! example mapped exactly into KSS locations, opening hours from structure or text, attaching the
//! points to pickup options, and failures.

mod support;

use serde_json::{json, Value};
use shared::carriers::bring::{
    attach_pickup_points, parse_pickup_points, parse_products, pickup_points_request,
    PickupPointType,
};
use shared::carriers::{CarrierFailure, Method};
use shared::model::{Location, OperationalHours};
use shared::quote::Quote;
use support::at;
use support::bring::{config, credentials, request_headers, JSON};

const BY_POSTAL_CODE: &str = include_str!("fixtures/bring/pickup_points_by_postal_code.json");
const BY_COORDINATES: &str = include_str!("fixtures/bring/pickup_points_by_coordinates.json");
const BY_ID: &str = include_str!("fixtures/bring/pickup_point_by_id.json");
const DEFAULT: &str = include_str!("fixtures/bring/pickup_point_default.json");
const EXPECTED_BY_POSTAL_CODE: &str =
    include_str!("fixtures/bring/expected_locations_by_postal_code.json");
const EXPECTED_BY_COORDINATES: &str =
    include_str!("fixtures/bring/expected_locations_by_coordinates.json");
const EXPECTED_BY_ID: &str = include_str!("fixtures/bring/expected_location_by_id.json");
const EXPECTED_DEFAULT: &str = include_str!("fixtures/bring/expected_location_default.json");
const COMPOSED: &str = include_str!("fixtures/bring/products_composed_response.json");

fn quote(country: &str, postal_code: &str, street_address: Option<&str>) -> Quote {
    support::quote(json!({
        "recipient": { "country": country, "postal_code": postal_code, "street_address": street_address },
        "parcels": [{ "weight_grams": 1200 }]
    }))
}

fn locations(body: &str) -> Vec<Location> {
    parse_pickup_points(200, JSON, body, &quote("NO", "1407", None))
        .unwrap_or_else(|failure| panic!("parses: {failure:?}"))
        .locations
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn request_is_exact() {
    let request = pickup_points_request(
        &quote("NO", "1407", Some("Sjøskogenveien 7")),
        &config(),
        &credentials(),
        None,
    );
    assert_eq!(request.method, Method::Get);
    // The configured base ends in a slash; the path still has one.
    assert_eq!(
        request.url,
        "https://api.bring.com/pickuppoint/api/pickuppoint/NO/postalCode/1407.json?numberOfResponses=10&street=Sj%C3%B8skogenveien&streetNumber=7"
    );
    assert_eq!(request.headers, request_headers(&[]));
    assert_eq!(request.body, None);
}

/// The query an address is sent with, after `numberOfResponses=7`.
fn check_query(country: &str, postal_code: &str, street_address: Option<&str>, expected: &str) {
    let mut config = config();
    config.pickup_points = 7;
    let request = pickup_points_request(
        &quote(country, postal_code, street_address),
        &config,
        &credentials(),
        None,
    );
    let (_, query) = request.url.split_once('?').expect("a query");
    assert_eq!(
        query,
        format!("numberOfResponses=7{expected}"),
        "{street_address:?}"
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn street_addresses_split_into_street_and_number() {
    let cases = [
        // Bring's own example: `street=dronningens gate&streetNumber=10`.
        (
            "NO",
            "0152",
            Some("Dronningens gate 10"),
            "&street=Dronningens+gate&streetNumber=10",
        ),
        (
            "NO",
            "1481",
            Some("Hellinga 8 B"),
            "&street=Hellinga&streetNumber=8+B",
        ),
        (
            "NO",
            "0173",
            Some("Storgata 5B"),
            "&street=Storgata&streetNumber=5B",
        ),
        (
            "SE",
            "11134",
            Some("Sveavägen 46 lgh 1102"),
            "&street=Sveav%C3%A4gen&streetNumber=46",
        ),
        (
            "DK",
            "2000",
            Some("Smallegade 3, 2. th."),
            "&street=Smallegade&streetNumber=3",
        ),
        (
            "FI",
            "00100",
            Some("Mannerheimintie 12 A 5"),
            "&street=Mannerheimintie&streetNumber=12+A",
        ),
        (
            "NO",
            "0173",
            Some("C. Sundts gate 57"),
            "&street=C.+Sundts+gate&streetNumber=57",
        ),
        ("NO", "9170", Some("Postboks"), "&street=Postboks"),
        (
            "NO",
            "0173",
            Some("  Karl Johans gate   22  "),
            "&street=Karl+Johans+gate&streetNumber=22",
        ),
        (
            "NO",
            "0173",
            Some("Tøyen & Co 1/2"),
            "&street=T%C3%B8yen+%26+Co&streetNumber=1%2F2",
        ),
        ("NO", "0173", Some(", 4"), ""),
        ("NO", "0173", None, ""),
    ];
    for (country, postal_code, street_address, expected) in cases {
        check_query(country, postal_code, street_address, expected);
    }
}

/// The locations of `body` must serialize to `expected` (a JSON list, one location a line).
fn check_locations(body: &str, expected: &str) {
    let expected: Value = serde_json::from_str(expected).expect("the expected file is JSON");
    assert_eq!(
        serde_json::to_value(locations(body)).expect("serializes"),
        expected
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn every_reference_example_maps_exactly() {
    let cases = [
        (BY_POSTAL_CODE, EXPECTED_BY_POSTAL_CODE),
        (BY_COORDINATES, EXPECTED_BY_COORDINATES),
        (BY_ID, EXPECTED_BY_ID),
        (DEFAULT, EXPECTED_DEFAULT),
    ];
    for (body, expected) in cases {
        check_locations(body, expected);
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn points_keep_bring_s_order_nearest_by_driving_time() {
    // Bring sorts by driving time, so 8.6 km can come before 8.3 km; that order is kept.
    let ids: Vec<String> = locations(BY_POSTAL_CODE)
        .into_iter()
        .map(|l| l.id)
        .collect();
    assert_eq!(
        ids,
        [
            "121524", "102774", "121110", "176210", "121390", "121290", "121488", "102585",
            "121447", "121355"
        ]
    );
}

/// Opening hours read from `point` (the fields of one pickup point besides id and name).
fn hours(point: Value) -> Option<OperationalHours> {
    let mut point = point;
    point["id"] = json!("1");
    point["name"] = json!("Test");
    let body = json!({ "pickupPoint": [point] }).to_string();
    locations(&body)
        .pop()
        .and_then(|location| location.operational_hours)
}

/// A week as `[mon, tue, …, sun]`, each day `"HH:MM-HH:MM"` spans joined by a space, or `closed`.
fn week(days: [&str; 7]) -> Option<OperationalHours> {
    let day = |text: &str| -> Value {
        if text == "closed" {
            return json!([{ "always_open": null, "close": null, "closed": true, "open": null }]);
        }
        text.split(' ')
            .map(|span| {
                let (open, close) = span.split_once('-').expect("a span");
                json!({ "always_open": null, "close": close, "closed": null, "open": open })
            })
            .collect()
    };
    let [mon, tue, wed, thu, fri, sat, sun] = days.map(day);
    serde_json::from_value(json!({
        "default": [],
        "overrides": { "date": [], "weekday": {
            "mon": mon, "tue": tue, "wed": wed, "thu": thu, "fri": fri, "sat": sat, "sun": sun
        } }
    }))
    .ok()
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn opening_hours_come_from_structure_or_text() {
    let weekdays_and_saturday = week([
        "08:00-22:00",
        "08:00-22:00",
        "08:00-22:00",
        "08:00-22:00",
        "08:00-22:00",
        "08:00-20:00",
        "closed",
    ]);
    let cases = [
        (
            json!({ "openingHoursEnglish": "Mon - Fri: 0800-2200, Sat: 0800-2000" }),
            weekdays_and_saturday.clone(),
        ),
        (
            json!({ "openingHoursNorwegian": "Man - Fre: 0800-2200, Lør: 0800-2000" }),
            weekdays_and_saturday.clone(),
        ),
        (
            json!({ "openingHoursSwedish": "Mån - Fre: 0800-2200, Lör: 0800-2000" }),
            weekdays_and_saturday.clone(),
        ),
        (
            json!({ "openingHoursFinnish": "Maa - Per: 0800-2200, Lau: 0800-2000" }),
            weekdays_and_saturday.clone(),
        ),
        (
            json!({ "openingHoursFinnish": "Ma - Pe: 0800-2200, La: 0800-2000" }),
            weekdays_and_saturday.clone(),
        ),
        // English that does not read falls back to the next language.
        (
            json!({ "openingHoursEnglish": "Open 24/7", "openingHoursNorwegian": "Man - Fre: 0800-2200, Lør: 0800-2000" }),
            weekdays_and_saturday.clone(),
        ),
        (
            json!({ "openingHoursEnglish": "Mon - Sat: 0700-2300" }),
            week([
                "07:00-23:00",
                "07:00-23:00",
                "07:00-23:00",
                "07:00-23:00",
                "07:00-23:00",
                "07:00-23:00",
                "closed",
            ]),
        ),
        (
            json!({ "openingHoursEnglish": "Mon - Fri: 0800-2100, Sat: 0900-2000, Sun: 1100-2200" }),
            week([
                "08:00-21:00",
                "08:00-21:00",
                "08:00-21:00",
                "08:00-21:00",
                "08:00-21:00",
                "09:00-20:00",
                "11:00-22:00",
            ]),
        ),
        (
            json!({ "openingHoursEnglish": "Mon: 0800-1200, Mon: 1300-1700" }),
            week([
                "08:00-12:00 13:00-17:00",
                "closed",
                "closed",
                "closed",
                "closed",
                "closed",
                "closed",
            ]),
        ),
        // The structured list wins over the text.
        (
            json!({
                "openingHoursEnglish": "Mon - Fri: 0800-2200",
                "openingHours": [
                    { "day": "MONDAY", "opening": "0700", "closing": "2200" },
                    { "day": "SATURDAY", "opening": "0900", "closing": "2000" }
                ]
            }),
            week([
                "07:00-22:00",
                "closed",
                "closed",
                "closed",
                "closed",
                "09:00-20:00",
                "closed",
            ]),
        ),
        // What does not read exactly is left alone rather than guessed at.
        (
            json!({ "openingHoursEnglish": "Mon - Fri: 0800-2500" }),
            None,
        ),
        (
            json!({ "openingHoursEnglish": "Fri - Mon: 0800-2200" }),
            None,
        ),
        (
            json!({ "openingHoursEnglish": "Mon - Fri: 0800-2200, Holidays: closed" }),
            None,
        ),
        (json!({ "openingHoursEnglish": "" }), None),
        (json!({}), None),
    ];
    for (point, expected) in cases {
        assert_eq!(hours(point.clone()), expected, "{point}");
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn points_without_id_or_name_or_of_another_shape_are_left_out() {
    let body = json!({ "pickupPoint": [
        { "id": "1", "name": "Kept" },
        { "id": "", "name": "No id" },
        { "id": "3", "name": " " },
        { "name": "No id at all" },
        { "id": "5", "name": "Bad latitude", "latitude": "north" },
        { "id": 6, "name": "Numeric id" }
    ] })
    .to_string();
    let ids: Vec<String> = locations(&body).into_iter().map(|l| l.id).collect();
    assert_eq!(ids, ["1", "6"]);
    assert_eq!(locations(r#"{"pickupPoint":[]}"#), Vec::<Location>::new());
    assert_eq!(locations("{}"), Vec::<Location>::new());
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn points_are_attached_to_pickup_options_only() {
    let quote = quote("NO", "1407", Some("Sjøskogenveien 7"));
    let now = at("2022-11-15T09:36:00Z");
    let mut answer = parse_products(200, JSON, COMPOSED, &quote, &config(), now).expect("parses");
    let points = locations(BY_POSTAL_CODE);
    attach_pickup_points(&mut answer, points.clone(), None);
    let attached: Vec<(&str, Option<usize>)> = answer
        .options
        .iter()
        .map(|option| (option.id.as_str(), option.locations.as_ref().map(Vec::len)))
        .collect();
    assert_eq!(
        attached,
        [
            ("bring-5800", Some(10)),
            ("bring-5600", None),
            ("bring-3584", None)
        ]
    );
    assert_eq!(answer.options[0].locations.as_deref(), Some(&points[..]));

    // No points: the pickup option stays without locations rather than with an empty list.
    let mut answer = parse_products(200, JSON, COMPOSED, &quote, &config(), now).expect("parses");
    attach_pickup_points(&mut answer, Vec::new(), None);
    assert_eq!(answer.options[0].locations, None);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn failed_answers_give_the_right_failure() {
    let malformed = |detail: &str| CarrierFailure::Malformed {
        detail: detail.to_owned(),
    };
    let cases = [
        (
            401,
            JSON,
            "",
            CarrierFailure::Unauthorized {
                status: 401,
                detail: None,
            },
        ),
        (
            403,
            JSON,
            "",
            CarrierFailure::Unauthorized {
                status: 403,
                detail: None,
            },
        ),
        (
            429,
            Some("text/plain"),
            "Too Many Requests",
            CarrierFailure::RateLimited,
        ),
        (
            500,
            JSON,
            "{}",
            CarrierFailure::Status {
                status: 500,
                detail: None,
            },
        ),
        (
            404,
            Some("text/html"),
            "<html>Not found</html>",
            CarrierFailure::Status {
                status: 404,
                detail: None,
            },
        ),
        (
            200,
            Some("text/html"),
            "<html></html>",
            malformed("the content type text/html is not JSON"),
        ),
        (
            200,
            Some("application/xml"),
            "<pickupPoints/>",
            malformed("the content type application/xml is not JSON"),
        ),
        (
            200,
            JSON,
            r#"{"pickupPoint":[{"id":"1""#,
            malformed("the body is not JSON at `pickupPoint[0]` (line 1, column 25)"),
        ),
        (
            200,
            JSON,
            r#"{"pickupPoint":{}}"#,
            malformed(
                "the body is JSON not of the documented shape at `pickupPoint` (line 1, column 15)",
            ),
        ),
    ];
    for (status, content_type, body, expected) in cases {
        assert_eq!(
            parse_pickup_points(status, content_type, body, &quote("NO", "1407", None)),
            Err(expected),
            "HTTP {status} {body}"
        );
    }
}

const VARIANT_SHAPES: &str = include_str!("fixtures/bring/pickup_points_variant_shapes.json");

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn places_a_shopper_cannot_use_are_counted_out_and_whole_days_are_always_open() {
    // A 40 × 30 × 20 cm parcel fits the large Pakkeboks turned on its side, not the small one.
    let quote = support::quote(json!({
        "recipient": { "country": "NO", "postal_code": "1407" },
        "parcels": [{ "weight_grams": 1200, "length_cm": 40, "width_cm": 30, "height_cm": 20 }]
    }));
    let places = parse_pickup_points(200, JSON, VARIANT_SHAPES, &quote)
        .unwrap_or_else(|failure| panic!("parses: {failure:?}"));
    let always_open = json!({ "always_open": true, "close": null, "closed": null, "open": null });
    let closed = json!({ "always_open": null, "close": null, "closed": true, "open": null });
    let week = |weekdays: Value, sat: Value, sun: Value| {
        json!({ "default": [], "overrides": { "date": [], "weekday": {
            "mon": weekdays, "tue": weekdays, "wed": weekdays, "thu": weekdays, "fri": weekdays,
            "sat": sat, "sun": sun
        } } })
    };
    let address = json!({ "street_address": "SJØSKOGENVEIEN 7", "postal_code": "1407", "city": "VINTERBRO", "country": "NO" });
    assert_eq!(
        serde_json::to_value(&places).expect("serializes"),
        json!({
            "locations": [
                {
                    "id": "121524",
                    "name": "Coop Obs! Hypermarked Vinterbro",
                    "address": address,
                    "distance_meters": 1300,
                    // "Mon - Sun: 0000-2400"
                    "operational_hours": week(json!([always_open]), json!([always_open]), json!([always_open]))
                },
                {
                    "id": "102774",
                    "name": "Pakkeboks Vinterbro",
                    "address": address,
                    "distance_meters": 1400,
                    // "Mon - Fri: 00:00-23:59, Sat: 0800-2000"
                    "operational_hours": week(
                        json!([always_open]),
                        json!([{ "always_open": null, "close": "20:00", "closed": null, "open": "08:00" }]),
                        json!([closed])
                    )
                }
            ],
            "warnings": [
                { "carrier": "bring", "code": "malformed_response", "message": "bring listed 1 pickup point without an id or a name; left out" },
                { "carrier": "bring", "code": "carrier_notice", "message": "bring listed 1 pickup point of type 1 (Bedriftssenter, not for consumers); left out" },
                { "carrier": "bring", "code": "carrier_notice", "message": "bring listed 1 pickup point whose maxParcelDimensions the parcel does not fit; left out" }
            ]
        })
    );
    // A parcel of unknown size is not known not to fit: the small locker stays.
    let ids: Vec<String> = locations(VARIANT_SHAPES)
        .into_iter()
        .map(|l| l.id)
        .collect();
    assert_eq!(ids, ["121524", "102774", "102775"]);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_locker_option_asks_for_lockers_and_gets_only_those() {
    let quote = quote("NO", "1407", Some("Sjøskogenveien 7"));
    let request = pickup_points_request(
        &quote,
        &config(),
        &credentials(),
        Some(PickupPointType::Locker),
    );
    assert_eq!(
        request.url,
        "https://api.bring.com/pickuppoint/api/pickuppoint/NO/postalCode/1407.json?numberOfResponses=10&street=Sj%C3%B8skogenveien&streetNumber=7&pickupPointType=locker"
    );
    let manned = pickup_points_request(
        &quote,
        &config(),
        &credentials(),
        Some(PickupPointType::Manned),
    );
    assert!(
        manned.url.ends_with("&pickupPointType=manned"),
        "{}",
        manned.url
    );

    // A product whose deliveryType names a locker is a locker option; only it takes lockers.
    let now = at("2022-11-15T09:36:00Z");
    let mut answer = parse_products(200, JSON, COMPOSED, &quote, &config(), now).expect("parses");
    let mut locker = answer.options[0].clone();
    locker.id = "bring-locker".to_owned();
    locker.group = Some(shared::model::DeliveryGroup::Locker);
    answer.options.push(locker);
    let kinds: Vec<Option<PickupPointType>> =
        answer.options.iter().map(PickupPointType::of).collect();
    assert_eq!(kinds, [None, None, None, Some(PickupPointType::Locker)]);
    let lockers = vec![locations(BY_POSTAL_CODE)[1].clone()];
    attach_pickup_points(&mut answer, lockers, Some(PickupPointType::Locker));
    let attached: Vec<(&str, Option<usize>)> = answer
        .options
        .iter()
        .map(|option| (option.id.as_str(), option.locations.as_ref().map(Vec::len)))
        .collect();
    assert_eq!(
        attached,
        [
            ("bring-5800", None),
            ("bring-5600", None),
            ("bring-3584", None),
            ("bring-locker", Some(1))
        ]
    );
}
