//! Bring's account of a refused request, for the edge's log: the error list of a 400 or 500
//! (`{code, field, message}`, bring-shipping-guide-api.txt). Bring's messages describe fields of
//! our request body (a postal code, a length); the credentials travel in headers, which Bring
//! does not echo, so the text is safe to log.

use super::wire::{FieldError, NamedFieldErrors};
use crate::model::from_json;

/// How much of Bring's error message a detail keeps.
const MAX_MESSAGE_CHARS: usize = 200;

/// Each code, field and message of Bring's error list, joined by `; `: `INVALID_ARGUMENT at
/// toPostalCode: Invalid postal code`. `None` when the body is not Bring's error list.
pub(super) fn error_detail(body: &str) -> Option<String> {
    // The named list first, then the bare one, as an untagged enum of the two would.
    let errors = match from_json::<NamedFieldErrors>(body) {
        Ok(named) => named.field_errors,
        Err(_) => from_json::<Vec<FieldError>>(body).ok()?,
    };
    let described: Vec<String> = errors.iter().map(describe).collect();
    (!described.is_empty()).then(|| described.join("; "))
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
