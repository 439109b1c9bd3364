//! Reads the edge's answer, the JavaScript object `Response.json()` made, into `shared`'s model.
//!
//! Why not serde: deserializing `ShippingOption` with serde-wasm-bindgen cost 35 KB gzip of the
//! bundle (its generic deserializer, every struct's visitor, serde_json's `Value` for the fields
//! the widget never shows, and float formatting for error messages); parsing text with
//! serde_json costs more. The widget needs the fields it renders, read leniently: this reader is
//! a few KB. `tests/element.rs` checks that it reads the fixture exactly as `shared`'s serde
//! model does, so the two cannot drift apart unnoticed.
//!
//! Leniency, as the edge's own parser is strict: an option without a required field (`id`,
//! `name`, `carrier`, `type`, `price`, `tax_rate`) is left out, and so is a location, addon or
//! timeslot without its required fields; a field of the wrong type reads as absent. The widget
//! shows what it can rather than nothing.
//!
//! Not read (not shown): `delivery_time` (the edge sends the sentence it makes of it, in
//! `delivery_time_text`), `features`, `area`, `alternative_delivery_dates`, addon `data`, and
//! the person fields of addresses. Date overrides of opening hours are read in the shape the
//! edge writes them (`{"date", "hours"}`; others are left out), so a holiday shows as such.

use std::cell::RefCell;

use js_sys::{Array, Reflect};
use shared::model::{
    Addon, Address, Badge, Coordinates, DateOverride, EnvironmentalData, Location, OpeningHours,
    OpeningHoursOverrides, OperationalHours, ServiceTexts, ShippingOption, Timeslot, WeekdayHours,
};
use wasm_bindgen::JsValue;

/// An answer's options (`{"options": [...]}`), in the edge's order; `unread_points` gets, for
/// each, its pickup points still unread: `Some` for a non-empty `locations` list, to be read by
/// [`read_points`] when the shopper chooses the option. The points are most of an answer (ten
/// per pickup option, each with a week of opening hours), and a shopper opens one list, if any.
pub fn read_options(
    answer: &JsValue,
    unread_points: &mut Vec<Option<Array>>,
) -> Vec<ShippingOption> {
    unread_points.clear();
    list(answer, "options", |value| {
        let (option, points) = read_option(value)?;
        unread_points.push(points);
        Some(option)
    })
    .unwrap_or_default()
}

/// The pickup points of an option's `locations` list (those without an `id` or `name` left out).
pub fn read_points(locations: &Array) -> Vec<Location> {
    locations
        .iter()
        .filter_map(|point| location(&point))
        .collect()
}

/// One option and its unread points, or `None` when a required field is missing. An empty
/// `locations` list is read (as empty) at once.
pub fn read_option(value: &JsValue) -> Option<(ShippingOption, Option<Array>)> {
    let mut option = ShippingOption::new(
        string(value, "id")?,
        string(value, "name")?,
        string(value, "carrier")?,
        string(value, "type")?.into(),
        integer(value, "price")?,
        u32::try_from(integer(value, "tax_rate")?).ok()?,
    );
    option.class = string(value, "class").map(Into::into);
    let points = get(value, "locations")
        .filter(Array::is_array)
        .map(|points| Array::from(&points));
    let points = match points {
        Some(points) if points.length() == 0 => {
            option.locations = Some(Vec::new());
            None
        }
        points => points,
    };
    option.addons = list(value, "addons", addon);
    option.timeslots = list(value, "timeslots", timeslot);
    option.free_above = integer(value, "free_above");
    option.preview = boolean(value, "preview");
    option.group = string(value, "group").map(Into::into);
    option.currency = string(value, "currency").and_then(|code| code.parse().ok());
    option.service_texts = get(value, "service_texts").map(|texts| ServiceTexts {
        display_name: string(&texts, "display_name"),
        short_name: string(&texts, "short_name"),
        description: string(&texts, "description"),
        help_text: string(&texts, "help_text"),
        delivery_info: string(&texts, "delivery_info"),
    });
    option.logo_url = string(value, "logo_url");
    option.environmental = get(value, "environmental").map(|data| EnvironmentalData {
        tag_image_url: string(&data, "tag_image_url"),
        long_text: string(&data, "long_text"),
        fossil_free_share: get(&data, "fossil_free_share").and_then(|share| share.as_f64()),
    });
    option.delivery_time_text = string(value, "delivery_time_text");
    option.badges =
        list(value, "badges", |badge| badge.as_string().map(Badge::from)).unwrap_or_default();
    Some((option, points))
}

