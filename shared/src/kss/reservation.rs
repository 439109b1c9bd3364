//! A KSS reservation as stored, and what `GET /shipment/{id}` (and every other shipment call)
//! says of it: its [`ReservationStatus`] and the booking's progress in words
//! (`additional_info`). Pure: the edge's Durable Object stores the values and sends the answer.
//!
//! KSS sits above the carriers (see `kss/mod.rs`): this module reads PostPlus's
//! [`BookingState`], never the other way round.

use chrono::{DateTime, SecondsFormat, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use crate::carriers::postplus::{
    self, BookingState, BookingStatus, BookingStep, PostPlusConfig, FIRST_RETRY_DELAY,
};
use crate::model::{Location, ShippingOption};

use super::shipment::{
    BookedShippingOption, CarrierProduct, Shipment, ShipmentRequest, ShipmentResponse,
};

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

/// KSS's shipment answer plus `status` and `revision`, which KSS's schema has no fields for (KSS
/// ignores fields it does not know; a merchant's tools read them).
#[derive(Debug, Clone, Serialize)]
pub struct KssShipment {
    #[serde(flatten)]
    pub shipment: ShipmentResponse,
    pub status: ReservationStatus,
    /// Which stored version of the reservation this answer describes: 1 for the first, one
    /// more for each change a `POST`/`PUT` made. A session's calls are applied one at a time,
    /// the last writer wins, and every answer describes the reservation as that call left it;
    /// two callers racing can tell from this which one's choice stands.
    pub revision: u64,
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

/// The reservation as KSS sees it, with the booking's progress. `postplus` is PostPlus's
/// configuration when it is ready (for the tracking page's URL).
pub fn shipment_for_kss(
    reservation: &ShipmentReservation,
    booking: Option<&BookingState>,
    postplus: Option<&PostPlusConfig>,
) -> KssShipment {
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
            tracking_url: postplus.and_then(|c| c.tracking_url_for(&tracking_id)),
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
    // What PostPlus changed without refusing the parcel (a normalized phone number, say) is
    // the merchant's to know: each note as PostPlus wrote it, as text.
    if let Some(state) = booking.filter(|state| !state.notes.is_empty()) {
        info.push_str(" PostPlus noted: ");
        info.push_str(&state.notes.join("; "));
        info.push('.');
    }
    if let Some(note) = &reservation.product_note {
        info.push(' ');
        info.push_str(note);
    }
    KssShipment {
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

/// A booking step in words, for `additional_info` and the log.
pub fn step_name(step: &BookingStep) -> &'static str {
    match step {
        BookingStep::CreateParcel => "creating the parcel",
        BookingStep::FetchLabel { .. } => "fetching the label",
        BookingStep::OpenShipment { .. } => "opening the day's shipment",
        BookingStep::LinkToShipment { .. } => "linking the parcel to the shipment",
        BookingStep::Done => "done",
    }
}

/// Scales the wait `shared` chose after a failure by `retry_seconds` (the edge's
/// `KSS_BOOKING_RETRY_SECONDS`) over its first delay (30 s): the schedule's shape (doubling,
/// capped) stays PostPlus's, only its unit changes, so an operator (or a test) can retry sooner
/// or later than the default.
pub fn scale_retry(state: &mut BookingState, now: DateTime<Utc>, retry_seconds: u32) {
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

/// The pickup place the shopper chose, as we offered it (the offered option's copy has its
/// address and hours); the selection's own copy when the offered one is not kept.
fn chosen_place(reservation: &ShipmentReservation) -> Option<Location> {
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

fn show(value: Option<u64>) -> String {
    value.map_or_else(|| "(none)".to_owned(), |v| v.to_string())
}
