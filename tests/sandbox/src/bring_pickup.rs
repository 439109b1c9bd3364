//! Bring Pickup Point API (`bring-pickup-point/api.raml`, examples `by_postal_code.json` and
//! `by_id.json`; notes/03-bring.md section 1): `{"pickupPoint": [...]}` with every field of the
//! examples, all strings except `latitude` and `longitude`.
//!
//! Points by postal code carry no structured `openingHours`, as in the real API, which sends them
//! only by id: a client built against the sandbox must not come to rely on them.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::places::{self, Country, Point};
use crate::{errors, postal, Sandbox};

/// The RAML's default for `numberOfResponses`.
const DEFAULT_RESPONSES: u32 = 10;
/// The most points the sandbox returns, and the most it will look through when filtering.
const MAX_POINTS: u32 = 99;

/// The Norwegian postal code whose points come in variant shapes (see [`variant_shapes`]).
pub const VARIANT_POSTAL_CODE: &str = "1999";

/// `GET /pickuppoint/api/pickuppoint/{countryCode}/postalCode/{postalCode}.json`.
pub async fn by_postal_code(
    State(_sandbox): State<Arc<Sandbox>>,
    Path((country_code, postal_code)): Path<(String, String)>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let (postal_code, country) = match resource(&postal_code, &country_code) {
        Ok(found) => found,
        Err(refusal) => return refusal,
    };
    if !postal::is_valid(country.code, postal_code) {
        return bad_request(
            "postalCode",
            &format!(
                "`{postal_code}` is not a valid postal code in {}",
                country.code
            ),
        );
    }
    let wanted = match query.get("numberOfResponses").map(|n| n.parse::<u32>()) {
        None => DEFAULT_RESPONSES,
        Some(Ok(n)) => n.min(MAX_POINTS),
        Some(Err(_)) => {
            return bad_request("numberOfResponses", "numberOfResponses must be an integer")
        }
    };
    let locker_filter = match query.get("pickupPointType").map(String::as_str) {
        None => None,
        Some("locker") => Some(true),
        Some("manned") => Some(false),
        Some(other) => {
            return bad_request(
                "pickupPointType",
                &format!("`{other}` is not one of manned, locker"),
            )
        }
    };
    let search = query.get("searchForText").map(|text| text.to_lowercase());
    // `street` and `streetNumber` make the real ranking more precise; the sandbox's ranking
    // depends on the postal code only, so they are accepted and not used.
    let mut points: Vec<Value> = (0..MAX_POINTS)
        .map(|index| country.point(postal_code, index))
        .filter(|point| locker_filter.is_none_or(|locker| point.is_locker == locker))
        .filter(|point| {
            search
                .as_deref()
                .is_none_or(|text| matches_text(point, text))
        })
        .take(wanted as usize)
        .map(|point| nearby_json(country, &point))
        .collect();
    if postal_code == VARIANT_POSTAL_CODE && country.code == "NO" {
        points = variant_shapes(points, locker_filter);
        points.truncate(wanted as usize);
    }
    Json(json!({ "pickupPoint": points })).into_response()
}

/// `GET /pickuppoint/api/pickuppoint/{countryCode}/id/{id}.json`. An id the sandbox never gave
/// out gets an empty list.
pub async fn by_id(
    State(_sandbox): State<Arc<Sandbox>>,
    Path((country_code, id)): Path<(String, String)>,
) -> Response {
    let (id, country) = match resource(&id, &country_code) {
        Ok(found) => found,
        Err(refusal) => return refusal,
    };
    let points: Vec<Value> = decode_id(country, id)
        .map(|(postal_code, index)| by_id_json(country, &country.point(&postal_code, index)))
        .into_iter()
        .collect();
    Json(json!({ "pickupPoint": points })).into_response()
}

/// The last path segment without `.json`, and the country of the path.
fn resource<'a>(
    segment: &'a str,
    country_code: &str,
) -> Result<(&'a str, &'static Country), Response> {
    let segment = json_resource(segment)?;
    let country = places::country(country_code).ok_or_else(|| {
        bad_request(
            "countryCode",
            &format!("Unsupported country `{country_code}`; use NO, DK, SE or FI"),
        )
    })?;
    Ok((segment, country))
}

/// The path segment without `.json`; `.xml` is refused, as the sandbox speaks JSON only.
fn json_resource(segment: &str) -> Result<&str, Response> {
    if segment.ends_with(".xml") {
        return Err(errors::bring(
            StatusCode::NOT_ACCEPTABLE,
            "INVALID_ARGUMENT",
            "mediaTypeExtension",
            "The sandbox answers JSON only: use .json or no extension",
        ));
    }
    Ok(segment.strip_suffix(".json").unwrap_or(segment))
}

