//! The Worker's configuration: wrangler `[vars]` and secrets, read and checked once per isolate.
//!
//! Every setting is checked when it is first read; a wrong one is a [`ConfigError`] naming the
//! variable, which the API answers with `500 misconfigured` on every request until an operator
//! fixes it (it is our mistake, not the caller's). A missing *secret* is softer: the carrier that
//! needs it is skipped with an `unauthorized` warning naming the secret, so the other carriers
//! still answer. Nothing here logs or returns a secret's value.
//!
//! Vars arrive as JavaScript values: strings from `--var NAME:VALUE` and `.dev.vars`, numbers
//! and tables from `wrangler.toml`. Tables may also be given as a JSON string, so every setting
//! can be overridden from the command line.

use std::cell::OnceCell;
use std::fmt;
use std::rc::Rc;

use crate::log::log;
use chrono::{DateTime, Utc};
use serde_json::{Map, Value};
use shared::answer::FallbackOptions;
use shared::carriers::bring::{BringConfig, BringCredentials};
use shared::carriers::postnord::PostNordConfig;
use shared::carriers::postplus::PostPlusConfig;
use shared::model::from_json;
use worker::js_sys::{Reflect, JSON};
use worker::wasm_bindgen::JsValue;
use worker::Env;

/// Bring's APIs below `BRING_BASE_URL`.
pub const BRING_PRODUCTS_PATH: &str = "/shippingguide/api/v2/products";
pub const BRING_PICKUP_POINTS_PATH: &str = "/pickuppoint/api/pickuppoint";
/// PostNord's APIs below `POSTNORD_BASE_URL`.
pub const POSTNORD_DELIVERY_OPTIONS_PATH: &str = "/rest/shipment/v1/deliveryoptions/bywarehouse";
pub const POSTNORD_SERVICE_POINTS_PATH: &str =
    "/rest/businesslocation/v5/servicepoints/nearest/byaddress";
/// The token endpoint below `POSTNORD_BASE_URL` when `POSTNORD_TOKEN_URL` is not set.
pub const POSTNORD_TOKEN_PATH: &str = "/oauth2/token";

/// Everything the Worker is configured with.
#[derive(Debug)]
pub struct Config {
    /// `ALLOWED_ORIGINS`: the exact origins (`https://shop.example`) whose pages may call the API.
    pub allowed_origins: Vec<String>,
    /// `CARRIER_DEADLINE_MS`: how long each carrier gets, from the request's arrival.
    pub carrier_deadline_ms: u32,
    /// `ANSWER_CACHE_SECONDS`: how long an answer (and an isolate's carrier answer) is reused.
    pub answer_cache_seconds: u32,
    /// `LAST_GOOD_SECONDS`: how long a carrier's last good answer may stand in for a failure.
    pub last_good_seconds: u32,
    /// `RATE_LIMIT_PERIOD_SECONDS`: the period of the `API_RATE_LIMIT` binding, sent as
    /// `Retry-After`; 0 turns the per-client limit off (`rate_limit.rs`).
    pub rate_limit_period_seconds: u32,
    /// Bring, when the shop offers it (`BRING` is set).
    pub bring: Option<Carrier<BringSetup>>,
    /// PostNord, when the shop offers it (`POSTNORD` is set).
    pub postnord: Option<Carrier<PostNordSetup>>,
    /// PostPlus, when the shop offers it or books through it (`POSTPLUS` is set).
    pub postplus: Option<Carrier<PostPlusSetup>>,
    /// `FALLBACK_OPTIONS`.
    pub fallback: FallbackOptions,
    /// The Klarna Shipping Service callback API.
    pub kss: KssConfig,
    /// `TEST_CLOCK`: the instant the shop's calendar is pinned to in tests (`clock.rs`).
    pub test_clock: Option<DateTime<Utc>>,
    /// `OPS_TOKEN` (a secret): the bearer token of the operator routes under `/ops/`; without
    /// it they answer 404, as if they did not exist.
    pub ops_token: Option<Secret>,
}

