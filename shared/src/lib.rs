//! `shared`: the functional core of the delivery-options checkout.
//!
//! It holds our one model of a delivery option (the Klarna Shipping Service shipping option, plus
//! the extras a checkout needs), the delivery-time sentence in every supported locale, and the
//! carrier and KSS protocol logic as functions over data. The edge (Cloudflare Worker) and the
//! widget (wasm custom element) both call into it, so a rule lives here once.
//!
//! What this crate must never do: any IO. No network, no clock, no randomness, no environment,
//! and no `web-sys`, `js-sys`, `worker` or `gloo` import. The current instant, the locale and
//! every carrier payload come in as arguments; values come out. It builds natively and for
//! `wasm32-unknown-unknown`, and its tests run on both.

pub mod answer;
pub mod badges;
pub mod calendar;
pub mod carriers;
mod case;
pub mod date_text;
pub mod delivery_time;
mod error;
pub mod kss;
pub mod locale;
pub mod logos;
pub mod model;
pub mod quote;
pub mod sort;

pub use delivery_time::render_delivery_time;
pub use error::Error;
pub use locale::Locale;
