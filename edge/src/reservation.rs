//! `Reservation`: the Durable Object that holds one KSS checkout session's reservation, and
//! books it with PostPlus once Klarna confirms it.
//!
//! One object per shipment id, addressed with `id_from_name(shipment_id)`; the id is derived
//! from the merchant and the session (`shared::kss::shipment_id`), so every `POST /shipment` of
//! a session reaches the same object, which is what makes the reservation unique per session.
//! A Durable Object handles its events one at a time while it waits on its own storage (its input
//! gate), and the reserve command reads and writes storage with no other wait between, so 50
//! concurrent `POST /shipment`s of one session store one reservation under one id.
//!
//! Storage (the key-value API of a SQLite-backed object), each value JSON text:
//! - `served`: [`Served`], the options `/shippingoptions` last served to the session (without
//!   their pickup places), for the cutoff check of `/shipment`;
//! - `reservation`: [`ShipmentReservation`], the request KSS sent, the option as we offered it and its
//!   carrier product, and when it was confirmed;
//! - `booking`: `shared`'s `BookingState` of the PostPlus booking, written after every step, so
//!   a crash or restart resumes at the step it stopped at (the upsert key makes a step sent
//!   twice harmless);
//! - `expires_at`: milliseconds since the epoch after which an unconfirmed session is deleted
//!   (`KSS_RESERVATION_TTL_SECONDS` after its last write); gone once confirmed;
//! - `retain_until`: milliseconds since the epoch after which a confirmed reservation is deleted
//!   (`KSS_RETENTION_SECONDS` after its confirmation, fixed then): it holds the recipient's
//!   name, address and phone, which a shop must not keep longer than it needs them. A booking
//!   still running holds it until the booking has finished.
//!
//! One alarm per object, at the earliest of `expires_at`, the booking's next step
//! (`BookingState::wake_at`) and `retain_until` (once no booking runs):
//! [`alarm`](Reservation::alarm) deletes an expired or retained-long-enough session, runs the
//! booking's due steps, then sets the alarm again (or clears it). The booking never runs in a
//! request: confirm only records the confirmation and sets the alarm to now, so it answers at
//! once. Both deadlines are also checked on every read, so a deleted-to-be reservation is gone
//! even if its alarm has not run yet.
//!
//! The Worker talks to the object with [`Command`]s (JSON) and gets [`Outcome`]s back; the
//! mapping to HTTP statuses stays in the routes.

use chrono::{DateTime, SecondsFormat, TimeDelta, Utc};
use serde::{Deserialize, Serialize};
use shared::carriers::postplus::{
    self, apply, apply_no_answer, next_request, parcel_booking, BookingState, BookingStatus,
    BookingStep, FIRST_RETRY_DELAY,
};
use shared::kss::{
    check_selection, BookedShippingOption, CarrierProduct, FailureReason, Shipment,
    ShipmentRequest, ShipmentResponse,
};
use shared::model::{from_json, ShippingOption};
use worker::js_sys;
use worker::wasm_bindgen::JsValue;
use worker::{
    durable_object, DurableObject, Env, Method, Request, RequestInit, Response, Result,
    ScheduledTime, State,
};

use crate::carriers::{send, Deadline};
use crate::clock;
use crate::config::{self, Carrier, Config};
use crate::log::log;

/// The `[[durable_objects.bindings]]` name in wrangler.toml.
pub const BINDING: &str = "RESERVATIONS";
/// How long one PostPlus booking call may take before it counts as unanswered.
const BOOKING_CALL_MS: u32 = 10_000;
/// How long a booking waits for a configuration that is wrong or lacks PostPlus.
const WAIT_FOR_CONFIGURATION: std::time::Duration = std::time::Duration::from_secs(300);
/// The most booking steps one alarm runs (there are four; a closed day adds one each).
const STEPS_PER_ALARM: usize = 8;

const SERVED: &str = "served";
const RESERVATION: &str = "reservation";
const BOOKING: &str = "booking";
const EXPIRES_AT: &str = "expires_at";
const RETAIN_UNTIL: &str = "retain_until";

