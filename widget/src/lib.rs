//! `widget`: the delivery-options custom element a web shop drops into its checkout.
//!
//! It is a DOM shell: it reads its attributes and configuration, calls the edge, and renders the
//! values that `shared` computes (the delivery-time sentence today; options, prices and the rest
//! as they arrive). It builds for `wasm32-unknown-unknown`; the parts that do not touch the DOM
//! also build and are tested natively.
//!
//! What this crate must never do: hold a business rule that does not live in `shared` (the
//! widget and the edge must say the same thing); set carrier- or shop-supplied text as HTML (it
//! is always `textContent`, so a carrier's `<script>` is shown, not run); or hold a secret (it
//! runs in the shopper's browser, where everything is public).

mod error;
mod format;
pub mod view;

pub use error::WidgetError;
pub use format::delivery_time_text;

use wasm_bindgen::prelude::wasm_bindgen;
use web_sys::Element;

/// Appends to `parent` an element whose text is the delivery-time sentence for
/// `delivery_time_json` (KSS `delivery_time` as JSON) at `now` (RFC 3339 with the shopper's
/// offset) in `locale` (a BCP 47 tag), and returns it.
///
/// Returns `undefined` and appends nothing when there is nothing to say (no dates, or only past
/// ones). Throws an `Error` naming the field when an input cannot be read.
#[wasm_bindgen(js_name = appendDeliveryTime)]
pub fn append_delivery_time(
    parent: &Element,
    delivery_time_json: &str,
    now: &str,
    locale: &str,
) -> Result<Option<Element>, wasm_bindgen::JsError> {
    let Some(text) = delivery_time_text(delivery_time_json, now, locale)? else {
        return Ok(None);
    };
    Ok(Some(view::append_text_element(
        parent,
        "p",
        "delivery-time",
        &text,
    )?))
}
