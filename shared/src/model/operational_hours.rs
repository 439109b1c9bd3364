//! `OperationalHours`: when a pickup place is open.

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// KSS `operational_hours` of a location: the usual hours, and overrides by weekday or date.
///
/// These types write KSS's full shape on output: every key of an [`OpeningHours`] entry (`null`
/// when unset), every weekday (`[]` when it has no override) and both override lists. That is
/// the shape KSS documents, with explicit `null`s in its own example, and writing it always is
/// what makes that example round-trip exactly. Input that leaves keys out still parses; it
/// comes back with the same values in the full shape.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperationalHours {
    /// KSS `default`: the hours that apply unless an override says otherwise.
    #[serde(default)]
    pub default: Vec<OpeningHours>,
    /// KSS `overrides`: exceptions by weekday or by date.
    pub overrides: Option<OpeningHoursOverrides>,
}

impl OperationalHours {
    /// The hours that apply on `date`: an `overrides.date` entry for that date, else that
    /// weekday's override when it has one, else `default`. Empty when nothing is known.
    ///
    /// A date entry is read in the shape this project writes (`{"date": "YYYY-MM-DD",
    /// "reason"?: "…", "hours": [opening hours]}`, spec/readings.md: KSS documents no shape for
    /// it); an entry in any other shape is not guessed at, and the weekday's hours apply.
    pub fn hours_on(&self, date: NaiveDate) -> Vec<OpeningHours> {
        let Some(overrides) = &self.overrides else {
            return self.default.clone();
        };
        let on_date = overrides
            .date
            .iter()
            .filter(|entry| {
                entry.get("date").and_then(Value::as_str).and_then(ymd)
                    == Some((date.year(), date.month(), date.day()))
            })
            .find_map(|entry| entry.get("hours").and_then(Value::as_array));
        if let Some(hours) = on_date {
            return hours.iter().map(opening_hours_of).collect();
        }
        let week = &overrides.weekday;
        let day = match date.weekday() {
            Weekday::Mon => &week.mon,
            Weekday::Tue => &week.tue,
            Weekday::Wed => &week.wed,
            Weekday::Thu => &week.thu,
            Weekday::Fri => &week.fri,
            Weekday::Sat => &week.sat,
            Weekday::Sun => &week.sun,
        };
        if day.is_empty() {
            self.default.clone()
        } else {
            day.clone()
        }
    }
}

/// An `overrides.date` entry in the shape [`OperationalHours::hours_on`] reads (KSS documents
/// none): `{"date": "YYYY-MM-DD", "reason"?: "…", "hours": [opening hours, every key written]}`.
pub fn date_override(date: &str, reason: Option<&str>, hours: &[OpeningHours]) -> DateOverride {
    let mut entry = DateOverride::new();
    entry.insert("date".to_owned(), Value::from(date));
    if let Some(reason) = reason {
        entry.insert("reason".to_owned(), Value::from(reason));
    }
    let hours = hours.iter().map(|span| {
        let mut written = serde_json::Map::new();
        written.insert("always_open".to_owned(), span.always_open.into());
        written.insert("close".to_owned(), span.close.clone().into());
        written.insert("closed".to_owned(), span.closed.into());
        written.insert("open".to_owned(), span.open.clone().into());
        Value::Object(written)
    });
    entry.insert("hours".to_owned(), Value::Array(hours.collect()));
    entry
}

/// `YYYY-MM-DD` as numbers. By hand rather than chrono's parser or formatter: this runs in the
/// widget, where chrono's format machinery would cost more than the rest of this module.
fn ymd(text: &str) -> Option<(i32, u32, u32)> {
    let mut parts = text.split('-');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    let well_formed = parts.next().is_none()
        && [(year, 4), (month, 2), (day, 2)]
            .iter()
            .all(|(part, len)| part.len() == *len && part.bytes().all(|b| b.is_ascii_digit()));
    well_formed.then_some(())?;
    Some((year.parse().ok()?, month.parse().ok()?, day.parse().ok()?))
}

/// One opening span of a date entry, read field by field (a field of another type is unset).
fn opening_hours_of(value: &Value) -> OpeningHours {
    let text = |key: &str| value.get(key).and_then(Value::as_str).map(str::to_owned);
    let flag = |key: &str| value.get(key).and_then(Value::as_bool);
    OpeningHours {
        always_open: flag("always_open"),
        close: text("close"),
        closed: flag("closed"),
        open: text("open"),
    }
}

/// One opening span, or the statement that the place is always open or closed.
///
/// Every field is written even when `None` (as `null`): see [`OperationalHours`] for why.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpeningHours {
    /// KSS `always_open`: open around the clock.
    pub always_open: Option<bool>,
    /// KSS `close`: closing time.
    pub close: Option<String>,
    /// KSS `closed`: closed all day.
    pub closed: Option<bool>,
    /// KSS `open`: opening time.
    pub open: Option<String>,
}

impl OpeningHours {
    /// Open from `open` to `close`, both `HH:MM`. A span over the whole day is KSS's
    /// `always_open`: carriers write it as `00:00`–`23:59` (PostNord's day "starts at 00:00 and
    /// ends at 23:59") or `00:00`–`24:00` (Bring's `0000-2400`), and a shopper should read
    /// "always open" for both, not two different closing times.
    pub fn span(open: &str, close: &str) -> OpeningHours {
        if open == "00:00" && (close == "23:59" || close == "24:00") {
            return OpeningHours {
                always_open: Some(true),
                ..OpeningHours::default()
            };
        }
        OpeningHours {
            open: Some(open.to_owned()),
            close: Some(close.to_owned()),
            ..OpeningHours::default()
        }
    }

    /// Closed all day.
    pub fn closed() -> OpeningHours {
        OpeningHours {
            closed: Some(true),
            ..OpeningHours::default()
        }
    }
}

/// KSS `overrides`: hours that replace the default ones on some days.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpeningHoursOverrides {
    /// KSS `date`: overrides for single dates, such as holidays.
    #[serde(default)]
    pub date: Vec<DateOverride>,
    /// KSS `weekday`: overrides for each day of the week.
    #[serde(default)]
    pub weekday: WeekdayHours,
}

/// An override for one date. The reference shows only `{ }` and no schema, so its content is
/// kept exactly as it came rather than guessed at.
pub type DateOverride = serde_json::Map<String, serde_json::Value>;

/// Opening hours for each day of the week; an empty list means no override for that day.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeekdayHours {
    /// Mondays.
    #[serde(default)]
    pub mon: Vec<OpeningHours>,
    /// Tuesdays.
    #[serde(default)]
    pub tue: Vec<OpeningHours>,
    /// Wednesdays.
    #[serde(default)]
    pub wed: Vec<OpeningHours>,
    /// Thursdays.
    #[serde(default)]
    pub thu: Vec<OpeningHours>,
    /// Fridays.
    #[serde(default)]
    pub fri: Vec<OpeningHours>,
    /// Saturdays.
    #[serde(default)]
    pub sat: Vec<OpeningHours>,
    /// Sundays.
    #[serde(default)]
    pub sun: Vec<OpeningHours>,
}
