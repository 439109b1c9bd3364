//! A [`Sentence`] in a locale's words. The words are data (`locale/*.json`, compiled in by
//! `build.rs`); this file is the one piece of code that fills their templates, for every locale.
//!
//! Templates use `{name}` placeholders. A locale file sets:
//! - `weekdays` (Monday first) and `months` (January first);
//! - `date`: a calendar date, from `{weekday}`, `{day}`, `{month}` and `{month_number}`;
//! - `single_date`: a date standing alone after "on/at the earliest/no later than" (`{date}`;
//!   German puts `am` before it, which `between` must not get);
//! - `today`, `tomorrow`;
//! - absolute forms `on` (`{day}`), `between` (`{from}`, `{to}`), `at_earliest`, `no_later_than`;
//!   `absolute_time_of_day` (`{from}`, `{to}`) appended after them;
//! - interval forms `interval_range` (`{from}`, `{to}`) and `interval_exact`, `interval_after`,
//!   `interval_within` (`{n}`, each as `one`/`other` plural forms); `interval_time_of_day`;
//! - `cutoff` (`{time}`), appended last; `clock`: whether the hour gets a leading zero, and the
//!   hour/minute separator.

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};

use super::rules::{Day, Promise, Sentence};
use crate::locale::Locale;

/// One locale's words for every delivery-time sentence.
#[derive(Debug)]
pub(crate) struct Words {
    pub weekdays: [&'static str; 7],
    pub months: [&'static str; 12],
    pub date: &'static str,
    pub single_date: &'static str,
    pub today: &'static str,
    pub tomorrow: &'static str,
    pub on: &'static str,
    pub between: &'static str,
    pub at_earliest: &'static str,
    pub no_later_than: &'static str,
    pub absolute_time_of_day: &'static str,
    pub interval_range: &'static str,
    pub interval_exact: Plural,
    pub interval_after: Plural,
    pub interval_within: Plural,
    pub interval_time_of_day: &'static str,
    pub cutoff: &'static str,
    pub clock: Clock,
}

/// A phrase with a count: `one` for exactly 1, `other` for every other number.
#[derive(Debug)]
pub(crate) struct Plural {
    pub one: &'static str,
    pub other: &'static str,
}

/// How the locale writes a clock time.
#[derive(Debug)]
pub(crate) struct Clock {
    pub pad_hour: bool,
    pub separator: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/locale_words.rs"));

pub(crate) fn for_locale(locale: Locale) -> &'static Words {
    match locale {
        Locale::En => &EN,
        Locale::Sv => &SV,
        Locale::Nb => &NB,
        Locale::Da => &DA,
        Locale::Fi => &FI,
        Locale::De => &DE,
    }
}

/// Writes the sentence: the promise, then the time window, then the cutoff.
pub(crate) fn write(sentence: &Sentence, words: &Words) -> String {
    let mut text = promise(sentence.promise, words);
    if let Some((from, to)) = sentence.window {
        let template = if sentence.promise.is_interval() {
            words.interval_time_of_day
        } else {
            words.absolute_time_of_day
        };
        text.push_str(&fill(
            template,
            &[("from", &clock(from, words)), ("to", &clock(to, words))],
        ));
    }
    if let Some(cutoff) = sentence.cutoff {
        text.push_str(&fill(words.cutoff, &[("time", &clock(cutoff, words))]));
    }
    text
}

fn promise(promise: Promise, words: &Words) -> String {
    let alone = |day: Day| single_day(day, words);
    match promise {
        Promise::On(day) => fill(words.on, &[("day", &alone(day))]),
        Promise::AtEarliest(day) => fill(words.at_earliest, &[("day", &alone(day))]),
        Promise::NoLaterThan(day) => fill(words.no_later_than, &[("day", &alone(day))]),
        Promise::Between(from, to) => fill(
            words.between,
            &[
                ("from", &plain_day(from, words)),
                ("to", &plain_day(to, words)),
            ],
        ),
        Promise::InRange(from, to) => fill(
            words.interval_range,
            &[("from", &from.to_string()), ("to", &to.to_string())],
        ),
        Promise::InExactly(n) => count(&words.interval_exact, n),
        Promise::After(n) => count(&words.interval_after, n),
        Promise::Within(n) => count(&words.interval_within, n),
    }
}

fn count(phrase: &Plural, n: u32) -> String {
    let template = if n == 1 { phrase.one } else { phrase.other };
    fill(template, &[("n", &n.to_string())])
}

fn single_day(day: Day, words: &Words) -> String {
    match day {
        Day::Date(date) => fill(words.single_date, &[("date", &date_text(date, words))]),
        relative => plain_day(relative, words),
    }
}

fn plain_day(day: Day, words: &Words) -> String {
    match day {
        Day::Today => words.today.to_owned(),
        Day::Tomorrow => words.tomorrow.to_owned(),
        Day::Date(date) => date_text(date, words),
    }
}

fn date_text(date: NaiveDate, words: &Words) -> String {
    let weekday = words.weekdays[date.weekday().num_days_from_monday() as usize];
    let month = words.months[date.month0() as usize];
    fill(
        words.date,
        &[
            ("weekday", weekday),
            ("day", &date.day().to_string()),
            ("month", month),
            ("month_number", &date.month().to_string()),
        ],
    )
}

fn clock(time: NaiveTime, words: &Words) -> String {
    let hour = time.hour();
    let separator = words.clock.separator;
    if words.clock.pad_hour {
        format!("{hour:02}{separator}{:02}", time.minute())
    } else {
        format!("{hour}{separator}{:02}", time.minute())
    }
}

/// Replaces each `{name}` in one pass, so a value that happens to contain braces is never
/// expanded again. An unknown placeholder stays as written (build.rs rejects locale files that
/// miss a required one).
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').map(|close| (&after[..close], close)) {
            Some((name, close)) => match values.iter().find(|(key, _)| *key == name) {
                Some((_, value)) => {
                    out.push_str(value);
                    rest = &after[close + 1..];
                }
                None => {
                    out.push('{');
                    rest = after;
                }
            },
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::fill;

    #[test]
    fn fill_replaces_each_placeholder_once() {
        assert_eq!(
            fill("in {from}-{to} days", &[("from", "2"), ("to", "{from}")]),
            "in 2-{from} days"
        );
        assert_eq!(fill("{missing} {n}", &[("n", "3")]), "{missing} 3");
        assert_eq!(fill("open { brace", &[]), "open { brace");
        assert_eq!(fill("", &[("n", "1")]), "");
    }
}
