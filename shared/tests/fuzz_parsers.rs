//! Property tests ("fuzzing") of every parser that reads outside input: the `/v1` body, every KSS
//! body, every carrier answer, a KSS bearer token, and the edge's answer as the widget reads it.
//!
//! Each target gets three kinds of input: arbitrary text (from arbitrary bytes, so broken UTF-8
//! sequences become replacement characters, as a body read leniently would), arbitrary JSON, and
//! the target's reference fixtures mutated by structure (a field deleted, a value replaced by
//! another JSON type, a huge or negative number, an empty or very long string, a part of the
//! document copied elsewhere, a list repeated, a key given twice, a value nested deeply), so that
//! most cases get past the first `{` and into the mapping.
//!
//! What every case must hold: the parser returns (no panic); an error names a field that is in
//! the input, or the one missing from it; and what comes out is bounded by what came in (no more
//! options or places than the input has objects, and a size linear in the input's), so no input
//! can make a parser allocate without bound.
//!
//! Cases per target: `FUZZ_CASES` (256 unless set, what `./x test` runs); the seed: `FUZZ_SEED`
//! (fixed unless set, so a failure in CI replays exactly). `./x fuzz` runs many more cases with a
//! fresh seed and prints both per target. Failures are not persisted to files: the failing input
//! (shrunk) and the seed are in the test's output, and a bug found becomes a unit test by hand.
//!
//! Native only: proptest seeds its generator from the operating system, which wasm32 has not, and
//! the parsers are the same code on both.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::cell::Cell;
use std::fmt::Debug;

use chrono::{DateTime, Utc};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, RngSeed, TestCaseError, TestRunner};
use serde_json::Value;
use shared::carriers::{bring, postnord, postplus, CarrierAnswer, CarrierFailure, Places};
use shared::kss::{kss_quote, verify_token, AuthRequest, ShipmentRequest, ShippingOptionsRequest};
use shared::model::{from_json, ShippingOption};
use shared::quote::{DeliveryOptionsRequest, Quote};
use shared::Error;

/// Cases per target in `./x test`: enough to reach every mutation on every fixture several times,
/// few enough that the whole file stays within seconds.
const DEFAULT_CASES: u32 = 256;
/// The seed of `./x test`: fixed, so CI runs the same cases every time.
const DEFAULT_SEED: u64 = 0x5EED_F0CA_CC1A;
/// The longest string a mutation writes: as long as the edge's whole body limit (64 KiB).
const LONG_TEXT: usize = 64 * 1024;

/// A widget API body (`POST /v1/delivery-options`) with every part it can have.
const V1_BODY: &str = include_str!("fixtures/delivery_options_request.json");

const KSS_AUTH: &[&str] = &[include_str!("fixtures/kss/auth_request.json")];
const KSS_SHIPPING_OPTIONS: &[&str] = &[include_str!("fixtures/kss/shippingoptions_request.json")];
const KSS_SHIPMENT: &[&str] = &[
    include_str!("fixtures/kss/shipment_request.json"),
    include_str!("fixtures/kss/shipment_put_request.json"),
];
const BRING_PRODUCTS: &[&str] = &[
    include_str!("fixtures/bring/products_callingsg_response.json"),
    include_str!("fixtures/bring/products_composed_response.json"),
    include_str!("fixtures/bring/products_eta_response.json"),
    include_str!("fixtures/bring/products_v2_response.json"),
    include_str!("fixtures/bring/products_v2_updates_response.json"),
    include_str!("fixtures/bring/products_variant_shapes.json"),
    include_str!("fixtures/bring/products_400_response.json"),
];
const BRING_PICKUP_POINTS: &[&str] = &[
    include_str!("fixtures/bring/pickup_point_by_id.json"),
    include_str!("fixtures/bring/pickup_point_default.json"),
    include_str!("fixtures/bring/pickup_points_by_coordinates.json"),
    include_str!("fixtures/bring/pickup_points_by_postal_code.json"),
    include_str!("fixtures/bring/pickup_points_variant_shapes.json"),
];
const POSTNORD_DELIVERY_OPTIONS: &[&str] = &[
    include_str!("fixtures/postnord/do_success_cross_border.json"),
    include_str!("fixtures/postnord/do_success_day_range.json"),
    include_str!("fixtures/postnord/do_success_full.json"),
    include_str!("fixtures/postnord/do_success_hand_over_time_exact.json"),
    include_str!("fixtures/postnord/do_success_time_of_latest_order_exact.json"),
    include_str!("fixtures/postnord/do_success_time_of_latest_order_range.json"),
    include_str!("fixtures/postnord/do_error_api003.json"),
    include_str!("fixtures/postnord/do_error_api005.json"),
];
const POSTNORD_SERVICE_POINTS: &[&str] = &[
    include_str!("fixtures/postnord/sp_nearest_live_shape.json"),
    include_str!("fixtures/postnord/sp_nearest_older_shape.json"),
    include_str!("fixtures/postnord/sp_nearest_spec_examples.json"),
    include_str!("fixtures/postnord/sp_fault_in_envelope.json"),
    include_str!("fixtures/postnord/sp_error.json"),
];
const POSTNORD_TOKEN: &[&str] = &[include_str!("fixtures/postnord/token_response.json")];
const POSTPLUS_PARCEL: &[&str] = &[
    include_str!("fixtures/postplus/parcel_created.json"),
    include_str!("fixtures/postplus/parcel_docs_example.json"),
    include_str!("fixtures/postplus/parcel_refused.json"),
    include_str!("fixtures/postplus/problem_400.json"),
    include_str!("fixtures/postplus/problem_401.json"),
];
const POSTPLUS_LABEL: &[&str] = &[
    include_str!("fixtures/postplus/print_ok.json"),
    include_str!("fixtures/postplus/print_docs_example.json"),
    include_str!("fixtures/postplus/problem_400.json"),
];
const POSTPLUS_SHIPMENT: &[&str] = &[
    include_str!("fixtures/postplus/shipment_created.json"),
    include_str!("fixtures/postplus/shipment_docs_example.json"),
    include_str!("fixtures/postplus/shipment_submitted.json"),
    include_str!("fixtures/postplus/problem_400.json"),
];
const POSTPLUS_LINK: &[&str] = &[
    include_str!("fixtures/postplus/link_ok.json"),
    include_str!("fixtures/postplus/link_docs_example.json"),
    include_str!("fixtures/postplus/problem_401.json"),
];
/// The edge's answer the widget's tests render: the widget reads it from a JavaScript object
/// (`widget/src/read.rs`), which exists only in a browser, so its JSON is fuzzed here through the
/// serde model that `widget/tests/element.rs` holds the reader to.
const WIDGET_ANSWER: &[&str] = &[include_str!("../../widget/tests/fixtures/answer.json")];

