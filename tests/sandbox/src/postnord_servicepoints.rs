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
    let service_points: Vec<Value> = (0..SEARCH_DEPTH)
        .map(|index| country.point(postal_code, index))
        .filter(|point| {
            type_ids
                .as_ref()
                .is_none_or(|ids| ids.contains(&point_type(country, point).type_id))
        })
        .take(wanted)
        .map(|point| service_point_json(country, &point))
        .collect();
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
