//! Bring's `expectedDelivery` as a KSS `delivery_time`.
//!
//! - An `expectedDeliveryDate` is a calendar date in the recipient's country. It becomes
//!   `earliest` = `latest` = that date at noon local time: a date has no hour, and noon stays on
//!   the same date in every Nordic offset, so no reader can shift it to the day before. When
//!   Bring gives the date's optional `hour` (and `minute`, else 0), that time is the instant
//!   instead of noon; the sentence still names the date only (a clock time is said only for a
//!   window), and the offset is the instant's own, so it reads on that date too.
//! - Its `timeSlots` (the predicted arrival window, eta-domestic.md) become `time_of_day`, and
//!   then `earliest`/`latest` are the window's ends rather than noon.
//! - What does not read costs only itself, and is named in `unread` for a warning: a time slot
//!   (the window is the other slots', else none), an hour and minute (noon), a date (left out,
//!   so the working days are used, as for a date that does not exist).
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
use super::wire::{BringDate, ExpectedDelivery, Lenient, Text};
use crate::calendar::{holiday, next_working_day};
use crate::model::{DeliveryTime, Interval, ShippingType, TimeOfDay};
use crate::quote::Country;

/// The delivery time of the main promise; `None` when Bring gave neither a date nor a number of
/// working days. `shipping_type` says whether a date on a holiday moves (to the address) or is
/// kept (to a pickup point). A part that does not read is left out and named in `unread`.
pub(super) fn delivery_time(
    expected: &ExpectedDelivery,
    recipient: Country,
    shipping_type: &ShippingType,
    plan: &ShippingPlan,
    now: DateTime<Utc>,
    unread: &mut Vec<String>,
) -> Option<DeliveryTime> {
    let zone = recipient.time_zone();
    let dated = expected.expected_delivery_date.as_ref().and_then(|date| {
        let path = "expectedDelivery.expectedDeliveryDate";
        on_date(date, path, recipient, shipping_type, unread)
    });
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
/// repeat the main promise (also once moved off a holiday), are left out, and so are those that
/// do not read (named in `unread`).
pub(super) fn alternative_dates(
    expected: &ExpectedDelivery,
    recipient: Country,
    shipping_type: &ShippingType,
    main: Option<&DeliveryTime>,
    unread: &mut Vec<String>,
) -> Vec<DeliveryTime> {
    let mut dates: Vec<DeliveryTime> = Vec::new();
    for (index, alternative) in expected.alternative_delivery_dates.iter().enumerate() {
        let Some(date) = alternative.expected_delivery_date.as_ref() else {
            continue;
        };
        let path =
            format!("expectedDelivery.alternativeDeliveryDates[{index}].expectedDeliveryDate");
        let Some(delivery_time) = on_date(date, &path, recipient, shipping_type, unread) else {
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

/// A delivery on `date` (at `path` in the product) in `recipient`'s country; `None`, named in
/// `unread`, for a date that does not read or does not exist.
fn on_date(
    date: &Lenient<BringDate>,
    path: &str,
    recipient: Country,
    shipping_type: &ShippingType,
    unread: &mut Vec<String>,
) -> Option<DeliveryTime> {
    let read = match date {
        Lenient::Read(date) => on_read_date(date, path, recipient, shipping_type, unread),
        Lenient::Unreadable => None,
    };
    if read.is_none() {
        unread.push(format!("{path} does not read; it is left out"));
    }
    read
}

/// A delivery on `date`, at its hour or noon, with its window when Bring predicts one; to the
/// address, on the next working day when `date` is a holiday there.
fn on_read_date(
    date: &BringDate,
    path: &str,
    recipient: Country,
    shipping_type: &ShippingType,
    unread: &mut Vec<String>,
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
    let mut window: Option<(NaiveTime, NaiveTime)> = None;
    for (index, slot) in date.time_slots.iter().enumerate() {
        let times = match slot {
            Lenient::Read(slot) => clock(&slot.start_time.hour, slot.start_time.minute.as_ref())
                .zip(clock(&slot.end_time.hour, slot.end_time.minute.as_ref())),
            Lenient::Unreadable => None,
        };
        match (times, window) {
            (Some((s, e)), Some((start, end))) => window = Some((start.min(s), end.max(e))),
            (Some(times), None) => window = Some(times),
            (None, _) => unread.push(format!(
                "{path}.timeSlots[{index}] does not read; it is left out"
            )),
        }
    }
    let window = window.and_then(|(start, end)| Some((at(start)?, at(end)?)));
    // The window is read in the offset at noon, as always; a time alone in its own offset, so
    // that it reads on its date even at midnight on the day clocks go back.
    let (earliest, latest, offset_at) = match window {
        Some((start, end)) => (start, end, noon),
        None => {
            let instant = given_time(date, path, unread).and_then(at).unwrap_or(noon);
            (instant, instant, instant)
        }
    };
    Some(DeliveryTime {
        earliest: Some(rfc3339(&earliest)),
        latest: Some(rfc3339(&latest)),
        cutoff: None,
        interval: Some(Interval {
            earliest: None,
            latest: None,
            utc_offset_in_seconds: Some(offset_seconds(&offset_at)),
        }),
        time_of_day: window.map(|(start, end)| TimeOfDay {
            earliest: rfc3339(&start),
            latest: rfc3339(&end),
        }),
    })
}

/// The date's own `hour` and `minute`, when Bring gives them; an empty hour is none, as Bring
/// writes a value it does not have, and one that does not read is named in `unread`.
fn given_time(date: &BringDate, path: &str, unread: &mut Vec<String>) -> Option<NaiveTime> {
    let hour = date
        .hour
        .as_ref()
        .filter(|hour| !hour.as_str().is_empty())?;
    let time = clock(hour, date.minute.as_ref());
    if time.is_none() {
        unread.push(format!(
            "{path}.hour and minute do not read; the date is kept at noon"
        ));
    }
    time
}

/// Bring's `{"hour": "17", "minute": "0"}`; a missing minute is 0.
fn clock(hour: &Text, minute: Option<&Text>) -> Option<NaiveTime> {
    let minute = match minute {
        Some(minute) => minute.number()?,
        None => 0,
    };
    NaiveTime::from_hms_opt(hour.number()?, minute, 0)
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
