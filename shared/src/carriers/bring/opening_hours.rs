//! A pickup point's opening hours as KSS `operational_hours`.
//!
//! The Pickup Point API gives them structured (`openingHours[] {day, opening, closing}`) only when
//! a point is looked up by id; the list by postal code has them only as text in five languages,
//! e.g. `"Mon - Fri: 0800-2200, Sat: 0800-2000"` (bring-pickup-point/*.json). That text is read
//! when it has exactly this shape, and left alone otherwise: wrong hours are worse than none.
//!
//! The result names every weekday: the hours on the days the point is open, and `closed` on the
//! days it is not (a day the text or list leaves out is a closed day, as Sunday in
//! `"Mon - Fri: …, Sat: …"`). `default` stays empty because no day is left to it.

use chrono::Weekday;

use super::wire::{PickupPoint, StructuredHours};
use crate::model::{OpeningHours, OpeningHoursOverrides, OperationalHours, WeekdayHours};

/// The point's hours: from the structured list when it has one, else from the first text that
/// reads (English first, then the Nordic languages).
pub(super) fn operational_hours(point: &PickupPoint) -> Option<OperationalHours> {
    if let Some(spans) = structured(&point.opening_hours) {
        return week(spans);
    }
    [
        &point.opening_hours_english,
        &point.opening_hours_norwegian,
        &point.opening_hours_swedish,
        &point.opening_hours_danish,
        &point.opening_hours_finnish,
    ]
    .into_iter()
    .find_map(|text| text.as_deref().and_then(from_text))
    .and_then(week)
}

/// One opening span on one weekday, times as KSS writes them (`"08:00"`).
type Span = (Weekday, String, String);

fn structured(hours: &[StructuredHours]) -> Option<Vec<Span>> {
    if hours.is_empty() {
        return None;
    }
    hours
        .iter()
        .map(|entry| {
            Some((
                weekday(entry.day.as_deref()?)?,
                clock(entry.opening.as_deref()?)?,
                clock(entry.closing.as_deref()?)?,
            ))
        })
        .collect()
}

/// `"Man - Fre: 0800-2200, Lør: 0800-2000"`: comma-separated `days: HHMM-HHMM`, where days is
/// one day or an inclusive range of them.
fn from_text(text: &str) -> Option<Vec<Span>> {
    let mut spans = Vec::new();
    for part in text.split(',') {
        let (days, times) = part.split_once(':')?;
        let (open, close) = times.trim().split_once('-')?;
        let (open, close) = (clock(open)?, clock(close)?);
        let (first, last) = match days.split_once('-') {
            Some((first, last)) => (weekday(first)?, weekday(last)?),
            None => (weekday(days)?, weekday(days)?),
        };
        if first.num_days_from_monday() > last.num_days_from_monday() {
            return None;
        }
        let mut day = first;
        loop {
            spans.push((day, open.clone(), close.clone()));
            if day == last {
                break;
            }
            day = day.succ();
        }
    }
    (!spans.is_empty()).then_some(spans)
}

/// A weekday by its name or abbreviation in English, Norwegian, Swedish, Danish or Finnish, as
/// the Pickup Point API writes them (`Mon`, `Man`, `Mån`, `Maa`/`Ma`, `MONDAY`).
fn weekday(name: &str) -> Option<Weekday> {
    let name = crate::case::lowercase(name.trim().trim_end_matches('.'));
    Some(match name.as_str() {
        "mon" | "monday" | "man" | "mån" | "maa" | "ma" => Weekday::Mon,
        "tue" | "tuesday" | "tir" | "tis" | "tii" | "ti" => Weekday::Tue,
        "wed" | "wednesday" | "ons" | "kes" | "ke" => Weekday::Wed,
        "thu" | "thursday" | "tor" | "tors" | "to" => Weekday::Thu,
        "fri" | "friday" | "fre" | "per" | "pe" => Weekday::Fri,
        "sat" | "saturday" | "lør" | "lör" | "lau" | "la" => Weekday::Sat,
        "sun" | "sunday" | "søn" | "sön" | "su" => Weekday::Sun,
        _ => return None,
    })
}

/// `"0800"` or `"08:00"` as `"08:00"`; `"2400"` is midnight at the end of the day.
fn clock(text: &str) -> Option<String> {
    let digits: String = text.trim().chars().filter(|c| *c != ':').collect();
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (hour, minute) = digits.split_at(2);
    let (h, m): (u32, u32) = (hour.parse().ok()?, minute.parse().ok()?);
    let valid = (h < 24 && m < 60) || (h == 24 && m == 0);
    valid.then(|| format!("{hour}:{minute}"))
}

fn week(spans: Vec<Span>) -> Option<OperationalHours> {
    if spans.is_empty() {
        return None;
    }
    let mut weekday = WeekdayHours::default();
    for (day, open, close) in spans {
        // `0000-2400` (and `00:00-23:59`) is open around the clock: KSS's `always_open`.
        day_hours(&mut weekday, day).push(OpeningHours::span(&open, &close));
    }
    for day in [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ] {
        let hours = day_hours(&mut weekday, day);
        if hours.is_empty() {
            hours.push(OpeningHours::closed());
        }
    }
    Some(OperationalHours {
        default: Vec::new(),
        overrides: Some(OpeningHoursOverrides {
            date: Vec::new(),
            weekday,
        }),
    })
}

fn day_hours(week: &mut WeekdayHours, day: Weekday) -> &mut Vec<OpeningHours> {
    match day {
        Weekday::Mon => &mut week.mon,
        Weekday::Tue => &mut week.tue,
        Weekday::Wed => &mut week.wed,
        Weekday::Thu => &mut week.thu,
        Weekday::Fri => &mut week.fri,
        Weekday::Sat => &mut week.sat,
        Weekday::Sun => &mut week.sun,
    }
}
