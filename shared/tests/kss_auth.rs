//! KSS `/auth`: the digest handshake on Klarna's worked example, and the bearer tokens it hands
//! out, refused when malformed, forged, expired or signed for another merchant. Runs natively and
//! as wasm.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use shared::kss::{
    auth_digest, digest_matches, issue_token, verify_token, AuthSecret, TokenClaims,
};
use shared::Error;

const SECRET: &[u8] = b"test-signing-secret";
const NOW: i64 = 1_772_438_400; // 2026-03-02T08:00:00Z

fn secret(nonce: &str, digest: &str) -> AuthSecret {
    AuthSecret {
        nonce: nonce.to_owned(),
        digest: digest.to_owned(),
    }
}

fn refused(token: &str, now: i64, reason: &'static str) {
    assert_eq!(
        verify_token(token, SECRET, now),
        Err(Error::Unauthorized { reason }),
        "token {token}"
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn klarnas_worked_example_digest() {
    assert_eq!(
        auth_digest("lRFUpqW7Xd", "smOOOth"),
        "8C3891B3162DB3AB61A9B2DA74E6A479553ABA897894E5236ED290C11A0B832B"
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn digests_are_checked_without_case_and_refused_otherwise() {
    let upper = "8C3891B3162DB3AB61A9B2DA74E6A479553ABA897894E5236ED290C11A0B832B";
    let cases = [
        (secret("lRFUpqW7Xd", upper), Some("smOOOth"), true),
        (
            secret("lRFUpqW7Xd", &upper.to_lowercase()),
            Some("smOOOth"),
            true,
        ),
        (secret("lRFUpqW7Xd", upper), Some("smOOOTH"), false),
        (secret("lRFUpqW7Xe", upper), Some("smOOOth"), false),
        (secret("lRFUpqW7Xd", upper), None, false),
        (secret("lRFUpqW7Xd", &upper[..62]), Some("smOOOth"), false),
        (
            secret("lRFUpqW7Xd", "not hex at all"),
            Some("smOOOth"),
            false,
        ),
        (secret("lRFUpqW7Xd", ""), Some("smOOOth"), false),
    ];
    for (secret, key, expected) in cases {
        assert_eq!(
            digest_matches(&secret, key),
            expected,
            "{secret:?} with key {key:?}"
        );
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_fresh_token_verifies_to_its_claims() {
    let token = issue_token("sweMerch123", SECRET, NOW);
    let expected = TokenClaims {
        sub: "sweMerch123".to_owned(),
        iat: NOW,
        exp: NOW + 3600,
    };
    assert_eq!(verify_token(&token, SECRET, NOW), Ok(expected.clone()));
    assert_eq!(verify_token(&token, SECRET, NOW + 3599), Ok(expected));
    assert!(
        token.starts_with("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."),
        "{token}"
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn expired_and_future_tokens_are_refused() {
    let token = issue_token("sweMerch123", SECRET, NOW);
    refused(&token, NOW + 3600, "the token has expired");
    refused(&token, NOW + 86_400, "the token has expired");
    refused(&token, NOW - 61, "the token was issued in the future");
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn forged_and_foreign_tokens_are_refused() {
    let token = issue_token("sweMerch123", SECRET, NOW);
    let other = issue_token("otherMerchant", SECRET, NOW);
    let parts: Vec<&str> = token.split('.').collect();
    let other_parts: Vec<&str> = other.split('.').collect();

    // Claims naming another merchant under this merchant's signature, and the reverse.
    refused(
        &format!("{}.{}.{}", parts[0], other_parts[1], parts[2]),
        NOW,
        "the token signature does not match",
    );
    refused(
        &format!("{}.{}.{}", parts[0], parts[1], other_parts[2]),
        NOW,
        "the token signature does not match",
    );
    // Signed with another secret.
    refused(
        &issue_token("sweMerch123", b"another secret", NOW),
        NOW,
        "the token signature does not match",
    );
    // A longer lifetime written into the claims by hand.
    let stretched = URL_SAFE_NO_PAD.encode(format!(
        r#"{{"sub":"sweMerch123","iat":{NOW},"exp":{}}}"#,
        NOW + 999_999
    ));
    refused(
        &format!("{}.{stretched}.{}", parts[0], parts[2]),
        NOW,
        "the token signature does not match",
    );
    // The `none` algorithm, with and without a signature.
    let none = URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#);
    refused(
        &format!("{none}.{}.", parts[1]),
        NOW,
        "the token is not an HS256 JWT",
    );
    refused(
        &format!("{none}.{}.{}", parts[1], parts[2]),
        NOW,
        "the token is not an HS256 JWT",
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn malformed_tokens_are_refused() {
    let token = issue_token("sweMerch123", SECRET, NOW);
    let parts: Vec<&str> = token.split('.').collect();
    refused("", NOW, "the token is not three dot-separated parts");
    refused("abc", NOW, "the token is not three dot-separated parts");
    refused(
        &format!("{token}.extra"),
        NOW,
        "the token is not three dot-separated parts",
    );
    refused(
        &format!("!!!.{}.{}", parts[1], parts[2]),
        NOW,
        "the token header is not base64url JSON",
    );
    refused(
        &format!("{}.!!!.{}", parts[0], parts[2]),
        NOW,
        "the token claims are not base64url JSON",
    );
    refused(
        &format!("{}.{}.!!!", parts[0], parts[1]),
        NOW,
        "the token signature is not base64url",
    );
}
