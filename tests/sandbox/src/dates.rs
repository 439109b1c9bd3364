//! Working-day arithmetic. Carriers deliver Monday to Friday in the sandbox; public holidays are
//! not modelled (Bring's own docs leave holidays to the client for home delivery).

use chrono::{Datelike, Days, NaiveDate, Weekday};

pub fn is_working_day(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// `date` if it is a working day, else the next one.
pub fn working_day_on_or_after(date: NaiveDate) -> NaiveDate {
    let mut day = date;
    while !is_working_day(day) {
        day = next_day(day);
    }
    day
}

/// The date `days` working days after `date` (weekends skipped; `date` itself never counts).
pub fn add_working_days(date: NaiveDate, days: u32) -> NaiveDate {
    let mut day = date;
    for _ in 0..days {
        day = working_day_on_or_after(next_day(day));
    }
    day
}

/// Working days from `from` (exclusive) to `to` (inclusive).
pub fn working_days_between(from: NaiveDate, to: NaiveDate) -> u32 {
    from.iter_days()
        .skip(1)
        .take_while(|day| *day <= to)
        .filter(|day| is_working_day(*day))
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
        assert_eq!(add_working_days(date(2025, 3, 14), 1), date(2025, 3, 17));
        assert_eq!(add_working_days(date(2025, 3, 15), 1), date(2025, 3, 17));
        assert_eq!(add_working_days(date(2025, 3, 14), 3), date(2025, 3, 19));
        assert_eq!(
            working_days_between(date(2025, 3, 14), date(2025, 3, 19)),
            3
        );
    }
}
