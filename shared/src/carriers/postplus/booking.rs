//! Booking one reservation with PostPlus, as a state the edge's Durable Object stores and a pair
//! of functions it drives: [`next_request`] says what to send now, [`apply`] (or
//! [`apply_no_answer`]) records what came of it. The DO sends, stores the state after each
//! answer, and sets its alarm to [`BookingState::wake_at`].
//!
//! The steps, each derived from what the state already holds ([`BookingState::step`]):
//!
//! ```text
//! CreateParcel ──► FetchLabel ──► OpenShipment ──► LinkToShipment ──► Done
//!   (until a print id)              (the day's; a closed day moves to the next)
//! ```
//!
//! Why re-running never makes a second parcel: a step is done once its result is in the state,
//! and the only step that can create anything sends the same upsert key every time (see the
//! module docs' "Idempotency"). A crash after PostPlus created the parcel but before the state
//! was saved, or a timeout, leaves the state at `CreateParcel`; sending it again updates the
//! parcel that exists. An answer to a step the state has moved past (two runs racing) is ignored.
//!
//! Failures are retried with exponential backoff ([`retry_delay`]) until [`MAX_ATTEMPTS`]
//! consecutive failures, or at once given up when retrying cannot help (PostPlus refused our
//! data); then the state is [`BookingStatus::Failed`] with its `last_error`, for
//! `GET /shipment/{id}` to show.

use std::time::Duration;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use crate::carriers::OutboundRequest;
use crate::error::Error;

use super::config::PostPlusConfig;
use super::failure::BookingFailure;
use super::label::{label_request, parse_label, LabelRef};
use super::parcel::{parcel_request, parse_parcel, sender_parcel_nr, ParcelBooking};
use super::shipment::{link_request, parse_link, parse_shipment, shipment_request};

/// The wait after the first failed attempt; each further failure doubles it.
pub const FIRST_RETRY_DELAY: Duration = Duration::from_secs(30);
/// The longest wait between two attempts.
pub const MAX_RETRY_DELAY: Duration = Duration::from_secs(60 * 60);
/// Consecutive failed attempts after which a booking is given up (about five hours of retries:
/// 30 s, 1, 2, 4, 8, 16, 32 min, then hourly).
pub const MAX_ATTEMPTS: u32 = 12;
/// How many days past today a booking looks for a shipment still open, before it gives up.
const MAX_DAYS_AHEAD: u8 = 7;

/// Where a booking stands. Stored in the reservation's Durable Object (serde, JSON) and shown by
/// `GET /shipment/{id}`; it holds no credential.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookingState {
    /// The parcel's upsert key, fixed when the booking starts.
    pub sender_parcel_nr: String,
    /// The day whose shipment the parcel joins (the sender's local date when the booking
    /// started, moved on while that day's shipment is closed).
    #[serde(with = "day")]
    pub ship_date: NaiveDate,
    /// How many days `ship_date` has moved on past closed shipments (at most
    /// [`MAX_DAYS_AHEAD`]). Counted, not measured against the clock: the booking's steps run on
    /// the real clock while its start may follow the shop's calendar (pinned in tests), and
    /// the limit is about the shipments, not about when the steps happen to run.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub days_moved: u8,
    pub status: BookingStatus,
    /// PostPlus's parcel id, once created.
    pub parcel_id: Option<u64>,
    /// The tracking number (PostPlus's `parcelNr`).
    pub tracking_id: Option<String>,
    /// The label's print id, from the parcel's answer.
    pub print_id: Option<u64>,
    /// The label, once fetched.
    pub label: Option<LabelRef>,
    /// The day's shipment: PostPlus's id and its number.
    pub shipment_id: Option<u64>,
    pub shipment_nr: Option<String>,
    /// Whether the parcel is linked to that shipment.
    pub linked: bool,
    /// Consecutive failed attempts of the current step.
    pub attempts: u32,
    /// The last failure, as a sentence (PostPlus's texts about the parcel, never a credential).
    pub last_error: Option<String>,
    /// When to try again, while waiting after a failure.
    #[serde(default, with = "instant")]
    pub next_retry_at: Option<DateTime<Utc>>,
    /// What PostPlus noted about the parcel without refusing it (its `status.warningDetails`,
    /// e.g. "Receiver phone was normalized"), each once: shown with the booking, so the merchant
    /// sees what PostPlus changed. At most [`MAX_NOTES`]. (The day's shipment's warnings, such as
    /// "No parcels in shipment" on a shipment just opened, are about every parcel of the day and
    /// are the end of day's to report, not one booking's.)
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// The most notes a booking keeps: a Durable Object's record stays small whatever PostPlus says.
pub const MAX_NOTES: usize = 8;

