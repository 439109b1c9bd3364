//! Our one model of a delivery option: the Klarna Shipping Service (KSS) shipping option, field
//! for field, plus the extras a checkout needs that KSS lacks (kept in clearly named fields).
//!
//! Field names are KSS's own, so the same value is served to the widget and to Klarna without a
//! second mapping. Instants stay the strings the carrier or Klarna sent (RFC 3339): they round-trip
//! exactly, and they are parsed where they are used, with an error naming the field. Prices are
//! integers in the currency's minor unit. Enumerations accept values they do not know, because a
//! new value from Klarna or a carrier must not break a checkout.

mod addon;
mod address;
mod area;
mod badge;
mod checked;
mod delivery_group;
mod delivery_time;
mod extras;
mod json_path;
mod location;
mod money;
pub mod objects_only;
pub(crate) mod open_enum;
mod operational_hours;
mod parse;
mod price;
mod shipping_option;
mod timeslot;

pub use addon::{Addon, AddonChoice, AddonType};
pub use address::{Address, CustomerType};
pub use area::{Area, AreaType};
pub use badge::Badge;
pub(crate) use checked::{checked_int, checked_map, checked_optional_str, checked_str};
pub use delivery_group::DeliveryGroup;
pub use delivery_time::{DeliveryTime, Interval, TimeOfDay};
pub use extras::{EnvironmentalData, ServiceTexts};
pub use location::{Coordinates, Location};
pub use money::{Currency, MinorUnits, Money, TaxRate};
pub use operational_hours::{
    date_override, DateOverride, OpeningHours, OpeningHoursOverrides, OperationalHours,
    WeekdayHours,
};
pub(crate) use parse::{error_path, missing_field};
pub use parse::{from_json, json_text};
pub use price::Choice;
pub use shipping_option::{ShippingClass, ShippingOption, ShippingType};
pub use timeslot::Timeslot;
