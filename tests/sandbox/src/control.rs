//! The control API under `/__sandbox/`, which no carrier has: tests and the demo use it to inject
//! faults, read call counts and the recent requests of each operation, and reset the sandbox.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::{Arc, Mutex};

use axum::extract::{Path, Query, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::call::Carrier;
use crate::state::lock;
use crate::Sandbox;

/// How many requests of each operation are kept: enough for every call one quote makes of an
/// operation (PostNord's Service Points once per pickup kind).
const RECENT: usize = 8;

/// What the control API has set (faults) and seen (counts, last requests).
#[derive(Default)]
pub struct Control {
    faults: Mutex<HashMap<Carrier, Fault>>,
    counts: Mutex<BTreeMap<String, u64>>,
    /// Each operation's last [`RECENT`] requests, oldest first.
    recent: Mutex<HashMap<String, VecDeque<Value>>>,
    bring_texts: Mutex<BringTexts>,
}

/// `PUT /__sandbox/bring/texts` body: texts that replace those of every Bring product's
/// `guiInformation` until cleared, so a test can see how a client shows whatever a carrier writes
/// (markup included). Absent fields keep the product's own text.
#[derive(Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct BringTexts {
    display_name: Option<String>,
    description_text: Option<String>,
    help_text: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FaultKind {
    /// Answer normally after `ms` milliseconds.
    Delay,
    /// Never answer; keep the connection open until the client gives up.
    Hang,
    /// Answer `status` with the carrier's error body.
    Status,
    /// 200 with a JSON content type and the first half of the real body.
    MalformedJson,
    /// 200 with the real body, trickled in chunks over `ms` milliseconds.
    SlowDrip,
    /// 200 with an HTML page as `text/html`, as a misconfigured proxy would answer.
    WrongContentType,
}

/// A fault armed for one carrier; `times` counts down the calls it still applies to.
#[derive(Clone, Copy, Debug)]
pub struct Fault {
    pub kind: FaultKind,
    pub ms: u64,
    pub status: u16,
    times: Option<u32>,
}

impl Control {
    /// Counts a call to `operation` and keeps it as that operation's newest request.
    pub fn record(&self, operation: &str, parts: &Parts, body: &[u8]) {
        self.count(operation);
        let headers: BTreeMap<String, String> = parts
            .headers
            .keys()
            .map(|name| {
                let values: Vec<&str> = parts
                    .headers
                    .get_all(name)
                    .iter()
                    .map(|v| v.to_str().unwrap_or("<non-ascii>"))
                    .collect();
                (name.as_str().to_owned(), values.join(", "))
            })
            .collect();
        let query_params: BTreeMap<String, String> = Query::try_from_uri(&parts.uri)
            .map(|Query(q)| q)
            .unwrap_or_default();
        let body = if body.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(body)
                .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(body).into_owned()))
        };
        let recorded = json!({
            "method": parts.method.as_str(),
            "path": parts.uri.path(),
            "query": parts.uri.query(),
            "queryParams": query_params,
            "headers": headers,
            "body": body,
        });
        let mut recent = lock(&self.recent);
        let kept = recent.entry(operation.to_owned()).or_default();
        if kept.len() == RECENT {
            kept.pop_front();
        }
        kept.push_back(recorded);
    }

    /// Adds one to the counter `name`: an operation, or an event such as a parcel created.
    pub fn count(&self, name: &str) {
        *lock(&self.counts).entry(name.to_owned()).or_default() += 1;
    }

    /// The fault to apply to this call to `carrier`, if one is armed; uses up one of its `times`.
    pub fn take_fault(&self, carrier: Carrier) -> Option<Fault> {
        let mut faults = lock(&self.faults);
        let fault = *faults.get(&carrier)?;
        match fault.times {
            Some(0) => {
                faults.remove(&carrier);
                return None;
            }
            Some(1) => {
                faults.remove(&carrier);
            }
            Some(n) => {
                faults.insert(
                    carrier,
                    Fault {
                        times: Some(n - 1),
                        ..fault
                    },
                );
            }
            None => {}
        }
        Some(fault)
    }

    /// Puts the texts set through `PUT /__sandbox/bring/texts` into a Shipping Guide answer:
    /// every product's `guiInformation` (products answered with `errors` have none).
    pub fn apply_bring_texts(&self, answer: &mut Value) {
        let texts = lock(&self.bring_texts).clone();
        let overrides = [
            ("displayName", texts.display_name),
            ("descriptionText", texts.description_text),
            ("helpText", texts.help_text),
        ];
        let consignments = answer["consignments"].as_array_mut();
        for consignment in consignments.into_iter().flatten() {
            let products = consignment["products"].as_array_mut();
            for product in products.into_iter().flatten() {
                let Some(gui) = product.get_mut("guiInformation") else {
                    continue;
                };
                for (field, text) in &overrides {
                    if let Some(text) = text {
                        gui[*field] = Value::String(text.clone());
                    }
                }
            }
        }
    }

    pub fn reset(&self) {
        lock(&self.faults).clear();
        lock(&self.counts).clear();
        lock(&self.recent).clear();
        *lock(&self.bring_texts) = BringTexts::default();
    }
}

