//! `DeliveryGroup`: the heading a shopper looks for an option under.

use super::open_enum::open_enum;
use super::{ShippingClass, ShippingType};

open_enum! {
    /// Ours: how a shopper thinks of a delivery, for grouping options under headings. KSS `type`
    /// says only where the parcel is handed over (`pickup-point` or `delivery-address`), which
    /// puts a locker with a staffed counter and a mailbox parcel with a courier to the door.
    /// Carriers ask checkouts not to present those as interchangeable, so each carrier mapping
    /// fills this from its own service codes.
    ///
    /// Like KSS's enumerations it accepts a value this version does not know (kept in `Other`),
    /// so that a widget older than its edge still reads every option; such an option belongs
    /// under the heading its KSS `type` gives.
    pub enum DeliveryGroup {
        /// `home`: to the recipient's door (or address, for pallets and business parcels).
        Home = "home",
        /// `pickup`: collected over a counter at a pickup point (a post office, a shop).
        Pickup = "pickup",
        /// `locker`: collected from a parcel locker.
        Locker = "locker",
        /// `mailbox`: into the recipient's mailbox, or at the door when it does not fit.
        Mailbox = "mailbox",
        /// `express`: the fast variant of a delivery to the address.
        Express = "express",
    }
}

impl DeliveryGroup {
    /// The KSS `type` of an option under this heading: collected (`pickup-point`) from a pickup
    /// point or locker, else brought to the address (`delivery-address`), mailbox parcels too, as
    /// KSS has no mailbox type. A heading this version does not know says nothing about it, so
    /// it is taken as the address, the type every option can be booked as.
    pub fn shipping_type(&self) -> ShippingType {
        match self {
            DeliveryGroup::Pickup | DeliveryGroup::Locker => ShippingType::PickupPoint,
            _ => ShippingType::DeliveryAddress,
        }
    }

    /// The KSS `class` of an option under this heading: `express` for express, else `standard`.
    pub fn class(&self) -> ShippingClass {
        match self {
            DeliveryGroup::Express => ShippingClass::Express,
            _ => ShippingClass::Standard,
        }
    }
}
