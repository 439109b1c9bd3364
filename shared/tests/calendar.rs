//! The holiday calendar of NO, SE, DK and FI against the published lists: every holiday of 2026
//! and 2027 per country, exactly, Easter Sundays over a span of years, Denmark's Great Prayer
//! Day before and after its abolition, and working days around them. Runs natively and as wasm.
//!
//! Sources of the lists below (dates as those calendars print them):
//! - Norway: lov om helligdager og helligdagsfred § 2 (the helligdager) and lov om 1. og 17. mai
//!   som offentlige høytidsdager; Christmas Eve and New Year's Eve as Norwegian calendars mark
//!   them (days off by custom, not by law).
//! - Sweden: lag (1989:253) om allmänna helgdagar; Midsummer Eve, Christmas Eve and New Year's Eve
//!   as the Swedish almanac marks them (de facto holidays).
//! - Denmark: the helligdage as listed by the Danish government for 2026 and 2027 (Store bededag
//!   abolished from 2024 by lov om afskaffelse af store bededag som helligdag, 2023);
//!   Grundlovsdag, Juleaftensdag and Nytårsaftensdag as customary days off.
//! - Finland: the official holidays (pyhäpäivät and Itsenäisyyspäivä), with Juhannusaatto and
//!   Jouluaatto as de facto holidays.
//!
//! The official days were also compared with the python-holidays project's lists for these
//! years (an implementation independent of ours); they agree.

use chrono::NaiveDate;
use shared::calendar::{
    easter_sunday, holiday, holidays, is_official_holiday, is_working_day, next_working_day,
    working_day_on_or_after, HolidayKind,
};
use shared::quote::Country;

use HolidayKind::{Customary as C, Official as O};

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_else(|e| panic!("test date {text}: {e}"))
}