/// The failure statuses carrier answers are also read with (a quarter of the cases), so the
/// carriers' error-body readers are fuzzed too.
const FAILURE_STATUSES: &[u16] = &[400, 401, 403, 404, 409, 429, 500, 503];

// --- targets: the widget's API and KSS ----------------------------------------------------------

#[test]
fn v1_delivery_options_body() {
    fuzz("v1 body", documents(&[V1_BODY]), |text| {
        let request = match from_json::<DeliveryOptionsRequest>(&text) {
            Ok(request) => request,
            Err(error) => return error_names_a_field(&error, &text),
        };
        match request.validate() {
            Ok(quote) => quote_is_bounded(&quote, &text),
            Err(error) => error_names_a_field(&error, &text),
        }
    });
}

#[test]
fn kss_auth_body() {
    fuzz(
        "kss /auth body",
        documents(KSS_AUTH),
        |text| match from_json::<AuthRequest>(&text) {
            Ok(request) => match request.secret.check_nonce() {
                Ok(()) => Ok(Read::Value),
                Err(error) => error_names_a_field(&error, &text),
            },
            Err(error) => error_names_a_field(&error, &text),
        },
    );
}

#[test]
fn kss_shipping_options_body() {
    fuzz(
        "kss /shippingoptions body",
        documents(KSS_SHIPPING_OPTIONS),
        |text| match from_json::<ShippingOptionsRequest>(&text) {
            Ok(request) => match request.to_quote() {
                Ok(quote) => quote_is_bounded(&quote, &text),
                Err(error) => error_names_a_field(&error, &text),
            },
            Err(error) => error_names_a_field(&error, &text),
        },
    );
}

#[test]
fn kss_shipment_body() {
    let postplus = support::postplus::config();
    fuzz("kss /shipment body", documents(KSS_SHIPMENT), |text| {
        let request = match from_json::<ShipmentRequest>(&text) {
            Ok(request) => request,
            Err(error) => return error_names_a_field(&error, &text),
        };
        let quoted = match kss_quote(
            Some(&request.recipient),
            &request.order,
            request.currency,
            request.locale.as_deref(),
        ) {
            Ok(quote) => quote_is_bounded(&quote, &text)?,
            Err(error) => error_names_a_field(&error, &text)?,
        };
        // A confirmed reservation becomes a PostPlus parcel from the same body. (Klarna's
        // example packs into two parcels, which PostPlus does not book: what counts as read is
        // the quote.)
        match shared::kss::parcel_booking(&request, support::postplus::SHIPMENT_ID, &postplus) {
            Ok(parcel) => output_is_bounded(&parcel, 0, &text)?,
            Err(error) => error_names_a_field(&error, &text)?,
        };
        Ok(quoted)
    });
}

