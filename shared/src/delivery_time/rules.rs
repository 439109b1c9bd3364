//! Which sentence a `delivery_time` reads as: the rules of `spec/delivery-time.md`, as data.
//!
//! The output is a [`Sentence`] with calendar days already classified as today/tomorrow/a date
//! in the display offset, so the words layer needs no clock or calendar knowledge of its own.

use chrono::{DateTime, Days, FixedOffset, NaiveDate, NaiveTime};

use crate::error::Error;
use crate::model::DeliveryTime;

/// A delivery promise, ready to be put into words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Sentence {
    pub promise: Promise,
    /// The delivery window within the day (`time_of_day`), in the display offset.
    pub window: Option<(NaiveTime, NaiveTime)>,
    /// Order-before time (`cutoff`), in the display offset; absent once passed.
    pub cutoff: Option<NaiveTime>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Promise {
    /// Absolute forms (rule 4).
    On(Day),
    Between(Day, Day),
    AtEarliest(Day),
    NoLaterThan(Day),
    /// Interval forms in business days (rule 5).
    InRange(u32, u32),
    InExactly(u32),
    After(u32),
    Within(u32),
}

impl Promise {
    pub fn is_interval(self) -> bool {
        matches!(
            self,
            Promise::InRange(..) | Promise::InExactly(_) | Promise::After(_) | Promise::Within(_)
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Day {
    Today,
    Tomorrow,
    Date(NaiveDate),
}

/// Applies rules 1–5. Every present field is parsed (so bad input is an error even where a rule
/// would not use it); `Ok(None)` means there is nothing to say.
pub(crate) fn sentence(
    dt: &DeliveryTime,
    now: DateTime<FixedOffset>,
) -> Result<Option<Sentence>, Error> {
    let interval = dt.interval.as_ref();
    // Rule 1: the carrier's offset wins over the viewer's for every date and time shown.
    let offset = match interval.and_then(|i| i.utc_offset_in_seconds.as_deref()) {
        Some(value) => parse_offset(value)?,
        None => *now.offset(),
    };
    let today = now.with_timezone(&offset).date_naive();
    let local = |instant: DateTime<FixedOffset>| instant.with_timezone(&offset);

    let mut earliest = instant("earliest", dt.earliest.as_deref())?;
    let latest = instant("latest", dt.latest.as_deref())?;
    let cutoff = instant("cutoff", dt.cutoff.as_deref())?;
    let window = match &dt.time_of_day {
        Some(tod) => Some((
            local(required_instant("time_of_day.earliest", &tod.earliest)?).time(),
            local(required_instant("time_of_day.latest", &tod.latest)?).time(),
        )),
        None => None,
    };
    let mut days_earliest = days(
        "interval.earliest",
        interval.and_then(|i| i.earliest.as_deref()),
    )?;
    let days_latest = days(
        "interval.latest",
        interval.and_then(|i| i.latest.as_deref()),
    )?;

    // Rule 2: the past is ignored, and a contradictory lower bound yields to the upper one.
    let not_past = |i: Option<DateTime<FixedOffset>>| i.filter(|i| local(*i).date_naive() >= today);
    earliest = not_past(earliest);
    let latest = not_past(latest);
    let cutoff = cutoff.filter(|c| *c >= now).map(|c| local(c).time());
    if let (Some(e), Some(l)) = (earliest, latest) {
        if e > l {
            earliest = None;
        }
    }
    if let (Some(e), Some(l)) = (days_earliest, days_latest) {
        if e > l {
            days_earliest = None;
        }
    }

    // Rule 3: absolute dates win over business-day intervals.
    let earliest = earliest.map(|e| local(e).date_naive());
    let latest = latest.map(|l| local(l).date_naive());
    let promise = match absolute(earliest, latest, today) {
        Some(promise) => tomorrow_with_cutoff(promise, cutoff.is_some() && window.is_none()),
        None => match interval_promise(days_earliest, days_latest) {
            Some(promise) => promise,
            None => return Ok(None),
        },
    };
    Ok(Some(Sentence {
        promise,
        window,
        cutoff,
    }))
}

/// Rule 4, on calendar dates in the display offset.
fn absolute(
    earliest: Option<NaiveDate>,
    latest: Option<NaiveDate>,
    today: NaiveDate,
) -> Option<Promise> {
    let day = |date: NaiveDate| {
        if date == today {
            Day::Today
        } else if Some(date) == today.checked_add_days(Days::new(1)) {
            Day::Tomorrow
        } else {
            Day::Date(date)
        }
    };
    // "Today at the earliest, but maybe later" says nothing the latest date does not.
    let earliest = earliest.filter(|e| !(*e == today && latest.is_some_and(|l| l > today)));
    Some(match (earliest, latest) {
        (Some(e), Some(l)) if e == l => Promise::On(day(e)),
        (Some(e), Some(l)) => Promise::Between(day(e), day(l)),
        (Some(e), None) => Promise::AtEarliest(day(e)),
        (None, Some(l)) if l == today => Promise::On(Day::Today),
        (None, Some(l)) => Promise::NoLaterThan(day(l)),
        (None, None) => return None,
    })
}

/// A one-sided "tomorrow" with a cutoff and no time window is a firm promise: order before the
/// cutoff and it arrives tomorrow.
fn tomorrow_with_cutoff(promise: Promise, applies: bool) -> Promise {
    match promise {
        Promise::AtEarliest(Day::Tomorrow) | Promise::NoLaterThan(Day::Tomorrow) if applies => {
            Promise::On(Day::Tomorrow)
        }
        other => other,
    }
}

/// Rule 5.
fn interval_promise(earliest: Option<u32>, latest: Option<u32>) -> Option<Promise> {
    Some(match (earliest, latest) {
        (Some(a), Some(b)) if a == b => Promise::InExactly(a),
        (Some(a), Some(b)) => Promise::InRange(a, b),
        (Some(a), None) => Promise::After(a),
        (None, Some(b)) => Promise::Within(b),
        (None, None) => return None,
    })
}

fn instant(
    field: &'static str,
    value: Option<&str>,
) -> Result<Option<DateTime<FixedOffset>>, Error> {
    value.map(|v| required_instant(field, v)).transpose()
}

fn required_instant(field: &'static str, value: &str) -> Result<DateTime<FixedOffset>, Error> {
    DateTime::parse_from_rfc3339(value).map_err(|_| Error::Instant {
        field,
        value: value.to_owned(),
    })
}

/// KSS sends business days as "strings of digits"; a sign, a space or a fraction is a carrier bug
/// worth surfacing rather than guessing at.
fn days(field: &'static str, value: Option<&str>) -> Result<Option<u32>, Error> {
    let Some(value) = value else { return Ok(None) };
    let parsed = if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        value.parse::<u32>().ok()
    } else {
        None
    };
    parsed.map(Some).ok_or_else(|| Error::Days {
        field,
        value: value.to_owned(),
    })
}

fn parse_offset(value: &str) -> Result<FixedOffset, Error> {
    value
        .parse::<i32>()
        .ok()
        .and_then(FixedOffset::east_opt)
        .ok_or_else(|| Error::Offset {
            value: value.to_owned(),
        })
}
