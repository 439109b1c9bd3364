//! What KSS is told of a reservation: its status and `additional_info` at each point of its
//! life (reserved, confirmed, booking, booked, given up), the booking's steps in words, and the
//! retry schedule scaled by the shop's setting. Runs natively and as wasm.

mod support;

use chrono::{NaiveDate, TimeDelta};
use shared::carriers::postplus::{BookingState, BookingStatus, BookingStep, LabelRef};
use shared::kss::{
    scale_retry, shipment_for_kss, step_name, ReservationStatus, ShipmentReservation,
};
use shared::model::{ShippingOption, ShippingType};
use support::at;
use support::postplus::{config, kss_shipment, FRIDAY_MORNING, SHIPMENT_ID};

fn reservation(carrier: &str, confirmed: bool, books_with_postplus: bool) -> ShipmentReservation {
    ShipmentReservation {
        merchant: "sweMerch123".to_owned(),
        shipment_id: SHIPMENT_ID.to_owned(),
        request: kss_shipment(),
        option: ShippingOption::new(
            "option-1234",
            "Home",
            carrier,
            ShippingType::DeliveryAddress,
            2500,
            2500,
        ),
        carrier_product: None,
        product_note: None,
        books_with_postplus,
        reserved_at_ms: 1_757_656_800_000,
        confirmed_at_ms: confirmed.then_some(1_757_656_860_000),
        revision: 3,
    }
}

fn booking() -> BookingState {
    BookingState::new(SHIPMENT_ID, &config(), at(FRIDAY_MORNING)).expect("a booking")
}

