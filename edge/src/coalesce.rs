//! Identical work in flight at once is done once: one carrier call for identical quotes, one
//! token request for PostNord.
//!
//! An isolate-local table maps a key (carrier + normalized quote, or the token) to the work in
//! flight. The first request to need it *leads*: it does the work itself. A request that finds
//! the key in flight *follows*: it waits for the leader's outcome instead of doing the work again,
//! so 100 identical requests at once cost each carrier one call. A successful outcome stays in
//! the table for `reuse_ms` (the answer-cache time), so requests that arrive just after it (before
//! the Cache API has the answer) reuse it too; a failed one leaves at once, so the next request
//! tries again.
//!
//! Why not a `futures::future::Shared`: workerd binds every I/O object (a fetch, a body stream)
//! and every promise continuation to the request that created it. A shared future is polled by
//! whichever request's task gets there first, so a follower would read the leader's response
//! body ("Cannot perform I/O on behalf of a different request") or be woken inside the leader's
//! request and build its own response there. So only the leader ever polls the work; a follower
//! waits on a JavaScript promise it created itself, which the leader resolves when done: workerd
//! runs the follower's continuation back in the follower's own request. The outcome itself is
//! plain Rust data, handed over in an `Rc` cell.
//!
//! Limits: per isolate. Cloudflare runs several isolates per location and many locations, each
//! with its own table; the Cache API (`cache.rs`) is what they share. The table is bounded:
//! expired entries are dropped on every insert, and past [`MAX_ENTRIES`] every finished one.

use std::cell::RefCell;
use std::collections::HashMap;
use std::future::Future;
use std::rc::Rc;
use std::thread::LocalKey;
use std::time::Duration;

use futures_util::future::{select, Either};
use futures_util::pin_mut;

use worker::js_sys::{Function, Promise};
use worker::wasm_bindgen::JsValue;
use worker::wasm_bindgen_futures::JsFuture;
use worker::Delay;

use crate::clock;

/// Beyond this many keys, finished work is dropped whatever its age.
pub const MAX_ENTRIES: usize = 512;

/// The work of one kind in flight or recently done, by key. One per kind, in a `thread_local`.
pub struct Table<T> {
    entries: HashMap<String, Entry<T>>,
    next_generation: u64,
}

struct Entry<T> {
    /// The outcome, once the leader has it.
    outcome: Rc<RefCell<Option<T>>>,
    /// Each follower's promise `resolve`, called when the outcome is there (or the leader gave up).
    waiters: Vec<Function>,
    /// Tells this entry from a later one under the same key.
    generation: u64,
    /// When the work succeeded (ms since the epoch); `None` while in flight.
    succeeded_at: Option<f64>,
}

impl<T> Default for Table<T> {
    fn default() -> Self {
        Table {
            entries: HashMap::new(),
            next_generation: 0,
        }
    }
}

/// What a request does about `key`.
enum Role<T> {
    /// The outcome is known and fresh.
    Reuse(T),
    /// Someone else leads; wait on this promise, then read the cell.
    Follow(Promise, Rc<RefCell<Option<T>>>),
    /// Do the work, as entry `generation`.
    Lead(u64),
}

/// How a follower waits: at most `limit`, then it takes `gave_up()` as the outcome. The limit
/// must be later than the leader's own deadline (the leader started earlier); it exists because
/// workerd cancels a request that waits on nothing of its own as hung, and a pending timer is
/// something of its own.
pub struct Wait<G> {
    pub limit: Duration,
    pub gave_up: G,
}

