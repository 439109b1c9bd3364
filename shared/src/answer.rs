//! The answer of `POST /v1/delivery-options`, assembled from what each carrier gave.
//!
//! The edge asks every carrier in parallel and hands the outcomes here, one [`CarrierResult`] per
//! carrier: a fresh answer, a failure covered by the carrier's last good answer, or a failure.
//! [`assemble`] merges them into the one list a shopper sees and the warnings a shop sees:
//!
//! 1. Options and warnings in the order the carriers are given (each carrier's own order kept).
//! 2. When no carrier yields an option, the shop's fallback options for the recipient's country,
//!    with a `fallback` warning: a checkout is never blank while a fallback is configured.
//! 3. `free_above`: an option costs nothing when the order value reaches it
//!    ([`ShippingOption::price_for`]).
//! 4. `delivery_time_text`: the delivery-time sentence in the quote's locale, as a shopper in the
//!    recipient's country reads the clock at `now`.
//! 5. Sorted by [`shopper_order`]: cheapest first, then soonest delivered.
//! 6. Badges: the fastest, the cheapest and the greenest option, each on at most one
//!    (`crate::badges`).
//!
//! The sentences of the warnings the edge adds (deadline, unreachable, not configured, stale) are
//! here too, so they read the same wherever they are produced, and are tested.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use chrono::{DateTime, Days, FixedOffset, Utc};
use serde::Serialize;

use crate::badges;
use crate::carriers::{CarrierAnswer, Warning, WarningCode};
use crate::error::Error;
use crate::model::{from_json, ShippingOption};
use crate::quote::{Country, Quote};
use crate::render_delivery_time;

/// The carrier name on the warning that says the fallback options are shown: they are the
/// shop's own, not a carrier's.
pub const FALLBACK_CARRIER: &str = "shop";

/// The body of a `200` answer: `{"options": [...], "warnings": [...]}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Answer {
    pub options: Vec<ShippingOption>,
    pub warnings: Vec<Warning>,
}

/// What one carrier's call came to.
#[derive(Debug, Clone, PartialEq)]
pub enum CarrierResult {
    /// The carrier answered in time (its answer may carry warnings about single services).
    Fresh(CarrierAnswer),
    /// The carrier failed; its last good options for the same quote stand in. `failure` is the
    /// warning the failure alone would have given.
    Stale {
        carrier: String,
        options: Vec<ShippingOption>,
        failure: Warning,
    },
    /// The carrier failed and nothing stands in.
    Failed(Warning),
}

/// The shop's fallback options per recipient country (wrangler `[vars]` `FALLBACK_OPTIONS`):
/// shown, with a `fallback` warning, when no carrier yields an option.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FallbackOptions(BTreeMap<&'static str, Vec<ShippingOption>>);

impl FallbackOptions {
    /// Reads `{"NO": [ShippingOption, ...], "SE": [...]}`; the error names the path of the first
    /// bad field (`NO[0].price`) or the country key that is not one of ours.
    pub fn from_json(json: &str) -> Result<FallbackOptions, Error> {
        let raw: BTreeMap<String, Vec<ShippingOption>> = from_json(json)?;
        crate::sort::map_of(raw.into_iter().map(|(code, options)| {
            match Country::from_code(&code) {
                Some(country) => Ok((country.code(), options)),
                None => Err(Error::Invalid {
                    field: code,
                    problem: "is not one of NO, SE, DK, FI".to_owned(),
                }),
            }
        }))
        .map(FallbackOptions)
    }

    /// The fallback options for `country`; empty when none are configured.
    pub fn for_country(&self, country: Country) -> &[ShippingOption] {
        self.0.get(country.code()).map_or(&[], Vec::as_slice)
    }
}

/// Merges the carriers' results into the answer for `quote` at `now` (see the module docs for
/// the steps). `fallback` is the shop's fallback options for the recipient's country.
pub fn assemble(
    results: Vec<CarrierResult>,
    quote: &Quote,
    now: DateTime<Utc>,
    fallback: &[ShippingOption],
) -> Answer {
    let mut answer = Answer::default();
    for result in results {
        match result {
            CarrierResult::Fresh(carrier) => {
                answer.options.extend(carrier.options);
                answer.warnings.extend(carrier.warnings);
            }
            CarrierResult::Stale {
                carrier,
                options,
                failure,
            } => {
                answer.options.extend(options);
                answer.warnings.push(stale_warning(&carrier, &failure));
            }
            CarrierResult::Failed(warning) => answer.warnings.push(warning),
        }
    }
    if answer.options.is_empty() && !fallback.is_empty() {
        answer.options = fallback.to_vec();
        answer
            .warnings
            .push(fallback_warning(quote.recipient.country));
    }
    let local_now = quote.recipient.country.local_time(&now);
    for option in &mut answer.options {
        option.price = option.price_for(Some(quote.order_value), None);
        // An instant a carrier wrote that cannot be read leaves the option without a sentence
        // rather than without the option: the shopper can still choose it.
        option.delivery_time_text = option.delivery_time.as_ref().and_then(|delivery_time| {
            render_delivery_time(delivery_time, local_now, quote.locale.tag())
                .ok()
                .flatten()
        });
    }
    crate::sort::sort_by(&mut answer.options, |a, b| shopper_order(a, b, local_now));
    let awards = badges::award(
        &answer.options,
        quote.currency,
        quote.order_value,
        local_now,
    );
    badges::apply(&mut answer.options, awards);
    answer
}

