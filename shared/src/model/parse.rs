//! `from_json`: parse a payload and, when it does not fit, say where in it the problem is.

use serde::de::DeserializeOwned;

use crate::error::Error;

/// Parses `json` into `T`. On failure the error names the path of the offending field
/// (`shipping_options[0].price`) next to serde_json's own message, so whoever sent the payload
/// can fix it without reading our code.
///
/// The whole text must be that one document: anything after it but white space (`{…}xyz`, a
/// second document) is refused, so a body means one thing to us and to every other reader.
pub fn from_json<T: DeserializeOwned>(json: &str) -> Result<T, Error> {
    let mut deserializer = serde_json::Deserializer::from_str(json);
    let value =
        serde_path_to_error::deserialize(&mut deserializer).map_err(|error| Error::Json {
            path: error_path(&error),
            message: error.inner().to_string(),
        })?;
    deserializer.end().map_err(|error| Error::Json {
        path: String::new(),
        message: error.to_string(),
    })?;
    Ok(value)
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
