//! PostNord Service Points v5, `GET /rest/businesslocation/v5/servicepoints/nearest/byaddress`
//! (`postnord-openapi/servicepoints-v5.swagger.json`, schema `ResponseDto`; notes/01-postnord.md
//! section 2). Also the PostNord view of a generated point (id, opening hours), which Delivery
//! Options uses too, so that both APIs name the same service point the same way.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::errors::{self, PostNordFault};
use crate::places::{self, Country, Point};
use crate::{postal, Sandbox};

/// The OpenAPI's default for `numberOfServicePoints`.
const DEFAULT_SERVICE_POINTS: usize = 5;
/// How far down the generated list the sandbox looks for points of a wanted kind.
const SEARCH_DEPTH: u32 = 60;
pub const DAYS: [&str; 7] = [
    "MONDAY",
    "TUESDAY",
    "WEDNESDAY",
    "THURSDAY",
    "FRIDAY",
    "SATURDAY",
    "SUNDAY",
];

/// The postal code whose places come in the older, variant shape (see [`older_shape`]).
pub const OLDER_SHAPE_POSTAL_CODE: &str = "19999";

/// `GET .../v5/servicepoints/nearest/byaddress?returnType=json&countryCode=..&postalCode=..`.
pub async fn nearest_by_address(
    State(_sandbox): State<Arc<Sandbox>>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let param = |name: &str| {
        query
            .get(name)
            .map(String::as_str)
            .filter(|value| !value.is_empty())
    };
    match param("returnType") {
        Some("json") => {}
        None => return bad_request("API-005", "Missing parameter", "returnType", "null"),
        Some(other) => {
            return bad_request(
                "API-008",
                "The sandbox supports returnType json only",
                "returnType",
                other,
            )
        }
    }
    let Some(country_code) = param("countryCode") else {
        return bad_request("API-005", "Missing parameter", "countryCode", "null");
    };
    let Some(country) = places::country(country_code) else {
        return bad_request(
            "API-008",
            "The sandbox serves SE, NO, DK and FI only",
            "countryCode",
            country_code,
        );
    };
    let Some(postal_code) = param("postalCode") else {
        // The real API also finds points by city alone; the sandbox's points hang off a postal code.
        return bad_request("API-005", "Missing parameter", "postalCode", "null");
    };
    if !postal::is_valid(country.code, postal_code) {
        return bad_request("API-008", "Invalid postal code", "postalCode", postal_code);
    }
    let wanted = match param("numberOfServicePoints").map(str::parse::<usize>) {
        None => DEFAULT_SERVICE_POINTS,
        Some(Ok(n)) => n,
        Some(Err(_)) => {
            return bad_request(
                "API-008",
                "Invalid parameter",
                "numberOfServicePoints",
                "not a number",
            )
        }
    };
    let type_ids: Option<Vec<u32>> = param("typeId").map(|ids| {
        ids.split(',')
            .filter_map(|id| id.trim().parse().ok())
            .collect()
    });
    let mut service_points: Vec<Value> = (0..SEARCH_DEPTH)
        .map(|index| country.point(postal_code, index))
        .filter(|point| {
            type_ids
                .as_ref()
                .is_none_or(|ids| ids.contains(&point_type(country, point).type_id))
        })
        .take(wanted)
        .map(|point| service_point_json(country, &point))
        .collect();
    if postal_code == OLDER_SHAPE_POSTAL_CODE {
        service_points = older_shape(service_points);
    }
    let mut response = json!({ "servicePoints": service_points });
    if country.code == "SE" {
        response["customerSupports"] =
            json!([ { "customerSupportPhoneNo": "+46771333310", "country": "SE" } ]);
    }
    Json(json!({ "servicePointInformationResponse": response })).into_response()
}

/// The id PostNord gives a generated point; ids are unique within a country only, as PostNord's.
pub fn service_point_id(point: &Point) -> String {
    format!(
        "{}{:02}",
        postal::seed(&point.postal_code) % 100_000,
        point.index
    )
}

/// Opening hours per day, Monday first: `(from, to)` as `HH:mm`, or `None` when closed.
pub fn opening_hours(point: &Point) -> [Option<(String, String)>; 7] {
    if point.is_locker {
        return std::array::from_fn(|_| Some(("00:00".to_owned(), "23:59".to_owned())));
    }
    let hours = |from: u32, to: u32| Some((format!("{from:02}:00"), format!("{to:02}:00")));
    let late = point.index % 2;
    std::array::from_fn(|day| match day {
        0..=4 => hours(8, 19 + late),
        5 => hours(9, 17),
        _ => point
            .index
            .is_multiple_of(3)
            .then(|| hours(11, 16))
            .flatten(),
    })
}

/// The `(streetName, streetNumber)` of a street address such as "Terminalvägen 24".
pub fn split_street(street: &str) -> (String, String) {
    match street.trim().rsplit_once(' ') {
        Some((name, number)) if number.starts_with(|c: char| c.is_ascii_digit()) => {
            (name.trim().to_owned(), number.to_owned())
        }
        _ => (street.trim().to_owned(), String::new()),
    }
}

struct PointType {
    group_type_id: u32,
    group_type_name: &'static str,
    type_id: u32,
    type_name: &'static str,
}

