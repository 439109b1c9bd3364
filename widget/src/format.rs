//! Turns values into the text a shopper reads: prices, distances, today's opening hours, delivery
//! windows, address lines. (The delivery-time sentence comes from the edge, rendered by `shared`.) Nothing here touches the DOM, so it is tested natively,
//! in every locale.
//!
//! How each locale writes a price (decided here, documented in the README):
//!
//! | locale | own currency | whole | with øre/cents | thousands | other currencies |
//! |---|---|---|---|---|---|
//! | `nb` | NOK `kr` | `49 kr` | `49,50 kr` | `1 499 kr` | `49 SEK`, `4,90 €` |
//! | `sv` | SEK `kr` | `49 kr` | `49,50 kr` | `1 499 kr` | `49 NOK`, `4,90 €` |
//! | `da` | DKK `kr.` | `49 kr.` | `49,50 kr.` | `1.499 kr.` | `49 NOK`, `4,90 €` |
//! | `fi` | EUR `€` | `5,00 €` | `4,90 €` | `1 499,00 €` | `49,00 SEK` |
//! | `de` | EUR `€` | `5,00 €` | `4,90 €` | `1.499,00 €` | `49,00 SEK` |
//! | `en` | — | `NOK 49.00` | `EUR 4.90` | `SEK 1,499.00` | the same: code first |
//!
//! The local `kr` stands only for the locale's own crown: a Swede reading `kr` thinks of SEK, so
//! a Norwegian price in a Swedish page reads `49 NOK`. The amount and its unit, and the groups of
//! thousands, are joined by a no-break space (U+00A0) so a price never wraps. Zero is the
//! locale's word for free (`Gratis`, `Free`, `Ilmainen`, `Kostenlos`).

use chrono::NaiveDate;
use shared::model::{Currency, MinorUnits, OperationalHours};
use shared::Locale;

use crate::strings;

/// The no-break space between an amount and its unit and between groups of thousands.
pub const NBSP: char = '\u{a0}';

/// `amount` (in `currency`'s minor unit) as the shopper in `locale` reads it; `0` is "free".
pub fn format_price(amount: MinorUnits, currency: Currency, locale: Locale) -> String {
    if amount == 0 {
        return strings::FREE.get(locale).to_owned();
    }
    format_amount(amount, currency, locale)
}

/// `amount` with its currency, also when it is zero (`0 kr`), for sums and hints.
pub fn format_amount(amount: MinorUnits, currency: Currency, locale: Locale) -> String {
    let style = number_style(locale);
    let digits = minor_digits(currency);
    let scale = 10i64.pow(digits);
    let sign = if amount < 0 { "-" } else { "" };
    let amount = amount.unsigned_abs();
    let whole = group_thousands(amount / scale as u64, style.group);
    let fraction = amount % scale as u64;
    let mut number = format!("{sign}{whole}");
    if digits > 0 && (fraction != 0 || style.always_fraction) {
        number.push(style.decimal);
        number.push_str(&format!("{fraction:0width$}", width = digits as usize));
    }
    if style.code_first {
        return format!("{currency}{NBSP}{number}");
    }
    let unit = if currency == Currency::EUR {
        "€"
    } else if Some(currency) == style.own_currency {
        style.own_symbol
    } else {
        currency.as_str()
    };
    format!("{number}{NBSP}{unit}")
}

/// A distance in metres as the shopper in `locale` reads it: `350 m` (to 10 m) under a kilometre,
/// `1,2 km` (one decimal) under ten, `12 km` from there.
pub fn format_distance(meters: u32, locale: Locale) -> String {
    let style = number_style(locale);
    if meters < 995 {
        let rounded = (meters + 5) / 10 * 10;
        return format!("{rounded}{NBSP}m");
    }
    if meters < 9_950 {
        let tenths = (meters + 50) / 100;
        return format!("{}{}{}{NBSP}km", tenths / 10, style.decimal, tenths % 10);
    }
    let km = (meters + 500) / 1000;
    format!("{}{NBSP}km", group_thousands(u64::from(km), style.group))
}

