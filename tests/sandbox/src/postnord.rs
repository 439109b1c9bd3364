//! PostNord Delivery Options, `POST /rest/shipment/v1/deliveryoptions/bywarehouse?apikey=..`
//! (`postnord-openapi/delivery-options.swagger.json` v3.4.3, whose server is
//! `.../rest/shipment`; examples in notes/01a-postnord-delivery-options-examples.md). The
//! OpenAPI defines it as POST with a JSON body; there is no GET form.
//!
//! Sandbox rules the README repeats: the date of `timeOfLatestOrder` is taken as today and as the
//! pickup day (the real API requires it to be today and compares it with the clock; ignoring the
//! clock keeps answers reproducible); `handOverTime`'s date is the pickup day; weekend pickups move
//! to Monday.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::dates::DaysOff;
use crate::errors::{self, PostNordFault};
use crate::places::{self, Country, Point};
use crate::postal::{self, LastMile};
use crate::postnord_servicepoints::{opening_hours, service_point_id, split_street};
use crate::postnord_texts::{checkout_texts, Language};
use crate::{dates, ids, Sandbox};

/// The delivery types evaluated when `filter.deliveryTypes` is empty (OpenAPI `Filter`), in the
/// order the examples answer them.
const DEFAULT_TYPES: [&str; 5] = [
    "home",
    "parcel-locker",
    "service-point",
    "express-mailbox",
    "mailbox",
];
/// `numberOfAdditionalOptions` of `ParcelLockerPreferences` and `ServicePointPreferences`: default
/// 5, minimum 1, maximum 15 (a value outside is refused, as the schema's limits are).
const DEFAULT_ADDITIONAL_OPTIONS: usize = 5;
const ADDITIONAL_OPTIONS: std::ops::RangeInclusive<usize> = 1..=15;
/// The OpenAPI `Address`'s lengths, in characters: (field, minLength, maxLength).
const ADDRESS_LENGTHS: [(&str, usize, usize); 5] = [
    ("postCode", 3, 10),
    ("city", 1, 200),
    ("street", 1, 150),
    ("streetName", 1, 150),
    ("streetNumber", 1, 20),
];
/// How far down the generated list the sandbox looks for points of a wanted kind.
const SEARCH_DEPTH: u32 = 60;
const WEEKDAY_KEYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// `GET /rest/shipment/v1/deliveryoptions/manage/health`.
pub async fn health() -> Json<Value> {
    Json(json!({ "status": "UP" }))
}

/// `POST /rest/shipment/v1/deliveryoptions/bywarehouse`.
pub async fn by_warehouse(
    State(sandbox): State<Arc<Sandbox>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let language = Language::from_accept_language(
        headers.get("accept-language").and_then(|v| v.to_str().ok()),
    );
    match answer(&body, language, sandbox.now()) {
        Ok(answer) => Json(answer).into_response(),
        Err(fault) => fault.into_response(),
    }
}

/// A rejected request: the OpenAPI's 400/404 `ErrorResponse` with one fault.
struct Fault {
    status: StatusCode,
    code: &'static str,
    explanation: &'static str,
    param: String,
    value: String,
}

impl Fault {
    fn into_response(self) -> Response {
        let fault = PostNordFault {
            code: self.code,
            explanation: self.explanation,
            param: &self.param,
            value: &self.value,
        };
        errors::postnord(self.status, self.explanation, Some(fault))
    }
}

fn missing(param: &str) -> Fault {
    Fault {
        status: StatusCode::BAD_REQUEST,
        code: "API-005",
        explanation: "Missing required field",
        param: param.to_owned(),
        value: "null".to_owned(),
    }
}

fn invalid(param: &str, value: &str) -> Fault {
    Fault {
        status: StatusCode::BAD_REQUEST,
        code: "API-008",
        explanation: "Invalid input",
        param: param.to_owned(),
        value: value.to_owned(),
    }
}

