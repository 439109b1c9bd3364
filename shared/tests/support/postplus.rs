//! What the `postplus_*` tests share: the shop's configuration, the KSS reservation and its
//! parcel, and the API key that must never show up in output.

use shared::carriers::postplus::{ParcelBooking, PostPlusConfig};
use shared::kss::{parcel_booking, ShipmentRequest};

pub const CONFIG: &str = include_str!("../fixtures/postplus/config.json");
pub const KSS_SHIPMENT: &str = include_str!("../fixtures/kss/shipment_request.json");

/// An API key with characters a careless URL or log line would mangle or show.
pub const API_KEY: &str = "k3y+with/odd=chars&more";
/// Our shipment id for the KSS reservation (its session id, a UUID).
pub const SHIPMENT_ID: &str = "201cda14-975f-4c4d-9c2f-12f3896b5156";
/// Friday 12 September 2025, 08:00 in Stockholm: before the shop's 15:00 cutoff.
pub const FRIDAY_MORNING: &str = "2025-09-12T06:00:00Z";

pub fn config() -> PostPlusConfig {
    PostPlusConfig::from_json(CONFIG).unwrap_or_else(|error| panic!("config parses: {error}"))
}

/// Klarna's shipment example with its items 25 cm a side instead of 5 m: PostPlus books one
/// parcel per order, and two 5-metre cubes pack into two parcels (`kss::packing`), which
/// `parcel_booking` refuses. Everything else is the example's own.
pub fn kss_shipment() -> ShipmentRequest {
    let mut example: serde_json::Value =
        serde_json::from_str(KSS_SHIPMENT).unwrap_or_else(|error| panic!("KSS shipment: {error}"));
    example["order"]["lines"][0]["attributes"]["dimensions"] =
        serde_json::json!({"height": 250, "length": 250, "width": 250});
    serde_json::from_value(example).unwrap_or_else(|error| panic!("KSS shipment: {error}"))
}

/// The parcel for the KSS reference's shipment example.
pub fn booking() -> ParcelBooking {
    parcel_booking(&kss_shipment(), SHIPMENT_ID, &config())
        .unwrap_or_else(|error| panic!("booking: {error}"))
}

/// Fails if `text` contains the API key.
pub fn assert_no_secret(text: &str) {
    assert!(!text.contains(API_KEY), "the API key leaked into: {text}");
    assert!(
        !text.contains("k3y"),
        "part of the API key leaked into: {text}"
    );
}
