//! The Cache API (shared by the isolates of one Cloudflare location, not across locations):
//!
//! - the **answer cache**: a served body per normalized quote, for `ANSWER_CACHE_SECONDS`;
//! - the **last-good cache**: each carrier's last good options per normalized quote, for
//!   `LAST_GOOD_SECONDS`, to stand in when that carrier fails.
//!
//! Keys are a SHA-256 of `shared::answer::normalized_quote`, under a URL of our own (the Cache
//! API takes URLs). A cache that fails is logged and treated as a miss: it may cost speed, never
//! an answer.

use std::future::Future;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use shared::answer::normalized_quote;
use shared::model::{from_json, ShippingOption};
use shared::quote::Quote;
use worker::{Cache, Response};

use crate::http::{json_text_response, set_header};
use crate::log::log;

/// The URL prefix of our cache entries. Never fetched: the Cache API only uses it as a key.
const KEY_PREFIX: &str = "https://delivery-options.cache.invalid/v1";

/// The lower-case hex SHA-256 of `text`: how the edge keys what it caches and coalesces.
pub fn sha256_hex(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

/// The hex SHA-256 of the normalized quote: the key of everything cached for it.
pub fn quote_key(quote: &Quote) -> String {
    sha256_hex(&normalized_quote(quote))
}

/// `key` for an answer served on `origin` (the hex SHA-256 of both): with the logo proxy on,
/// an answer names the edge's origin in its image URLs.
pub fn origin_key(key: &str, origin: &str) -> String {
    sha256_hex(&format!("{key}\n{origin}"))
}

/// The cached answer body for `key`, if one is fresh.
pub async fn answer_get(key: &str) -> Option<String> {
    get(&format!("{KEY_PREFIX}/answer/{key}")).await
}

/// Caches an answer body for `seconds`.
pub async fn answer_put(key: String, body: String, seconds: u32) {
    put(&format!("{KEY_PREFIX}/answer/{key}"), body, seconds).await;
}

/// What the last-good cache keeps for a carrier.
#[derive(Serialize, Deserialize)]
struct LastGood {
    options: Vec<ShippingOption>,
}

/// `carrier`'s last good options for `key`, if any are younger than `LAST_GOOD_SECONDS`.
pub async fn last_good_get(carrier: &str, key: &str) -> Option<Vec<ShippingOption>> {
    let body = get(&format!("{KEY_PREFIX}/last-good/{carrier}/{key}")).await?;
    match from_json::<LastGood>(&body) {
        Ok(last_good) => Some(last_good.options),
        Err(error) => {
            log!("cache: unreadable last good answer of {carrier}: {error}");
            None
        }
    }
}

/// The write that keeps `options` as `carrier`'s last good answer for `key`, for `seconds`:
/// it owns what it needs, so it can run after the response (the fan-out hands it to
/// `Context::wait_until`). `None` when there is nothing to keep (no options, or `seconds` 0).
pub fn last_good_put(
    carrier: &str,
    key: &str,
    options: &[ShippingOption],
    seconds: u32,
) -> Option<impl Future<Output = ()> + 'static> {
    if seconds == 0 || options.is_empty() {
        return None;
    }
    let url = format!("{KEY_PREFIX}/last-good/{carrier}/{key}");
    let last_good = LastGood {
        options: options.to_vec(),
    };
    Some(async move {
        match serde_json::to_string(&last_good) {
            Ok(body) => put(&url, body, seconds).await,
            Err(error) => log!("cache: could not serialize a last good answer: {error}"),
        }
    })
}

async fn get(url: &str) -> Option<String> {
    let cache = Cache::default();
    match cache.get(url, false).await {
        Ok(Some(response)) => match crate::http::body_text(response).await {
            Ok(text) => Some(text),
            Err(error) => {
                log!("cache: could not read an entry: {error}");
                None
            }
        },
        Ok(None) => None,
        Err(error) => {
            log!("cache: lookup failed: {error}");
            None
        }
    }
}

async fn put(url: &str, body: String, seconds: u32) {
    if seconds == 0 {
        return;
    }
    let mut response: Response = json_text_response(200, body);
    set_header(
        &mut response,
        "cache-control",
        &format!("max-age={seconds}"),
    );
    if let Err(error) = Cache::default().put(url, response).await {
        log!("cache: could not store an entry: {error}");
    }
}