/// A secret's value: its `Debug` never shows it, so a logged configuration leaks nothing.
pub struct Secret(pub String);

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// PostPlus's configuration and API key (`X-API-KEY`). PostPlus has no price API, so its options
/// come from the configuration alone; the key books confirmed reservations.
pub struct PostPlusSetup {
    pub config: PostPlusConfig,
    pub api_key: String,
}

impl fmt::Debug for PostPlusSetup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PostPlusSetup")
            .field("config", &self.config)
            .field("api_key", &"[redacted]")
            .finish()
    }
}

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

/// A carrier the shop offers: ready to call, or missing a secret.
#[derive(Debug)]
pub enum Carrier<T> {
    Ready(T),
    /// The name of the first missing secret.
    MissingSecret(&'static str),
}

/// Bring's configuration and credentials.
#[derive(Debug)]
pub struct BringSetup {
    pub config: BringConfig,
    pub credentials: BringCredentials,
}

/// PostNord's configuration and its `apikey`, all that Delivery Options and Service Points take.
pub struct PostNordSetup {
    pub config: PostNordConfig,
    pub apikey: String,
}

impl fmt::Debug for PostNordSetup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PostNordSetup")
            .field("config", &self.config)
            .field("apikey", &"[redacted]")
            .finish()
    }
}

/// A `[vars]` entry that is wrong: `var` names it, `problem` says what to fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub var: &'static str,
    pub problem: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.var, self.problem)
    }
}

thread_local! {
    /// Read once per isolate: vars and secrets cannot change while an isolate lives.
    static CONFIG: OnceCell<Result<Rc<Config>, ConfigError>> = const { OnceCell::new() };
}

/// The configuration, read and checked on the first call in this isolate. A problem is logged
/// once, when it is found.
pub fn get(env: &Env) -> Result<Rc<Config>, ConfigError> {
    CONFIG.with(|cell| {
        cell.get_or_init(|| {
            let config = read(&|name| raw(env, name));
            match &config {
                Ok(config) => log_missing_secrets(config),
                Err(error) => log!("configuration refused: {error}"),
            }
            config.map(Rc::new)
        })
        .clone()
    })
}