/// `POST /__sandbox/faults` body.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaultRequest {
    carrier: Carrier,
    kind: FaultKind,
    ms: Option<u64>,
    status: Option<u16>,
    times: Option<u32>,
}

/// `POST /__sandbox/faults`: arms a fault for one carrier, replacing the one it had. 204.
pub async fn set_fault(State(sandbox): State<Arc<Sandbox>>, body: axum::body::Bytes) -> Response {
    let request: FaultRequest = match serde_json::from_slice(&body) {
        Ok(request) => request,
        Err(error) => return control_error(&format!("fault: {error}")),
    };
    let needs_ms = matches!(request.kind, FaultKind::Delay | FaultKind::SlowDrip);
    if needs_ms && request.ms.is_none() {
        return control_error("fault: `ms` is required for kind `delay` and `slow_drip`");
    }
    let status = match (request.kind, request.status) {
        (FaultKind::Status, Some(status @ 100..=599)) => status,
        (FaultKind::Status, _) => {
            return control_error("fault: kind `status` needs `status` between 100 and 599")
        }
        (_, _) => 0,
    };
    let fault = Fault {
        kind: request.kind,
        ms: request.ms.unwrap_or(0),
        status,
        times: request.times,
    };
    lock(&sandbox.control.faults).insert(request.carrier, fault);
    StatusCode::NO_CONTENT.into_response()
}

/// `DELETE /__sandbox/faults`: disarms every fault. 204.
pub async fn clear_faults(State(sandbox): State<Arc<Sandbox>>) -> StatusCode {
    lock(&sandbox.control.faults).clear();
    StatusCode::NO_CONTENT
}

/// `GET /__sandbox/calls`: `{operation: count}` for every operation called since the last reset.
pub async fn calls(State(sandbox): State<Arc<Sandbox>>) -> Json<BTreeMap<String, u64>> {
    Json(lock(&sandbox.control.counts).clone())
}

/// `POST /__sandbox/reset`: counts, faults, recorded requests, Bring texts, tokens and PostPlus data
/// cleared. 204.
pub async fn reset(State(sandbox): State<Arc<Sandbox>>) -> StatusCode {
    sandbox.reset();
    StatusCode::NO_CONTENT
}

/// `GET /__sandbox/last/{operation}`: the last request of that operation, or 404.
pub async fn last_request(
    State(sandbox): State<Arc<Sandbox>>,
    Path(operation): Path<String>,
) -> Response {
    match lock(&sandbox.control.recent)
        .get(&operation)
        .and_then(VecDeque::back)
    {
        Some(recorded) => Json(recorded.clone()).into_response(),
        None => (
            StatusCode::NOT_FOUND,
            Json(json!({ "error": format!("no `{operation}` call recorded") })),
        )
            .into_response(),
    }
}

/// `GET /__sandbox/recent/{operation}`: that operation's last requests (up to 8), oldest first;
/// `[]` when there was none.
pub async fn recent_requests(
    State(sandbox): State<Arc<Sandbox>>,
    Path(operation): Path<String>,
) -> Json<Vec<Value>> {
    let recent = lock(&sandbox.control.recent);
    Json(
        recent
            .get(&operation)
            .map(|kept| kept.iter().cloned().collect())
            .unwrap_or_default(),
    )
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokenLifetime {
    expires_in: u64,
}

/// `PUT /__sandbox/postnord/token` `{"expires_in": N}`: lifetime in seconds of tokens issued from
/// now on (0 makes them expire at once). 204.
pub async fn set_token_lifetime(
    State(sandbox): State<Arc<Sandbox>>,
    body: axum::body::Bytes,
) -> Response {
    match serde_json::from_slice::<TokenLifetime>(&body) {
        Ok(lifetime) => {
            sandbox.tokens.set_lifetime(lifetime.expires_in);
            StatusCode::NO_CONTENT.into_response()
        }
        Err(error) => control_error(&format!("token lifetime: {error}")),
    }
}

/// `DELETE /__sandbox/postnord/tokens`: every issued token becomes invalid. 204.
pub async fn revoke_tokens(State(sandbox): State<Arc<Sandbox>>) -> StatusCode {
    sandbox.tokens.revoke_all();
    StatusCode::NO_CONTENT
}

/// `PUT /__sandbox/bring/texts` `{"displayName", "descriptionText", "helpText"}` (each optional):
/// Bring's products carry these texts from now on, replacing any set before. 204.
pub async fn set_bring_texts(
    State(sandbox): State<Arc<Sandbox>>,
    body: axum::body::Bytes,
) -> Response {
    match serde_json::from_slice::<BringTexts>(&body) {
        Ok(texts) => {
            *lock(&sandbox.control.bring_texts) = texts;
            StatusCode::NO_CONTENT.into_response()
        }
        Err(error) => control_error(&format!("bring texts: {error}")),
    }
}

/// `DELETE /__sandbox/bring/texts`: Bring's products carry their own texts again. 204.
pub async fn clear_bring_texts(State(sandbox): State<Arc<Sandbox>>) -> StatusCode {
    *lock(&sandbox.control.bring_texts) = BringTexts::default();
    StatusCode::NO_CONTENT
}

fn control_error(message: &str) -> Response {
    (StatusCode::BAD_REQUEST, Json(json!({ "error": message }))).into_response()
}
