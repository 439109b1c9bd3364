//! Delivery Options `POST …/v1/deliveryoptions/bywarehouse`: the request from a quote, and the
//! answer as our options.

use chrono::{DateTime, FixedOffset, SecondsFormat, Utc};
use serde_json::{json, Map, Value};

use crate::carriers::read::read_answer;
use crate::carriers::{
    CarrierAnswer, CarrierFailure, Method, OutboundRequest, Warning, WarningCode,
};
use crate::locale::Locale;
use crate::model::{
    Address, Coordinates, DeliveryTime, EnvironmentalData, Interval, Location, OpeningHours,
    ServiceTexts, ShippingOption, ShippingType, TimeOfDay, Timeslot,
};
use crate::quote::Quote;

use super::config::{CountryPrices, PostNordConfig};
use super::faults::{error_detail, says_no_options};
use super::opening_hours::{closed, date_override, operational_hours, span, Week};
use super::wire::{self, DeliveryLocation, DeliveryOption, OpenHours, TypeOptions};
use super::{header, with_query, CARRIER};

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
/// path; a type the shop has no price for is left out with a notice. `now` decides whether
/// today's cutoff is still ahead (never on a weekend or holiday at the warehouse).
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
    let types = wire::delivery_types(&response);

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
        match context.option(options) {
            Ok(Some(option)) => answer.options.push(option),
            Ok(None) => {}
            Err(warning) => answer.warnings.push(warning),
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
    answer.warnings.extend(
        wire::warehouses_without_options(&response)
            .iter()
            .map(|problem| unreadable(problem)),
    );
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
    /// The one option of a delivery type; `Ok(None)` when PostNord offers nothing readable for it.
    fn option(&self, options: &TypeOptions) -> Result<Option<ShippingOption>, Warning> {
        let delivery_type = &options.delivery_type;
        let default = options.default.as_ref().and_then(|read| read.as_ref().ok());
        let additional: Vec<&DeliveryOption> = options
            .additional
            .iter()
            .filter_map(|read| read.as_ref().ok())
            .collect();
        // The spec recommends the additional options (specific places and times) and the
        // default as the fallback. For pickup types the first additional option (the nearest
        // place) describes what the shopper sees first; for home the default (as soon as
        // possible) is the option and the additional ones are its timeslots.
        let base = if delivery_type.is_pickup() {
            additional.first().copied().or(default)
        } else {
            default.or(additional.first().copied())
        };
        let Some(base) = base else {
            return Ok(None);
        };
        let country = self.quote.recipient.country.code();
        let Some(price) = self.prices.service(delivery_type) else {
            return Err(Warning {
                carrier: CARRIER.to_owned(),
                code: WarningCode::CarrierNotice,
                message: format!(
                    "no price is configured for {CARRIER} {delivery_type} to {country}; it is not offered"
                ),
            });
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
        option.delivery_time = self
            .delivery_time(base)
            .map_err(|problem| unreadable(&format!("{delivery_type}: {problem}")))?;
        option.service_texts = Some(service_texts(base));
        option.logo_url = self.config.logo_url.clone();
        option.environmental = self.environmental(base);
        if delivery_type.is_pickup() {
            let locations: Vec<Location> = additional
                .iter()
                .filter_map(|choice| self.location(choice))
                .collect();
            option.locations = (!locations.is_empty()).then_some(locations);
        } else {
            let timeslots: Vec<Timeslot> = additional
                .iter()
                .filter_map(|choice| self.timeslot(choice))
                .collect();
            option.timeslots = (!timeslots.is_empty()).then_some(timeslots);
        }
        Ok(Some(option))
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

    /// The place of a pickup option's choice; `None` without a location or its id, which a
    /// booking needs.
    fn location(&self, option: &DeliveryOption) -> Option<Location> {
        let id = option.booking_instructions.service_point_id.clone()?;
        let place = option.location.as_ref()?;
        Some(Location {
            id,
            name: place.name.clone(),
            address: place.address.as_ref().map(address),
            coordinates: place.coordinate.as_ref().map(|c| Coordinates {
                lat: c.latitude,
                lng: c.longitude,
            }),
            // Each place can be served on its own day (the spec's examples differ by place).
            delivery_time: self.delivery_time(option).ok().flatten(),
            operational_hours: opening_hours(place),
            price: None,
            distance_meters: place.distance_from_recipient_address,
        })
    }

    /// A home option's specific delivery time as a KSS timeslot.
    fn timeslot(&self, option: &DeliveryOption) -> Option<Timeslot> {
        let (start, end) = window(option)?;
        Some(Timeslot {
            id: timeslot_id(start, end)?,
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

fn opening_hours(place: &DeliveryLocation) -> Option<crate::model::OperationalHours> {
    let hours = place.opening_hours.as_ref()?;
    let regular = &hours.regular;
    let week: Week = [
        &regular.monday,
        &regular.tuesday,
        &regular.wednesday,
        &regular.thursday,
        &regular.friday,
        &regular.saturday,
        &regular.sunday,
    ]
    .map(|day| day.as_ref().map(day_hours));
    let dates = hours
        .deviations
        .iter()
        .flatten()
        .map(|d| date_override(&d.date, d.reason.as_deref(), &day_hours(&d.open_hours)))
        .collect();
    operational_hours(week, dates)
}

/// One day: closed, or its time ranges (`timeRanges` is only there when open).
fn day_hours(day: &OpenHours) -> Vec<OpeningHours> {
    if !day.open {
        return vec![closed()];
    }
    day.time_ranges
        .iter()
        .map(|r| span(&r.from, &r.to))
        .collect()
}

/// `RecipientAddress`: country and postal code, plus `street` and `city` when the shopper gave
/// them (the spec forbids mixing `street` with `streetName`/`streetNumber`).
fn recipient_address(quote: &Quote) -> Value {
    let recipient = &quote.recipient;
    let mut address = Map::new();
    address.insert("countryCode".to_owned(), json!(recipient.country.code()));
    address.insert("postCode".to_owned(), json!(recipient.postal_code));
    if let Some(city) = &recipient.city {
        address.insert("city".to_owned(), json!(city));
    }
    if let Some(street) = &recipient.street_address {
        address.insert("street".to_owned(), json!(street));
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

fn unreadable(problem: &str) -> Warning {
    Warning {
        carrier: CARRIER.to_owned(),
        code: WarningCode::MalformedResponse,
        message: format!("{CARRIER} sent an option we could not read: {problem}"),
    }
}
