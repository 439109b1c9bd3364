//! What a shop configures for Bring (the edge fills [`BringConfig`] from wrangler `[vars]`), and
//! the secrets it passes separately ([`BringCredentials`]).
//!
//! Every value is checked while it is deserialized, so a bad `[vars]` entry stops the edge at
//! start-up with a message naming the field, instead of turning into a wrong request later.

use chrono::NaiveTime;
use serde::{Deserialize, Deserializer};

use crate::model::checked_int;
use crate::quote::Country;

/// The Shipping Guide's products endpoint, below Bring's API host (the edge's `BRING_BASE_URL`).
pub const PRODUCTS_PATH: &str = "/shippingguide/api/v2/products";
/// The Pickup Point API, below the same host.
pub const PICKUP_POINTS_PATH: &str = "/pickuppoint/api/pickuppoint";

/// The largest `numberOfAlternativeDeliveryDates` Bring accepts ("The maximum number of
/// alternative delivery days that can be requested is 9", alternative-delivery-dates.md).
pub const MAX_ALTERNATIVE_DATES: u8 = 9;

/// How a shop uses Bring. Field names are the wrangler `[vars]` keys.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BringConfig {
    /// Full URL of the Shipping Guide v2 products endpoint, e.g.
    /// `https://api.bring.com/shippingguide/api/v2/products` (a sandbox URL in tests).
    pub products_url: String,
    /// Base URL of the Pickup Point API, without a trailing path, e.g.
    /// `https://api.bring.com/pickuppoint/api/pickuppoint`.
    pub pickup_points_url: String,
    /// The shop's URL, sent as `X-Bring-Client-URL` (Bring asks every caller to name itself).
    pub client_url: String,
    /// The Mybring customer number. With it Bring also returns net (agreement) prices; without it
    /// only list prices.
    #[serde(default)]
    pub customer_number: Option<String>,
    /// A customer number per service (product id to number), for a shop whose Bring agreement
    /// puts services on different customer numbers (the Shipping Guide names one
    /// `customerNumber` per product: "available services are based on your agreement with Bring
    /// (i.e. the customer numbers attached to your user)"). A service not listed uses
    /// `customer_number`.
    #[serde(default)]
    pub customer_numbers: std::collections::BTreeMap<String, String>,
    /// Which Bring services (product ids, e.g. `"5800"`, `"0340"`) the shop offers, per recipient
    /// country.
    pub services: BringServices,
    /// The country parcels are sent from (`NO`, `SE`, `DK` or `FI`).
    #[serde(deserialize_with = "crate::carriers::config::country")]
    pub from_country: Country,
    /// The postal code parcels are sent from, e.g. `"0015"`.
    pub from_postal_code: String,
    /// `"HH:MM"` in the sender's local time: orders placed at or after it (or on a weekend) are
    /// handed to Bring on the next working day.
    #[serde(deserialize_with = "crate::carriers::config::clock_time")]
    pub cutoff: NaiveTime,
    /// `"HH:MM"` in the sender's local time: when Bring collects the day's parcels (or the shop
    /// hands them in), the time sent as `shippingDate`. Bring's best-practice guide: a shop with
    /// cut-off 17:00 and Bring's pickup at 21:00 asks with today (or the next working day) at
    /// 21:00. Unset, the cutoff: the parcel is ready then at the latest.
    #[serde(
        default,
        deserialize_with = "crate::carriers::config::optional_clock_time"
    )]
    pub handover: Option<NaiveTime>,
    /// Show Bring's net (agreement) price instead of the list price. Needs `customer_number`;
    /// when Bring returns no net price the list price is shown, with a warning.
    #[serde(default)]
    pub use_net_price: bool,
    /// How many alternative delivery dates to ask for, 0 to 9.
    #[serde(default, deserialize_with = "alternative_dates")]
    pub alternative_dates: u8,
    /// How many pickup points to ask for (Bring's `numberOfResponses`). Bring's checkout guide
    /// recommends offering 7–10; the default is Bring's own, 10.
    #[serde(default = "default_pickup_points", deserialize_with = "pickup_points")]
    pub pickup_points: u8,
    /// The Posten logo shown for recipients in Norway when Bring's answer carries no `logoUrl`.
    #[serde(default = "default_posten_logo_url")]
    pub posten_logo_url: String,
    /// The Bring logo shown for recipients outside Norway when Bring's answer carries no
    /// `logoUrl`.
    #[serde(default = "default_bring_logo_url")]
    pub bring_logo_url: String,
}

