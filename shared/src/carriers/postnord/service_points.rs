//! Service Points v5 `GET …/v5/servicepoints/nearest/byaddress`: the places nearest the
//! recipient, as KSS locations, to offer more places on a pickup option than Delivery Options
//! returned.
//!
//! Mapped (spec `ServicePointInformationStore`): `servicePointId` → id, `name`, `visitingAddress`
//! (where the shopper goes; the spec keeps `deliveryAddress` for EDI and labels) → address,
//! the first `coordinates` (`northing` is the latitude, as the spec's example values show, though
//! its descriptions swap them) → coordinates, `openingHours` → operational hours, `routeDistance`
//! ("the distance in meter to service point from a given address", by route) → distance.

use chrono::{Days, NaiveDate};
use serde::Deserialize;
use serde_json::Value;

use crate::carriers::answer::{lenient_metres, read_answer, read_part};
use crate::carriers::{CarrierFailure, Method, OutboundRequest};
use crate::model::{
    Address, Coordinates, DateOverride, Location, OpeningHours, ShippingOption, ShippingType,
};
use crate::quote::Quote;

use super::config::PostNordConfig;
use super::faults::{composite_detail, error_detail, CompositeFault};
use super::opening_hours::{closed, date_override, operational_hours, span, Week};
use super::{header, with_query, DeliveryType};

/// Which places to ask for: PostNord recommends asking for staffed service points and parcel
/// boxes separately, as they are separate options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickupKind {
    ServicePoint,
    ParcelLocker,
}

/// The longest special-date span that is spelled out day by day (a holiday week, not a season).
const MAX_SPECIAL_DAYS: u64 = 31;

impl PickupKind {
    /// The kind of places a PostNord option lists, from its id; `None` for a non-pickup option.
    pub fn of(option: &ShippingOption) -> Option<PickupKind> {
        match DeliveryType::of_option(&option.id)? {
            DeliveryType::ServicePoint => Some(PickupKind::ServicePoint),
            DeliveryType::ParcelLocker => Some(PickupKind::ParcelLocker),
            _ => None,
        }
    }

    /// The spec's recommended `typeId`s for checkouts.
    fn type_ids(self) -> &'static str {
        match self {
            PickupKind::ServicePoint => "4,6,24,25,37,38,44,46,54,61",
            PickupKind::ParcelLocker => "2",
        }
    }
}

/// The request for the `count` places of `kind` nearest the recipient (by postal code, and by
/// street and city when the shopper gave them). `context=optionalservicepoint` is the spec's
/// recommendation for checkouts.
pub fn service_points_request(
    quote: &Quote,
    config: &PostNordConfig,
    apikey: &str,
    request_id: &str,
    kind: PickupKind,
    count: u8,
) -> OutboundRequest {
    let recipient = &quote.recipient;
    let count = count.to_string();
    let (street_name, street_number) = recipient
        .street_address
        .as_deref()
        .map(split_street)
        .unwrap_or((None, None));
    let params = [
        ("returnType", Some("json")),
        ("countryCode", Some(recipient.country.code())),
        ("postalCode", Some(recipient.postal_code.as_str())),
        ("city", recipient.city.as_deref()),
        ("streetName", street_name),
        ("streetNumber", street_number),
        ("numberOfServicePoints", Some(count.as_str())),
        ("context", Some("optionalservicepoint")),
        ("typeId", Some(kind.type_ids())),
        ("apikey", Some(apikey)),
    ];
    let present = params
        .into_iter()
        .filter_map(|(name, value)| value.map(|v| (name, v)));
    OutboundRequest {
        method: Method::Get,
        url: with_query(&config.service_points_url, present),
        headers: vec![
            header("Accept", "application/json"),
            header("X-External-Request-ID", request_id),
        ],
        body: None,
    }
}

/// The places in a Service Points answer, nearest first (PostNord sorts them). A place without
/// an id or a name is left out: it can be neither shown nor booked. A non-success status is a
/// [`CarrierFailure`] by its status, with PostNord's faults as its detail; faults inside a
/// success envelope (PostNord answers some request errors so) are [`CarrierFailure::Malformed`].
pub fn parse_service_points(
    status: u16,
    content_type: Option<&str>,
    body: &str,
) -> Result<Vec<Location>, CarrierFailure> {
    let response: Response = read_answer(status, content_type, body, error_detail)?;
    let information = response.service_point_information_response;
    if let Some(faults) = information
        .composite_fault
        .filter(|f| !composite_detail(f).is_empty())
    {
        return Err(CarrierFailure::Malformed {
            detail: format!(
                "service points answered faults: {}",
                composite_detail(&faults)
            ),
        });
    }
    Ok(information
        .service_points
        .iter()
        .flatten()
        .filter_map(|value| read_part::<ServicePoint>(value, "servicePoints").ok())
        .map(location)
        .collect())
}

