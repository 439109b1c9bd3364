//! The Klarna Shipping Service callback API's settings: where its routes live, the merchants
//! and their keys, the token secret, and how long reservations are kept and bookings retried.

use std::fmt;

use shared::model::from_json;
use worker::Env;

use super::vars::{number, raw};
use super::ConfigError;

/// The KSS callback API's settings and secrets.
pub struct KssConfig {
    /// `KSS_BASE_PATH`: where the routes live (`/kss` → `/kss/auth`, `/kss/shipment/{id}`).
    pub base_path: String,
    /// `KSS_MERCHANTS`: each merchant's key by identifier (a secret; empty when unset, and then
    /// every `/auth` is refused).
    pub merchants: std::collections::BTreeMap<String, String>,
    /// `KSS_TOKEN_SECRET`: signs the bearer tokens; `None` when unset (KSS routes answer 500).
    pub token_secret: Option<String>,
    /// `KSS_RESERVATION_TTL_SECONDS`: how long an unconfirmed reservation (and the options served
    /// to its session) is kept.
    pub reservation_ttl_seconds: u32,
    /// `KSS_RETENTION_SECONDS`: how long a confirmed reservation (the recipient's name, address
    /// and phone: personal data) is kept after its confirmation, for `GET /shipment` and the
    /// booking; then it is deleted.
    pub retention_seconds: u32,
    /// `KSS_BOOKING_RETRY_SECONDS`: the first wait after a failed booking step; the schedule of
    /// `shared`'s `retry_delay` (30 s, doubling) is scaled by this over 30 s.
    pub booking_retry_seconds: u32,
}

impl fmt::Debug for KssConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KssConfig")
            .field("base_path", &self.base_path)
            .field("merchants", &self.merchants.keys().collect::<Vec<_>>())
            .field(
                "token_secret",
                &self.token_secret.as_ref().map(|_| "[redacted]"),
            )
            .field("reservation_ttl_seconds", &self.reservation_ttl_seconds)
            .field("retention_seconds", &self.retention_seconds)
            .field("booking_retry_seconds", &self.booking_retry_seconds)
            .finish()
    }
}

/// The default of `KSS_BASE_PATH`.
pub const KSS_DEFAULT_BASE_PATH: &str = "/kss";
/// The default of `KSS_RETENTION_SECONDS`: 90 days, long enough for returns, claims and
/// Klarna's order lookups, short enough that a shop does not hoard addresses.
pub const KSS_DEFAULT_RETENTION_SECONDS: u32 = 90 * 86_400;

/// `KSS_BASE_PATH` as the router reads it on every request, before (and whatever) the rest of the
/// configuration: trimmed, without a trailing slash, `/kss` when unset. A wrong one is refused
/// by [`super::read`], so every KSS route then answers `500`.
pub fn kss_base_path(env: &Env) -> String {
    normalized_base_path(raw(env, "KSS_BASE_PATH").as_deref())
}

fn normalized_base_path(text: Option<&str>) -> String {
    match text.map(str::trim).filter(|text| !text.is_empty()) {
        Some(path) => path.trim_end_matches('/').to_owned(),
        None => KSS_DEFAULT_BASE_PATH.to_owned(),
    }
}

pub(crate) fn read(lookup: &dyn Fn(&str) -> Option<String>) -> Result<KssConfig, ConfigError> {
    let base_path = normalized_base_path(lookup("KSS_BASE_PATH").as_deref());
    let usable = base_path.starts_with('/')
        && base_path.len() > 1
        && base_path
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/-_.".contains(&b));
    if !usable {
        return Err(ConfigError {
            var: "KSS_BASE_PATH",
            problem: format!(
                "`{base_path}` is not a path: write it as `/kss` (letters, digits, `/`, `-`, `_`, \
                 `.`; not `/` alone)"
            ),
        });
    }
    // The keys are secret: a problem is described without echoing any of the text.
    let merchants = match lookup("KSS_MERCHANTS").filter(|text| !text.trim().is_empty()) {
        None => Default::default(),
        Some(text) => from_json::<std::collections::BTreeMap<String, String>>(&text)
            .ok()
            .filter(|merchants| {
                merchants
                    .iter()
                    .all(|(identifier, key)| !identifier.is_empty() && !key.is_empty())
            })
            .ok_or_else(|| ConfigError {
                var: "KSS_MERCHANTS",
                problem: "must be a JSON object of merchant identifier to key, both non-empty \
                          strings, such as {\"sweMerch123\": \"<key>\"}"
                    .to_owned(),
            })?,
    };
    Ok(KssConfig {
        base_path,
        merchants,
        token_secret: lookup("KSS_TOKEN_SECRET").filter(|secret| !secret.trim().is_empty()),
        reservation_ttl_seconds: number(
            lookup,
            "KSS_RESERVATION_TTL_SECONDS",
            86_400,
            1..=2_592_000,
        )?,
        retention_seconds: number(
            lookup,
            "KSS_RETENTION_SECONDS",
            KSS_DEFAULT_RETENTION_SECONDS,
            1..=315_360_000,
        )?,
        booking_retry_seconds: number(lookup, "KSS_BOOKING_RETRY_SECONDS", 30, 1..=3600)?,
    })
}
