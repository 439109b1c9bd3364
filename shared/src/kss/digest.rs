//! The `/auth` handshake: KSS proves it knows the merchant's key without sending it.
//!
//! KSS sends `digest = hex(SHA-256(nonce ‖ key))`, in upper case in Klarna's worked example. We
//! recompute it with the key we hold for the identifier and compare the 32 bytes in constant time
//! (so response timing tells an attacker nothing about how much of a guess was right). Hex case
//! does not matter because both sides are compared as bytes.

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use super::AuthSecret;

/// Whether `secret` proves knowledge of `key`.
///
/// Pass `None` for an identifier we do not know: the digest is then checked against a fixed
/// dummy key, so an unknown identifier costs the same time as a wrong digest and cannot be told
/// apart by timing. It always fails.
pub fn digest_matches(secret: &AuthSecret, key: Option<&str>) -> bool {
    let known = key.is_some();
    let expected = expected_digest(&secret.nonce, key.unwrap_or("\u{0}unknown-merchant\u{0}"));
    let Ok(given) = hex::decode(secret.digest.trim()) else {
        return false;
    };
    // `ct_eq` on slices of different lengths is false without looking at the contents.
    let equal: bool = expected.as_slice().ct_eq(given.as_slice()).into();
    equal && known
}

/// `hex(SHA-256(nonce ‖ key))` in upper case, as Klarna writes it: what a KSS client sends.
pub fn auth_digest(nonce: &str, key: &str) -> String {
    hex::encode_upper(expected_digest(nonce, key))
}

fn expected_digest(nonce: &str, key: &str) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update(nonce.as_bytes());
    hasher.update(key.as_bytes());
    hasher.finalize().into()
}