/// Today's opening hours of a pickup place as a phrase ("Open today 08:00–22:00", "Closed
/// today"), or `None` when the carrier gave none for `weekday`.
///
/// A date override (a holiday) wins over the weekday's, which wins over the default hours
/// (`OperationalHours::hours_on`).
pub fn hours_today_text(
    hours: &OperationalHours,
    today: NaiveDate,
    locale: Locale,
) -> Option<String> {
    let spans = hours.hours_on(today);
    if spans.is_empty() {
        return None;
    }
    if spans.iter().any(|span| span.always_open == Some(true)) {
        return Some(strings::OPEN_ALL_DAY.get(locale).to_owned());
    }
    // Joined by hand: `[String]::join` weighed 0.5 KB of the download.
    let mut open = String::new();
    for span in spans.iter().filter(|span| span.closed != Some(true)) {
        let (Some(from), Some(to)) = (span.open.as_deref(), span.close.as_deref()) else {
            continue;
        };
        if !open.is_empty() {
            open.push_str(", ");
        }
        open.push_str(&clock(from));
        open.push('–');
        open.push_str(&clock(to));
    }
    if open.is_empty() {
        return Some(strings::CLOSED_TODAY.get(locale).to_owned());
    }
    Some(strings::OPEN_TODAY.fill(locale, &[("hours", &open)]))
}

/// A delivery window (`start`, `end`, RFC 3339) as `3.3. 17:00–21:00` (`3/3` in `en` and `sv`),
/// in the carrier's own offset: that is the clock at the door. `None` when an instant cannot be
/// read, so one bad window is left out rather than shown wrong.
pub fn timeslot_text(start: &str, end: &str, locale: Locale) -> Option<String> {
    let (day, month, from) = wall_clock(start)?;
    let (_, _, to) = wall_clock(end)?;
    let date = strings::SHORT_DATE.fill(
        locale,
        &[("d", &day.to_string()), ("m", &month.to_string())],
    );
    Some(format!("{date} {from}–{to}"))
}

/// The day, the month and the `HH:MM` that an RFC 3339 instant (`2026-03-03T17:00:00+01:00`)
/// names in its own offset, or `None` when it is not one. By hand: the clock at the door is the
/// instant's own digits, so nothing is converted, and chrono's parser weighed 1 KB of the
/// download.
fn wall_clock(instant: &str) -> Option<(u32, u32, &str)> {
    let bytes = instant.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = bytes.get(range)?;
        part.iter().all(u8::is_ascii_digit).then(|| {
            part.iter()
                .fold(0, |number, digit| number * 10 + u32::from(digit - b'0'))
        })
    };
    let at = |index: usize, allowed: &[u8]| bytes.get(index).is_some_and(|b| allowed.contains(b));
    let (year, month, day) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    let (hour, minute, second) = (digits(11..13)?, digits(14..16)?, digits(17..19)?);
    let shape = at(4, b"-") && at(7, b"-") && at(10, b"Tt ") && at(13, b":") && at(16, b":");
    // A second of 60 is a leap second, which RFC 3339 allows.
    let clock = hour < 24 && minute < 60 && second <= 60;
    let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day).is_some();
    if !(shape && clock && date) {
        return None;
    }
    // Fractions of a second, then `Z` or `±HH:MM`, and nothing after.
    let mut rest = &bytes[19..];
    if let Some((b'.', fraction)) = rest.split_first() {
        let count = fraction.iter().take_while(|b| b.is_ascii_digit()).count();
        if count == 0 {
            return None;
        }
        rest = &fraction[count..];
    }
    let offset = match rest {
        [b'Z' | b'z'] => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] => {
            let number = |a: u8, b: u8| {
                (a.is_ascii_digit() && b.is_ascii_digit()).then(|| (a - b'0') * 10 + (b - b'0'))
            };
            number(*h1, *h2).is_some_and(|h| h < 24) && number(*m1, *m2).is_some_and(|m| m < 60)
        }
        _ => false,
    };
    offset.then_some((day, month, instant.get(11..16)?))
}

