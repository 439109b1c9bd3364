//! `POST {KSS_BASE_PATH}/auth`: KSS proves it knows a merchant's key (a digest of a nonce and
//! the key) and gets a bearer token for that merchant.

use shared::kss::{digest_matches, issue_token, AuthRequest, AuthResponse};
use worker::{Env, Request, Response};

use super::{body, config, respond, token_secret};
use crate::clock;
use crate::error::{json_response, set_header, ApiError};

/// `201 {"token": …}`; a malformed body is `400`, an unknown identifier or a wrong digest `401`
/// (the same answer for both).
pub async fn post(req: Request, env: &Env) -> Response {
    respond(token(req, env).await)
}

async fn token(mut req: Request, env: &Env) -> Result<Response, ApiError> {
    let config = config(env)?;
    let secret = token_secret(&config)?;
    // KSS labels the body `application/vdn.klarna.shipping.auth-v1+json` (sic) and expects its
    // answer in the same media type; anything else that names JSON gets JSON back.
    let media_type = req
        .headers()
        .get("content-type")
        .ok()
        .flatten()
        .filter(|value| {
            value
                .split(';')
                .next()
                .is_some_and(|t| t.trim().ends_with("json"))
        });
    let auth: AuthRequest = body(&mut req).await?;
    let key = config
        .kss
        .merchants
        .get(&auth.identifier)
        .map(String::as_str);
    // Checked against a dummy key when the identifier is unknown: both refusals cost the same.
    if !digest_matches(&auth.secret, key) {
        return Err(ApiError::Unauthorized {
            reason: format!(
                "/auth for `{}`: {}",
                auth.identifier,
                if key.is_some() {
                    "wrong digest"
                } else {
                    "unknown identifier"
                }
            ),
        });
    }
    let token = issue_token(
        &auth.identifier,
        secret.as_bytes(),
        clock::now().timestamp(),
    );
    let mut response = json_response(201, &AuthResponse { token });
    if let Some(media_type) = media_type {
        set_header(&mut response, "content-type", &media_type);
    }
    Ok(response)
}