/// What the Worker asks of a reservation's object.
///
/// Commands and outcomes are externally tagged (`{"serve": {…}}`), serde's default, not
/// internally (`{"command": "serve", …}`): reading an internally tagged enum buffers the whole
/// message first, which compiled every type in a shipment a second time, for that buffer (with
/// the `flatten` below, 43 KB of the Worker's gzip). The Worker and its objects are deployed
/// together, so the shape is only theirs.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Command {
    /// Keep the options `/shippingoptions` served to the session.
    Serve {
        merchant: String,
        options: Vec<ShippingOption>,
    },
    /// `POST /shipment` (`create`) or `PUT /shipment/{id}`: check the selection against
    /// `offered` (the options now offered with the selected id) and what was served, and store.
    Reserve {
        merchant: String,
        shipment_id: String,
        create: bool,
        /// Boxed: it is most of the command's size.
        request: Box<ShipmentRequest>,
        offered: Vec<ShippingOption>,
        carrier_product: Option<CarrierProduct>,
        /// A sentence for `additional_info` when the product code is a stand-in.
        product_note: Option<String>,
        books_with_postplus: bool,
    },
    /// `GET /shipment/{id}`.
    Get { merchant: String },
    /// `POST /shipment/{id}/confirm`.
    Confirm { merchant: String },
}

/// What came of a [`Command`].
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The reservation as KSS sees it.
    Shipment {
        #[serde(with = "unflattened")]
        answer: ShipmentAnswer,
    },
    /// The selection cannot be reserved.
    Refused { reason: FailureReason },
    /// No reservation (never made, expired, or another merchant's).
    NotFound,
    /// Done; nothing to answer.
    Stored,
}

/// KSS's shipment answer plus `status` and `revision`, which KSS's schema has no fields for (KSS
/// ignores fields it does not know; a merchant's tools read them).
#[derive(Debug, Clone, Serialize)]
pub struct ShipmentAnswer {
    #[serde(flatten)]
    pub shipment: ShipmentResponse,
    pub status: ReservationStatus,
    /// Which stored version of the reservation this answer describes: 1 for the first, one
    /// more for each change a `POST`/`PUT` made. A session's calls are applied one at a time,
    /// the last writer wins, and every answer describes the reservation as that call left it;
    /// two callers racing can tell from this which one's choice stands.
    pub revision: u64,
}

/// A [`ShipmentAnswer`] from the object to the Worker with its shipment as a field of its own:
/// reading a `flatten`ed struct buffers it, like an internally tagged enum (see [`Command`]).
/// KSS still gets the flattened shape, which only needs writing.
mod unflattened {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use shared::kss::ShipmentResponse;

    use super::{ReservationStatus, ShipmentAnswer};

    #[derive(Serialize)]
    struct Parts<'a> {
        shipment: &'a ShipmentResponse,
        status: ReservationStatus,
        revision: u64,
    }

    #[derive(Deserialize)]
    struct OwnedParts {
        shipment: ShipmentResponse,
        status: ReservationStatus,
        revision: u64,
    }

    pub fn serialize<S: Serializer>(
        answer: &ShipmentAnswer,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        Parts {
            shipment: &answer.shipment,
            status: answer.status,
            revision: answer.revision,
        }
        .serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<ShipmentAnswer, D::Error> {
        let parts = OwnedParts::deserialize(deserializer)?;
        Ok(ShipmentAnswer {
            shipment: parts.shipment,
            status: parts.status,
            revision: parts.revision,
        })
    }
}

/// Where a reservation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReservationStatus {
    /// Reserved, not confirmed yet; expires unless confirmed.
    Reserved,
    /// Confirmed; its carrier is not booked by us (the merchant books it).
    Confirmed,
    /// Confirmed; the PostPlus booking is running or waiting to retry.
    Booking,
    /// Confirmed and booked with PostPlus.
    Booked,
    /// Confirmed; the PostPlus booking was given up (confirm again to retry).
    BookingFailed,
}

/// The options served to a session.
#[derive(Debug, Serialize, Deserialize)]
pub struct Served {
    pub merchant: String,
    pub options: Vec<ShippingOption>,
}

