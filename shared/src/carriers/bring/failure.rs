//! Whether an answer from a Bring API can be read at all, for both the Shipping Guide and the
//! Pickup Point API.
//!
//! Failure texts name what was wrong and where (status, media type, line and column), never the
//! body itself: a body could echo anything, and a failure ends up in logs and warnings. The one
//! exception is Bring's own error code and message for a refused request, which is what an
//! operator needs to fix it.

use serde::de::DeserializeOwned;

use super::wire::{FieldError, FieldErrors};
use crate::carriers::CarrierFailure;

/// How much of Bring's error message a failure keeps.
const MAX_MESSAGE_CHARS: usize = 200;

/// Reads a Bring answer as `T`: a non-success status, a media type other than JSON, or a body
/// that is not JSON of the expected shape is a [`CarrierFailure`].
///
/// A missing `Content-Type` is not a failure by itself: the body decides.
pub(super) fn read_json<T: DeserializeOwned>(
    status: u16,
    content_type: Option<&str>,
    body: &str,
) -> Result<T, CarrierFailure> {
    if let Some(failure) = CarrierFailure::from_status(status) {
        return Err(match failure {
            // A 400 says our request was wrong; Bring's body says how (v2 schema, "400 Bad
            // Request"). `Malformed` is the failure that carries a text.
            CarrierFailure::Status { status: 400 } => refused(body).unwrap_or(failure),
            other => other,
        });
    }
    if let Some(media_type) = content_type.map(media_type) {
        if !is_json(&media_type) {
            return Err(malformed(format!(
                "the content type {media_type} is not JSON"
            )));
        }
    }
    serde_json::from_str(body).map_err(|error| {
        let what = if error.is_data() {
            "JSON not of the documented shape"
        } else {
            "not JSON"
        };
        malformed(format!(
            "the body is {what} (line {}, column {})",
            error.line(),
            error.column()
        ))
    })
}

fn malformed(detail: String) -> CarrierFailure {
    CarrierFailure::Malformed { detail }
}

/// Bring's error list of a 400, as a failure naming each code, field and message.
fn refused(body: &str) -> Option<CarrierFailure> {
    let errors = match serde_json::from_str::<FieldErrors>(body).ok()? {
        FieldErrors::Named { field_errors } => field_errors,
        FieldErrors::Bare(errors) => errors,
    };
    if errors.is_empty() {
        return None;
    }
    let described: Vec<String> = errors.iter().map(describe).collect();
    Some(malformed(format!(
        "Bring refused the request (HTTP 400): {}",
        described.join("; ")
    )))
}

fn describe(error: &FieldError) -> String {
    let mut text = error.code.clone().unwrap_or_else(|| "error".to_owned());
    if let Some(field) = error.field.as_deref().filter(|f| !f.is_empty()) {
        text.push_str(" at ");
        text.push_str(field);
    }
    if let Some(message) = error.message.as_deref().filter(|m| !m.is_empty()) {
        text.push_str(": ");
        text.extend(message.chars().take(MAX_MESSAGE_CHARS));
    }
    text
}

/// The media type without parameters, lower case, and only when it looks like one: it is quoted
/// in a failure text, which must not carry whatever a broken proxy put in the header.
fn media_type(content_type: &str) -> String {
    let essence = content_type.split(';').next().unwrap_or("").trim();
    let plausible = !essence.is_empty()
        && essence.len() <= 100
        && essence
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/.+-_".contains(&b));
    if plausible {
        essence.to_ascii_lowercase()
    } else {
        "given".to_owned()
    }
}

fn is_json(media_type: &str) -> bool {
    media_type == "application/json" || media_type.ends_with("+json")
}
