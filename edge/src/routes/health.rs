//! `GET /health`: tells a load balancer, a deploy check or a test that this Worker is up, and
//! which version of it answers. It touches no carrier and no secret, so it stays cheap and safe.

use serde::Serialize;
use worker::Response;

use crate::http::json_response;

/// The body of a healthy answer.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Health {
    pub status: &'static str,
    /// The `edge` crate's version, from its Cargo.toml at build time.
    pub version: &'static str,
}

/// `200` with [`body`] as JSON (`content-type: application/json`).
pub fn get() -> Response {
    json_response(200, &body())
}

/// What `GET /health` answers while the Worker runs.
pub fn body() -> Health {
    Health {
        status: "ok",
        version: env!("CARGO_PKG_VERSION"),
    }
}

#[cfg(test)]
mod tests {
    use super::body;

    #[test]
    fn body_names_status_and_crate_version() {
        assert_eq!(
            serde_json::to_string(&body()).unwrap(),
            format!(
                r#"{{"status":"ok","version":"{}"}}"#,
                env!("CARGO_PKG_VERSION")
            )
        );
    }
}
