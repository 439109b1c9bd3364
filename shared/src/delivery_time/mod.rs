//! The delivery-time sentence: KSS `delivery_time` + the current instant + a locale → the text a
//! shopper reads ("Delivered tomorrow, if ordered before 14:00"), or none.
//!
//! `rules.rs` decides *which* sentence (the rule book in `spec/delivery-time.md` of the shared
//! folder); `words.rs` writes it in a locale's words, which are data in `locale/*.json`. A new
//! locale is a JSON file and a [`Locale`] variant, not new logic.

mod rules;
mod words;

use chrono::{DateTime, FixedOffset};

use crate::error::Error;
use crate::locale::Locale;
use crate::model::DeliveryTime;

/// Renders the delivery-time sentence for `delivery_time` as seen at `now`, in the language of the
/// BCP 47 tag `locale` (unknown tags read English).
///
/// `now` carries the shopper's UTC offset: "today" is its calendar date, unless the carrier set
/// `interval.utc_offset_in_seconds`, which then wins for every date and time shown.
/// Returns `Ok(None)` when nothing is left to say (no dates, or only past ones), and an
/// [`Error`] naming the field when one cannot be read.
pub fn render_delivery_time(
    delivery_time: &DeliveryTime,
    now: DateTime<FixedOffset>,
    locale: &str,
) -> Result<Option<String>, Error> {
    let sentence = rules::sentence(delivery_time, now)?;
    Ok(sentence.map(|s| words::write(&s, words::for_locale(Locale::from_tag(locale)))))
}
