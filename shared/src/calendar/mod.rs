//! The working-day calendar of the four Nordic countries: which dates carriers neither collect
//! nor deliver on, so that a departure or a delivery date is never promised on one.
//!
//! A working day is Monday to Friday, unless it is one of the country's holidays. The holidays
//! are data (`rules.rs`: one row per country and day, each a rule such as "fixed date", "days
//! from Easter Sunday" or "the Friday among 19–25 June"), turned into dates per year here; no
//! date is typed by hand.
//!
//! ## Which days count
//!
//! Each holiday is of one of two kinds ([`HolidayKind`]):
//! - [`HolidayKind::Official`]: a public holiday in the country's law (Norway's helligdager and
//!   its two offentlige høytidsdager, Sweden's allmänna helgdagar, Denmark's helligdage,
//!   Finland's pyhäpäivät and Independence Day).
//! - [`HolidayKind::Customary`]: a day the law does not name but on which banks, post offices
//!   and most businesses close: Christmas Eve, New Year's Eve, Midsummer Eve, and Denmark's
//!   Constitution Day.
//!
//! [`is_working_day`] treats both kinds as days off. That is the reading for a carrier, not for a
//! statute: Bring writes that "there is no home delivery on bank holidays" and that it may not
//! deliver "on certain days during Christmas or Easter" (Shipping Guide, "Holidays and Home
//! Delivery"), and the Nordic posts close on those eves. A date promised on such a day is a
//! shopper waiting in vain; a date one working day later than needed costs far less. Callers
//! that must follow a carrier's stricter "official holidays only" count (the carrier sandbox,
//! copying Bring's lead-time arithmetic) use [`is_official_holiday`].
//!
//! The table holds the rules in force from 2005 on (Sweden's National Day became a holiday, and
//! its Whit Monday stopped being one, that year) and Denmark's abolition of Great Prayer Day from
//! 2024; earlier years are no checkout's concern.
//!
//! Pure: no clock, no IO; dates come in as arguments.

mod rules;

use chrono::{Datelike, Days, NaiveDate, Weekday};

use crate::quote::Country;

use rules::{DateRule, Rule, RULES};

/// One holiday of one year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holiday {
    pub date: NaiveDate,
    /// The day's name in the country's language, as its official calendar writes it.
    pub name: &'static str,
    pub kind: HolidayKind,
}

/// Whether a holiday is one in law, or only by custom (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HolidayKind {
    /// A public holiday in the country's law.
    Official,
    /// Not named by law, but banks, post offices and most businesses close.
    Customary,
}

/// The holidays of `country` in `year`, by date (two on one date, such as Norway's
/// Constitution Day and Whit Monday on 17 May 2027, keep the table's order). Holidays that fall
/// on a weekend are listed too, as the official calendars list them.
pub fn holidays(country: Country, year: i32) -> Vec<Holiday> {
    let mut holidays: Vec<Holiday> = RULES
        .iter()
        .filter(|rule| rule.country == country)
        .filter_map(|rule| {
            Some(Holiday {
                date: rule.date_in(year)?,
                name: rule.name,
                kind: rule.kind,
            })
        })
        .collect();
    crate::sort::sort_by(&mut holidays, |a, b| a.date.cmp(&b.date));
    holidays
}

/// The holiday of `country` on `date`, if there is one (the first in the table when two share it).
pub fn holiday(country: Country, date: NaiveDate) -> Option<Holiday> {
    RULES
        .iter()
        .filter(|rule| rule.country == country)
        .find(|rule| rule.date_in(date.year()) == Some(date))
        .map(|rule| Holiday {
            date,
            name: rule.name,
            kind: rule.kind,
        })
}

/// Whether `date` is a public holiday in `country`'s law (a [`HolidayKind::Official`] one).
pub fn is_official_holiday(country: Country, date: NaiveDate) -> bool {
    RULES
        .iter()
        .filter(|rule| rule.country == country && rule.kind == HolidayKind::Official)
        .any(|rule| rule.date_in(date.year()) == Some(date))
}

/// Whether carriers in `country` work on `date`: Monday to Friday, and no holiday of either kind.
pub fn is_working_day(country: Country, date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && holiday(country, date).is_none()
}

/// The first working day after `date` in `country`.
///
/// At the end of the representable calendar there is no next day; the last date reached is
/// returned rather than a panic (no checkout reaches year 262,143).
pub fn next_working_day(country: Country, date: NaiveDate) -> NaiveDate {
    let mut day = date;
    // The longest run of days off is Maundy Thursday to Easter Monday (five days); the bound
    // only keeps the loop total at the calendar's end.
    for _ in 0..MAX_DAYS_OFF_IN_A_ROW {
        match day.checked_add_days(Days::new(1)) {
            Some(next) => day = next,
            None => break,
        }
        if is_working_day(country, day) {
            break;
        }
    }
    day
}

/// `date` itself when it is a working day in `country`, else the next working day.
pub fn working_day_on_or_after(country: Country, date: NaiveDate) -> NaiveDate {
    if is_working_day(country, date) {
        date
    } else {
        next_working_day(country, date)
    }
}

/// Easter Sunday of `year` in the Gregorian calendar (the Western churches' Easter, which every
/// Nordic country's holidays follow); `None` for a year outside chrono's dates.
///
/// The anonymous Gregorian algorithm (Meeus/Jones/Butcher). It is a dozen lines of integer
/// arithmetic, so it is written here rather than taken as a dependency; the tests check it
/// against published Easter Sundays. Euclidean division keeps it right for years before 1 AD.
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let y = i64::from(year);
    let a = y.rem_euclid(19);
    let b = y.div_euclid(100);
    let c = y.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c.div_euclid(4);
    let k = c.rem_euclid(4);
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l).div_euclid(451);
    let n = h + l - 7 * m + 114;
    let month = u32::try_from(n.div_euclid(31)).ok()?;
    let day = u32::try_from(n.rem_euclid(31) + 1).ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// Days off in a row can never exceed this; a loop looking for a working day stops after it.
const MAX_DAYS_OFF_IN_A_ROW: usize = 14;

impl Rule {
    /// This rule's date in `year`, if the rule is in force that year and the date exists.
    fn date_in(&self, year: i32) -> Option<NaiveDate> {
        if self.last_year.is_some_and(|last| year > last) {
            return None;
        }
        match self.date {
            DateRule::Fixed(month, day) => NaiveDate::from_ymd_opt(year, month, day),
            DateRule::EasterOffset(days) => {
                let easter = easter_sunday(year)?;
                let offset = Days::new(u64::from(days.unsigned_abs()));
                if days < 0 {
                    easter.checked_sub_days(offset)
                } else {
                    easter.checked_add_days(offset)
                }
            }
            DateRule::WeekdayInRange(weekday, month, first_day) => {
                let first = NaiveDate::from_ymd_opt(year, month, first_day)?;
                let ahead = (7 + weekday.num_days_from_monday()
                    - first.weekday().num_days_from_monday())
                    % 7;
                first.checked_add_days(Days::new(u64::from(ahead)))
            }
        }
    }
}
