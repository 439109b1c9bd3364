//! Service Points v5 answers as KSS locations, and more places on a pickup option. Runs natively
//! and as wasm.

mod support;

use serde_json::{json, Value};
use shared::carriers::postnord::{
    attach_service_points, parse_delivery_options, parse_service_points, PickupKind,
};
use shared::carriers::CarrierFailure;
use shared::model::Location;
use support::at;
use support::postnord::{assert_no_secret, config, swedish_quote};

const SPEC_EXAMPLES: &str = include_str!("fixtures/postnord/sp_nearest_spec_examples.json");
const LIVE_SHAPE: &str = include_str!("fixtures/postnord/sp_nearest_live_shape.json");
const FAULT_IN_ENVELOPE: &str = include_str!("fixtures/postnord/sp_fault_in_envelope.json");
const ERROR: &str = include_str!("fixtures/postnord/sp_error.json");
const FULL: &str = include_str!("fixtures/postnord/do_success_full.json");

fn hours(open: &str, close: &str) -> Value {
    json!({ "always_open": null, "close": close, "closed": null, "open": open })
}

fn check(body: &str, expected: Value) {
    let places = parse_service_points(200, Some("application/json"), body)
        .unwrap_or_else(|failure| panic!("answer parses: {failure:?}"))
        .locations;
    assert_eq!(serde_json::to_value(&places).expect("serializes"), expected);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn the_specs_field_examples_map_into_a_location() {
    check(
        SPEC_EXAMPLES,
        json!([{
            "id": "020001",
            "name": "PostNord Service Point",
            "address": {
                "street_address": "Terminalvägen 24",
                "postal_code": "17173",
                "city": "SOLNA",
                "country": "SE"
            },
            // `northing` is the latitude, whatever the spec's descriptions say.
            "coordinates": { "lat": 59.35014139999998, "lng": 18.009889600000005 },
            "distance_meters": 1017,
            "operational_hours": {
                "default": [],
                "overrides": {
                    "date": [{ "date": "2020-12-25", "reason": "Christmas Day", "hours": [hours("08:00", "12:00")] }],
                    // The spec's example opens and closes at 07:00; kept as given.
                    "weekday": { "mon": [hours("07:00", "07:00")], "tue": [], "wed": [], "thu": [], "fri": [], "sat": [], "sun": [] }
                }
            }
        }]),
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn the_live_shape_with_nulls_and_title_case_days_maps() {
    check(
        LIVE_SHAPE,
        json!([{
            "id": "0",
            "name": "Pickuplocation",
            "address": { "street_address": "Street 123", "postal_code": "12345", "city": "CITY", "country": "FI" },
            "coordinates": { "lat": 61.500284, "lng": 23.756063 },
            "distance_meters": 389,
            "operational_hours": {
                "default": [],
                "overrides": {
                    "date": [],
                    "weekday": {
                        "mon": [hours("07:00", "21:00")], "tue": [], "wed": [], "thu": [], "fri": [],
                        "sat": [hours("08:00", "21:00")], "sun": [hours("11:00", "21:00")]
                    }
                }
            }
        }]),
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn special_dates_split_lunch_and_bad_places() {
    let body = json!({ "servicePointInformationResponse": { "servicePoints": [
        // A distance as a string is read; one that is no distance costs only the distance.
        { "servicePointId": "1", "name": "Split day", "routeDistance": "250",
          "openingHours": {
            "postalServices": [
              { "openDay": "TUESDAY", "openTime": "09:00", "closeTime": "12:00" },
              { "openDay": "TUESDAY", "openTime": "13:00", "closeTime": "18:00" }
            ],
            "specialDates": [
              { "startDate": "2025-12-24", "endDate": "2025-12-26", "reason": "Christmas", "isClosed": true }
            ] } },
        { "name": "No id, cannot be booked" },
        { "servicePointId": "3", "name": "Nothing else known", "coordinates": null, "openingHours": null, "routeDistance": -3 }
    ] } });
    let closed = json!([{ "always_open": null, "close": null, "closed": true, "open": null }]);
    check(
        &body.to_string(),
        json!([
            {
                "id": "1",
                "name": "Split day",
                "distance_meters": 250,
                "operational_hours": {
                    "default": [],
                    "overrides": {
                        "date": [
                            { "date": "2025-12-24", "reason": "Christmas", "hours": closed },
                            { "date": "2025-12-25", "reason": "Christmas", "hours": closed },
                            { "date": "2025-12-26", "reason": "Christmas", "hours": closed }
                        ],
                        "weekday": {
                            "mon": [], "tue": [hours("09:00", "12:00"), hours("13:00", "18:00")],
                            "wed": [], "thu": [], "fri": [], "sat": [], "sun": []
                        }
                    }
                }
            },
            { "id": "3", "name": "Nothing else known" }
        ]),
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn service_point_failures() {
    let json = Some("application/json");
    let cases = [
        (200, json, FAULT_IN_ENVELOPE, CarrierFailure::Malformed {
            detail: "service points answered faults: API-005 Missing parameter (countryCode)".to_owned(),
        }),
        // The detail (for the log) is PostNord's fault; the failure is by status.
        (400, json, ERROR, CarrierFailure::Status { status: 400, detail: Some("API-005 Missing parameter".to_owned()) }),
        (401, json, ERROR, CarrierFailure::Unauthorized { status: 401, detail: Some("API-005 Missing parameter".to_owned()) }),
        (403, json, "", CarrierFailure::Unauthorized { status: 403, detail: None }),
        (429, None, "", CarrierFailure::RateLimited),
        (504, Some("text/html"), "<html>Gateway Timeout</html>", CarrierFailure::Status { status: 504, detail: None }),
        (200, Some("text/xml"), "<servicePointInformationResponse/>", CarrierFailure::Malformed {
            detail: "the content type text/xml is not JSON".to_owned(),
        }),
        (200, json, r#"{"servicePointInformationResponse": {"servicePoints": [{"#, CarrierFailure::Malformed {
            detail: "the body is not JSON at `servicePointInformationResponse.servicePoints[0]` (line 1, column 56)".to_owned(),
        }),
    ];
    for (status, content_type, body, expected) in cases {
        let result = parse_service_points(status, content_type, body);
        assert_eq!(result, Err(expected), "HTTP {status} {body:.40}");
        assert_no_secret(&format!("{result:?}"));
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn more_places_join_the_pickup_options_only() {
    let answer = parse_delivery_options(
        200,
        None,
        FULL,
        &swedish_quote(),
        &config(),
        at("2025-09-12T06:00:00Z"),
    )
    .expect("answer parses");
    let place = |id: &str| Location {
        id: id.to_owned(),
        name: format!("Place {id}"),
        address: None,
        coordinates: None,
        delivery_time: None,
        operational_hours: None,
        price: None,
        distance_meters: None,
    };
    let mut kinds = Vec::new();
    let mut ids = Vec::new();
    for mut option in answer.options {
        kinds.push(PickupKind::of(&option));
        // 164074 is already listed on the service-point option; it is not repeated.
        attach_service_points(&mut option, vec![place("164074"), place("020001")]);
        let listed: Vec<String> = option
            .locations
            .iter()
            .flatten()
            .map(|l| l.id.clone())
            .collect();
        ids.push((option.id, listed));
    }
    assert_eq!(
        kinds,
        [
            None,
            Some(PickupKind::ParcelLocker),
            Some(PickupKind::ServicePoint),
            None,
            None
        ]
    );
    let listed = |id: &str, places: &[&str]| {
        (
            id.to_owned(),
            places.iter().map(|p| p.to_string()).collect::<Vec<_>>(),
        )
    };
    assert_eq!(
        ids,
        [
            listed("postnord-home", &[]),
            listed("postnord-parcel-locker", &["2559827", "164074", "020001"]),
            listed("postnord-service-point", &["164074", "020001"]),
            listed("postnord-express-mailbox", &[]),
            listed("postnord-mailbox", &[]),
        ]
    );
}

const OLDER_SHAPE: &str = include_str!("fixtures/postnord/sp_nearest_older_shape.json");

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn the_older_shape_maps_and_every_part_left_out_is_named() {
    let places = parse_service_points(200, Some("application/json"), OLDER_SHAPE)
        .unwrap_or_else(|failure| panic!("answer parses: {failure:?}"));
    let always_open = json!({ "always_open": true, "close": null, "closed": null, "open": null });
    let closed = json!({ "always_open": null, "close": null, "closed": true, "open": null });
    assert_eq!(
        serde_json::to_value(&places).expect("serializes"),
        json!({
            "locations": [
                {
                    // The id keeps its leading zero; the street number its dash.
                    "id": "020001",
                    "name": "ICA Nära Kvarnen",
                    "address": { "street_address": "Storgatan 1-7", "postal_code": "17173", "city": "SOLNA", "country": "SE" },
                    "coordinates": { "lat": 59.3601, "lng": 18.0002 },
                    "distance_meters": 412,
                    "operational_hours": {
                        "default": [],
                        "overrides": {
                            "date": [],
                            "weekday": {
                                "mon": [hours("07:00", "12:00"), hours("13:00", "23:00")],
                                "tue": [hours("07:00", "23:00")],
                                "wed": [], "thu": [], "fri": [],
                                // 0000-2400 is always open; a day without times is closed.
                                "sat": [always_open], "sun": [closed]
                            }
                        }
                    }
                },
                {
                    "id": "004417",
                    "name": "Pressbyrån Centralen",
                    "address": { "street_address": "Centralplan 15", "postal_code": "17174", "city": "SOLNA", "country": "SE" },
                    "coordinates": { "lat": 59.3307, "lng": 18.0586 },
                    "distance_meters": 530
                },
                { "id": "007700", "name": "Coop Hagalund" }
            ],
            "warnings": [
                {
                    "carrier": "postnord",
                    "code": "malformed_response",
                    "message": "postnord service point 004417 (Pressbyrån Centralen) is shown without its opening hours: openingHours.specialDates[0].openTime is not a time of day"
                },
                {
                    "carrier": "postnord",
                    "code": "carrier_notice",
                    "message": "postnord listed service point 020001 twice (servicePoints[0] and servicePoints[2]); the first copy is shown"
                },
                {
                    "carrier": "postnord",
                    "code": "malformed_response",
                    "message": "postnord service point 007700 (Coop Hagalund) is shown without its opening hours: openingHours[1].day is not a weekday"
                },
                {
                    "carrier": "postnord",
                    "code": "malformed_response",
                    "message": "postnord sent a service point we could not read; it is left out: servicePoints[4].servicePointId: not of the documented shape"
                }
            ]
        })
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn unreadable_parts_of_a_place_cost_only_those_parts() {
    // Each case: one place's extra fields, and the warning's end (after "is shown without its ").
    let cases = [
        (
            json!({ "coordinate": { "northing": "north" } }),
            "coordinates: coordinate is not of the documented shape",
        ),
        (
            json!({ "coordinates": { "northing": 59.0, "easting": 18.0 } }),
            "coordinates: coordinates is not a list",
        ),
        (
            json!({ "openingHours": "Mon-Fri 9-17" }),
            "opening hours: openingHours is not of the documented shape",
        ),
        (
            json!({ "openingHour": [{ "day": "MO", "from1": "0700" }] }),
            "opening hours: openingHour[0].to1 is not a time of day",
        ),
        (
            json!({ "openingHour": [{ "day": "MO", "from1": "7", "to1": "2300" }] }),
            "opening hours: openingHour[0].from1 is not a time of day",
        ),
        (
            json!({ "openingHours": { "postalServices": [{ "openDay": "MONDAY", "openTime": "9.00", "closeTime": "17:00" }] } }),
            "opening hours: openingHours.postalServices[0].openTime is not a time of day",
        ),
        (
            json!({ "openingHours": { "specialDates": [{ "startDate": "24/12", "isClosed": true }] } }),
            "opening hours: openingHours.specialDates[0].startDate is not a date",
        ),
        // "Is closed: [true|false]": open that day, but at hours not given (not guessed closed).
        (
            json!({ "openingHours": { "specialDates": [{ "startDate": "2025-12-24", "isClosed": false, "closeTime": "14:00" }] } }),
            "opening hours: openingHours.specialDates[0] is open without openTime and closeTime",
        ),
        (
            json!({ "openingHours": { "specialDates": [{ "startDate": "2025-12-24", "openTime": "10:00" }] } }),
            "opening hours: openingHours.specialDates[0] is open without openTime and closeTime",
        ),
    ];
    for (extra, expected) in cases {
        let mut point = json!({ "servicePointId": "000123", "name": "Kiosk" });
        if let (Some(point), Some(extra)) = (point.as_object_mut(), extra.as_object()) {
            point.extend(extra.clone());
        }
        let body = json!({ "servicePointInformationResponse": { "servicePoints": [point] } });
        let places = parse_service_points(200, None, &body.to_string())
            .unwrap_or_else(|failure| panic!("answer parses: {failure:?}"));
        let ids: Vec<&str> = places.locations.iter().map(|l| l.id.as_str()).collect();
        assert_eq!(ids, ["000123"], "{extra}");
        let messages: Vec<&str> = places.warnings.iter().map(|w| w.message.as_str()).collect();
        assert_eq!(
            messages,
            [format!(
                "postnord service point 000123 (Kiosk) is shown without its {expected}"
            )],
            "{extra}"
        );
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn what_only_a_part_can_hold_wrong_costs_only_that_part() {
    // JSON that is well formed but that no place's reading can take: a number out of range (a
    // whole answer read into a `serde_json::Value` first was refused for it), and a field
    // written twice (which copy is meant cannot be known, so the place is not guessed at).
    let cases = [
        (
            r#"{"servicePointId": "000124", "name": "Far", "routeDistance": 1e400}"#,
            // A number serde_json cannot hold is a syntax error to it, which names no field.
            "servicePoints[1]: not of the documented shape",
        ),
        (
            r#"{"servicePointId": "000124", "name": "Twice", "name": "Again"}"#,
            // Refused by its object once the second key is read: the object is named.
            "servicePoints[1]: not of the documented shape",
        ),
    ];
    for (place, expected) in cases {
        let body = format!(
            r#"{{"servicePointInformationResponse": {{"servicePoints": [{{"servicePointId": "000123", "name": "Kiosk", "coordinates": [{{"northing": 1e400, "easting": 18.0}}]}}, {place}]}}}}"#
        );
        let places = parse_service_points(200, Some("application/json"), &body)
            .unwrap_or_else(|failure| panic!("answer parses: {failure:?}"));
        let ids: Vec<&str> = places.locations.iter().map(|l| l.id.as_str()).collect();
        assert_eq!(ids, ["000123"], "{place}");
        let messages: Vec<&str> = places.warnings.iter().map(|w| w.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "postnord service point 000123 (Kiosk) is shown without its coordinates: coordinates[0] is not of the documented shape".to_owned(),
                format!("postnord sent a service point we could not read; it is left out: {expected}"),
            ],
            "{place}"
        );
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_special_period_over_a_month_is_cut_with_a_warning() {
    // Closed for the whole summer: 92 days, of which the first 31 are spelled out.
    let point = json!({ "servicePointId": "000123", "name": "Kiosk", "openingHours": {
        "specialDates": [{ "startDate": "2026-06-01", "endDate": "2026-08-31", "isClosed": true }] } });
    let body = json!({ "servicePointInformationResponse": { "servicePoints": [point] } });
    let places = parse_service_points(200, None, &body.to_string())
        .unwrap_or_else(|failure| panic!("answer parses: {failure:?}"));
    let messages: Vec<&str> = places.warnings.iter().map(|w| w.message.as_str()).collect();
    assert_eq!(
        messages,
        ["postnord service point 000123 (Kiosk): openingHours.specialDates[0] spans 92 days; only its first 31 are shown"]
    );
    let dates = &places.locations[0]
        .operational_hours
        .as_ref()
        .and_then(|hours| hours.overrides.as_ref())
        .expect("date overrides")
        .date;
    let first_and_last: Vec<&str> = [dates.first(), dates.last()]
        .into_iter()
        .flatten()
        .filter_map(|entry| entry.get("date").and_then(Value::as_str))
        .collect();
    assert_eq!(
        (dates.len(), first_and_last),
        (31, vec!["2026-06-01", "2026-07-01"])
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn places_are_looked_up_for_the_pickup_kinds_that_can_be_offered() {
    let config = config();
    // Sweden prices every type: both kinds, in the configured order (parcel-locker first).
    assert_eq!(
        PickupKind::to_look_up(&swedish_quote(), &config),
        [PickupKind::ParcelLocker, PickupKind::ServicePoint]
    );
    // Denmark prices only home delivery; Norway has no prices; euros are not Sweden's kronor.
    let cases = [
        r#"{"recipient": {"country": "DK", "postal_code": "1050"}, "parcels": [{"weight_grams": 1}], "currency": "DKK"}"#,
        r#"{"recipient": {"country": "NO", "postal_code": "0150"}, "parcels": [{"weight_grams": 1}]}"#,
        r#"{"recipient": {"country": "SE", "postal_code": "41104"}, "parcels": [{"weight_grams": 1}], "currency": "EUR"}"#,
    ];
    for body in cases {
        assert_eq!(
            PickupKind::to_look_up(&support::quote(body), &config),
            [],
            "{body}"
        );
    }
}
