//! Which hours apply on a date: a date override, else the weekday's, else the default ones.
//! Runs natively and as wasm.

use chrono::NaiveDate;
use shared::model::{OpeningHours, OperationalHours};

fn hours(json: &str) -> OperationalHours {
    serde_json::from_str(json).unwrap_or_else(|error| panic!("hours parse: {error}"))
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date")
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_date_override_wins_then_the_weekday_then_the_default() {
    // Open 08–20 usually, 10–16 on Saturdays; closed on 17 May 2027 (a Monday), shorter on
    // 24 December 2026 (a Thursday); one entry in a shape of someone else's, not guessed at.
    let place = hours(
        r#"{"default": [{"open": "08:00", "close": "20:00"}],
            "overrides": {"weekday": {"sat": [{"open": "10:00", "close": "16:00"}]},
                          "date": [{"date": "2027-05-17", "reason": "Grunnlovsdag", "hours": [{"closed": true}]},
                                   {"date": "2026-12-24", "hours": [{"open": "09:00", "close": "13:00"}]},
                                   {"day": "2026-12-25", "closed": true}]}}"#,
    );
    let span = |open: &str, close: &str| OpeningHours {
        open: Some(open.to_owned()),
        close: Some(close.to_owned()),
        ..OpeningHours::default()
    };
    let cases = [
        ("2027-05-17", vec![OpeningHours::closed()]),
        ("2027-05-18", vec![span("08:00", "20:00")]),
        ("2026-12-24", vec![span("09:00", "13:00")]),
        ("2026-12-25", vec![span("08:00", "20:00")]),
        ("2026-12-26", vec![span("10:00", "16:00")]),
    ];
    for (date, expected) in cases {
        assert_eq!(place.hours_on(day(date)), expected, "{date}");
    }
    assert_eq!(
        OperationalHours::default().hours_on(day("2026-12-24")),
        vec![]
    );
}
