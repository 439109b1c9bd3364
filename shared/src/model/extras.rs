//! What a checkout shows that KSS has no field for: the carrier's texts and environmental data.

use serde::{Deserialize, Serialize};

/// The carrier's own texts for a service, in the shopper's language (Bring's `guiInformation`,
/// PostNord's service texts). Each is optional because carriers fill them unevenly.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceTexts {
    /// The name to show in the list, e.g. "Til hentested".
    pub display_name: Option<String>,
    /// A shorter name for narrow layouts, e.g. "Pakke til hentested".
    pub short_name: Option<String>,
    /// One or two sentences under the name.
    pub description: Option<String>,
    /// The longer text behind a help or info button.
    pub help_text: Option<String>,
    /// The carrier's own one-line summary of when (and, for a place, where) the parcel arrives,
    /// e.g. PostNord's `friendlyDeliveryInfo` "Coop Karolingatan (Tomorrow ~ 16:00)". It is the
    /// carrier's wording as of its answer ("Tomorrow" is relative to then); the delivery-time
    /// sentence rendered from `delivery_time` is ours and reads alike for every carrier.
    pub delivery_info: Option<String>,
}

/// How green a delivery is, as the carrier states it (Bring's `environmentalData` and
/// `environmentalTagUrl`). Shoppers choose by it, so it is shown next to the option.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EnvironmentalData {
    /// The URL of the carrier's environmental tag image.
    pub tag_image_url: Option<String>,
    /// The carrier's long text, e.g. "The parcel is delivered with fossil-free fuel from the
    /// local terminal to the chosen delivery address".
    pub long_text: Option<String>,
    /// The share of the last mile driven without fossil fuel, from 0.0 to 1.0 (Bring's electric
    /// plus bio share).
    pub fossil_free_share: Option<f64>,
}