#[test]
fn kss_bearer_token() {
    let secret = b"fuzz-token-secret";
    let now = 1_757_664_000;
    let issued = shared::kss::issue_token("sweMerch123", secret, now);
    // The real token, the real token with a byte changed, and arbitrary text.
    let original = issued.clone();
    let tampered = (any::<Index>(), any::<u8>()).prop_map(move |(at, byte)| {
        let mut bytes = original.clone().into_bytes();
        let at = at.index(bytes.len());
        bytes[at] = byte;
        String::from_utf8_lossy(&bytes).into_owned()
    });
    let strategy = prop_oneof![Just(issued.clone()), tampered, arbitrary_text()];
    fuzz("kss bearer token", strategy, |token| {
        // Every refusal is the one `Unauthorized`, whatever the token: nothing to name but why.
        match verify_token(&token, secret, now) {
            Ok(claims) => output_is_bounded(&claims, 0, &token),
            Err(Error::Unauthorized { .. }) => Ok(Read::Refused),
            Err(other) => Err(TestCaseError::fail(format!("not Unauthorized: {other:?}"))),
        }
    });
}

#[test]
fn widget_answer() {
    #[derive(serde::Deserialize)]
    struct Answer {
        options: Vec<Value>,
    }
    fuzz("widget answer", documents(WIDGET_ANSWER), |text| {
        let answer = match from_json::<Answer>(&text) {
            Ok(answer) => answer,
            Err(error) => return error_names_a_field(&error, &text),
        };
        // Each option is read on its own, as the widget does: one it cannot read is left out,
        // and the error names a field of that option.
        let mut options: Vec<ShippingOption> = Vec::new();
        for value in &answer.options {
            let option_text = value.to_string();
            match from_json::<ShippingOption>(&option_text) {
                Ok(option) => options.push(option),
                Err(error) => {
                    error_names_a_field(&error, &option_text)?;
                }
            }
        }
        prop_assert!(options.len() <= answer.options.len());
        // The edge writes each option's delivery-time sentence from its `delivery_time`, whose
        // instants and day counts are kept as received and read only here.
        let now = monday().fixed_offset();
        for delivery_time in options.iter().filter_map(|o| o.delivery_time.as_ref()) {
            if let Err(error) = shared::render_delivery_time(delivery_time, now, "sv-SE") {
                error_names_a_field(&error, &text)?;
            }
        }
        output_is_bounded(&options, 0, &text)?;
        Ok(if options.is_empty() {
            Read::Refused
        } else {
            Read::Value
        })
    });
}

// --- targets: carrier answers -------------------------------------------------------------------

#[test]
fn bring_products() {
    let (quote, config, now) = (norwegian_quote(), support::bring::config(), monday());
    fuzz(
        "bring products",
        answers(BRING_PRODUCTS),
        |(status, text)| {
            let answer =
                bring::parse_products(status, support::bring::JSON, &text, &quote, &config, now);
            carrier_answer_holds(answer, &text)
        },
    );
}

#[test]
fn bring_pickup_points() {
    let quote = norwegian_quote();
    fuzz(
        "bring pickup points",
        answers(BRING_PICKUP_POINTS),
        |(status, text)| {
            let places = bring::parse_pickup_points(status, support::bring::JSON, &text, &quote);
            places_hold(places, &text)
        },
    );
}

#[test]
fn postnord_delivery_options() {
    let (quote, config, now) = (
        support::postnord::swedish_quote(),
        support::postnord::config(),
        monday(),
    );
    fuzz(
        "postnord delivery options",
        answers(POSTNORD_DELIVERY_OPTIONS),
        |(status, text)| {
            let answer =
                postnord::parse_delivery_options(status, JSON, &text, &quote, &config, now);
            carrier_answer_holds(answer, &text)
        },
    );
}

#[test]
fn postnord_service_points() {
    fuzz(
        "postnord service points",
        answers(POSTNORD_SERVICE_POINTS),
        |(status, text)| places_hold(postnord::parse_service_points(status, JSON, &text), &text),
    );
}

#[test]
fn postnord_token() {
    let now = monday();
    fuzz(
        "postnord token",
        answers(POSTNORD_TOKEN),
        |(status, text)| match postnord::parse_token(status, &text, now) {
            Ok(token) => {
                prop_assert!(
                    token.expires_at >= token.issued_at,
                    "expires before issued: {token:?}"
                );
                output_is_bounded(&token, 0, &text)
            }
            Err(failure) => failure_names_a_field(&failure, &text),
        },
    );
}

#[test]
fn postplus_parcel() {
    fuzz(
        "postplus parcel",
        answers(POSTPLUS_PARCEL),
        |(status, text)| booking_answer_holds(postplus::parse_parcel(status, JSON, &text), &text),
    );
}

#[test]
fn postplus_label() {
    fuzz(
        "postplus label",
        answers(POSTPLUS_LABEL),
        |(status, text)| booking_answer_holds(postplus::parse_label(status, JSON, &text), &text),
    );
}

#[test]
fn postplus_shipment() {
    fuzz(
        "postplus shipment",
        answers(POSTPLUS_SHIPMENT),
        |(status, text)| booking_answer_holds(postplus::parse_shipment(status, JSON, &text), &text),
    );
}

#[test]
fn postplus_link() {
    fuzz("postplus link", answers(POSTPLUS_LINK), |(status, text)| {
        booking_answer_holds(
            postplus::parse_link(status, JSON, &text, support::postplus::SHIPMENT_ID),
            &text,
        )
    });
}

