//! `widget`: the `<delivery-options>` custom element a web shop drops into its checkout.
//!
//! It is a DOM shell: it reads its attributes and the page's cart, asks the edge for the
//! delivery options, and renders the values that `shared` computes, grouped the way shoppers
//! think, as a native radio group. The shopper's choice goes back to the page as a form value
//! (`ElementInternals`) and as `change` events. A thin JavaScript loader (`widget/js/`) defines
//! the element and forwards its lifecycle to [`DeliveryOptionsElement`]; the default theme is
//! `widget/css/`. The pure parts (`format`, `strings`) build and are tested natively; the rest
//! runs in the browser and is tested in headless Chromium (`tests/`).
//!
//! What this crate must never do: hold a business rule that does not live in `shared` (the
//! widget and the edge must say the same thing); set carrier- or shop-supplied text as HTML (it
//! is always `textContent` or an attribute, so a carrier's `<script>` is shown, not run); or hold
//! a secret (it runs in the shopper's browser, where everything is public).

mod element;
mod error;
pub mod format;
pub mod read;
pub mod strings;
pub mod view;

pub use element::{DeliveryOptionsElement, DEBOUNCE_MS};
pub use error::WidgetError;
pub use format::delivery_time_text;

use web_sys::Element;

/// Appends to `parent` an element whose text is the delivery-time sentence for
/// `delivery_time_json` (KSS `delivery_time` as JSON) at `now` (RFC 3339 with the shopper's
/// offset) in `locale` (a BCP 47 tag), and returns it.
///
/// Returns `None` and appends nothing when there is nothing to say (no dates, or only past
/// ones), and an error naming the field when an input cannot be read. Not exported to
/// JavaScript: the element renders sentences itself, and exporting this would ship serde_json's
/// parser to every shopper.
pub fn append_delivery_time(
    parent: &Element,
    delivery_time_json: &str,
    now: &str,
    locale: &str,
) -> Result<Option<Element>, WidgetError> {
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
