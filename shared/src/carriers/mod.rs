//! Carrier protocols as functions over data. For each carrier: build the HTTP request
//! ([`OutboundRequest`]) from a [`Quote`](crate::quote::Quote) and the shop's configuration, and
//! turn the carrier's answer (status + body) into our options ([`CarrierAnswer`]) or a
//! [`CarrierFailure`]. The edge only sends the request, adds nothing, and times it out.
//!
//! ## The rules every carrier mapping follows
//!
//! **Status.** A non-2xx answer is [`CarrierFailure::from_status`] of its status, whatever the
//! body says: 401/403 are `Unauthorized`, 429 `RateLimited`, every other one `Status`. So the
//! warning code a shop sees depends on the status alone (`unauthorized`, `rate_limited`,
//! `unavailable`), for every carrier alike. The carrier's own words about the error (Bring's
//! `fieldErrors`, PostNord's fault codes) are kept as the failure's `detail`, for the edge's log.
//! Only protocol overrides this, where a status means something else than a failure:
//! - PostNord's `API-003` ("delivery options not found", on 400 or 404) is an answer with no
//!   options and a `carrier_notice`;
//! - an OAuth token endpoint's `invalid_client`, `unauthorized_client` or `invalid_grant` (RFC
//!   6749 §5.2, on 400) is `Unauthorized`: an operator must fix a secret.
//!
//! **Reading a body** (`answer.rs`, the one reader for every carrier). A 2xx answer whose
//! `Content-Type` is not JSON (`application/json` or `…+json`), or whose body does not parse into
//! the documented shape, is [`CarrierFailure::Malformed`]; its text says what was wrong, at which
//! path (`consignments[0]`), line and column, and never quotes the body. A missing
//! `Content-Type` is no failure by itself: the body decides. Within a good answer, one service or
//! place of an unexpected shape costs only itself: it is left out, with a warning naming it.
//!
//! **Warnings and logs.** A [`Warning`] is served to the widget and the shop: its code is stable
//! and its message is our sentence (a carrier's service-level notices and refusals are passed on
//! in it, as they describe the service, not our request). A failure's `detail` is for the edge's
//! log only: [`CarrierFailure::warning`] never includes it.
//!
//! **Credentials** are passed in by the edge, which reads them from its secrets; they go into the
//! request and nowhere else: never into an option, a warning, a failure or its detail. The parse
//! functions never receive them, and details are built only from the parts of an error body that
//! cannot echo the request (codes, field names, the carrier's own texts; never parameter values).

pub mod bring;
mod config;
pub mod postnord;
pub mod postplus;
pub(crate) mod read;

use serde::Serialize;

use crate::model::{Location, ShippingOption};

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
    /// The carrier's own texts for the operator, which the edge logs and never serves: Bring's
    /// `userMessage` on a refused service and its `traceMessages` describe our request and its
    /// account, not the service a shopper picks, and may say more than a shopper or shop should
    /// read. Never serialized, so no answer can carry them by mistake.
    #[serde(skip)]
    pub operator_notes: Vec<String>,
}

/// The places a carrier lists for its pickup options (PostNord's Service Points, Bring's
/// Pickup Point API), with a warning for every place or part of one that was left out.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Places {
    /// In the carrier's order, nearest first.
    pub locations: Vec<Location>,
    /// What was left out and why, for the carrier's answer.
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
///
/// `detail` on `Unauthorized` and `Status` is the carrier's own account of the error, when its
/// body had one in the carrier's error shape; it is for the edge's log, never for a warning (see
/// the module's rules), and it carries no credential.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CarrierFailure {
    /// HTTP 401 or 403.
    Unauthorized { status: u16, detail: Option<String> },
    /// HTTP 429.
    RateLimited,
    /// Any other non-success status.
    Status { status: u16, detail: Option<String> },
    /// A success status with a body we cannot read; the text says what was wrong (no secrets).
    Malformed { detail: String },
}

impl CarrierFailure {
    /// Classifies a non-success HTTP status, without a detail. `None` for 2xx.
    pub fn from_status(status: u16) -> Option<CarrierFailure> {
        match status {
            200..=299 => None,
            401 | 403 => Some(CarrierFailure::Unauthorized {
                status,
                detail: None,
            }),
            429 => Some(CarrierFailure::RateLimited),
            _ => Some(CarrierFailure::Status {
                status,
                detail: None,
            }),
        }
    }

    /// The same failure with the carrier's account of it as `detail` (a no-op for `RateLimited`
    /// and `Malformed`, which keep theirs).
    pub fn with_detail(self, carrier_detail: Option<String>) -> CarrierFailure {
        match self {
            CarrierFailure::Unauthorized { status, .. } => CarrierFailure::Unauthorized {
                status,
                detail: carrier_detail,
            },
            CarrierFailure::Status { status, .. } => CarrierFailure::Status {
                status,
                detail: carrier_detail,
            },
            other => other,
        }
    }

    /// The text for the edge's log line about this failure: the carrier's account of a refused
    /// request, or what was unreadable about an answer. `None` when there is nothing to add to
    /// the status.
    pub fn detail(&self) -> Option<&str> {
        match self {
            CarrierFailure::Unauthorized { detail, .. } | CarrierFailure::Status { detail, .. } => {
                detail.as_deref()
            }
            CarrierFailure::Malformed { detail } => Some(detail),
            CarrierFailure::RateLimited => None,
        }
    }

