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
//! - `served`: `Served`, the options `/shippingoptions` last served to the session (without
//!   their pickup places), for the cutoff check of `/shipment`;
//! - `reservation`: `shared::kss::ShipmentReservation`, the request KSS sent, the option as we offered it and its
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
//! `alarm` deletes an expired or retained-long-enough session, runs the
//! booking's due steps, then sets the alarm again (or clears it). The booking never runs in a
//! request: confirm only records the confirmation and sets the alarm to now, so it answers at
//! once. Both deadlines are also checked on every read, so a deleted-to-be reservation is gone
//! even if its alarm has not run yet.
//!
//! The Worker talks to the object with [`Command`]s (JSON) and gets [`Outcome`]s back; the
//! mapping to HTTP statuses stays in the routes. As in workers-rs's own Durable Object example,
//! the object and its client are apart: `object.rs` is the object (storage, alarm, booking),
//! `client.rs` the stub a route calls ([`call`]), `messages.rs` what passes between them. What
//! KSS is told of a reservation (its status and `additional_info`) is `shared::kss`'s
//! `shipment_for_kss`, pure.

mod client;
mod messages;
mod object;

pub use client::call;
pub use messages::{Command, Outcome};
pub use object::Reservation;