/// Adds `places` to a pickup option's locations, after the ones it has, skipping places it
/// already lists (by id). Other options are left alone: a door delivery has no places.
pub fn attach_service_points(option: &mut ShippingOption, places: Vec<Location>) {
    if option.r#type != ShippingType::PickupPoint {
        return;
    }
    let locations = option.locations.get_or_insert_with(Vec::new);
    for place in places {
        if !locations.iter().any(|known| known.id == place.id) {
            locations.push(place);
        }
    }
}

/// `"Kruthusgatan 19"` → (`Kruthusgatan`, `19`): the last word is the number when it starts with
/// a digit (`12B` too); otherwise the whole text is the street name.
fn split_street(street: &str) -> (Option<&str>, Option<&str>) {
    let street = street.trim();
    match street.rsplit_once(char::is_whitespace) {
        Some((name, number)) if number.starts_with(|c: char| c.is_ascii_digit()) => {
            (Some(name.trim_end()), Some(number))
        }
        _ => (Some(street), None),
    }
}

fn location(point: ServicePoint) -> Location {
    let address = point.visiting_address.or(point.delivery_address);
    Location {
        id: point.service_point_id,
        name: point.name,
        address: address.map(|a| Address {
            street_address: match (a.street_name, a.street_number) {
                (Some(name), Some(number)) => Some(format!("{name} {number}")),
                (name, _) => name,
            },
            postal_code: a.postal_code,
            city: a.city,
            country: a.country_code,
            ..Address::default()
        }),
        coordinates: point
            .coordinates
            .iter()
            .flatten()
            .next()
            .map(|c| Coordinates {
                lat: c.northing,
                lng: c.easting,
            }),
        delivery_time: None,
        operational_hours: point.opening_hours.and_then(|hours| {
            operational_hours(
                week(hours.postal_services.as_deref().unwrap_or_default()),
                special_dates(hours.special_dates.as_deref().unwrap_or_default()),
            )
        }),
        price: None,
        distance_meters: point.route_distance,
    }
}

/// `postalServices` by weekday. The spec writes `MONDAY`, live answers `Monday`; both are read.
/// A day with several entries (closed over lunch) has several spans.
fn week(services: &[PostalService]) -> Week {
    const DAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    DAYS.map(|day| {
        let spans: Vec<OpeningHours> = services
            .iter()
            .filter(|s| {
                s.open_day
                    .as_deref()
                    .is_some_and(|d| d.eq_ignore_ascii_case(day))
            })
            .filter_map(|s| Some(span(s.open_time.as_deref()?, s.close_time.as_deref()?)))
            .collect();
        (!spans.is_empty()).then_some(spans)
    })
}

/// `specialDates` as one KSS date override per day from `startDate` to `endDate`.
fn special_dates(dates: &[SpecialDate]) -> Vec<DateOverride> {
    let mut overrides = Vec::new();
    for special in dates {
        let Some(start) = special.start_date.as_deref().and_then(parse_date) else {
            continue;
        };
        let end = special
            .end_date
            .as_deref()
            .and_then(parse_date)
            .unwrap_or(start);
        let hours = match (special.is_closed, &special.open_time, &special.close_time) {
            (Some(true), _, _) => vec![closed()],
            (_, Some(open), Some(close)) => vec![span(open, close)],
            _ => vec![closed()],
        };
        let mut day = start;
        let mut count = 0;
        while day <= end && count < MAX_SPECIAL_DAYS {
            let date = day.format("%Y-%m-%d").to_string();
            overrides.push(date_override(&date, special.reason.as_deref(), &hours));
            let Some(next) = day.checked_add_days(Days::new(1)) else {
                break;
            };
            day = next;
            count += 1;
        }
    }
    overrides
}

fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Response {
    service_point_information_response: Information,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Information {
    composite_fault: Option<CompositeFault>,
    service_points: Option<Vec<Value>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ServicePoint {
    service_point_id: String,
    name: String,
    #[serde(default, deserialize_with = "lenient_metres")]
    route_distance: Option<u32>,
    visiting_address: Option<SpAddress>,
    delivery_address: Option<SpAddress>,
    // Lists may come as `null` (live answers write `null` for empty parts).
    coordinates: Option<Vec<SpCoordinate>>,
    opening_hours: Option<SpOpeningHours>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SpAddress {
    country_code: Option<String>,
    city: Option<String>,
    street_name: Option<String>,
    street_number: Option<String>,
    postal_code: Option<String>,
}

#[derive(Deserialize)]
struct SpCoordinate {
    northing: f64,
    easting: f64,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SpOpeningHours {
    postal_services: Option<Vec<PostalService>>,
    special_dates: Option<Vec<SpecialDate>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PostalService {
    open_day: Option<String>,
    open_time: Option<String>,
    close_time: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SpecialDate {
    start_date: Option<String>,
    end_date: Option<String>,
    reason: Option<String>,
    open_time: Option<String>,
    close_time: Option<String>,
    is_closed: Option<bool>,
}
