//! The bearer token `/auth` hands to KSS: a JWT signed with HMAC-SHA256 (HS256), unique to the
//! merchant, valid for a limited time. KSS sends it on every later call; a token that is missing,
//! malformed, forged, expired or signed for another merchant is refused, and KSS then
//! authenticates again.
//!
//! Each merchant's tokens are signed with its own key, derived as HMAC-SHA256(secret, identifier)
//! from the one signing secret the edge holds. A token whose claims name merchant B but which was
//! signed for merchant A therefore fails the signature check, and rotating the secret revokes
//! every token at once. The clock is an argument: this module reads no time.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

use crate::error::Error;
use crate::model::from_json;

/// How long a token is valid, in seconds: an hour, as Klarna's guide suggests for TMS tokens.
pub const TOKEN_LIFETIME_SECONDS: i64 = 3600;

/// Seconds of clock difference tolerated on `iat`, between edge isolates.
const CLOCK_SKEW_SECONDS: i64 = 60;

/// The claims of our KSS token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenClaims {
    /// The merchant's identifier (the `identifier` of `/auth`).
    pub sub: String,
    /// Issued at, seconds since the Unix epoch.
    pub iat: i64,
    /// Expires at, seconds since the Unix epoch.
    pub exp: i64,
}

/// The JOSE header we write, and the only one we accept.
#[derive(Serialize, Deserialize, PartialEq, Eq)]
struct Header {
    alg: String,
    typ: String,
}

/// Issues a token for `identifier`, valid from `now` (Unix seconds) for [`TOKEN_LIFETIME_SECONDS`].
pub fn issue_token(identifier: &str, signing_secret: &[u8], now: i64) -> String {
    let header = Header {
        alg: "HS256".to_owned(),
        typ: "JWT".to_owned(),
    };
    let claims = TokenClaims {
        sub: identifier.to_owned(),
        iat: now,
        exp: now.saturating_add(TOKEN_LIFETIME_SECONDS),
    };
    let signing_input = format!("{}.{}", encode_json(&header), encode_json(&claims));
    let signature = merchant_mac(signing_secret, identifier, signing_input.as_bytes()).finalize();
    format!(
        "{signing_input}.{}",
        URL_SAFE_NO_PAD.encode(signature.into_bytes())
    )
}

/// Checks a bearer token at `now` (Unix seconds) and returns its claims, or
/// [`Error::Unauthorized`] saying why (for our log; KSS only sees a 401).
pub fn verify_token(token: &str, signing_secret: &[u8], now: i64) -> Result<TokenClaims, Error> {
    let refuse = |reason: &'static str| Error::Unauthorized { reason };
    let mut parts = token.trim().split('.');
    let (Some(header), Some(claims), Some(signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(refuse("the token is not three dot-separated parts"));
    };
    let header: Header =
        decode_json(header).ok_or(refuse("the token header is not base64url JSON"))?;
    // Only our own algorithm: a token that says `none` or another algorithm is refused before any
    // signature is looked at.
    if header
        != (Header {
            alg: "HS256".to_owned(),
            typ: "JWT".to_owned(),
        })
    {
        return Err(refuse("the token is not an HS256 JWT"));
    }
    let parsed: TokenClaims =
        decode_json(claims).ok_or(refuse("the token claims are not base64url JSON"))?;
    let signature = URL_SAFE_NO_PAD
        .decode(signature)
        .map_err(|_| refuse("the token signature is not base64url"))?;
    let signing_input = &token.trim()[..header_and_claims_len(token.trim())];
    merchant_mac(signing_secret, &parsed.sub, signing_input.as_bytes())
        .verify_slice(&signature)
        .map_err(|_| refuse("the token signature does not match"))?;
    if now >= parsed.exp {
        return Err(refuse("the token has expired"));
    }
    if parsed.iat > now.saturating_add(CLOCK_SKEW_SECONDS) {
        return Err(refuse("the token was issued in the future"));
    }
    Ok(parsed)
}

/// The MAC keyed for one merchant: HMAC(HMAC(secret, identifier), message).
fn merchant_mac(signing_secret: &[u8], identifier: &str, message: &[u8]) -> Hmac<Sha256> {
    // HMAC takes keys of any length, so `new_from_slice` cannot fail here.
    let mut derive = <Hmac<Sha256> as Mac>::new_from_slice(signing_secret)
        .unwrap_or_else(|_| unreachable!("HMAC accepts keys of every length"));
    derive.update(identifier.as_bytes());
    let merchant_key = derive.finalize().into_bytes();
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&merchant_key)
        .unwrap_or_else(|_| unreachable!("HMAC accepts keys of every length"));
    mac.update(message);
    mac
}

fn header_and_claims_len(token: &str) -> usize {
    token.rfind('.').unwrap_or(token.len())
}

fn encode_json<T: Serialize>(value: &T) -> String {
    // Serializing these plain structs cannot fail; an empty object keeps the function total.
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(value).unwrap_or_else(|_| b"{}".to_vec()))
}

fn decode_json<T: for<'de> Deserialize<'de>>(part: &str) -> Option<T> {
    let bytes = URL_SAFE_NO_PAD.decode(part).ok()?;
    from_json(std::str::from_utf8(&bytes).ok()?).ok()
}