/// A reservation as stored.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ShipmentReservation {
    pub merchant: String,
    pub shipment_id: String,
    /// The last `POST`/`PUT` body KSS sent.
    pub request: ShipmentRequest,
    /// The selected option as we offered it when it was reserved.
    pub option: ShippingOption,
    pub carrier_product: Option<CarrierProduct>,
    pub product_note: Option<String>,
    /// Whether confirming it books a PostPlus parcel.
    pub books_with_postplus: bool,
    pub reserved_at_ms: i64,
    pub confirmed_at_ms: Option<i64>,
    /// The stored version: 1 for the first reservation of the session, one more per change.
    /// Reservations stored before it existed read as 0.
    #[serde(default)]
    pub revision: u64,
}

/// A reserve command's reservation, before it is checked.
struct Wanted {
    merchant: String,
    shipment_id: String,
    request: ShipmentRequest,
    carrier_product: Option<CarrierProduct>,
    product_note: Option<String>,
    books_with_postplus: bool,
}

#[durable_object]
pub struct Reservation {
    state: State,
    env: Env,
}

impl DurableObject for Reservation {
    fn new(state: State, env: Env) -> Self {
        Reservation { state, env }
    }

    async fn fetch(&self, mut req: Request) -> Result<Response> {
        let command: Command = match from_json(&req.text().await?) {
            Ok(command) => command,
            Err(error) => return Response::error(format!("unreadable command: {error}"), 400),
        };
        let config = match config::get(&self.env) {
            Ok(config) => config,
            Err(error) => return Response::error(format!("misconfigured: {error}"), 500),
        };
        let outcome = match command {
            Command::Serve { merchant, options } => self.serve(merchant, options, &config).await?,
            Command::Reserve {
                merchant,
                shipment_id,
                create,
                request,
                offered,
                carrier_product,
                product_note,
                books_with_postplus,
            } => {
                let wanted = Wanted {
                    merchant,
                    shipment_id,
                    request: *request,
                    carrier_product,
                    product_note,
                    books_with_postplus,
                };
                self.reserve(wanted, create, &offered, &config).await?
            }
            Command::Get { merchant } => match self.current(&merchant).await? {
                Some(reservation) => Outcome::Shipment {
                    answer: answer(&reservation, self.booking().await?.as_ref(), &config),
                },
                None => Outcome::NotFound,
            },
            Command::Confirm { merchant } => self.confirm(&merchant, &config).await?,
        };
        Response::from_json(&outcome)
    }

    async fn alarm(&self) -> Result<Response> {
        let now = now_ms();
        let expires_at: Option<i64> = self.read(EXPIRES_AT).await?;
        if expires_at.is_some_and(|at| now >= at) {
            self.forget().await?;
            log!("reservation: an unconfirmed session expired and was deleted");
            return Response::ok("expired");
        }
        if self.retained_long_enough(now).await? {
            self.forget().await?;
            log!("reservation: a confirmed reservation was kept KSS_RETENTION_SECONDS and was deleted");
            return Response::ok("retention over");
        }
        if let Some(reservation) = self.read::<ShipmentReservation>(RESERVATION).await? {
            if reservation.confirmed_at_ms.is_some() {
                match config::get(&self.env) {
                    Ok(config) => self.book(&reservation, &config).await?,
                    Err(error) => {
                        // Not `schedule()`: the booking is due now, and would wake at once again.
                        log!("reservation: booking waits, misconfigured: {error}");
                        return self
                            .state
                            .storage()
                            .set_alarm(WAIT_FOR_CONFIGURATION)
                            .await
                            .and_then(|()| Response::ok("waiting"));
                    }
                }
            }
        }
        self.schedule().await?;
        Response::ok("done")
    }
}

impl Reservation {
    async fn serve(
        &self,
        merchant: String,
        options: Vec<ShippingOption>,
        config: &Config,
    ) -> Result<Outcome> {
        // A confirmed session's options are no longer needed; anything else keeps the session
        // (and its reservation, if any) for another TTL from now.
        if self.confirmed().await? {
            return Ok(Outcome::Stored);
        }
        self.write(SERVED, &Served { merchant, options }).await?;
        self.extend(config).await?;
        self.schedule().await?;
        Ok(Outcome::Stored)
    }

