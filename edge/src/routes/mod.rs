//! One file per endpoint, plus the answer for a request no route takes.

pub mod health;

use serde::Serialize;
use worker::{Response, Result};

/// The JSON body of every error answer: a stable machine-readable code and a sentence for people.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct ErrorBody {
    pub error: &'static str,
    pub message: &'static str,
}

/// The body for a method and path that no route serves.
pub fn not_found_body() -> ErrorBody {
    ErrorBody {
        error: "not_found",
        message: "No endpoint answers this method and path.",
    }
}

/// `404` with [`not_found_body`] as JSON.
pub fn not_found() -> Result<Response> {
    Ok(Response::from_json(&not_found_body())?.with_status(404))
}

#[cfg(test)]
mod tests {
    use super::not_found_body;

    #[test]
    fn not_found_body_is_the_documented_json() {
        assert_eq!(
            serde_json::to_string(&not_found_body()).unwrap(),
            r#"{"error":"not_found","message":"No endpoint answers this method and path."}"#
        );
    }
}
