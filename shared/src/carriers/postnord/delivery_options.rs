//! Delivery Options `POST …/v1/deliveryoptions/bywarehouse`: the request from a quote, and the
//! answer as our options.

use chrono::{DateTime, FixedOffset, SecondsFormat, Utc};
use serde_json::value::RawValue;
use serde_json::{json, Map, Value};

use crate::carriers::read::{read_answer, read_part};
use crate::carriers::{
    CarrierAnswer, CarrierFailure, Method, OutboundRequest, Warning, WarningCode,
};
use crate::locale::Locale;
use crate::model::{
    Address, Coordinates, DeliveryTime, EnvironmentalData, Interval, Location, OpeningHours,
    OperationalHours, ServiceTexts, ShippingOption, ShippingType, TimeOfDay, Timeslot,
};
use crate::quote::Quote;

use super::config::{CountryPrices, PostNordConfig};
use super::faults::{error_detail, says_no_options};
use super::opening_hours::{closed, date_override, operational_hours, span, Week};
use super::service_points::clock;
use super::wire::{self, DeliveryOption, OpenHours, TypeOptions};
use super::{header, with_query, DeliveryType, CARRIER};

/// The Delivery Options request for `quote`, as of `now`.
///
/// `apikey` goes into the query string (PostNord's only authentication for this API);
/// `request_id` is sent as `X-External-Request-ID`, which PostNord's support uses to find a call.
/// The body follows the spec's `DeliveryOptionsRequest`: the shop's warehouse with today's
/// cutoff (`timeOfLatestOrder`, in the warehouse's local offset), the recipient's address, the
/// parcel in millimetres and grams, the configured `filter` and `preferences`.
pub fn delivery_options_request(
    quote: &Quote,
    config: &PostNordConfig,
    apikey: &str,
    request_id: &str,
    now: DateTime<Utc>,
) -> OutboundRequest {
    let warehouse = &config.warehouse;
    let mut body = Map::new();
    body.insert(
        "customer".to_owned(),
        json!({ "customerKey": config.customer_key }),
    );
    body.insert(
        "warehouses".to_owned(),
        json!([{
            "id": warehouse.id,
            "address": {
                "street": warehouse.address.street,
                "postCode": warehouse.address.post_code,
                "city": warehouse.address.city,
                "countryCode": warehouse.address.country_code.code(),
            },
            "orderHandling": { "timeOfLatestOrder": rfc3339(config.cutoff_today(now)) },
        }]),
    );
    body.insert(
        "recipient".to_owned(),
        json!({ "address": recipient_address(quote) }),
    );
    if let Some(parcel) = parcel_info(quote) {
        body.insert("parcelInfo".to_owned(), parcel);
    }
    if !config.delivery_types.is_empty() {
        let types: Vec<&str> = config.delivery_types.iter().map(|t| t.as_str()).collect();
        body.insert("filter".to_owned(), json!({ "deliveryTypes": types }));
    }
    let mut preferences = Map::new();
    for (key, count) in [
        ("servicePoint", config.additional_service_points),
        ("parcelLocker", config.additional_parcel_lockers),
    ] {
        if let Some(count) = count {
            preferences.insert(
                key.to_owned(),
                json!({ "numberOfAdditionalOptions": count }),
            );
        }
    }
    if !preferences.is_empty() {
        body.insert("preferences".to_owned(), Value::Object(preferences));
    }

    OutboundRequest {
        method: Method::Post,
        url: with_query(&config.delivery_options_url, [("apikey", apikey)]),
        headers: vec![
            header("Content-Type", "application/json"),
            header("Accept", "application/json"),
            header("Accept-Language", accept_language(quote.locale)),
            header("X-External-Request-ID", request_id),
        ],
        body: Some(crate::model::json_text(&Value::Object(body))),
    }
}

