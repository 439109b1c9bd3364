//! Dates and clock times as text, in the few fixed shapes carriers, KSS and our own API write:
//! `2025-09-12`, `20250912`, `20250915T0900`, `15:00`.
//!
//! Why not chrono's `format` and `parse_from_str`: they interpret a format string at run time,
//! and that interpreter (every strftime item, RFC 2822 included, whatever the format asks) was
//! about 20 KB of the Worker's wasm. These functions read and write exactly what chrono did for
//! the formats we used (`%Y-%m-%d`, `%Y%m%d`, `%Y%m%dT%H%M`, `%H:%M`), which the tests check
//! against chrono itself; RFC 3339 instants stay with chrono (`parse_from_rfc3339`,
//! `to_rfc3339_opts`), which has its own small parser.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime, Timelike};

/// `text` as a date written `YYYY-MM-DD`, read as chrono reads `%Y-%m-%d`: each number may be
/// preceded by white space and written with fewer digits (`2025-9-1`), a year may carry a sign;
/// nothing may follow. `None` when it is not a real date.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let (year, rest) = year(text)?;
    let (month, rest) = number(rest.strip_prefix('-')?, 2)?;
    let (day, rest) = number(rest.strip_prefix('-')?, 2)?;
    if !rest.is_empty() {
        return None;
    }
    NaiveDate::from_ymd_opt(year, month, day)
}

/// `text` as a clock time written `HH:MM`, read as chrono reads `%H:%M` (the numbers as in
/// [`parse_date`]). `None` when it is not a time of day.
pub fn parse_clock_time(text: &str) -> Option<NaiveTime> {
    let (hour, rest) = number(text, 2)?;
    let (minute, rest) = number(rest.strip_prefix(':')?, 2)?;
    if !rest.is_empty() {
        return None;
    }
    NaiveTime::from_hms_opt(hour, minute, 0)
}

/// `date` written `2025-09-12` (chrono's `%Y-%m-%d`).
pub fn write_date(date: NaiveDate) -> String {
    let mut text = String::with_capacity(10);
    push_year(&mut text, date.year());
    text.push('-');
    push_two(&mut text, date.month());
    text.push('-');
    push_two(&mut text, date.day());
    text
}

/// `date` written `20250912` (chrono's `%Y%m%d`).
pub fn write_compact_date(date: NaiveDate) -> String {
    let mut text = String::with_capacity(8);
    push_year(&mut text, date.year());
    push_two(&mut text, date.month());
    push_two(&mut text, date.day());
    text
}

/// `instant`'s local date and minute written `20250915T0900` (chrono's `%Y%m%dT%H%M`).
pub fn write_compact_minute(instant: &DateTime<FixedOffset>) -> String {
    let local = instant.naive_local();
    let mut text = write_compact_date(local.date());
    text.push('T');
    push_two(&mut text, local.hour());
    push_two(&mut text, local.minute());
    text
}

/// A year as chrono's `%Y` reads it: white space, then a sign and any number of digits, or
/// one to four digits.
fn year(text: &str) -> Option<(i32, &str)> {
    let text = text.trim_start();
    let (sign, digits, max) = match text.as_bytes().first() {
        Some(b'-') => (-1, &text[1..], usize::MAX),
        Some(b'+') => (1, &text[1..], usize::MAX),
        _ => (1, text, 4),
    };
    let (value, rest) = digits_of(digits, max)?;
    let year = i32::try_from(value.checked_mul(sign)?).ok()?;
    Some((year, rest))
}

/// An unsigned number as chrono reads one: white space, then one to `max` ASCII digits.
fn number(text: &str, max: usize) -> Option<(u32, &str)> {
    let (value, rest) = digits_of(text.trim_start(), max)?;
    Some((u32::try_from(value).ok()?, rest))
}

