//! Every carrier at once, each within its deadline; what a carrier cannot give is covered by its
//! last good answer, and `shared::answer` assembles the rest (fallback, prices, sentences, order).
//!
//! [`delivery_options`] is the one fan-out: `POST /v1/delivery-options` (the widget) and the KSS routes
//! (`/shippingoptions`, and `/shipment`'s check that the choice is still offered) all call it, so
//! Klarna's checkout and the widget show the same options. PostPlus has no price API: its options
//! come from the shop's configuration (`shared::carriers::postplus::postplus_options`), with no
//! call and no deadline.
//!
//! What a fan-out leaves to write (each carrier's last good answer) is written after the answer
//! has gone (`Context::wait_until`): a Cache API write is I/O the shopper would otherwise wait for
//! (2–3 ms a quote in `./x bench edge`, more at p99).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use chrono::{DateTime, Utc};
use futures_util::future::{join_all, LocalBoxFuture};
use futures_util::FutureExt;
use shared::answer::{assemble, not_configured_warning, timeout_warning, Answer, CarrierResult};
use shared::carriers::postplus::postplus_options;
use shared::carriers::{CarrierAnswer, Warning};
use shared::quote::Quote;
use worker::Context;

use crate::cache;
use crate::carriers::{self, CarrierId, Deadline, Reuse};
use crate::coalesce::{self, Table, Wait};

/// A carrier call's outcome: an answer, or the warning that says why there is none.
pub type Outcome = Result<CarrierAnswer, Warning>;

thread_local! {
    /// Carrier calls in flight (and just done), by carrier and quote key.
    static CALLS: RefCell<Table<Outcome>> = RefCell::new(Table::default());
}
use crate::config::{Carrier, Config};

/// The answer for `quote` (whose cache key is `key`), and whether every carrier answered fresh.
/// The cache writes it leaves are handed to `ctx` to finish after the response.
pub async fn delivery_options(
    quote: &Quote,
    config: &Rc<Config>,
    key: &str,
    now: DateTime<Utc>,
    ctx: &Context,
) -> (Answer, bool) {
    let deadline = Deadline::after(config.carrier_deadline_ms);
    let writes = Writes::default();
    let asked = CarrierId::ALL
        .map(|carrier| carrier_result(config, carrier, key, quote, now, deadline, &writes));
    let results: Vec<CarrierResult> = join_all(asked).await.into_iter().flatten().collect();
    writes.finish_after_response(ctx);
    let complete = results
        .iter()
        .all(|result| matches!(result, CarrierResult::Fresh(_)));
    let fallback = config.fallback.for_country(quote.recipient.country);
    (assemble(results, quote, now, fallback), complete)
}

/// One carrier's result; `None` when the shop does not offer it. PostPlus has no price API: its
/// options come from the configuration, with no call and no deadline; the others are asked.
async fn carrier_result(
    config: &Rc<Config>,
    carrier: CarrierId,
    key: &str,
    quote: &Quote,
    now: DateTime<Utc>,
    deadline: Deadline,
    writes: &Writes,
) -> Option<CarrierResult> {
    let call = match carrier {
        CarrierId::Bring | CarrierId::PostNord => {
            call(config, carrier, key, quote, now, deadline, writes)?
        }
        CarrierId::PostPlus => {
            return config.postplus.as_ref().map(|setup| match setup {
                Carrier::Ready(setup) => {
                    CarrierResult::Fresh(postplus_options(quote, &setup.config, now))
                }
                Carrier::MissingSecret(secret) => {
                    CarrierResult::Failed(not_configured_warning(carrier.name(), secret))
                }
            });
        }
    };
    let carrier = carrier.name();
    let reuse_ms = f64::from(config.answer_cache_seconds) * 1000.0;
    let outcome = match call {
        Err(warning) => Err(warning),
        Ok(call) => {
            let wait = Wait {
                limit: deadline.follower_limit(),
                gave_up: || Err(timeout_warning(carrier, config.carrier_deadline_ms)),
            };
            let key = format!("{carrier}/{key}");
            coalesce::run(&CALLS, key, reuse_ms, Result::is_ok, wait, || call).await
        }
    };
    Some(match outcome {
        Ok(answer) => CarrierResult::Fresh(answer),
        // With LAST_GOOD_SECONDS at 0 nothing is kept, so nothing is looked up either.
        Err(failure) if config.last_good_seconds == 0 => CarrierResult::Failed(failure),
        Err(failure) => match cache::last_good_get(carrier, key).await {
            Some(options) => CarrierResult::Stale {
                carrier: carrier.to_owned(),
                options,
                failure,
            },
            None => CarrierResult::Failed(failure),
        },
    })
}

