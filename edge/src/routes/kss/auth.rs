//! `POST {KSS_BASE_PATH}/auth`: KSS proves it knows a merchant's key (a digest of a nonce and
//! the key) and gets a bearer token for that merchant. A nonce is good once: the merchant's
//! `AuthNonces` object (`nonces.rs`) refuses it for a day after it was accepted.

use shared::kss::{digest_matches, issue_token, AuthRequest, AuthResponse};
use worker::{Env, Request, Response};

use super::{body, config, respond, token_secret};
use crate::clock;
use crate::error::{invalid, ApiError};
use crate::http::{json_response, set_header, MAX_BODY_BYTES};
use crate::log::quoted;
use crate::nonces::{self, Nonce};

/// The media type KSS sends `/auth` in (sic, `vdn`) and, in its reference, answers with.
const KSS_AUTH_MEDIA_TYPE: &str = "application/vdn.klarna.shipping.auth-v1+json";

/// `201 {"token": …}`; a malformed body is `400`, an unknown identifier or a wrong digest `401`
/// (the same answer for both).
pub async fn post(req: Request, env: &Env) -> Response {
    respond(token(req, env).await)
}

async fn token(mut req: Request, env: &Env) -> Result<Response, ApiError> {
    let config = config(env)?;
    let secret = token_secret(&config)?;
    // KSS labels the body with its own media type and its reference answers in the same one.
    // That one type is answered in kind, by our constant; anything else gets application/json.
    // The request's header is never copied into the answer: it is the caller's text.
    let kss_media_type = req
        .headers()
        .get("content-type")
        .ok()
        .flatten()
        .and_then(|value| value.split(';').next().map(str::trim).map(str::to_owned))
        .is_some_and(|media_type| media_type.eq_ignore_ascii_case(KSS_AUTH_MEDIA_TYPE));
    let auth: AuthRequest = body(&mut req, MAX_BODY_BYTES).await?;
    auth.secret.check_nonce().map_err(invalid)?;
    let key = config
        .kss
        .merchants
        .get(&auth.identifier)
        .map(String::as_str);
    // Checked against a dummy key when the identifier is unknown: both refusals cost the same.
    if !digest_matches(&auth.secret, key) {
        return Err(ApiError::Unauthorized {
            reason: format!(
                "/auth for {}: {}",
                quoted(&auth.identifier),
                if key.is_some() {
                    "wrong digest"
                } else {
                    "unknown identifier"
                }
            ),
        });
    }
    // Only after the digest matched: a caller without the key cannot fill the ledger.
    match nonces::record(env, &auth.identifier, &auth.secret.nonce).await? {
        Nonce::Fresh => {}
        Nonce::Replayed => {
            return Err(ApiError::Unauthorized {
                reason: format!(
                    "/auth for {}: the nonce was used before (a replayed request)",
                    quoted(&auth.identifier)
                ),
            })
        }
    }
    let token = issue_token(
        &auth.identifier,
        secret.as_bytes(),
        clock::now().timestamp(),
    );
    let mut response = json_response(201, &AuthResponse { token });
    if kss_media_type {
        set_header(&mut response, "content-type", KSS_AUTH_MEDIA_TYPE);
    }
    Ok(response)
}
