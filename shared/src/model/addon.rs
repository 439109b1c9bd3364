//! `Addon`: an extra service on a shipping option, such as an SMS notice or a door code.

use serde::{Deserialize, Serialize};

use super::open_enum::open_enum;
use super::MinorUnits;

/// KSS `addons[]`: an extra service the shopper may add to an option. The same shape comes back
/// in the shipment request with `data` filled in: what the shopper chose or typed.
///
/// `id`, `type` and `price` are required: without them the addon can be neither shown, booked
/// with the carrier nor charged.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Addon {
    /// KSS `id`: the integrator's identifier of the addon.
    pub id: String,
    /// KSS `type`: what kind of input the addon asks for.
    pub r#type: AddonType,
    /// KSS `price` of the addon, in the session currency's minor unit.
    pub price: MinorUnits,
    /// KSS `max_length` of a text the shopper types.
    pub max_length: Option<u32>,
    /// KSS `preselected`: chosen unless the shopper opts out.
    pub preselected: Option<bool>,
    /// KSS `required`: the shopper cannot opt out.
    pub required: Option<bool>,
    /// KSS `data`: the shopper's choice, present in the shipment request only.
    pub data: Option<AddonChoice>,
}

open_enum! {
    /// KSS `type` of an addon.
    pub enum AddonType {
        /// `string`: the shopper types a short text, such as a door code.
        Text = "string",
        /// `sms`: an SMS notice.
        Sms = "sms",
    }
}

/// KSS addon `data`: what the shopper chose for an addon.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddonChoice {
    /// Whether the shopper took the addon.
    pub selected: Option<bool>,
    /// The text the shopper typed, for a `string` addon.
    pub text: Option<String>,
}
