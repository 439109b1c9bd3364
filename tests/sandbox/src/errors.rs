//! Error responses in each carrier's own shape, so that a client's error handling meets the bodies
//! it will meet in production. Where a carrier documents no body, the closest documented shape is
//! used; the README lists those choices.

use axum::http::header::{CONTENT_TYPE, RETRY_AFTER};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::call::Carrier;

/// The error `carrier` answers with `status`: used for refused credentials and injected faults.
pub fn carrier_error(carrier: Carrier, status: StatusCode, message: &str) -> Response {
    let mut response = match carrier {
        // Bring documents 429 as text/plain for both APIs' rate limits.
        Carrier::Bring | Carrier::BringPickup if status == StatusCode::TOO_MANY_REQUESTS => (
            status,
            [(CONTENT_TYPE, "text/plain; charset=utf-8")],
            "Too Many Requests",
        )
            .into_response(),
        Carrier::Bring | Carrier::BringPickup => bring(status, bring_code(status), "", message),
        Carrier::PostNord => postnord(status, message, None),
        Carrier::PostNordToken => oauth(status, oauth_code(status), message),
        Carrier::PostPlus => postplus(status, message),
    };
    if status == StatusCode::TOO_MANY_REQUESTS || status == StatusCode::SERVICE_UNAVAILABLE {
        response
            .headers_mut()
            .insert(RETRY_AFTER, axum::http::HeaderValue::from_static("1"));
    }
    response
}

/// Bring Shipping Guide's request-level error: a list of `{code, field, message}` named
/// `fieldErrors` (the v2 request's schema, `bring-shipping-guide-updates-and-v2-request.txt`,
/// responses 400 and 500: "fieldErrors Required array"; `bring-shipping-guide-api.txt` renders
/// the list without its name). The Pickup Point API documents no error body; it gets the same.
pub fn bring(status: StatusCode, code: &str, field: &str, message: &str) -> Response {
    (
        status,
        Json(json!({ "fieldErrors": [ { "code": code, "field": field, "message": message } ] })),
    )
        .into_response()
}

/// PostNord's `ErrorResponse` (delivery-options and servicepoints-v5 OpenAPI): `message`, and the
/// faults behind it when there are any.
pub fn postnord(status: StatusCode, message: &str, fault: Option<PostNordFault<'_>>) -> Response {
    let mut body = json!({ "message": message });
    if let Some(fault) = fault {
        body["compositeFault"] = json!({ "faults": [ fault.to_json() ] });
    }
    (status, Json(body)).into_response()
}

/// One entry of PostNord's `compositeFault.faults`.
pub struct PostNordFault<'a> {
    pub code: &'a str,
    pub explanation: &'a str,
    pub param: &'a str,
    pub value: &'a str,
}

impl PostNordFault<'_> {
    pub fn to_json(&self) -> Value {
        json!({
            "faultCode": self.code,
            "explanationText": self.explanation,
            "paramValues": [ { "param": self.param, "value": self.value } ],
        })
    }
}

/// An OAuth 2.0 token-endpoint error (RFC 6749 section 5.2), which PostNord's IAM follows.
pub fn oauth(status: StatusCode, code: &str, description: &str) -> Response {
    let body = json!({ "error": code, "error_description": description });
    (
        status,
        [("cache-control", "no-store"), ("pragma", "no-cache")],
        Json(body),
    )
        .into_response()
}

/// PostPlus request-level errors. Its client code reads `detail` (and `errorDetails`), the fields
/// of an ASP.NET `ProblemDetails`; notes/02-postplus.md section 4 says this shape is inferred.
pub fn postplus(status: StatusCode, detail: &str) -> Response {
    let body = json!({
        "type": format!("https://httpstatuses.io/{}", status.as_u16()),
        "title": status.canonical_reason().unwrap_or("Error"),
        "status": status.as_u16(),
        "detail": detail,
    });
    (
        status,
        [(CONTENT_TYPE, "application/problem+json")],
        body.to_string(),
    )
        .into_response()
}

fn bring_code(status: StatusCode) -> &'static str {
    match status {
        StatusCode::BAD_REQUEST => "INVALID_ARGUMENT",
        StatusCode::UNAUTHORIZED => "UNAUTHORIZED",
        StatusCode::FORBIDDEN => "FORBIDDEN",
        StatusCode::NOT_FOUND => "NOT_FOUND",
        StatusCode::CONFLICT => "CONFLICT",
        _ => "INTERNAL_ERROR",
    }
}

fn oauth_code(status: StatusCode) -> &'static str {
    match status {
        StatusCode::BAD_REQUEST => "invalid_request",
        StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => "invalid_client",
        StatusCode::SERVICE_UNAVAILABLE | StatusCode::TOO_MANY_REQUESTS => {
            "temporarily_unavailable"
        }
        _ => "server_error",
    }
}
