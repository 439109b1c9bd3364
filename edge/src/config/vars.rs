//! Reading the environment: a var or secret as text, and the shapes the settings take (whole
//! numbers in a range, tables, base URLs, sets of secrets). Each refusal is a [`ConfigError`]
//! naming the var; none of them echoes a secret.

use serde_json::{Map, Value};
use shared::model::{from_json, json_text};
use worker::js_sys::{Reflect, JSON};
use worker::wasm_bindgen::JsValue;
use worker::Env;

use super::ConfigError;

/// A var or secret as text: strings as they are, anything else (numbers, tables from
/// `wrangler.toml`) as JSON. `None` when unset.
pub(crate) fn raw(env: &Env, name: &str) -> Option<String> {
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

pub(crate) fn number(
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
pub(crate) fn table(
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

pub(crate) fn parse_table<T: serde::de::DeserializeOwned>(
    var: &'static str,
    table: Map<String, Value>,
) -> Result<T, ConfigError> {
    from_json(&json_text(&Value::Object(table))).map_err(|error| ConfigError {
        var,
        problem: error.to_string(),
    })
}

pub(crate) fn base_url(
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
pub(crate) fn checked_url(var: &'static str, url: &str) -> Result<String, ConfigError> {
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
pub(crate) fn set_url(
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
pub(crate) fn secrets<const N: usize>(
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