/// Whether a booking is running, finished or given up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BookingStatus {
    /// Steps remain; [`next_request`] has the next one (or it waits for `next_retry_at`).
    InProgress,
    /// Parcel, label and shipment link are all done.
    Done,
    /// Given up; `last_error` says why. [`BookingState::resume`] starts again where it stopped.
    Failed,
}

/// The next thing a booking does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BookingStep {
    /// Upsert the parcel (again, until PostPlus answers with its label's print id).
    CreateParcel,
    /// Read the label's print object.
    FetchLabel { print_id: u64 },
    /// Create (or find) the shipment of `date`.
    OpenShipment { date: NaiveDate },
    /// Link the parcel to that shipment.
    LinkToShipment { shipment_id: u64 },
    /// Nothing left.
    Done,
}

impl BookingState {
    /// A booking of our shipment `shipment_id`, started at `now`: its upsert key is
    /// [`sender_parcel_nr`] of the id (an unusable id is an [`Error::Invalid`]), and its parcel
    /// joins the shipment of the sender's local date.
    pub fn new(
        shipment_id: &str,
        config: &PostPlusConfig,
        now: DateTime<Utc>,
    ) -> Result<BookingState, Error> {
        Ok(BookingState {
            sender_parcel_nr: sender_parcel_nr(shipment_id)?,
            ship_date: now
                .with_timezone(&config.sender.country.time_zone())
                .date_naive(),
            days_moved: 0,
            status: BookingStatus::InProgress,
            parcel_id: None,
            tracking_id: None,
            print_id: None,
            label: None,
            shipment_id: None,
            shipment_nr: None,
            linked: false,
            attempts: 0,
            last_error: None,
            next_retry_at: None,
            notes: Vec::new(),
        })
    }

    /// The first step not yet done, whatever the status.
    pub fn step(&self) -> BookingStep {
        match (self.print_id, &self.label, self.shipment_id) {
            (None, _, _) => BookingStep::CreateParcel,
            (Some(print_id), None, _) => BookingStep::FetchLabel { print_id },
            (_, Some(_), None) => BookingStep::OpenShipment {
                date: self.ship_date,
            },
            (_, Some(_), Some(shipment_id)) if !self.linked => {
                BookingStep::LinkToShipment { shipment_id }
            }
            _ => BookingStep::Done,
        }
    }

    /// When the Durable Object's alarm should run the booking next: `None` once it is done or
    /// given up, `next_retry_at` while waiting after a failure, else `now`.
    pub fn wake_at(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        match self.status {
            BookingStatus::InProgress => Some(self.next_retry_at.unwrap_or(now)),
            BookingStatus::Done | BookingStatus::Failed => None,
        }
    }

    /// Starts a given-up booking again from the step where it stopped, with a fresh count of
    /// attempts: after the reservation's data was corrected (a parcel PostPlus refused), or when
    /// an operator asks. What is done stays done, and the upsert key is the same.
    pub fn resume(&mut self) {
        if self.status == BookingStatus::Failed {
            self.status = BookingStatus::InProgress;
            self.attempts = 0;
            self.next_retry_at = None;
        }
    }
}

