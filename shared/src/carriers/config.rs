//! Fields every carrier's shop configuration has, read alike: the cutoff time of day, the
//! sender's country, and the shop's own prices for carriers without a price API (amounts, tax
//! rates, tables keyed by recipient country). Used as `#[serde(deserialize_with = …)]`; an error
//! says what was wrong with the value, and the configuration reader (`model::from_json`) adds the
//! field's path.

use std::collections::BTreeMap;

use chrono::NaiveTime;
use serde::Deserializer;

use crate::model::{checked_int, checked_optional_str, checked_str, MinorUnits, TaxRate};
use crate::quote::Country;

/// A time of day written exactly `HH:MM` (`"15:00"`), as a shop writes its cutoff.
pub(crate) fn clock_time<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<NaiveTime, D::Error> {
    checked_str(deserializer, |text: String| {
        parse_clock_time(&text)
            .ok_or_else(|| format!("`{text}` is not a time of day written HH:MM, such as `15:00`"))
    })
}

/// An optional `"HH:MM"`: absent or `null` is `None`, anything else as [`clock_time`].
pub(crate) fn optional_clock_time<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<NaiveTime>, D::Error> {
    checked_optional_str(deserializer, |text: Option<String>| match text {
        None => Ok(None),
        Some(text) => parse_clock_time(&text)
            .map(Some)
            .ok_or_else(|| format!("`{text}` is not a time of day written HH:MM, such as `21:00`")),
    })
}

/// One of the countries we ship from and to (`NO`, `SE`, `DK`, `FI`, in either case).
pub(crate) fn country<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Country, D::Error> {
    checked_str(deserializer, |code: String| {
        Country::from_code(&code).ok_or_else(|| not_a_country(&code))
    })
}

/// The complaint about a country code that is not one of ours, for keys read by hand.
pub(crate) fn not_a_country(code: &str) -> String {
    format!("`{code}` is not one of NO, SE, DK, FI")
}

/// A KSS `tax_rate`: hundredths of a percent, so at most 10000 (100 %). A shop that writes `25`
/// meaning 25 % gets 0.25 %, which no check can tell apart; `250000` at least is caught.
pub(crate) fn tax_rate<'de, D: Deserializer<'de>>(deserializer: D) -> Result<TaxRate, D::Error> {
    checked_int(deserializer, |rate: TaxRate| {
        if rate > 10_000 {
            return Err(format!(
                "tax_rate is in hundredths of a percent (2500 is 25 %), got {rate}"
            ));
        }
        Ok(rate)
    })
}

/// A price in minor units; never negative (a shipping price is charged, not paid out).
pub(crate) fn amount<'de, D: Deserializer<'de>>(deserializer: D) -> Result<MinorUnits, D::Error> {
    checked_int(deserializer, |amount: MinorUnits| {
        if amount < 0 {
            return Err(format!("must not be negative, got {amount}"));
        }
        Ok(amount)
    })
}

/// [`amount`] for an optional field (use with `#[serde(default)]`).
pub(crate) fn optional_amount<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<MinorUnits>, D::Error> {
    amount(deserializer).map(Some)
}

/// A table keyed by recipient country, re-keyed by the canonical code so that `se` and `SE` are
/// the same country; the complaint about a key that is not one of ours names the table (`field`).
pub(crate) fn by_country<T>(
    raw: BTreeMap<String, T>,
    field: &str,
) -> Result<BTreeMap<&'static str, T>, String> {
    crate::sort::map_of(
        raw.into_iter()
            .map(|(code, value)| match Country::from_code(&code) {
                Some(country) => Ok((country.code(), value)),
                None => Err(format!("{field}: {}", not_a_country(&code))),
            }),
    )
}

/// Exactly five characters: chrono alone also takes `7:5`, more likely a typo than 07:05.
fn parse_clock_time(text: &str) -> Option<NaiveTime> {
    let well_formed = text.len() == 5 && text.as_bytes().get(2) == Some(&b':');
    crate::date_text::parse_clock_time(text).filter(|_| well_formed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_times_are_exactly_hh_mm() {
        let time = |h, m| NaiveTime::from_hms_opt(h, m, 0);
        let cases = [
            ("15:00", time(15, 0)),
            ("07:05", time(7, 5)),
            ("00:00", time(0, 0)),
            ("23:59", time(23, 59)),
            ("7:5", None),
            ("7:05", None),
            ("07:5", None),
            ("24:00", None),
            ("15.00", None),
            ("3pm", None),
            ("15:00:00", None),
            ("", None),
            ("1ä:00", None),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_clock_time(text), expected, "{text:?}");
        }
    }
}