fn combination(param: &str, value: &str) -> Fault {
    Fault {
        status: StatusCode::BAD_REQUEST,
        code: "API-009",
        explanation: "Invalid field combination",
        param: param.to_owned(),
        value: value.to_owned(),
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct OptionsRequest {
    customer: Option<Customer>,
    warehouses: Option<Vec<Warehouse>>,
    recipient: Option<Recipient>,
    filter: Option<Filter>,
    preferences: Option<Preferences>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Customer {
    customer_key: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Warehouse {
    id: Option<String>,
    address: Option<Address>,
    order_handling: Option<OrderHandling>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct Address {
    country_code: Option<String>,
    post_code: Option<String>,
    city: Option<String>,
    street: Option<String>,
    street_name: Option<String>,
    street_number: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct OrderHandling {
    hand_over_time: Option<String>,
    time_of_latest_order: Option<String>,
    days_until_order_is_ready: Option<String>,
    time_when_order_is_ready: Option<Value>,
    pick_and_pack_time: Option<Value>,
}

#[derive(Deserialize)]
struct Recipient {
    address: Option<Address>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Filter {
    delivery_types: Option<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Preferences {
    parcel_locker: Option<AdditionalOptions>,
    service_point: Option<AdditionalOptions>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct AdditionalOptions {
    number_of_additional_options: Option<usize>,
}

/// When the order leaves the warehouse, as the request's `orderHandling` says.
enum Handover {
    /// A known pickup day; `today` anchors the friendly day words.
    Date {
        pickup: NaiveDate,
        today: NaiveDate,
        echo: (&'static str, String),
    },
    /// `daysUntilOrderIsReady`: a range of working days, answered as a `dayRange`.
    DayRange { min: u32, max: u32, echo: String },
}

/// The recipient, validated.
struct Destination {
    country: &'static Country,
    postal_code: String,
    zone: Tz,
    /// The recipient country's days off: deliveries skip them.
    days_off: DaysOff,
}

fn answer(body: &[u8], language: Language, now: DateTime<Utc>) -> Result<Value, Fault> {
    let request: OptionsRequest =
        serde_json::from_slice(body).map_err(|error| invalid("body", &error.to_string()))?;
    match request.customer.and_then(|c| c.customer_key) {
        None => return Err(missing("customer.customerKey")),
        Some(key) if key.is_empty() => return Err(missing("customer.customerKey")),
        // The OpenAPI's `pattern` and `maxLength`: a company name with a space is refused.
        Some(key) if !shared::carriers::postnord::is_customer_key(&key) => {
            return Err(invalid("customer.customerKey", &key))
        }
        Some(_) => {}
    }
    let destination = destination(
        request
            .recipient
            .and_then(|r| r.address)
            .unwrap_or_default(),
    )?;
    let warehouses = request.warehouses.unwrap_or_default();
    match warehouses.len() {
        0 => return Err(missing("warehouses")),
        1..=3 => {}
        n => return Err(invalid("warehouses", &format!("{n} warehouses; at most 3"))),
    }
    let wanted_types = wanted_types(request.filter)?;
    let (lockers, service_points) = additional_counts(request.preferences)?;
    let mut sender_country: Option<String> = None;
    let mut per_warehouse = Vec::new();
    for (index, warehouse) in warehouses.into_iter().enumerate() {
        let field = format!("warehouses[{index}]");
        let address = warehouse.address.unwrap_or_default();
        let (country_code, echo_address) = warehouse_address(&address, &field)?;
        if sender_country.get_or_insert_with(|| country_code.clone()) != &country_code {
            return Err(combination(
                &format!("{field}.address.countryCode"),
                &country_code,
            ));
        }
        let warehouse_days_off = DaysOff::all(&country_code)
            .ok_or_else(|| invalid(&format!("{field}.address.countryCode"), &country_code))?;
        let handover = handover(
            warehouse.order_handling.unwrap_or_default(),
            &field,
            destination.zone,
            warehouse_days_off,
            now,
        )?;
        let cross_border = country_code != destination.country.code;
        let options: Vec<Value> = wanted_types
            .iter()
            .filter(|kind| is_offered(kind, &country_code, destination.country.code))
            .map(|kind| {
                let additional = match *kind {
                    "parcel-locker" => lockers,
                    "service-point" => service_points,
                    _ => 0,
                };
                options_of_type(
                    kind,
                    &destination,
                    &handover,
                    cross_border,
                    additional,
                    language,
                )
            })
            .collect();
        if options.is_empty() {
            // "Warehouses with no delivery options are left out of the response."
            continue;
        }
        let order_handling = match &handover {
            Handover::Date {
                echo: (key, value), ..
            } => json!({ *key: value }),
            Handover::DayRange { echo, .. } => json!({ "daysUntilOrderIsReady": echo }),
        };
        per_warehouse.push(json!({
            "warehouse": {
                "id": warehouse.id.unwrap_or_default(),
                "address": echo_address,
                "orderHandling": order_handling,
            },
            "deliveryOptions": options,
        }));
    }
    if per_warehouse.is_empty() {
        return Err(Fault {
            status: StatusCode::NOT_FOUND,
            code: "API-003",
            explanation: "Delivery options not found",
            param: "filter.deliveryTypes".to_owned(),
            value: wanted_types.join(","),
        });
    }
    Ok(json!({ "warehouseToDeliveryOptions": per_warehouse }))
}

fn destination(address: Address) -> Result<Destination, Fault> {
    address_lengths(&address, "recipient.address")?;
    let code = address
        .country_code
        .ok_or_else(|| missing("recipient.address.countryCode"))?;
    let country =
        places::country(&code).ok_or_else(|| invalid("recipient.address.countryCode", &code))?;
    let postal_code = address
        .post_code
        .ok_or_else(|| missing("recipient.address.postCode"))?
        .replace(' ', "");
    if !postal::is_valid(country.code, &postal_code) {
        return Err(invalid("recipient.address.postCode", &postal_code));
    }
    if address.street.is_some()
        && (address.street_name.is_some() || address.street_number.is_some())
    {
        return Err(combination(
            "recipient.address.street",
            "street with streetName/streetNumber",
        ));
    }
    let zone = match country.code {
        "SE" => chrono_tz::Europe::Stockholm,
        "DK" => chrono_tz::Europe::Copenhagen,
        "FI" => chrono_tz::Europe::Helsinki,
        _ => chrono_tz::Europe::Oslo,
    };
    let days_off = DaysOff::all(country.code)
        .ok_or_else(|| invalid("recipient.address.countryCode", &code))?;
    Ok(Destination {
        country,
        postal_code,
        zone,
        days_off,
    })
}

/// Validates a warehouse's `FullAddress` and returns its country and the address as the response
/// echoes it (street split into `streetName` and `streetNumber`, as in the examples).
fn warehouse_address(address: &Address, field: &str) -> Result<(String, Value), Fault> {
    address_lengths(address, &format!("{field}.address"))?;
    let required = |value: &Option<String>, name: &str| {
        value
            .clone()
            .filter(|v| !v.is_empty())
            .ok_or_else(|| missing(&format!("{field}.address.{name}")))
    };
    let country_code = required(&address.country_code, "countryCode")?;
    if places::country(&country_code).is_none() {
        return Err(invalid(
            &format!("{field}.address.countryCode"),
            &country_code,
        ));
    }
    let post_code = required(&address.post_code, "postCode")?;
    let city = required(&address.city, "city")?;
    let (street_name, street_number) = match (
        &address.street,
        &address.street_name,
        &address.street_number,
    ) {
        (Some(street), None, None) => split_street(street),
        (None, Some(name), Some(number)) => (name.clone(), number.clone()),
        (None, None, None) => return Err(missing(&format!("{field}.address.street"))),
        _ => {
            return Err(combination(
                &format!("{field}.address.street"),
                "street with streetName/streetNumber",
            ))
        }
    };
    let echo = json!({
        "countryCode": country_code,
        "postCode": post_code,
        "city": city,
        "streetName": street_name,
        "streetNumber": street_number,
    });
    Ok((country_code, echo))
}

/// When the parcel is picked up: the first working day at the warehouse (`days_off`) on or after
/// the date given, or after today when `timeOfLatestOrder` has passed at `now`.
fn handover(
    handling: OrderHandling,
    field: &str,
    zone: Tz,
    days_off: DaysOff,
    now: DateTime<Utc>,
) -> Result<Handover, Fault> {
    let field = format!("{field}.orderHandling");
    if handling.time_when_order_is_ready.is_some() || handling.pick_and_pack_time.is_some() {
        return Err(invalid(
            &field,
            "timeWhenOrderIsReady and pickAndPackTime are not yet supported",
        ));
    }
    let given = [
        &handling.hand_over_time,
        &handling.time_of_latest_order,
        &handling.days_until_order_is_ready,
    ];
    match given.iter().filter(|value| value.is_some()).count() {
        0 => return Err(missing(&field)),
        1 => {}
        _ => {
            return Err(combination(
                &field,
                "exactly one of handOverTime, timeOfLatestOrder, daysUntilOrderIsReady",
            ))
        }
    }
    let parse = |value: &str, name: &str| {
        DateTime::<FixedOffset>::parse_from_rfc3339(value)
            .map_err(|_| invalid(&format!("{field}.{name}"), value))
    };
    if let Some(value) = handling.time_of_latest_order {
        let cutoff = parse(&value, "timeOfLatestOrder")?;
        // "The date provided should always be today's date. The service compares the current
        // time against the provided cutoff time on the same day: [...] If the current time has
        // already passed the cutoff time, the pickup is shifted to the next day." Today is the
        // sender's, in the offset the cutoff is written in.
        let today = now.with_timezone(cutoff.offset()).date_naive();
        if cutoff.date_naive() != today {
            return Err(invalid(&format!("{field}.timeOfLatestOrder"), &value));
        }
        let pickup = if now < cutoff {
            dates::working_day_on_or_after(days_off, today)
        } else {
            dates::add_working_days(days_off, today, 1)
        };
        return Ok(Handover::Date {
            pickup,
            today,
            echo: ("timeOfLatestOrder", value),
        });
    }
    if let Some(value) = handling.hand_over_time {
        let handover = parse(&value, "handOverTime")?;
        let pickup = dates::working_day_on_or_after(days_off, handover.date_naive());
        let today = now.with_timezone(&zone).date_naive();
        return Ok(Handover::Date {
            pickup,
            today,
            echo: ("handOverTime", value),
        });
    }
    let range = handling.days_until_order_is_ready.unwrap_or_default();
    let bounds = range.split_once('-').and_then(|(min, max)| {
        let small = |s: &str| {
            (1..=2)
                .contains(&s.len())
                .then(|| s.parse::<u32>().ok())
                .flatten()
        };
        Some((small(min)?, small(max)?))
    });
    match bounds {
        Some((min, max)) if min <= max => Ok(Handover::DayRange {
            min,
            max,
            echo: range,
        }),
        _ => Err(invalid(&format!("{field}.daysUntilOrderIsReady"), &range)),
    }
}

fn wanted_types(filter: Option<Filter>) -> Result<Vec<&'static str>, Fault> {
    const ALL: [&str; 13] = [
        "home",
        "parcel-locker",
        "service-point",
        "express-mailbox",
        "mailbox",
        "home-small",
        "pallet",
        "groupage",
        "parcel-b2b",
        "pallet-b2b",
        "groupage-b2b",
        "international-parcel",
        "postnord-home-small-no",
    ];
    // `Filter` may be left out, and then every type is asked for; sent, it needs its
    // `deliveryTypes` (the schema's `required`), which may be empty.
    let asked = match filter {
        None => Vec::new(),
        Some(filter) => filter
            .delivery_types
            .ok_or_else(|| missing("filter.deliveryTypes"))?,
    };
    if asked.is_empty() {
        return Ok(DEFAULT_TYPES.to_vec());
    }
    if let Some(unknown) = asked.iter().find(|kind| !ALL.contains(&kind.as_str())) {
        return Err(invalid("filter.deliveryTypes", unknown));
    }
    // Answer in the documented order, whatever order they were asked in.
    Ok(ALL
        .into_iter()
        .filter(|kind| asked.iter().any(|a| a == kind))
        .collect())
}

/// How many parcel lockers and service points to answer: each kind's `numberOfAdditionalOptions`
/// (required when its preferences are sent, 1 to 15), else the default.
fn additional_counts(preferences: Option<Preferences>) -> Result<(usize, usize), Fault> {
    let count = |options: Option<AdditionalOptions>, kind: &str| {
        let Some(options) = options else {
            return Ok(DEFAULT_ADDITIONAL_OPTIONS);
        };
        let field = format!("preferences.{kind}.numberOfAdditionalOptions");
        match options.number_of_additional_options {
            None => Err(missing(&field)),
            Some(count) if ADDITIONAL_OPTIONS.contains(&count) => Ok(count),
            Some(count) => Err(invalid(&field, &count.to_string())),
        }
    };
    match preferences {
        Some(p) => Ok((
            count(p.parcel_locker, "parcelLocker")?,
            count(p.service_point, "servicePoint")?,
        )),
        None => Ok((DEFAULT_ADDITIONAL_OPTIONS, DEFAULT_ADDITIONAL_OPTIONS)),
    }
}

/// Refuses an address field shorter or longer than the OpenAPI `Address` allows (`field` is
/// where the address is, e.g. `recipient.address`).
fn address_lengths(address: &Address, field: &str) -> Result<(), Fault> {
    let values = [
        &address.post_code,
        &address.city,
        &address.street,
        &address.street_name,
        &address.street_number,
    ];
    for ((name, min, max), value) in ADDRESS_LENGTHS.into_iter().zip(values) {
        if let Some(value) = value {
            if !(min..=max).contains(&value.chars().count()) {
                return Err(invalid(&format!("{field}.{name}"), value));
            }
        }
    }
    Ok(())
}

/// Which routes each type is sold on, after the OpenAPI's table of delivery types. The sandbox
/// answers the five consumer types; the others (pallets, groupage, B2B) are left out.
fn is_offered(kind: &str, from: &str, to: &str) -> bool {
    match kind {
        "home" | "service-point" | "parcel-locker" => true,
        "mailbox" => (from == "SE" && (to == "SE" || to == "NO")) || (from == "NO" && to == "NO"),
        "express-mailbox" => from == "SE",
        _ => false,
    }
}

/// One `DeliveryOptionsPerType`.
fn options_of_type(
    kind: &str,
    destination: &Destination,
    handover: &Handover,
    cross_border: bool,
    additional: usize,
    language: Language,
) -> Value {
    let mailbox_delay = u32::from(kind == "mailbox");
    let transit =
        postal::transit_days(&destination.postal_code) + u32::from(cross_border) + mailbox_delay;
    let option = |point: Option<&Point>| {
        delivery_option(kind, destination, handover, transit, point, language)
    };
    let points = |lockers: bool| {
        (0..SEARCH_DEPTH)
            .map(|index| destination.country.point(&destination.postal_code, index))
            .filter(move |point| point.is_locker == lockers)
            .take(additional)
    };
    let additional_options: Vec<Value> = match kind {
        "parcel-locker" => points(true).map(|point| option(Some(&point))).collect(),
        "service-point" => points(false).map(|point| option(Some(&point))).collect(),
        _ => Vec::new(),
    };
    let mut per_type = json!({ "type": kind, "additionalOptions": additional_options });
    // Parcel lockers have no default option: the recipient must choose one.
    if kind != "parcel-locker" {
        per_type["defaultOption"] = option(None);
    }
    per_type
}

/// One `DeliveryOption`; `point` is the chosen location for lockers and service points.
fn delivery_option(
    kind: &str,
    destination: &Destination,
    handover: &Handover,
    transit: u32,
    point: Option<&Point>,
    language: Language,
) -> Value {
    let texts = checkout_texts(kind, language);
    let (delivery_time, when) = match handover {
        Handover::Date { pickup, today, .. } => {
            let date = dates::add_working_days(destination.days_off, *pickup, transit);
            let (earliest, latest) = time_window(kind);
            let at = |hour: u32| local_time(destination.zone, date, hour);
            let mut window = json!({ "latest": at(latest) });
            let mut time = format!("{latest:02}:00");
            if let Some(earliest) = earliest {
                window["earliest"] = json!(at(earliest));
                time = format!("{earliest:02}:00-{time}");
            }
            (
                json!({ "date": window }),
                format!("{} ~ {time}", day_words(date, *today, language)),
            )
        }
        Handover::DayRange { min, max, .. } => {
            let days = format!("{}-{}", min + transit, max + transit);
            (
                json!({ "dayRange": { "days": days } }),
                language.day_range(&days),
            )
        }
    };
    let friendly = match point {
        Some(point) => format!("{} ({when})", point.name),
        None => when,
    };
    let location_key = point.map(|p| p.index.to_string()).unwrap_or_default();
    let delivery_option_id = ids::stable_hex32(&[
        destination.country.code,
        &destination.postal_code,
        kind,
        &location_key,
        &delivery_time.to_string(),
    ]);
    let mut booking = json!({
        "deliveryOptionId": delivery_option_id,
        "serviceCode": service_code(kind),
        "additionalServiceCodes": [],
    });
    if let Some(point) = point {
        // "A7" (Optional Service Point) marks a location the recipient chose, as in the examples.
        booking["additionalServiceCodes"] = json!(["A7"]);
        booking["servicePointId"] = json!(service_point_id(point));
    }
    let mut option = json!({
        "bookingInstructions": booking,
        "descriptiveTexts": { "checkout": {
            "title": texts.title,
            "briefDescription": texts.brief,
            "fullDescription": texts.full,
            "friendlyDeliveryInfo": friendly,
        } },
        "deliveryTime": delivery_time,
        "sustainability": {
            "fossilFree": postal::last_mile(&destination.postal_code) == LastMile::Electric,
            "nordicSwanEcoLabel": destination.country.code == "SE",
        },
    });
    if let Some(point) = point {
        option["location"] = location(destination.country, point);
    }
    option
}

/// Service codes from the OpenAPI's delivery type table.
fn service_code(kind: &str) -> &'static str {
    match kind {
        "home" => "17",
        "mailbox" => "11",
        "express-mailbox" => "86",
        _ => "19",
    }
}

/// `(earliest hour, latest hour)` of delivery, as in the examples: home 09-14, service point by
/// 16, parcel locker by 15, express mailbox by 22, mailbox by 17.
fn time_window(kind: &str) -> (Option<u32>, u32) {
    match kind {
        "home" => (Some(9), 14),
        "service-point" => (None, 16),
        "parcel-locker" => (None, 15),
        "express-mailbox" => (None, 22),
        _ => (None, 17),
    }
}

/// `date` at `hour`:00 in the recipient's zone, with its offset ("2025-09-15T14:00:00+02:00").
fn local_time(zone: Tz, date: NaiveDate, hour: u32) -> String {
    let time = NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or_default();
    match zone.from_local_datetime(&date.and_time(time)).earliest() {
        Some(local) => local.fixed_offset().to_rfc3339(),
        None => format!("{}T{hour:02}:00:00Z", date),
    }
}

/// The `{day}` of `friendlyDeliveryInfo`: today, tomorrow, a weekday within six days, else the date.
fn day_words(date: NaiveDate, today: NaiveDate, language: Language) -> String {
    match (date - today).num_days() {
        0 => language.today().to_owned(),
        1 => language.tomorrow().to_owned(),
        2..=6 => language.weekday(date.weekday()).to_owned(),
        _ => date.format("%Y-%m-%d").to_string(),
    }
}

fn location(country: &Country, point: &Point) -> Value {
    let regular: serde_json::Map<String, Value> = WEEKDAY_KEYS
        .iter()
        .zip(opening_hours(point))
        .map(|(day, hours)| {
            let open_hours = match hours {
                Some((from, to)) => {
                    json!({ "open": true, "timeRanges": [ { "from": from, "to": to } ] })
                }
                None => json!({ "open": false }),
            };
            ((*day).to_owned(), open_hours)
        })
        .collect();
    let mut location = json!({
        "name": point.name,
        "distanceFromRecipientAddress": point.distance_m,
        "address": {
            "countryCode": country.code,
            "postCode": point.postal_code,
            "city": point.city,
            "streetName": point.street_name,
            "streetNumber": point.street_number,
        },
        "coordinate": { "latitude": point.latitude, "longitude": point.longitude },
        "openingHours": { "regular": regular, "deviations": [] },
    });
    if point.is_locker {
        let placement = if point.index.is_multiple_of(2) {
            "indoor"
        } else {
            "outdoor"
        };
        location["accessibility"] = json!({ "parcelLockerLocation": placement });
    }
    location
}