/// The holidays of `country` in `year` are exactly `expected`, in this order.
fn check(country: Country, year: i32, expected: &[(&str, &str, HolidayKind)]) {
    let got: Vec<(NaiveDate, &str, HolidayKind)> = holidays(country, year)
        .into_iter()
        .map(|h| (h.date, h.name, h.kind))
        .collect();
    let expected: Vec<(NaiveDate, &str, HolidayKind)> = expected
        .iter()
        .map(|(day, name, kind)| (date(day), *name, *kind))
        .collect();
    assert_eq!(got, expected, "{} {year}", country.code());
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn norway_2026_and_2027() {
    check(
        Country::No,
        2026,
        &[
            ("2026-01-01", "Første nyttårsdag", O),
            ("2026-04-02", "Skjærtorsdag", O),
            ("2026-04-03", "Langfredag", O),
            ("2026-04-05", "Første påskedag", O),
            ("2026-04-06", "Andre påskedag", O),
            ("2026-05-01", "Offentlig høytidsdag", O),
            ("2026-05-14", "Kristi himmelfartsdag", O),
            ("2026-05-17", "Grunnlovsdag", O),
            ("2026-05-24", "Første pinsedag", O),
            ("2026-05-25", "Andre pinsedag", O),
            ("2026-12-24", "Julaften", C),
            ("2026-12-25", "Første juledag", O),
            ("2026-12-26", "Andre juledag", O),
            ("2026-12-31", "Nyttårsaften", C),
        ],
    );
    // 17 May 2027 is both Constitution Day and Whit Monday; calendars print both.
    check(
        Country::No,
        2027,
        &[
            ("2027-01-01", "Første nyttårsdag", O),
            ("2027-03-25", "Skjærtorsdag", O),
            ("2027-03-26", "Langfredag", O),
            ("2027-03-28", "Første påskedag", O),
            ("2027-03-29", "Andre påskedag", O),
            ("2027-05-01", "Offentlig høytidsdag", O),
            ("2027-05-06", "Kristi himmelfartsdag", O),
            ("2027-05-16", "Første pinsedag", O),
            ("2027-05-17", "Grunnlovsdag", O),
            ("2027-05-17", "Andre pinsedag", O),
            ("2027-12-24", "Julaften", C),
            ("2027-12-25", "Første juledag", O),
            ("2027-12-26", "Andre juledag", O),
            ("2027-12-31", "Nyttårsaften", C),
        ],
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn sweden_2026_and_2027() {
    check(
        Country::Se,
        2026,
        &[
            ("2026-01-01", "Nyårsdagen", O),
            ("2026-01-06", "Trettondedag jul", O),
            ("2026-04-03", "Långfredagen", O),
            ("2026-04-05", "Påskdagen", O),
            ("2026-04-06", "Annandag påsk", O),
            ("2026-05-01", "Första maj", O),
            ("2026-05-14", "Kristi himmelsfärdsdag", O),
            ("2026-05-24", "Pingstdagen", O),
            ("2026-06-06", "Sveriges nationaldag", O),
            ("2026-06-19", "Midsommarafton", C),
            ("2026-06-20", "Midsommardagen", O),
            ("2026-10-31", "Alla helgons dag", O),
            ("2026-12-24", "Julafton", C),
            ("2026-12-25", "Juldagen", O),
            ("2026-12-26", "Annandag jul", O),
            ("2026-12-31", "Nyårsafton", C),
        ],
    );
    // Midsummer Eve at the end of its range (25 June), All Saints' Day in November.
    check(
        Country::Se,
        2027,
        &[
            ("2027-01-01", "Nyårsdagen", O),
            ("2027-01-06", "Trettondedag jul", O),
            ("2027-03-26", "Långfredagen", O),
            ("2027-03-28", "Påskdagen", O),
            ("2027-03-29", "Annandag påsk", O),
            ("2027-05-01", "Första maj", O),
            ("2027-05-06", "Kristi himmelsfärdsdag", O),
            ("2027-05-16", "Pingstdagen", O),
            ("2027-06-06", "Sveriges nationaldag", O),
            ("2027-06-25", "Midsommarafton", C),
            ("2027-06-26", "Midsommardagen", O),
            ("2027-11-06", "Alla helgons dag", O),
            ("2027-12-24", "Julafton", C),
            ("2027-12-25", "Juldagen", O),
            ("2027-12-26", "Annandag jul", O),
            ("2027-12-31", "Nyårsafton", C),
        ],
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn denmark_2026_and_2027() {
    check(
        Country::Dk,
        2026,
        &[
            ("2026-01-01", "Nytårsdag", O),
            ("2026-04-02", "Skærtorsdag", O),
            ("2026-04-03", "Langfredag", O),
            ("2026-04-05", "Påskedag", O),
            ("2026-04-06", "2. påskedag", O),
            ("2026-05-14", "Kristi himmelfartsdag", O),
            ("2026-05-24", "Pinsedag", O),
            ("2026-05-25", "2. pinsedag", O),
            ("2026-06-05", "Grundlovsdag", C),
            ("2026-12-24", "Juleaftensdag", C),
            ("2026-12-25", "1. juledag", O),
            ("2026-12-26", "2. juledag", O),
            ("2026-12-31", "Nytårsaftensdag", C),
        ],
    );
    check(
        Country::Dk,
        2027,
        &[
            ("2027-01-01", "Nytårsdag", O),
            ("2027-03-25", "Skærtorsdag", O),
            ("2027-03-26", "Langfredag", O),
            ("2027-03-28", "Påskedag", O),
            ("2027-03-29", "2. påskedag", O),
            ("2027-05-06", "Kristi himmelfartsdag", O),
            ("2027-05-16", "Pinsedag", O),
            ("2027-05-17", "2. pinsedag", O),
            ("2027-06-05", "Grundlovsdag", C),
            ("2027-12-24", "Juleaftensdag", C),
            ("2027-12-25", "1. juledag", O),
            ("2027-12-26", "2. juledag", O),
            ("2027-12-31", "Nytårsaftensdag", C),
        ],
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn finland_2026_and_2027() {
    check(
        Country::Fi,
        2026,
        &[
            ("2026-01-01", "Uudenvuodenpäivä", O),
            ("2026-01-06", "Loppiainen", O),
            ("2026-04-03", "Pitkäperjantai", O),
            ("2026-04-05", "Pääsiäispäivä", O),
            ("2026-04-06", "2. pääsiäispäivä", O),
            ("2026-05-01", "Vappu", O),
            ("2026-05-14", "Helatorstai", O),
            ("2026-05-24", "Helluntaipäivä", O),
            ("2026-06-19", "Juhannusaatto", C),
            ("2026-06-20", "Juhannuspäivä", O),
            ("2026-10-31", "Pyhäinpäivä", O),
            ("2026-12-06", "Itsenäisyyspäivä", O),
            ("2026-12-24", "Jouluaatto", C),
            ("2026-12-25", "Joulupäivä", O),
            ("2026-12-26", "Tapaninpäivä", O),
        ],
    );
    check(
        Country::Fi,
        2027,
        &[
            ("2027-01-01", "Uudenvuodenpäivä", O),
            ("2027-01-06", "Loppiainen", O),
            ("2027-03-26", "Pitkäperjantai", O),
            ("2027-03-28", "Pääsiäispäivä", O),
            ("2027-03-29", "2. pääsiäispäivä", O),
            ("2027-05-01", "Vappu", O),
            ("2027-05-06", "Helatorstai", O),
            ("2027-05-16", "Helluntaipäivä", O),
            ("2027-06-25", "Juhannusaatto", C),
            ("2027-06-26", "Juhannuspäivä", O),
            ("2027-11-06", "Pyhäinpäivä", O),
            ("2027-12-06", "Itsenäisyyspäivä", O),
            ("2027-12-24", "Jouluaatto", C),
            ("2027-12-25", "Joulupäivä", O),
            ("2027-12-26", "Tapaninpäivä", O),
        ],
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn great_prayer_day_ends_with_2023() {
    // Easter 2023 was 9 April; Store bededag the fourth Friday after it.
    let prayer_day = |year: i32| {
        holidays(Country::Dk, year)
            .into_iter()
            .find(|h| h.name == "Store bededag")
            .map(|h| h.date)
    };
    assert_eq!(prayer_day(2022), Some(date("2022-05-13")));
    assert_eq!(prayer_day(2023), Some(date("2023-05-05")));
    assert_eq!(prayer_day(2024), None);
    assert_eq!(prayer_day(2027), None);
    assert!(!is_working_day(Country::Dk, date("2023-05-05")));
    // The Friday it would have been in 2024 is an ordinary working day.
    assert!(is_working_day(Country::Dk, date("2024-04-26")));
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn easter_sundays() {
    // Published Easter Sundays (Western churches), including the earliest and latest possible
    // dates (22 March 2285, 25 April 1943 and 2038) and a year before 1 AD for the arithmetic.
    let cases = [
        (1943, Some("1943-04-25")),
        (2000, Some("2000-04-23")),
        (2008, Some("2008-03-23")),
        (2019, Some("2019-04-21")),
        (2023, Some("2023-04-09")),
        (2024, Some("2024-03-31")),
        (2025, Some("2025-04-20")),
        (2026, Some("2026-04-05")),
        (2027, Some("2027-03-28")),
        (2028, Some("2028-04-16")),
        (2029, Some("2029-04-01")),
        (2030, Some("2030-04-21")),
        (2038, Some("2038-04-25")),
        (2285, Some("2285-03-22")),
        // Outside chrono's calendar: no date rather than a panic.
        (i32::MAX, None),
    ];
    for (year, expected) in cases {
        assert_eq!(easter_sunday(year), expected.map(date), "{year}");
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn working_days_skip_weekends_and_holidays() {
    use Country::{Dk, Fi, No, Se};
    // (country, date, is it a working day, the next working day after it)
    let cases = [
        // An ordinary Wednesday and a Friday.
        (No, "2026-03-11", true, "2026-03-12"),
        (No, "2026-03-13", true, "2026-03-16"),
        // Saturday: Monday is next.
        (Se, "2026-03-14", false, "2026-03-16"),
        // Norway's Easter: Wednesday before it, then nothing until Tuesday after Easter Monday.
        (No, "2026-04-01", true, "2026-04-07"),
        (No, "2026-04-02", false, "2026-04-07"),
        (No, "2026-04-06", false, "2026-04-07"),
        // Sweden works on Maundy Thursday.
        (Se, "2026-04-01", true, "2026-04-02"),
        (Se, "2026-04-02", true, "2026-04-07"),
        // 17 May 2027, a Monday, is Constitution Day and Whit Monday in Norway only.
        (No, "2027-05-14", true, "2027-05-18"),
        (No, "2027-05-17", false, "2027-05-18"),
        (Se, "2027-05-17", true, "2027-05-18"),
        (Dk, "2027-05-17", false, "2027-05-18"),
        // Midsummer Eve in Sweden and Finland, a Friday; Norway and Denmark work.
        (Se, "2026-06-19", false, "2026-06-22"),
        (Fi, "2026-06-19", false, "2026-06-22"),
        (No, "2026-06-19", true, "2026-06-22"),
        // Denmark's Constitution Day, a Friday in 2026.
        (Dk, "2026-06-05", false, "2026-06-08"),
        (No, "2026-06-05", true, "2026-06-08"),
        // Christmas 2026: Wednesday 23rd, then Monday 28th; New Year's Eve and Day, then the 4th.
        (No, "2026-12-23", true, "2026-12-28"),
        (Fi, "2026-12-24", false, "2026-12-28"),
        (No, "2026-12-30", true, "2027-01-04"),
        (Se, "2026-12-31", false, "2027-01-04"),
        // Finland works on New Year's Eve.
        (Fi, "2026-12-30", true, "2026-12-31"),
        (Fi, "2026-12-31", true, "2027-01-04"),
        // Finland's Independence Day on a Monday (2027 falls on a Monday).
        (Fi, "2027-12-06", false, "2027-12-07"),
    ];
    for (country, day, working, next) in cases {
        let day = date(day);
        let code = country.code();
        assert_eq!(is_working_day(country, day), working, "{code} {day}");
        assert_eq!(next_working_day(country, day), date(next), "{code} {day}");
        let on_or_after = if working { day } else { date(next) };
        assert_eq!(
            working_day_on_or_after(country, day),
            on_or_after,
            "{code} {day}"
        );
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn one_holiday_and_its_kind() {
    use Country::{Dk, No, Se};
    let cases = [
        (No, "2027-05-17", Some(("Grunnlovsdag", O))),
        (Se, "2026-06-19", Some(("Midsommarafton", C))),
        (Dk, "2026-12-24", Some(("Juleaftensdag", C))),
        (Se, "2026-06-18", None),
    ];
    for (country, day, expected) in cases {
        let day = date(day);
        let got = holiday(country, day).map(|h| (h.name, h.kind));
        assert_eq!(got, expected, "{} {day}", country.code());
        let official = matches!(expected, Some((_, HolidayKind::Official)));
        assert_eq!(is_official_holiday(country, day), official, "{day}");
    }
}