/// The outcome of the work for `key`: the one in flight (or one that succeeded less than
/// `reuse_ms` ago, by `succeeded`), or `work()` done by this request and shared with those that
/// ask meanwhile.
pub async fn run<T, F, G>(
    table: &'static LocalKey<RefCell<Table<T>>>,
    key: String,
    reuse_ms: f64,
    succeeded: fn(&T) -> bool,
    wait: Wait<G>,
    work: impl FnOnce() -> F,
) -> T
where
    T: Clone + 'static,
    F: Future<Output = T>,
    G: FnOnce() -> T,
{
    let now = clock::now_ms();
    let role = table.with(|table| role(&mut table.borrow_mut(), &key, now, reuse_ms));
    let generation = match role {
        Role::Reuse(outcome) => return outcome,
        Role::Follow(promise, cell) => {
            // Resolved by the leader, or by its guard if it was dropped; never rejected.
            let leader = JsFuture::from(promise);
            let timer = Delay::from(wait.limit);
            pin_mut!(leader);
            if let Either::Right(_) = select(leader, timer).await {
                return (wait.gave_up)();
            }
            if let Some(outcome) = cell.borrow().clone() {
                return outcome;
            }
            // The leader's request went away before it finished: do the work unshared.
            return work().await;
        }
        Role::Lead(generation) => generation,
    };
    let mut guard = LeaderGuard {
        table,
        key,
        generation,
        finished: false,
    };
    let outcome = work().await;
    guard.finish(&outcome, succeeded(&outcome) && reuse_ms > 0.0);
    outcome
}

fn role<T: Clone>(table: &mut Table<T>, key: &str, now: f64, reuse_ms: f64) -> Role<T> {
    if let Some(entry) = table.entries.get_mut(key) {
        match entry.succeeded_at {
            None => {
                let mut resolve = None;
                let promise = Promise::new(&mut |resolve_fn, _reject| resolve = Some(resolve_fn));
                if let Some(resolve) = resolve {
                    entry.waiters.push(resolve);
                    return Role::Follow(promise, Rc::clone(&entry.outcome));
                }
            }
            Some(at) if now - at < reuse_ms => {
                if let Some(outcome) = entry.outcome.borrow().clone() {
                    return Role::Reuse(outcome);
                }
            }
            Some(_) => {}
        }
    }
    prune(&mut table.entries, now, reuse_ms);
    table.next_generation += 1;
    let generation = table.next_generation;
    table.entries.insert(
        key.to_owned(),
        Entry {
            outcome: Rc::new(RefCell::new(None)),
            waiters: Vec::new(),
            generation,
            succeeded_at: None,
        },
    );
    Role::Lead(generation)
}

/// Drops finished work older than `reuse_ms`, and all finished work when there is too much.
fn prune<T>(entries: &mut HashMap<String, Entry<T>>, now: f64, reuse_ms: f64) {
    entries.retain(|_, entry| entry.succeeded_at.is_none_or(|at| now - at < reuse_ms));
    if entries.len() >= MAX_ENTRIES {
        entries.retain(|_, entry| entry.succeeded_at.is_none());
    }
}

/// Hands the leader's outcome to its followers, or, if the leader's request is dropped first,
/// releases them to do the work themselves.
struct LeaderGuard<T: 'static> {
    table: &'static LocalKey<RefCell<Table<T>>>,
    key: String,
    generation: u64,
    finished: bool,
}

impl<T: Clone + 'static> LeaderGuard<T> {
    fn finish(&mut self, outcome: &T, keep: bool) {
        self.finished = true;
        self.release(Some(outcome.clone()), keep);
    }

    fn release(&self, outcome: Option<T>, keep: bool) {
        let waiters = self.table.with(|table| {
            let mut table = table.borrow_mut();
            let Some(entry) = table
                .entries
                .get_mut(&self.key)
                .filter(|entry| entry.generation == self.generation)
            else {
                return Vec::new();
            };
            *entry.outcome.borrow_mut() = outcome;
            let waiters = std::mem::take(&mut entry.waiters);
            if keep {
                entry.succeeded_at = Some(clock::now_ms());
            } else {
                table.entries.remove(&self.key);
            }
            waiters
        });
        // Outside the table's borrow: resolving runs no Rust code now (workerd queues each
        // follower's continuation in its own request), but nothing is left borrowed if it did.
        for resolve in waiters {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        }
    }
}

impl<T: 'static> Drop for LeaderGuard<T> {
    fn drop(&mut self) {
        if self.finished {
            return;
        }
        let waiters = self.table.with(|table| {
            let mut table = table.borrow_mut();
            let ours = table
                .entries
                .get(&self.key)
                .is_some_and(|entry| entry.generation == self.generation);
            if ours {
                table
                    .entries
                    .remove(&self.key)
                    .map(|entry| entry.waiters)
                    .unwrap_or_default()
            } else {
                Vec::new()
            }
        });
        for resolve in waiters {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        }
    }
}
