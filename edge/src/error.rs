//! The edge's one error type, and the one place it becomes an HTTP answer.
//!
//! Every answer that is not a success is an [`ApiError`]: a stable `error` code and a sentence
//! in JSON (`into_response`), or, on the KSS callback routes, the `{"failure_reason": …}` Klarna
//! reads (`into_kss_response`). What went wrong inside (a JavaScript exception, a cache failure) is logged with
//! `log!` (one line, escaped) and never sent; nothing in this file ever sees a secret.

use serde::Serialize;
use shared::kss::{FailureReason, FailureResponse};
use worker::Response;

use crate::config::ConfigError;
use crate::http::{json_response, set_header};
use crate::log::log;

/// Why a request did not get the answer it asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ApiError {
    /// No endpoint answers this path.
    NotFound,
    /// KSS: the path names a shipment this merchant does not have (never made, another
    /// merchant's, or deleted after its expiry or retention).
    ShipmentNotFound,
    /// The path exists, but not for this method; `allow` lists the methods it takes.
    MethodNotAllowed { allow: &'static str },
    /// The body is larger than the endpoint takes (by `Content-Length` or by what was read).
    PayloadTooLarge { limit_bytes: usize },
    /// The body is not JSON of the documented shape, or a field's value is refused. `field` is
    /// the path of the offending field (`parcels[0].weight_grams`), when there is one.
    InvalidRequest {
        field: Option<String>,
        message: String,
    },
    /// The request comes from a browser page on an origin that is not in `ALLOWED_ORIGINS`.
    OriginNotAllowed,
    /// The client asked more questions that reach the carriers than its budget allows
    /// (`rate_limit.rs`); `retry_after_seconds` goes out as `Retry-After`.
    RateLimited { retry_after_seconds: u32 },
    /// The Worker's configuration is wrong: an operator must fix a `[vars]` entry.
    Misconfigured(ConfigError),
    /// Something failed inside the Worker. `detail` is logged, never sent.
    Internal { detail: String },
    /// A carrier did not do what an operator route asked (`detail`, logged, says what).
    Upstream { detail: String },
    /// The client went away (or broke the connection) while sending its body: its failure, not
    /// ours, so it is logged as a client abort and never counted as an internal error. Nobody
    /// reads the answer, but it is a 400 like any body that could not be read.
    ClientAborted { detail: String },
    /// KSS: missing, malformed, forged, expired or foreign credentials. `reason` is logged, never
    /// sent: a caller probing credentials learns nothing from the answer.
    Unauthorized { reason: String },
    /// KSS: the shipment cannot be reserved, for one of KSS's named reasons (or a text).
    Refused(FailureReason),
}

/// The JSON body of every error answer.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct ErrorBody {
    /// Stable and machine-readable: `not_found`, `method_not_allowed`, `payload_too_large`,
    /// `invalid_request`, `client_aborted`, `origin_not_allowed`, `rate_limited`, `misconfigured`,
    /// `internal` (and, on KSS routes,
    /// whose bodies are `failure_reason`s instead, `unauthorized` and `refused`).
    pub error: &'static str,
    /// Only on `invalid_request`: the path of the field, or `null` for the body as a whole.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<Option<String>>,
    /// A sentence for the developer who reads it.
    pub message: String,
}

impl ApiError {
    /// The HTTP status of this error.
    pub fn status(&self) -> u16 {
        match self {
            ApiError::NotFound | ApiError::ShipmentNotFound => 404,
            ApiError::MethodNotAllowed { .. } => 405,
            ApiError::PayloadTooLarge { .. } => 413,
            ApiError::InvalidRequest { .. } | ApiError::ClientAborted { .. } => 400,
            ApiError::OriginNotAllowed => 403,
            ApiError::RateLimited { .. } => 429,
            ApiError::Misconfigured(_) => 500,
            ApiError::Internal { .. } => 500,
            ApiError::Upstream { .. } => 502,
            ApiError::Unauthorized { .. } => 401,
            ApiError::Refused(_) => 400,
        }
    }

    /// The body sent for this error.
    pub fn body(&self) -> ErrorBody {
        let (error, field, message) = match self {
            ApiError::NotFound => (
                "not_found",
                None,
                "No endpoint answers this method and path.".to_owned(),
            ),
            ApiError::ShipmentNotFound => ("not_found", None, "No such shipment.".to_owned()),
            ApiError::MethodNotAllowed { allow } => (
                "method_not_allowed",
                None,
                format!("This endpoint takes {allow}."),
            ),
            ApiError::PayloadTooLarge { limit_bytes } => (
                "payload_too_large",
                None,
                format!("The body must be at most {limit_bytes} bytes."),
            ),
            ApiError::InvalidRequest { field, message } => {
                ("invalid_request", Some(field.clone()), message.clone())
            }
            ApiError::OriginNotAllowed => (
                "origin_not_allowed",
                None,
                "This origin may not call the API; the shop lists its origins in ALLOWED_ORIGINS."
                    .to_owned(),
            ),
            ApiError::RateLimited {
                retry_after_seconds,
            } => (
                "rate_limited",
                None,
                format!(
                    "Too many questions from this client; ask again in {retry_after_seconds} seconds."
                ),
            ),
            ApiError::Misconfigured(error) => ("misconfigured", None, error.to_string()),
            ApiError::Upstream { .. } => (
                "upstream_failed",
                None,
                "The carrier did not do what was asked; the edge's log says why.".to_owned(),
            ),
            ApiError::ClientAborted { .. } => (
                "client_aborted",
                None,
                "The request's body ended before it was complete.".to_owned(),
            ),
            ApiError::Internal { .. } => (
                "internal",
                None,
                "Something went wrong on our side; please try again.".to_owned(),
            ),
            ApiError::Unauthorized { .. } => (
                "unauthorized",
                None,
                "Invalid or missing credentials.".to_owned(),
            ),
            ApiError::Refused(reason) => ("refused", None, reason.to_string()),
        };
        ErrorBody {
            error,
            field,
            message,
        }
    }

