//! The Klarna Shipping Service (KSS) callback API's wire payloads, as types.
//!
//! KSS calls us (the integrator, in KSS's words a TMS): `POST /auth` for a token,
//! `POST /shippingoptions` whenever the shopper changes something, `POST /shipment` (and
//! `PUT /shipment/{id}`) when the shopper clicks buy, and `GET /shipment/{id}` later. This module
//! holds the bodies of those calls, the `/auth` digest check and the bearer tokens: no HTTP and
//! no clock (the current time is an argument). The
//! shipping option itself is the model's [`ShippingOption`](crate::model::ShippingOption), so the
//! option we show and the option we serve to Klarna are one type.
//!
//! Every type parses with [`from_json`](crate::model::from_json) to get an error that names the
//! path of a bad field; unknown fields are ignored, because Klarna adds fields without notice.
//!
//! KSS sits above the carriers: this module reads `carriers`' types (what a reservation is booked
//! as, PostPlus's parcel and booking state), and nothing under `carriers` names `kss`, so a
//! carrier's protocol stays a carrier's. `tests/layering.rs` fails the build's tests when a file
//! under `src/carriers/` mentions `kss`.

mod auth;
mod digest;
mod failure;
mod order;
mod packing;
mod parcel;
mod product;
mod quote;
mod reservation;
mod selection;
mod shipment;
mod shipping_options;
mod token;

pub use auth::{AuthRequest, AuthResponse, AuthSecret};
pub use digest::{auth_digest, digest_matches};
pub use failure::{FailureReason, FailureResponse};
pub use order::{Dimensions, Order, OrderLine, OrderLineType, Sender, ShippingAttributes};
pub use packing::{pack_order, ParcelLimit, DEFAULT_PARCEL_GRAMS, PARCEL_LIMIT};
pub use parcel::parcel_booking;
pub use product::{carrier_product, is_shipment_id, shipment_id, ProductSource};
pub use quote::kss_quote;
pub use reservation::{
    scale_retry, shipment_for_kss, step_name, KssShipment, ReservationStatus, ShipmentReservation,
};
pub use selection::{check_selection, quote_failure};
pub use shipment::{
    BookedShippingOption, CarrierProduct, SelectedShippingOption, Shipment, ShipmentRequest,
    ShipmentResponse,
};
pub use shipping_options::{ShippingOptionsRequest, ShippingOptionsResponse};
pub use token::{issue_token, verify_token, TokenClaims, TOKEN_LIFETIME_SECONDS};
