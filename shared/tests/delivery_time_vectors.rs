//! Conformance: every case of every `tests/vectors/*.json` file renders exactly as expected.
//!
//! The file list is compiled in by `build.rs` (wasm has no file system), so adding a vector file
//! needs no code change here. Runs natively and as wasm.

use chrono::DateTime;
use serde::Deserialize;
use shared::model::DeliveryTime;
use shared::{render_delivery_time, Locale};

include!(concat!(env!("OUT_DIR"), "/vector_files.rs"));

#[derive(Deserialize)]
struct VectorFile {
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    now: String,
    locale: String,
    delivery_time: DeliveryTime,
    expected: Option<String>,
}

fn load() -> Vec<(&'static str, Case)> {
    let mut all = Vec::new();
    for (file, text) in VECTOR_FILES {
        let parsed: VectorFile =
            serde_json::from_str(text).unwrap_or_else(|e| panic!("{file}: {e}"));
        all.extend(parsed.cases.into_iter().map(|case| (*file, case)));
    }
    all
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn every_vector_renders_exactly() {
    let cases = load();
    assert!(!cases.is_empty(), "no vectors found in tests/vectors");
    let mut failures = Vec::new();
    for (file, case) in &cases {
        let now = DateTime::parse_from_rfc3339(&case.now)
            .unwrap_or_else(|e| panic!("{file} / {}: bad `now`: {e}", case.name));
        let actual = render_delivery_time(&case.delivery_time, now, &case.locale);
        if actual.as_ref() != Ok(&case.expected) {
            failures.push(format!(
                "{file} / {} [{}]\n   expected: {:?}\n     actual: {:?}",
                case.name, case.locale, case.expected, actual
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} vectors failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

/// Each locale is covered by its own set of cases, not just the English table.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn every_locale_has_at_least_fifteen_cases() {
    let cases = load();
    for locale in Locale::ALL {
        let count = cases
            .iter()
            .filter(|(_, c)| Locale::from_tag(&c.locale) == locale)
            .count();
        assert!(
            count >= 15,
            "locale {} has {count} vector cases, needs at least 15",
            locale.tag()
        );
    }
}

/// Case names are how a failure is found again: they must be unique within a file.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn case_names_are_unique_per_file() {
    let cases = load();
    let mut seen = std::collections::BTreeSet::new();
    for (file, case) in &cases {
        assert!(
            seen.insert((*file, case.name.as_str())),
            "{file}: duplicate case name {:?}",
            case.name
        );
    }
}
