//! The delivery-time sentence: KSS `delivery_time` + the current instant + a locale → the text a
//! shopper reads ("Delivered tomorrow, if ordered before 14:00"), or none.
//!
//! `rules.rs` decides *which* sentence (the rule book in `spec/delivery-time.md` of the shared
//! folder); `words.rs` writes it in a locale's words, which are data in `locale/*.json`. A new
//! locale is a JSON file and a [`Locale`] variant, not new logic.

mod rules;
mod words;

use chrono::{DateTime, FixedOffset};

use crate::locale::Locale;
use crate::model::DeliveryTime;

/// Renders the delivery-time sentence for `delivery_time` as seen at `now`, in the language of the
/// BCP 47 tag `locale` (unknown tags read English).
///
/// `now` carries the shopper's UTC offset: "today" is its calendar date, unless the carrier set
/// `interval.utc_offset_in_seconds`, which then wins for every date and time shown.
/// Returns `Ok(None)` when nothing is left to say (no dates, or only past ones).
pub fn render_delivery_time(
    delivery_time: &DeliveryTime,
    now: DateTime<FixedOffset>,
    locale: &str,
) -> Result<Option<String>, DeliveryTimeError> {
    let sentence = rules::sentence(delivery_time, now)?;
    Ok(sentence.map(|s| words::write(&s, words::for_locale(Locale::from_tag(locale)))))
}

/// Why a `delivery_time` could not be read. Each names the field, so a carrier mapping bug is
/// found from the message alone.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DeliveryTimeError {
    #[error("delivery_time.{field}: {value:?} is not an RFC 3339 instant")]
    Instant { field: &'static str, value: String },
    #[error("delivery_time.{field}: {value:?} is not a whole number of days")]
    Days { field: &'static str, value: String },
    #[error("delivery_time.interval.utc_offset_in_seconds: {value:?} is not a UTC offset in seconds (within ±24 hours)")]
    Offset { value: String },
}
