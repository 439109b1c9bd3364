//! `POST /v1/delivery-options`: a shopper's address and cart in, every carrier's delivery options
//! out (see the README's API section for the contract).
//!
//! Parse and validate with `shared`, answer from the answer cache when it can, else ask the
//! carriers (`fanout`) and let `shared::answer` assemble what they gave.

use std::rc::Rc;

use shared::model::from_json;
use shared::quote::DeliveryOptionsRequest;
use worker::{Context, Env, Method, Request, Response};

use crate::cache;
use crate::clock;
use crate::config;
use crate::cors::{self, Origin};
use crate::error::{invalid, ApiError};
use crate::fanout;
use crate::http::{json_text_response, own_origin, read_body, set_header, MAX_BODY_BYTES};
use crate::rate_limit;

/// The endpoint's path.
pub const PATH: &str = "/v1/delivery-options";
/// The methods this path answers.
const METHODS: &str = "POST, OPTIONS";

/// Every request to [`PATH`], whatever its method.
pub async fn handle(req: Request, env: &Env, ctx: &Context) -> Response {
    let config = match config::get(env) {
        Ok(config) => config,
        Err(error) => return ApiError::Misconfigured(error).into_response(),
    };
    let origin = cors::origin(&req, &config.allowed_origins);
    let answer = match (req.method(), &origin) {
        (_, Origin::Refused) => Err(ApiError::OriginNotAllowed),
        (Method::Options, _) => cors::preflight(&origin, METHODS),
        (Method::Post, _) => post(req, env, &config, ctx).await,
        _ => Err(ApiError::MethodNotAllowed { allow: METHODS }),
    };
    let mut response = answer.unwrap_or_else(ApiError::into_response);
    // A refused origin learns nothing: no CORS headers on its 403.
    if origin != Origin::Refused {
        cors::decorate(&mut response, &origin);
    }
    response
}

async fn post(
    mut req: Request,
    env: &Env,
    config: &Rc<config::Config>,
    ctx: &Context,
) -> Result<Response, ApiError> {
    let started = clock::now_ms();
    let body = read_body(&mut req, MAX_BODY_BYTES).await?;
    let request: DeliveryOptionsRequest = from_json(&body).map_err(invalid)?;
    let quote = request.validate().map_err(invalid)?;
    let key = cache::quote_key(&quote);
    // With the logo proxy on, an answer names this edge's origin in its image URLs, so it is
    // cached per origin (a Worker can answer on several hostnames).
    let edge_origin = config.logo_proxy.as_ref().map(|_| own_origin(&req));
    let answer_key = match &edge_origin {
        Some(origin) => cache::origin_key(&key, origin),
        None => key.clone(),
    };

    let cache_control = format!("private, max-age={}", config.answer_cache_seconds);
    if config.answer_cache_seconds > 0 {
        if let Some(body) = cache::answer_get(&answer_key).await {
            let looked_up = clock::now_ms() - started;
            let timing = Timing {
                cache_ms: looked_up,
                carriers_ms: 0.0,
                total_ms: looked_up,
            };
            return Ok(options_response(body, &cache_control, "hit", timing));
        }
    }
    let looked_up = clock::now_ms();
    // Only a question the cache cannot answer costs carrier calls, so only such a one counts.
    let connecting_ip = req.headers().get("cf-connecting-ip").ok().flatten();
    rate_limit::check(
        env,
        connecting_ip.as_deref(),
        config.rate_limit_period_seconds,
    )
    .await?;
    let now = clock::calendar_now(config);
    let asked = clock::now_ms();
    let (mut answer, complete) = fanout::delivery_options(&quote, config, &key, now, ctx).await;
    let answered = clock::now_ms();
    if let (Some(proxy), Some(origin)) = (&config.logo_proxy, &edge_origin) {
        proxy.apply(&mut answer.options, origin);
    }
    let body = serde_json::to_string(&answer).map_err(|error| ApiError::Internal {
        detail: format!("serializing an answer: {error}"),
    })?;
    // Only an answer every carrier gave fresh is cached: a degraded one would keep a carrier
    // that has recovered out of the answer for the whole cache time.
    if complete && config.answer_cache_seconds > 0 {
        ctx.wait_until(cache::answer_put(
            answer_key,
            body.clone(),
            config.answer_cache_seconds,
        ));
    }
    let timing = Timing {
        cache_ms: looked_up - started,
        carriers_ms: answered - asked,
        total_ms: clock::now_ms() - started,
    };
    Ok(options_response(body, &cache_control, "miss", timing))
}

/// Where a request's time went inside the Worker, sent as `server-timing` (for `./x bench edge`
/// and a browser's network panel): reading the body and the answer-cache lookup, the wait for
/// the carriers (the fan-out, each carrier's call, last-good reads, assembly), and the whole.
/// A Worker's clock stands still while its code runs and moves on with I/O, so what this shows
/// is I/O: code alone reads as 0 here.
struct Timing {
    cache_ms: f64,
    carriers_ms: f64,
    total_ms: f64,
}

fn options_response(body: String, cache_control: &str, x_cache: &str, timing: Timing) -> Response {
    let mut response = json_text_response(200, body);
    set_header(&mut response, "cache-control", cache_control);
    set_header(&mut response, "x-cache", x_cache);
    // Whole milliseconds (the clock's own step): no float formatting code in the Worker.
    let ms = |value: f64| value.max(0.0).round() as u64;
    set_header(
        &mut response,
        "server-timing",
        &format!(
            "cache;dur={}, carriers;dur={}, total;dur={}",
            ms(timing.cache_ms),
            ms(timing.carriers_ms),
            ms(timing.total_ms)
        ),
    );
    response
}
