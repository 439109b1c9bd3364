//! The booking state machine the edge's Durable Object drives, run natively with canned
//! answers: from start to done; a timeout and a crash mid-way, after which the retry sends the
//! same upsert key and carries on (one parcel in the end); the exact backoff schedule and giving
//! up; refusals; a closed day's shipment; answers to a step already done; the stored JSON.
//! Runs natively and as wasm.

mod support;

use std::collections::BTreeSet;
use std::time::Duration;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use serde_json::{json, Value};
use shared::carriers::postplus::{
    apply, apply_no_answer, label_request, link_request, next_request, parcel_request, retry_delay,
    shipment_request, BookingFailure, BookingState, BookingStatus, BookingStep, PostPlusConfig,
    MAX_ATTEMPTS,
};
use shared::carriers::{CarrierFailure, OutboundRequest};
use support::at;
use support::postplus::{assert_no_secret, booking, config, API_KEY, FRIDAY_MORNING, SHIPMENT_ID};

const PARCEL_CREATED: &str = include_str!("fixtures/postplus/parcel_created.json");
const PARCEL_REFUSED: &str = include_str!("fixtures/postplus/parcel_refused.json");
const PRINT_OK: &str = include_str!("fixtures/postplus/print_ok.json");
const SHIPMENT_CREATED: &str = include_str!("fixtures/postplus/shipment_created.json");
const SHIPMENT_SUBMITTED: &str = include_str!("fixtures/postplus/shipment_submitted.json");
const LINK_OK: &str = include_str!("fixtures/postplus/link_ok.json");
const LINK_DOCS: &str = include_str!("fixtures/postplus/link_docs_example.json");
const JSON: Option<&str> = Some("application/json");

fn friday() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 9, 12).expect("a date")
}

fn new_state(config: &PostPlusConfig) -> BookingState {
    BookingState::new(SHIPMENT_ID, config, at(FRIDAY_MORNING)).expect("a usable shipment id")
}

fn next(state: &BookingState, now: DateTime<Utc>) -> Option<(BookingStep, OutboundRequest)> {
    next_request(state, &booking(), &config(), API_KEY, now)
}

/// Applies PostPlus's 200 JSON answer `body` to `step`.
fn answer(
    state: &mut BookingState,
    step: &BookingStep,
    body: &str,
    now: DateTime<Utc>,
) -> Result<(), BookingFailure> {
    apply(state, step, 200, JSON, body, now)
}

/// The canned 200 answer PostPlus gives to each step of a good booking.
fn good_answer(step: &BookingStep) -> &'static str {
    match step {
        BookingStep::CreateParcel => PARCEL_CREATED,
        BookingStep::FetchLabel { .. } => PRINT_OK,
        BookingStep::OpenShipment { .. } => SHIPMENT_CREATED,
        BookingStep::LinkToShipment { .. } => LINK_OK,
        BookingStep::Done => "",
    }
}

/// The `senderParcelNr` of every parcel upsert among `sent`: the parcels PostPlus would hold.
fn parcel_keys(sent: &[OutboundRequest]) -> BTreeSet<String> {
    sent.iter()
        .filter(|r| r.url.ends_with("/api/v1/parcels"))
        .map(|r| {
            let body: Value =
                serde_json::from_str(r.body.as_deref().unwrap_or("{}")).expect("JSON");
            body["identifiers"]["senderParcelNr"]
                .as_str()
                .unwrap_or_default()
                .to_owned()
        })
        .collect()
}

