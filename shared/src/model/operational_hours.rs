//! `OperationalHours`: when a pickup place is open.

use serde::{Deserialize, Serialize};

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