/// One to `max` leading ASCII digits of `text` as a number (`None` when there is none, or on
/// overflow), and what follows them.
fn digits_of(text: &str, max: usize) -> Option<(i64, &str)> {
    let count = text
        .bytes()
        .take(max)
        .take_while(u8::is_ascii_digit)
        .count();
    if count == 0 {
        return None;
    }
    let value = text.as_bytes()[..count]
        .iter()
        .try_fold(0_i64, |value, digit| {
            value.checked_mul(10)?.checked_add(i64::from(digit - b'0'))
        })?;
    Some((value, &text[count..]))
}

/// A year as chrono's `%Y` writes it: four digits at least, with a sign outside 0 to 9999.
fn push_year(text: &mut String, year: i32) {
    if !(0..=9999).contains(&year) {
        text.push(if year < 0 { '-' } else { '+' });
    }
    let digits = year.unsigned_abs().to_string();
    for _ in digits.len()..4 {
        text.push('0');
    }
    text.push_str(&digits);
}

/// A number below 100 as two digits.
fn push_two(text: &mut String, value: u32) {
    text.push(char::from(b'0' + (value / 10 % 10) as u8));
    text.push(char::from(b'0' + (value % 10) as u8));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every answer is checked against chrono's own, the reader and writer these replace.
    #[test]
    fn dates_read_as_chrono_reads_them() {
        for text in [
            "2025-09-12",
            "2025-9-1",
            " 2025- 09- 1",
            "+2025-09-12",
            "-0044-03-15",
            "2024-02-29",
            "2025-02-29",
            "2025-13-01",
            "2025-00-10",
            "2025-09-31",
            "2025-09-00",
            "20250912",
            "2025-09-12 ",
            "2025-09-12T00:00",
            "2025/09/12",
            "12025-01-01",
            "+12025-01-01",
            "2025-009-12",
            "2025--9-12",
            "",
            " ",
            "-",
            "2025-",
            "2025-09-",
            "x2025-09-12",
            "+99999999999999999999-01-01",
            "2025-09-1x",
            "٢٠٢٥-09-12",
            "\u{a0}2025-09-12",
        ] {
            let chrono = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
            assert_eq!(parse_date(text), chrono, "{text:?}");
        }
    }

    #[test]
    fn clock_times_read_as_chrono_reads_them() {
        for text in [
            "15:00", "07:05", "7:5", " 7: 05", "23:59", "24:00", "12:60", "00:00", "1500",
            "15:00 ", "15:00:00", "15:", ":00", "", "-1:00", "+1:00", "15.00", "015:00",
        ] {
            let chrono = NaiveTime::parse_from_str(text, "%H:%M").ok();
            assert_eq!(parse_clock_time(text), chrono, "{text:?}");
        }
    }

    #[test]
    fn dates_and_minutes_write_as_chrono_writes_them() {
        let dates = [
            (2025, 9, 12),
            (2024, 2, 29),
            (999, 1, 1),
            (0, 12, 31),
            (-44, 3, 15),
            (12025, 1, 1),
            (2025, 10, 5),
        ];
        for (year, month, day) in dates {
            let date = NaiveDate::from_ymd_opt(year, month, day).expect("a date");
            assert_eq!(write_date(date), date.format("%Y-%m-%d").to_string());
            assert_eq!(write_compact_date(date), date.format("%Y%m%d").to_string());
        }
        for instant in [
            "2025-09-15T09:00:00+02:00",
            "2025-12-31T23:59:59-01:00",
            "2025-01-01T00:07:00Z",
        ] {
            let instant = DateTime::parse_from_rfc3339(instant).expect("an instant");
            assert_eq!(
                write_compact_minute(&instant),
                instant.format("%Y%m%dT%H%M").to_string()
            );
        }
        assert_eq!(
            write_compact_minute(
                &DateTime::parse_from_rfc3339("2025-09-15T09:05:00+02:00").expect("an instant")
            ),
            "20250915T0905"
        );
        assert_eq!(
            write_date(NaiveDate::from_ymd_opt(2025, 9, 2).expect("a date")),
            "2025-09-02"
        );
    }
}
