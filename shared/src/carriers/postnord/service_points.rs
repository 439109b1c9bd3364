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

use crate::carriers::read::{
    lenient_metres, read_answer, read_part, read_value, shape, Part, Shape,
};
use crate::carriers::{CarrierFailure, Method, OutboundRequest, Places, Warning, WarningCode};
use crate::model::{
    Address, Coordinates, DateOverride, Location, OperationalHours, ShippingOption, ShippingType,
};
use crate::quote::Quote;

use super::config::PostNordConfig;
use super::faults::{composite_detail, error_detail, CompositeFault};
use super::opening_hours::{closed, date_override, operational_hours, span, Week};
use super::{header, with_query, DeliveryType, CARRIER};

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

    /// The kinds of places to ask Service Points for at the same moment as Delivery Options,
    /// before it answers (one round trip instead of two): the shop's pickup delivery types
    /// that can become options for `quote`, priced for its country in its currency. The places
    /// of a kind Delivery Options then does not offer are dropped.
    pub fn to_look_up(quote: &Quote, config: &PostNordConfig) -> Vec<PickupKind> {
        let Some(prices) = config
            .prices_for(quote.recipient.country)
            .filter(|prices| prices.currency == quote.currency)
        else {
            return Vec::new();
        };
        let mut kinds = Vec::new();
        for delivery_type in &config.delivery_types {
            let kind = match delivery_type {
                DeliveryType::ServicePoint => PickupKind::ServicePoint,
                DeliveryType::ParcelLocker => PickupKind::ParcelLocker,
                _ => continue,
            };
            if prices.service(delivery_type).is_some() && !kinds.contains(&kind) {
                kinds.push(kind);
            }
        }
        kinds
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

/// The places in a Service Points answer, nearest first (PostNord sorts them), with a warning for
/// every place or part of a place that was left out.
///
/// A place without an id or a name is left out: it can be neither shown nor booked. A place
/// listed twice is shown once, as its first copy (the nearer one in PostNord's order). A place
/// whose opening hours or coordinates cannot be read is still offered, without them. Both
/// shapes PostNord has answered in are read: v5 (`coordinates` as a list, `openingHours` with
/// `postalServices` and `specialDates`) and the older one (`coordinate` as one object, opening
/// hours as a list of `{day, from1, to1, from2, to2}`, in `openingHour` or `openingHours`).
///
/// A non-success status is a [`CarrierFailure`] by its status, with PostNord's faults as its
/// detail; faults inside a success envelope (PostNord answers some request errors so) are
/// [`CarrierFailure::Malformed`].
pub fn parse_service_points(
    status: u16,
    content_type: Option<&str>,
    body: &str,
) -> Result<Places, CarrierFailure> {
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
    let mut places = Places::default();
    // Each id shown, with the path of the copy that is shown.
    let mut shown: Vec<(String, String)> = Vec::new();
    for (index, value) in information.service_points.iter().flatten().enumerate() {
        let path = format!("servicePoints[{index}]");
        let point = match read_part::<ServicePoint>(value, &path) {
            Ok(point) => point,
            Err(problem) => {
                places.warnings.push(warning(
                    WarningCode::MalformedResponse,
                    format!("{CARRIER} sent a service point we could not read; it is left out: {problem}"),
                ));
                continue;
            }
        };
        if let Some((_, first)) = shown.iter().find(|(id, _)| *id == point.service_point_id) {
            places.warnings.push(warning(
                WarningCode::CarrierNotice,
                format!(
                    "{CARRIER} listed service point {} twice ({first} and {path}); the first copy is shown",
                    point.service_point_id
                ),
            ));
            continue;
        }
        shown.push((point.service_point_id.clone(), path));
        places.locations.push(location(point, &mut places.warnings));
    }
    Ok(places)
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

/// One place as a location. What cannot be read of its coordinates or hours is left out of it,
/// with a warning naming the place and the field.
fn location(point: ServicePoint, warnings: &mut Vec<Warning>) -> Location {
    let id = point.service_point_id;
    let name = point.name;
    let mut left_out = |what: &str, problem: String| {
        warnings.push(warning(
            WarningCode::MalformedResponse,
            format!("{CARRIER} service point {id} ({name}) is shown without its {what}: {problem}"),
        ));
    };
    let coordinates = coordinates(point.coordinates.as_ref(), point.coordinate.as_ref())
        .unwrap_or_else(|problem| {
            left_out("coordinates", problem);
            None
        });
    let mut cut = Vec::new();
    let operational_hours = hours(
        point.opening_hours.as_ref(),
        point.opening_hour.as_ref(),
        &mut cut,
    )
    .unwrap_or_else(|problem| {
        left_out("opening hours", problem);
        None
    });
    for problem in cut {
        warnings.push(warning(
            WarningCode::MalformedResponse,
            format!("{CARRIER} service point {id} ({name}): {problem}"),
        ));
    }
    let address = point.visiting_address.or(point.delivery_address);
    Location {
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
        id,
        name,
        coordinates,
        delivery_time: None,
        operational_hours,
        price: None,
        distance_meters: point.route_distance,
    }
}

/// The first of v5's `coordinates`, else the older single `coordinate`. `Err` names the field
/// that is there but cannot be read; a `null` or empty list is no coordinates, not a problem.
fn coordinates(list: Option<&Part>, single: Option<&Part>) -> Result<Option<Coordinates>, String> {
    let read = |value: &Part, field: &str| {
        read_value::<SpCoordinate>(value)
            .map(|c| Coordinates {
                lat: c.northing,
                lng: c.easting,
            })
            .ok_or_else(|| format!("{field} is not of the documented shape"))
    };
    // A `null` is no part (`None`), as serde reads an `Option`.
    match list.map(|part| shape(part)) {
        Some(Shape::List(items)) if !items.is_empty() => {
            return read(&items[0], "coordinates[0]").map(Some)
        }
        Some(Shape::List(_)) | None => {}
        Some(_) => return Err("coordinates is not a list".to_owned()),
    }
    match single {
        None => Ok(None),
        Some(value) => read(value, "coordinate").map(Some),
    }
}

/// The place's opening hours from whichever shape it has. `Err` names the first field that
/// cannot be read: then no hours are shown at all, since a week with a day or a holiday missing
/// would tell the shopper the place keeps its usual hours when it may not.
///
/// A special period longer than [`MAX_SPECIAL_DAYS`] is read as its first days, and `cut` gets a
/// sentence saying so.
fn hours(
    v5: Option<&Part>,
    older: Option<&Part>,
    cut: &mut Vec<String>,
) -> Result<Option<OperationalHours>, String> {
    let (mut week, mut dates): (Week, Vec<DateOverride>) = (Week::default(), Vec::new());
    // A `null` is no part (`None`), as serde reads an `Option`.
    if let Some(part) = v5 {
        match shape(part) {
            // The older shape under the v5 name.
            Shape::List(entries) => week = older_week(&entries, "openingHours")?,
            Shape::Object => {
                let v5: SpOpeningHours = read_part(part, "openingHours")?;
                week = postal_services(v5.postal_services.as_deref().unwrap_or_default())?;
                dates = special_dates(v5.special_dates.as_deref().unwrap_or_default(), cut)?;
            }
            Shape::Scalar => return Err("openingHours is not of the documented shape".to_owned()),
        }
    }
    // The older list fills the week when v5 gave none (an answer may carry both).
    if week.iter().all(Option::is_none) {
        match older.map(|part| shape(part)) {
            None => {}
            Some(Shape::List(entries)) => week = older_week(&entries, "openingHour")?,
            Some(_) => return Err("openingHour is not a list".to_owned()),
        }
    }
    Ok(operational_hours(week, dates))
}

/// `postalServices` by weekday. The spec writes `MONDAY`, live answers `Monday`; both are read.
/// A day with several entries (closed over lunch) has several spans.
fn postal_services(services: &[Part]) -> Result<Week, String> {
    let mut week = Week::default();
    for (index, value) in services.iter().enumerate() {
        let path = format!("openingHours.postalServices[{index}]");
        let service: PostalService = read_part(value, &path)?;
        let day = service
            .open_day
            .as_deref()
            .and_then(weekday)
            .ok_or_else(|| format!("{path}.openDay is not a weekday"))?;
        let open = time_field(service.open_time.as_deref(), &path, "openTime")?;
        let close = time_field(service.close_time.as_deref(), &path, "closeTime")?;
        week[day]
            .get_or_insert_with(Vec::new)
            .push(span(&open, &close));
    }
    Ok(week)
}

/// The older shape: `[{"day": "MO", "from1": "0700", "to1": "2300", "from2": …, "to2": …}]`, a
/// day with no times being a closed day.
fn older_week(entries: &[Part], field: &str) -> Result<Week, String> {
    let mut week = Week::default();
    for (index, value) in entries.iter().enumerate() {
        let path = format!("{field}[{index}]");
        let entry: OlderHours = read_part(value, &path)?;
        let day = entry
            .day
            .as_deref()
            .and_then(weekday)
            .ok_or_else(|| format!("{path}.day is not a weekday"))?;
        let mut spans = Vec::new();
        for (from, to, from_name, to_name) in [
            (&entry.from1, &entry.to1, "from1", "to1"),
            (&entry.from2, &entry.to2, "from2", "to2"),
        ] {
            match (given(from), given(to)) {
                (None, None) => {}
                (from, to) => spans.push(span(
                    &time_field(from, &path, from_name)?,
                    &time_field(to, &path, to_name)?,
                )),
            }
        }
        if spans.is_empty() {
            spans.push(closed());
        }
        week[day].get_or_insert_with(Vec::new).extend(spans);
    }
    Ok(week)
}

/// A time the older shape gives, or `None` for an absent or empty one (a day closed).
fn given(time: &Option<String>) -> Option<&str> {
    time.as_deref().map(str::trim).filter(|t| !t.is_empty())
}

/// `specialDates` as one KSS date override per day from `startDate` to `endDate`.
fn special_dates(dates: &[Part], cut: &mut Vec<String>) -> Result<Vec<DateOverride>, String> {
    let mut overrides = Vec::new();
    for (index, value) in dates.iter().enumerate() {
        let path = format!("openingHours.specialDates[{index}]");
        let special: SpecialDate = read_part(value, &path)?;
        let start = special
            .start_date
            .as_deref()
            .and_then(parse_date)
            .ok_or_else(|| format!("{path}.startDate is not a date"))?;
        let end = match special.end_date.as_deref() {
            None => start,
            Some(text) => {
                parse_date(text).ok_or_else(|| format!("{path}.endDate is not a date"))?
            }
        };
        let hours = match (special.is_closed, &special.open_time, &special.close_time) {
            (Some(true), _, _) => vec![closed()],
            // A free text where a time belongs ("enligt skylt") is not guessed at.
            (_, Some(open), Some(close)) => vec![span(
                &time_field(Some(open), &path, "openTime")?,
                &time_field(Some(close), &path, "closeTime")?,
            )],
            // A date with neither a flag nor a time: closed, as a day without times is in the
            // older shape.
            (None, None, None) => vec![closed()],
            // Open (`isClosed: false`) or with one time only: the hours are not known, and
            // are not guessed at either way.
            _ => return Err(format!("{path} is open without openTime and closeTime")),
        };
        let days = (end - start).num_days() + 1;
        if days > MAX_SPECIAL_DAYS as i64 {
            cut.push(format!(
                "{path} spans {days} days; only its first {MAX_SPECIAL_DAYS} are shown"
            ));
        }
        let mut day = start;
        let mut count = 0;
        while day <= end && count < MAX_SPECIAL_DAYS {
            let date = crate::date_text::write_date(day);
            overrides.push(date_override(&date, special.reason.as_deref(), &hours));
            let Some(next) = day.checked_add_days(Days::new(1)) else {
                break;
            };
            day = next;
            count += 1;
        }
    }
    Ok(overrides)
}

/// A time of day as KSS writes it (`07:00`) from PostNord's `07:00` or the older `0700`;
/// `24:00` is the end of the day. `Err` names the field.
fn time_field(text: Option<&str>, path: &str, field: &str) -> Result<String, String> {
    text.and_then(clock)
        .ok_or_else(|| format!("{path}.{field} is not a time of day"))
}

/// `HH:mm` or `HHmm` as `HH:mm`, when it is a time of day (or `24:00`). Read byte by byte: it
/// runs for every opening time of every place.
pub(super) fn clock(text: &str) -> Option<String> {
    let (h1, h2, m1, m2) = match *text.trim().as_bytes() {
        [h1, h2, b':', m1, m2] | [h1, h2, m1, m2] => (h1, h2, m1, m2),
        _ => return None,
    };
    let digits = [h1, h2, m1, m2];
    if !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let number = |tens: u8, ones: u8| u32::from(tens - b'0') * 10 + u32::from(ones - b'0');
    let (h, m) = (number(h1, h2), number(m1, m2));
    let valid = (h < 24 && m < 60) || (h == 24 && m == 0);
    valid.then(|| {
        [h1, h2, b':', m1, m2]
            .iter()
            .map(|&b| char::from(b))
            .collect()
    })
}

/// Monday is 0. Full English names in any case (`MONDAY`, `Monday`) and the older shape's
/// two-letter codes (`MO`).
fn weekday(name: &str) -> Option<usize> {
    let name = name.trim().to_ascii_lowercase();
    let days = [
        ("monday", "mo"),
        ("tuesday", "tu"),
        ("wednesday", "we"),
        ("thursday", "th"),
        ("friday", "fr"),
        ("saturday", "sa"),
        ("sunday", "su"),
    ];
    days.iter()
        .position(|(full, code)| name == *full || name == *code)
}

fn parse_date(text: &str) -> Option<NaiveDate> {
    crate::date_text::parse_date(text)
}

fn warning(code: WarningCode, message: String) -> Warning {
    Warning {
        carrier: CARRIER.to_owned(),
        code,
        message,
    }
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
    service_points: Option<Vec<Part>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ServicePoint {
    /// Kept exactly as sent: ids have leading zeros (`020001`) that a number would lose, so only
    /// a string is an id.
    service_point_id: String,
    name: String,
    #[serde(default, deserialize_with = "lenient_metres")]
    route_distance: Option<u32>,
    visiting_address: Option<SpAddress>,
    delivery_address: Option<SpAddress>,
    // The parts below are read on their own, so that one of an unexpected shape costs only
    // itself. Lists may come as `null` (live answers write `null` for empty parts).
    coordinates: Option<Part>,
    /// The older shape's single coordinate.
    coordinate: Option<Part>,
    opening_hours: Option<Part>,
    /// The older shape's name for its list of opening hours.
    opening_hour: Option<Part>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SpAddress {
    #[serde(default, deserialize_with = "lenient_text")]
    country_code: Option<String>,
    #[serde(default, deserialize_with = "lenient_text")]
    city: Option<String>,
    #[serde(default, deserialize_with = "lenient_text")]
    street_name: Option<String>,
    /// A text (`24`, `12B`, `1-7`), kept as given; a number is taken as its text.
    #[serde(default, deserialize_with = "lenient_text")]
    street_number: Option<String>,
    #[serde(default, deserialize_with = "lenient_text")]
    postal_code: Option<String>,
}

#[derive(Deserialize)]
struct SpCoordinate {
    #[serde(alias = "latitude")]
    northing: f64,
    #[serde(alias = "longitude")]
    easting: f64,
}

#[derive(Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct SpOpeningHours {
    postal_services: Option<Vec<Part>>,
    special_dates: Option<Vec<Part>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PostalService {
    open_day: Option<String>,
    open_time: Option<String>,
    close_time: Option<String>,
}

/// The older shape's day: `{"day": "MO", "from1": "0700", "to1": "2300", "from2", "to2"}`.
#[derive(Deserialize)]
struct OlderHours {
    day: Option<String>,
    from1: Option<String>,
    to1: Option<String>,
    from2: Option<String>,
    to2: Option<String>,
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

/// A text field that may come as a number (`"streetNumber": 24`); anything else is no text.
fn lenient_text<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    Ok(match Value::deserialize(deserializer)? {
        Value::String(text) => Some(text),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    })
}
