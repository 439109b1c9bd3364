//! What happens to every carrier call before its handler runs: it is counted and recorded, then a
//! fault set through the control API may take over, then the carrier's credentials are checked.
//! Doing it here, around each route, keeps the carrier modules free of test machinery.

use std::sync::Arc;
use std::time::Duration;

use axum::body::{to_bytes, Body, Bytes};
use axum::extract::{Request, State};
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::{from_fn_with_state, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::MethodRouter;
use serde::Deserialize;

use crate::control::{Fault, FaultKind};
use crate::{auth, errors, Sandbox};

/// The carrier APIs a fault can target; each has its own credentials and error shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Carrier {
    Bring,
    BringPickup,
    #[serde(rename = "postnord")]
    PostNord,
    #[serde(rename = "postnord_token")]
    PostNordToken,
    #[serde(rename = "postplus")]
    PostPlus,
}

/// Bodies larger than this are refused; no carrier request the edge sends comes near it.
const MAX_BODY_BYTES: usize = 1 << 20;
/// Chunks a `slow_drip` body is cut into: enough to see the trickle, few enough to stay cheap.
const DRIP_CHUNKS: usize = 20;
const PROXY_ERROR_PAGE: &str = "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\
<body><h1>Bad Gateway</h1><p>The upstream server returned an invalid response.</p></body></html>\n";

/// `route` for one carrier operation, wrapped in the interception above. `operation` names it in
/// the call counts and under `/__sandbox/last/{operation}` and `/__sandbox/recent/{operation}`.
pub fn carrier_route(
    sandbox: &Arc<Sandbox>,
    carrier: Carrier,
    operation: &'static str,
    route: MethodRouter<Arc<Sandbox>>,
) -> MethodRouter<Arc<Sandbox>> {
    let call = Call {
        sandbox: Arc::clone(sandbox),
        carrier,
        operation,
    };
    route.layer(from_fn_with_state(call, intercept))
}

#[derive(Clone)]
struct Call {
    sandbox: Arc<Sandbox>,
    carrier: Carrier,
    operation: &'static str,
}

async fn intercept(State(call): State<Call>, request: Request, next: Next) -> Response {
    let (parts, body) = request.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_BODY_BYTES).await else {
        return errors::carrier_error(
            call.carrier,
            StatusCode::PAYLOAD_TOO_LARGE,
            "Request body too large",
        );
    };
    call.sandbox.control.record(call.operation, &parts, &bytes);
    let fault = call.sandbox.control.take_fault(call.carrier);
    // PostNord asks clients to send X-External-Request-ID for correlation; echoing it lets a test
    // see the value arrived without reading the recorded request.
    let request_id = parts.headers.get("x-external-request-id").cloned();
    let request = Request::from_parts(parts, Body::from(bytes));

    let mut response = match fault {
        None => answer(&call, request, next).await,
        Some(fault) => faulty_answer(&call, fault, request, next).await,
    };
    if let (Some(id), Carrier::PostNord | Carrier::PostNordToken) = (request_id, call.carrier) {
        response.headers_mut().insert("x-external-request-id", id);
    }
    response
}

async fn answer(call: &Call, request: Request, next: Next) -> Response {
    if let Err(refusal) = auth::check(call.carrier, request.uri(), request.headers()) {
        return refusal;
    }
    next.run(request).await
}

async fn faulty_answer(call: &Call, fault: Fault, request: Request, next: Next) -> Response {
    match fault.kind {
        FaultKind::Delay => {
            tokio::time::sleep(Duration::from_millis(fault.ms)).await;
            answer(call, request, next).await
        }
        // Never answers; the task sits idle until the client gives up and closes the connection.
        FaultKind::Hang => std::future::pending().await,
        FaultKind::Status => {
            let status =
                StatusCode::from_u16(fault.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            errors::carrier_error(call.carrier, status, "Simulated fault (sandbox)")
        }
        FaultKind::MalformedJson => {
            let body = answer_body(call, request, next).await;
            // Half of a JSON document whose outermost value is an object or array never parses.
            let cut = body.slice(..body.len() / 2);
            (StatusCode::OK, [(CONTENT_TYPE, "application/json")], cut).into_response()
        }
        FaultKind::SlowDrip => {
            let response = answer(call, request, next).await;
            drip(response, Duration::from_millis(fault.ms)).await
        }
        FaultKind::WrongContentType => (
            StatusCode::OK,
            [(CONTENT_TYPE, "text/html; charset=utf-8")],
            PROXY_ERROR_PAGE,
        )
            .into_response(),
    }
}

async fn answer_body(call: &Call, request: Request, next: Next) -> Bytes {
    let response = answer(call, request, next).await;
    to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap_or_default()
}

/// The same response, its body sent in `DRIP_CHUNKS` pieces spread over `total`.
async fn drip(response: Response, total: Duration) -> Response {
    let (mut parts, body) = response.into_parts();
    let bytes = to_bytes(body, usize::MAX).await.unwrap_or_default();
    let chunk_len = bytes.len().div_ceil(DRIP_CHUNKS).max(1);
    let chunks: Vec<Bytes> = (0..bytes.len())
        .step_by(chunk_len)
        .map(|start| bytes.slice(start..(start + chunk_len).min(bytes.len())))
        .collect();
    let pause = total / u32::try_from(chunks.len().max(1)).unwrap_or(1);
    let stream = futures_util::stream::unfold(chunks.into_iter(), move |mut rest| async move {
        let chunk = rest.next()?;
        tokio::time::sleep(pause).await;
        Some((Ok::<Bytes, std::convert::Infallible>(chunk), rest))
    });
    // The length is still known, but a streamed body is sent chunked; drop the stale header.
    parts.headers.remove(CONTENT_LENGTH);
    parts
        .headers
        .insert("x-sandbox-fault", HeaderValue::from_static("slow_drip"));
    Response::from_parts(parts, Body::from_stream(stream))
}
