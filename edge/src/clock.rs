//! The current instant, from JavaScript's clock (chrono's own clock is not available on
//! `wasm32-unknown-unknown`). The only place the edge reads the time; `shared` is handed it.

use chrono::{DateTime, Utc};

/// Now, in UTC. Inside a request Workers advance the clock only across IO, which is all the
/// precision deadlines and delivery dates need.
pub fn now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(now_ms() as i64).unwrap_or_default()
}

/// Now, in milliseconds since the Unix epoch.
pub fn now_ms() -> f64 {
    worker::js_sys::Date::now()
}