fn bad_request(field: &str, message: &str) -> Response {
    errors::bring(StatusCode::BAD_REQUEST, "INVALID_ARGUMENT", field, message)
}

/// A point's id: the country's digit, the postal code, and the point's two-digit position, so
/// that the id alone finds the point again.
fn point_id(country: &Country, point: &Point) -> String {
    format!(
        "{}{}{:02}",
        country_digit(country.code),
        point.postal_code,
        point.index
    )
}

fn decode_id(country: &'static Country, id: &str) -> Option<(String, u32)> {
    let rest = id.strip_prefix(country_digit(country.code))?;
    let split = rest.len().checked_sub(2)?;
    let (postal_code, index) = rest.split_at(split);
    let index: u32 = index.parse().ok()?;
    (postal::is_valid(country.code, postal_code) && index < MAX_POINTS)
        .then(|| (postal_code.to_owned(), index))
}

fn country_digit(code: &str) -> &'static str {
    match code {
        "NO" => "1",
        "SE" => "2",
        "DK" => "3",
        _ => "4",
    }
}

fn matches_text(point: &Point, text: &str) -> bool {
    [
        point.name.as_str(),
        point.street_name,
        point.city,
        point.county,
    ]
    .iter()
    .any(|field| field.to_lowercase().contains(text))
}

/// The fields every answer has (`by_id.json` minus its by-id-only fields).
fn common_json(country: &Country, point: &Point) -> Value {
    let id = point_id(country, point);
    let visiting_address = format!(
        "{} {}",
        point.street_name.to_uppercase(),
        point.street_number
    );
    // Norwegian manned points have a postbox address for the label; the visiting address is for
    // people (notes/03-bring.md section 1.2).
    let address = if country.code == "NO" && !point.is_locker {
        format!("POSTBOKS {}", 10 + point.index)
    } else {
        visiting_address.clone()
    };
    let hours = Schedule::of(point);
    let mut value = json!({
        "id": id,
        "unitId": id,
        "name": point.name,
        "address": address,
        "postalCode": point.postal_code,
        "city": point.city,
        "countryCode": country.code,
        "municipality": point.city,
        "county": point.county,
        "visitingAddress": visiting_address,
        "visitingPostalCode": point.postal_code,
        "visitingCity": point.city,
        "openingHoursNorwegian": hours.text(["Man", "Fre", "Lør", "Søn"]),
        "openingHoursEnglish": hours.text(["Mon", "Fri", "Sat", "Sun"]),
        "openingHoursFinnish": hours.text(["Maa", "Per", "Lau", "Su"]),
        "openingHoursDanish": hours.text(["Man", "Fre", "Lør", "Søn"]),
        "openingHoursSwedish": hours.text(["Mån", "Fre", "Lör", "Sön"]),
        "latitude": point.latitude,
        "longitude": point.longitude,
        "utmX": (250_000 + point.distance_m * 3 + point.index * 111).to_string(),
        "utmY": format!("{:.0}", point.latitude * 111_000.0),
        "postenMapsLink": format!("http://www.posten.no/kundeservice/kart?ID={id}"),
        "googleMapsLink": format!(
            "http://maps.google.com/maps?f=q&hl=en&geocode=&q={},{}", point.latitude, point.longitude
        ),
        "type": point_type(country.code, point.is_locker),
        "additionalServiceCode": "1036",
    });
    if point.is_locker {
        value["locationDescription"] = json!(locker_description(country.code));
        if country.code == "NO" {
            value["maxParcelDimensions"] = json!({ "length": 44.5, "width": 50.5, "height": 60.0 });
        }
    }
    value
}

/// Points a consumer checkout must sort out (pickup-point__index.md): the first place open
/// around the clock, written `0000-2400`; every locker's `maxParcelDimensions` small
/// (35 × 20 × 15 cm), so that a larger parcel fits none; and a Bedriftssenter (type 1, "not to
/// be used for B2C shipments") second, unless only lockers were asked for.
fn variant_shapes(mut points: Vec<Value>, locker_filter: Option<bool>) -> Vec<Value> {
    for point in &mut points {
        if point["type"] == "37" {
            point["maxParcelDimensions"] = json!({ "length": 35.0, "width": 20.0, "height": 15.0 });
        }
    }
    if let Some(first) = points.first_mut() {
        for (field, days) in [
            ("openingHoursNorwegian", "Man - Søn"),
            ("openingHoursEnglish", "Mon - Sun"),
            ("openingHoursFinnish", "Maa - Su"),
            ("openingHoursDanish", "Man - Søn"),
            ("openingHoursSwedish", "Mån - Sön"),
        ] {
            first[field] = json!(format!("{days}: 0000-2400"));
        }
    }
    if locker_filter != Some(true) {
        if let Some(mut business) = points.first().cloned() {
            business["id"] = json!("1199999");
            business["unitId"] = json!("1199999");
            business["name"] = json!("Bedriftssenter Sandbox");
            business["type"] = json!("1");
            points.insert(1.min(points.len()), business);
        }
    }
    points
}

