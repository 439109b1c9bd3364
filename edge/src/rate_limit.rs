//! The per-client limit on questions that reach the carriers.
//!
//! `POST /v1/delivery-options` needs no credentials (a shop's page calls it), so anyone can ask
//! it; each question the answer cache cannot serve costs calls against the shop's carrier quotas,
//! and a carrier that answers 429 degrades every shopper. So before the carriers are asked, the
//! client (`cf-connecting-ip`; an IPv6 address counts as its /64, which one subscriber holds) is
//! counted in Cloudflare's Rate Limiting binding `API_RATE_LIMIT` (`wrangler.toml`'s
//! `[[ratelimits]]`: how many per period, per Cloudflare location). Over the limit is
//! `429 rate_limited` with `Retry-After`. A cached answer costs no carrier call and is never
//! limited.
//!
//! `RATE_LIMIT_PERIOD_SECONDS` (default 60) is the binding's period, which `Retry-After` names;
//! `0` turns the limit off. Without the binding the limit is off too, with one log line.

use worker::Env;

use crate::error::ApiError;
use crate::ip::{self, Ip};
use crate::log::log;

/// The binding `wrangler.toml` declares.
pub const BINDING: &str = "API_RATE_LIMIT";

/// Counts one question of the client of `req` (its `cf-connecting-ip`); `Err(RateLimited)` when
/// it is over the limit. A limiter that fails lets the question through: the limit protects
/// quotas, and refusing shoppers for our own fault would be worse.
pub async fn check(
    env: &Env,
    connecting_ip: Option<&str>,
    period_seconds: u32,
) -> Result<(), ApiError> {
    if period_seconds == 0 {
        return Ok(());
    }
    let limiter = match env.rate_limiter(BINDING) {
        Ok(limiter) => limiter,
        Err(_) => {
            log!("rate limit: no {BINDING} binding; questions are not limited");
            return Ok(());
        }
    };
    match limiter.limit(client_key(connecting_ip)).await {
        Ok(outcome) if !outcome.success => Err(ApiError::RateLimited {
            retry_after_seconds: period_seconds,
        }),
        Ok(_) => Ok(()),
        Err(error) => {
            log!("rate limit: the limiter failed, letting the question through: {error}");
            Ok(())
        }
    }
}

/// The key a client is counted under: its IPv4 address, the /64 of its IPv6 address, or
/// `unknown` when the runtime named none (then every such client shares one budget).
pub fn client_key(connecting_ip: Option<&str>) -> String {
    match connecting_ip.map(str::trim).and_then(ip::parse) {
        Some(Ip::V4([a, b, c, d])) => format!("v4:{a}.{b}.{c}.{d}"),
        Some(Ip::V6([a, b, c, d, ..])) => format!("v6:{a:x}:{b:x}:{c:x}:{d:x}::/64"),
        None => "unknown".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::client_key;

    #[test]
    fn clients_are_counted_by_address_and_ipv6_by_its_64() {
        for (ip, key) in [
            (Some("203.0.113.7"), "v4:203.0.113.7"),
            (Some(" 198.51.100.1 "), "v4:198.51.100.1"),
            (Some("2001:db8:1:2:aaaa::1"), "v6:2001:db8:1:2::/64"),
            (
                Some("2001:db8:1:2:ffff:ffff:ffff:ffff"),
                "v6:2001:db8:1:2::/64",
            ),
            (Some("2001:db8:1:3::1"), "v6:2001:db8:1:3::/64"),
            (Some("not an address"), "unknown"),
            (None, "unknown"),
        ] {
            assert_eq!(client_key(ip), key, "{ip:?}");
        }
    }
}