/// The field check itself: a property that passed every error would test nothing.
#[test]
fn the_field_check_finds_fields_in_every_copy_of_a_key_and_no_others() {
    let text = r#"{"a": [{"b": 1}], "a": {"c": 2}}"#;
    assert!(has_path(text, ""));
    assert!(has_path(text, "a[0].b"));
    assert!(has_path(text, "a.c"));
    assert!(!has_path(text, "a[1]"));
    assert!(!has_path(text, "a.b"));
    assert!(names_a_field(text, "a[0].d", true).is_ok());
    assert!(names_a_field(text, "a[0].d", false).is_err());
    assert!(names_a_field(text, "x.y", true).is_err());
    assert_eq!(objects_in(text), 3);
}

// --- the runner ---------------------------------------------------------------------------------

/// What a parser made of one input, once the properties held.
enum Read {
    /// A value: a request, options, places, a token.
    Value,
    /// An error, which named its field.
    Refused,
}

type Outcome = Result<Read, TestCaseError>;

/// Runs `property` on `FUZZ_CASES` inputs from `strategy` and prints how many ran and how many
/// were read into a value; panics with the shrunk failing input and the seed when one fails, and
/// when fewer than 1 case in 50 was read: then the inputs no longer reach the mapping (a fixture
/// changed shape, or a mutation breaks every document), and the target tests only its error path.
fn fuzz<S>(target: &str, strategy: S, property: impl Fn(S::Value) -> Outcome)
where
    S: Strategy,
    S::Value: Debug,
{
    let cases =
        env_number("FUZZ_CASES").map_or(DEFAULT_CASES, |n| u32::try_from(n).unwrap_or(u32::MAX));
    let seed = env_number("FUZZ_SEED").unwrap_or(DEFAULT_SEED);
    let mut runner = TestRunner::new(Config {
        cases,
        rng_seed: RngSeed::Fixed(seed),
        // Nothing is written into the source tree: a failure is replayed from its seed.
        failure_persistence: None,
        ..Config::default()
    });
    let (ran, read) = (Cell::new(0_u64), Cell::new(0_u64));
    let started = std::time::Instant::now();
    let result = runner.run(&strategy, |input| {
        ran.set(ran.get() + 1);
        let outcome = property(input)?;
        if matches!(outcome, Read::Value) {
            read.set(read.get() + 1);
        }
        Ok(())
    });
    println!(
        "fuzz {target}: {} cases, {} read into a value, in {:.1} s (FUZZ_SEED={seed})",
        ran.get(),
        read.get(),
        started.elapsed().as_secs_f64()
    );
    if let Err(error) = result {
        panic!("fuzz {target} failed (FUZZ_SEED={seed} FUZZ_CASES={cases}): {error}");
    }
    assert!(
        read.get() * 50 >= ran.get(),
        "fuzz {target}: only {} of {} cases were read into a value",
        read.get(),
        ran.get()
    );
}

fn env_number(name: &str) -> Option<u64> {
    let text = std::env::var(name).ok()?;
    Some(
        text.trim()
            .parse()
            .unwrap_or_else(|_| panic!("{name} must be a whole number, got {text:?}")),
    )
}

// --- the properties -----------------------------------------------------------------------------

const JSON: Option<&str> = Some("application/json");

/// A carrier's options: no more than the answer has objects, each bounded; a failure names a field.
fn carrier_answer_holds(answer: Result<CarrierAnswer, CarrierFailure>, text: &str) -> Outcome {
    let answer = match answer {
        Ok(answer) => answer,
        Err(failure) => return failure_names_a_field(&failure, text),
    };
    let objects = objects_in(text);
    prop_assert!(
        answer.options.len() <= objects,
        "{} options from {objects} objects",
        answer.options.len()
    );
    let places: usize = answer
        .options
        .iter()
        .map(|o| o.locations.as_ref().map_or(0, Vec::len))
        .sum();
    prop_assert!(places <= objects, "{places} places from {objects} objects");
    output_is_bounded(&answer, answer.options.len() + answer.warnings.len(), text)
}

/// A carrier's places: no more than the answer has objects; a failure names a field.
fn places_hold(places: Result<Places, CarrierFailure>, text: &str) -> Outcome {
    let places = match places {
        Ok(places) => places,
        Err(failure) => return failure_names_a_field(&failure, text),
    };
    let objects = objects_in(text);
    prop_assert!(
        places.locations.len() <= objects,
        "{} places from {objects} objects",
        places.locations.len()
    );
    output_is_bounded(
        &places,
        places.locations.len() + places.warnings.len(),
        text,
    )
}

/// A PostPlus answer: bounded; a refusal carries PostPlus's texts cut short; a failure names a
/// field.
fn booking_answer_holds<T: Debug>(
    answer: Result<T, postplus::BookingFailure>,
    text: &str,
) -> Outcome {
    match answer {
        Ok(value) => output_is_bounded(&value, 0, text),
        Err(postplus::BookingFailure::Carrier(failure)) => failure_names_a_field(&failure, text),
        Err(failure) => output_is_bounded(&failure, 0, text).map(|_| Read::Refused),
    }
}

