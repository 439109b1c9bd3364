//! Carrier protocols as functions over data. For each carrier: build the HTTP request
//! ([`OutboundRequest`]) from a [`Quote`](crate::quote::Quote) and the shop's configuration, and
//! turn the carrier's answer (status + body) into our options ([`CarrierAnswer`]) or a
//! [`CarrierFailure`]. The edge only sends the request, adds nothing, and times it out.
//!
//! Credentials are passed in by the edge, which reads them from its secrets; they go into the
//! request and nowhere else (never into an option, a warning or an error message).

pub mod bring;
pub mod postnord;

use serde::Serialize;

use crate::model::ShippingOption;

/// An HTTP request for the edge to send, exactly as the carrier expects it.
///
/// It carries credentials (an `apikey` query parameter, key headers, a token request body), so
/// its `Debug` prints only the method, the URL without its query, header names and the body's
/// length: a request can be logged without leaking a secret.
#[derive(Clone, PartialEq, Eq)]
pub struct OutboundRequest {
    pub method: Method,
    /// Absolute URL including the query string.
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Option<String>,
}

impl std::fmt::Debug for OutboundRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (path, query) = self.url.split_once('?').unwrap_or((&self.url, ""));
        let header_names: Vec<&str> = self.headers.iter().map(|(name, _)| name.as_str()).collect();
        f.debug_struct("OutboundRequest")
            .field("method", &self.method)
            .field("url", &path)
            .field("query", &if query.is_empty() { "" } else { "<redacted>" })
            .field("headers", &header_names)
            .field("body_bytes", &self.body.as_ref().map_or(0, String::len))
            .finish()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
}

/// What one carrier offers for a quote.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CarrierAnswer {
    pub options: Vec<ShippingOption>,
    /// Problems that did not stop the answer, e.g. one service the carrier refused.
    pub warnings: Vec<Warning>,
}

/// A problem the shop or shopper may need to know about, as served in the API's `warnings`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// `bring`, `postnord`, `postplus`.
    pub carrier: String,
    /// A stable, machine-readable code (see [`WarningCode`]).
    pub code: WarningCode,
    /// A sentence for a developer; never carries a credential.
    pub message: String,
}

/// The stable codes of [`Warning`]s. Serialized in snake case; a code never changes meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum WarningCode {
    /// The carrier did not answer by the deadline.
    Timeout,
    /// The carrier answered 5xx or could not be reached.
    Unavailable,
    /// The carrier answered 429.
    RateLimited,
    /// The carrier refused our credentials (401/403): an operator must fix a secret.
    Unauthorized,
    /// The carrier answered something we could not read (bad JSON, wrong content type).
    MalformedResponse,
    /// The carrier refused one of its services for this quote; the others are shown.
    ServiceUnavailable,
    /// The carrier answered with a note worth passing on (e.g. no price for a service).
    CarrierNotice,
    /// These options are the carrier's last good answer for the same question, not a fresh one.
    Stale,
    /// No carrier answered; the shop's configured fallback options are shown.
    Fallback,
}

/// Why a carrier's answer could not be used at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CarrierFailure {
    /// HTTP 401 or 403.
    Unauthorized { status: u16 },
    /// HTTP 429.
    RateLimited,
    /// Any other non-success status.
    Status { status: u16 },
    /// A success status with a body we cannot read; the text says what was wrong (no secrets).
    Malformed { detail: String },
}

impl CarrierFailure {
    /// Classifies a non-success HTTP status. `None` for 2xx.
    pub fn from_status(status: u16) -> Option<CarrierFailure> {
        match status {
            200..=299 => None,
            401 | 403 => Some(CarrierFailure::Unauthorized { status }),
            429 => Some(CarrierFailure::RateLimited),
            _ => Some(CarrierFailure::Status { status }),
        }
    }

