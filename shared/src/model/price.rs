//! What the shopper pays for an option: the one place the price rules live.
//!
//! `free_above` makes an option cost nothing once the cart's value reaches it, and a pickup point
//! with its own `price` replaces the option's. Every surface decides the price here: the carrier
//! mappings that price an option from the shop's configuration, `answer::assemble` for every
//! carrier's options, and the widget for what it shows and puts in the form value.

use super::{Location, MinorUnits, ShippingOption};

impl ShippingOption {
    /// Whether the cart's value reaches this option's `free_above`. A cart without a value, or
    /// an option without the field, is never free by it.
    pub fn is_free_for(&self, order_value: Option<MinorUnits>) -> bool {
        matches!((self.free_above, order_value), (Some(limit), Some(value)) if value >= limit)
    }

    /// What the shopper pays for this option before addons and a timeslot: nothing once the
    /// cart's value reaches `free_above`, else the chosen `point`'s own price when it has one,
    /// else the option's `price`.
    pub fn price_for(
        &self,
        order_value: Option<MinorUnits>,
        point: Option<&Location>,
    ) -> MinorUnits {
        if self.is_free_for(order_value) {
            return 0;
        }
        point.and_then(|point| point.price).unwrap_or(self.price)
    }
}
