//! `from_json`: parse a payload and, when it does not fit, say where in it the problem is.

use serde::de::DeserializeOwned;

use crate::error::Error;

/// Parses `json` into `T`. On failure the error names the path of the offending field
/// (`shipping_options[0].price`) next to serde_json's own message, so whoever sent the payload
/// can fix it without reading our code.
pub fn from_json<T: DeserializeOwned>(json: &str) -> Result<T, Error> {
    let mut deserializer = serde_json::Deserializer::from_str(json);
    serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let mut path = match error.path().to_string() {
            // The crate writes the root as `.`; the message alone reads better there.
            root if root == "." => String::new(),
            // Broken syntax can leave the last segment unknown (`a[0].?`); stop where it is known.
            path => path.trim_end_matches('?').trim_end_matches('.').to_owned(),
        };
        let message = error.inner().to_string();
        // A missing field is reported at its object; name the field itself, as the message does.
        if let Some(field) = missing_field(&message) {
            path = if path.is_empty() {
                field.to_owned()
            } else {
                format!("{path}.{field}")
            };
        }
        Error::Json { path, message }
    })
}

/// The field name in serde's "missing field `name`" message.
fn missing_field(message: &str) -> Option<&str> {
    message.strip_prefix("missing field `")?.split('`').next()
}