fn nearby_json(country: &Country, point: &Point) -> Value {
    let region = country.region(&point.postal_code);
    let km = f64::from(point.distance_m) / 1000.0;
    let mut value = common_json(country, point);
    value["distanceInKm"] = json!(format!("{km:.1}"));
    value["distanceType"] = json!("DRIVING_DISTANCE");
    value["durationInMinutes"] = json!((point.distance_m / 600 + 2).to_string());
    value["durationType"] = json!("DRIVING_TIME");
    value["routeMapsLink"] = json!(format!(
        "https://api.bring.com/pickuppoint/map/route?origlat={}&origlong={}&destlat={}&destlong={}",
        region.latitude, region.longitude, point.latitude, point.longitude
    ));
    value
}

fn by_id_json(country: &Country, point: &Point) -> Value {
    let mut value = common_json(country, point);
    value["distanceInKm"] = json!("");
    value["openingHours"] = Schedule::of(point).structured();
    value["temporaryOpeningHours"] = json!([]);
    value["specialOpeningHours"] = json!([]);
    value
}

/// Pickup point type codes (`pickup-point__index.md`): manned, then locker.
fn point_type(country: &str, is_locker: bool) -> &'static str {
    match (country, is_locker) {
        ("NO", false) => "4",
        ("NO", true) => "37",
        ("SE", false) => "34",
        ("SE", true) => "39",
        ("DK", false) => "85",
        ("DK", true) => "43",
        (_, false) => "Posti",
        (_, true) => "LOCKER",
    }
}

fn locker_description(country: &str) -> &'static str {
    match country {
        "NO" => "Pakkeboksen står ved inngangen til butikken.",
        "SE" => "Paketboxen står vid entrén till butiken.",
        "DK" => "Pakkeboksen står ved indgangen til butikken.",
        _ => "Pakettiautomaatti on myymälän sisäänkäynnin vieressä.",
    }
}

/// Opening hours as `(opening, closing)` in `HHmm`: weekdays, Saturday and, for some points,
/// Sunday. Lockers are open around the clock.
struct Schedule {
    weekdays: (String, String),
    saturday: (String, String),
    sunday: Option<(String, String)>,
}

impl Schedule {
    fn of(point: &Point) -> Schedule {
        if point.is_locker {
            let always = || ("0000".to_owned(), "2359".to_owned());
            return Schedule {
                weekdays: always(),
                saturday: always(),
                sunday: Some(always()),
            };
        }
        let hours = |open: u32, close: u32| (format!("{open:02}00"), format!("{close:02}00"));
        let variant = point.index % 3;
        Schedule {
            weekdays: hours(7 + variant, 22 - variant),
            saturday: hours(9, 20),
            sunday: point.index.is_multiple_of(4).then(|| hours(12, 20)),
        }
    }

    /// "Man - Fre: 0800-2200, Lør: 0900-2000" in the words `[monday, friday, saturday, sunday]`.
    fn text(&self, [monday, friday, saturday, sunday]: [&str; 4]) -> String {
        let range = |(open, close): &(String, String)| format!("{open}-{close}");
        if self.sunday.as_ref() == Some(&self.weekdays) && self.saturday == self.weekdays {
            return format!("{monday} - {sunday}: {}", range(&self.weekdays));
        }
        let mut text = format!(
            "{monday} - {friday}: {}, {saturday}: {}",
            range(&self.weekdays),
            range(&self.saturday)
        );
        if let Some(hours) = &self.sunday {
            text.push_str(&format!(", {sunday}: {}", range(hours)));
        }
        text
    }

    /// `[{day, opening, closing}]` for the open days, as in `by_id.json`.
    fn structured(&self) -> Value {
        let weekdays = ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"]
            .map(|day| (day, Some(&self.weekdays)));
        let weekend = [
            ("SATURDAY", Some(&self.saturday)),
            ("SUNDAY", self.sunday.as_ref()),
        ];
        let days: Vec<Value> = weekdays
            .into_iter()
            .chain(weekend)
            .filter_map(|(day, hours)| {
                hours.map(|(opening, closing)| json!({ "day": day, "opening": opening, "closing": closing }))
            })
            .collect();
        Value::Array(days)
    }
}
