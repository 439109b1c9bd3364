//! `POST /auth`: KSS proves it knows the merchant's key and gets a bearer token.

use serde::{Deserialize, Serialize};

/// The body of KSS's `POST /auth`. All fields are required: without any one of them the digest
/// cannot be checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthRequest {
    /// The merchant's identifier at the integrator, as configured in Klarna.
    pub identifier: String,
    /// The nonce and the digest that prove KSS knows the merchant's key.
    pub secret: AuthSecret,
}

/// KSS's proof of the key: `digest` is the hex SHA-256 of `nonce` followed by the key. Klarna
/// writes the hex in upper case; the check (in a later module) compares without case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthSecret {
    /// Hex SHA-256 of nonce + key.
    pub digest: String,
    /// A random string chosen by KSS for this request.
    pub nonce: String,
}

/// Our answer to `POST /auth` (HTTP 201): the bearer token KSS sends on every later call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthResponse {
    /// The bearer token, a signed JWT unique to the merchant.
    pub token: String,
}