/// The step to take now and its request; `None` when the booking is done, given up, or waiting
/// until `next_retry_at`.
///
/// The parcel is sent under the state's key, whatever `booking` says: the key is what the first
/// attempt sent, and it must never change.
pub fn next_request(
    state: &BookingState,
    booking: &ParcelBooking,
    config: &PostPlusConfig,
    api_key: &str,
    now: DateTime<Utc>,
) -> Option<(BookingStep, OutboundRequest)> {
    if state.status != BookingStatus::InProgress || state.next_retry_at.is_some_and(|at| now < at) {
        return None;
    }
    let step = state.step();
    let request = match &step {
        BookingStep::CreateParcel => {
            let keyed = ParcelBooking {
                sender_parcel_nr: state.sender_parcel_nr.clone(),
                ..booking.clone()
            };
            parcel_request(&keyed, config, api_key)
        }
        BookingStep::FetchLabel { print_id } => label_request(*print_id, config, api_key),
        BookingStep::OpenShipment { date } => shipment_request(*date, config, api_key),
        BookingStep::LinkToShipment { shipment_id } => link_request(
            *shipment_id,
            state.shipment_nr.as_deref(),
            &state.sender_parcel_nr,
            config,
            api_key,
        ),
        BookingStep::Done => return None,
    };
    Some((step, request))
}

/// Records PostPlus's answer to `step`, sent at or before `now`.
///
/// Success stores the step's result and resets the attempts (the state is `Done` after the
/// last step). A failure is returned (for the edge's log) and counted: the state waits
/// [`retry_delay`] before the next attempt, or is `Failed` when the failure cannot be helped by
/// retrying or the attempts are spent. An answer to a step the state is no longer at, or to a
/// booking that is not in progress, changes nothing.
pub fn apply(
    state: &mut BookingState,
    step: &BookingStep,
    status: u16,
    content_type: Option<&str>,
    body: &str,
    now: DateTime<Utc>,
) -> Result<(), BookingFailure> {
    if state.status != BookingStatus::InProgress || *step != state.step() {
        return Ok(());
    }
    let outcome = match step {
        BookingStep::CreateParcel => parse_parcel(status, content_type, body).and_then(|parcel| {
            note(state, &parcel.warnings);
            state.parcel_id = Some(parcel.id);
            state.tracking_id = parcel.parcel_nr.or(state.tracking_id.take());
            state.print_id = parcel.print_id;
            match parcel.print_id {
                Some(_) => Ok(()),
                // The parcel exists; sending the same upsert again asks for its label again.
                None => Err(BookingFailure::NotReady {
                    missing: "label for the parcel",
                }),
            }
        }),
        BookingStep::FetchLabel { .. } => {
            parse_label(status, content_type, body).map(|label| state.label = Some(label))
        }
        BookingStep::OpenShipment { date } => {
            parse_shipment(status, content_type, body).and_then(|shipment| {
                if shipment.is_closed() {
                    next_day(state, *date)
                } else {
                    state.shipment_id = Some(shipment.id);
                    state.shipment_nr = shipment.shipment_nr;
                    Ok(())
                }
            })
        }
        BookingStep::LinkToShipment { .. } => {
            parse_link(status, content_type, body, &state.sender_parcel_nr)
                .map(|()| state.linked = true)
        }
        BookingStep::Done => Ok(()),
    };
    match outcome {
        Ok(()) => {
            state.attempts = 0;
            state.last_error = None;
            state.next_retry_at = None;
            if state.step() == BookingStep::Done {
                state.status = BookingStatus::Done;
            }
            Ok(())
        }
        Err(failure) => {
            // A refused link is most likely a shipment closed since it was opened ("Parcel is
            // already linked to manifested shipment"): open the day's shipment again, which then
            // moves on to the next day, and retry.
            let retryable =
                failure.is_retryable() || matches!(step, BookingStep::LinkToShipment { .. });
            if matches!(step, BookingStep::LinkToShipment { .. }) {
                state.shipment_id = None;
                state.shipment_nr = None;
            }
            fail(state, failure, retryable, now)
        }
    }
}

/// Keeps each of `warnings` once, up to [`MAX_NOTES`] in all.
fn note(state: &mut BookingState, warnings: &[String]) {
    for warning in warnings {
        let note = warning.trim().to_owned();
        if state.notes.len() < MAX_NOTES && !state.notes.contains(&note) {
            state.notes.push(note);
        }
    }
}

