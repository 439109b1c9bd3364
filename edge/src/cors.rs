//! Cross-origin requests: only the shop's own pages (`ALLOWED_ORIGINS`, exact origins) may call
//! the API from a browser on another origin.
//!
//! - No `Origin` header (a server, curl) or the Worker's own origin (the storefront it serves):
//!   served normally, without CORS headers.
//! - A listed origin: served, with `access-control-allow-origin: <origin>` and `vary: Origin`;
//!   its preflight gets `204` with the allowed method and header.
//! - Any other origin: `403 origin_not_allowed`, preflight or not, and no CORS headers, so the
//!   browser shows the page nothing.

use worker::{Request, Response};

use crate::error::ApiError;
use crate::http::{own_origin, set_header};

/// How long a browser may reuse a preflight's answer, in seconds.
pub const PREFLIGHT_MAX_AGE: &str = "600";

/// Where a request comes from, as far as CORS is concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// No `Origin` header, or the Worker's own origin.
    Same,
    /// A listed origin (as sent).
    Allowed(String),
    /// An origin that is not listed.
    Refused,
}

/// Classifies `req` by its `Origin` header against `allowed`.
pub fn origin(req: &Request, allowed: &[String]) -> Origin {
    let Some(sent) = req.headers().get("origin").ok().flatten() else {
        return Origin::Same;
    };
    let own = own_origin(req);
    classify(&sent, Some(&own), allowed)
}

/// The pure part of [`origin`]: `sent` is the `Origin` header, `own` the Worker's own origin.
pub fn classify(sent: &str, own: Option<&str>, allowed: &[String]) -> Origin {
    if allowed.iter().any(|origin| origin == sent) {
        Origin::Allowed(sent.to_owned())
    } else if own == Some(sent) {
        Origin::Same
    } else {
        Origin::Refused
    }
}

/// The answer to an `OPTIONS` preflight of an endpoint that takes `methods`.
pub fn preflight(origin: &Origin, methods: &str) -> Result<Response, ApiError> {
    if *origin == Origin::Refused {
        return Err(ApiError::OriginNotAllowed);
    }
    let mut response = Response::builder().with_status(204).empty();
    set_header(&mut response, "allow", methods);
    if let Origin::Allowed(_) = origin {
        set_header(&mut response, "access-control-allow-methods", methods);
        set_header(
            &mut response,
            "access-control-allow-headers",
            "content-type",
        );
        set_header(&mut response, "access-control-max-age", PREFLIGHT_MAX_AGE);
    }
    Ok(response)
}

/// Adds the CORS headers `origin` earns to any answer of a CORS-aware endpoint. `vary: Origin`
/// goes on every answer, as the headers depend on it.
pub fn decorate(response: &mut Response, origin: &Origin) {
    set_header(response, "vary", "Origin");
    if let Origin::Allowed(origin) = origin {
        set_header(response, "access-control-allow-origin", origin);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_classify_exactly() {
        let allowed = vec![
            "https://shop.example".to_owned(),
            "http://127.0.0.1:3000".to_owned(),
        ];
        let own = Some("http://127.0.0.1:8787");
        let cases = [
            (
                "https://shop.example",
                Origin::Allowed("https://shop.example".to_owned()),
            ),
            (
                "http://127.0.0.1:3000",
                Origin::Allowed("http://127.0.0.1:3000".to_owned()),
            ),
            ("http://127.0.0.1:8787", Origin::Same),
            ("https://shop.example.evil", Origin::Refused),
            ("http://shop.example", Origin::Refused),
            ("https://SHOP.example", Origin::Refused),
            ("null", Origin::Refused),
        ];
        for (sent, expected) in cases {
            assert_eq!(classify(sent, own, &allowed), expected, "{sent}");
        }
    }
}
