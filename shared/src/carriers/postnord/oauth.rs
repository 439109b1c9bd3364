//! OAuth2 client credentials for PostNord's IAM-protected APIs (`postnord-api-general.txt`):
//! `POST` the form `grant_type=client_credentials&client_id=…&client_secret=…` to the token URL,
//! get `{"access_token", "token_type": "bearer", "expires_in": 3599}` back, and send
//! `Authorization: Bearer <access_token>`. Delivery Options and Service Points need only the
//! `apikey`; this is for the APIs that say "IAM required" (booking).
//!
//! The edge keeps the token and refreshes it one request at a time; this module gives it the
//! request, the parsed token with its expiry instant, and when to refresh.

use std::fmt;

use chrono::{DateTime, TimeDelta, Utc};
use serde_json::Value;

use crate::carriers::{CarrierFailure, Method, OutboundRequest};
use crate::model::from_json;

use super::config::PostNordConfig;
use super::header;

/// The client PostNord registered for the shop. `Debug` shows the id, never the secret.
#[derive(Clone, PartialEq, Eq)]
pub struct ClientCredentials {
    /// Public identifier of the client.
    pub client_id: String,
    /// Known only to the client and PostNord.
    pub client_secret: String,
}

/// An access token, when it was issued and the instant it stops working. `Debug` never shows
/// the token.
#[derive(Clone, PartialEq, Eq)]
pub struct AccessToken {
    pub access_token: String,
    pub issued_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// The token request: the credentials in the form body, as PostNord's guide shows them (its
/// `curl` example; no Basic header).
pub fn token_request(config: &PostNordConfig, credentials: &ClientCredentials) -> OutboundRequest {
    let body = form_urlencoded::Serializer::new(String::new())
        .append_pair("grant_type", "client_credentials")
        .append_pair("client_id", &credentials.client_id)
        .append_pair("client_secret", &credentials.client_secret)
        .finish();
    OutboundRequest {
        method: Method::Post,
        url: config.token_url.clone(),
        headers: vec![
            header("Content-Type", "application/x-www-form-urlencoded"),
            header("Accept", "application/json"),
        ],
        body: Some(body),
    }
}

/// The token from the token endpoint's answer, received at `now`.
///
/// A non-success status is a [`CarrierFailure`] by its status, with the OAuth `error` code as its
/// detail. OAuth's `invalid_client`, `unauthorized_client` and `invalid_grant` (RFC 6749 §5.2,
/// answered with 400) are [`CarrierFailure::Unauthorized`]: an operator must fix a secret.
/// Failure details name fields and OAuth's codes, never values (`error_description` is left out),
/// so neither a token nor a secret can reach a log through them.
pub fn parse_token(
    status: u16,
    body: &str,
    now: DateTime<Utc>,
) -> Result<AccessToken, CarrierFailure> {
    let json: Option<Value> = from_json(body).ok();
    if let Some(failure) = CarrierFailure::from_status(status) {
        let oauth_error = json
            .as_ref()
            .and_then(|j| j.get("error"))
            .and_then(Value::as_str)
            .filter(|code| is_oauth_code(code));
        let failure = match oauth_error {
            Some("invalid_client" | "unauthorized_client" | "invalid_grant") => {
                CarrierFailure::Unauthorized {
                    status,
                    detail: None,
                }
            }
            _ => failure,
        };
        return Err(failure.with_detail(oauth_error.map(str::to_owned)));
    }
    let malformed = |detail: &str| CarrierFailure::Malformed {
        detail: format!("token response {detail}"),
    };
    let json = json.ok_or_else(|| malformed("is not JSON"))?;
    let access_token = json
        .get("access_token")
        .and_then(Value::as_str)
        .filter(|token| !token.is_empty())
        .ok_or_else(|| malformed("has no `access_token` string"))?;
    if let Some(token_type) = json.get("token_type") {
        if !token_type
            .as_str()
            .is_some_and(|t| t.eq_ignore_ascii_case("bearer"))
        {
            return Err(malformed("has a `token_type` other than bearer"));
        }
    }
    // A number in the guide; some servers write it as a string of digits.
    let expires_in = match json.get("expires_in") {
        Some(Value::Number(n)) => n.as_i64(),
        Some(Value::String(s)) => s.parse::<i64>().ok(),
        _ => None,
    }
    .filter(|seconds| *seconds > 0)
    .ok_or_else(|| malformed("has no positive `expires_in`"))?;
    let expires_at = TimeDelta::try_seconds(expires_in)
        .and_then(|lifetime| now.checked_add_signed(lifetime))
        .ok_or_else(|| malformed("has an `expires_in` too large to be a lifetime"))?;
    Ok(AccessToken {
        access_token: access_token.to_owned(),
        issued_at: now,
        expires_at,
    })
}

/// Whether `code` looks like an OAuth error code (`invalid_client`: lower-case ASCII words and
/// underscores, RFC 6749 §5.2 and the IANA registry). Anything else is not logged: it is not a
/// code, and it could be anything.
fn is_oauth_code(code: &str) -> bool {
    !code.is_empty()
        && code.len() <= 64
        && code.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
}

/// `Authorization: Bearer <token>`, for a request to a secured API.
pub fn authorization_header(token: &AccessToken) -> (String, String) {
    header("Authorization", &format!("Bearer {}", token.access_token))
}

impl AccessToken {
    /// Whether to fetch a new token before using this one at `now`: from `margin` before it
    /// expires, so a request sent with it does not arrive with a token that just lapsed.
    ///
    /// The margin is at most half the token's lifetime: a token that lives shorter than the
    /// margin would otherwise be stale the moment it arrives, and every request would fetch one.
    pub fn needs_refresh(&self, now: DateTime<Utc>, margin: TimeDelta) -> bool {
        let half_life = (self.expires_at - self.issued_at) / 2;
        now.checked_add_signed(margin.min(half_life))
            .is_none_or(|soon| soon >= self.expires_at)
    }
}

impl fmt::Debug for ClientCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientCredentials")
            .field("client_id", &self.client_id)
            .field("client_secret", &"[redacted]")
            .finish()
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessToken")
            .field("access_token", &"[redacted]")
            .field("issued_at", &self.issued_at)
            .field("expires_at", &self.expires_at)
            .finish()
    }
}