    async fn reserve(
        &self,
        new: Wanted,
        create: bool,
        offered: &[ShippingOption],
        config: &Config,
    ) -> Result<Outcome> {
        let existing = self.current(&new.merchant).await?;
        if existing.is_none() && !create {
            return Ok(Outcome::NotFound);
        }
        let revision = existing.as_ref().map_or(0, |r| r.revision) + 1;
        if let Some(existing) = existing.filter(|r| r.confirmed_at_ms.is_some()) {
            // KSS does not change a confirmed shipment; a repeated call is answered as it was.
            if existing.request == new.request {
                return Ok(Outcome::Shipment {
                    answer: answer(&existing, self.booking().await?.as_ref(), config),
                });
            }
            return Ok(Outcome::Refused {
                reason: FailureReason::Other(
                    "the shipment is confirmed and can no longer be changed".to_owned(),
                ),
            });
        }
        let served = self
            .read::<Served>(SERVED)
            .await?
            .filter(|served| served.merchant == new.merchant);
        let selected = &new.request.selected_shipping_option;
        let served_option = served.as_ref().and_then(|served| {
            served
                .options
                .iter()
                .find(|o| o.id == selected.id && o.carrier == selected.carrier)
        });
        let now = clock::calendar_now(config);
        let option = match check_selection(selected, offered, served_option, now.fixed_offset()) {
            Ok(option) => option.clone(),
            Err(reason) => return Ok(Outcome::Refused { reason }),
        };
        let reservation = ShipmentReservation {
            merchant: new.merchant,
            shipment_id: new.shipment_id,
            request: new.request,
            option,
            carrier_product: new.carrier_product,
            product_note: new.product_note,
            books_with_postplus: new.books_with_postplus,
            reserved_at_ms: now_ms(),
            confirmed_at_ms: None,
            revision,
        };
        self.write(RESERVATION, &reservation).await?;
        self.extend(config).await?;
        self.schedule().await?;
        Ok(Outcome::Shipment {
            answer: answer(&reservation, None, config),
        })
    }

    async fn confirm(&self, merchant: &str, config: &Config) -> Result<Outcome> {
        let Some(mut reservation) = self.current(merchant).await? else {
            return Ok(Outcome::NotFound);
        };
        let mut booking = self.booking().await?;
        if reservation.confirmed_at_ms.is_none() {
            let now = now_ms();
            reservation.confirmed_at_ms = Some(now);
            self.write(RESERVATION, &reservation).await?;
            let retention_ms = i64::from(config.kss.retention_seconds) * 1000;
            self.write(RETAIN_UNTIL, &(now + retention_ms)).await?;
            self.state.storage().delete(EXPIRES_AT).await?;
            self.state.storage().delete(SERVED).await?;
        }
        if reservation.books_with_postplus {
            match (&mut booking, &config.postplus) {
                // A repeated confirm of a given-up booking starts it again where it stopped,
                // under the same upsert key; a running or finished one is left alone.
                (Some(state), _) => {
                    if state.status == BookingStatus::Failed {
                        state.resume();
                        self.write(BOOKING, state).await?;
                    }
                }
                (None, Some(Carrier::Ready(setup))) => {
                    match BookingState::new(
                        &reservation.shipment_id,
                        &setup.config,
                        clock::calendar_now(config),
                    ) {
                        Ok(state) => {
                            self.write(BOOKING, &state).await?;
                            booking = Some(state);
                        }
                        Err(error) => log!("reservation: cannot book: {error}"),
                    }
                }
                (None, _) => {
                    log!("reservation: confirmed, but POSTPLUS is not configured to book it")
                }
            }
        }
        self.schedule().await?;
        Ok(Outcome::Shipment {
            answer: answer(&reservation, booking.as_ref(), config),
        })
    }

