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

use serde_json::{Map, Value};
use shared::answer::FallbackOptions;
use shared::carriers::bring::{BringConfig, BringCredentials};
use shared::carriers::postnord::{ClientCredentials, PostNordConfig};
use shared::model::from_json;
use worker::js_sys::{Reflect, JSON};
use worker::wasm_bindgen::JsValue;
use worker::{console_log, Env};

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
    /// Bring, when the shop offers it (`BRING` is set).
    pub bring: Option<Carrier<BringSetup>>,
    /// PostNord, when the shop offers it (`POSTNORD` is set).
    pub postnord: Option<Carrier<PostNordSetup>>,
    /// `FALLBACK_OPTIONS`.
    pub fallback: FallbackOptions,
}

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

/// PostNord's configuration and credentials. The OAuth client is optional: Delivery Options and
/// Service Points need only the `apikey`; with a client, a bearer token is sent too.
pub struct PostNordSetup {
    pub config: PostNordConfig,
    pub apikey: String,
    pub client: Option<ClientCredentials>,
}

impl fmt::Debug for PostNordSetup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PostNordSetup")
            .field("config", &self.config)
            .field("apikey", &"[redacted]")
            .field("client", &self.client)
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
                Err(error) => console_log!("configuration refused: {error}"),
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
            Some(match secrets(lookup, ["POSTNORD_API_KEY"]) {
                Err(missing) => Carrier::MissingSecret(missing),
                Ok([apikey]) => {
                    match secrets(lookup, ["POSTNORD_CLIENT_ID", "POSTNORD_CLIENT_SECRET"]) {
                        Ok([client_id, client_secret]) => Carrier::Ready(PostNordSetup {
                            config,
                            apikey,
                            client: Some(ClientCredentials {
                                client_id,
                                client_secret,
                            }),
                        }),
                        // Neither set: no OAuth client, apikey only.
                        Err(_)
                            if secrets(lookup, ["POSTNORD_CLIENT_ID"]).is_err()
                                && secrets(lookup, ["POSTNORD_CLIENT_SECRET"]).is_err() =>
                        {
                            Carrier::Ready(PostNordSetup {
                                config,
                                apikey,
                                client: None,
                            })
                        }
                        // One without the other is a mistake worth a warning.
                        Err(missing) => Carrier::MissingSecret(missing),
                    }
                }
            })
        }
    };
    if bring.is_none() && postnord.is_none() {
        return Err(ConfigError {
            var: "BRING",
            problem: "no carrier is configured: set BRING or POSTNORD (or both)".to_owned(),
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
    Ok(Config {
        allowed_origins,
        carrier_deadline_ms,
        answer_cache_seconds,
        last_good_seconds,
        bring,
        postnord,
        fallback,
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
        console_log!("bring is skipped: secret {name} is missing");
    }
    if let Some(Carrier::MissingSecret(name)) = &config.postnord {
        console_log!("postnord is skipped: secret {name} is missing");
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
    match serde_json::from_str::<Value>(&text) {
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
            "BRING: no carrier is configured: set BRING or POSTNORD (or both)"
        );
    }
}
