//! Badges: which option of an answer is the fastest, the cheapest and the most climate-friendly,
//! as the commercial checkouts mark them.
//!
//! [`award`] decides over the options of one answer, in the answer's order, and nothing else:
//! the widget shows the badges as sent (in its own words), so every surface that shows them
//! agrees. The rules, per kind:
//!
//! - **fastest**: the earliest delivery instant (`delivery_time`'s `earliest`, else `latest`,
//!   else now plus its interval's days: the instant `answer::shopper_order` sorts by);
//! - **cheapest**: the lowest price after `free_above` (an option whose `free_above` the order
//!   value reaches costs nothing), among options in the answer's currency;
//! - **greenest**: the largest fossil-free share of the delivery, as the carrier states it
//!   (`environmental.fossil_free_share`; a stated share of 0 counts, no statement does not).
//!
//! An option that lacks what a kind is measured by is not compared for it. A kind is awarded only
//! when it tells options apart: at least two options are compared and the best is strictly better
//! than one of them (all free, or all fossil-free, earns no one a badge). Ties for the best go to
//! the one first in the answer's order (`answer::shopper_order`: cheapest, then soonest), so the
//! result never depends on anything but the answer. Each kind goes to at most one option; one
//! option may earn several.

use std::cmp::Ordering;

use chrono::{DateTime, FixedOffset};

use crate::answer::earliest_delivery;
use crate::model::{Badge, Currency, MinorUnits, ShippingOption};

/// Which option (by index into the options given) earns each kind of badge, if any.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Awards {
    pub fastest: Option<usize>,
    pub cheapest: Option<usize>,
    pub greenest: Option<usize>,
}

/// The badges of `options` (in the answer's order) for a quote in `currency` with an order of
/// `order_value`, as a shopper's clock reads `now` (for delivery times given in days).
pub fn award(
    options: &[ShippingOption],
    currency: Currency,
    order_value: MinorUnits,
    now: DateTime<FixedOffset>,
) -> Awards {
    Awards {
        fastest: best(
            options,
            |option| earliest_delivery(option, now),
            |a, b| b.cmp(a),
        ),
        cheapest: best(
            options,
            |option| {
                let same_currency = option.currency.is_none_or(|own| own == currency);
                same_currency.then(|| option.price_for(Some(order_value), None))
            },
            |a, b| b.cmp(a),
        ),
        greenest: best(
            options,
            |option| {
                let share = option.environmental.as_ref()?.fossil_free_share?;
                (0.0..=1.0).contains(&share).then_some(share)
            },
            |a, b| a.total_cmp(b),
        ),
    }
}

/// Sets each option's `badges` to what [`award`] gives it (and clears any it came with: a
/// badge is never the carrier's or the shop's to set).
pub fn apply(options: &mut [ShippingOption], awards: Awards) {
    for option in options.iter_mut() {
        option.badges.clear();
    }
    let kinds = [
        (awards.fastest, Badge::Fastest),
        (awards.cheapest, Badge::Cheapest),
        (awards.greenest, Badge::Greenest),
    ];
    for (index, badge) in kinds {
        if let Some(option) = index.and_then(|index| options.get_mut(index)) {
            option.badges.push(badge);
        }
    }
}

/// The index of the option whose `measure` is best by `better` (`Greater` means the first
/// argument is better), the first of equals; `None` unless at least two options are measured and
/// the best beats at least one of them.
fn best<T: Copy>(
    options: &[ShippingOption],
    measure: impl Fn(&ShippingOption) -> Option<T>,
    better: impl Fn(&T, &T) -> Ordering,
) -> Option<usize> {
    let measured: Vec<(usize, T)> = options
        .iter()
        .enumerate()
        .filter_map(|(index, option)| measure(option).map(|value| (index, value)))
        .collect();
    let (first, rest) = measured.split_first()?;
    let mut winner = *first;
    for candidate in rest {
        if better(&candidate.1, &winner.1) == Ordering::Greater {
            winner = *candidate;
        }
    }
    let distinguishes = measured
        .iter()
        .any(|(_, value)| better(&winner.1, value) == Ordering::Greater);
    distinguishes.then_some(winner.0)
}
