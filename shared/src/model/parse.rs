//! `from_json`: parse a payload and, when it does not fit, say where in it the problem is.

use serde::de::DeserializeOwned;

use super::json_path::{path_at, string_before};
use crate::error::Error;

/// `value` as compact JSON text, as its `Display` writes it. Through `serde_json::to_string`, the
/// writer every answer goes through: `Value`'s `Display` compiles its own compact and pretty
/// writers into the wasm.
pub fn json_text(value: &serde_json::Value) -> String {
    // Writing a `Value` to a string cannot fail: its keys are strings, and no I/O is involved.
    serde_json::to_string(value).unwrap_or_default()
}

/// Parses `json` into `T`. On failure the error names the path of the offending field
/// (`shipping_options[0].price`) next to serde_json's own message, so whoever sent the payload
/// can fix it without reading our code.
///
/// The whole text must be that one document: anything after it but white space (`{…}xyz`, a
/// second document) is refused, so a body means one thing to us and to every other reader.
pub fn from_json<T: DeserializeOwned>(json: &str) -> Result<T, Error> {
    let mut deserializer = serde_json::Deserializer::from_str(json);
    let value = super::objects_only::deserialize(&mut deserializer)
        .map_err(|error| json_error(json, &error))?;
    deserializer.end().map_err(|error| Error::Json {
        path: String::new(),
        message: error.to_string(),
    })?;
    Ok(value)
}

/// Not generic, so the one copy serves every type `from_json` reads.
fn json_error(json: &str, error: &serde_json::Error) -> Error {
    Error::Json {
        path: error_path(json, error),
        message: error.to_string(),
    }
}

/// Where in `json` reading it failed with `error`, as `shipping_options[0].price`; empty for
/// the payload as a whole. A missing field is named itself rather than the object it is missing
/// from.
///
/// Carrier answers are read with the same path (see `carriers::read`), so a payload problem
/// is named alike whoever sent it.
pub(crate) fn error_path(json: &str, error: &serde_json::Error) -> String {
    let message = error.to_string();
    // A duplicate field is refused by its object once the key is read, and an unknown variant
    // (`{"oxed": …}`) by its enum: the object's error, not the key's (which an unknown field
    // is). A variant written as a string (`"oxed"`) is a value, and stays named.
    let key_refused_by_object =
        message.starts_with("duplicate field `") || message.starts_with("unknown variant `");
    let data = error.classify() == serde_json::error::Category::Data;
    let eof = error.classify() == serde_json::error::Category::Eof;
    let path = path_at(
        json,
        error.line(),
        error.column(),
        data,
        eof,
        key_refused_by_object,
    );
    // An empty key (`""`) leaves a path ending in `.`: said as its object, like the root.
    let mut path = path.trim_end_matches('.').to_owned();
    // A list of fixed length (a tuple) with more in it fails after its last element, at the
    // next one's first byte: the list's error, not that element's.
    if message.starts_with("trailing characters") && path.ends_with(']') {
        if let Some(open) = path.rfind('[') {
            path.truncate(open);
        }
    }
    // A variant named by a string where it needs content: the variant is the last step, as
    // in `{"boxed": {…}}`.
    if message.starts_with("invalid type: unit variant") {
        if let Some(variant) = string_before(json, error.line(), error.column()) {
            path = if path.is_empty() {
                variant
            } else {
                format!("{path}.{variant}")
            };
        }
    }
    match missing_field(&message) {
        Some(field) if path.is_empty() => field.to_owned(),
        Some(field) => format!("{path}.{field}"),
        None => path,
    }
}

/// The field name in serde's "missing field `name`" message.
pub(crate) fn missing_field(message: &str) -> Option<&str> {
    message.strip_prefix("missing field `")?.split('`').next()
}

#[cfg(test)]
mod tests {
    use super::from_json;
    use crate::error::Error;

    fn check(json: &str, expected: Result<Vec<u32>, (&str, &str)>) {
        let got = from_json::<Vec<u32>>(json).map_err(|error| match error {
            Error::Json { path, message } => (path, message),
            other => (String::new(), other.to_string()),
        });
        let expected = expected.map_err(|(path, message)| (path.to_owned(), message.to_owned()));
        assert_eq!(got, expected, "{json:?}");
    }

    #[test]
    fn one_document_and_nothing_after_it() {
        check("[1, 2]", Ok(vec![1, 2]));
        check(" [1]\n\t ", Ok(vec![1]));
        check(
            "[1]xyz",
            Err(("", "trailing characters at line 1 column 4")),
        );
        check(
            "[1] [2]",
            Err(("", "trailing characters at line 1 column 5")),
        );
        check("[1]{}", Err(("", "trailing characters at line 1 column 4")));
        check(
            "[1, \"a\"]",
            Err((
                "[1]",
                "invalid type: string \"a\", expected u32 at line 1 column 7",
            )),
        );
    }
}