/// How a locale writes numbers and which currency it calls by a local symbol.
struct NumberStyle {
    decimal: char,
    group: char,
    /// Whether whole amounts still show `,00` (the euro locales and English do).
    always_fraction: bool,
    /// Whether the ISO code comes first (`NOK 49.00`), as English writes foreign currencies.
    code_first: bool,
    own_currency: Option<Currency>,
    own_symbol: &'static str,
}

/// One row per locale, in [`Locale::ALL`] order: data, not branches.
const NUMBER_STYLES: [NumberStyle; 6] = [
    // en
    NumberStyle {
        decimal: '.',
        group: ',',
        always_fraction: true,
        code_first: true,
        own_currency: None,
        own_symbol: "",
    },
    // sv
    NumberStyle {
        decimal: ',',
        group: NBSP,
        always_fraction: false,
        code_first: false,
        own_currency: Some(Currency::SEK),
        own_symbol: "kr",
    },
    // nb
    NumberStyle {
        decimal: ',',
        group: NBSP,
        always_fraction: false,
        code_first: false,
        own_currency: Some(Currency::NOK),
        own_symbol: "kr",
    },
    // da
    NumberStyle {
        decimal: ',',
        group: '.',
        always_fraction: false,
        code_first: false,
        own_currency: Some(Currency::DKK),
        own_symbol: "kr.",
    },
    // fi
    NumberStyle {
        decimal: ',',
        group: NBSP,
        always_fraction: true,
        code_first: false,
        own_currency: Some(Currency::EUR),
        own_symbol: "€",
    },
    // de
    NumberStyle {
        decimal: ',',
        group: '.',
        always_fraction: true,
        code_first: false,
        own_currency: Some(Currency::EUR),
        own_symbol: "€",
    },
];

fn number_style(locale: Locale) -> &'static NumberStyle {
    &NUMBER_STYLES[strings::locale_index(locale)]
}

/// Digits after the decimal point (ISO 4217): two for every currency a Nordic shop takes, none
/// for the few that have no minor unit in use.
fn minor_digits(currency: Currency) -> u32 {
    match currency.as_str() {
        "ISK" | "JPY" | "KRW" | "CLP" | "VND" => 0,
        _ => 2,
    }
}

fn group_thousands(value: u64, separator: char) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(digit);
    }
    out
}

/// `08:00:00` or `8:00` as `08:00`; anything else as given (a carrier's odd format is still
/// better shown than hidden).
fn clock(time: &str) -> String {
    let mut parts = time.split(':');
    match (parts.next(), parts.next()) {
        (Some(h), Some(m)) if h.len() <= 2 && m.len() == 2 && h.parse::<u8>().is_ok() => {
            format!("{h:0>2}:{m}")
        }
        _ => time.to_owned(),
    }
}

/// `Street 1, 0150 Oslo` from whichever parts the carrier gave (empty ones left out).
pub fn address_line(address: &shared::model::Address) -> Option<String> {
    let place = joined(address.postal_code.as_deref(), address.city.as_deref(), " ");
    let line = joined(address.street_address.as_deref(), Some(&place), ", ");
    (!line.is_empty()).then_some(line)
}

