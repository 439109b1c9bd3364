//! PostNord: Delivery Options (`bywarehouse`), Service Points v5 (nearest by address) and OAuth2
//! client credentials, as functions over data.
//!
//! Sources, in the shared reference folder: `postnord-openapi/delivery-options.swagger.json`
//! (Delivery Options 3.4.3: request, response, time zones, fault codes),
//! `postnord-openapi/servicepoints-v5.swagger.json` (Service Points 5.0.14),
//! `postnord-api-general.txt` (the `apikey` query parameter, `X-External-Request-ID`, the OAuth2
//! client-credentials request and response), and `notes/01-postnord.md` (hosts, the token URL,
//! what was seen live).
//!
//! What is mapped, Delivery Options → [`ShippingOption`](crate::model::ShippingOption)
//! (`delivery_options.rs`):
//! - one option per delivery type, id `postnord-<type>` (`postnord-service-point`). PostNord's
//!   `deliveryOptionId` is not used as our id: it differs between two answers for the same
//!   service point (compare the spec's `success-full` and `success-handOverTime-exact`), and KSS
//!   sends our id back later. It is kept for booking ([`booking_instructions`]).
//! - service-point and parcel-locker → `pickup-point`, their `additionalOptions` → `locations`
//!   (id = `servicePointId`, name, address, coordinates, opening hours); the spec recommends the
//!   additional options, with the default option as the fallback when there are none.
//! - home's `additionalOptions` (specific delivery times) → `timeslots`; every other type →
//!   `delivery-address`. express-mailbox → class `express`.
//! - price, `free_above`, currency and `tax_rate` from [`PostNordConfig`]: the API has no prices.
//! - `deliveryTime.date` → `earliest`/`latest` as received, `dayRange` → `interval`, both with
//!   `interval.utc_offset_in_seconds` (PostNord's times are the recipient's local time), and
//!   today's cutoff while it is ahead.
//! - `descriptiveTexts.checkout` → `name` and `service_texts`; `sustainability` → `environmental`.
//! - no `addons`: the only additional service code in the spec's answers is `A7` ("optional
//!   service point"), which says the shopper picked a place, not an extra they can add; it is
//!   kept in the [`Booking`].
//!
//! - `friendlyDeliveryInfo` (PostNord's own short line, "Coop Karolingatan (Tomorrow ~ 16:00)")
//!   → `service_texts.delivery_info`; `distanceFromRecipientAddress` (walking metres) → the
//!   location's `distance_meters`.
//! - the delivery type → `group` ([`DeliveryType::group`]): a locker and a service point are
//!   kept apart, as PostNord asks.
//!
//! Not mapped, for want of a field in the model: `accessibility` (indoor/outdoor locker).
//!
//! A non-2xx answer is a failure by its status, with PostNord's fault codes as its `detail`
//! (see [`carriers`](crate::carriers) for the rule), except `API-003`, which is an answer.

mod booking;
mod config;
mod delivery_options;
mod faults;
mod oauth;
mod opening_hours;
mod service_points;
mod wire;

pub use booking::{
    booking_for, booking_instructions, find_booking, Booking, OPTIONAL_SERVICE_POINT,
};
pub use config::{
    is_customer_key, CountryPrices, PostNordConfig, ServicePrice, Warehouse, WarehouseAddress,
    DELIVERY_OPTIONS_PATH, SERVICE_POINTS_PATH, TOKEN_PATH,
};
pub use delivery_options::{delivery_options_request, parse_delivery_options};
pub use oauth::{authorization_header, parse_token, token_request, AccessToken, ClientCredentials};
pub use service_points::{
    attach_service_points, parse_service_points, service_points_request, PickupKind,
};

use crate::model::open_enum::open_enum;
use crate::model::DeliveryGroup;

/// Our name for PostNord in `ShippingOption::carrier` and in warnings.
pub const CARRIER: &str = "postnord";

open_enum! {
    /// PostNord's `DeliveryType`: how a parcel reaches the recipient (Delivery Options spec).
    pub enum DeliveryType {
        /// `home`: to the door (service 17); additional options are specific delivery times.
        Home = "home",
        /// `parcel-locker`: to a locker (service 19); only additional options, one per locker.
        ParcelLocker = "parcel-locker",
        /// `service-point`: to a service point (service 19).
        ServicePoint = "service-point",
        /// `mailbox`: to the mailbox or door (service 11).
        Mailbox = "mailbox",
        /// `express-mailbox`: faster mailbox delivery (service 86).
        ExpressMailbox = "express-mailbox",
        /// `home-small`: MyPack Home Small (service 30), mailbox or service point if too large.
        HomeSmall = "home-small",
        /// `pallet` (service 52).
        Pallet = "pallet",
        /// `groupage` (service 83).
        Groupage = "groupage",
        /// `parcel-b2b` (service 18).
        ParcelB2b = "parcel-b2b",
        /// `pallet-b2b` (service 52).
        PalletB2b = "pallet-b2b",
        /// `groupage-b2b` (service 83).
        GroupageB2b = "groupage-b2b",
        /// `international-parcel` (service 91).
        InternationalParcel = "international-parcel",
        /// `postnord-home-small-no`: Home Small in Norway (service B).
        HomeSmallNo = "postnord-home-small-no",
    }
}

impl DeliveryType {
    /// The heading the type belongs under. PostNord asks checkouts not to present its types as
    /// interchangeable, so a locker and a service point are kept apart.
    pub fn group(&self) -> DeliveryGroup {
        match self {
            DeliveryType::ServicePoint => DeliveryGroup::Pickup,
            DeliveryType::ParcelLocker => DeliveryGroup::Locker,
            DeliveryType::Mailbox | DeliveryType::HomeSmall | DeliveryType::HomeSmallNo => {
                DeliveryGroup::Mailbox
            }
            DeliveryType::ExpressMailbox => DeliveryGroup::Express,
            // Everything else (pallets, groupage, b2b, international, types added later) comes
            // to the recipient's address.
            _ => DeliveryGroup::Home,
        }
    }

    /// Whether the shopper collects the parcel at a place the option lists.
    pub fn is_pickup(&self) -> bool {
        matches!(
            self,
            DeliveryType::ServicePoint | DeliveryType::ParcelLocker
        )
    }

    /// Our option id for this type: stable across answers, so KSS can send it back.
    pub fn option_id(&self) -> String {
        format!("{CARRIER}-{}", self.as_str())
    }

    /// The type of one of our PostNord option ids (the inverse of [`DeliveryType::option_id`]);
    /// `None` for another carrier's id.
    pub fn of_option(option_id: &str) -> Option<DeliveryType> {
        let name = option_id.strip_prefix(CARRIER)?.strip_prefix('-')?;
        Some(DeliveryType::from(name))
    }
}

/// `url` with the query parameters appended, each name and value form-encoded.
fn with_query<'a>(url: &str, params: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    query.extend_pairs(params);
    let query = query.finish();
    let separator = if url.contains('?') { '&' } else { '?' };
    format!("{url}{separator}{query}")
}

/// A header pair, from two string slices.
fn header(name: &str, value: &str) -> (String, String) {
    (name.to_owned(), value.to_owned())
}