    /// The warning a shopper-facing answer carries for this failure. It names the status, never
    /// the carrier's error text: that is in [`CarrierFailure::detail`], for the log.
    pub fn warning(&self, carrier: &str) -> Warning {
        let (code, message) = match self {
            CarrierFailure::Unauthorized { status, .. } => (
                WarningCode::Unauthorized,
                format!("{carrier} refused our credentials (HTTP {status})"),
            ),
            CarrierFailure::RateLimited => (
                WarningCode::RateLimited,
                format!("{carrier} is limiting our request rate (HTTP 429)"),
            ),
            CarrierFailure::Status { status, .. } => (
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
    scaled_decimal(amount, 2)
}

/// A distance in kilometres as carriers write it (Bring's `distanceInKm`: `"1.3"`, `"16.0"`)
/// in whole metres, without floating point: `"1.3"` is exactly 1300. `None` for anything else,
/// including an empty text (Bring's "no distance") and more than metre precision.
pub fn kilometres_to_metres(kilometres: &str) -> Option<u32> {
    u32::try_from(scaled_decimal(kilometres, 3)?).ok()
}

/// An unsigned decimal text times 10^`digits`, exactly: at most `digits` fraction digits, at
/// least one whole digit, nothing but ASCII digits and one point; surrounding blanks are allowed.
fn scaled_decimal(text: &str, digits: u32) -> Option<i64> {
    let text = text.trim();
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let max_fraction = usize::try_from(digits).ok()?;
    if whole.is_empty()
        || fraction.len() > max_fraction
        || !whole
            .bytes()
            .chain(fraction.bytes())
            .all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let scale = 10_i64.checked_pow(digits)?;
    let whole: i64 = whole.parse().ok()?;
    // Right-pad the fraction to `digits` places: "5" of "12.5" is 50 hundredths.
    let padding = 10_i64.checked_pow(digits - u32::try_from(fraction.len()).ok()?)?;
    let fraction: i64 = if fraction.is_empty() {
        0
    } else {
        fraction.parse::<i64>().ok()?.checked_mul(padding)?
    };
    whole.checked_mul(scale)?.checked_add(fraction)
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
            Some(CarrierFailure::Unauthorized {
                status: 401,
                detail: None
            })
        );
        assert_eq!(
            CarrierFailure::from_status(403),
            Some(CarrierFailure::Unauthorized {
                status: 403,
                detail: None
            })
        );
        assert_eq!(
            CarrierFailure::from_status(429),
            Some(CarrierFailure::RateLimited)
        );
        assert_eq!(
            CarrierFailure::from_status(500),
            Some(CarrierFailure::Status {
                status: 500,
                detail: None
            })
        );
        assert_eq!(
            CarrierFailure::from_status(404),
            Some(CarrierFailure::Status {
                status: 404,
                detail: None
            })
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
            CarrierFailure::from_status(403).map(|failure| failure.warning("postnord").code),
            Some(WarningCode::Unauthorized)
        );
        assert_eq!(
            CarrierFailure::from_status(503).map(|failure| failure.warning("postnord").code),
            Some(WarningCode::Unavailable)
        );
    }

    #[test]
    fn the_carriers_detail_goes_to_the_log_not_the_warning() {
        let refused = CarrierFailure::from_status(400).map(|failure| {
            failure.with_detail(Some("INVALID_ARGUMENT at toPostalCode".to_owned()))
        });
        assert_eq!(
            refused,
            Some(CarrierFailure::Status {
                status: 400,
                detail: Some("INVALID_ARGUMENT at toPostalCode".to_owned())
            })
        );
        let refused = refused.expect("a failure");
        assert_eq!(refused.detail(), Some("INVALID_ARGUMENT at toPostalCode"));
        assert_eq!(
            refused.warning("bring"),
            Warning {
                carrier: "bring".to_owned(),
                code: WarningCode::Unavailable,
                message: "bring answered HTTP 400".to_owned(),
            }
        );
        let unauthorized = CarrierFailure::from_status(401)
            .map(|failure| failure.with_detail(Some("invalid_client".to_owned())));
        assert_eq!(
            unauthorized
                .as_ref()
                .map(|failure| failure.warning("postnord").message),
            Some("postnord refused our credentials (HTTP 401)".to_owned())
        );
        assert_eq!(
            unauthorized.as_ref().and_then(CarrierFailure::detail),
            Some("invalid_client")
        );
        assert_eq!(
            CarrierFailure::RateLimited.with_detail(Some("slow down".to_owned())),
            CarrierFailure::RateLimited
        );
        assert_eq!(CarrierFailure::RateLimited.detail(), None);
    }

    #[test]
    fn kilometres_become_metres_exactly() {
        let cases = [
            ("1.3", Some(1300)),
            ("16.0", Some(16_000)),
            ("0.7", Some(700)),
            ("12", Some(12_000)),
            ("2.25", Some(2250)),
            ("0.125", Some(125)),
            // Floats would make 4.35 * 1000 = 4349.999…; the text is read exactly.
            ("4.35", Some(4350)),
            ("", None),
            ("0.1234", None),
            ("-1.0", None),
            ("1,3", None),
            ("5000000", None),
        ];
        for (input, expected) in cases {
            assert_eq!(kilometres_to_metres(input), expected, "{input:?}");
        }
    }
}