/// Records that `step` got no answer by the deadline (or no connection): whether PostPlus acted
/// is unknown, so the same step is sent again after the backoff, which the upsert key and
/// `updateIfExists` make safe.
pub fn apply_no_answer(
    state: &mut BookingState,
    step: &BookingStep,
    now: DateTime<Utc>,
) -> Result<(), BookingFailure> {
    if state.status != BookingStatus::InProgress || *step != state.step() {
        return Ok(());
    }
    fail(state, BookingFailure::NoAnswer, true, now)
}

/// The wait after `attempts` consecutive failed attempts: none before the first failure, then
/// 30 s, doubling each time (1 min, 2 min, 4 min …), at most an hour.
pub fn retry_delay(attempts: u32) -> Duration {
    if attempts == 0 {
        return Duration::ZERO;
    }
    // Past 2^7 × 30 s the cap has long been reached; bounding the shift keeps it from overflowing.
    let doublings = (attempts - 1).min(16);
    FIRST_RETRY_DELAY
        .saturating_mul(1 << doublings)
        .min(MAX_RETRY_DELAY)
}

fn fail(
    state: &mut BookingState,
    failure: BookingFailure,
    retryable: bool,
    now: DateTime<Utc>,
) -> Result<(), BookingFailure> {
    state.attempts = state.attempts.saturating_add(1);
    state.last_error = Some(failure.to_string());
    if retryable && state.attempts < MAX_ATTEMPTS {
        let delay = TimeDelta::from_std(retry_delay(state.attempts)).unwrap_or(TimeDelta::MAX);
        state.next_retry_at = Some(now.checked_add_signed(delay).unwrap_or(now));
    } else {
        state.status = BookingStatus::Failed;
        state.next_retry_at = None;
    }
    Err(failure)
}

/// The shipment of `date` is closed: the parcel goes with the next day's. Not a failure, up to
/// a week ahead; past that something is wrong with the shipments, and the booking says so.
fn next_day(state: &mut BookingState, date: NaiveDate) -> Result<(), BookingFailure> {
    let next = date
        .succ_opt()
        .filter(|_| state.days_moved < MAX_DAYS_AHEAD);
    match next {
        Some(next) => {
            state.ship_date = next;
            state.days_moved = state.days_moved.saturating_add(1);
            Ok(())
        }
        None => Err(BookingFailure::Refused {
            what: "shipment",
            errors: vec![format!(
                "the shipments of the next {MAX_DAYS_AHEAD} days are all closed"
            )],
        }),
    }
}

/// `NaiveDate` as `2025-09-12` (chrono's serde support is not enabled in this workspace).
mod day {
    use chrono::NaiveDate;
    use serde::{Deserializer, Serializer};

    pub fn serialize<S: Serializer>(date: &NaiveDate, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&crate::date_text::write_date(*date))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
        crate::model::checked_str(deserializer, |text: String| {
            crate::date_text::parse_date(&text)
                .ok_or_else(|| format!("`{text}` is not a date written YYYY-MM-DD"))
        })
    }
}

/// An optional instant as RFC 3339 in UTC, `2025-09-12T06:00:30Z`.
mod instant {
    use chrono::{DateTime, SecondsFormat, Utc};
    use serde::{Deserializer, Serializer};

    pub fn serialize<S: Serializer>(
        instant: &Option<DateTime<Utc>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match instant {
            Some(instant) => {
                serializer.serialize_some(&instant.to_rfc3339_opts(SecondsFormat::Secs, true))
            }
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<DateTime<Utc>>, D::Error> {
        crate::model::checked_optional_str(deserializer, |text: Option<String>| {
            let Some(text) = text else {
                return Ok(None);
            };
            DateTime::parse_from_rfc3339(&text)
                .map(|instant| Some(instant.with_timezone(&Utc)))
                .map_err(|_| format!("`{text}` is not an RFC 3339 instant"))
        })
    }
}

fn is_zero(value: &u8) -> bool {
    *value == 0
}
