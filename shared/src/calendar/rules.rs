//! The holidays of NO, SE, DK and FI as rules, one row per country and day. Names are the
//! country's own, as its official calendar writes them; the English name is in the comment.

use chrono::Weekday::{self, Fri, Sat};

use super::HolidayKind::{self, Customary, Official};
use crate::quote::Country::{self, Dk, Fi, No, Se};

/// One holiday of one country, as a rule that gives its date in any year.
pub(super) struct Rule {
    pub country: Country,
    pub name: &'static str,
    pub kind: HolidayKind,
    pub date: DateRule,
    /// The last year the day is a holiday, for one the law has abolished.
    pub last_year: Option<i32>,
}

/// How a holiday's date follows from the year.
#[derive(Debug, Clone, Copy)]
pub(super) enum DateRule {
    /// The same month and day every year.
    Fixed(u32, u32),
    /// This many days after Easter Sunday (before it when negative).
    EasterOffset(i32),
    /// The given weekday among the seven days from (month, first day): Sweden's Midsummer Eve
    /// is the Friday in 19–25 June.
    WeekdayInRange(Weekday, u32, u32),
}

use DateRule::{EasterOffset, Fixed, WeekdayInRange};

/// A holiday in force every year.
const fn rule(country: Country, name: &'static str, kind: HolidayKind, date: DateRule) -> Rule {
    Rule {
        country,
        name,
        kind,
        date,
        last_year: None,
    }
}

/// `rule`, for a day abolished after `last_year`.
const fn until(last_year: i32, rule: Rule) -> Rule {
    Rule {
        last_year: Some(last_year),
        ..rule
    }
}

