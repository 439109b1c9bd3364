//! Working-day arithmetic on `shared`'s holiday calendar, so the sandbox's carriers skip the days
//! a real carrier skips and agree with what the checkout computes.
//!
//! Carriers count differently, so each count says whose days off it skips ([`DaysOff`]). Bring's
//! lead times are "always adjusted for weekends and official holidays" (Shipping Guide v2
//! updates), while "there is no home delivery on bank holidays [...] This must be handled by
//! clients" (holidays.md): the sandbox's Bring skips only official holidays, so a date on
//! Christmas Eve comes back as it would from Bring, and the checkout moves it. PostNord plans its
//! own pickups and deliveries; the sandbox's PostNord skips every day off in the calendar.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use shared::calendar;
use shared::quote::Country;

/// Which days a carrier does not count: weekends always, and a country's holidays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DaysOff {
    /// Only the country's holidays in law (Bring's lead times).
    Official(Country),
    /// Every holiday in the calendar, the eves included (PostNord).
    All(Country),
}

impl DaysOff {
    /// The official holidays of the country with ISO code `code`, if the sandbox serves it.
    pub fn official(code: &str) -> Option<DaysOff> {
        Country::from_code(code).map(DaysOff::Official)
    }

    /// Every holiday of the country with ISO code `code`, if the sandbox serves it.
    pub fn all(code: &str) -> Option<DaysOff> {
        Country::from_code(code).map(DaysOff::All)
    }

    pub fn is_working_day(self, date: NaiveDate) -> bool {
        match self {
            DaysOff::Official(country) => {
                !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
                    && !calendar::is_official_holiday(country, date)
            }
            DaysOff::All(country) => calendar::is_working_day(country, date),
        }
    }
}

/// `date` if it is a working day, else the next one.
pub fn working_day_on_or_after(days_off: DaysOff, date: NaiveDate) -> NaiveDate {
    let mut day = date;
    // No run of days off is longer than a fortnight; the bound keeps the loop total at the
    // calendar's end.
    for _ in 0..14 {
        if days_off.is_working_day(day) {
            break;
        }
        day = next_day(day);
    }
    day
}

/// The date `days` working days after `date` (days off skipped; `date` itself never counts).
pub fn add_working_days(days_off: DaysOff, date: NaiveDate, days: u32) -> NaiveDate {
    let mut day = date;
    for _ in 0..days {
        day = working_day_on_or_after(days_off, next_day(day));
    }
    day
}

/// Working days from `from` (exclusive) to `to` (inclusive).
pub fn working_days_between(days_off: DaysOff, from: NaiveDate, to: NaiveDate) -> u32 {
    from.iter_days()
        .skip(1)
        .take_while(|day| *day <= to)
        .filter(|day| days_off.is_working_day(*day))
        .count() as u32
}

fn next_day(date: NaiveDate) -> NaiveDate {
    date.checked_add_days(Days::new(1)).unwrap_or(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    #[test]
    fn friday_plus_one_working_day_is_monday() {
        let norway = DaysOff::All(Country::No);
        assert_eq!(
            add_working_days(norway, date(2025, 3, 14), 1),
            date(2025, 3, 17)
        );
        assert_eq!(
            add_working_days(norway, date(2025, 3, 15), 1),
            date(2025, 3, 17)
        );
        assert_eq!(
            add_working_days(norway, date(2025, 3, 14), 3),
            date(2025, 3, 19)
        );
        assert_eq!(
            working_days_between(norway, date(2025, 3, 14), date(2025, 3, 19)),
            3
        );
    }

    #[test]
    fn holidays_are_skipped_as_each_carrier_skips_them() {
        use Country::{No, Se};
        let cases = [
            // (days off, from, working days, the date that many working days later)
            // Norway's Easter 2026: from the Wednesday, one working day is the Tuesday after.
            (DaysOff::All(No), date(2026, 4, 1), 1, date(2026, 4, 7)),
            (DaysOff::Official(No), date(2026, 4, 1), 1, date(2026, 4, 7)),
            // Sweden works on Maundy Thursday.
            (DaysOff::All(Se), date(2026, 4, 1), 1, date(2026, 4, 2)),
            // 17 May 2027 (Monday) in Norway.
            (DaysOff::All(No), date(2027, 5, 14), 1, date(2027, 5, 18)),
            // Christmas Eve 2026 (Thursday): a day off for PostNord, a delivery day in Bring's
            // count (only official holidays), which the checkout then moves.
            (DaysOff::All(No), date(2026, 12, 23), 1, date(2026, 12, 28)),
            (
                DaysOff::Official(No),
                date(2026, 12, 23),
                1,
                date(2026, 12, 24),
            ),
            // Midsummer Eve in Sweden.
            (DaysOff::All(Se), date(2026, 6, 18), 1, date(2026, 6, 22)),
            (
                DaysOff::Official(Se),
                date(2026, 6, 18),
                1,
                date(2026, 6, 19),
            ),
        ];
        for (days_off, from, days, expected) in cases {
            assert_eq!(
                add_working_days(days_off, from, days),
                expected,
                "{days_off:?} {from} + {days}"
            );
            assert_eq!(working_days_between(days_off, from, expected), days);
        }
        assert_eq!(
            working_day_on_or_after(DaysOff::All(No), date(2027, 5, 17)),
            date(2027, 5, 18)
        );
    }
}