    /// Runs the booking's steps that are due, storing the state after each.
    async fn book(&self, reservation: &ShipmentReservation, config: &Config) -> Result<()> {
        let Some(mut state) = self.booking().await? else {
            return Ok(());
        };
        let Some(Carrier::Ready(setup)) = &config.postplus else {
            // Kept in progress (an operator may set it), but not retried in a tight loop.
            state.last_error =
                Some("PostPlus is not configured here (POSTPLUS, POSTPLUS_API_KEY)".to_owned());
            let wait = TimeDelta::from_std(WAIT_FOR_CONFIGURATION).unwrap_or(TimeDelta::MAX);
            state.next_retry_at = Some(clock::now() + wait);
            return self.write(BOOKING, &state).await;
        };
        let parcel = match parcel_booking(
            &reservation.request,
            &reservation.shipment_id,
            &setup.config,
        ) {
            Ok(parcel) => parcel,
            Err(error) => {
                state.status = BookingStatus::Failed;
                state.last_error = Some(error.to_string());
                state.next_retry_at = None;
                return self.write(BOOKING, &state).await;
            }
        };
        for _ in 0..STEPS_PER_ALARM {
            let now = clock::now();
            let Some((step, request)) =
                next_request(&state, &parcel, &setup.config, &setup.api_key, now)
            else {
                break;
            };
            let sent = send(&request, Deadline::after(BOOKING_CALL_MS)).await;
            let answered_at = clock::now();
            let result = match sent {
                Ok(answer) => apply(
                    &mut state,
                    &step,
                    answer.status,
                    answer.content_type.as_deref(),
                    &answer.body,
                    answered_at,
                ),
                Err(_) => apply_no_answer(&mut state, &step, answered_at),
            };
            if let Err(failure) = result {
                log!(
                    "reservation {}: postplus {} failed (attempt {}): {failure}",
                    reservation.shipment_id,
                    step_name(&step),
                    state.attempts
                );
                scale_retry(&mut state, answered_at, config.kss.booking_retry_seconds);
            }
            self.write(BOOKING, &state).await?;
        }
        Ok(())
    }

    /// The reservation of `merchant`, unless there is none, it has expired, or it has been kept
    /// long enough (then the session is deleted now rather than at its alarm).
    async fn current(&self, merchant: &str) -> Result<Option<ShipmentReservation>> {
        let now = now_ms();
        let expires_at: Option<i64> = self.read(EXPIRES_AT).await?;
        if expires_at.is_some_and(|at| now >= at) || self.retained_long_enough(now).await? {
            self.forget().await?;
            return Ok(None);
        }
        Ok(self
            .read::<ShipmentReservation>(RESERVATION)
            .await?
            .filter(|reservation| reservation.merchant == merchant))
    }

    async fn confirmed(&self) -> Result<bool> {
        Ok(self
            .read::<ShipmentReservation>(RESERVATION)
            .await?
            .is_some_and(|r| r.confirmed_at_ms.is_some()))
    }

    async fn booking(&self) -> Result<Option<BookingState>> {
        self.read(BOOKING).await
    }

    /// Keeps an unconfirmed session for another `KSS_RESERVATION_TTL_SECONDS`.
    async fn extend(&self, config: &Config) -> Result<()> {
        let ttl_ms = i64::from(config.kss.reservation_ttl_seconds) * 1000;
        self.write(EXPIRES_AT, &(now_ms() + ttl_ms)).await
    }

    /// Whether a confirmed reservation has reached `retain_until` with no booking running.
    async fn retained_long_enough(&self, now: i64) -> Result<bool> {
        let retain_until: Option<i64> = self.read(RETAIN_UNTIL).await?;
        if retain_until.is_none_or(|at| now < at) {
            return Ok(false);
        }
        Ok(!self.booking_runs().await?)
    }

    async fn booking_runs(&self) -> Result<bool> {
        Ok(self
            .booking()
            .await?
            .is_some_and(|state| state.status == BookingStatus::InProgress))
    }