/// Reads the configuration from `lookup` (a var or secret by name, as text; `None` when unset).
/// Separate from the environment so that it is tested natively.
pub fn read(lookup: &dyn Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
    let allowed_origins = origins(lookup("ALLOWED_ORIGINS").as_deref().unwrap_or(""))?;
    let carrier_deadline_ms = number(lookup, "CARRIER_DEADLINE_MS", 2500, 1..=30_000)?;
    let answer_cache_seconds = number(lookup, "ANSWER_CACHE_SECONDS", 30, 0..=86_400)?;
    let last_good_seconds = number(lookup, "LAST_GOOD_SECONDS", 86_400, 0..=2_592_000)?;
    let rate_limit_period_seconds = number(lookup, "RATE_LIMIT_PERIOD_SECONDS", 60, 0..=3600)?;
    let bring = match table(lookup, "BRING")? {
        None => None,
        Some(mut table) => {
            let base = base_url(lookup, "BRING_BASE_URL")?;
            set_url(
                &mut table,
                "BRING",
                "products_url",
                "BRING_BASE_URL",
                &base,
                BRING_PRODUCTS_PATH,
            )?;
            set_url(
                &mut table,
                "BRING",
                "pickup_points_url",
                "BRING_BASE_URL",
                &base,
                BRING_PICKUP_POINTS_PATH,
            )?;
            let config: BringConfig = parse_table("BRING", table)?;
            Some(match secrets(lookup, ["BRING_API_UID", "BRING_API_KEY"]) {
                Ok([uid, key]) => Carrier::Ready(BringSetup {
                    config,
                    credentials: BringCredentials { uid, key },
                }),
                Err(missing) => Carrier::MissingSecret(missing),
            })
        }
    };
    let postnord = match table(lookup, "POSTNORD")? {
        None => None,
        Some(mut table) => {
            let base = base_url(lookup, "POSTNORD_BASE_URL")?;
            let token_url = match lookup("POSTNORD_TOKEN_URL").filter(|v| !v.trim().is_empty()) {
                Some(url) => checked_url("POSTNORD_TOKEN_URL", &url)?,
                None => format!("{base}{POSTNORD_TOKEN_PATH}"),
            };
            set_url(
                &mut table,
                "POSTNORD",
                "delivery_options_url",
                "POSTNORD_BASE_URL",
                &base,
                POSTNORD_DELIVERY_OPTIONS_PATH,
            )?;
            set_url(
                &mut table,
                "POSTNORD",
                "service_points_url",
                "POSTNORD_BASE_URL",
                &base,
                POSTNORD_SERVICE_POINTS_PATH,
            )?;
            set_url(
                &mut table,
                "POSTNORD",
                "token_url",
                "POSTNORD_TOKEN_URL",
                &token_url,
                "",
            )?;
            let config: PostNordConfig = parse_table("POSTNORD", table)?;
            // Only the apikey: Delivery Options and Service Points take no OAuth token, so
            // POSTNORD_CLIENT_ID and POSTNORD_CLIENT_SECRET are not read (see carriers/postnord.rs).
            Some(match secrets(lookup, ["POSTNORD_API_KEY"]) {
                Err(missing) => Carrier::MissingSecret(missing),
                Ok([apikey]) => Carrier::Ready(PostNordSetup { config, apikey }),
            })
        }
    };
    let postplus = match table(lookup, "POSTPLUS")? {
        None => None,
        Some(mut table) => {
            let base = base_url(lookup, "POSTPLUS_BASE_URL")?;
            set_url(
                &mut table,
                "POSTPLUS",
                "base_url",
                "POSTPLUS_BASE_URL",
                &base,
                "",
            )?;
            let config: PostPlusConfig = parse_table("POSTPLUS", table)?;
            Some(match secrets(lookup, ["POSTPLUS_API_KEY"]) {
                Ok([api_key]) => Carrier::Ready(PostPlusSetup { config, api_key }),
                Err(missing) => Carrier::MissingSecret(missing),
            })
        }
    };
    if bring.is_none() && postnord.is_none() && postplus.is_none() {
        return Err(ConfigError {
            var: "BRING",
            problem: "no carrier is configured: set BRING, POSTNORD or POSTPLUS".to_owned(),
        });
    }
    let fallback = match table(lookup, "FALLBACK_OPTIONS")? {
        None => FallbackOptions::default(),
        Some(table) => {
            FallbackOptions::from_json(&Value::Object(table).to_string()).map_err(|error| {
                ConfigError {
                    var: "FALLBACK_OPTIONS",
                    problem: error.to_string(),
                }
            })?
        }
    };
    let kss = kss(lookup)?;
    let test_clock = crate::clock::test_clock(lookup)?;
    let ops_token = lookup("OPS_TOKEN")
        .filter(|token| !token.trim().is_empty())
        .map(Secret);
    Ok(Config {
        allowed_origins,
        carrier_deadline_ms,
        answer_cache_seconds,
        last_good_seconds,
        rate_limit_period_seconds,
        bring,
        postnord,
        postplus,
        fallback,
        kss,
        test_clock,
        ops_token,
    })
}

/// `KSS_BASE_PATH` as the router reads it on every request, before (and whatever) the rest of the
/// configuration: trimmed, without a trailing slash, `/kss` when unset. A wrong one is refused
/// by [`read`], so every KSS route then answers `500`.
pub fn kss_base_path(env: &Env) -> String {
    normalized_base_path(raw(env, "KSS_BASE_PATH").as_deref())
}

