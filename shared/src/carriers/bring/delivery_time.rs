//! Bring's `expectedDelivery` as a KSS `delivery_time`.
//!
//! - An `expectedDeliveryDate` is a calendar date in the recipient's country. It becomes
//!   `earliest` = `latest` = that date at noon local time: a date has no hour, and noon stays on
//!   the same date in every Nordic offset, so no reader can shift it to the day before.
//! - Its `timeSlots` (the predicted arrival window, eta-domestic.md) become `time_of_day`, and
//!   then `earliest`/`latest` are the window's ends rather than noon.
//! - `interval.utc_offset_in_seconds` is the recipient's offset on that date, so the date and
//!   window read in the recipient's wall-clock time on either side of daylight saving.
//! - Without a date, `workingDays` becomes `interval.earliest` = `interval.latest`, counted from
//!   now: Bring counts from the shipping date, so a parcel that waits for the next working day
//!   adds one (the best-practice guide's "2 days" for an order after cut-off).
//! - `cutoff` is today's cutoff instant while the order still makes it.
//! - A date for delivery to the address (home, mailbox, express) that falls on one of the
//!   recipient country's holidays moves to its next working day, window and all. Bring's
//!   "Holidays and Home Delivery" page: "There is no home delivery on bank holidays. It can also
//!   happen that Bring will not do home delivery on certain days during Christmas or Easter. The
//!   services will not take this into account. This must be handled by clients. End-users should
//!   not get delivery dates for holidays." Bring's lead times already skip official holidays, so
//!   in practice this moves dates off the eves ([`crate::calendar`] counts Christmas Eve, New
//!   Year's Eve and Midsummer Eve as days off). Only holidays move a date: a Saturday Bring
//!   gives is a Saturday it delivers on. Pickup-point dates are kept: the parcel waits at the
//!   point, and Bring's estimate is when it gets there.

use chrono::{DateTime, NaiveDate, NaiveTime, Offset, SecondsFormat, TimeZone, Utc};
use chrono_tz::Tz;

use super::shipping_date::ShippingPlan;
use super::wire::{BringDate, ClockTime, ExpectedDelivery, Text};
use crate::calendar::{holiday, next_working_day};
use crate::model::{DeliveryTime, Interval, ShippingType, TimeOfDay};
use crate::quote::Country;

/// The delivery time of the main promise; `None` when Bring gave neither a date nor a number of
/// working days. `shipping_type` says whether a date on a holiday moves (to the address) or is
/// kept (to a pickup point).
pub(super) fn delivery_time(
    expected: &ExpectedDelivery,
    recipient: Country,
    shipping_type: &ShippingType,
    plan: &ShippingPlan,
    now: DateTime<Utc>,
) -> Option<DeliveryTime> {
    let zone = recipient.time_zone();
    let dated = expected
        .expected_delivery_date
        .as_ref()
        .and_then(|date| on_date(date, recipient, shipping_type));
    let mut delivery_time = match dated {
        Some(delivery_time) => delivery_time,
        None => {
            let days = expected
                .working_days
                .as_ref()
                .and_then(Text::number::<u32>)?
                .checked_add(plan.days_before_shipping)?
                .to_string();
            DeliveryTime {
                interval: Some(Interval {
                    earliest: Some(days.clone()),
                    latest: Some(days),
                    utc_offset_in_seconds: Some(offset_seconds(&now.with_timezone(&zone))),
                }),
                ..DeliveryTime::default()
            }
        }
    };
    delivery_time.cutoff = plan.cutoff.map(|cutoff| rfc3339(&cutoff));
    Some(delivery_time)
}

/// The alternative delivery dates, each read like the main date; dates Bring repeats, or that
/// repeat the main promise (also once moved off a holiday), are left out.
pub(super) fn alternative_dates(
    expected: &ExpectedDelivery,
    recipient: Country,
    shipping_type: &ShippingType,
    main: Option<&DeliveryTime>,
) -> Vec<DeliveryTime> {
    let mut dates: Vec<DeliveryTime> = Vec::new();
    for alternative in &expected.alternative_delivery_dates {
        let Some(date) = alternative.expected_delivery_date.as_ref() else {
            continue;
        };
        let Some(delivery_time) = on_date(date, recipient, shipping_type) else {
            continue;
        };
        let repeats_main = main.is_some_and(|main| {
            main.earliest == delivery_time.earliest && main.latest == delivery_time.latest
        });
        if !repeats_main && !dates.contains(&delivery_time) {
            dates.push(delivery_time);
        }
    }
    dates
}

/// A delivery on `date` in `recipient`'s country, with its window when Bring predicts one; to
/// the address, on the next working day when `date` is a holiday there. `None` for a date that
/// does not exist.
fn on_date(
    date: &BringDate,
    recipient: Country,
    shipping_type: &ShippingType,
) -> Option<DeliveryTime> {
    let zone: Tz = recipient.time_zone();
    let mut day = NaiveDate::from_ymd_opt(
        date.year.number()?,
        date.month.number()?,
        date.day.number()?,
    )?;
    if *shipping_type == ShippingType::DeliveryAddress && holiday(recipient, day).is_some() {
        day = next_working_day(recipient, day);
    }
    let at = |time: NaiveTime| zone.from_local_datetime(&day.and_time(time)).earliest();
    let noon = at(NaiveTime::from_hms_opt(12, 0, 0)?)?;
    // Several slots are read as one window from the first start to the last end.
    let window = date
        .time_slots
        .iter()
        .filter_map(|slot| Some((clock(&slot.start_time)?, clock(&slot.end_time)?)))
        .reduce(|(start, end), (s, e)| (start.min(s), end.max(e)))
        .and_then(|(start, end)| Some((at(start)?, at(end)?)));
    let (earliest, latest) = window.unwrap_or((noon, noon));
    Some(DeliveryTime {
        earliest: Some(rfc3339(&earliest)),
        latest: Some(rfc3339(&latest)),
        cutoff: None,
        interval: Some(Interval {
            earliest: None,
            latest: None,
            utc_offset_in_seconds: Some(offset_seconds(&noon)),
        }),
        time_of_day: window.map(|(start, end)| TimeOfDay {
            earliest: rfc3339(&start),
            latest: rfc3339(&end),
        }),
    })
}

fn clock(time: &ClockTime) -> Option<NaiveTime> {
    let minute = match &time.minute {
        Some(minute) => minute.number()?,
        None => 0,
    };
    NaiveTime::from_hms_opt(time.hour.number()?, minute, 0)
}

fn rfc3339<Z: TimeZone>(instant: &DateTime<Z>) -> String
where
    Z::Offset: std::fmt::Display,
{
    instant.to_rfc3339_opts(SecondsFormat::Secs, false)
}

fn offset_seconds<Z: TimeZone>(instant: &DateTime<Z>) -> String {
    instant.offset().fix().local_minus_utc().to_string()
}