    /// Sets the one alarm to the earliest thing due: expiry of an unconfirmed session, the
    /// booking's next step, or the end of a confirmed reservation's retention (only once no
    /// booking runs: before, it would wake to find nothing to do, again and again); clears it
    /// when nothing is.
    async fn schedule(&self) -> Result<()> {
        let expires_at: Option<i64> = self.read(EXPIRES_AT).await?;
        // `wake_at` is `Some` exactly while the booking runs.
        let wake = self
            .booking()
            .await?
            .and_then(|state| state.wake_at(clock::now()))
            .map(|at| at.timestamp_millis());
        let retain_until: Option<i64> = match wake {
            Some(_) => None,
            None => self.read(RETAIN_UNTIL).await?,
        };
        let storage = self.state.storage();
        match [expires_at, wake, retain_until].into_iter().flatten().min() {
            Some(at) => {
                let date = js_sys::Date::new(&JsValue::from_f64(at as f64));
                storage.set_alarm(ScheduledTime::new(date)).await
            }
            None => storage.delete_alarm().await,
        }
    }

    /// Deletes everything of the session, and its alarm.
    async fn forget(&self) -> Result<()> {
        let storage = self.state.storage();
        storage.delete_alarm().await?;
        storage.delete_all().await
    }

    async fn read<T: serde::de::DeserializeOwned>(&self, key: &str) -> Result<Option<T>> {
        let Some(text) = self.state.storage().get::<String>(key).await? else {
            return Ok(None);
        };
        from_json(&text).map(Some).map_err(|error| {
            worker::Error::RustError(format!("stored {key} is unreadable: {error}"))
        })
    }

    async fn write<T: Serialize + ?Sized>(&self, key: &str, value: &T) -> Result<()> {
        let text = serde_json::to_string(value)
            .map_err(|error| worker::Error::RustError(format!("storing {key}: {error}")))?;
        self.state.storage().put(key, text).await
    }
}

/// Sends `command` to the object of `shipment_id` and reads its outcome.
pub async fn call(env: &Env, shipment_id: &str, command: &Command) -> Result<Outcome> {
    let namespace = env.durable_object(BINDING)?;
    let stub = namespace.id_from_name(shipment_id)?.get_stub()?;
    let body = serde_json::to_string(command)
        .map_err(|error| worker::Error::RustError(format!("a reservation command: {error}")))?;
    let mut init = RequestInit::new();
    init.with_method(Method::Post)
        .with_body(Some(JsValue::from_str(&body)));
    // The URL is never resolved: a stub's fetch goes to the object.
    let request = Request::new_with_init("https://reservation.invalid/", &init)?;
    let mut response = stub.fetch_with_request(request).await?;
    let text = response.text().await?;
    if response.status_code() != 200 {
        return Err(worker::Error::RustError(format!(
            "the reservation object answered {}: {text}",
            response.status_code()
        )));
    }
    from_json(&text)
        .map_err(|error| worker::Error::RustError(format!("a reservation outcome: {error}")))
}