/// A validated question: no more parcels than the limit (the limit holds however many were sent).
fn quote_is_bounded(quote: &Quote, text: &str) -> Outcome {
    prop_assert!(quote.parcels.len() <= shared::quote::MAX_PARCELS);
    prop_assert!(!quote.parcels.is_empty());
    output_is_bounded(quote, 0, text)
}

/// What a parser made is at most linear in what it read: its text at most 16 times the input's,
/// plus 4 KiB per option, place or warning (each carries configured names, logos, sentences).
fn output_is_bounded<T: Debug>(output: &T, parts: usize, text: &str) -> Outcome {
    let size = format!("{output:?}").len();
    let bound = 16 * text.len() + 4096 * (parts + 1);
    prop_assert!(size <= bound, "{size} bytes out of {} bytes in", text.len());
    Ok(Read::Value)
}

/// An error of ours names a field the input has, or the one missing from it (whose object the
/// input has).
fn error_names_a_field(error: &Error, text: &str) -> Outcome {
    match error {
        Error::Json { path, message } => {
            let missing = message.starts_with("missing field");
            names_a_field(text, path, missing)?;
        }
        Error::Invalid { field, problem } => {
            // A required value that is absent or empty is named by where it belongs.
            let absent = problem == "is required" || problem.contains("must not be empty");
            names_a_field(text, field, absent || !has_path(text, field))?;
        }
        // A currency, instant or day count is named by the message itself (`delivery_time.x`).
        Error::Currency(_) | Error::Instant { .. } | Error::Days { .. } | Error::Offset { .. } => {}
        other => return Err(TestCaseError::fail(format!("unexpected error {other:?}"))),
    }
    Ok(Read::Refused)
}

/// A carrier failure that says where an answer was unreadable names a path the input has, or a
/// field missing from an object it has. Its text is at most linear in the body: the carriers'
/// own error texts are kept (each cut short), as many as the body has.
fn failure_names_a_field(failure: &CarrierFailure, text: &str) -> Outcome {
    let detail = failure.detail().unwrap_or("");
    if let CarrierFailure::Malformed { detail } = failure {
        if let Some(rest) = detail.strip_prefix("the body is ") {
            if let Some(path) = rest.split('`').nth(1) {
                let missing = rest.contains("` is missing");
                names_a_field(text, path, missing)?;
            }
        }
    }
    prop_assert!(
        detail.len() <= 1024 + 2 * text.len(),
        "a failure text of {} bytes from {} bytes",
        detail.len(),
        text.len()
    );
    Ok(Read::Refused)
}

/// Whether `path` (`a.b[0].c`) is in the JSON `text`; when `missing`, whether the object it
/// belongs to is (`a.b[0]`).
fn names_a_field(text: &str, path: &str, missing: bool) -> Result<(), TestCaseError> {
    let found = if missing {
        let parent = parent_of(path);
        has_path(text, parent)
    } else {
        has_path(text, path)
    };
    prop_assert!(
        found,
        "the error names `{path}` (missing: {missing}), which is not in the input"
    );
    Ok(())
}

fn parent_of(path: &str) -> &str {
    match path.rfind(['.', '[']) {
        Some(at) => &path[..at],
        None => "",
    }
}

/// Whether the path is in `text`. A key given twice is searched in every copy: serde reads the
/// first and may fail there, where a `serde_json::Value` keeps only the last.
fn has_path(text: &str, path: &str) -> bool {
    let Ok(root) = serde_json::from_str::<Doc>(text) else {
        // Broken JSON: the path cannot be checked against a tree; it must at least be spelled in it.
        return path_segments(path).iter().all(|segment| match segment {
            Segment::Key(key) => text.contains(key.as_str()),
            Segment::Index(_) => true,
        });
    };
    root.has(&path_segments(path))
}

enum Segment {
    Key(String),
    Index(usize),
}

fn path_segments(path: &str) -> Vec<Segment> {
    let mut segments = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (key, indices) = part
            .split_once('[')
            .map_or((part, ""), |(k, rest)| (k, rest));
        if !key.is_empty() {
            segments.push(Segment::Key(key.to_owned()));
        }
        for index in indices.split('[') {
            if let Ok(i) = index.trim_end_matches(']').parse() {
                segments.push(Segment::Index(i));
            }
        }
    }
    segments
}

/// The number of JSON objects in `text`, every copy of a key counted: the most options or places
/// an answer can describe. Text this test cannot read as a tree (nested deeper than serde_json's
/// recursion limit, which a parser that skips the deep part never meets) counts its braces.
fn objects_in(text: &str) -> usize {
    fn count(doc: &Doc) -> usize {
        usize::from(matches!(doc, Doc::Object(_))) + doc.children().map(count).sum::<usize>()
    }
    serde_json::from_str::<Doc>(text).map_or_else(|_| text.matches('{').count(), |doc| count(&doc))
}

