//! What the `postnord_*` tests share: the shop's configuration, the spec's Swedish quote, and the
//! secrets that must never show up in output.

use shared::carriers::postnord::PostNordConfig;
use shared::quote::Quote;

use super::quote;

pub const CONFIG: &str = include_str!("../fixtures/postnord/config.json");

/// An API key with characters that must be encoded in a query string.
pub const APIKEY: &str = "k3y+with/odd=chars&more";
pub const CLIENT_ID: &str = "example-client";
pub const CLIENT_SECRET: &str = "s3cret-value-9f8e7d";

pub fn config() -> PostNordConfig {
    PostNordConfig::from_json(CONFIG).unwrap_or_else(|error| panic!("config parses: {error}"))
}

/// The recipient of the spec's examples (Göteborg), one 500 g parcel, in Swedish.
pub fn swedish_quote() -> Quote {
    quote(
        r#"{"recipient": {"country": "SE", "postal_code": "411 04", "street_address": "Kruthusgatan 19", "city": "Göteborg"},
            "parcels": [{"weight_grams": 500, "length_cm": 23, "width_cm": 10, "height_cm": 10}],
            "order_value": 10000, "locale": "sv-SE"}"#,
    )
}

/// Fails if `text` contains any of our secrets.
pub fn assert_no_secret(text: &str) {
    for secret in [APIKEY, CLIENT_SECRET, "o5Ptk3GUEgNV3izvuDl5"] {
        assert!(!text.contains(secret), "secret leaked into: {text}");
    }
}