/// The reservation as KSS sees it, with the booking's progress.
pub fn answer(
    reservation: &ShipmentReservation,
    booking: Option<&BookingState>,
    config: &Config,
) -> ShipmentAnswer {
    let postplus_config = match &config.postplus {
        Some(Carrier::Ready(setup)) => Some(&setup.config),
        _ => None,
    };
    let status = match (reservation.confirmed_at_ms, booking.map(|b| b.status)) {
        (None, _) => ReservationStatus::Reserved,
        (Some(_), Some(BookingStatus::InProgress)) => ReservationStatus::Booking,
        (Some(_), Some(BookingStatus::Done)) => ReservationStatus::Booked,
        (Some(_), Some(BookingStatus::Failed)) => ReservationStatus::BookingFailed,
        (Some(_), None) if reservation.books_with_postplus => ReservationStatus::Booking,
        (Some(_), None) => ReservationStatus::Confirmed,
    };
    let shipments = booking.and_then(|state| {
        let tracking_id = state.tracking_id.clone()?;
        Some(vec![Shipment {
            carrier: postplus::CARRIER.to_owned(),
            tracking_url: postplus_config.and_then(|c| c.tracking_url_for(&tracking_id)),
            tracking_id: Some(tracking_id),
        }])
    });
    let carrier = &reservation.option.carrier;
    let mut info = match (status, booking) {
        (ReservationStatus::Reserved, _) => {
            "Reserved; not confirmed yet (an unconfirmed reservation expires).".to_owned()
        }
        (ReservationStatus::Confirmed, _) => format!(
            "Confirmed. {carrier} is not booked by this service: book it with the carrier product above."
        ),
        (ReservationStatus::Booked, Some(state)) => format!(
            "Confirmed and booked with PostPlus: parcel {}, tracking number {}, label print {}, on shipment {}.",
            show(state.parcel_id),
            state.tracking_id.as_deref().unwrap_or("(none)"),
            show(state.label.as_ref().map(|label| label.print_id)),
            state.shipment_nr.as_deref().unwrap_or("(unnamed)"),
        ),
        (ReservationStatus::BookingFailed, Some(state)) => format!(
            "Confirmed; booking with PostPlus failed after {} attempt(s): {}. Confirm again to retry.",
            state.attempts,
            state.last_error.as_deref().unwrap_or("no reason given"),
        ),
        (_, Some(state)) => {
            let mut text = format!("Confirmed; booking with PostPlus ({}).", step_name(&state.step()));
            if let Some(error) = &state.last_error {
                text.push_str(&format!(
                    " Attempt {} failed: {error}; retrying at {}.",
                    state.attempts,
                    state
                        .next_retry_at
                        .map(|at| at.to_rfc3339_opts(SecondsFormat::Secs, true))
                        .unwrap_or_else(|| "once due".to_owned()),
                ));
            }
            text
        }
        (_, None) => "Confirmed; booking with PostPlus is about to start.".to_owned(),
    };
    if let Some(note) = &reservation.product_note {
        info.push(' ');
        info.push_str(note);
    }
    ShipmentAnswer {
        shipment: ShipmentResponse {
            shipment_id: Some(reservation.shipment_id.clone()),
            selected_shipping_option: Some(BookedShippingOption {
                carrier: carrier.clone(),
                carrier_product: reservation.carrier_product.clone(),
                location: chosen_place(reservation),
            }),
            shipments,
            additional_info: Some(info),
        },
        status,
        revision: reservation.revision,
    }
}

/// The pickup place the shopper chose, as we offered it (the offered option's copy has its
/// address and hours); the selection's own copy when the offered one is not kept.
fn chosen_place(reservation: &ShipmentReservation) -> Option<shared::model::Location> {
    let chosen = reservation
        .request
        .selected_shipping_option
        .location
        .as_ref()?;
    let mut offered = reservation.option.locations.iter().flatten();
    // In KSS's shape, as the options were served to it (no `distance_meters`).
    Some(
        offered
            .find(|place| place.id == chosen.id)
            .unwrap_or(chosen)
            .to_kss(),
    )
}

/// Scales the wait `shared` chose after a failure by `KSS_BOOKING_RETRY_SECONDS` over its
/// first delay (30 s): the schedule's shape (doubling, capped) stays `shared`'s, only its unit
/// changes, so an operator (or a test) can retry sooner or later than the default.
fn scale_retry(state: &mut BookingState, now: DateTime<Utc>, retry_seconds: u32) {
    let first = FIRST_RETRY_DELAY.as_secs();
    if u64::from(retry_seconds) == first {
        return;
    }
    if let Some(at) = state.next_retry_at {
        let wait_ms = (at - now).num_milliseconds().max(0);
        let scaled = wait_ms.saturating_mul(i64::from(retry_seconds)) / first.max(1) as i64;
        state.next_retry_at = Some(now + TimeDelta::milliseconds(scaled));
    }
}

fn step_name(step: &BookingStep) -> &'static str {
    match step {
        BookingStep::CreateParcel => "creating the parcel",
        BookingStep::FetchLabel { .. } => "fetching the label",
        BookingStep::OpenShipment { .. } => "opening the day's shipment",
        BookingStep::LinkToShipment { .. } => "linking the parcel to the shipment",
        BookingStep::Done => "done",
    }
}

fn show(value: Option<u64>) -> String {
    value.map_or_else(|| "(none)".to_owned(), |v| v.to_string())
}

fn now_ms() -> i64 {
    clock::now_ms() as i64
}
