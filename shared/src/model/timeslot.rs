//! `Timeslot`: a delivery window the shopper can choose.

use serde::{Deserialize, Serialize};

use super::MinorUnits;

/// KSS `timeslots[]` of an option, and the chosen one in `selected_shipping_option.timeslot`.
/// Instants are RFC 3339 strings, kept as sent so they round-trip exactly. `id`, `start` and
/// `end` are required: a window without them cannot be shown or booked.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timeslot {
    /// KSS `id`: the integrator's identifier of the window.
    pub id: String,
    /// KSS `start` of the window.
    pub start: String,
    /// KSS `end` of the window.
    pub end: String,
    /// KSS `cutoff`: order before this instant to get the window.
    pub cutoff: Option<String>,
    /// KSS `price` of the window, on top of the option's.
    pub price: Option<MinorUnits>,
}