/// The status and `additional_info` KSS is told.
fn told(
    reservation: &ShipmentReservation,
    booking: Option<&BookingState>,
) -> (ReservationStatus, String) {
    let answer = shipment_for_kss(reservation, booking, None);
    (
        answer.status,
        answer.shipment.additional_info.unwrap_or_default(),
    )
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn each_stage_is_told_in_its_own_words() {
    let mut failing = booking();
    failing.attempts = 2;
    failing.last_error = Some("PostPlus answered 503".to_owned());
    failing.next_retry_at = Some(at("2025-09-12T06:01:00Z"));
    let mut given_up = failing.clone();
    given_up.status = BookingStatus::Failed;
    let mut booked = booking();
    booked.status = BookingStatus::Done;
    booked.parcel_id = Some(41);
    booked.tracking_id = Some("PP123SE".to_owned());
    booked.print_id = Some(7);
    booked.label = Some(LabelRef {
        print_id: 7,
        format: None,
        r#type: None,
        bytes: None,
        barcodes: Vec::new(),
    });
    booked.shipment_nr = Some("S-2025-09-12".to_owned());
    let mut noted = booked.clone();
    noted.notes = vec![
        "Receiver phone was normalized".to_owned(),
        "Receiver zip code was reformatted".to_owned(),
    ];
    let mut noted_while_booking = booking();
    noted_while_booking.notes = vec!["Receiver phone was normalized".to_owned()];
    for (reservation, booking, status, info) in [
        (
            reservation("bring", false, false),
            None,
            ReservationStatus::Reserved,
            "Reserved; not confirmed yet (an unconfirmed reservation expires).",
        ),
        (
            reservation("bring", true, false),
            None,
            ReservationStatus::Confirmed,
            "Confirmed. bring is not booked by this service: book it with the carrier product above.",
        ),
        (
            reservation("postplus", true, true),
            None,
            ReservationStatus::Booking,
            "Confirmed; booking with PostPlus is about to start.",
        ),
        (
            reservation("postplus", true, true),
            Some(booking()),
            ReservationStatus::Booking,
            "Confirmed; booking with PostPlus (creating the parcel).",
        ),
        (
            reservation("postplus", true, true),
            Some(failing),
            ReservationStatus::Booking,
            "Confirmed; booking with PostPlus (creating the parcel). Attempt 2 failed: PostPlus \
             answered 503; retrying at 2025-09-12T06:01:00Z.",
        ),
        (
            reservation("postplus", true, true),
            Some(given_up),
            ReservationStatus::BookingFailed,
            "Confirmed; booking with PostPlus failed after 2 attempt(s): PostPlus answered 503. \
             Confirm again to retry.",
        ),
        (
            reservation("postplus", true, true),
            Some(booked),
            ReservationStatus::Booked,
            "Confirmed and booked with PostPlus: parcel 41, tracking number PP123SE, label print \
             7, on shipment S-2025-09-12.",
        ),
        (
            reservation("postplus", true, true),
            Some(noted),
            ReservationStatus::Booked,
            "Confirmed and booked with PostPlus: parcel 41, tracking number PP123SE, label print \
             7, on shipment S-2025-09-12. PostPlus noted: Receiver phone was normalized; \
             Receiver zip code was reformatted.",
        ),
        (
            reservation("postplus", true, true),
            Some(noted_while_booking),
            ReservationStatus::Booking,
            "Confirmed; booking with PostPlus (creating the parcel). PostPlus noted: Receiver \
             phone was normalized.",
        ),
    ] {
        assert_eq!(
            told(&reservation, booking.as_ref()),
            (status, info.to_owned())
        );
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn the_answer_names_the_shipment_the_choice_and_the_tracking() {
    let mut reserved = reservation("postplus", true, true);
    reserved.product_note = Some("The product code is a stand-in.".to_owned());
    let mut state = booking();
    state.tracking_id = Some("PP123SE".to_owned());
    let answer = shipment_for_kss(&reserved, Some(&state), None);
    assert_eq!(answer.revision, 3);
    assert_eq!(answer.shipment.shipment_id.as_deref(), Some(SHIPMENT_ID));
    assert_eq!(
        answer.shipment.additional_info.as_deref(),
        Some(
            "Confirmed; booking with PostPlus (creating the parcel). The product code is a \
             stand-in."
        )
    );
    let chosen = answer.shipment.selected_shipping_option.expect("a choice");
    assert_eq!(chosen.carrier, "postplus");
    // No offered copy of the place is kept here, so the selection's own copy is told.
    assert_eq!(
        chosen.location.map(|place| place.id),
        Some("location-1234".to_owned())
    );
    let shipments = answer.shipment.shipments.expect("a shipment once tracked");
    assert_eq!(shipments.len(), 1);
    assert_eq!(shipments[0].carrier, "postplus");
    assert_eq!(shipments[0].tracking_id.as_deref(), Some("PP123SE"));
    assert_eq!(shipments[0].tracking_url, None);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn booking_steps_read_as_words() {
    let date = NaiveDate::from_ymd_opt(2025, 9, 12).expect("a date");
    for (step, words) in [
        (BookingStep::CreateParcel, "creating the parcel"),
        (
            BookingStep::FetchLabel { print_id: 7 },
            "fetching the label",
        ),
        (
            BookingStep::OpenShipment { date },
            "opening the day's shipment",
        ),
        (
            BookingStep::LinkToShipment { shipment_id: 9 },
            "linking the parcel to the shipment",
        ),
        (BookingStep::Done, "done"),
    ] {
        assert_eq!(step_name(&step), words);
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn the_retry_wait_scales_by_the_shops_setting_over_thirty_seconds() {
    let now = at(FRIDAY_MORNING);
    let waiting = |seconds: i64| {
        let mut state = booking();
        state.next_retry_at = Some(now + TimeDelta::seconds(seconds));
        state
    };
    for (retry_seconds, wait, scaled) in [(30, 60, 60), (3, 60, 6), (60, 60, 120), (1, 30, 1)] {
        let mut state = waiting(wait);
        scale_retry(&mut state, now, retry_seconds);
        assert_eq!(
            state.next_retry_at,
            Some(now + TimeDelta::seconds(scaled)),
            "{retry_seconds} s"
        );
    }
    let mut idle = booking();
    scale_retry(&mut idle, now, 3);
    assert_eq!(idle.next_retry_at, None);
}
