//! `GET /v1/logo?src=<URL>`: a carrier logo (or environmental tag image) served from the edge's
//! own origin, when the operator turned the proxy on with `LOGO_PROXY` (otherwise this path is a
//! 404, as if it did not exist). Which URLs it fetches is `shared::logos`'s rule: only those
//! under a listed prefix, so it is never an open proxy.
//!
//! Each image is fetched once per Cloudflare location and kept in the Cache API for a day
//! (`MAX_AGE_SECONDS`); browsers may keep it as long. Only an image type is passed on, at most
//! `MAX_IMAGE_BYTES`, and with a Content Security Policy that keeps an SVG opened on its own
//! from running anything on the edge's origin.

use shared::logos::is_image;
use worker::{Cache, Context, Env, Method, Request, Response};

use crate::carriers::{send_for_bytes, Deadline};
use crate::config;
use crate::error::ApiError;
use crate::http::set_header;
use crate::log::log;
use shared::carriers::{Method as OutboundMethod, OutboundRequest};

/// How long an image is kept, by the Cache API and by browsers: logos change rarely.
const MAX_AGE_SECONDS: u32 = 86_400;
/// The largest image passed on: a logo is a few KB; anything this large is not one.
const MAX_IMAGE_BYTES: usize = 256 * 1024;

/// Every request to `shared::logos::PATH`, whatever its method.
pub async fn handle(req: Request, env: &Env, ctx: &Context) -> Response {
    serve(req, env, ctx)
        .await
        .unwrap_or_else(ApiError::into_response)
}

async fn serve(req: Request, env: &Env, ctx: &Context) -> Result<Response, ApiError> {
    let config = config::get(env).map_err(ApiError::Misconfigured)?;
    let Some(proxy) = &config.logo_proxy else {
        return Err(ApiError::NotFound);
    };
    if !matches!(req.method(), Method::Get | Method::Head) {
        return Err(ApiError::MethodNotAllowed { allow: "GET" });
    }
    // The URL as the runtime serializes it; its query is read by `shared::logos` (no URL
    // parser in the Worker: see `http::url_origin`).
    let url = req.inner().url();
    let query = url
        .split_once('?')
        .map_or("", |(_, rest)| rest.split('#').next().unwrap_or(""));
    let src = proxy
        .source(query)
        .map_err(|refusal| ApiError::InvalidRequest {
            field: Some("src".to_owned()),
            message: refusal.message().to_owned(),
        })?;
    let cache = Cache::default();
    let key = url.clone();
    match cache.get(key.as_str(), false).await {
        Ok(Some(cached)) => return Ok(cached),
        Ok(None) => {}
        Err(error) => log!("logo cache: lookup failed: {error}"),
    }
    let mut response = fetch_image(&src, config.carrier_deadline_ms).await?;
    match response.cloned() {
        Ok(copy) => ctx.wait_until(async move {
            if let Err(error) = Cache::default().put(key.as_str(), copy).await {
                log!("logo cache: could not store an image: {error}");
            }
        }),
        Err(error) => log!("logo cache: could not copy an image: {error}"),
    }
    Ok(response)
}

/// `src`'s image (a URL `LogoProxy::source` let through) as the edge serves it, or
/// [`ApiError::Upstream`] (a 502, which the widget meets as a failed image and shows the
/// carrier's name instead).
async fn fetch_image(src: &str, deadline_ms: u32) -> Result<Response, ApiError> {
    let request = OutboundRequest {
        method: OutboundMethod::Get,
        url: src.to_owned(),
        headers: vec![("accept".to_owned(), "image/*".to_owned())],
        body: None,
    };
    let upstream = |detail: String| ApiError::Upstream { detail };
    let image = send_for_bytes(&request, Deadline::after(deadline_ms))
        .await
        .map_err(|error| upstream(format!("logo {src}: {error:?}")))?;
    if image.status != 200 {
        return Err(upstream(format!("logo {src}: answered {}", image.status)));
    }
    let content_type = image.content_type.unwrap_or_default();
    if !is_image(&content_type) {
        return Err(upstream(format!(
            "logo {src}: not an image ({content_type:?})"
        )));
    }
    if image.body.len() > MAX_IMAGE_BYTES {
        return Err(upstream(format!(
            "logo {src}: {} bytes, over {MAX_IMAGE_BYTES}",
            image.body.len()
        )));
    }
    let mut response = Response::from_bytes(image.body)?;
    for (name, value) in [
        ("content-type", content_type.as_str()),
        (
            "cache-control",
            &format!("public, max-age={MAX_AGE_SECONDS}"),
        ),
        ("x-content-type-options", "nosniff"),
        // An SVG opened on its own (not as an <img>) runs nothing on this origin.
        (
            "content-security-policy",
            "default-src 'none'; style-src 'unsafe-inline'; sandbox",
        ),
        // Any shop's page may show it, including one that isolates itself (COEP).
        ("cross-origin-resource-policy", "cross-origin"),
    ] {
        set_header(&mut response, name, value);
    }
    Ok(response)
}
