//! `from_json`: parse a payload and, when it does not fit, say where in it the problem is.

use serde::de::DeserializeOwned;

use crate::error::Error;

/// Parses `json` into `T`. On failure the error names the path of the offending field
/// (`shipping_options[0].price`) next to serde_json's own message, so whoever sent the payload
/// can fix it without reading our code.
pub fn from_json<T: DeserializeOwned>(json: &str) -> Result<T, Error> {
    let mut deserializer = serde_json::Deserializer::from_str(json);
    serde_path_to_error::deserialize(&mut deserializer).map_err(|error| Error::Json {
        path: error_path(&error),
        message: error.inner().to_string(),
    })
}

/// Where in the payload a parse failed, as `shipping_options[0].price`; empty for the payload as
/// a whole. A missing field is named itself rather than the object it is missing from.
///
/// Carrier answers are read with the same path (see `carriers::answer`), so a payload problem
/// is named alike whoever sent it.
pub(crate) fn error_path(error: &serde_path_to_error::Error<serde_json::Error>) -> String {
    let path = match error.path().to_string() {
        // The crate writes the root as `.`; the message alone reads better there.
        root if root == "." => String::new(),
        // Broken syntax can leave the last segment unknown (`a[0].?`); stop where it is known.
        path => path.trim_end_matches('?').trim_end_matches('.').to_owned(),
    };
    match missing_field(&error.inner().to_string()) {
        Some(field) if path.is_empty() => field.to_owned(),
        Some(field) => format!("{path}.{field}"),
        None => path,
    }
}

/// The field name in serde's "missing field `name`" message.
pub(crate) fn missing_field(message: &str) -> Option<&str> {
    message.strip_prefix("missing field `")?.split('`').next()
}
