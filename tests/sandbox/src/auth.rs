//! The sandbox's fixed credentials and how each carrier checks them. The values are public (they
//! are in the README); they exist so that a client that forgets or mixes up a credential fails
//! here the way it would fail against the carrier.

use std::collections::HashMap;

use axum::extract::Query;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;

use crate::call::Carrier;
use crate::errors;

pub const BRING_UID: &str = "sandbox@example.com";
pub const BRING_KEY: &str = "sandbox-bring-key";
pub const POSTNORD_APIKEY: &str = "sandbox-postnord-key";
pub const POSTNORD_CLIENT_ID: &str = "sandbox-postnord-client";
pub const POSTNORD_CLIENT_SECRET: &str = "sandbox-postnord-secret";
pub const POSTPLUS_KEY: &str = "sandbox-postplus-key";

/// `Ok` when the request carries `carrier`'s credentials; otherwise the carrier's refusal.
///
/// Missing credentials get 401 and wrong ones 403, except PostNord's apikey, which its
/// delivery-options OpenAPI answers with 403 either way ("did not provide or have a valid
/// apikey"). The token endpoint checks its client credentials itself, from the form body.
pub fn check(carrier: Carrier, uri: &Uri, headers: &HeaderMap) -> Result<(), Response> {
    match carrier {
        Carrier::Bring | Carrier::BringPickup => check_bring(carrier, headers),
        Carrier::PostNord => check_postnord(uri, headers),
        Carrier::PostNordToken => Ok(()),
        Carrier::PostPlus => match header(headers, "x-api-key") {
            None => Err(errors::postplus(
                StatusCode::UNAUTHORIZED,
                "The X-API-KEY header is missing.",
            )),
            Some(POSTPLUS_KEY) => Ok(()),
            Some(_) => Err(errors::postplus(
                StatusCode::FORBIDDEN,
                "The API key is not authorized for this operation.",
            )),
        },
    }
}

fn check_bring(carrier: Carrier, headers: &HeaderMap) -> Result<(), Response> {
    match (
        header(headers, "x-mybring-api-uid"),
        header(headers, "x-mybring-api-key"),
    ) {
        (Some(BRING_UID), Some(BRING_KEY)) => Ok(()),
        (None, _) | (_, None) => Err(errors::carrier_error(
            carrier,
            StatusCode::UNAUTHORIZED,
            "Authentication required: send the X-Mybring-API-Uid and X-Mybring-API-Key headers",
        )),
        _ => Err(errors::carrier_error(
            carrier,
            StatusCode::FORBIDDEN,
            "The Mybring user and API key do not match, or the user has no access to this API",
        )),
    }
}

fn check_postnord(uri: &Uri, headers: &HeaderMap) -> Result<(), Response> {
    let query: HashMap<String, String> = Query::try_from_uri(uri)
        .map(|Query(q)| q)
        .unwrap_or_default();
    if query.get("apikey").map(String::as_str) != Some(POSTNORD_APIKEY) {
        // The OpenAPI documents no body for this 403; its `ErrorResponse` with only `message` is the
        // closest documented shape.
        let message = "The user did not provide or have a valid apikey.";
        return Err(errors::postnord(StatusCode::FORBIDDEN, message, None));
    }
    // Delivery Options and Service Points take the apikey only (their OpenAPI documents no other
    // scheme; OAuth belongs to other PostNord APIs). A client that sends a bearer token here has
    // misread them, and a token endpoint outage would then cost it every option: refused, so the
    // misreading shows in tests.
    if header(headers, "authorization").is_some() {
        return Err(errors::postnord(
            StatusCode::BAD_REQUEST,
            "This API takes the apikey only; the request carries an Authorization header",
            None,
        ));
    }
    Ok(())
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|value| value.to_str().ok())
}