// --- the inputs ---------------------------------------------------------------------------------

/// A carrier's answer: a status and a body.
fn answers(fixtures: &'static [&'static str]) -> impl Strategy<Value = (u16, String)> {
    let status = prop_oneof![
        3 => prop_oneof![Just(200), Just(201)],
        1 => proptest::sample::select(FAILURE_STATUSES),
    ];
    (status, documents(fixtures))
}

/// Arbitrary text, arbitrary JSON, and (most often) a fixture mutated by structure.
fn documents(fixtures: &[&'static str]) -> BoxedStrategy<String> {
    let docs: Vec<Doc> = fixtures
        .iter()
        .map(|text| Doc::from(&serde_json::from_str::<Value>(text).expect("a fixture is JSON")))
        .collect();
    prop_oneof![
        1 => arbitrary_text(),
        1 => arbitrary_json().prop_map(|value| value.to_string()),
        6 => mutated(docs),
    ]
    .boxed()
}

fn arbitrary_text() -> BoxedStrategy<String> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..256)
            .prop_map(|bytes| String::from_utf8_lossy(&bytes).into_owned()),
        any::<String>(),
    ]
    .boxed()
}

fn arbitrary_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        "\\PC{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            proptest::collection::btree_map("[a-zA-Z_]{1,12}", inner, 0..8)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

/// One of the fixtures with up to 4 mutations (none in some cases, the fixture as it is), as
/// JSON text.
fn mutated(docs: Vec<Doc>) -> impl Strategy<Value = String> {
    (
        proptest::sample::select(docs),
        proptest::collection::vec(mutation(), 0..=4),
    )
        .prop_map(|(mut doc, mutations)| {
            let original = doc.clone();
            for mutation in mutations {
                mutation.apply(&mut doc, &original);
            }
            doc.to_string()
        })
}

/// A JSON document that can say what `serde_json::Value` cannot: a key given twice, and a number
/// exactly as written (`1e308`, `18446744073709551616`, `-0`).
#[derive(Clone, Debug)]
enum Doc {
    Null,
    Bool(bool),
    Number(String),
    Text(String),
    List(Vec<Doc>),
    Object(Vec<(String, Doc)>),
}

impl From<&Value> for Doc {
    fn from(value: &Value) -> Doc {
        match value {
            Value::Null => Doc::Null,
            Value::Bool(b) => Doc::Bool(*b),
            Value::Number(n) => Doc::Number(n.to_string()),
            Value::String(s) => Doc::Text(s.clone()),
            Value::Array(items) => Doc::List(items.iter().map(Doc::from).collect()),
            Value::Object(map) => {
                Doc::Object(map.iter().map(|(k, v)| (k.clone(), Doc::from(v))).collect())
            }
        }
    }
}

impl std::fmt::Display for Doc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let quoted = |s: &str| serde_json::to_string(s).expect("a string serializes");
        match self {
            Doc::Null => f.write_str("null"),
            Doc::Bool(b) => write!(f, "{b}"),
            Doc::Number(n) => f.write_str(n),
            Doc::Text(s) => f.write_str(&quoted(s)),
            Doc::List(items) => {
                f.write_str("[")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    write!(f, "{item}")?;
                }
                f.write_str("]")
            }
            Doc::Object(fields) => {
                f.write_str("{")?;
                for (i, (key, value)) in fields.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    write!(f, "{}:{value}", quoted(key))?;
                }
                f.write_str("}")
            }
        }
    }
}

impl<'de> serde::Deserialize<'de> for Doc {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Doc, D::Error> {
        deserializer.deserialize_any(DocVisitor)
    }
}

/// Reads JSON into a [`Doc`], keeping every copy of a key in order.
struct DocVisitor;

impl<'de> serde::de::Visitor<'de> for DocVisitor {
    type Value = Doc;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("JSON")
    }
    fn visit_unit<E>(self) -> Result<Doc, E> {
        Ok(Doc::Null)
    }
    fn visit_bool<E>(self, b: bool) -> Result<Doc, E> {
        Ok(Doc::Bool(b))
    }
    fn visit_i64<E>(self, n: i64) -> Result<Doc, E> {
        Ok(Doc::Number(n.to_string()))
    }
    fn visit_u64<E>(self, n: u64) -> Result<Doc, E> {
        Ok(Doc::Number(n.to_string()))
    }
    fn visit_f64<E>(self, n: f64) -> Result<Doc, E> {
        Ok(Doc::Number(n.to_string()))
    }
    fn visit_str<E>(self, s: &str) -> Result<Doc, E> {
        Ok(Doc::Text(s.to_owned()))
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Doc, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Doc::List(items))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Doc, A::Error> {
        let mut fields = Vec::new();
        while let Some(field) = map.next_entry()? {
            fields.push(field);
        }
        Ok(Doc::Object(fields))
    }
}

