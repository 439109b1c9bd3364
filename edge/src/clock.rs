//! The current instant, from JavaScript's clock (chrono's own clock is not available on
//! `wasm32-unknown-unknown`). The only place the edge reads the time; `shared` is handed it.
//!
//! Two clocks, on purpose:
//! - [`now`] is the real time. Deadlines, token lifetimes, reservation expiry, retention and
//!   alarms are durations on it, and a Durable Object's alarm is set in real time.
//! - [`calendar_now`] is which day and hour it is for the shop's calendar: cutoffs, departure
//!   days, delivery dates and the sentences that describe them. It is the real time, unless the
//!   test-only var `TEST_CLOCK` pins it to an instant, so that end-to-end tests see the same
//!   calendar on a Saturday, after a cutoff or on the night of a DST change as on a Wednesday
//!   morning. A pinned calendar stands still: the tests that use it never wait for a day to pass.
//!
//! `TEST_CLOCK` is refused (the configuration is then wrong, `500 misconfigured`) unless every
//! carrier URL points at this machine (`127.0.0.0/8`, `localhost`, `[::1]`): a deployment that
//! talks to real carriers can never run on a made-up date.

use chrono::{DateTime, Utc};

use crate::config::{Config, ConfigError};

/// Now, in UTC. Inside a request Workers advance the clock only across IO, which is all the
/// precision deadlines and delivery dates need.
pub fn now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(now_ms() as i64).unwrap_or_default()
}

/// Now, in milliseconds since the Unix epoch.
pub fn now_ms() -> f64 {
    worker::js_sys::Date::now()
}

/// The instant the shop's calendar reads: `TEST_CLOCK` when a test pinned it, else [`now`].
pub fn calendar_now(config: &Config) -> DateTime<Utc> {
    config.test_clock.unwrap_or_else(now)
}

/// The var that pins the calendar in tests.
pub const TEST_CLOCK: &str = "TEST_CLOCK";

/// The vars whose URLs must all be on loopback for [`TEST_CLOCK`] to be accepted.
const CARRIER_URL_VARS: [&str; 4] = [
    "BRING_BASE_URL",
    "POSTNORD_BASE_URL",
    "POSTNORD_TOKEN_URL",
    "POSTPLUS_BASE_URL",
];

/// Reads `TEST_CLOCK` (an RFC 3339 instant such as `2026-12-05T10:00:00+01:00`): `None` when
/// unset, an error naming the var when it is not an instant or when a carrier URL leaves this
/// machine.
pub fn test_clock(
    lookup: &dyn Fn(&str) -> Option<String>,
) -> Result<Option<DateTime<Utc>>, ConfigError> {
    let Some(text) = lookup(TEST_CLOCK).filter(|text| !text.trim().is_empty()) else {
        return Ok(None);
    };
    let instant = DateTime::parse_from_rfc3339(text.trim()).map_err(|_| ConfigError {
        var: TEST_CLOCK,
        problem: format!("`{text}` is not an RFC 3339 instant such as `2026-12-05T10:00:00+01:00`"),
    })?;
    for var in CARRIER_URL_VARS {
        if let Some(url) = lookup(var).filter(|url| !url.trim().is_empty()) {
            if !is_loopback_url(&url) {
                return Err(ConfigError {
                    var: TEST_CLOCK,
                    problem: format!(
                        "pins the calendar for tests against a local sandbox only, but {var} is \
                         not on this machine; remove TEST_CLOCK"
                    ),
                });
            }
        }
    }
    Ok(Some(instant.with_timezone(&Utc)))
}

/// Whether `url`'s host is a loopback address or `localhost`.
fn is_loopback_url(url: &str) -> bool {
    let rest = url
        .trim()
        .strip_prefix("http://")
        .or_else(|| url.trim().strip_prefix("https://"));
    let Some(rest) = rest else { return false };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    // Credentials before `@` would let `http://127.0.0.1@carrier.example` pass a prefix check.
    if authority.contains('@') {
        return false;
    }
    let host = if let Some(bracketed) = authority.strip_prefix('[') {
        bracketed.split(']').next().unwrap_or_default()
    } else {
        authority.split(':').next().unwrap_or_default()
    };
    match crate::ip::parse(host) {
        Some(address) => address.is_loopback(),
        None => host.eq_ignore_ascii_case("localhost"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn read(vars: &[(&str, &str)]) -> Result<Option<DateTime<Utc>>, String> {
        let vars: HashMap<&str, &str> = vars.iter().copied().collect();
        test_clock(&|name| vars.get(name).map(|value| (*value).to_owned()))
            .map_err(|error| error.to_string())
    }

    #[test]
    fn unset_is_the_real_clock() {
        assert_eq!(
            read(&[("BRING_BASE_URL", "https://api.bring.com")]),
            Ok(None)
        );
    }

    #[test]
    fn a_pinned_instant_is_read_with_its_offset() {
        assert_eq!(
            read(&[
                ("TEST_CLOCK", "2026-12-05T10:00:00+01:00"),
                ("BRING_BASE_URL", "http://127.0.0.1:4100"),
                ("POSTNORD_BASE_URL", "http://localhost:4100/"),
                ("POSTPLUS_BASE_URL", "http://[::1]:4100"),
            ])
            .map(|instant| instant.map(|at| at.to_rfc3339())),
            Ok(Some("2026-12-05T09:00:00+00:00".to_owned()))
        );
    }

    #[test]
    fn a_carrier_off_this_machine_refuses_it() {
        for (var, url) in [
            ("BRING_BASE_URL", "https://api.bring.com"),
            ("POSTNORD_BASE_URL", "https://api2.postnord.com"),
            (
                "POSTNORD_TOKEN_URL",
                "https://atapi2.postnord.com/oauth2/token",
            ),
            ("POSTPLUS_BASE_URL", "https://postplus.example"),
            ("BRING_BASE_URL", "http://127.0.0.1@api.bring.com"),
            ("BRING_BASE_URL", "http://127.0.0.1.example:80"),
        ] {
            assert_eq!(
                read(&[
                    ("TEST_CLOCK", "2026-12-05T10:00:00+01:00"),
                    ("POSTPLUS_BASE_URL", "http://127.0.0.1:4100"),
                    (var, url),
                ]),
                Err(format!(
                    "TEST_CLOCK: pins the calendar for tests against a local sandbox only, but \
                     {var} is not on this machine; remove TEST_CLOCK"
                )),
                "{url}"
            );
        }
    }

    #[test]
    fn a_value_that_is_not_an_instant_is_refused() {
        assert_eq!(
            read(&[("TEST_CLOCK", "saturday")]),
            Err("TEST_CLOCK: `saturday` is not an RFC 3339 instant such as \
                 `2026-12-05T10:00:00+01:00`"
                .to_owned())
        );
    }
}
