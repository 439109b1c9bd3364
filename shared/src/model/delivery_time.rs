//! `delivery_time`: when an option arrives, in the KSS shape.

use serde::{Deserialize, Serialize};

/// When a shipping option is delivered (KSS `delivery_time`). Every part is optional; see
/// `spec/delivery-time.md` for which combination reads how.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryTime {
    /// Earliest delivery instant, RFC 3339.
    pub earliest: Option<String>,
    /// Latest delivery instant, RFC 3339.
    pub latest: Option<String>,
    /// The instant before which the order must be placed for this promise to hold, RFC 3339.
    pub cutoff: Option<String>,
    /// Delivery as a number of business days from now.
    pub interval: Option<Interval>,
    /// The window within the delivery day.
    pub time_of_day: Option<TimeOfDay>,
}

/// Business days until delivery (KSS sends the numbers as strings of digits).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interval {
    pub earliest: Option<String>,
    pub latest: Option<String>,
    /// The offset in which the carrier means its dates and times, in seconds east of UTC.
    pub utc_offset_in_seconds: Option<String>,
}

/// The delivery window within a day, as two RFC 3339 instants. Only their clock times are shown,
/// converted into the display offset like every other instant (spec rule 1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeOfDay {
    pub earliest: String,
    pub latest: String,
}
