//! `Reservation`, the Durable Object itself: its storage, its alarm, and the PostPlus booking it
//! drives (see `mod.rs` for the storage keys and the alarm's schedule).

use chrono::TimeDelta;
use serde::{Deserialize, Serialize};
use shared::carriers::postplus::{
    apply, apply_no_answer, next_request, BookingState, BookingStatus,
};
use shared::kss::{
    check_selection, parcel_booking, scale_retry, shipment_for_kss, step_name, CarrierProduct,
    FailureReason, KssShipment, ShipmentRequest, ShipmentReservation,
};
use shared::model::{from_json, ShippingOption};
use worker::js_sys;
use worker::wasm_bindgen::JsValue;
use worker::{durable_object, DurableObject, Env, Request, Response, Result, ScheduledTime, State};

use super::messages::{Command, Outcome};
use crate::carriers::{send, Deadline};
use crate::clock;
use crate::config::{self, Config};
use crate::log::log;

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

/// The options served to a session.
#[derive(Debug, Serialize, Deserialize)]
pub struct Served {
    pub merchant: String,
    pub options: Vec<ShippingOption>,
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
                    shipment: kss_shipment_of(
                        &reservation,
                        self.booking().await?.as_ref(),
                        &config,
                    ),
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
                    shipment: kss_shipment_of(&existing, self.booking().await?.as_ref(), config),
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
            shipment: kss_shipment_of(&reservation, None, config),
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
            match (&mut booking, config.postplus_ready()) {
                // A repeated confirm of a given-up booking starts it again where it stopped,
                // under the same upsert key; a running or finished one is left alone.
                (Some(state), _) => {
                    if state.status == BookingStatus::Failed {
                        state.resume();
                        self.write(BOOKING, state).await?;
                    }
                }
                (None, Some(setup)) => {
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
            shipment: kss_shipment_of(&reservation, booking.as_ref(), config),
        })
    }

    /// Runs the booking's steps that are due, storing the state after each.
    async fn book(&self, reservation: &ShipmentReservation, config: &Config) -> Result<()> {
        let Some(mut state) = self.booking().await? else {
            return Ok(());
        };
        let Some(setup) = config.postplus_ready() else {
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

    /// What `write` stored under `key`. Read as the JavaScript string it is, not through
    /// `Storage::get`, whose serde_wasm_bindgen reader is kilobytes of the wasm for one string.
    async fn read<T: serde::de::DeserializeOwned>(&self, key: &str) -> Result<Option<T>> {
        let found = self.state.storage().get_multiple(vec![key]).await?;
        let value = found.get(&JsValue::from_str(key));
        if value.is_undefined() {
            return Ok(None);
        }
        let text = value
            .as_string()
            .ok_or_else(|| worker::Error::RustError(format!("stored {key} is not text")))?;
        from_json(&text).map(Some).map_err(|error| {
            worker::Error::RustError(format!("stored {key} is unreadable: {error}"))
        })
    }

    async fn write<T: Serialize + ?Sized>(&self, key: &str, value: &T) -> Result<()> {
        let text = serde_json::to_string(value)
            .map_err(|error| worker::Error::RustError(format!("storing {key}: {error}")))?;
        self.state
            .storage()
            .put_raw(key, JsValue::from_str(&text))
            .await
    }
}

/// The reservation as KSS sees it, with the booking's progress (PostPlus's configuration, when
/// ready, gives its tracking page).
fn kss_shipment_of(
    reservation: &ShipmentReservation,
    booking: Option<&BookingState>,
    config: &Config,
) -> KssShipment {
    let postplus = config.postplus_ready().map(|setup| &setup.config);
    shipment_for_kss(reservation, booking, postplus)
}

fn now_ms() -> i64 {
    clock::now_ms() as i64
}
