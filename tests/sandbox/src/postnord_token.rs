//! PostNord's OAuth2 token endpoint, client-credentials grant (`postnord-api-general.txt`,
//! "OAuth - Client credential flow"; the path is `account.postnord.com/oauth2/token`'s, from
//! notes/01-postnord.md section 3). Form-encoded `grant_type`, `client_id`, `client_secret` in;
//! `{access_token, acr, token_type, expires_in}` out, with `Cache-Control: no-store`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::rejection::FormRejection;
use axum::extract::{Form, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::json;

use crate::auth::{POSTNORD_CLIENT_ID, POSTNORD_CLIENT_SECRET};
use crate::state::lock;
use crate::{errors, ids, Sandbox};

/// The documented example's lifetime.
const DEFAULT_LIFETIME_SECONDS: u64 = 3599;

/// Tokens issued and the lifetime of the next ones (settable through the control API, so a test
/// can make a token expire within the test).
pub struct Tokens {
    lifetime_seconds: Mutex<u64>,
    expiry_by_token: Mutex<HashMap<String, Instant>>,
}

impl Default for Tokens {
    fn default() -> Self {
        Tokens {
            lifetime_seconds: Mutex::new(DEFAULT_LIFETIME_SECONDS),
            expiry_by_token: Mutex::default(),
        }
    }
}

impl Tokens {
    pub fn set_lifetime(&self, seconds: u64) {
        *lock(&self.lifetime_seconds) = seconds;
    }

    pub fn revoke_all(&self) {
        lock(&self.expiry_by_token).clear();
    }

    pub fn reset(&self) {
        self.revoke_all();
        self.set_lifetime(DEFAULT_LIFETIME_SECONDS);
    }

    fn issue(&self) -> (String, u64) {
        let lifetime = *lock(&self.lifetime_seconds);
        let token = ids::random_hex(32);
        lock(&self.expiry_by_token).insert(
            token.clone(),
            Instant::now() + Duration::from_secs(lifetime),
        );
        (token, lifetime)
    }
}

#[derive(Deserialize)]
pub struct TokenRequest {
    grant_type: Option<String>,
    client_id: Option<String>,
    client_secret: Option<String>,
}

/// `POST /oauth2/token`.
pub async fn token(
    State(sandbox): State<Arc<Sandbox>>,
    form: Result<Form<TokenRequest>, FormRejection>,
) -> Response {
    let Ok(Form(request)) = form else {
        let description = "The body must be application/x-www-form-urlencoded";
        return errors::oauth(StatusCode::BAD_REQUEST, "invalid_request", description);
    };
    match request.grant_type.as_deref() {
        Some("client_credentials") => {}
        None => {
            return errors::oauth(
                StatusCode::BAD_REQUEST,
                "invalid_request",
                "grant_type is missing",
            )
        }
        Some(_) => {
            let description = "Only the client_credentials grant is supported";
            return errors::oauth(
                StatusCode::BAD_REQUEST,
                "unsupported_grant_type",
                description,
            );
        }
    }
    // RFC 6749 section 5.2: a client that fails to authenticate gets 401 invalid_client.
    if request.client_id.as_deref() != Some(POSTNORD_CLIENT_ID)
        || request.client_secret.as_deref() != Some(POSTNORD_CLIENT_SECRET)
    {
        return errors::oauth(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "Client authentication failed",
        );
    }
    let (access_token, expires_in) = sandbox.tokens.issue();
    let body = json!({
        "access_token": access_token,
        "acr": "client_credentials",
        "token_type": "bearer",
        "expires_in": expires_in,
    });
    (
        StatusCode::OK,
        [("cache-control", "no-store"), ("pragma", "no-cache")],
        Json(body),
    )
        .into_response()
}
