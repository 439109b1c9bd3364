//! `edge`: the Cloudflare Worker that serves the checkout's HTTP API.
//!
//! It is a thin shell: route a request, parse it, call the pure logic in `shared`, do the IO
//! (fetch carriers, read secrets, cache, store) and serialize the answer. This file is the router
//! only; each endpoint lives in its own file under `routes/`.
//!
//! What this crate must never do: hold business logic (a rule about options, prices or delivery
//! times lives in `shared`, once, so the widget and the edge agree), or put a secret (a carrier
//! key, a Klarna credential, a token) into a response or a log line. Internal detail of a failure
//! is logged without secrets and never sent to the caller.

mod routes;

use worker::{event, Context, Env, Method, Request, Response, Result};

/// Sends each request to the route for its method and path; anything else is a JSON 404.
#[event(fetch)]
async fn fetch(req: Request, _env: Env, _ctx: Context) -> Result<Response> {
    match (req.method(), req.path().as_str()) {
        (Method::Get, "/health") => routes::health::get(),
        _ => routes::not_found(),
    }
}
