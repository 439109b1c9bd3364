//! `POST /shipment`, `PUT /shipment/{id}` and `GET /shipment/{id}`: the reservation of the
//! option the shopper chose, and what we answer about it.

use serde::{Deserialize, Serialize};

use super::{Order, Sender};
use crate::model::{
    Addon, Address, Currency, Location, MinorUnits, ShippingClass, ShippingType, TaxRate, Timeslot,
};

/// The body of KSS's `POST /shipment` and `PUT /shipment/{id}`, sent when the shopper clicks buy.
///
/// Required are `session_id` (the reservation is unique per session), `currency`, `order`,
/// `recipient` (a shipment needs somewhere to go) and `selected_shipping_option`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShipmentRequest {
    /// The checkout session the reservation belongs to.
    pub session_id: String,
    /// The currency of every price in the request.
    pub currency: Currency,
    /// What was bought.
    pub order: Order,
    /// Who receives the parcel, and where.
    pub recipient: Address,
    /// The option the shopper chose, with the chosen location, timeslot and addons.
    pub selected_shipping_option: SelectedShippingOption,
    /// The shopper's language and country, e.g. `sv-SE`.
    pub locale: Option<String>,
    /// The warehouse the parcel leaves from.
    pub sender: Option<Sender>,
}

/// KSS `selected_shipping_option`: the shopper's choice, as KSS echoes it back. It has no `name`,
/// and one `location` and `timeslot` instead of lists. Required are the fields needed to book and
/// charge it: `id`, `carrier`, `type`, `price` and `tax_rate`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SelectedShippingOption {
    /// The chosen option's `id`, as we served it.
    pub id: String,
    /// The carrier, e.g. `dhl`.
    pub carrier: String,
    /// Where the parcel is handed over.
    pub r#type: ShippingType,
    /// The price charged, in minor units.
    pub price: MinorUnits,
    /// The tax rate of the price, in hundredths of a percent.
    pub tax_rate: TaxRate,
    /// How fast.
    pub class: Option<ShippingClass>,
    /// The chosen pickup place.
    pub location: Option<Location>,
    /// The chosen delivery window.
    pub timeslot: Option<Timeslot>,
    /// The addons, each with the shopper's choice in `data`.
    pub addons: Option<Vec<Addon>>,
}

/// Our answer to `POST /shipment` (201), `PUT /shipment/{id}` (200) and `GET /shipment/{id}`
/// (200). `shipment_id` is optional because KSS allows a TMS that cannot name the reservation;
/// KSS then posts again instead of putting.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShipmentResponse {
    /// Our identifier of the reservation, used in later `PUT` and `GET` paths.
    pub shipment_id: Option<String>,
    /// The carrier product the reservation was booked as.
    pub selected_shipping_option: Option<BookedShippingOption>,
    /// The parcels, with tracking once the carrier has it.
    pub shipments: Option<Vec<Shipment>>,
    /// Free text for the merchant.
    pub additional_info: Option<String>,
}

/// The carrier and carrier product a reservation was booked as, so the merchant can print the
/// right label.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BookedShippingOption {
    /// The carrier, e.g. `postnord`.
    pub carrier: String,
    /// The carrier's product and addon codes.
    pub carrier_product: Option<CarrierProduct>,
    /// Ours: the pickup place the shopper chose, as we offered it (name, address, hours), so the
    /// merchant sees where the parcel goes without another lookup.
    pub location: Option<Location>,
}

/// A carrier's own product code, e.g. PostNord `19` "MyPack". `identifier` is required: it is the
/// code the label is printed with.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CarrierProduct {
    /// The carrier's product code.
    pub identifier: String,
    /// The carrier's product name.
    pub name: Option<String>,
    /// The carrier's codes of the booked addons.
    pub addon_identifiers: Option<Vec<String>>,
    /// Ours (KSS ignores fields it does not know): the carrier's id of the chosen delivery place,
    /// to book the parcel to it (PostNord's `servicePointId`); absent for a delivery to the door.
    pub service_point_id: Option<String>,
    /// Ours: the carrier's reference of the offered choice, to send with the booking (PostNord's
    /// `deliveryOptionId`, a shipment reference of type `ZDO`).
    pub delivery_option_id: Option<String>,
}

/// One parcel of a shipment, with its tracking. `carrier` is required; tracking comes later.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shipment {
    /// The carrier, e.g. `postnord`.
    pub carrier: String,
    /// The carrier's tracking number.
    pub tracking_id: Option<String>,
    /// A page where the shopper follows the parcel.
    pub tracking_url: Option<String>,
}