/// PostNord's answer as our options.
///
/// A non-success status is a [`CarrierFailure`] by its status, with PostNord's faults as its
/// detail, except PostNord's `API-003` ("delivery options not found"), which is an answer: no
/// options, and a notice. An option that cannot be read is left out with a warning naming its
/// path, and so is what cannot be read of a place (its delivery time, coordinates or opening
/// hours: the place is still offered) or a home delivery window; a type the shop has no price for
/// is left out with a notice. `now` decides whether today's cutoff is still ahead (never on a
/// weekend or holiday at the warehouse).
pub fn parse_delivery_options(
    status: u16,
    content_type: Option<&str>,
    body: &str,
    quote: &Quote,
    config: &PostNordConfig,
    now: DateTime<Utc>,
) -> Result<CarrierAnswer, CarrierFailure> {
    if matches!(status, 400 | 404) && says_no_options(body) {
        return Ok(only_warning(
            WarningCode::CarrierNotice,
            format!(
                "{CARRIER} has no delivery options to {} {} (API-003)",
                quote.recipient.country.code(),
                quote.recipient.postal_code
            ),
        ));
    }
    let response: wire::Response = read_answer(status, content_type, body, error_detail)?;
    let (types, problems) = wire::read_delivery_types(&response);

    let country = quote.recipient.country.code();
    let Some(prices) = config.prices_for(quote.recipient.country) else {
        return Ok(only_warning(
            WarningCode::CarrierNotice,
            format!("no {CARRIER} prices are configured for {country}"),
        ));
    };
    if prices.currency != quote.currency {
        return Ok(only_warning(
            WarningCode::CarrierNotice,
            format!(
                "{CARRIER} prices for {country} are in {}, the quote asks for {}",
                prices.currency, quote.currency
            ),
        ));
    }

    let context = Context {
        quote,
        config,
        prices,
        cutoff: config.cutoff_ahead(now).map(rfc3339),
        recipient_offset: quote
            .recipient
            .country
            .local_time(&now)
            .offset()
            .local_minus_utc(),
    };
    let mut answer = CarrierAnswer::default();
    for options in &types {
        if let Some(option) = context.option(options, &mut answer.warnings) {
            answer.options.push(option);
        }
        answer.warnings.extend(
            options
                .additional
                .iter()
                .chain(&options.default)
                .filter_map(|read| read.as_ref().err())
                .map(|problem| unreadable(problem)),
        );
        if options.delivery_type.is_pickup() {
            answer.warnings.extend(placeless(options));
        }
    }
    answer
        .warnings
        .extend(problems.iter().map(|problem| unreadable(problem)));
    Ok(answer)
}

/// A warning for each place of a pickup type that cannot be offered: without its
/// `servicePointId` or `location` it could be neither shown nor booked.
fn placeless(options: &wire::TypeOptions) -> impl Iterator<Item = Warning> + '_ {
    options
        .additional
        .iter()
        .enumerate()
        .filter_map(move |(index, read)| {
            let choice = read.as_ref().ok()?;
            let missing = match (
                &choice.booking_instructions.service_point_id,
                &choice.location,
            ) {
                (Some(_), Some(_)) => return None,
                (None, Some(_)) => "bookingInstructions.servicePointId",
                (Some(_), None) => "location",
                (None, None) => "bookingInstructions.servicePointId and location",
            };
            Some(unreadable(&format!(
                "{} additionalOptions[{index}] has no {missing}; that place is left out",
                options.delivery_type
            )))
        })
}

/// The start and end of a home option's specific delivery time: its `timeSlot`, else the window
/// of its date (`earliest` and `latest` are on the same day, per the spec).
pub(super) fn window(option: &DeliveryOption) -> Option<(&str, &str)> {
    if let Some(slot) = &option.booking_instructions.time_slot {
        return Some((&slot.earliest, &slot.latest));
    }
    let date = option.delivery_time.as_ref()?.date.as_ref()?;
    Some((date.earliest.as_deref()?, &date.latest))
}

/// Our id of a delivery window: its local start and end, `20250915T0900-20250915T1400`. Stable
/// across answers (unlike `deliveryOptionId`) and readable in a log.
pub(super) fn timeslot_id(start: &str, end: &str) -> Option<String> {
    let format = |instant: &str| {
        DateTime::parse_from_rfc3339(instant)
            .ok()
            .map(|t| crate::date_text::write_compact_minute(&t))
    };
    Some(format!("{}-{}", format(start)?, format(end)?))
}

/// What every option of one answer is mapped with.
struct Context<'a> {
    quote: &'a Quote,
    config: &'a PostNordConfig,
    prices: &'a CountryPrices,
    /// Today's cutoff, while it is ahead on a working day.
    cutoff: Option<String>,
    /// The recipient's UTC offset now, for day ranges (which carry no instant of their own).
    recipient_offset: i32,
}