fn location(value: &JsValue) -> Option<Location> {
    Some(Location {
        id: string(value, "id")?,
        name: string(value, "name")?,
        address: get(value, "address").map(|address| Address {
            street_address: string(&address, "street_address"),
            street_address2: string(&address, "street_address2"),
            postal_code: string(&address, "postal_code"),
            city: string(&address, "city"),
            region: string(&address, "region"),
            country: string(&address, "country"),
            ..Address::default()
        }),
        coordinates: get(value, "coordinates").and_then(|point| {
            Some(Coordinates {
                lat: get(&point, "lat")?.as_f64()?,
                lng: get(&point, "lng")?.as_f64()?,
            })
        }),
        delivery_time: None,
        operational_hours: get(value, "operational_hours").map(|v| operational_hours(&v)),
        price: integer(value, "price"),
        distance_meters: integer(value, "distance_meters").and_then(|m| u32::try_from(m).ok()),
    })
}

fn operational_hours(value: &JsValue) -> OperationalHours {
    let hours =
        |value: &JsValue, key: &'static str| list(value, key, opening_hours).unwrap_or_default();
    OperationalHours {
        default: hours(value, "default"),
        overrides: get(value, "overrides").map(|overrides| {
            let week = get(&overrides, "weekday").unwrap_or(JsValue::UNDEFINED);
            OpeningHoursOverrides {
                date: list(&overrides, "date", date_override).unwrap_or_default(),
                weekday: WeekdayHours {
                    mon: hours(&week, "mon"),
                    tue: hours(&week, "tue"),
                    wed: hours(&week, "wed"),
                    thu: hours(&week, "thu"),
                    fri: hours(&week, "fri"),
                    sat: hours(&week, "sat"),
                    sun: hours(&week, "sun"),
                },
            }
        }),
    }
}

/// An `overrides.date` entry with its date and hours (what `OperationalHours::hours_on` reads).
fn date_override(value: &JsValue) -> Option<DateOverride> {
    let hours = list(value, "hours", opening_hours)?;
    Some(shared::model::date_override(
        &string(value, "date")?,
        None,
        &hours,
    ))
}

fn opening_hours(value: &JsValue) -> Option<OpeningHours> {
    Some(OpeningHours {
        always_open: boolean(value, "always_open"),
        close: string(value, "close"),
        closed: boolean(value, "closed"),
        open: string(value, "open"),
    })
}

fn addon(value: &JsValue) -> Option<Addon> {
    Some(Addon {
        id: string(value, "id")?,
        r#type: string(value, "type")?.into(),
        price: integer(value, "price")?,
        max_length: integer(value, "max_length").and_then(|n| u32::try_from(n).ok()),
        preselected: boolean(value, "preselected"),
        required: boolean(value, "required"),
        data: None,
    })
}

fn timeslot(value: &JsValue) -> Option<Timeslot> {
    Some(Timeslot {
        id: string(value, "id")?,
        start: string(value, "start")?,
        end: string(value, "end")?,
        cutoff: string(value, "cutoff"),
        price: integer(value, "price"),
    })
}

/// `value[key]` unless it is absent or `null` (or `value` is not an object: `Reflect.get` throws
/// then, which reads as absent).
///
/// The key's JavaScript string is made once per key and kept: an answer with pickup lists asks
/// for some five thousand fields, and decoding each key's UTF-8 anew was most of the reading's
/// time. Keys are the reader's own literals, so the cache is a short list matched by address.
fn get(value: &JsValue, key: &'static str) -> Option<JsValue> {
    thread_local! {
        static KEYS: RefCell<Vec<((usize, usize), JsValue)>> = const { RefCell::new(Vec::new()) };
    }
    let address = (key.as_ptr() as usize, key.len());
    KEYS.try_with(|keys| {
        let mut keys = keys.borrow_mut();
        let slot = match keys.iter().position(|(a, _)| *a == address) {
            Some(slot) => slot,
            None => {
                keys.push((address, JsValue::from_str(key)));
                keys.len() - 1
            }
        };
        Reflect::get(value, &keys[slot].1).ok()
    })
    .ok()
    .flatten()
    .filter(|found| !found.is_undefined() && !found.is_null())
}

fn string(value: &JsValue, key: &'static str) -> Option<String> {
    get(value, key)?.as_string()
}

fn boolean(value: &JsValue, key: &'static str) -> Option<bool> {
    get(value, key)?.as_bool()
}

/// A whole number within JavaScript's exact integer range.
fn integer(value: &JsValue, key: &'static str) -> Option<i64> {
    let number = get(value, key)?.as_f64()?;
    (number.fract() == 0.0 && number.abs() <= 9_007_199_254_740_991.0).then_some(number as i64)
}

/// `value[key]` as a list of what `read` makes of each element (those it cannot read left out);
/// `None` when it is absent or not an array.
fn list<T>(
    value: &JsValue,
    key: &'static str,
    mut read: impl FnMut(&JsValue) -> Option<T>,
) -> Option<Vec<T>> {
    let array = get(value, key).filter(Array::is_array)?;
    Some(
        Array::from(&array)
            .iter()
            .filter_map(|item| read(&item))
            .collect(),
    )
}
