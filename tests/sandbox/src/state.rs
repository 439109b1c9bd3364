//! The sandbox's memory: what the control API has set and seen, the PostNord tokens it issued and
//! the PostPlus parcels and shipments it holds. All of it lives for one process only.

use std::sync::Mutex;

use chrono::{DateTime, Utc};

use crate::control::Control;
use crate::postnord_token::Tokens;
use crate::postplus::Book;

/// Shared by every request. Each part locks on its own, for no longer than a map update.
#[derive(Default)]
pub struct Sandbox {
    pub(crate) control: Control,
    pub(crate) tokens: Tokens,
    pub(crate) postplus: Mutex<Book>,
    /// The instant the sandbox's clock is pinned to (`--now`), as the edge's calendar is by
    /// `TEST_CLOCK` in tests; `None` is the real clock.
    pub(crate) clock: Option<DateTime<Utc>>,
}

impl Sandbox {
    /// A sandbox whose clock reads `now` for ever: the carriers' "now" (PostNord's cutoff check,
    /// Bring's default shipping date) agrees with the edge's pinned calendar.
    pub fn with_clock(now: DateTime<Utc>) -> Sandbox {
        Sandbox {
            clock: Some(now),
            ..Sandbox::default()
        }
    }

    /// Now, as the carriers' servers would read it.
    pub(crate) fn now(&self) -> DateTime<Utc> {
        self.clock.unwrap_or_else(Utc::now)
    }

    /// Back to a fresh process: counts, faults, recorded requests, tokens and PostPlus data.
    pub(crate) fn reset(&self) {
        self.control.reset();
        self.tokens.reset();
        *lock(&self.postplus) = Book::default();
    }
}

/// Locks a mutex, recovering from a handler that panicked while holding it: the sandbox's maps stay
/// usable, and a test server should keep answering rather than poison every later request.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}
