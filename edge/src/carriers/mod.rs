//! Sending carrier requests: the IO glue around `shared::carriers`. `shared` builds each
//! [`OutboundRequest`] and reads each answer; this module only sends, reads the body, and gives
//! up at the deadline (aborting the fetch, so a hung carrier costs no more than its deadline).

pub mod bring;
pub mod postnord;
pub mod postplus;

use std::cell::RefCell;
use std::time::Duration;

use futures_util::future::{select, Either};
use futures_util::pin_mut;
use shared::answer::{timeout_warning, unreachable_warning};
use shared::carriers::{Method as CarrierMethod, OutboundRequest, Warning};
use worker::{web_sys, AbortController, Delay, Headers};

use crate::clock;
use crate::coalesce::{self, Table, Wait};
use crate::log::log;

/// Every carrier the edge knows, in the order their options are assembled. The one list:
/// adding a carrier is a variant here (the compiler then names every `match` that must learn
/// it), its file in this folder, and its folder in `shared/src/carriers/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CarrierId {
    Bring,
    PostNord,
    PostPlus,
}

impl CarrierId {
    /// Every carrier, in assembly order.
    pub const ALL: [CarrierId; 3] = [CarrierId::Bring, CarrierId::PostNord, CarrierId::PostPlus];

    /// Our name for it in options, warnings, caches and log lines (`shared`'s `CARRIER`).
    pub fn name(self) -> &'static str {
        match self {
            CarrierId::Bring => shared::carriers::bring::CARRIER,
            CarrierId::PostNord => shared::carriers::postnord::CARRIER,
            CarrierId::PostPlus => shared::carriers::postplus::CARRIER,
        }
    }

    /// The carrier an option's `carrier` names; `None` for one we do not know (a shop's
    /// fallback option may name any).
    pub fn of(name: &str) -> Option<CarrierId> {
        CarrierId::ALL
            .into_iter()
            .find(|carrier| carrier.name() == name)
    }
}

/// How much later than its own deadline a follower gives up on the call it waits for.
const FOLLOWER_MARGIN_MS: u64 = 250;

/// When a carrier's time is up: a fixed instant, so that calls made one after the other (a
/// token, then the options, then more places) share one budget.
#[derive(Debug, Clone, Copy)]
pub struct Deadline {
    at_ms: f64,
    /// The whole budget, for the warning's words.
    budget_ms: u32,
}

impl Deadline {
    /// `budget_ms` from now.
    pub fn after(budget_ms: u32) -> Deadline {
        Deadline {
            at_ms: clock::now_ms() + f64::from(budget_ms),
            budget_ms,
        }
    }

    /// How long a request that waits for another's identical call waits at most: past this
    /// deadline, as the call it waits for started earlier and ends by its own, plus a margin
    /// for the handover.
    pub fn follower_limit(&self) -> Duration {
        self.remaining() + Duration::from_millis(FOLLOWER_MARGIN_MS)
    }

    fn remaining(&self) -> Duration {
        let left = (self.at_ms - clock::now_ms()).max(0.0);
        Duration::from_millis(left as u64)
    }
}

/// A carrier's HTTP answer, read whole.
#[derive(Debug, Clone)]
pub struct HttpAnswer {
    pub status: u16,
    pub content_type: Option<String>,
    pub body: String,
}

/// Why no HTTP answer came.
#[derive(Debug, Clone)]
pub enum SendError {
    /// The deadline passed first; the fetch was aborted.
    Timeout { budget_ms: u32 },
    /// No connection, or the body broke off (logged where it happens).
    Unreachable,
}

impl SendError {
    /// The warning a shopper-facing answer carries for it.
    pub fn warning(&self, carrier: &str) -> Warning {
        match self {
            SendError::Timeout { budget_ms } => timeout_warning(carrier, *budget_ms),
            SendError::Unreachable => unreachable_warning(carrier),
        }
    }
}

/// How long a lookup's good answer is reused for the same request (`ANSWER_CACHE_SECONDS`).
#[derive(Debug, Clone, Copy)]
pub struct Reuse {
    ms: f64,
}

impl Reuse {
    pub fn seconds(seconds: u32) -> Reuse {
        Reuse {
            ms: f64::from(seconds) * 1000.0,
        }
    }
}

thread_local! {
    /// Lookups in flight (and just answered), by what they ask.
    static LOOKUPS: RefCell<Table<Result<HttpAnswer, SendError>>> = RefCell::new(Table::default());
}

/// Sends a lookup (a question whose answer depends only on the request: products and prices,
/// delivery options, places) once for every request that asks exactly the same at the same time
/// or within `reuse`, per isolate. The key is what the carrier is asked ([`lookup_key`]), not
/// the shopper's whole question: a question that differs only in what a call does not send
/// (the street, for Bring's products; the order value, for every call) costs no new call, so
/// free text varied by a client spends only the calls that really use it. Only a 2xx answer is
/// reused; a failure is shared with those waiting for it, never kept.
pub async fn send_lookup(
    request: &OutboundRequest,
    deadline: Deadline,
    reuse: Reuse,
) -> Result<HttpAnswer, SendError> {
    let wait = Wait {
        limit: deadline.follower_limit(),
        gave_up: move || {
            Err(SendError::Timeout {
                budget_ms: deadline.budget_ms,
            })
        },
    };
    let owned = request.clone();
    let succeeded: fn(&Result<HttpAnswer, SendError>) -> bool =
        |result| matches!(result, Ok(answer) if (200..300).contains(&answer.status));
    coalesce::run(
        &LOOKUPS,
        lookup_key(request),
        reuse.ms,
        succeeded,
        wait,
        move || async move { send(&owned, deadline).await },
    )
    .await
}

