//! Our one model of a delivery option: the Klarna Shipping Service (KSS) shipping option, field
//! for field, plus the extras a checkout needs that KSS lacks (kept in clearly named fields).
//!
//! Field names are KSS's own, so the same value is served to the widget and to Klarna without a
//! second mapping. Instants stay the strings the carrier or Klarna sent (RFC 3339): they round-trip
//! exactly, and they are parsed where they are used, with an error naming the field.

mod delivery_time;

pub use delivery_time::{DeliveryTime, Interval, TimeOfDay};