impl Doc {
    /// Whether the path is in this document, through any copy of a key.
    fn has(&self, path: &[Segment]) -> bool {
        let Some((first, rest)) = path.split_first() else {
            return true;
        };
        match (first, self) {
            (Segment::Key(key), Doc::Object(fields)) => fields
                .iter()
                .any(|(name, value)| name == key && value.has(rest)),
            (Segment::Index(i), Doc::List(items)) => {
                items.get(*i).is_some_and(|item| item.has(rest))
            }
            _ => false,
        }
    }

    /// The number of nodes, this one included.
    fn size(&self) -> usize {
        1 + self.children().map(Doc::size).sum::<usize>()
    }

    fn children(&self) -> Box<dyn Iterator<Item = &Doc> + '_> {
        match self {
            Doc::List(items) => Box::new(items.iter()),
            Doc::Object(fields) => Box::new(fields.iter().map(|(_, v)| v)),
            _ => Box::new(std::iter::empty()),
        }
    }

    /// The `n`th node in document order (0 is this one).
    fn nth(&self, n: &mut usize) -> Option<&Doc> {
        if *n == 0 {
            return Some(self);
        }
        *n -= 1;
        self.children().find_map(|child| child.nth(n))
    }

    fn nth_mut(&mut self, n: &mut usize) -> Option<&mut Doc> {
        if *n == 0 {
            return Some(self);
        }
        *n -= 1;
        match self {
            Doc::List(items) => items.iter_mut().find_map(|child| child.nth_mut(n)),
            Doc::Object(fields) => fields.iter_mut().find_map(|(_, child)| child.nth_mut(n)),
            _ => None,
        }
    }
}

/// One change to a document, at a node chosen by `at`.
#[derive(Clone, Debug)]
enum Mutation {
    /// A field or item of the node left out.
    Remove { at: Index, child: Index },
    /// The node replaced by another value (another type, a huge number, a long string…).
    Replace { at: Index, with: Doc },
    /// The node replaced by a copy of another part of the original document.
    Splice { at: Index, from: Index },
    /// One item of a list repeated `times` times.
    Repeat {
        at: Index,
        child: Index,
        times: usize,
    },
    /// One key of an object given a second time, with another value.
    DuplicateKey { at: Index, child: Index, with: Doc },
    /// The node wrapped in `depth` lists (beyond serde_json's recursion limit of 128 too).
    Nest { at: Index, depth: usize },
    /// A string or number changed a little, as a typo or a carrier's other format would: a string
    /// cut at `pos`, a character left out or `extra` put in there; a number negated, one more,
    /// a thousand times larger, or given a fraction. Values that almost fit reach the checks
    /// beyond the type (a postal code's length, a time's digits) that a whole new value rarely does.
    Tweak {
        at: Index,
        pos: Index,
        how: u8,
        extra: char,
    },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => (any::<Index>(), any::<Index>()).prop_map(|(at, child)| Mutation::Remove { at, child }),
        4 => (any::<Index>(), replacement()).prop_map(|(at, with)| Mutation::Replace { at, with }),
        2 => (any::<Index>(), any::<Index>()).prop_map(|(at, from)| Mutation::Splice { at, from }),
        1 => (any::<Index>(), any::<Index>(), 2_usize..400)
            .prop_map(|(at, child, times)| Mutation::Repeat { at, child, times }),
        1 => (any::<Index>(), any::<Index>(), replacement())
            .prop_map(|(at, child, with)| Mutation::DuplicateKey { at, child, with }),
        1 => (any::<Index>(), 1_usize..200).prop_map(|(at, depth)| Mutation::Nest { at, depth }),
        4 => (any::<Index>(), any::<Index>(), 0_u8..4, any::<char>())
            .prop_map(|(at, pos, how, extra)| Mutation::Tweak { at, pos, how, extra }),
    ]
}

