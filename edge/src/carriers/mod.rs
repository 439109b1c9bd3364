//! Sending carrier requests: the IO glue around `shared::carriers`. `shared` builds each
//! [`OutboundRequest`] and reads each answer; this module only sends, reads the body, and gives
//! up at the deadline (aborting the fetch, so a hung carrier costs no more than its deadline).

pub mod bring;
pub mod postnord;

use std::time::Duration;

use futures_util::future::{select, Either};
use futures_util::pin_mut;
use shared::answer::{timeout_warning, unreachable_warning};
use shared::carriers::{Method as CarrierMethod, OutboundRequest, Warning};
use worker::wasm_bindgen::JsValue;
use worker::{AbortController, Delay, Fetch, Headers, Method, Request, RequestInit};

use crate::clock;
use crate::log::log;

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

    /// The whole budget in milliseconds.
    pub fn budget_ms(&self) -> u32 {
        self.budget_ms
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

/// Sends `request` and reads its body, or gives up at `deadline` and aborts the fetch.
pub async fn send(request: &OutboundRequest, deadline: Deadline) -> Result<HttpAnswer, SendError> {
    let controller = AbortController::default();
    let signal = controller.signal();
    let exchange = async {
        let fetch = Fetch::Request(build(request)?);
        let mut response = fetch.send_with_signal(&signal).await?;
        let content_type = response.headers().get("content-type").ok().flatten();
        let body = response.text().await?;
        Ok::<_, worker::Error>(HttpAnswer {
            status: response.status_code(),
            content_type,
            body,
        })
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

fn build(request: &OutboundRequest) -> worker::Result<Request> {
    let headers = Headers::new();
    for (name, value) in &request.headers {
        headers.set(name, value)?;
    }
    let mut init = RequestInit::new();
    init.with_method(match request.method {
        CarrierMethod::Get => Method::Get,
        CarrierMethod::Post => Method::Post,
        CarrierMethod::Put => Method::Put,
    })
    .with_headers(headers)
    .with_body(request.body.as_deref().map(JsValue::from_str));
    Request::new_with_init(&request.url, &init)
}