fn done_state_json() -> Value {
    json!({
        "sender_parcel_nr": SHIPMENT_ID,
        "ship_date": "2025-09-12",
        "status": "done",
        "parcel_id": 1234,
        "tracking_id": "RS12345678US",
        "print_id": 7001234,
        "label": { "print_id": 7001234, "format": "Pdf", "type": "PostalLabel", "bytes": 48213,
                   "barcodes": ["RS12345678US"] },
        "shipment_id": 501,
        "shipment_nr": "SHOP-20250912",
        "linked": true,
        "attempts": 0,
        "last_error": null,
        "next_retry_at": null,
        // parcel_created.json's `status.warningDetails`, kept once however often it was sent.
        "notes": ["Receiver phone was normalized"]
    })
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_booking_from_start_to_done() {
    let config = config();
    let now = at(FRIDAY_MORNING);
    let mut state = new_state(&config);
    assert_eq!(state.step(), BookingStep::CreateParcel);
    assert_eq!(state.wake_at(now), Some(now));
    let expected = [
        (
            BookingStep::CreateParcel,
            parcel_request(&booking(), &config, API_KEY),
        ),
        (
            BookingStep::FetchLabel { print_id: 7001234 },
            label_request(7001234, &config, API_KEY),
        ),
        (
            BookingStep::OpenShipment { date: friday() },
            shipment_request(friday(), &config, API_KEY),
        ),
        (
            BookingStep::LinkToShipment { shipment_id: 501 },
            link_request(501, Some("SHOP-20250912"), SHIPMENT_ID, &config, API_KEY),
        ),
    ];
    for (step, request) in expected {
        assert_eq!(next(&state, now), Some((step.clone(), request)), "{step:?}");
        assert_eq!(
            answer(&mut state, &step, good_answer(&step), now),
            Ok(()),
            "{step:?}"
        );
    }
    assert_eq!(state.step(), BookingStep::Done);
    assert_eq!(state.status, BookingStatus::Done);
    assert_eq!(next(&state, now), None);
    assert_eq!(state.wake_at(now), None);
    let stored = serde_json::to_value(&state).expect("serializes");
    assert_eq!(stored, done_state_json());
    assert_eq!(
        serde_json::from_value::<BookingState>(stored).expect("reads back"),
        state
    );
    assert_no_secret(&format!("{state:?}"));
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn timeouts_and_a_crash_never_make_a_second_parcel() {
    let config = config();
    let start = at(FRIDAY_MORNING);
    let mut state = new_state(&config);
    let mut sent: Vec<OutboundRequest> = Vec::new();

    // The upsert times out: PostPlus may or may not have created the parcel.
    let (step, first) = next(&state, start).expect("a request");
    sent.push(first.clone());
    assert_eq!(
        apply_no_answer(&mut state, &step, start),
        Err(BookingFailure::NoAnswer)
    );
    assert_eq!(state.attempts, 1);
    assert_eq!(state.last_error.as_deref(), Some("postplus did not answer"));
    let retry_at = start + TimeDelta::seconds(30);
    assert_eq!(state.next_retry_at, Some(retry_at));
    assert_eq!(state.wake_at(start), Some(retry_at));
    // A repeated confirm before then sends nothing; at the alarm, the same request again.
    assert_eq!(next(&state, retry_at - TimeDelta::seconds(1)), None);
    let (step, again) = next(&state, retry_at).expect("the retry");
    assert_eq!(step, BookingStep::CreateParcel);
    assert_eq!(again, first, "the retry is byte for byte the first attempt");
    sent.push(again);

    // This time PostPlus answers, but the Durable Object crashes before it stores the state: the
    // next run starts from the stored (older) state, and sends the same upsert once more.
    let stored = serde_json::to_string(&state).expect("serializes");
    let mut answered = state.clone();
    assert_eq!(
        answer(&mut answered, &step, PARCEL_CREATED, retry_at),
        Ok(())
    );
    let mut state: BookingState = serde_json::from_str(&stored).expect("reads back");
    let (step, after_crash) = next(&state, retry_at).expect("a request");
    assert_eq!(after_crash, first);
    sent.push(after_crash);
    assert_eq!(answer(&mut state, &step, PARCEL_CREATED, retry_at), Ok(()));
    assert_eq!(state.attempts, 0);
    assert_eq!(state.last_error, None);
    assert_eq!(state.next_retry_at, None);

    // The day's shipment times out too: sent again, with the same number and updateIfExists.
    let (step, label) = next(&state, retry_at).expect("label");
    sent.push(label);
    assert_eq!(answer(&mut state, &step, PRINT_OK, retry_at), Ok(()));
    let (step, shipment) = next(&state, retry_at).expect("shipment");
    sent.push(shipment.clone());
    assert_eq!(
        apply_no_answer(&mut state, &step, retry_at),
        Err(BookingFailure::NoAnswer)
    );
    let later = retry_at + TimeDelta::seconds(30);
    let (step, shipment_again) = next(&state, later).expect("shipment again");
    assert_eq!(shipment_again, shipment);
    sent.push(shipment_again);
    assert_eq!(answer(&mut state, &step, SHIPMENT_CREATED, later), Ok(()));
    let (step, link) = next(&state, later).expect("link");
    sent.push(link);
    assert_eq!(answer(&mut state, &step, LINK_OK, later), Ok(()));

    assert_eq!(state.status, BookingStatus::Done);
    assert_eq!(
        serde_json::to_value(&state).expect("serializes"),
        done_state_json()
    );
    // Three upserts, one key: PostPlus holds one parcel.
    assert_eq!(sent.len(), 7);
    assert_eq!(parcel_keys(&sent), BTreeSet::from([SHIPMENT_ID.to_owned()]));
    for request in &sent {
        assert_no_secret(&format!("{request:?}"));
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn the_backoff_schedule() {
    let seconds: Vec<u64> = (0..=14).map(|n| retry_delay(n).as_secs()).collect();
    assert_eq!(
        seconds,
        vec![0, 30, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600, 3600, 3600, 3600, 3600]
    );
    assert_eq!(retry_delay(u32::MAX), Duration::from_secs(3600));
    assert_eq!(MAX_ATTEMPTS, 12);

    // PostPlus answers 503 every time: the state waits each delay, then gives up, visibly.
    let config = config();
    let mut state = new_state(&config);
    let mut now = at(FRIDAY_MORNING);
    let mut waits = Vec::new();
    while let Some((step, _)) = next(&state, now) {
        let failure = apply(&mut state, &step, 503, None, "", now);
        assert_eq!(
            failure,
            Err(BookingFailure::Carrier(CarrierFailure::Status {
                status: 503,
                detail: None
            }))
        );
        if let Some(at) = state.next_retry_at {
            waits.push((at - now).num_seconds());
            now = at;
        }
    }
    assert_eq!(
        waits,
        vec![30, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600, 3600]
    );
    assert_eq!(state.status, BookingStatus::Failed);
    assert_eq!(state.attempts, 12);
    assert_eq!(
        state.last_error.as_deref(),
        Some("postplus answered HTTP 503")
    );
    assert_eq!(state.next_retry_at, None);
    assert_eq!(state.wake_at(now), None);
    // A late answer to a booking given up changes nothing.
    let before = state.clone();
    assert_eq!(
        answer(&mut state, &BookingStep::CreateParcel, PARCEL_CREATED, now),
        Ok(())
    );
    assert_eq!(state, before);

    // Resumed (an operator, or corrected data): from the same step, attempts counted afresh.
    state.resume();
    assert_eq!(state.status, BookingStatus::InProgress);
    assert_eq!(state.attempts, 0);
    assert_eq!(
        next(&state, now).map(|(step, _)| step),
        Some(BookingStep::CreateParcel)
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn refusals_and_unready_labels() {
    let config = config();
    let now = at(FRIDAY_MORNING);

    // PostPlus refuses our data: retrying the same data cannot help, so the booking stops at
    // once and says why.
    let mut state = new_state(&config);
    let refusal = answer(&mut state, &BookingStep::CreateParcel, PARCEL_REFUSED, now);
    assert!(matches!(
        refusal,
        Err(BookingFailure::Refused { what: "parcel", .. })
    ));
    assert_eq!(state.status, BookingStatus::Failed);
    assert_eq!(state.attempts, 1);
    assert_eq!(
        state.last_error.as_deref(),
        Some("postplus refused the parcel: Receiver zip code is required; Parcel gross weight must be greater than 0")
    );
    assert_eq!(state.parcel_id, None);

    // A 401 may be fixed by an operator meanwhile: retried.
    let mut state = new_state(&config);
    let _ = apply(&mut state, &BookingStep::CreateParcel, 401, None, "", now);
    assert_eq!(
        (state.status, state.attempts),
        (BookingStatus::InProgress, 1)
    );
    assert_eq!(
        state.last_error.as_deref(),
        Some("postplus refused our credentials (HTTP 401)")
    );

    // A 400 about our request is not retried.
    let mut state = new_state(&config);
    let _ = apply(&mut state, &BookingStep::CreateParcel, 400, None, "", now);
    assert_eq!(state.status, BookingStatus::Failed);

    // A parcel answered without a label yet: booked (its id and tracking are kept), and the
    // same upsert is sent again later to ask for the label.
    let mut state = new_state(&config);
    let mut no_print: Value = serde_json::from_str(PARCEL_CREATED).expect("JSON");
    no_print["prints"] = json!([]);
    no_print["references"]["printId"] = Value::Null;
    let result = answer(
        &mut state,
        &BookingStep::CreateParcel,
        &no_print.to_string(),
        now,
    );
    assert_eq!(
        result,
        Err(BookingFailure::NotReady {
            missing: "label for the parcel"
        })
    );
    assert_eq!(
        (state.parcel_id, state.tracking_id.as_deref()),
        (Some(1234), Some("RS12345678US"))
    );
    assert_eq!(state.step(), BookingStep::CreateParcel);
    assert_eq!(
        state.last_error.as_deref(),
        Some("postplus has no label for the parcel yet")
    );
    let retry_at = now + TimeDelta::seconds(30);
    assert_eq!(
        next(&state, retry_at).map(|(_, r)| r),
        Some(parcel_request(&booking(), &config, API_KEY))
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn closed_days_are_counted_not_measured_against_the_clock() {
    // The booking starts on the shop's calendar (pinned in tests, here Easter Sunday 2027)
    // while its steps are answered on the real clock (here months earlier, or later): the
    // week's limit holds the same either way.
    let config = config();
    let mut started = BookingState::new(SHIPMENT_ID, &config, at("2027-03-28T00:30:00Z"))
        .expect("a usable shipment id");
    for step in [
        BookingStep::CreateParcel,
        BookingStep::FetchLabel { print_id: 7001234 },
    ] {
        let now = at("2026-12-07T07:00:00Z");
        assert_eq!(answer(&mut started, &step, good_answer(&step), now), Ok(()));
    }
    for now in [at("2026-12-07T07:00:00Z"), at("2027-06-01T07:00:00Z")] {
        let mut state = started.clone();
        for moved in 1..=7 {
            let date = state.ship_date;
            let open = BookingStep::OpenShipment { date };
            assert_eq!(answer(&mut state, &open, SHIPMENT_SUBMITTED, now), Ok(()));
            assert_eq!(state.ship_date, date.succ_opt().expect("a date"));
            assert_eq!(state.days_moved, moved);
        }
        let open = BookingStep::OpenShipment {
            date: state.ship_date,
        };
        assert_eq!(
            answer(&mut state, &open, SHIPMENT_SUBMITTED, now),
            Err(BookingFailure::Refused {
                what: "shipment",
                errors: vec!["the shipments of the next 7 days are all closed".to_owned()],
            })
        );
        assert_eq!(
            state.ship_date,
            NaiveDate::from_ymd_opt(2027, 4, 4).expect("a date")
        );
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_closed_day_moves_the_parcel_to_the_next_days_shipment() {
    let config = config();
    let now = at("2025-09-12T17:00:00Z");
    let mut state = new_state(&config);
    for step in [
        BookingStep::CreateParcel,
        BookingStep::FetchLabel { print_id: 7001234 },
    ] {
        assert_eq!(answer(&mut state, &step, good_answer(&step), now), Ok(()));
    }
    // Today's shipment was submitted already: not a failure, tomorrow's is opened instead.
    let today = BookingStep::OpenShipment { date: friday() };
    assert_eq!(answer(&mut state, &today, SHIPMENT_SUBMITTED, now), Ok(()));
    let saturday = NaiveDate::from_ymd_opt(2025, 9, 13).expect("a date");
    assert_eq!(state.step(), BookingStep::OpenShipment { date: saturday });
    assert_eq!((state.attempts, state.ship_date), (0, saturday));
    let (_, request) = next(&state, now).expect("a request");
    assert_eq!(request, shipment_request(saturday, &config, API_KEY));

    // A link refused because the shipment closed meanwhile: the day's shipment is opened again
    // (after the backoff), rather than the booking given up.
    let mut state = new_state(&config);
    for step in [
        BookingStep::CreateParcel,
        BookingStep::FetchLabel { print_id: 7001234 },
        BookingStep::OpenShipment { date: friday() },
    ] {
        assert_eq!(answer(&mut state, &step, good_answer(&step), now), Ok(()));
    }
    let link = BookingStep::LinkToShipment { shipment_id: 501 };
    let refused = answer(&mut state, &link, LINK_DOCS, now);
    assert!(matches!(
        refused,
        Err(BookingFailure::Refused { what: "link", .. })
    ));
    assert_eq!(state.status, BookingStatus::InProgress);
    assert_eq!(
        (state.shipment_id, state.shipment_nr.as_deref()),
        (None, None)
    );
    assert_eq!(state.step(), BookingStep::OpenShipment { date: friday() });
    assert_eq!(
        state.last_error.as_deref(),
        Some("postplus refused the link: Parcel is already linked to manifested shipment SH001")
    );
    assert_eq!(state.next_retry_at, Some(now + TimeDelta::seconds(30)));
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn answers_to_a_step_already_done_change_nothing() {
    let config = config();
    let now = at(FRIDAY_MORNING);
    let mut state = new_state(&config);
    assert_eq!(
        answer(&mut state, &BookingStep::CreateParcel, PARCEL_CREATED, now),
        Ok(())
    );
    let before = state.clone();
    // Two runs raced: the second upsert's answer, or its timeout, arrives after the first's.
    assert_eq!(
        apply(&mut state, &BookingStep::CreateParcel, 500, None, "", now),
        Ok(())
    );
    assert_eq!(
        apply_no_answer(&mut state, &BookingStep::CreateParcel, now),
        Ok(())
    );
    assert_eq!(
        answer(&mut state, &BookingStep::CreateParcel, PARCEL_CREATED, now),
        Ok(())
    );
    assert_eq!(state, before);

    // A stored state in an unexpected shape is refused by its field, not misread.
    let mut stored = serde_json::to_value(&state).expect("serializes");
    stored["next_retry_at"] = json!("soon");
    let error = serde_json::from_value::<BookingState>(stored)
        .map(|_| ())
        .map_err(|e| e.to_string());
    assert_eq!(error, Err("`soon` is not an RFC 3339 instant".to_owned()));
    assert!(BookingState::new("order 7", &config, now).is_err());
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn the_parcels_warnings_are_kept_once_and_at_most_eight() {
    let config = config();
    let now = at(FRIDAY_MORNING);
    let mut state = new_state(&config);
    let mut parcel: Value = serde_json::from_str(PARCEL_CREATED).expect("JSON");
    // No print id yet, so the parcel is sent again, with more warnings each time.
    parcel["prints"] = json!([]);
    parcel["references"]["printId"] = Value::Null;
    for round in 0..8 {
        parcel["status"]["warningDetails"] = json!([
            " Receiver phone was normalized ",
            format!("note {round}"),
            format!("note {}", round + 1)
        ]);
        let failure = answer(
            &mut state,
            &BookingStep::CreateParcel,
            &parcel.to_string(),
            now,
        );
        assert_eq!(
            failure,
            Err(BookingFailure::NotReady {
                missing: "label for the parcel"
            })
        );
        state.next_retry_at = None;
    }
    assert_eq!(
        state.notes,
        [
            "Receiver phone was normalized",
            "note 0",
            "note 1",
            "note 2",
            "note 3",
            "note 4",
            "note 5",
            "note 6"
        ]
    );
}
