//! The HTTP helpers every route shares: JSON answers, headers, and reading a request's body
//! within a limit. Kept apart from `error.rs` (what goes wrong) and from any one route, so a
//! route borrows nothing from a sibling.

use futures_util::StreamExt;
use serde::Serialize;
use worker::wasm_bindgen::{JsCast, JsValue};
use worker::wasm_bindgen_futures::JsFuture;
use worker::{js_sys, web_sys, Headers, Request, Response};

use crate::error::ApiError;
use crate::log::log;

/// The largest body taken from anyone: 64 KiB, far above any real cart (20 parcels at most),
/// an operator's request or a KSS `/auth`.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// The largest body taken from Klarna once its token is checked: 1 MiB. A KSS body carries the
/// whole order, and a line shaped like Klarna's example (name, reference, quantities, amounts,
/// URLs, dimensions) is ~280 bytes, so 64 KiB would refuse carts of some 230 lines, and with them
/// the purchase (Klarna answers a 4xx by restarting the shipping selection). A reservation keeps
/// the body in its Durable Object, whose values may be up to 2 MB (SQLite-backed).
pub const MAX_KSS_BODY_BYTES: usize = 1024 * 1024;

/// A JSON answer with `status`. Building a `Response` calls into JavaScript and could fail in
/// theory; then a plain-text 500 goes out rather than a panic, which would kill the isolate.
pub fn json_response<T: Serialize>(status: u16, body: &T) -> Response {
    match serde_json::to_string(body) {
        Ok(text) => json_text_response(status, text),
        Err(error) => {
            log!("could not serialize an answer: {error}");
            plain_500()
        }
    }
}

/// A JSON answer with `status` whose body is already serialized.
pub fn json_text_response(status: u16, body: String) -> Response {
    let mut response = Response::builder()
        .with_status(status)
        .fixed(body.into_bytes());
    set_header(&mut response, "content-type", "application/json");
    response
}

/// Sets a header, logging (not failing) when the runtime refuses it.
pub fn set_header(response: &mut Response, name: &str, value: &str) {
    if let Err(error) = response.headers_mut().set(name, value) {
        log!("could not set the header {name}: {error}");
    }
}

/// The origin of the URL `req` was sent to (`https://edge.example:8443`), as the browser
/// writes it in an `Origin` header: what a page on the Worker's own origin sends, and the host a
/// KSS `Location` points at.
pub fn own_origin(req: &Request) -> String {
    url_origin(&req.inner().url())
}

