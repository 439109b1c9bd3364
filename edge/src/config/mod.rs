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
//!
//! Here: the settings of the Worker as a whole. `vars.rs` reads the environment (a var as text,
//! numbers, tables, base URLs, secrets); `kss.rs` the KSS callback API's settings and merchants;
//! each carrier's setup (its table, base URL and secrets) is read next to that carrier, in
//! `crate::carriers::{bring, postnord, postplus}`, with the URL paths its protocol defines
//! coming from `shared`.

use std::cell::OnceCell;
use std::fmt;
use std::rc::Rc;

mod kss;
pub(crate) mod vars;

use chrono::{DateTime, Utc};
use serde_json::Value;
use shared::answer::FallbackOptions;
use shared::logos::LogoProxy;
use shared::model::json_text;
use worker::Env;

use crate::carriers::{self, CarrierId};
use crate::log::log;
use vars::{number, raw, table};

pub use crate::carriers::bring::BringSetup;
pub use crate::carriers::postnord::PostNordSetup;
pub use crate::carriers::postplus::PostPlusSetup;
pub use kss::{kss_base_path, KssConfig};

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
    /// `LOGO_PROXY`: the URL prefixes of the images the edge serves from its own origin
    /// (`routes/logo.rs`); `None`, the default, leaves every image URL as the carrier gave it.
    pub logo_proxy: Option<LogoProxy>,
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

/// A carrier the shop offers: ready to call, or missing a secret.
#[derive(Debug)]
pub enum Carrier<T> {
    Ready(T),
    /// The name of the first missing secret.
    MissingSecret(&'static str),
}

impl<T> Carrier<T> {
    /// The setup, when no secret is missing.
    pub fn ready(&self) -> Option<&T> {
        match self {
            Carrier::Ready(setup) => Some(setup),
            Carrier::MissingSecret(_) => None,
        }
    }

    /// The first missing secret's name, when one is missing.
    pub fn missing_secret(&self) -> Option<&'static str> {
        match self {
            Carrier::Ready(_) => None,
            Carrier::MissingSecret(name) => Some(name),
        }
    }
}

impl Config {
    /// PostPlus's setup, when the shop has PostPlus and its key: what books a reservation.
    pub fn postplus_ready(&self) -> Option<&PostPlusSetup> {
        self.postplus.as_ref().and_then(Carrier::ready)
    }

    /// The secret `carrier` misses, when the shop offers it and one is missing.
    pub fn missing_secret(&self, carrier: CarrierId) -> Option<&'static str> {
        match carrier {
            CarrierId::Bring => self.bring.as_ref()?.missing_secret(),
            CarrierId::PostNord => self.postnord.as_ref()?.missing_secret(),
            CarrierId::PostPlus => self.postplus.as_ref()?.missing_secret(),
        }
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
    let bring = carriers::bring::setup(lookup)?;
    let postnord = carriers::postnord::setup(lookup)?;
    let postplus = carriers::postplus::setup(lookup)?;
    if bring.is_none() && postnord.is_none() && postplus.is_none() {
        return Err(ConfigError {
            var: "BRING",
            problem: "no carrier is configured: set BRING, POSTNORD or POSTPLUS".to_owned(),
        });
    }
    let fallback = match table(lookup, "FALLBACK_OPTIONS")? {
        None => FallbackOptions::default(),
        Some(table) => {
            FallbackOptions::from_json(&json_text(&Value::Object(table))).map_err(|error| {
                ConfigError {
                    var: "FALLBACK_OPTIONS",
                    problem: error.to_string(),
                }
            })?
        }
    };
    let kss = kss::read(lookup)?;
    let test_clock = crate::clock::test_clock(lookup)?;
    let logo_proxy =
        LogoProxy::from_list(lookup("LOGO_PROXY").as_deref().unwrap_or("")).map_err(|problem| {
            ConfigError {
                var: "LOGO_PROXY",
                problem,
            }
        })?;
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
        logo_proxy,
        ops_token,
    })
}

fn log_missing_secrets(config: &Config) {
    for carrier in CarrierId::ALL {
        if let Some(name) = config.missing_secret(carrier) {
            log!("{} is skipped: secret {name} is missing", carrier.name());
        }
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
        assert_eq!(config.logo_proxy, None);
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
            with(("LOGO_PROXY", "https://shop.example/logos")),
            "LOGO_PROXY: `https://shop.example/logos` is not a URL prefix: write scheme, host and \
             a path that ends in `/`, such as `https://shop.example/logos/`"
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