// One row per line, aligned, reads as the table it is; rustfmt would wrap the long rows.
#[rustfmt::skip]
pub(super) static RULES: &[Rule] = &[
    // Norway: the helligdager of the Holidays Act (lov om helligdager og helligdagsfred § 2) and
    // the two offentlige høytidsdager (1 and 17 May); Christmas Eve and New Year's Eve by custom
    // (banks and post offices close).
    rule(No, "Første nyttårsdag",       Official,  Fixed(1, 1)),                  // New Year's Day
    rule(No, "Skjærtorsdag",            Official,  EasterOffset(-3)),             // Maundy Thursday
    rule(No, "Langfredag",              Official,  EasterOffset(-2)),             // Good Friday
    rule(No, "Første påskedag",         Official,  EasterOffset(0)),              // Easter Sunday
    rule(No, "Andre påskedag",          Official,  EasterOffset(1)),              // Easter Monday
    rule(No, "Offentlig høytidsdag",    Official,  Fixed(5, 1)),                  // Labour Day
    rule(No, "Grunnlovsdag",            Official,  Fixed(5, 17)),                 // Constitution Day
    rule(No, "Kristi himmelfartsdag",   Official,  EasterOffset(39)),             // Ascension Day
    rule(No, "Første pinsedag",         Official,  EasterOffset(49)),             // Whit Sunday
    rule(No, "Andre pinsedag",          Official,  EasterOffset(50)),             // Whit Monday
    rule(No, "Julaften",                Customary, Fixed(12, 24)),                // Christmas Eve
    rule(No, "Første juledag",          Official,  Fixed(12, 25)),                // Christmas Day
    rule(No, "Andre juledag",           Official,  Fixed(12, 26)),                // St Stephen's Day
    rule(No, "Nyttårsaften",            Customary, Fixed(12, 31)),                // New Year's Eve
    // Sweden: the allmänna helgdagar (lag (1989:253) om allmänna helgdagar); Midsummer Eve,
    // Christmas Eve and New Year's Eve by custom (treated as Sundays by most collective
    // agreements; banks and post offices close).
    rule(Se, "Nyårsdagen",              Official,  Fixed(1, 1)),                  // New Year's Day
    rule(Se, "Trettondedag jul",        Official,  Fixed(1, 6)),                  // Epiphany
    rule(Se, "Långfredagen",            Official,  EasterOffset(-2)),             // Good Friday
    rule(Se, "Påskdagen",               Official,  EasterOffset(0)),              // Easter Sunday
    rule(Se, "Annandag påsk",           Official,  EasterOffset(1)),              // Easter Monday
    rule(Se, "Första maj",              Official,  Fixed(5, 1)),                  // May Day
    rule(Se, "Kristi himmelsfärdsdag",  Official,  EasterOffset(39)),             // Ascension Day
    rule(Se, "Pingstdagen",             Official,  EasterOffset(49)),             // Whit Sunday
    rule(Se, "Sveriges nationaldag",    Official,  Fixed(6, 6)),                  // National Day
    rule(Se, "Midsommarafton",          Customary, WeekdayInRange(Fri, 6, 19)),   // Midsummer Eve
    rule(Se, "Midsommardagen",          Official,  WeekdayInRange(Sat, 6, 20)),   // Midsummer Day
    rule(Se, "Alla helgons dag",        Official,  WeekdayInRange(Sat, 10, 31)),  // All Saints' Day
    rule(Se, "Julafton",                Customary, Fixed(12, 24)),                // Christmas Eve
    rule(Se, "Juldagen",                Official,  Fixed(12, 25)),                // Christmas Day
    rule(Se, "Annandag jul",            Official,  Fixed(12, 26)),                // St Stephen's Day
    rule(Se, "Nyårsafton",              Customary, Fixed(12, 31)),                // New Year's Eve
    // Denmark: the helligdage (Great Prayer Day last in 2023: lov om afskaffelse af store bededag
    // som helligdag, 2023); Constitution Day, Christmas Eve and New Year's Eve by custom (days off
    // under most collective agreements; banks close).
    rule(Dk, "Nytårsdag",               Official,  Fixed(1, 1)),                  // New Year's Day
    rule(Dk, "Skærtorsdag",             Official,  EasterOffset(-3)),             // Maundy Thursday
    rule(Dk, "Langfredag",              Official,  EasterOffset(-2)),             // Good Friday
    rule(Dk, "Påskedag",                Official,  EasterOffset(0)),              // Easter Sunday
    rule(Dk, "2. påskedag",             Official,  EasterOffset(1)),              // Easter Monday
    until(2023, rule(Dk, "Store bededag", Official, EasterOffset(26))), // Great Prayer Day
    rule(Dk, "Kristi himmelfartsdag",   Official,  EasterOffset(39)),             // Ascension Day
    rule(Dk, "Pinsedag",                Official,  EasterOffset(49)),             // Whit Sunday
    rule(Dk, "2. pinsedag",             Official,  EasterOffset(50)),             // Whit Monday
    rule(Dk, "Grundlovsdag",            Customary, Fixed(6, 5)),                  // Constitution Day
    rule(Dk, "Juleaftensdag",           Customary, Fixed(12, 24)),                // Christmas Eve
    rule(Dk, "1. juledag",              Official,  Fixed(12, 25)),                // Christmas Day
    rule(Dk, "2. juledag",              Official,  Fixed(12, 26)),                // St Stephen's Day
    rule(Dk, "Nytårsaftensdag",         Customary, Fixed(12, 31)),                // New Year's Eve
    // Finland: the church's and the state's holidays (kirkkolaki, and Independence Day and May
    // Day by law); Midsummer Eve and Christmas Eve by custom (days off under most collective
    // agreements; banks close). New Year's Eve is an ordinary working day in Finland.
    rule(Fi, "Uudenvuodenpäivä",        Official,  Fixed(1, 1)),                  // New Year's Day
    rule(Fi, "Loppiainen",              Official,  Fixed(1, 6)),                  // Epiphany
    rule(Fi, "Pitkäperjantai",          Official,  EasterOffset(-2)),             // Good Friday
    rule(Fi, "Pääsiäispäivä",           Official,  EasterOffset(0)),              // Easter Sunday
    rule(Fi, "2. pääsiäispäivä",        Official,  EasterOffset(1)),              // Easter Monday
    rule(Fi, "Vappu",                   Official,  Fixed(5, 1)),                  // May Day
    rule(Fi, "Helatorstai",             Official,  EasterOffset(39)),             // Ascension Day
    rule(Fi, "Helluntaipäivä",          Official,  EasterOffset(49)),             // Whit Sunday
    rule(Fi, "Juhannusaatto",           Customary, WeekdayInRange(Fri, 6, 19)),   // Midsummer Eve
    rule(Fi, "Juhannuspäivä",           Official,  WeekdayInRange(Sat, 6, 20)),   // Midsummer Day
    rule(Fi, "Pyhäinpäivä",             Official,  WeekdayInRange(Sat, 10, 31)),  // All Saints' Day
    rule(Fi, "Itsenäisyyspäivä",        Official,  Fixed(12, 6)),                 // Independence Day
    rule(Fi, "Jouluaatto",              Customary, Fixed(12, 24)),                // Christmas Eve
    rule(Fi, "Joulupäivä",              Official,  Fixed(12, 25)),                // Christmas Day
    rule(Fi, "Tapaninpäivä",            Official,  Fixed(12, 26)),                // St Stephen's Day
];