/// The call to make for `carrier`, owning what it needs (it may outlive this request while
/// others wait for it); `Some(Err)` when a secret is missing, `None` when not offered (or not
/// asked at all: PostPlus, see [`carrier_result`]).
fn call(
    config: &Rc<Config>,
    carrier: CarrierId,
    key: &str,
    quote: &Quote,
    now: DateTime<Utc>,
    deadline: Deadline,
    writes: &Writes,
) -> Option<Result<LocalBoxFuture<'static, Outcome>, Warning>> {
    let (config, quote, key) = (Rc::clone(config), quote.clone(), key.to_owned());
    let writes = writes.clone();
    let last_good_seconds = config.last_good_seconds;
    let reuse = Reuse::seconds(config.answer_cache_seconds);
    let missing = |secret| Some(Err(not_configured_warning(carrier.name(), secret)));
    let call = match carrier {
        CarrierId::Bring => match config.bring.as_ref()? {
            Carrier::MissingSecret(secret) => return missing(secret),
            Carrier::Ready(_) => async move {
                let Some(Carrier::Ready(setup)) = &config.bring else {
                    return Ok(Default::default());
                };
                carriers::bring::options(setup, &quote, now, deadline, reuse).await
            }
            .boxed_local(),
        },
        CarrierId::PostNord => match config.postnord.as_ref()? {
            Carrier::MissingSecret(secret) => return missing(secret),
            Carrier::Ready(_) => {
                let request_id = request_id(&key);
                async move {
                    let Some(Carrier::Ready(setup)) = &config.postnord else {
                        return Ok(Default::default());
                    };
                    carriers::postnord::options(setup, &quote, now, deadline, reuse, &request_id)
                        .await
                }
                .boxed_local()
            }
        },
        CarrierId::PostPlus => return None,
    };
    // A good answer is kept as the carrier's last good one, once per upstream call: only the
    // request that makes the call (the coalescing leader) runs this future, so the write is
    // left to that request, which finishes it after its own response.
    Some(Ok(async move {
        let outcome = call.await;
        if let Ok(answer) = &outcome {
            let keep =
                cache::last_good_put(carrier.name(), &key, &answer.options, last_good_seconds);
            if let Some(write) = keep {
                writes.push(write);
            }
        }
        outcome
    }
    .boxed_local()))
}

/// The cache writes one request's fan-out leaves: pushed by the calls it led, finished after
/// its response.
#[derive(Clone, Default)]
struct Writes(Rc<RefCell<Vec<LocalBoxFuture<'static, ()>>>>);

impl Writes {
    fn push(&self, write: impl std::future::Future<Output = ()> + 'static) {
        self.0.borrow_mut().push(write.boxed_local());
    }

    /// Hands every write pushed so far to `ctx`: the runtime keeps the request alive until they
    /// are done, and the response does not wait for them.
    fn finish_after_response(&self, ctx: &Context) {
        let writes = std::mem::take(&mut *self.0.borrow_mut());
        if !writes.is_empty() {
            ctx.wait_until(join_all(writes).map(|_| ()));
        }
    }
}

thread_local! {
    static REQUEST_COUNTER: Cell<u64> = const { Cell::new(0) };
}

/// An id for PostNord's `X-External-Request-ID`, unique enough for its support to find a call:
/// part of the quote key, the time and a counter.
pub fn request_id(key: &str) -> String {
    let count = REQUEST_COUNTER.with(|counter| {
        counter.set(counter.get().wrapping_add(1));
        counter.get()
    });
    let prefix = key.get(..12).unwrap_or(key);
    format!("{prefix}-{}-{count}", crate::clock::now_ms() as u64)
}
