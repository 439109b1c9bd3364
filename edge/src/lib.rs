//! `edge`: the Cloudflare Worker that serves the checkout's HTTP API.
//!
//! It is a thin shell: route a request, parse it, call the pure logic in `shared`, do the IO
//! (fetch carriers, read secrets, cache) and serialize the answer. This file is the router only;
//! each endpoint lives in its own file under `routes/`.
//!
//! - `routes/`: `GET /health`, `POST /v1/delivery-options` (+ its CORS preflight), and
//!   `routes/kss/`: the Klarna Shipping Service callback API under `KSS_BASE_PATH`.
//! - `reservation/`: `Reservation`, the Durable Object holding a KSS session's reservation and
//!   driving its PostPlus booking from its alarm (`object.rs`), and its client stub (`client.rs`).
//! - `config/`: `[vars]` and secrets, read and checked once per isolate (each carrier's setup is
//!   read in its own file under `carriers/`).
//! - `error.rs`: the one error type, and the one place it becomes an HTTP answer.
//! - `http.rs`: JSON answers, headers, and a request's body read within its limit.
//! - `cors.rs`: which origins may call the API from a browser.
//! - `fanout.rs`: every carrier at once within a deadline, last-good stand-ins, assembly.
//! - `carriers/`: sending what `shared::carriers` builds (deadline, abort, PostNord's token).
//! - `coalesce.rs`: identical calls in flight share one upstream call (per isolate).
//! - `cache.rs`: the Cache API: answers, and each carrier's last good answer.
//! - `rate_limit.rs`: the per-client limit on questions that reach the carriers (429).
//! - `ip.rs`: an IP address read as `std` reads it, for the rate limit's client key.
//! - `nonces.rs`: `AuthNonces`, the Durable Object that refuses a KSS `/auth` nonce seen before.
//! - `log.rs`: the one way to write a log line (one line, escaped, cut), and `quoted` for
//!   request-supplied text in it.
//! - `end_of_day.rs`: PostPlus's end of day (prepare, submit, documents), run by
//!   `routes/ops.rs` and by the Cron Trigger below.
//! - `clock.rs`: the real clock, and the calendar's (pinned by `TEST_CLOCK` in tests only).
//!
//! What this crate must never do: hold business logic (a rule about options, prices or delivery
//! times lives in `shared`, once, so the widget and the edge agree), or put a secret (a carrier
//! key, a Klarna credential, a token) into a response or a log line. Internal detail of a failure
//! is logged without secrets and never sent to the caller. It never panics on input: with
//! `panic = "abort"` a panic would kill the isolate and every request in it.

mod cache;
mod carriers;
mod clock;
mod coalesce;
mod config;
mod cors;
mod end_of_day;
mod error;
mod fanout;
mod http;
mod ip;
mod log;
mod nonces;
mod rate_limit;
mod reservation;
mod routes;

use worker::{
    event, Context, Env, Method, Request, Response, Result, ScheduleContext, ScheduledEvent,
};

use crate::error::ApiError;
use crate::routes::kss::{self, Endpoint};

/// The Durable Object class `wrangler.toml` binds as `AUTH_NONCES`.
pub use crate::nonces::AuthNonces;
/// The Durable Object class `wrangler.toml` binds as `RESERVATIONS`.
pub use crate::reservation::Reservation;

/// Sends each request to the route for its path; an unknown path is a JSON 404, a known path
/// with a method it does not take a JSON 405.
#[event(fetch)]
async fn fetch(req: Request, env: Env, ctx: Context) -> Result<Response> {
    let path = req.path();
    Ok(match (req.method(), path.as_str()) {
        (Method::Get | Method::Head, "/health") => routes::health::get(),
        (_, "/health") => ApiError::MethodNotAllowed { allow: "GET" }.into_response(),
        (_, routes::delivery_options::PATH) => {
            routes::delivery_options::handle(req, &env, &ctx).await
        }
        (_, shared::logos::PATH) => routes::logo::handle(req, &env, &ctx).await,
        (_, path) if path.starts_with(routes::ops::PREFIX) => routes::ops::handle(req, &env).await,
        _ => match kss_endpoint(&path, &env) {
            None => ApiError::NotFound.into_response(),
            Some(endpoint) => match (req.method(), endpoint) {
                (Method::Post, Endpoint::Auth) => kss::auth::post(req, &env).await,
                (Method::Post, Endpoint::ShippingOptions) => {
                    kss::shipping_options::post(req, &env, &ctx).await
                }
                (Method::Post, Endpoint::Shipment) => kss::shipment::post(req, &env, &ctx).await,
                (Method::Put, Endpoint::ShipmentId(id)) => {
                    kss::shipment_update::put(req, &env, &ctx, id).await
                }
                (Method::Get, Endpoint::ShipmentId(id)) => {
                    kss::shipment_get::get(req, &env, id).await
                }
                (Method::Post, Endpoint::Confirm(id)) => kss::confirm::post(req, &env, id).await,
                (_, Endpoint::Unknown) => ApiError::NotFound.into_kss_response(),
                (_, endpoint) => ApiError::MethodNotAllowed {
                    allow: endpoint.allow(),
                }
                .into_kss_response(),
            },
        },
    })
}

/// The KSS endpoint `path` names, when it is under `KSS_BASE_PATH`.
fn kss_endpoint<'a>(path: &'a str, env: &Env) -> Option<Endpoint<'a>> {
    let base = config::kss_base_path(env);
    let rest = path.strip_prefix(base.as_str())?;
    (rest.is_empty() || rest.starts_with('/')).then(|| Endpoint::of(rest))
}

/// The Cron Trigger (`wrangler.toml`'s `[triggers]`): PostPlus's end of day for today at the
/// sender, the same as `POST /ops/postplus/end-of-day`; what it came to is logged.
#[event(scheduled)]
async fn scheduled(_event: ScheduledEvent, env: Env, _ctx: ScheduleContext) {
    let config = match config::get(&env) {
        Ok(config) => config,
        Err(error) => return log::write(&format!("end of day: misconfigured: {error}")),
    };
    let Some(config::Carrier::Ready(setup)) = &config.postplus else {
        return;
    };
    let today = end_of_day::today(&config, setup);
    match end_of_day::close_day(setup, today).await {
        Ok(report) => log::write(&format!(
            "end of day {}: shipment {} ({} parcel{}) {}{}",
            report.date,
            report.shipment_nr,
            report.parcels,
            if report.parcels == 1 { "" } else { "s" },
            report
                .submitted_on
                .as_deref()
                .map_or("not submitted".to_owned(), |at| format!("submitted {at}")),
            report
                .note
                .map(|note| format!("; {note}"))
                .unwrap_or_default(),
        )),
        Err(error) => log::write(&format!("end of day {today} failed: {error}")),
    }
}