    /// The warning a shopper-facing answer carries for this failure.
    pub fn warning(&self, carrier: &str) -> Warning {
        let (code, message) = match self {
            CarrierFailure::Unauthorized { status } => (
                WarningCode::Unauthorized,
                format!("{carrier} refused our credentials (HTTP {status})"),
            ),
            CarrierFailure::RateLimited => (
                WarningCode::RateLimited,
                format!("{carrier} is limiting our request rate (HTTP 429)"),
            ),
            CarrierFailure::Status { status } => (
                WarningCode::Unavailable,
                format!("{carrier} answered HTTP {status}"),
            ),
            CarrierFailure::Malformed { detail } => (
                WarningCode::MalformedResponse,
                format!("{carrier} answered something unreadable: {detail}"),
            ),
        };
        Warning {
            carrier: carrier.to_owned(),
            code,
            message,
        }
    }
}

/// Converts a decimal amount as carriers write it (`"182.19"`, `"99"`, `"12.5"`) into minor
/// units, without floating point. `None` for anything else (signs are not accepted: carrier
/// prices are never negative).
pub fn decimal_to_minor_units(amount: &str) -> Option<i64> {
    let amount = amount.trim();
    let (whole, fraction) = amount.split_once('.').unwrap_or((amount, ""));
    if whole.is_empty()
        || fraction.len() > 2
        || !whole
            .bytes()
            .chain(fraction.bytes())
            .all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let cents: i64 = match fraction.len() {
        0 => 0,
        1 => fraction.parse::<i64>().ok()? * 10,
        _ => fraction.parse().ok()?,
    };
    whole.checked_mul(100)?.checked_add(cents)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_amounts_become_minor_units_exactly() {
        let cases = [
            ("182.19", Some(18219)),
            ("938.70", Some(93870)),
            ("99", Some(9900)),
            ("12.5", Some(1250)),
            ("0.00", Some(0)),
            (" 7.05 ", Some(705)),
            ("1.234", None),
            ("-5.00", None),
            ("12,50", None),
            ("", None),
            (".50", None),
            ("abc", None),
            ("99999999999999999999", None),
        ];
        for (input, expected) in cases {
            assert_eq!(decimal_to_minor_units(input), expected, "{input:?}");
        }
    }

    #[test]
    fn debug_output_shows_no_credential() {
        let request = OutboundRequest {
            method: Method::Post,
            url: "https://carrier.example/v1/options?apikey=SECRET-KEY".to_owned(),
            headers: vec![("X-Mybring-API-Key".to_owned(), "SECRET-HEADER".to_owned())],
            body: Some("client_secret=SECRET-BODY".to_owned()),
        };
        assert_eq!(
            format!("{request:?}"),
            r#"OutboundRequest { method: Post, url: "https://carrier.example/v1/options", query: "<redacted>", headers: ["X-Mybring-API-Key"], body_bytes: 25 }"#
        );
    }

    #[test]
    fn statuses_classify_into_failures() {
        assert_eq!(CarrierFailure::from_status(200), None);
        assert_eq!(CarrierFailure::from_status(204), None);
        assert_eq!(
            CarrierFailure::from_status(401),
            Some(CarrierFailure::Unauthorized { status: 401 })
        );
        assert_eq!(
            CarrierFailure::from_status(403),
            Some(CarrierFailure::Unauthorized { status: 403 })
        );
        assert_eq!(
            CarrierFailure::from_status(429),
            Some(CarrierFailure::RateLimited)
        );
        assert_eq!(
            CarrierFailure::from_status(500),
            Some(CarrierFailure::Status { status: 500 })
        );
        assert_eq!(
            CarrierFailure::from_status(404),
            Some(CarrierFailure::Status { status: 404 })
        );
    }

    #[test]
    fn failures_become_warnings_with_stable_codes() {
        let warning = CarrierFailure::RateLimited.warning("bring");
        assert_eq!(
            serde_json::to_value(&warning).ok(),
            Some(serde_json::json!({
                "carrier": "bring",
                "code": "rate_limited",
                "message": "bring is limiting our request rate (HTTP 429)"
            }))
        );
        assert_eq!(
            CarrierFailure::Unauthorized { status: 403 }
                .warning("postnord")
                .code,
            WarningCode::Unauthorized
        );
        assert_eq!(
            CarrierFailure::Status { status: 503 }
                .warning("postnord")
                .code,
            WarningCode::Unavailable
        );
    }
}