impl Context<'_> {
    /// The one option of a delivery type; `None` when PostNord offers nothing readable for it,
    /// or when it is not offered (then `warnings` says why). What cannot be read of one of its
    /// places or delivery windows is left out of it, with a warning in `warnings`.
    fn option(&self, options: &TypeOptions, warnings: &mut Vec<Warning>) -> Option<ShippingOption> {
        let delivery_type = &options.delivery_type;
        let default = options.default.as_ref().and_then(|read| read.as_ref().ok());
        // The readable additional options, with their index in `additionalOptions` (warnings
        // name them by it).
        let additional: Vec<(usize, &DeliveryOption)> = options
            .additional
            .iter()
            .enumerate()
            .filter_map(|(index, read)| Some((index, read.as_ref().ok()?)))
            .collect();
        let first = additional.first().map(|(_, choice)| *choice);
        // The spec recommends the additional options (specific places and times) and the
        // default as the fallback. For pickup types the first additional option (the nearest
        // place) describes what the shopper sees first; for home the default (as soon as
        // possible) is the option and the additional ones are its timeslots.
        let base = if delivery_type.is_pickup() {
            first.or(default)
        } else {
            default.or(first)
        }?;
        let country = self.quote.recipient.country.code();
        let Some(price) = self.prices.service(delivery_type) else {
            warnings.push(Warning {
                carrier: CARRIER.to_owned(),
                code: WarningCode::CarrierNotice,
                message: format!(
                    "no price is configured for {CARRIER} {delivery_type} to {country}; it is not offered"
                ),
            });
            return None;
        };
        let group = delivery_type.group();
        // An option delivered to a place is collected there, whatever its type's heading.
        let kss_type = if base.location.is_some() {
            ShippingType::PickupPoint
        } else {
            group.shipping_type()
        };
        let mut option = ShippingOption::new(
            delivery_type.option_id(),
            base.descriptive_texts.checkout.title.clone(),
            CARRIER,
            kss_type,
            price.price,
            self.prices.tax_rate,
        );
        option.class = Some(group.class());
        option.group = Some(group);
        option.free_above = price.free_above;
        option.price = option.price_for(Some(self.quote.order_value), None);
        option.currency = Some(self.prices.currency);
        option.delivery_time = match self.delivery_time(base) {
            Ok(time) => time,
            // A pickup option is still offered, with all its places, when the nearest place's
            // time cannot be read (named below by that place's warning, or by `placeless`): with
            // the default's time, PostNord's promise for the type, else the first other place's
            // that can be read, else none.
            Err(_) if delivery_type.is_pickup() && first.is_some() => default
                .into_iter()
                .chain(additional.iter().skip(1).map(|(_, choice)| *choice))
                .find_map(|choice| self.delivery_time(choice).ok().flatten()),
            Err(problem) => {
                warnings.push(unreadable(&format!("{delivery_type}: {problem}")));
                return None;
            }
        };
        option.service_texts = Some(service_texts(base));
        option.logo_url = self.config.logo_url.clone();
        option.environmental = self.environmental(base);
        if delivery_type.is_pickup() {
            let locations: Vec<Location> = additional
                .iter()
                .filter_map(|&(index, choice)| {
                    self.location(delivery_type, index, choice, warnings)
                })
                .collect();
            option.locations = (!locations.is_empty()).then_some(locations);
        } else {
            let mut timeslots = Vec::new();
            for &(index, choice) in &additional {
                match self.timeslot(choice) {
                    Ok(timeslot) => timeslots.push(timeslot),
                    Err(problem) => warnings.push(left_out(
                        delivery_type,
                        index,
                        &problem,
                        "that delivery time is left out",
                    )),
                }
            }
            option.timeslots = (!timeslots.is_empty()).then_some(timeslots);
        }
        Some(option)
    }

    /// `deliveryTime` in the KSS shape. Instants stay as received; each is parsed once, for its
    /// offset, so that a bad one is reported with its field.
    fn delivery_time(&self, option: &DeliveryOption) -> Result<Option<DeliveryTime>, String> {
        let Some(time) = &option.delivery_time else {
            return Ok(None);
        };
        let mut delivery_time = DeliveryTime {
            cutoff: self.cutoff.clone(),
            ..DeliveryTime::default()
        };
        if let Some(date) = &time.date {
            let latest = instant("deliveryTime.date.latest", &date.latest)?;
            if let Some(earliest) = &date.earliest {
                instant("deliveryTime.date.earliest", earliest)?;
            }
            delivery_time.earliest = date.earliest.clone();
            delivery_time.latest = Some(date.latest.clone());
            delivery_time.interval = Some(offset_only(latest.offset().local_minus_utc()));
        } else if let Some(range) = &time.day_range {
            let (earliest, latest) = day_range(&range.days).ok_or_else(|| {
                format!(
                    "deliveryTime.dayRange.days: {:?} is not a range of days such as \"1-3\"",
                    range.days
                )
            })?;
            delivery_time.interval = Some(Interval {
                earliest: Some(earliest.to_owned()),
                latest: Some(latest.to_owned()),
                ..offset_only(self.recipient_offset)
            });
        } else {
            return Ok(None);
        }
        if let Some((start, end)) = window(option) {
            instant("bookingInstructions.timeSlot.earliest", start)?;
            instant("bookingInstructions.timeSlot.latest", end)?;
            delivery_time.time_of_day = Some(TimeOfDay {
                earliest: start.to_owned(),
                latest: end.to_owned(),
            });
        }
        Ok(Some(delivery_time))
    }

    /// The place of a pickup option's choice (`additionalOptions[index]`); `None` without a
    /// location or its id, which a booking needs. What cannot be read of its delivery time,
    /// coordinates or opening hours is left out of it with a warning, as of a Service Points
    /// place.
    fn location(
        &self,
        delivery_type: &DeliveryType,
        index: usize,
        option: &DeliveryOption,
        warnings: &mut Vec<Warning>,
    ) -> Option<Location> {
        let id = option.booking_instructions.service_point_id.clone()?;
        let place = option.location.as_ref()?;
        let mut shown_without = |problem: String, what: &str| {
            let what = format!("that place is shown without its {what}");
            warnings.push(left_out(delivery_type, index, &problem, &what));
        };
        // Each place can be served on its own day (the spec's examples differ by place).
        let delivery_time = self.delivery_time(option).unwrap_or_else(|problem| {
            shown_without(problem, "delivery time");
            None
        });
        let coordinates = place.coordinate.as_deref().and_then(|part| {
            match read_part::<wire::Coordinate>(part, "location.coordinate") {
                Ok(c) => Some(Coordinates {
                    lat: c.latitude,
                    lng: c.longitude,
                }),
                Err(problem) => {
                    shown_without(problem, "coordinates");
                    None
                }
            }
        });
        let operational_hours = place.opening_hours.as_deref().and_then(|part| {
            opening_hours(part).unwrap_or_else(|problem| {
                shown_without(problem, "opening hours");
                None
            })
        });
        Some(Location {
            id,
            name: place.name.clone(),
            address: place.address.as_ref().map(address),
            coordinates,
            delivery_time,
            operational_hours,
            price: None,
            distance_meters: place.distance_from_recipient_address,
        })
    }

    /// A home option's specific delivery time as a KSS timeslot. `Err` names what is missing or
    /// which instant cannot be read.
    fn timeslot(&self, option: &DeliveryOption) -> Result<Timeslot, String> {
        let (start, end) = window(option).ok_or_else(|| {
            "no bookingInstructions.timeSlot nor deliveryTime.date.earliest".to_owned()
        })?;
        let id = timeslot_id(start, end).ok_or_else(|| {
            // Only an instant that cannot be read makes no id: name it by the field it came from.
            let field = match option.booking_instructions.time_slot {
                Some(_) => "bookingInstructions.timeSlot",
                None => "deliveryTime.date",
            };
            instant(&format!("{field}.earliest"), start)
                .and_then(|_| instant(&format!("{field}.latest"), end))
                .err()
                .unwrap_or_default()
        })?;
        Ok(Timeslot {
            id,
            start: start.to_owned(),
            end: end.to_owned(),
            cutoff: self.cutoff.clone(),
            price: None,
        })
    }

    /// `sustainability`: fossil-free is all or nothing in PostNord's terms (the whole transport),
    /// so the share is 1 or 0; the Nordic Swan shows as the shop's tag image.
    fn environmental(&self, option: &DeliveryOption) -> Option<EnvironmentalData> {
        let sustainability = option.sustainability.as_ref()?;
        Some(EnvironmentalData {
            tag_image_url: self
                .config
                .nordic_swan_tag_url
                .clone()
                .filter(|_| sustainability.nordic_swan_eco_label),
            long_text: None,
            fossil_free_share: Some(if sustainability.fossil_free { 1.0 } else { 0.0 }),
        })
    }
}

