//! What a reservation is booked as: the carrier's own product code and addon codes
//! (`selected_shipping_option.carrier_product` of the shipment answers), and our shipment id.

use sha2::{Digest, Sha256};

use super::{CarrierProduct, SelectedShippingOption};
use crate::carriers::bring;
use crate::carriers::postnord::Booking;
use crate::carriers::postplus::PostPlusConfig;
use crate::model::ShippingOption;
use crate::quote::Country;

/// How a carrier names what was chosen, beyond the option itself.
#[derive(Debug, Clone, Copy)]
pub enum ProductSource<'a> {
    /// The option's own id says it (Bring: `bring-5800` is product `5800`), or nothing more is
    /// known (the shop's fallback options: the option id is the product).
    Option,
    /// PostNord's booking instructions for the choice (`service_code` `19` and additional service
    /// codes), when Delivery Options could be asked again; `None` when it could not.
    PostNord(Option<&'a Booking>),
    /// A carrier PostPlus ships: the service code the parcel is booked with.
    PostPlus(&'a PostPlusConfig, Country),
}

/// The carrier product of `offered` (the option as we offer it now) as the shopper chose it
/// (`selected`, with the addons taken).
///
/// - `identifier`: PostPlus's service code for a carrier PostPlus ships, PostNord's service code
///   from its booking instructions, Bring's product id (the option id without `bring-`), else
///   the option id.
/// - `addon_identifiers`: the ids of the addons the shopper took (ticked, or with a text typed)
///   and PostNord's additional service codes; absent when there are none.
/// - `name`: the option's name, as the shopper saw it.
/// - `service_point_id` and `delivery_option_id` (ours): PostNord's place and choice references
///   from its booking instructions, everything a merchant needs to book exactly that choice.
pub fn carrier_product(
    offered: &ShippingOption,
    selected: &SelectedShippingOption,
    source: ProductSource<'_>,
) -> CarrierProduct {
    let mut addon_identifiers: Vec<String> = selected
        .addons
        .iter()
        .flatten()
        .filter(|addon| {
            addon.data.as_ref().is_some_and(|data| {
                data.selected == Some(true)
                    || data
                        .text
                        .as_deref()
                        .is_some_and(|text| !text.trim().is_empty())
            })
        })
        .map(|addon| addon.id.clone())
        .collect();
    let mut references = (None, None);
    let identifier = match source {
        ProductSource::PostPlus(config, country) => {
            config.service_code_for(country, &offered.id).to_owned()
        }
        ProductSource::PostNord(Some(booking)) => {
            addon_identifiers.extend(booking.additional_service_codes.iter().cloned());
            references = (
                booking.service_point_id.clone(),
                Some(booking.delivery_option_id.clone()),
            );
            booking.service_code.clone()
        }
        ProductSource::PostNord(None) | ProductSource::Option => {
            let bring_product = (offered.carrier == bring::CARRIER)
                .then(|| offered.id.strip_prefix("bring-"))
                .flatten();
            bring_product.unwrap_or(&offered.id).to_owned()
        }
    };
    CarrierProduct {
        identifier,
        name: Some(offered.name.clone()),
        addon_identifiers: (!addon_identifiers.is_empty()).then_some(addon_identifiers),
        service_point_id: references.0,
        delivery_option_id: references.1,
    }
}

/// Our id of the reservation of checkout session `session_id` for merchant `merchant`:
/// `kss_` and 40 hex digits of a SHA-256 of both.
///
/// Derived rather than drawn, so that every `POST /shipment` of a session names the same
/// reservation without a lookup (the edge addresses its Durable Object by this id), and one
/// merchant's session can never name another's reservation. It is also PostPlus's upsert key
/// (`senderParcelNr`): 44 characters of `[a-z0-9_]`, within PostPlus's 50.
pub fn shipment_id(merchant: &str, session_id: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(b"kss-shipment\0");
    hasher.update(merchant.as_bytes());
    hasher.update(b"\0");
    hasher.update(session_id.as_bytes());
    let digest = hasher.finalize();
    format!("kss_{}", &hex::encode(digest)[..40])
}

/// Whether `id` has the shape of a [`shipment_id`] (not whether it exists).
pub fn is_shipment_id(id: &str) -> bool {
    id.strip_prefix("kss_").is_some_and(|hex| {
        hex.len() == 40
            && hex
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}