/// `first` and `second` with `separator` between them, leaving out an empty or absent one. By
/// hand: `[..].join(..)` cost 2 KB of the download for the two calls above.
fn joined(first: Option<&str>, second: Option<&str>, separator: &str) -> String {
    let mut text = first.unwrap_or_default().to_owned();
    if let Some(second) = second.filter(|second| !second.is_empty()) {
        if !text.is_empty() {
            text.push_str(separator);
        }
        text.push_str(second);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::model::{OpeningHours, OpeningHoursOverrides, WeekdayHours};

    fn check_price(locale: &str, amount: MinorUnits, currency: &str, expected: &str) {
        let currency: Currency = currency.parse().unwrap();
        let got = format_price(amount, currency, Locale::from_tag(locale));
        // Written with plain spaces below for reading; the output uses no-break spaces.
        assert_eq!(
            got,
            expected.replace(' ', "\u{a0}"),
            "{locale} {amount} {currency}"
        );
    }

    #[test]
    fn prices_in_every_locale() {
        let cases = [
            ("nb", 4900, "NOK", "49 kr"),
            ("nb", 4950, "NOK", "49,50 kr"),
            ("nb", 149_900, "NOK", "1 499 kr"),
            ("nb", 4900, "SEK", "49 SEK"),
            ("nb", 490, "EUR", "4,90 €"),
            ("sv", 4900, "SEK", "49 kr"),
            ("sv", 4905, "SEK", "49,05 kr"),
            ("sv", 1_234_500, "SEK", "12 345 kr"),
            ("sv", 6900, "NOK", "69 NOK"),
            ("da", 4900, "DKK", "49 kr."),
            ("da", 4950, "DKK", "49,50 kr."),
            ("da", 149_900, "DKK", "1.499 kr."),
            ("fi", 490, "EUR", "4,90 €"),
            ("fi", 500, "EUR", "5,00 €"),
            ("fi", 149_900, "EUR", "1 499,00 €"),
            ("fi", 4900, "SEK", "49,00 SEK"),
            ("de", 490, "EUR", "4,90 €"),
            ("de", 149_900, "EUR", "1.499,00 €"),
            ("en", 4900, "NOK", "NOK 49.00"),
            ("en", 490, "EUR", "EUR 4.90"),
            ("en", 149_900, "SEK", "SEK 1,499.00"),
            ("en", 99, "DKK", "DKK 0.99"),
            ("nb", -1000, "NOK", "-10 kr"),
            ("sv", 1500, "ISK", "1 500 ISK"),
        ];
        for (locale, amount, currency, expected) in cases {
            check_price(locale, amount, currency, expected);
        }
    }

    #[test]
    fn zero_is_free_in_every_locale() {
        let cases = [
            ("en", "Free"),
            ("sv", "Gratis"),
            ("nb", "Gratis"),
            ("da", "Gratis"),
            ("fi", "Ilmainen"),
            ("de", "Kostenlos"),
        ];
        for (locale, expected) in cases {
            check_price(locale, 0, "EUR", expected);
        }
        assert_eq!(
            format_amount(0, Currency::NOK, Locale::Nb),
            "0\u{a0}kr",
            "a sum of zero is still an amount"
        );
    }

    #[test]
    fn distances_in_every_locale() {
        let cases = [
            ("nb", 0, "0 m"),
            ("nb", 4, "0 m"),
            ("nb", 347, "350 m"),
            ("sv", 990, "990 m"),
            ("sv", 994, "990 m"),
            ("da", 995, "1,0 km"),
            ("da", 1234, "1,2 km"),
            ("fi", 1250, "1,3 km"),
            ("de", 9_949, "9,9 km"),
            ("de", 9_950, "10 km"),
            ("en", 1234, "1.2 km"),
            ("en", 12_345, "12 km"),
            ("en", 1_234_567, "1,235 km"),
            ("nb", 1_234_567, "1 235 km"),
        ];
        for (locale, meters, expected) in cases {
            assert_eq!(
                format_distance(meters, Locale::from_tag(locale)),
                expected.replace(' ', "\u{a0}"),
                "{locale} {meters}"
            );
        }
    }

    fn span(open: &str, close: &str) -> OpeningHours {
        OpeningHours {
            open: Some(open.to_owned()),
            close: Some(close.to_owned()),
            ..OpeningHours::default()
        }
    }

    #[test]
    fn hours_today_prefer_the_date_then_the_weekday_override() {
        // Monday 30 November 2026 closed, as a carrier's holiday entry says.
        let holiday = serde_json::json!({"date": "2026-11-30", "hours": [{"closed": true}]});
        let hours = OperationalHours {
            default: vec![span("09:00", "17:00")],
            overrides: Some(OpeningHoursOverrides {
                date: vec![holiday.as_object().cloned().unwrap_or_default()],
                weekday: WeekdayHours {
                    sat: vec![span("10:00:00", "14:00:00"), span("15:00", "18:00")],
                    sun: vec![OpeningHours {
                        closed: Some(true),
                        ..OpeningHours::default()
                    }],
                    fri: vec![OpeningHours {
                        always_open: Some(true),
                        ..OpeningHours::default()
                    }],
                    ..WeekdayHours::default()
                },
            }),
        };
        // Monday 23, Friday 27, Saturday 28, Sunday 29 and Monday 30 November 2026.
        let cases = [
            ("2026-11-23", "en", Some("Open today 09:00–17:00")),
            (
                "2026-11-28",
                "nb",
                Some("Åpent i dag 10:00–14:00, 15:00–18:00"),
            ),
            ("2026-11-29", "sv", Some("Stängt i dag")),
            ("2026-11-29", "da", Some("Lukket i dag")),
            ("2026-11-29", "fi", Some("Suljettu tänään")),
            ("2026-11-29", "de", Some("Heute geschlossen")),
            ("2026-11-27", "en", Some("Open 24 hours today")),
            ("2026-11-30", "en", Some("Closed today")),
        ];
        let day = |text: &str| NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date");
        for (date, locale, expected) in cases {
            assert_eq!(
                hours_today_text(&hours, day(date), Locale::from_tag(locale)).as_deref(),
                expected,
                "{date} {locale}"
            );
        }
        assert_eq!(
            hours_today_text(&OperationalHours::default(), day("2026-11-23"), Locale::En),
            None
        );
    }

    #[test]
    fn timeslots_read_in_the_carriers_offset() {
        let (start, end) = ("2026-03-03T17:00:00+01:00", "2026-03-03T21:00:00+01:00");
        let cases = [
            ("nb", "3.3. 17:00–21:00"),
            ("de", "3.3. 17:00–21:00"),
            ("sv", "3/3 17:00–21:00"),
            ("en", "3/3 17:00–21:00"),
        ];
        for (locale, expected) in cases {
            assert_eq!(
                timeslot_text(start, end, Locale::from_tag(locale)).as_deref(),
                Some(expected)
            );
        }
        assert_eq!(timeslot_text("soon", end, Locale::En), None);
    }

    #[test]
    fn instants_are_read_as_rfc_3339_or_not_at_all() {
        let cases = [
            ("2026-03-03T17:00:00+01:00", Some((3, 3, "17:00"))),
            ("2026-12-24t08:30:00.125Z", Some((24, 12, "08:30"))),
            ("2026-06-30 23:59:60-02:30", Some((30, 6, "23:59"))),
            ("2026-02-29T17:00:00+01:00", None), // not a leap year
            ("2026-03-03T24:00:00+01:00", None),
            ("2026-03-03T17:60:00Z", None),
            ("2026-03-03T17:00:00", None),
            ("2026-03-03T17:00:00.Z", None),
            ("2026-03-03T17:00:00+1:00", None),
            ("2026-03-03T17:00:00+01:00 ", None),
            ("2026-3-03T17:00:00Z", None),
            ("2026-03-03T17:00:00+24:00", None),
            ("", None),
        ];
        for (instant, expected) in cases {
            assert_eq!(wall_clock(instant), expected, "{instant}");
        }
    }

    #[test]
    fn address_lines() {
        let address = |street: Option<&str>, postal: Option<&str>, city: Option<&str>| {
            shared::model::Address {
                street_address: street.map(str::to_owned),
                postal_code: postal.map(str::to_owned),
                city: city.map(str::to_owned),
                ..Default::default()
            }
        };
        let cases = [
            (
                address(Some("Sjøgata 31"), Some("0150"), Some("Oslo")),
                Some("Sjøgata 31, 0150 Oslo"),
            ),
            (
                address(Some("Sjøgata 31"), None, Some("Oslo")),
                Some("Sjøgata 31, Oslo"),
            ),
            (
                address(Some("Sjøgata 31"), Some(""), Some("Oslo")),
                Some("Sjøgata 31, Oslo"),
            ),
            (address(None, Some("0150"), Some("Oslo")), Some("0150 Oslo")),
            (address(None, None, Some("Oslo")), Some("Oslo")),
            (
                address(Some("Sjøgata 31"), Some("0150"), None),
                Some("Sjøgata 31, 0150"),
            ),
            (address(Some(""), None, None), None),
            (address(None, None, None), None),
        ];
        for (address, expected) in cases {
            assert_eq!(address_line(&address).as_deref(), expected, "{address:?}");
        }
    }
}
