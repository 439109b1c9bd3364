//! PostPlus: options from the shop's configuration, and booking a confirmed reservation as a
//! PostPlus parcel on the day's shipment, as functions over data.
//!
//! Sources, in the shared reference folder: `postplus-api-overview.txt` (the `X-API-KEY` header on
//! every request, the test and production environments) and `notes/02-postplus.md` (paths,
//! request and response shapes from PostPlus's documentation pages and the one open-source client;
//! sections are cited as "notes §2.1"). The carrier sandbox (`tests/sandbox/src/postplus.rs`)
//! implements the same calls; the tests here read the notes' examples, not the sandbox.
//!
//! ## Options (`options.rs`)
//!
//! PostPlus documents no price or transit-time API, so [`postplus_options`] builds the options
//! from [`PostPlusConfig::options`]: for each option configured for the recipient's country, its
//! id (`postplus-<id>`), name, price (0 from `free_above`), currency, tax rate, group (and from
//! it the KSS `type` and `class`), service texts and logo, and a `delivery_time` of business days
//! (`interval`) plus today's cutoff while it is ahead. An order after the cutoff, or on a
//! weekend, leaves a working day later, so both ends of the interval grow by one.
//!
//! ## Booking (`parcel.rs`, `label.rs`, `shipment.rs`, `booking.rs`)
//!
//! A confirmed reservation whose carrier PostPlus ships ([`PostPlusConfig::books`]) becomes:
//! 1. a parcel, `PUT /api/v1/parcels` ([`parcel_request`], [`parse_parcel`]; notes §2.1–2.2),
//!    built from the KSS shipment (`kss::parcel_booking`): receiver, items with weights in kg, the
//!    service code, the shop as sender;
//! 2. its label, `GET /api/v1/parcels/parcel-prints/{printId}` without the contents
//!    ([`label_request`], [`parse_label`]; notes §2.3): we keep a reference (print id, format,
//!    size), and [`label_document_request`] fetches the PDF when someone wants to print it;
//! 3. the day's shipment, `POST /api/v1/shipments` with `updateIfExists` and a shipment number
//!    made from the date ([`shipment_request`]; notes §3.1), and the parcel linked to it and to the
//!    day's bag, `POST /api/v1/parcels/update-references-many` ([`link_request`],
//!    [`parse_link`]; notes §2.4).
//!
//! Closing the day ([`prepare_request`], then [`submit_request`] with the `shipmentSubmitToken`;
//! notes §3.2–3.3) is not part of a booking: it is the shop's end of day, once for all parcels.
//!
//! [`BookingState`] and [`next_request`]/[`apply`] run those steps: the edge's Durable Object
//! stores the state, sends the request, and applies the answer. The retry rules are here, so they
//! are tested natively.
//!
//! ## Idempotency
//!
//! `PUT /api/v1/parcels` is an upsert: PostPlus "looks for an existing parcel by `identifiers`"
//! and updates it (notes §2.1). We always send `identifiers.senderParcelNr` =
//! [`sender_parcel_nr`] of our shipment id, which is the same on every attempt. So a repeated
//! confirm, a retry after a timeout (when we cannot know whether the parcel was created), or a
//! run from a state saved before a crash sends the same key, and PostPlus updates the one parcel
//! instead of creating a second. The shipment is created with `updateIfExists: true` under a
//! number made from the date (one per day), and linking a linked parcel again changes nothing;
//! the state records each step done, so a finished step is not sent again.
//!
//! ## Errors
//!
//! A non-2xx answer is a [`CarrierFailure`](crate::carriers::CarrierFailure) by its status, with
//! PostPlus's `ProblemDetails` (`title`, `detail`; shape inferred, notes §4) as its detail. A 2xx
//! answer can still refuse the entity: `status.hasErrors` with `status.errorDetails` strings on
//! a parcel, shipment or print, `failedParcels[].error` on a link (notes §2.2, §4). That is a
//! [`BookingFailure::Refused`] carrying PostPlus's texts. The API key goes into the `X-API-KEY`
//! header and nowhere else: the parse functions never see it.

mod booking;
mod config;
mod end_of_day;
mod failure;
mod label;
mod options;
mod parcel;
mod shipment;

pub use booking::{
    apply, apply_no_answer, next_request, retry_delay, BookingState, BookingStatus, BookingStep,
    FIRST_RETRY_DELAY, MAX_ATTEMPTS, MAX_RETRY_DELAY,
};
pub use config::{DeliveryDays, PostPlusConfig, PostPlusOption, PostPlusSender, ShipmentSettings};
pub use end_of_day::{
    next_day_step, parse_documents, shipment_document_request, shipment_documents_request,
    DayReport, DayStep, ShipmentDocuments,
};
pub use failure::BookingFailure;
pub use label::{label_document_request, label_request, parse_label, LabelRef};
pub use options::postplus_options;
pub use parcel::{
    parcel_request, parse_parcel, sender_parcel_nr, BookedParcel, ParcelBooking, ParcelItem,
    Receiver,
};
pub use shipment::{
    link_request, parse_link, parse_shipment, parse_shipment_step, prepare_request, shipment_nr,
    shipment_request, submit_request, PostPlusShipment,
};

use crate::carriers::{Method, OutboundRequest};

/// Our name for PostPlus in `ShippingOption::carrier`, warnings and reservations.
pub const CARRIER: &str = "postplus";

/// A request to `path` under the configured base URL, with the key PostPlus wants on every
/// request (overview, "Authentication and authorization") and a JSON body when there is one.
fn request(
    method: Method,
    config: &config::PostPlusConfig,
    path: &str,
    api_key: &str,
    body: Option<serde_json::Value>,
) -> OutboundRequest {
    let mut headers = vec![
        ("X-API-KEY".to_owned(), api_key.to_owned()),
        ("Accept".to_owned(), "application/json".to_owned()),
    ];
    if body.is_some() {
        headers.push(("Content-Type".to_owned(), "application/json".to_owned()));
    }
    OutboundRequest {
        method,
        url: format!("{}{path}", config.base_url.trim_end_matches('/')),
        headers,
        body: body.map(|body| crate::model::json_text(&body)),
    }
}