/// The checkout texts: the title names the option, the brief description goes under it, the
/// full one behind the help button; the friendly delivery info is PostNord's one-line summary.
fn service_texts(option: &DeliveryOption) -> ServiceTexts {
    let texts = &option.descriptive_texts.checkout;
    ServiceTexts {
        display_name: Some(texts.title.clone()),
        short_name: None,
        description: texts.brief_description.clone(),
        help_text: texts.full_description.clone(),
        delivery_info: texts.friendly_delivery_info.clone(),
    }
}

fn address(address: &wire::Address) -> Address {
    let street = match (
        &address.street,
        &address.street_name,
        &address.street_number,
    ) {
        (Some(street), _, _) => Some(street.clone()),
        (None, Some(name), Some(number)) => Some(format!("{name} {number}")),
        (None, Some(name), None) => Some(name.clone()),
        (None, None, _) => None,
    };
    Address {
        street_address: street,
        postal_code: address.post_code.clone(),
        city: address.city.clone(),
        country: address.country_code.clone(),
        ..Address::default()
    }
}

/// A place's `openingHours`, checked as Service Points hours are (`HH:mm` times, real dates).
/// `Err` names the first field that cannot be read: then no hours are shown at all, since a week
/// with a day or a holiday missing would tell the shopper the place keeps its usual hours when
/// it may not.
fn opening_hours(part: &RawValue) -> Result<Option<OperationalHours>, String> {
    let hours: wire::OpeningHours = read_part(part, "location.openingHours")?;
    let regular = &hours.regular;
    let days = [
        ("monday", &regular.monday),
        ("tuesday", &regular.tuesday),
        ("wednesday", &regular.wednesday),
        ("thursday", &regular.thursday),
        ("friday", &regular.friday),
        ("saturday", &regular.saturday),
        ("sunday", &regular.sunday),
    ];
    // Paths are written only for a problem: most answers have none, and a place has a week.
    let mut week = Week::default();
    for (known, (name, day)) in week.iter_mut().zip(days) {
        if let Some(day) = day {
            let hours = day_hours(day)
                .map_err(|problem| format!("location.openingHours.regular.{name}.{problem}"))?;
            *known = Some(hours);
        }
    }
    let mut dates = Vec::new();
    for (index, deviation) in hours.deviations.iter().flatten().enumerate() {
        let path = || format!("location.openingHours.deviations[{index}]");
        let date = crate::date_text::parse_date(&deviation.date)
            .ok_or_else(|| format!("{}.date is not a date", path()))?;
        let hours = day_hours(&deviation.open_hours)
            .map_err(|problem| format!("{}.openHours.{problem}", path()))?;
        dates.push(date_override(
            &crate::date_text::write_date(date),
            deviation.reason.as_deref(),
            &hours,
        ));
    }
    Ok(operational_hours(week, dates))
}

