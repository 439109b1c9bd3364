//! `POST /shippingoptions`: KSS asks which options the shopper may choose among.

use serde::{Deserialize, Serialize};

use super::{Order, Sender};
use crate::model::{Address, Currency, ShippingOption};

/// The body of KSS's `POST /shippingoptions`, sent again whenever the shopper changes anything.
///
/// `session_id`, `currency` and `order` are required: options cannot be priced without the
/// currency and the order, and the session ties the later shipment to this request. The
/// recipient may come partial, or not at all, while the shopper is still typing: it is read as
/// it comes, and an answer then needs its country and postal code (without them,
/// [`kss_quote`](super::kss_quote) refuses it and the route answers `shipping_address_invalid`,
/// so Klarna shows the shop's own fallback until the address is there).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShippingOptionsRequest {
    /// The checkout session; the shipment made from it is unique per session.
    pub session_id: String,
    /// The currency every price in the answer must be in.
    pub currency: Currency,
    /// What is being bought.
    pub order: Order,
    /// The shopper's language and country, e.g. `sv-SE`, for the options' texts.
    pub locale: Option<String>,
    /// Whether options must stay within the recipient's country.
    pub geoblocking: Option<bool>,
    /// Where the shopper wants the parcel, as far as typed yet.
    pub recipient: Option<Address>,
    /// The option the shopper chose before, to keep it chosen in the answer.
    pub selected_shipping_option_id: Option<String>,
    /// The warehouse the parcel leaves from.
    pub sender: Option<Sender>,
}

/// Our answer to `POST /shippingoptions` (HTTP 200).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShippingOptionsResponse {
    /// The options, in the order the shopper should see them.
    pub shipping_options: Vec<ShippingOption>,
}

impl ShippingOptionsResponse {
    /// The answer for `options`, with the option the shopper chose before
    /// (`selected_shipping_option_id`) moved to the front, when it is still offered: KSS has no
    /// per-option "preselected" flag, and shows the first option as the default choice. The
    /// others keep their order.
    pub fn with_selected_first(
        mut options: Vec<ShippingOption>,
        selected_id: Option<&str>,
    ) -> ShippingOptionsResponse {
        if let Some(index) =
            selected_id.and_then(|id| options.iter().position(|option| option.id == id))
        {
            let selected = options.remove(index);
            options.insert(0, selected);
        }
        ShippingOptionsResponse {
            shipping_options: options,
        }
    }

    /// The pure KSS view of this answer, for Klarna: every option without our extra fields.
    pub fn to_kss(&self) -> ShippingOptionsResponse {
        ShippingOptionsResponse {
            shipping_options: self
                .shipping_options
                .iter()
                .map(ShippingOption::to_kss)
                .collect(),
        }
    }
}
