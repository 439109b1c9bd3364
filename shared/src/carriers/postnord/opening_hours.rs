//! Opening hours of a service point or locker into KSS `operational_hours`, for both PostNord
//! shapes (Delivery Options `openingHours.regular`, Service Points `postalServices`).

use serde_json::Value;

use crate::model::{
    DateOverride, OpeningHours, OpeningHoursOverrides, OperationalHours, WeekdayHours,
};

/// The hours of each weekday, Monday first; `None` where PostNord said nothing about the day
/// (unknown, which is not the same as closed).
pub(super) type Week = [Option<Vec<OpeningHours>>; 7];

/// A week, and hours on single dates, as KSS `operational_hours`; `None` when nothing is known.
///
/// KSS has a `default` list and per-weekday overrides. When all seven days are known and alike,
/// they are the `default`; otherwise every known day is its own weekday entry and `default`
/// stays empty, so that no day is claimed to follow hours PostNord never gave for it (the spec's
/// own examples list Monday only).
pub(super) fn operational_hours(week: Week, dates: Vec<DateOverride>) -> Option<OperationalHours> {
    if week.iter().all(Option::is_none) && dates.is_empty() {
        return None;
    }
    let first = week[0].clone();
    let uniform = first.is_some() && week.iter().all(|day| *day == first);
    let (default, week) = match (uniform, first) {
        (true, Some(hours)) => (hours, Week::default()),
        _ => (Vec::new(), week),
    };
    let [mon, tue, wed, thu, fri, sat, sun] = week.map(Option::unwrap_or_default);
    let weekday = WeekdayHours {
        mon,
        tue,
        wed,
        thu,
        fri,
        sat,
        sun,
    };
    let overrides = (weekday != WeekdayHours::default() || !dates.is_empty()).then_some(
        OpeningHoursOverrides {
            date: dates,
            weekday,
        },
    );
    Some(OperationalHours { default, overrides })
}

/// Open from `open` to `close` (`HH:mm`); a whole day is KSS's `always_open`
/// ([`OpeningHours::span`]).
pub(super) fn span(open: &str, close: &str) -> OpeningHours {
    OpeningHours::span(open, close)
}

/// Closed all day.
pub(super) fn closed() -> OpeningHours {
    OpeningHours::closed()
}

/// One KSS `overrides.date` entry. KSS documents no shape for it (its example is `{ }`), so ours
/// mirrors a weekday entry: `{"date": "YYYY-MM-DD", "reason"?: "…", "hours": [opening hours]}`.
pub(super) fn date_override(
    date: &str,
    reason: Option<&str>,
    hours: &[OpeningHours],
) -> DateOverride {
    let mut entry = DateOverride::new();
    entry.insert("date".to_owned(), Value::from(date));
    if let Some(reason) = reason {
        entry.insert("reason".to_owned(), Value::from(reason));
    }
    // Plain strings and booleans always serialize; `Null` only keeps the function total.
    let hours = serde_json::to_value(hours).unwrap_or(Value::Null);
    entry.insert("hours".to_owned(), hours);
    entry
}