/// The origin of `url`, a URL as the runtime serializes it (WHATWG: scheme and host in lower
/// case, the default port left out): `scheme://host[:port]` for the schemes with a host (the
/// user and password dropped), `null` for any other, as the URL standard's ASCII serialization
/// of an origin. By hand rather than with the `url` crate: nothing else in the Worker parses a
/// URL, and that parser was 29 KiB of its wasm.
pub fn url_origin(url: &str) -> String {
    let tuple = url
        .split_once("://")
        .filter(|(scheme, _)| matches!(*scheme, "http" | "https" | "ws" | "wss" | "ftp"));
    let Some((scheme, rest)) = tuple else {
        return "null".to_owned();
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    format!("{scheme}://{host}")
}

/// A request to a Durable Object through its stub, as [`new_runtime_request`] builds it.
pub fn new_request(
    url: &str,
    method: &str,
    headers: Option<&Headers>,
    body: Option<&str>,
) -> worker::Result<Request> {
    new_runtime_request(url, method, headers, body).map(Request::from)
}

/// A request to send (to a carrier with [`fetch`], or to a Durable Object): `method` (`"GET"`,
/// `"POST"`, …), `headers` and a text `body`. Built on web-sys's `RequestInit` rather than
/// worker's `Request::new_with_init`, which converts its `cf` properties for every request
/// (6 KiB of the wasm) though we set none; what is sent is the same.
pub fn new_runtime_request(
    url: &str,
    method: &str,
    headers: Option<&Headers>,
    body: Option<&str>,
) -> worker::Result<web_sys::Request> {
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    if let Some(headers) = headers {
        init.set_headers(headers.as_ref());
    }
    if let Some(body) = body {
        init.set_body(&JsValue::from_str(body));
    }
    web_sys::Request::new_with_str_and_init(url, &init).map_err(|error| {
        worker::Error::JsError(
            error
                .as_string()
                .unwrap_or_else(|| "invalid URL or options for Request".to_owned()),
        )
    })
}

/// Sends `request` with the runtime's `fetch`, abortable by `signal`, and gives the runtime's
/// own response. Not `worker::Fetch` and worker's `Request` and `Response`: converting to and
/// from them reads each one's `cf` object and rebuilds its headers, and a response must be
/// turned back into the runtime's to be read in one call; those conversions were a tenth of
/// the Worker's sampled CPU per quote (`./x bench edge`, 1b).
pub async fn fetch(
    request: &web_sys::Request,
    signal: &web_sys::AbortSignal,
) -> worker::Result<web_sys::Response> {
    let init = web_sys::RequestInit::new();
    init.set_signal(Some(signal));
    let scope: web_sys::WorkerGlobalScope = js_sys::global().unchecked_into();
    let answer = JsFuture::from(scope.fetch_with_request_and_init(request, &init)).await?;
    Ok(answer.unchecked_into())
}

/// A response's whole body as text: its bytes read by the runtime in one call
/// (`Response.arrayBuffer()`), copied into the wasm in one piece, and checked as UTF-8 there.
///
/// Not `worker::Response::text`, which reads a streamed body through a Rust stream over a
/// stream reader: `getReader()`, a `read()` promise and a wake-up per chunk, `releaseLock()` at
/// the end; in a V8 profile of a quote those calls were a quarter of the Worker's own time. And
/// not `Response.text()`: a JavaScript string is copied into the wasm by wasm-bindgen's glue
/// one character at a time, which took longer still. A body that is not UTF-8 is an error, as
/// it always was.
pub async fn response_text(response: &web_sys::Response) -> worker::Result<String> {
    String::from_utf8(response_bytes(response).await?)
        .map_err(|_| worker::Error::RustError("the body is not UTF-8 text".to_owned()))
}

/// A response's whole body as bytes, read by the runtime in one call (`Response.arrayBuffer()`)
/// and copied into the wasm in one piece.
pub async fn response_bytes(response: &web_sys::Response) -> worker::Result<Vec<u8>> {
    Ok(array_buffer_bytes(response.array_buffer()).await?)
}

/// The bytes an `arrayBuffer()` call resolves to, copied into the wasm in one piece: what
/// [`response_bytes`] and a request's [`read_body`] share.
async fn array_buffer_bytes(
    array_buffer: Result<js_sys::Promise, JsValue>,
) -> Result<Vec<u8>, JsValue> {
    let buffer = JsFuture::from(array_buffer?).await?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// [`response_text`] for a response the `worker` crate gave (the Cache API's, a Durable
/// Object's).
pub async fn body_text(response: Response) -> worker::Result<String> {
    response_text(&web_sys::Response::from(response)).await
}

fn plain_500() -> Response {
    Response::builder()
        .with_status(500)
        .fixed(b"internal error".to_vec())
}

/// The body as text, refused with 413 when it is larger than `limit_bytes` (see
/// [`MAX_BODY_BYTES`]), by its `Content-Length` or by the bytes actually sent (a chunked body
/// has no length, and is read chunk by chunk), without ever holding more than the limit and one
/// chunk.
pub async fn read_body(req: &mut Request, limit_bytes: usize) -> Result<String, ApiError> {
    let declared = req
        .headers()
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|length| length.trim().parse::<u64>().ok());
    if declared.is_some_and(|length| length > limit_bytes as u64) {
        return Err(ApiError::PayloadTooLarge { limit_bytes });
    }
    let bytes = match declared {
        // A declared length bounds the body (the HTTP layer reads no more than it), so the
        // runtime reads it in one call rather than chunk by chunk (see `response_text`).
        Some(_) => read_whole(req).await?,
        None => read_chunks(req, limit_bytes).await?,
    };
    String::from_utf8(bytes).map_err(|_| ApiError::InvalidRequest {
        field: None,
        message: "the body is not UTF-8 text".to_owned(),
    })
}

/// The body in one call of the runtime's (`Request.arrayBuffer()`).
async fn read_whole(req: &Request) -> Result<Vec<u8>, ApiError> {
    // Reading the body fails only when the client stops sending it (a closed or reset
    // connection): a client abort, not our error.
    array_buffer_bytes(req.inner().array_buffer())
        .await
        .map_err(|error| ApiError::ClientAborted {
            detail: worker::Error::from(error).to_string(),
        })
}

/// The body chunk by chunk, refused with 413 as soon as it passes `limit_bytes`.
async fn read_chunks(req: &mut Request, limit_bytes: usize) -> Result<Vec<u8>, ApiError> {
    let mut bytes = Vec::new();
    // A request without a body has no stream; it reads as empty (and fails as JSON later).
    if let Ok(mut stream) = req.stream() {
        while let Some(chunk) = stream.next().await {
            let chunk = chunk.map_err(|error| ApiError::ClientAborted {
                detail: error.to_string(),
            })?;
            if bytes.len() + chunk.len() > limit_bytes {
                return Err(ApiError::PayloadTooLarge { limit_bytes });
            }
            bytes.extend_from_slice(&chunk);
        }
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::url_origin;

    #[test]
    fn an_origin_is_scheme_host_and_port_as_the_url_standard_writes_it() {
        for (url, origin) in [
            (
                "https://edge.example/v1/delivery-options",
                "https://edge.example",
            ),
            (
                "http://127.0.0.1:8787/kss/shipment",
                "http://127.0.0.1:8787",
            ),
            ("http://[::1]:8787/?q=1", "http://[::1]:8787"),
            ("https://edge.example?a=b", "https://edge.example"),
            ("https://edge.example#top", "https://edge.example"),
            ("https://edge.example", "https://edge.example"),
            (
                "https://user:secret@edge.example:8443/x",
                "https://edge.example:8443",
            ),
            ("file:///tmp/x", "null"),
            ("data:text/plain,hi", "null"),
        ] {
            assert_eq!(url_origin(url), origin, "{url}");
        }
    }
}
