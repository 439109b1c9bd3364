//! PostNord OAuth2 client credentials: the token answer, when to refresh, and that neither a
//! credential nor a token shows in `Debug` or in a failure. Runs natively and as wasm.

mod support;

use chrono::TimeDelta;
use shared::carriers::postnord::{
    authorization_header, parse_token, AccessToken, ClientCredentials,
};
use shared::carriers::CarrierFailure;
use support::at;
use support::postnord::{assert_no_secret, CLIENT_ID, CLIENT_SECRET};

/// The guide's example answer.
const TOKEN_RESPONSE: &str = include_str!("fixtures/postnord/token_response.json");
const TOKEN: &str = "o5Ptk3GUEgNV3izvuDl5";
const NOW: &str = "2025-09-12T06:00:00Z";

fn token(expires_at: &str) -> AccessToken {
    AccessToken {
        access_token: TOKEN.to_owned(),
        issued_at: at(NOW),
        expires_at: at(expires_at),
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn token_answers_parse_into_a_token_with_its_expiry() {
    let malformed = |detail: &str| {
        Err(CarrierFailure::Malformed {
            detail: detail.to_owned(),
        })
    };
    let cases = [
        (200, TOKEN_RESPONSE, Ok(token("2025-09-12T06:59:59Z"))),
        (
            200,
            r#"{"access_token": "o5Ptk3GUEgNV3izvuDl5", "expires_in": "60"}"#,
            Ok(token("2025-09-12T06:01:00Z")),
        ),
        (
            200,
            r#"{"access_token": "o5Ptk3GUEgNV3izvuDl5", "token_type": "Bearer", "expires_in": 1}"#,
            Ok(token("2025-09-12T06:00:01Z")),
        ),
        (
            200,
            r#"{"token_type": "bearer", "expires_in": 3599}"#,
            malformed("token response has no `access_token` string"),
        ),
        (
            200,
            r#"{"access_token": "", "expires_in": 3599}"#,
            malformed("token response has no `access_token` string"),
        ),
        (
            200,
            r#"{"access_token": "o5Ptk3GUEgNV3izvuDl5"}"#,
            malformed("token response has no positive `expires_in`"),
        ),
        (
            200,
            r#"{"access_token": "o5Ptk3GUEgNV3izvuDl5", "expires_in": 0}"#,
            malformed("token response has no positive `expires_in`"),
        ),
        (
            200,
            r#"{"access_token": "o5Ptk3GUEgNV3izvuDl5", "expires_in": 9223372036854775807}"#,
            malformed("token response has an `expires_in` too large to be a lifetime"),
        ),
        (
            200,
            r#"{"access_token": "o5Ptk3GUEgNV3izvuDl5", "token_type": "mac", "expires_in": 3599}"#,
            malformed("token response has a `token_type` other than bearer"),
        ),
        (
            200,
            r#"{"access_token": "o5Ptk3GUEgNV3izvuDl5", "#,
            malformed("token response is not JSON"),
        ),
        (
            200,
            "<html>login</html>",
            malformed("token response is not JSON"),
        ),
        (
            400,
            r#"{"error": "invalid_client"}"#,
            Err(CarrierFailure::Unauthorized {
                status: 400,
                detail: Some("invalid_client".to_owned()),
            }),
        ),
        (
            400,
            r#"{"error": "invalid_grant", "error_description": "bad"}"#,
            Err(CarrierFailure::Unauthorized {
                status: 400,
                detail: Some("invalid_grant".to_owned()),
            }),
        ),
        (
            400,
            r#"{"error": "unsupported_grant_type"}"#,
            Err(CarrierFailure::Status {
                status: 400,
                detail: Some("unsupported_grant_type".to_owned()),
            }),
        ),
        (
            // Not an OAuth code: nothing of it is kept.
            400,
            r#"{"error": "s3cret-value-9f8e7d was wrong"}"#,
            Err(CarrierFailure::Status {
                status: 400,
                detail: None,
            }),
        ),
        (
            401,
            r#"{"error": "invalid_client"}"#,
            Err(CarrierFailure::Unauthorized {
                status: 401,
                detail: Some("invalid_client".to_owned()),
            }),
        ),
        (429, "", Err(CarrierFailure::RateLimited)),
        (
            503,
            "<html>down</html>",
            Err(CarrierFailure::Status {
                status: 503,
                detail: None,
            }),
        ),
    ];
    for (status, body, expected) in cases {
        let result = parse_token(status, body, at(NOW));
        assert_eq!(result, expected, "HTTP {status} {body}");
        assert_no_secret(&format!("{result:?}"));
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_token_is_refreshed_a_margin_before_it_expires() {
    let hour_long = token("2025-09-12T07:00:00Z");
    let minute = TimeDelta::seconds(60);
    let cases = [
        ("2025-09-12T06:00:00Z", minute, false),
        ("2025-09-12T06:58:59Z", minute, false),
        ("2025-09-12T06:59:00Z", minute, true),
        ("2025-09-12T06:59:59Z", TimeDelta::zero(), false),
        ("2025-09-12T07:00:00Z", TimeDelta::zero(), true),
        ("2025-09-12T08:00:00Z", minute, true),
        // The margin is capped at half the lifetime (30 min here), so even the largest margin
        // neither panics nor throws a fresh token away.
        ("2025-09-12T06:29:59Z", TimeDelta::MAX, false),
        ("2025-09-12T06:30:00Z", TimeDelta::MAX, true),
    ];
    // A token living 30 s is used for its first 15 s, not fetched again on every use.
    let short_lived = token("2025-09-12T06:00:30Z");
    assert!(!short_lived.needs_refresh(at("2025-09-12T06:00:14Z"), minute));
    assert!(short_lived.needs_refresh(at("2025-09-12T06:00:15Z"), minute));
    for (now, margin, expected) in cases {
        assert_eq!(
            hour_long.needs_refresh(at(now), margin),
            expected,
            "{now} margin {margin}"
        );
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn secrets_never_show_in_debug() {
    let credentials = ClientCredentials {
        client_id: CLIENT_ID.to_owned(),
        client_secret: CLIENT_SECRET.to_owned(),
    };
    assert_eq!(
        format!("{credentials:?}"),
        r#"ClientCredentials { client_id: "example-client", client_secret: "[redacted]" }"#
    );
    let token = token("2025-09-12T07:00:00Z");
    assert_eq!(
        format!("{token:?}"),
        r#"AccessToken { access_token: "[redacted]", issued_at: 2025-09-12T06:00:00Z, expires_at: 2025-09-12T07:00:00Z }"#
    );
    assert_no_secret(&format!("{credentials:#?} {token:#?}"));
    // The header is where the token goes, on purpose.
    assert_eq!(
        authorization_header(&token),
        ("Authorization".to_owned(), format!("Bearer {TOKEN}"))
    );
}