/// Values that parsers trip on: every JSON type, numbers at and beyond every integer and float
/// limit, and strings that are empty, blank, very long, or look like what they are not.
fn replacement() -> impl Strategy<Value = Doc> {
    const NUMBERS: &[&str] = &[
        "0",
        "-0",
        "1",
        "-1",
        "0.5",
        "-0.5",
        "1e308",
        "-1e308",
        "1e-308",
        "1e999",
        "-1e999",
        "255",
        "256",
        "65535",
        "65536",
        "2147483647",
        "2147483648",
        "-2147483649",
        "4294967295",
        "4294967296",
        "9007199254740993",
        "9223372036854775807",
        "9223372036854775808",
        "-9223372036854775808",
        "-9223372036854775809",
        "18446744073709551615",
        "18446744073709551616",
        "100000000000000000000000000000",
        "1.0",
        "2.5e3",
    ];
    const TEXTS: &[&str] = &[
        "",
        " ",
        "0",
        "-1",
        "1e308",
        "NaN",
        "null",
        "true",
        "2025-09-12",
        "2025-13-45",
        "2025-09-12T08:00:00Z",
        "9999-12-31T23:59:59+14:00",
        "24:00",
        "00:00",
        "0800",
        "25:61",
        "Man - Fre: 0800-2200",
        "Søn: 2400-0000",
        "SE",
        "NO",
        "XX",
        "SEK",
        "sek",
        "€€€",
        "411 04",
        "\u{0}",
        "\u{feff}",
        "é",
        "🦀",
        "<img src=x onerror=alert(1)>",
        "a.b[0]",
        "`",
    ];
    prop_oneof![
        Just(Doc::Null),
        any::<bool>().prop_map(Doc::Bool),
        proptest::sample::select(NUMBERS).prop_map(|n| Doc::Number(n.to_owned())),
        any::<i64>().prop_map(|n| Doc::Number(n.to_string())),
        any::<u64>().prop_map(|n| Doc::Number(n.to_string())),
        any::<f64>()
            .prop_filter("a JSON number", |f| f.is_finite())
            .prop_map(|f| Doc::Number(format!("{f:e}"))),
        proptest::sample::select(TEXTS).prop_map(|s| Doc::Text(s.to_owned())),
        "\\PC{0,24}".prop_map(Doc::Text),
        (
            1_usize..=LONG_TEXT,
            proptest::sample::select(&["x", "é", "9", " "][..])
        )
            .prop_map(|(n, s)| Doc::Text(s.repeat(n))),
        Just(Doc::List(Vec::new())),
        Just(Doc::Object(Vec::new())),
    ]
}

impl Mutation {
    fn apply(self, doc: &mut Doc, original: &Doc) {
        let (Mutation::Remove { at, .. }
        | Mutation::Replace { at, .. }
        | Mutation::Splice { at, .. }
        | Mutation::Repeat { at, .. }
        | Mutation::DuplicateKey { at, .. }
        | Mutation::Nest { at, .. }
        | Mutation::Tweak { at, .. }) = &self;
        let mut n = at.index(doc.size());
        let Some(target) = doc.nth_mut(&mut n) else {
            return;
        };
        match self {
            Mutation::Remove { child, .. } => match target {
                Doc::List(items) if !items.is_empty() => {
                    items.remove(child.index(items.len()));
                }
                Doc::Object(fields) if !fields.is_empty() => {
                    fields.remove(child.index(fields.len()));
                }
                _ => {}
            },
            Mutation::Replace { with, .. } => *target = with,
            Mutation::Splice { from, .. } => {
                let mut n = from.index(original.size());
                if let Some(part) = original.nth(&mut n) {
                    *target = part.clone();
                }
            }
            Mutation::Repeat { child, times, .. } => {
                if let Doc::List(items) = target {
                    if !items.is_empty() {
                        let item = items[child.index(items.len())].clone();
                        items.extend(std::iter::repeat_n(item, times));
                    }
                }
            }
            Mutation::DuplicateKey { child, with, .. } => {
                if let Doc::Object(fields) = target {
                    if !fields.is_empty() {
                        let key = fields[child.index(fields.len())].0.clone();
                        fields.push((key, with));
                    }
                }
            }
            Mutation::Tweak {
                pos, how, extra, ..
            } => tweak(target, &pos, how, extra),
            Mutation::Nest { depth, .. } => {
                let mut nested = std::mem::replace(target, Doc::Null);
                for _ in 0..depth {
                    nested = Doc::List(vec![nested]);
                }
                *target = nested;
            }
        }
    }
}

fn tweak(target: &mut Doc, pos: &Index, how: u8, extra: char) {
    match target {
        Doc::Text(text) => {
            let boundaries: Vec<usize> = text
                .char_indices()
                .map(|(i, _)| i)
                .chain([text.len()])
                .collect();
            let at = boundaries[pos.index(boundaries.len())];
            match how {
                0 => text.truncate(at),
                1 if at < text.len() => {
                    text.remove(at);
                }
                _ => text.insert(at, extra),
            }
        }
        Doc::Number(number) => {
            *number = match how {
                0 => match number.strip_prefix('-') {
                    Some(positive) => positive.to_owned(),
                    None => format!("-{number}"),
                },
                1 => number
                    .parse::<i128>()
                    .map_or_else(|_| format!("{number}1"), |n| (n + 1).to_string()),
                2 if !number.contains(['e', 'E']) => format!("{number}000"),
                _ if !number.contains(['.', 'e', 'E']) => format!("{number}.5"),
                _ => format!("{number}0"),
            }
        }
        _ => {}
    }
}

// --- fixed parts of the questions ---------------------------------------------------------------

fn norwegian_quote() -> Quote {
    support::quote(
        r#"{"recipient": {"country": "NO", "postal_code": "5518", "street_address": "Testsvingen 2"},
            "parcels": [{"weight_grams": 1200, "length_cm": 30, "width_cm": 20, "height_cm": 10}]}"#,
    )
}

/// Monday 8 September 2025, 09:00 in Oslo and Stockholm: before every cutoff.
fn monday() -> DateTime<Utc> {
    support::at("2025-09-08T07:00:00Z")
}
