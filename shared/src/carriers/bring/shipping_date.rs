//! When the shop hands the parcel to Bring: the `shippingDate` of the request, and the cutoff a
//! shopper can still beat.
//!
//! Bring computes lead time from the moment the parcel reaches its terminal and never moves a
//! given shipping date past a weekend or holiday ("Holidays, weekends and lead time", Shipping
//! Guide docs), and Bring's best-practice guide asks the shop to move the date to the next day for
//! orders placed after its cut-off (implement-estimated-delivery.html). So the shop's calendar is
//! ours to apply: working days are those of the sender's country in [`crate::calendar`], Monday
//! to Friday less its public holidays and the eves on which carriers do not work (Christmas Eve,
//! New Year's Eve, Midsummer Eve; the calendar's docs say why those count).

use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone, Utc};

use super::config::BringConfig;
use crate::calendar::{is_working_day, next_working_day};

/// When an order placed at `now` leaves the shop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct ShippingPlan {
    /// The shipping date and time in the sender's local time, as Bring's `shippingDate` takes it.
    pub shipping: NaiveDateTime,
    /// Today's cutoff instant, when the order still makes it; `None` once it is missed.
    pub cutoff: Option<DateTime<FixedOffset>>,
    /// Working days the shop adds before Bring's lead time starts: 0 when the parcel goes today,
    /// 1 when it waits for the next working day.
    pub days_before_shipping: u32,
}

/// Applies the sender's calendar to `now`.
///
/// The shipping date is when the parcel is handed to Bring, never the moment of asking: Bring's
/// best-practice guide warns that the query time "will be an overly optimistic ETA". An order
/// before the cutoff on a working day is handed over today, any other on the next working day,
/// both at the shop's `handover` time (Bring's pickup), else at the cutoff, when the parcel is
/// ready at the latest; that also keeps Bring from assuming a parcel at the terminal at midnight.
pub(super) fn shipping_plan(config: &BringConfig, now: DateTime<Utc>) -> ShippingPlan {
    let zone = config.from_country.time_zone();
    let local = now.with_timezone(&zone).naive_local();
    let today = local.date();
    let country = config.from_country;
    let handover = config.handover.unwrap_or(config.cutoff);
    if is_working_day(country, today) && local.time() < config.cutoff {
        return ShippingPlan {
            shipping: today.and_time(handover),
            cutoff: zone
                .from_local_datetime(&today.and_time(config.cutoff))
                .earliest()
                .map(|cutoff| cutoff.fixed_offset()),
            days_before_shipping: 0,
        };
    }
    ShippingPlan {
        shipping: next_working_day(country, today).and_time(handover),
        cutoff: None,
        days_before_shipping: 1,
    }
}
