//! Bring (Posten in Norway): the Shipping Guide API v2 and the Pickup Point API, as functions over
//! data. The edge sends the requests built here and hands the answers back; nothing here does IO.
//!
//! ## What is built and read
//!
//! - [`products_request`]: `POST` to the Shipping Guide with one consignment, the services the
//!   shop offers to the recipient's country, prices, lead times, service texts, environmental
//!   data and alternative dates (v2 body schema in bring-shipping-guide-api.txt; callingsg.md).
//!   The `shippingDate` follows the shop's cutoff and working days (see `shipping_date.rs`; the
//!   best-practice guide implement-estimated-delivery.html).
//! - [`parse_products`]: every product becomes a [`ShippingOption`](crate::model::ShippingOption)
//!   or a warning naming it:
//!   - `id` `bring-{product id}`, `name` Bring's `displayName`, `carrier` `bring`;
//!   - `group` the heading: `pickup`, `mailbox`, `express` or `home` by service, and `locker`
//!     only when the product's `deliveryType` names one (pickup services reach lockers too);
//!     `type` and `class` follow from it: `pickup-point` for pickup and locker, else
//!     `delivery-address` (mailbox parcels too: KSS has no mailbox type); `class` `express` for
//!     express services, else `standard`;
//!   - `price` Bring's `amountWithVAT` of the list or net price (as configured) in minor units,
//!     `currency` its `currencyCode`, `tax_rate` `vat / amountWithoutVAT` in hundredths of a
//!     percent (`2500`);
//!   - `delivery_time` from `expectedDelivery` (see `delivery_time.rs`), alternative dates alike;
//!   - `service_texts` from `displayName`, `shortName`, `descriptionText`, `helpText`, kept as
//!     received (they are data, never HTML);
//!   - `logo_url` Bring's `logoUrl`, else the Posten logo for recipients in Norway and the Bring
//!     logo elsewhere (the checkout guides, bring-examples/checkout-guide-*.json, "Logo");
//!   - `environmental` from `environmentalTagUrl` and the last-mile `environmentalData`
//!     (environmentaldata.md).
//!
//!   A product with `errors` is left out with a `service_unavailable` warning; its `warnings`
//!   are passed on as `carrier_notice` (errors-warnings.md: warnings are information, not logic),
//!   and so is `expectedDelivery.userMessage`, Bring's note on an inaccurate lead time. A part of
//!   the delivery time or the environmental data that does not read is left out with a
//!   `malformed_response` warning naming it; the priced product is still offered.
//! - [`pickup_points_request`], [`parse_pickup_points`], [`attach_pickup_points`]: the nearest
//!   pickup points (bring-pickup-point/api.raml and its examples) as KSS `locations` of the
//!   pickup-point options, each with `distanceInKm` as `distance_meters` (read as a decimal).
//!
//! A refused request (a non-2xx) is a failure by its status; Bring's `fieldErrors` (code, field,
//! message) are its `detail`, for the edge's log (see [`carriers`](crate::carriers)). Credentials
//! go into request headers and nowhere else: the parse functions never see them, and failure texts
//! never quote a header or a response body.

mod config;
mod delivery_time;
mod failure;
mod opening_hours;
mod pickup_points;
mod products_request;
mod products_response;
mod shipping_date;
mod wire;

pub use config::{
    BringConfig, BringCredentials, BringServices, MAX_ALTERNATIVE_DATES, PICKUP_POINTS_PATH,
    PRODUCTS_PATH,
};
pub use pickup_points::{
    attach_pickup_points, parse_pickup_points, pickup_points_request, PickupPointType,
};
pub use products_request::products_request;
pub use products_response::parse_products;

/// The carrier name on our options and warnings.
pub const CARRIER: &str = "bring";