/// The order options are shown in: cheapest first, then soonest delivered, then as the carriers
/// gave them (the sort is stable, and each carrier orders its own services).
///
/// Why price first: it is what a shopper compares first, and what shops and the carriers'
/// checkout guides lead with; speed decides between equal prices. Grouping (home, pickup,
/// locker, mailbox) is left to the widget, which shows the `group` headings in this order. An
/// option without a readable delivery time goes after those with one at the same price.
/// Prices are compared as minor units whatever their currency: options in one answer share
/// the quote's currency, except a carrier that prices in the sender's currency cross-border.
pub fn shopper_order(
    a: &ShippingOption,
    b: &ShippingOption,
    now: DateTime<FixedOffset>,
) -> Ordering {
    a.price.cmp(&b.price).then_with(|| {
        match (earliest_delivery(a, now), earliest_delivery(b, now)) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        }
    })
}

/// The soonest instant an option can arrive: its `earliest` (else `latest`) instant, else `now`
/// plus its interval's earliest (else latest) number of days.
pub(crate) fn earliest_delivery(
    option: &ShippingOption,
    now: DateTime<FixedOffset>,
) -> Option<DateTime<Utc>> {
    let delivery_time = option.delivery_time.as_ref()?;
    let instant = delivery_time
        .earliest
        .as_deref()
        .or(delivery_time.latest.as_deref())
        .and_then(|text| DateTime::parse_from_rfc3339(text).ok());
    if let Some(instant) = instant {
        return Some(instant.with_timezone(&Utc));
    }
    let interval = delivery_time.interval.as_ref()?;
    let days: u64 = interval
        .earliest
        .as_deref()
        .or(interval.latest.as_deref())?
        .trim()
        .parse()
        .ok()?;
    now.checked_add_days(Days::new(days))
        .map(|instant| instant.with_timezone(&Utc))
}

/// A text that identifies `quote` as the carriers see it, for cache and coalescing keys: equal
/// for two requests that get the same answer (they differ at most in ignored fields, case of
/// codes, Swedish postal-code spacing or the spelling of a locale tag).
pub fn normalized_quote(quote: &Quote) -> String {
    let recipient = &quote.recipient;
    let parcels: Vec<String> = quote
        .parcels
        .iter()
        .map(|p| {
            let dimension = |d: Option<u32>| d.map_or_else(String::new, |d| d.to_string());
            format!(
                "{}g{}x{}x{}",
                p.weight_grams,
                dimension(p.length_cm),
                dimension(p.width_cm),
                dimension(p.height_cm)
            )
        })
        .collect();
    // JSON for the free texts, so that no street name can imitate a field separator.
    crate::model::json_text(&serde_json::json!([
        "v1",
        recipient.country.code(),
        recipient.postal_code,
        recipient.street_address,
        recipient.city,
        parcels,
        quote.order_value,
        quote.currency.to_string(),
        quote.locale.tag(),
    ]))
}

/// The carrier did not answer within the deadline of `deadline_ms` milliseconds.
pub fn timeout_warning(carrier: &str, deadline_ms: u32) -> Warning {
    warning(
        carrier,
        WarningCode::Timeout,
        format!("{carrier} did not answer within {deadline_ms} ms"),
    )
}

/// The carrier could not be reached at all (connection refused, DNS, TLS).
pub fn unreachable_warning(carrier: &str) -> Warning {
    warning(
        carrier,
        WarningCode::Unavailable,
        format!("{carrier} could not be reached"),
    )
}

/// The shop offers `carrier`, but the secret `secret` it needs is not set: an operator must set
/// it (`wrangler secret put`). Coded `unauthorized`, like a refused credential, because the fix
/// is the same.
pub fn not_configured_warning(carrier: &str, secret: &str) -> Warning {
    warning(
        carrier,
        WarningCode::Unauthorized,
        format!("{carrier} is not configured: secret {secret} is missing"),
    )
}

/// The carrier's last good options stand in for a failed call; the message says why.
pub fn stale_warning(carrier: &str, failure: &Warning) -> Warning {
    warning(
        carrier,
        WarningCode::Stale,
        format!(
            "{}; showing {carrier}'s last good answer for the same question",
            failure.message
        ),
    )
}

/// No carrier yielded an option; the shop's fallback options are shown.
pub fn fallback_warning(country: Country) -> Warning {
    warning(
        FALLBACK_CARRIER,
        WarningCode::Fallback,
        format!(
            "no carrier answered with options; showing the shop's fallback options for {}",
            country.code()
        ),
    )
}

/// A failure of one part of a carrier's answer (Bring's pickup points, PostNord's service
/// points) that cost only that part: the same code, the message saying which part and what the
/// options lack because of it.
pub fn part_warning(failure: Warning, part: &str, consequence: &str) -> Warning {
    Warning {
        message: format!("{part}: {}; {consequence}", failure.message),
        ..failure
    }
}

fn warning(carrier: &str, code: WarningCode, message: String) -> Warning {
    Warning {
        carrier: carrier.to_owned(),
        code,
        message,
    }
}
