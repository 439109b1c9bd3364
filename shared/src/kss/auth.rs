//! `POST /auth`: KSS proves it knows the merchant's key and gets a bearer token.

use serde::{Deserialize, Serialize};

use crate::error::Error;

/// The fewest characters a nonce may have. Klarna's example nonce has 10; an empty or short one
/// would make the digest (nearly) a fixed function of the key, the same on every call.
pub const NONCE_MIN_CHARS: usize = 8;
/// The most characters a nonce may have: it is kept for a day to refuse replays (edge), and a
/// nonce is a random token, not a document.
pub const NONCE_MAX_CHARS: usize = 256;

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

impl AuthSecret {
    /// Whether the nonce can prove anything: from [`NONCE_MIN_CHARS`] to [`NONCE_MAX_CHARS`]
    /// characters. An error names `secret.nonce`.
    pub fn check_nonce(&self) -> Result<(), Error> {
        let chars = self.nonce.chars().count();
        if (NONCE_MIN_CHARS..=NONCE_MAX_CHARS).contains(&chars) {
            return Ok(());
        }
        Err(Error::Invalid {
            field: "secret.nonce".to_owned(),
            problem: format!(
                "must have from {NONCE_MIN_CHARS} to {NONCE_MAX_CHARS} characters (it has {chars})"
            ),
        })
    }
}

/// Our answer to `POST /auth` (HTTP 201): the bearer token KSS sends on every later call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthResponse {
    /// The bearer token, a signed JWT unique to the merchant.
    pub token: String,
}

#[cfg(test)]
mod tests {
    use super::AuthSecret;

    fn check(nonce: &str, expected: Result<(), &str>) {
        let secret = AuthSecret {
            digest: String::new(),
            nonce: nonce.to_owned(),
        };
        assert_eq!(
            secret.check_nonce().map_err(|error| error.to_string()),
            expected.map_err(str::to_owned),
            "{nonce:?}"
        );
    }

    #[test]
    fn a_nonce_has_from_8_to_256_characters() {
        check("lRFUpqW7Xd", Ok(()));
        check("12345678", Ok(()));
        check("åæøåæøåæ", Ok(()));
        check(&"n".repeat(256), Ok(()));
        check(
            "",
            Err("secret.nonce: must have from 8 to 256 characters (it has 0)"),
        );
        check(
            "1234567",
            Err("secret.nonce: must have from 8 to 256 characters (it has 7)"),
        );
        check(
            &"n".repeat(257),
            Err("secret.nonce: must have from 8 to 256 characters (it has 257)"),
        );
    }
}