    /// The answer for this error, logging what the caller is not told.
    pub fn into_response(self) -> Response {
        self.log();
        let mut response = json_response(self.status(), &self.body());
        match self {
            ApiError::MethodNotAllowed { allow } => set_header(&mut response, "allow", allow),
            ApiError::RateLimited {
                retry_after_seconds,
            } => set_header(
                &mut response,
                "retry-after",
                &retry_after_seconds.to_string(),
            ),
            _ => {}
        }
        response
    }
}

impl ApiError {
    /// The answer for this error on a KSS callback route: the same status, and the body KSS
    /// reads, `{"failure_reason": …}`: one of KSS's named reasons for a refused shipment, else a
    /// sentence for whoever debugs the integration (never a credential or an internal detail).
    pub fn into_kss_response(self) -> Response {
        self.log();
        let reason = match &self {
            ApiError::Refused(reason) => reason.clone(),
            ApiError::NotFound => {
                FailureReason::Other("not found: no KSS endpoint answers this path".to_owned())
            }
            ApiError::ShipmentNotFound => FailureReason::Other("no such shipment".to_owned()),
            ApiError::InvalidRequest {
                field: Some(field),
                message,
            } if !message.starts_with(field.as_str()) => {
                FailureReason::Other(format!("{field}: {message}"))
            }
            other => FailureReason::Other(other.body().message),
        };
        let mut response = json_response(
            self.status(),
            &FailureResponse {
                failure_reason: reason,
            },
        );
        if let ApiError::MethodNotAllowed { allow } = self {
            set_header(&mut response, "allow", allow);
        }
        response
    }

    fn log(&self) {
        match self {
            ApiError::Internal { detail } => log!("internal error: {detail}"),
            ApiError::Upstream { detail } => log!("upstream failed: {detail}"),
            ApiError::ClientAborted { detail } => {
                log!("client aborted: the request's body was cut off ({detail})")
            }
            ApiError::Misconfigured(error) => log!("misconfigured: {error}"),
            ApiError::Unauthorized { reason } => log!("kss: unauthorized: {reason}"),
            _ => {}
        }
    }
}

/// A parse or validation error of `shared`, as a 400 naming the field.
pub fn invalid(error: shared::Error) -> ApiError {
    match error {
        shared::Error::Json { path, message } => ApiError::InvalidRequest {
            field: (!path.is_empty()).then_some(path),
            message,
        },
        shared::Error::Invalid { field, problem } => ApiError::InvalidRequest {
            message: format!("{field} {problem}"),
            field: Some(field),
        },
        other => ApiError::InvalidRequest {
            field: None,
            message: other.to_string(),
        },
    }
}

impl From<worker::Error> for ApiError {
    fn from(error: worker::Error) -> Self {
        ApiError::Internal {
            detail: error.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(error: ApiError) -> String {
        serde_json::to_string(&error.body()).unwrap_or_default()
    }

    #[test]
    fn bodies_are_the_documented_json() {
        assert_eq!(
            body(ApiError::NotFound),
            r#"{"error":"not_found","message":"No endpoint answers this method and path."}"#
        );
        assert_eq!(
            body(ApiError::PayloadTooLarge { limit_bytes: 65536 }),
            r#"{"error":"payload_too_large","message":"The body must be at most 65536 bytes."}"#
        );
        assert_eq!(
            body(ApiError::InvalidRequest {
                field: None,
                message: "EOF while parsing".to_owned()
            }),
            r#"{"error":"invalid_request","field":null,"message":"EOF while parsing"}"#
        );
        assert_eq!(
            body(ApiError::InvalidRequest {
                field: Some("parcels[0].weight_grams".to_owned()),
                message: "must be a positive whole number".to_owned()
            }),
            r#"{"error":"invalid_request","field":"parcels[0].weight_grams","message":"must be a positive whole number"}"#
        );
        assert_eq!(
            body(ApiError::Internal {
                detail: "secret stuff".to_owned()
            }),
            r#"{"error":"internal","message":"Something went wrong on our side; please try again."}"#
        );
        assert_eq!(
            body(ApiError::ClientAborted {
                detail: "Network connection lost.".to_owned()
            }),
            r#"{"error":"client_aborted","message":"The request's body ended before it was complete."}"#
        );
        assert_eq!(
            body(ApiError::RateLimited {
                retry_after_seconds: 60
            }),
            r#"{"error":"rate_limited","message":"Too many questions from this client; ask again in 60 seconds."}"#
        );
        assert_eq!(
            body(ApiError::Unauthorized {
                reason: "the token has expired".to_owned()
            }),
            r#"{"error":"unauthorized","message":"Invalid or missing credentials."}"#
        );
    }
}