/// The headers that say who asks or which call this is, not what is asked: a bearer token
/// (renewed now and then) and PostNord's `X-External-Request-ID` (new for every call).
const PER_CALL_HEADERS: [&str; 2] = ["authorization", "x-external-request-id"];

/// A lookup's key: the hex SHA-256 of its method, URL, headers (sorted, but the per-call ones)
/// and body. Credentials in it stay in memory and are hashed, never logged.
pub fn lookup_key(request: &OutboundRequest) -> String {
    let mut headers: Vec<(String, &str)> = request
        .headers
        .iter()
        .map(|(name, value)| (name.to_ascii_lowercase(), value.as_str()))
        .filter(|(name, _)| !PER_CALL_HEADERS.contains(&name.as_str()))
        .collect();
    shared::sort::sort_by(&mut headers, Ord::cmp);
    // JSON, so that no header value or body can imitate a separator.
    let text = shared::model::json_text(&serde_json::json!([
        format!("{:?}", request.method),
        request.url,
        headers,
        request.body
    ]));
    crate::cache::sha256_hex(&text)
}

/// Sends `request` and reads its body, or gives up at `deadline` and aborts the fetch.
pub async fn send(request: &OutboundRequest, deadline: Deadline) -> Result<HttpAnswer, SendError> {
    exchange(request, deadline, |response| async move {
        let content_type = response.headers().get("content-type").ok().flatten();
        let status = response.status();
        let body = crate::http::response_text(&response).await?;
        Ok(HttpAnswer {
            status,
            content_type,
            body,
        })
    })
    .await
}

/// A carrier's answer whose body is bytes (a PDF), read whole.
#[derive(Debug, Clone)]
pub struct BinaryAnswer {
    pub status: u16,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
}

/// As [`send`], for a body that is not text (a document): its bytes as they came.
pub async fn send_for_bytes(
    request: &OutboundRequest,
    deadline: Deadline,
) -> Result<BinaryAnswer, SendError> {
    exchange(request, deadline, |response| async move {
        let content_type = response.headers().get("content-type").ok().flatten();
        let status = response.status();
        let body = crate::http::response_bytes(&response).await?;
        Ok(BinaryAnswer {
            status,
            content_type,
            body,
        })
    })
    .await
}

/// Sends `request` and has `read` read the response, or gives up at `deadline` and aborts the
/// fetch.
async fn exchange<T, F, R>(
    request: &OutboundRequest,
    deadline: Deadline,
    read: R,
) -> Result<T, SendError>
where
    R: FnOnce(web_sys::Response) -> F,
    F: std::future::Future<Output = worker::Result<T>>,
{
    let controller = AbortController::default();
    let signal = controller.signal();
    let exchange = async {
        let response = crate::http::fetch(&build(request)?, &signal).await?;
        read(response).await
    };
    let timer = Delay::from(deadline.remaining());
    pin_mut!(exchange);
    match select(exchange, timer).await {
        Either::Left((Ok(answer), _)) => Ok(answer),
        Either::Left((Err(error), _)) => {
            // The URL's path only: its query may carry an apikey.
            log!("{:?} failed: {error}", request);
            Err(SendError::Unreachable)
        }
        Either::Right(((), _)) => {
            controller.abort();
            Err(SendError::Timeout {
                budget_ms: deadline.budget_ms,
            })
        }
    }
}

fn build(request: &OutboundRequest) -> worker::Result<web_sys::Request> {
    let headers = Headers::new();
    for (name, value) in &request.headers {
        headers.set(name, value)?;
    }
    let method = match request.method {
        CarrierMethod::Get => "GET",
        CarrierMethod::Post => "POST",
        CarrierMethod::Put => "PUT",
    };
    crate::http::new_runtime_request(
        &request.url,
        method,
        Some(&headers),
        request.body.as_deref(),
    )
}

#[cfg(test)]
mod tests {
    use super::{lookup_key, CarrierId};

    #[test]
    fn each_carrier_is_found_by_its_own_name() {
        assert_eq!(
            CarrierId::ALL.map(CarrierId::name),
            ["bring", "postnord", "postplus"]
        );
        for carrier in CarrierId::ALL {
            assert_eq!(CarrierId::of(carrier.name()), Some(carrier));
        }
        assert_eq!(CarrierId::of("dhl"), None);
    }
    use shared::carriers::{Method, OutboundRequest};

    fn request(headers: &[(&str, &str)], body: &str) -> OutboundRequest {
        OutboundRequest {
            method: Method::Post,
            url: "https://api.example/rest?apikey=k".to_owned(),
            headers: headers
                .iter()
                .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
                .collect(),
            body: Some(body.to_owned()),
        }
    }

    #[test]
    fn a_lookup_is_keyed_by_what_is_asked_not_by_who_or_which_call() {
        let base = lookup_key(&request(&[("Accept-Language", "sv")], "{}"));
        // The same question with another token, request id or header order: the same key.
        assert_eq!(
            lookup_key(&request(
                &[
                    ("X-External-Request-ID", "abc-1"),
                    ("Authorization", "Bearer t1"),
                    ("accept-language", "sv")
                ],
                "{}"
            )),
            base
        );
        // Another body, language or URL: another key.
        assert_ne!(
            lookup_key(&request(&[("Accept-Language", "sv")], "{\"a\":1}")),
            base
        );
        assert_ne!(
            lookup_key(&request(&[("Accept-Language", "en")], "{}")),
            base
        );
        let mut other_url = request(&[("Accept-Language", "sv")], "{}");
        other_url.url.push_str("&postalCode=0150");
        assert_ne!(lookup_key(&other_url), base);
        assert_eq!(base.len(), 64);
    }
}
