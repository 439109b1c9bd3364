//! `Location`: a place where the shopper collects the parcel.

use serde::{Deserialize, Serialize};

use super::{Address, DeliveryTime, MinorUnits, OperationalHours};

/// A pickup point, locker or store of a shipping option (KSS `locations[]`, and the chosen one in
/// `selected_shipping_option.location`). `id` and `name` are required: without them the shopper
/// can neither recognise nor choose the place.
///
/// The fields up to `price` are KSS's; the ones after it are ours, skipped when absent and
/// dropped by [`ShippingOption::to_kss`](super::ShippingOption::to_kss).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Location {
    /// KSS `id`: the carrier's identifier of the place, needed to book the shipment there.
    pub id: String,
    /// KSS `name`, e.g. "ICA Supermarket".
    pub name: String,
    /// KSS `address` of the place.
    pub address: Option<Address>,
    /// KSS `coordinates`, for a map and for sorting by distance.
    pub coordinates: Option<Coordinates>,
    /// KSS `delivery_time` when this place is served on its own schedule.
    pub delivery_time: Option<DeliveryTime>,
    /// KSS `operational_hours`: when the place is open.
    pub operational_hours: Option<OperationalHours>,
    /// KSS `price` of choosing this place, when it differs from the option's.
    pub price: Option<MinorUnits>,

    /// Ours: how far the place is from the recipient's address, in whole metres, as the carrier
    /// states it. Carriers measure differently and say so only in their documentation: Bring
    /// gives the driving distance (by air where there is no road), PostNord's Delivery Options
    /// the walking distance and its Service Points the route distance. So it orders and labels
    /// one carrier's places ("1.3 km"); it does not rank one carrier's place against another's.
    pub distance_meters: Option<u32>,
}

impl Location {
    /// The pure KSS view of this place: without our `distance_meters`.
    pub fn to_kss(&self) -> Location {
        Location {
            distance_meters: None,
            ..self.clone()
        }
    }
}

/// A point on the map in decimal degrees (WGS 84), as KSS writes it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Coordinates {
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lng: f64,
}
