//! What booking a chosen option with PostNord needs (`bookingInstructions`), found again by the
//! ids KSS sends back: our option id, and the chosen location or timeslot.

use serde::Serialize;

use crate::carriers::read::read_body;
use crate::carriers::CarrierFailure;

use super::delivery_options::{timeslot_id, window};
use super::wire::{self, DeliveryOption};

/// The booking instructions of one choice in a Delivery Options answer (spec `BookingInstructions`),
/// with the ids under which the choice is offered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Booking {
    /// Our option id, `postnord-<type>`.
    pub option_id: String,
    /// The chosen place (KSS `locations[].id`), for a service point or locker chosen by the
    /// shopper; `None` for the default choice, where PostNord picks.
    pub location_id: Option<String>,
    /// The chosen delivery window (KSS `timeslots[].id`) of a home option; `None` for "as soon
    /// as possible".
    pub timeslot_id: Option<String>,
    /// Sent with the booking as a shipment reference of type `ZDO`.
    pub delivery_option_id: String,
    /// The service to book, e.g. `19`.
    pub service_code: String,
    /// Additional services to book with it, e.g. `A7` (optional service point).
    pub additional_service_codes: Vec<String>,
    /// The delivery place, when it is not the recipient's address.
    pub service_point_id: Option<String>,
}

/// Every choice in a Delivery Options answer with what booking it needs. Choices that cannot be
/// read are left out (they were not offered either); an answer that is not JSON is a failure.
///
/// `deliveryOptionId` is only good for the answer it came in; book from the answer the shopper
/// chose from (or ask again and match by [`find_booking`]), not from an id kept for days.
pub fn booking_instructions(
    content_type: Option<&str>,
    body: &str,
) -> Result<Vec<Booking>, CarrierFailure> {
    let mut bookings = Vec::new();
    let response: wire::Response = read_body(content_type, body)?;
    for options in wire::delivery_types(&response) {
        let option_id = options.delivery_type.option_id();
        let pickup = options.delivery_type.is_pickup();
        let default = options.default.iter().flatten().map(|o| (o, false));
        let additional = options.additional.iter().flatten().map(|o| (o, true));
        for (option, is_additional) in default.chain(additional) {
            let location_id = option
                .booking_instructions
                .service_point_id
                .clone()
                .filter(|_| pickup && is_additional);
            let timeslot_id = (!pickup && is_additional)
                .then(|| window(option).and_then(|(start, end)| timeslot_id(start, end)))
                .flatten();
            bookings.push(booking(&option_id, location_id, timeslot_id, option));
        }
    }
    Ok(bookings)
}

/// The booking for the shopper's choice: `option_id` with the chosen location or timeslot, if
/// any. `None` when the answer offers no such choice.
pub fn find_booking<'a>(
    bookings: &'a [Booking],
    option_id: &str,
    location_id: Option<&str>,
    timeslot_id: Option<&str>,
) -> Option<&'a Booking> {
    bookings.iter().find(|b| {
        b.option_id == option_id
            && b.location_id.as_deref() == location_id
            && b.timeslot_id.as_deref() == timeslot_id
    })
}

/// PostNord's additional service "Optional Service Point": the parcel goes to a place the
/// shopper chose rather than to the one PostNord would pick (the Delivery Options examples put
/// it on every service-point and parcel-locker `additionalOptions` entry).
pub const OPTIONAL_SERVICE_POINT: &str = "A7";

/// The booking for the shopper's choice, whichever list the chosen place came from.
///
/// - The exact choice Delivery Options offered (option, place, time slot): its own booking.
/// - A place Delivery Options did not list (it came from Service Points, which the checkout
///   asks for more places): the option's booking for another chosen place, if it has one (it
///   carries `A7`), else its default booking with `A7` added, in both cases with the chosen
///   place as `servicePointId`. Booking the default instead would send the parcel to the place
///   PostNord picks, not to the one the shopper chose.
/// - No place or time slot: the option's default booking.
///
/// `None` when Delivery Options no longer offers the option at all.
pub fn booking_for(
    bookings: &[Booking],
    option_id: &str,
    location_id: Option<&str>,
    timeslot_id: Option<&str>,
) -> Option<Booking> {
    if let Some(exact) = find_booking(bookings, option_id, location_id, timeslot_id) {
        return Some(exact.clone());
    }
    let Some(place) = location_id else {
        return find_booking(bookings, option_id, None, None).cloned();
    };
    let of_option = |b: &&Booking| b.option_id == option_id && b.timeslot_id.is_none();
    let mut booking = bookings
        .iter()
        .filter(of_option)
        .find(|b| b.location_id.is_some())
        .or_else(|| {
            bookings
                .iter()
                .filter(of_option)
                .find(|b| b.location_id.is_none())
        })?
        .clone();
    if !booking
        .additional_service_codes
        .iter()
        .any(|code| code == OPTIONAL_SERVICE_POINT)
    {
        booking
            .additional_service_codes
            .push(OPTIONAL_SERVICE_POINT.to_owned());
    }
    booking.location_id = Some(place.to_owned());
    booking.service_point_id = Some(place.to_owned());
    Some(booking)
}

fn booking(
    option_id: &str,
    location_id: Option<String>,
    timeslot_id: Option<String>,
    option: &DeliveryOption,
) -> Booking {
    let instructions = &option.booking_instructions;
    Booking {
        option_id: option_id.to_owned(),
        location_id,
        timeslot_id,
        delivery_option_id: instructions.delivery_option_id.clone(),
        service_code: instructions.service_code.clone(),
        additional_service_codes: instructions.additional_service_codes.clone(),
        service_point_id: instructions.service_point_id.clone(),
    }
}
