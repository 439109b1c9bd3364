//! `ShippingOption`: our one model of a delivery option.

use serde::{Deserialize, Serialize};

use super::open_enum::open_enum;
use super::{
    Addon, Area, Badge, Currency, DeliveryGroup, DeliveryTime, EnvironmentalData, Location,
    MinorUnits, Money, ServiceTexts, TaxRate, Timeslot,
};

/// One way to get the order to the shopper: the KSS shipping option field for field, plus the
/// extras a checkout needs that KSS lacks.
///
/// The fields up to `area` are KSS's, under KSS's names; a KSS payload parses into them and
/// serializes back unchanged. The fields after it are ours. Each is skipped when absent, so a pure
/// KSS option carries none of them, and [`ShippingOption::to_kss`] drops them before an option is
/// served to Klarna, which has no use for them.
///
/// Required are the fields without which an option can be neither shown nor charged: `id`,
/// `name`, `carrier`, `type`, `price` and `tax_rate` (Klarna books the shipping line with that tax).
/// A payload missing one is refused with an error that names it; unknown fields are ignored.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShippingOption {
    /// KSS `id`: the integrator's identifier, sent back in `selected_shipping_option_id`.
    pub id: String,
    /// KSS `name`: what the shopper reads, e.g. "PostNord MyPack Collect".
    pub name: String,
    /// KSS `carrier`, e.g. `postnord`, `bring`, `dhl`.
    pub carrier: String,
    /// KSS `class`: how fast, e.g. `standard` or `express`.
    pub class: Option<ShippingClass>,
    /// KSS `type`: where the parcel goes, e.g. a pickup point or the door.
    pub r#type: ShippingType,
    /// KSS `price`, in the minor unit of the session's currency.
    pub price: MinorUnits,
    /// KSS `tax_rate` of the price, in hundredths of a percent.
    pub tax_rate: TaxRate,
    /// KSS `delivery_time`: when the option arrives.
    pub delivery_time: Option<DeliveryTime>,
    /// KSS `locations`: the pickup points (or lockers, stores) the shopper chooses among.
    pub locations: Option<Vec<Location>>,
    /// KSS `addons`: extra services the shopper may choose, such as an SMS notice.
    pub addons: Option<Vec<Addon>>,
    /// KSS `timeslots`: delivery windows the shopper chooses among.
    pub timeslots: Option<Vec<Timeslot>>,
    /// KSS `features`. The reference shows only an empty list and no element schema, so the
    /// elements are kept as they came rather than guessed at; an empty list round-trips as `[]`.
    pub features: Option<Vec<serde_json::Value>>,
    /// KSS `free_above`: the order total from which this option costs nothing.
    pub free_above: Option<MinorUnits>,
    /// KSS `preview`.
    pub preview: Option<bool>,
    /// KSS `area`: a region with a surcharge, such as an archipelago.
    pub area: Option<Area>,

    /// Ours: the heading the option belongs under (home, pickup, locker, mailbox, express), finer
    /// than KSS `type`; see [`DeliveryGroup`]. Every carrier mapping fills it.
    pub group: Option<DeliveryGroup>,
    /// Ours: the currency of every price in this option. KSS gives it once per session
    /// (`currency` in the request); the widget has no session, so the option carries it.
    pub currency: Option<Currency>,
    /// Ours: the carrier's texts for this service (display name, short name, description, help).
    pub service_texts: Option<ServiceTexts>,
    /// Ours: the URL of the carrier's or service's logo.
    pub logo_url: Option<String>,
    /// Ours: how green the delivery is, as the carrier states it.
    pub environmental: Option<EnvironmentalData>,
    /// Ours: other days the carrier could deliver on, soonest first (Bring's alternative delivery
    /// dates), each as a delivery time so the same sentence rules render it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alternative_delivery_dates: Vec<DeliveryTime>,
    /// Ours: `delivery_time` as the sentence a shopper reads, in the answer's locale and as of
    /// the moment the answer was made (`shared::render_delivery_time`); filled by
    /// `answer::assemble`, so the widget shows the same words as every other surface.
    pub delivery_time_text: Option<String>,
    /// Ours: what this option stands out for among the answer's options (fastest, cheapest,
    /// greenest), each kind on at most one option; awarded by `answer::assemble`
    /// (`shared::badges`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub badges: Vec<Badge>,
}

open_enum! {
    /// KSS `class` of a shipping option: how fast it is.
    pub enum ShippingClass {
        /// `standard`.
        Standard = "standard",
        /// `express`.
        Express = "express",
    }
}

open_enum! {
    /// KSS `type` of a shipping option: where the parcel is handed over.
    pub enum ShippingType {
        /// `pickup-point`: the shopper collects it at one of the option's locations.
        PickupPoint = "pickup-point",
        /// `delivery-address`: the parcel comes to the shopper's address.
        DeliveryAddress = "delivery-address",
    }
}

impl ShippingOption {
    /// A bare option with the required KSS fields; carrier mappers fill in the rest.
    pub fn new(
        id: impl Into<String>,
        name: impl Into<String>,
        carrier: impl Into<String>,
        r#type: ShippingType,
        price: MinorUnits,
        tax_rate: TaxRate,
    ) -> Self {
        ShippingOption {
            id: id.into(),
            name: name.into(),
            carrier: carrier.into(),
            class: None,
            r#type,
            price,
            tax_rate,
            delivery_time: None,
            locations: None,
            addons: None,
            timeslots: None,
            features: None,
            free_above: None,
            preview: None,
            area: None,
            group: None,
            currency: None,
            service_texts: None,
            logo_url: None,
            environmental: None,
            alternative_delivery_dates: Vec::new(),
            delivery_time_text: None,
            badges: Vec::new(),
        }
    }

    /// The pure KSS view of this option, for serving to Klarna: the same option without our
    /// extra fields, its locations' included.
    ///
    /// It names KSS's fields and takes the rest from [`ShippingOption::new`], so that an extra
    /// field added later is left out here without a second list to keep in step.
    pub fn to_kss(&self) -> ShippingOption {
        let locations = self
            .locations
            .as_ref()
            .map(|locations| locations.iter().map(Location::to_kss).collect());
        ShippingOption {
            class: self.class.clone(),
            delivery_time: self.delivery_time.clone(),
            locations,
            addons: self.addons.clone(),
            timeslots: self.timeslots.clone(),
            features: self.features.clone(),
            free_above: self.free_above,
            preview: self.preview,
            area: self.area.clone(),
            ..ShippingOption::new(
                self.id.clone(),
                self.name.clone(),
                self.carrier.clone(),
                self.r#type.clone(),
                self.price,
                self.tax_rate,
            )
        }
    }

    /// The price with its currency, when the option carries one.
    pub fn price_money(&self) -> Option<Money> {
        self.currency.map(|currency| Money {
            amount: self.price,
            currency,
        })
    }
}
