//! What the shopper pays for an option: the one place the price rules live.
//!
//! `free_above` makes an option cost nothing once the cart's value reaches it, and a pickup point
//! with its own `price` replaces the option's; the chosen timeslot's and addons' prices come on
//! top ([`ShippingOption::price_of`]). Every surface decides the price here: the carrier mappings
//! that price an option from the shop's configuration, `answer::assemble` for every carrier's
//! options, and the widget for what it shows and puts in the form value.

use super::{Location, MinorUnits, ShippingOption};

/// What a shopper chose within one option, by id, as a checkout's controls hold it: the pickup
/// point, the delivery window and the addons ticked or filled in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Choice {
    /// The chosen `locations[].id`, if any.
    pub pickup_point_id: Option<String>,
    /// The chosen `timeslots[].id`, if any.
    pub timeslot_id: Option<String>,
    /// The chosen `addons[].id`s.
    pub addon_ids: Vec<String>,
}

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

    /// What the shopper pays for shipping with `choice`: [`ShippingOption::price_for`] at the
    /// chosen point, plus the chosen timeslot's price and each chosen addon's. An id this option
    /// does not offer adds nothing (a point it does not list leaves the option's price); the
    /// timeslot and addons are paid for even when `free_above` makes the option itself free.
    pub fn price_of(&self, choice: &Choice, order_value: Option<MinorUnits>) -> MinorUnits {
        let point = choice.pickup_point_id.as_deref().and_then(|id| {
            self.locations
                .iter()
                .flatten()
                .find(|location| location.id == id)
        });
        let timeslot = choice
            .timeslot_id
            .as_deref()
            .and_then(|id| self.timeslots.iter().flatten().find(|slot| slot.id == id))
            .and_then(|slot| slot.price)
            .unwrap_or(0);
        let addons = choice.addon_ids.iter().filter_map(|id| {
            self.addons
                .iter()
                .flatten()
                .find(|addon| &addon.id == id)
                .map(|addon| addon.price)
        });
        // Saturating: prices come from outside, and an absurd sum must not panic in a debug build.
        addons.fold(
            self.price_for(order_value, point).saturating_add(timeslot),
            MinorUnits::saturating_add,
        )
    }
}
