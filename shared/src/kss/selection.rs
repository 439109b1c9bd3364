//! `POST /shipment` and `PUT /shipment/{id}`: may the shopper's selection be reserved?
//!
//! KSS sends back the option the shopper chose; we check it against what we offer now and what we
//! served before, and refuse with one of KSS's named reasons, which make Klarna restart the
//! shipping selection instead of taking an order we cannot ship:
//! - `shipping_address_invalid`: the recipient cannot be asked about (country, postal code);
//! - `shipping_option_not_available`: the option (or its pickup place, or its time slot) is not
//!   among the options offered now, or differs from it in any term: type, class, price, tax
//!   rate, an addon not offered (or at another price or type, or twice), a time slot sent back
//!   at another price (Klarna sends it back without one: that is the offered price), or no
//!   pickup place for an option offered with places. A place the session was served stands
//!   when the carrier's place lookup fails now (the option comes without places): only a lookup
//!   that answers without it refuses it;
//! - `cutoff_time_expired`: the cutoff of the option (or of its time slot) as we served it has
//!   passed.

use chrono::{DateTime, FixedOffset};

use super::{FailureReason, SelectedShippingOption};
use crate::model::ShippingOption;

/// Checks `selected` against `offered` (a fresh answer for the same address and order) and
/// `served` (the option as the shopper saw it, when we still have it) at `now`.
///
/// Returns the offered option the reservation is made from.
pub fn check_selection<'a>(
    selected: &SelectedShippingOption,
    offered: &'a [ShippingOption],
    served: Option<&ShippingOption>,
    now: DateTime<FixedOffset>,
) -> Result<&'a ShippingOption, FailureReason> {
    // The cutoff the shopper was promised is the one we served; a fresh answer after the cutoff
    // already moved on to a later promise, which is exactly what the shopper did not agree to.
    if let Some(served) = served {
        let option_cutoff = served
            .delivery_time
            .as_ref()
            .and_then(|t| t.cutoff.as_deref());
        let slot_cutoff = selected.timeslot.as_ref().and_then(|chosen| {
            served
                .timeslots
                .as_ref()?
                .iter()
                .find(|slot| slot.id == chosen.id)?
                .cutoff
                .as_deref()
        });
        if [option_cutoff, slot_cutoff]
            .into_iter()
            .flatten()
            .any(|cutoff| passed(cutoff, now))
        {
            return Err(FailureReason::CutoffTimeExpired);
        }
    }
    let not_available = FailureReason::ShippingOptionNotAvailable;
    let option = offered
        .iter()
        .find(|option| option.id == selected.id && option.carrier == selected.carrier)
        .ok_or(not_available.clone())?;
    // The terms the shopper agreed to are the ones we offered, field for field: KSS sends back
    // what it was given, so any difference is a tampered or stale selection, never a choice.
    let same_terms = option.r#type == selected.r#type
        && option.class == selected.class
        && option.price == selected.price
        && option.tax_rate == selected.tax_rate;
    if !same_terms || !addons_offered(selected, option) {
        return Err(not_available);
    }
    let places = option.locations.as_deref().unwrap_or_default();
    let served_places = served
        .and_then(|served| served.locations.as_deref())
        .unwrap_or_default();
    let among = |list: &[crate::model::Location], id: &str| list.iter().any(|l| l.id == id);
    match &selected.location {
        Some(location) if among(places, &location.id) => {}
        // The carrier's place lookup gave nothing now (it failed or timed out, so the option
        // came without places) but this session was offered the place: it stands. A lookup
        // that answered without it means the carrier no longer offers it.
        Some(location) if places.is_empty() && among(served_places, &location.id) => {}
        Some(_) => return Err(not_available),
        // An option offered with places is booked to one of them: without it, there is
        // nothing to book.
        None if !places.is_empty() || !served_places.is_empty() => return Err(not_available),
        None => {}
    }
    if let Some(slot) = &selected.timeslot {
        // Klarna's documented echo of the chosen slot is `{end, id, start}`: no price, though the
        // slot was offered with one (`"price": 0` in its own example). A price sent back must be
        // the offered one; a slot sent back without one is the offered slot at its price.
        let offered_slot = option
            .timeslots
            .iter()
            .flatten()
            .find(|s| s.id == slot.id && (slot.price.is_none() || s.price == slot.price));
        match offered_slot {
            None => return Err(not_available),
            Some(s)
                if s.cutoff
                    .as_deref()
                    .is_some_and(|cutoff| passed(cutoff, now)) =>
            {
                return Err(FailureReason::CutoffTimeExpired)
            }
            Some(_) => {}
        }
    }
    Ok(option)
}

/// Whether every addon of `selected` is one `option` offers, of the same type and price, each at
/// most once. What the shopper typed or chose (`data`) is theirs and not compared.
fn addons_offered(selected: &SelectedShippingOption, option: &ShippingOption) -> bool {
    let chosen = selected.addons.as_deref().unwrap_or_default();
    chosen.iter().enumerate().all(|(index, addon)| {
        let once = !chosen[..index].iter().any(|earlier| earlier.id == addon.id);
        once && option.addons.iter().flatten().any(|offered| {
            offered.id == addon.id && offered.r#type == addon.r#type && offered.price == addon.price
        })
    })
}

/// A cutoff we cannot read is treated as not passed: it came from our own answer, and refusing a
/// purchase over our own formatting would punish the shopper for our bug.
fn passed(cutoff: &str, now: DateTime<FixedOffset>) -> bool {
    DateTime::parse_from_rfc3339(cutoff).is_ok_and(|cutoff| cutoff <= now)
}

/// The `failure_reason` for a request whose address or order cannot be asked about
/// ([`kss_quote`](super::kss_quote) failed): a bad recipient is KSS's `shipping_address_invalid`,
/// anything else is described in words.
pub fn quote_failure(error: &crate::Error) -> FailureReason {
    match error {
        crate::Error::Invalid { field, .. } if field.starts_with("recipient") => {
            FailureReason::ShippingAddressInvalid
        }
        other => FailureReason::Other(other.to_string()),
    }
}