fn normalized_base_path(text: Option<&str>) -> String {
    match text.map(str::trim).filter(|text| !text.is_empty()) {
        Some(path) => path.trim_end_matches('/').to_owned(),
        None => KSS_DEFAULT_BASE_PATH.to_owned(),
    }
}

fn kss(lookup: &dyn Fn(&str) -> Option<String>) -> Result<KssConfig, ConfigError> {
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

/// A var or secret as text: strings as they are, anything else (numbers, tables from
/// `wrangler.toml`) as JSON. `None` when unset.
fn raw(env: &Env, name: &str) -> Option<String> {
    let value = Reflect::get(env.as_ref(), &JsValue::from_str(name)).ok()?;
    if value.is_undefined() || value.is_null() {
        return None;
    }
    if let Some(text) = value.as_string() {
        return Some(text);
    }
    JSON::stringify(&value)
        .ok()
        .and_then(|text| text.as_string())
}

fn log_missing_secrets(config: &Config) {
    if let Some(Carrier::MissingSecret(name)) = &config.bring {
        log!("bring is skipped: secret {name} is missing");
    }
    if let Some(Carrier::MissingSecret(name)) = &config.postnord {
        log!("postnord is skipped: secret {name} is missing");
    }
    if let Some(Carrier::MissingSecret(name)) = &config.postplus {
        log!("postplus is skipped: secret {name} is missing");
    }
    if config.kss.token_secret.is_none() {
        log!("KSS is off: secret KSS_TOKEN_SECRET is missing");
    }
    if config.kss.merchants.is_empty() {
        log!("KSS has no merchant: secret KSS_MERCHANTS is missing");
    }
}

fn origins(text: &str) -> Result<Vec<String>, ConfigError> {
    text.split(',')
        .map(str::trim)
        .filter(|origin| !origin.is_empty())
        .map(|origin| {
            let rest = origin
                .strip_prefix("https://")
                .or_else(|| origin.strip_prefix("http://"));
            match rest {
                Some(host) if !host.is_empty() && !host.contains(['/', '?', '#', '*', ' ']) => {
                    Ok(origin.to_owned())
                }
                _ => Err(ConfigError {
                    var: "ALLOWED_ORIGINS",
                    problem: format!(
                        "`{origin}` is not an origin: write scheme, host and port only, such as \
                         `https://shop.example` (no path, no trailing slash, no wildcard)"
                    ),
                }),
            }
        })
        .collect()
}

fn number(
    lookup: &dyn Fn(&str) -> Option<String>,
    var: &'static str,
    default: u32,
    range: std::ops::RangeInclusive<u32>,
) -> Result<u32, ConfigError> {
    let Some(text) = lookup(var).filter(|text| !text.trim().is_empty()) else {
        return Ok(default);
    };
    text.trim()
        .parse::<u32>()
        .ok()
        .filter(|value| range.contains(value))
        .ok_or_else(|| ConfigError {
            var,
            problem: format!(
                "`{text}` is not a whole number from {} to {}",
                range.start(),
                range.end()
            ),
        })
}

/// A table var as a JSON object; `None` when unset.
fn table(
    lookup: &dyn Fn(&str) -> Option<String>,
    var: &'static str,
) -> Result<Option<Map<String, Value>>, ConfigError> {
    let Some(text) = lookup(var).filter(|text| !text.trim().is_empty()) else {
        return Ok(None);
    };
    match from_json::<Value>(&text) {
        Ok(Value::Object(table)) => Ok(Some(table)),
        _ => Err(ConfigError {
            var,
            problem: "must be a table (in wrangler.toml) or a JSON object".to_owned(),
        }),
    }
}

fn parse_table<T: serde::de::DeserializeOwned>(
    var: &'static str,
    table: Map<String, Value>,
) -> Result<T, ConfigError> {
    from_json(&Value::Object(table).to_string()).map_err(|error| ConfigError {
        var,
        problem: error.to_string(),
    })
}

fn base_url(
    lookup: &dyn Fn(&str) -> Option<String>,
    var: &'static str,
) -> Result<String, ConfigError> {
    match lookup(var).filter(|text| !text.trim().is_empty()) {
        Some(url) => checked_url(var, &url),
        None => Err(ConfigError {
            var,
            problem: "is not set; it is the carrier's API host, such as `https://api.example`"
                .to_owned(),
        }),
    }
}

/// An absolute http(s) URL, without a trailing slash.
fn checked_url(var: &'static str, url: &str) -> Result<String, ConfigError> {
    let url = url.trim().trim_end_matches('/');
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    match rest {
        Some(rest) if !rest.is_empty() && !rest.contains(['?', '#', ' ']) => Ok(url.to_owned()),
        _ => Err(ConfigError {
            var,
            problem: format!("`{url}` is not an absolute http(s) URL without a query"),
        }),
    }
}

/// Puts `base` + `path` into `table[field]`; the table itself must not set it.
fn set_url(
    table: &mut Map<String, Value>,
    var: &'static str,
    field: &str,
    from_var: &str,
    base: &str,
    path: &str,
) -> Result<(), ConfigError> {
    if table.contains_key(field) {
        return Err(ConfigError {
            var,
            problem: format!("{field} comes from {from_var}; leave it out of the table"),
        });
    }
    table.insert(field.to_owned(), Value::String(format!("{base}{path}")));
    Ok(())
}

/// The secrets `names`, or the name of the first one that is unset or empty.
fn secrets<const N: usize>(
    lookup: &dyn Fn(&str) -> Option<String>,
    names: [&'static str; N],
) -> Result<[String; N], &'static str> {
    let mut values: [String; N] = std::array::from_fn(|_| String::new());
    for (value, name) in values.iter_mut().zip(names) {
        *value = lookup(name)
            .filter(|secret| !secret.trim().is_empty())
            .ok_or(name)?;
    }
    Ok(values)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    const BRING: &str = r#"{"client_url": "https://shop.example", "services": {"NO": ["5800"]},
        "from_country": "NO", "from_postal_code": "0015", "cutoff": "15:00"}"#;

    fn read_from(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let vars: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        read(&|name| vars.get(name).cloned())
    }

    fn refused(vars: &[(&str, &str)]) -> String {
        match read_from(vars) {
            Err(error) => error.to_string(),
            Ok(config) => format!("accepted: {config:?}"),
        }
    }

    #[test]
    fn defaults_apply_and_base_urls_become_endpoint_urls() {
        let config = read_from(&[
            ("BRING", BRING),
            ("BRING_BASE_URL", "http://127.0.0.1:9000/"),
            ("BRING_API_UID", "uid"),
            ("BRING_API_KEY", "key"),
        ])
        .expect("valid");
        assert_eq!(config.carrier_deadline_ms, 2500);
        assert_eq!(config.answer_cache_seconds, 30);
        assert_eq!(config.last_good_seconds, 86_400);
        assert_eq!(config.rate_limit_period_seconds, 60);
        assert_eq!(config.kss.base_path, "/kss");
        assert_eq!(config.kss.reservation_ttl_seconds, 86_400);
        assert_eq!(config.kss.retention_seconds, 7_776_000);
        assert_eq!(config.kss.booking_retry_seconds, 30);
        assert!(config.kss.merchants.is_empty() && config.kss.token_secret.is_none());
        assert!(config.postplus.is_none());
        assert!(config.allowed_origins.is_empty());
        assert!(config.postnord.is_none());
        match config.bring {
            Some(Carrier::Ready(setup)) => {
                assert_eq!(
                    setup.config.products_url,
                    "http://127.0.0.1:9000/shippingguide/api/v2/products"
                );
                assert_eq!(
                    setup.config.pickup_points_url,
                    "http://127.0.0.1:9000/pickuppoint/api/pickuppoint"
                );
            }
            other => panic!("bring is {other:?}"),
        }
    }

    #[test]
    fn a_missing_secret_skips_the_carrier_by_name() {
        let config = read_from(&[
            ("BRING", BRING),
            ("BRING_BASE_URL", "https://api.example"),
            ("BRING_API_UID", "uid"),
        ])
        .expect("valid");
        assert!(matches!(
            config.bring,
            Some(Carrier::MissingSecret("BRING_API_KEY"))
        ));
    }

    #[test]
    fn wrong_vars_are_refused_naming_the_var() {
        let bring = [("BRING", BRING), ("BRING_BASE_URL", "https://api.example")];
        let with = |extra: (&'static str, &'static str)| {
            let mut vars = bring.to_vec();
            vars.push(extra);
            refused(&vars)
        };
        assert_eq!(
            with(("CARRIER_DEADLINE_MS", "soon")),
            "CARRIER_DEADLINE_MS: `soon` is not a whole number from 1 to 30000"
        );
        assert_eq!(
            with(("ANSWER_CACHE_SECONDS", "-1")),
            "ANSWER_CACHE_SECONDS: `-1` is not a whole number from 0 to 86400"
        );
        assert_eq!(
            with((
                "ALLOWED_ORIGINS",
                "https://shop.example, https://shop.example/"
            )),
            "ALLOWED_ORIGINS: `https://shop.example/` is not an origin: write scheme, host and \
             port only, such as `https://shop.example` (no path, no trailing slash, no wildcard)"
        );
        assert_eq!(
            with(("FALLBACK_OPTIONS", r#"{"XX": []}"#)),
            "FALLBACK_OPTIONS: XX: is not one of NO, SE, DK, FI"
        );
        assert_eq!(
            refused(&[("BRING", BRING)]),
            "BRING_BASE_URL: is not set; it is the carrier's API host, such as `https://api.example`"
        );
        assert_eq!(
            refused(&[("BRING", "[1]"), ("BRING_BASE_URL", "https://api.example")]),
            "BRING: must be a table (in wrangler.toml) or a JSON object"
        );
        assert_eq!(
            refused(&[
                ("BRING", r#"{"products_url": "x"}"#),
                ("BRING_BASE_URL", "https://api.example")
            ]),
            "BRING: products_url comes from BRING_BASE_URL; leave it out of the table"
        );
        assert!(
            refused(&[
                ("BRING", r#"{"client_url": "x"}"#),
                ("BRING_BASE_URL", "https://api.example")
            ])
            .starts_with("BRING: at `services`: missing field `services`"),
            "{}",
            refused(&[
                ("BRING", r#"{"client_url": "x"}"#),
                ("BRING_BASE_URL", "https://api.example")
            ])
        );
        assert_eq!(
            refused(&[]),
            "BRING: no carrier is configured: set BRING, POSTNORD or POSTPLUS"
        );
        assert_eq!(
            with(("KSS_MERCHANTS", r#"{"sweMerch123": "s3cret-key", "x": 1}"#)),
            "KSS_MERCHANTS: must be a JSON object of merchant identifier to key, both non-empty \
             strings, such as {\"sweMerch123\": \"<key>\"}"
        );
        assert_eq!(
            with(("KSS_BASE_PATH", "kss")),
            "KSS_BASE_PATH: `kss` is not a path: write it as `/kss` (letters, digits, `/`, `-`, \
             `_`, `.`; not `/` alone)"
        );
        assert_eq!(
            with(("KSS_BOOKING_RETRY_SECONDS", "0")),
            "KSS_BOOKING_RETRY_SECONDS: `0` is not a whole number from 1 to 3600"
        );
        assert_eq!(
            with(("KSS_RETENTION_SECONDS", "0")),
            "KSS_RETENTION_SECONDS: `0` is not a whole number from 1 to 315360000"
        );
    }
}
