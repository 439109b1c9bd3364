//! What the integration tests share: quotes and instants as every test writes them, and each
//! carrier's configuration and secrets (`bring`, `postnord`, `postplus`). A test crate takes it
//! with `mod support;`.

#![allow(dead_code)] // Each test crate uses its own part of this.

pub mod bring;
pub mod postnord;
pub mod postplus;

use std::fmt::Display;

use chrono::{DateTime, Utc};
use shared::quote::{DeliveryOptionsRequest, Quote};

/// A validated quote from the JSON a widget would send: JSON text, or a `serde_json::Value`
/// (whose `Display` is its JSON text).
pub fn quote(json: impl Display) -> Quote {
    let request: DeliveryOptionsRequest = serde_json::from_str(&json.to_string())
        .unwrap_or_else(|error| panic!("quote JSON: {error}"));
    request
        .validate()
        .unwrap_or_else(|error| panic!("quote validates: {error}"))
}

/// The instant `instant`, written in RFC 3339.
pub fn at(instant: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(instant)
        .unwrap_or_else(|error| panic!("test instant {instant}: {error}"))
        .with_timezone(&Utc)
}
