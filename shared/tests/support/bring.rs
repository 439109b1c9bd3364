//! What the `bring_*` tests share: the shop's configuration, its credentials, and the content type
//! Bring answers with.

use shared::carriers::bring::{BringConfig, BringCredentials};

pub const CONFIG: &str = include_str!("../fixtures/bring/config.json");

/// The content type of Bring's answers.
pub const JSON: Option<&str> = Some("application/json;charset=UTF-8");

pub fn config() -> BringConfig {
    serde_json::from_str(CONFIG).expect("the config fixture parses")
}

pub fn credentials() -> BringCredentials {
    BringCredentials {
        uid: "shop-owner@example.com".to_owned(),
        key: "1234abc-abcd-1234-5678-abcd1234abcd".to_owned(),
    }
}

/// The headers every request to Bring carries (the credentials above, the shop's URL, `Accept`),
/// then `more`.
pub fn request_headers(more: &[(&str, &str)]) -> Vec<(String, String)> {
    [
        ("X-Mybring-API-Uid", "shop-owner@example.com"),
        ("X-Mybring-API-Key", "1234abc-abcd-1234-5678-abcd1234abcd"),
        ("X-Bring-Client-URL", "https://shop.example"),
        ("Accept", "application/json"),
    ]
    .iter()
    .chain(more)
    .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
    .collect()
}