/// The Bring services a shop offers to each recipient country (product ids as Bring spells them,
/// always strings: `"0340"` keeps its leading zero, and some ids are words such as `PA_DOREN`).
///
/// Per country because Bring's services are: `5800` (Pakke til hentested) and `3584` (Pakke i
/// postkassen) are Norwegian domestic services, while parcels to Sweden and Denmark go as Pickup
/// Parcel `0340` or Home Delivery Parcel `0349` (environmentaldata.md, eta-domestic.md), and Bring
/// withdraws services per country (the 2025 updates). An absent country offers nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BringServices {
    #[serde(rename = "NO", default)]
    pub no: Vec<String>,
    #[serde(rename = "SE", default)]
    pub se: Vec<String>,
    #[serde(rename = "DK", default)]
    pub dk: Vec<String>,
    #[serde(rename = "FI", default)]
    pub fi: Vec<String>,
}

/// The Mybring API user and key (wrangler secrets). They go into request headers and nowhere else.
#[derive(Clone, PartialEq, Eq)]
pub struct BringCredentials {
    /// `X-Mybring-API-Uid`: the Mybring user's login (an e-mail address).
    pub uid: String,
    /// `X-Mybring-API-Key`: that user's API key.
    pub key: String,
}

impl BringConfig {
    /// The customer number to ask for `service` with: its own, else the shop's.
    pub fn customer_number_for(&self, service: &str) -> Option<&str> {
        self.customer_numbers
            .get(service)
            .or(self.customer_number.as_ref())
            .map(String::as_str)
    }

    /// The services offered to `country`. When this is empty the edge does not ask Bring at all:
    /// a request without products is one Bring refuses.
    pub fn services_for(&self, country: Country) -> &[String] {
        match country {
            Country::No => &self.services.no,
            Country::Se => &self.services.se,
            Country::Dk => &self.services.dk,
            Country::Fi => &self.services.fi,
        }
    }
}

/// Written by hand so that a log line or a panic message can never print the secrets.
impl std::fmt::Debug for BringCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("BringCredentials { .. }")
    }
}

impl BringCredentials {
    /// The authentication headers of every Bring API ("Authentication headers", Bring's API
    /// getting-started page, in notes/03-bring.md §0).
    pub(super) fn headers(&self, client_url: &str) -> Vec<(String, String)> {
        vec![
            ("X-Mybring-API-Uid".to_owned(), self.uid.clone()),
            ("X-Mybring-API-Key".to_owned(), self.key.clone()),
            ("X-Bring-Client-URL".to_owned(), client_url.to_owned()),
            ("Accept".to_owned(), "application/json".to_owned()),
        ]
    }
}

fn default_pickup_points() -> u8 {
    10
}

// The logos the checkout guides offer for download ("6. Logo"/"5. Logo" in
// bring-examples/checkout-guide-*.json), on Bring's developer site.
fn default_posten_logo_url() -> String {
    "https://developer.bring.com/images/checkout/posten/Posten_logo.svg".to_owned()
}

fn default_bring_logo_url() -> String {
    "https://developer.bring.com/images/checkout/bring/Bring_logo.svg".to_owned()
}

fn alternative_dates<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u8, D::Error> {
    checked_int(deserializer, |count: u8| {
        if count > MAX_ALTERNATIVE_DATES {
            return Err(format!(
                "{count} is more than Bring's maximum of {MAX_ALTERNATIVE_DATES}"
            ));
        }
        Ok(count)
    })
}

fn pickup_points<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u8, D::Error> {
    checked_int(deserializer, |count: u8| match count {
        0 => Err("must be at least 1 (leave it out for Bring's default of 10)".to_owned()),
        count => Ok(count),
    })
}