/// Type ids from the OpenAPI's `typeId` list: 2 for parcel boxes, and each country's service point.
fn point_type(country: &Country, point: &Point) -> PointType {
    if point.is_locker {
        return PointType {
            group_type_id: 2,
            group_type_name: "Service Box",
            type_id: 2,
            type_name: "Parcel Box Location",
        };
    }
    let (type_id, type_name) = match country.code {
        "SE" => (25, "Servicepoint"),
        "NO" => (37, "Servicepoint"),
        "FI" => (38, "Servicepoint"),
        _ => (44, "Pakkeshop"),
    };
    PointType {
        group_type_id: 1,
        group_type_name: "Service agent",
        type_id,
        type_name,
    }
}

fn service_point_json(country: &Country, point: &Point) -> Value {
    let address = json!({
        "countryCode": country.code,
        "city": point.city,
        "streetName": point.street_name,
        "streetNumber": point.street_number,
        "postalCode": point.postal_code,
        "additionalDescription": null,
    });
    let postal_services: Vec<Value> = DAYS
        .iter()
        .zip(opening_hours(point))
        .filter_map(|(day, hours)| {
            hours.map(|(open, close)| json!({ "openDay": day, "openTime": open, "closeDay": day, "closeTime": close }))
        })
        .collect();
    let kind = point_type(country, point);
    json!({
        "servicePointId": service_point_id(point),
        "name": point.name,
        "routeDistance": point.distance_m,
        "phoneNoToCashRegister": null,
        "locationDetail": null,
        "pickup": {
            "cashOnDelivery": "false",
            "products": [ {
                "name": "PARCELS",
                "timeSlots": { "availableForPickupStandard": [], "availableForPickupEarlyCollect": [] },
            } ],
            "heavyGoodsProducts": [],
        },
        "visitingAddress": address.clone(),
        "deliveryAddress": address,
        "notificationArea": { "postalCodes": [ point.postal_code ] },
        "coordinates": [ {
            "countryCode": country.code,
            "northing": point.latitude,
            "easting": point.longitude,
            "srId": "EPSG:4326",
        } ],
        "openingHours": { "postalServices": postal_services, "specialDates": [] },
        "type": {
            "groupTypeId": kind.group_type_id,
            "groupTypeName": kind.group_type_name,
            "typeId": kind.type_id,
            "typeName": kind.type_name,
        },
    })
}

/// The places as PostNord has been seen to answer outside the v5 spec, for clients to be tested
/// against: the first place's id gets a leading zero (`0…`) and its street number is a range
/// (`1-7`); every place has one `coordinate` object instead of the `coordinates` list and its
/// hours as the older list `openingHour: [{day: "MO", from1: "0800", to1: "1900", from2, to2}]`
/// (a locker's whole day as `0000`–`2400`); the second place has a special date whose `openTime`
/// is free text; and the first place comes again at the end.
fn older_shape(points: Vec<Value>) -> Vec<Value> {
    const CODES: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
    let compact = |time: &Value| {
        let time = time.as_str().unwrap_or("").replace(':', "");
        if time == "2359" {
            "2400".to_owned()
        } else {
            time
        }
    };
    let mut older: Vec<Value> = points
        .into_iter()
        .enumerate()
        .map(|(index, mut point)| {
            let services = point["openingHours"]["postalServices"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            let hours: Vec<Value> = services
                .iter()
                .filter_map(|service| {
                    let day = DAYS.iter().position(|d| service["openDay"] == *d)?;
                    Some(json!({
                        "day": CODES[day],
                        "from1": compact(&service["openTime"]),
                        "to1": compact(&service["closeTime"]),
                        "from2": "",
                        "to2": "",
                    }))
                })
                .collect();
            if let Some(point) = point.as_object_mut() {
                let coordinate = point
                    .remove("coordinates")
                    .and_then(|list| list.get(0).cloned())
                    .unwrap_or(Value::Null);
                point.insert("coordinate".to_owned(), coordinate);
                point.insert("openingHour".to_owned(), Value::from(hours));
                if index == 1 {
                    point.insert(
                        "openingHours".to_owned(),
                        json!({ "specialDates": [ {
                            "startDate": "2025-12-24", "endDate": "2025-12-24", "reason": "Julafton",
                            "openTime": "enligt skylt", "closeTime": "14:00", "isClosed": false,
                        } ] }),
                    );
                } else {
                    point.remove("openingHours");
                }
                if index == 0 {
                    let id = point["servicePointId"].as_str().unwrap_or("").to_owned();
                    point.insert("servicePointId".to_owned(), Value::from(format!("0{id}")));
                    for address in ["visitingAddress", "deliveryAddress"] {
                        point[address]["streetNumber"] = Value::from("1-7");
                    }
                }
            }
            point
        })
        .collect();
    if let Some(first) = older.first().cloned() {
        older.push(first);
    }
    older
}

fn bad_request(code: &str, explanation: &str, param: &str, value: &str) -> Response {
    let fault = PostNordFault {
        code,
        explanation,
        param,
        value,
    };
    errors::postnord(
        StatusCode::BAD_REQUEST,
        "Query parameter missing or invalid",
        Some(fault),
    )
}