/// One day: closed, or its time ranges (`timeRanges` is only there when open). `Err` names the
/// time that is not one, from `timeRanges` on.
fn day_hours(day: &OpenHours) -> Result<Vec<OpeningHours>, String> {
    if !day.open {
        return Ok(vec![closed()]);
    }
    let ranges = day.time_ranges.iter().flatten().enumerate();
    ranges
        .map(|(index, range)| {
            let time = |text: &str, field: &str| {
                clock(text)
                    .ok_or_else(|| format!("timeRanges[{index}].{field} is not a time of day"))
            };
            Ok(span(&time(&range.from, "from")?, &time(&range.to, "to")?))
        })
        .collect()
}

/// `RecipientAddress`: country and postal code, plus `street` and `city` when the shopper gave
/// them (the spec forbids mixing `street` with `streetName`/`streetNumber`) and they are within
/// the schema's `maxLength` (150 and 200 characters). A longer one is left out rather than sent:
/// PostNord would refuse the whole request over it, and the postal code alone still gives the
/// options and the places near it.
fn recipient_address(quote: &Quote) -> Value {
    let recipient = &quote.recipient;
    let mut address = Map::new();
    address.insert("countryCode".to_owned(), json!(recipient.country.code()));
    address.insert("postCode".to_owned(), json!(recipient.postal_code));
    for (field, value, max_chars) in [
        ("city", &recipient.city, 200),
        ("street", &recipient.street_address, 150),
    ] {
        if let Some(value) = value.as_ref().filter(|v| v.chars().count() <= max_chars) {
            address.insert(field.to_owned(), json!(value));
        }
    }
    Value::Object(address)
}

/// `parcelInfo` in millimetres and grams (integers, as the schema says; the spec's examples send
/// strings). PostNord takes one parcel per request; for several, the heaviest weight and the
/// largest of each dimension are sent, so an option is only offered if every parcel fits it.
/// Dimensions are sent only when every parcel has all three: a guessed size would filter wrongly.
fn parcel_info(quote: &Quote) -> Option<Value> {
    let weight = quote.parcels.iter().map(|p| p.weight_grams).max()?;
    let mut info = Map::new();
    let largest = |side: fn(&crate::quote::Parcel) -> Option<u32>| {
        quote
            .parcels
            .iter()
            .map(side)
            .collect::<Option<Vec<u32>>>()
            .and_then(|sides| sides.into_iter().max())
    };
    let dimensions = [
        ("length", largest(|p| p.length_cm)),
        ("width", largest(|p| p.width_cm)),
        ("height", largest(|p| p.height_cm)),
    ];
    if dimensions.iter().all(|(_, cm)| cm.is_some()) {
        for (name, cm) in dimensions {
            let mm = cm.map(|cm| u64::from(cm) * 10);
            info.insert(name.to_owned(), json!(mm));
        }
    }
    info.insert("weight".to_owned(), json!(weight));
    Some(Value::Object(info))
}

/// The languages PostNord writes its texts in (en, sv, fi, no, da); English for the rest.
fn accept_language(locale: Locale) -> &'static str {
    match locale {
        Locale::Sv => "sv",
        Locale::Nb => "no",
        Locale::Da => "da",
        Locale::Fi => "fi",
        Locale::En | Locale::De => "en",
    }
}

/// `"1-3"` → (`"1"`, `"3"`); a single number is both ends.
fn day_range(days: &str) -> Option<(&str, &str)> {
    let (earliest, latest) = days.split_once('-').unwrap_or((days, days));
    let (earliest, latest) = (earliest.trim(), latest.trim());
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (digits(earliest) && digits(latest)).then_some((earliest, latest))
}

fn instant(field: &str, value: &str) -> Result<DateTime<FixedOffset>, String> {
    DateTime::parse_from_rfc3339(value)
        .map_err(|_| format!("{field}: {value:?} is not an RFC 3339 instant"))
}

fn offset_only(seconds: i32) -> Interval {
    Interval {
        utc_offset_in_seconds: Some(seconds.to_string()),
        ..Interval::default()
    }
}

/// An instant as PostNord and KSS write it: `2025-09-11T15:00:00+02:00`.
fn rfc3339(instant: DateTime<FixedOffset>) -> String {
    instant.to_rfc3339_opts(SecondsFormat::Secs, false)
}

fn only_warning(code: WarningCode, message: String) -> CarrierAnswer {
    CarrierAnswer {
        options: Vec::new(),
        warnings: vec![Warning {
            carrier: CARRIER.to_owned(),
            code,
            message,
        }],
        operator_notes: Vec::new(),
    }
}

/// What was left out of one additional option of `delivery_type` (a place's field, a home
/// delivery window), named by its index, as [`placeless`] names a place.
fn left_out(delivery_type: &DeliveryType, index: usize, problem: &str, what: &str) -> Warning {
    unreadable(&format!(
        "{delivery_type} additionalOptions[{index}]: {problem}; {what}"
    ))
}

fn unreadable(problem: &str) -> Warning {
    Warning {
        carrier: CARRIER.to_owned(),
        code: WarningCode::MalformedResponse,
        message: format!("{CARRIER} sent an option we could not read: {problem}"),
    }
}
