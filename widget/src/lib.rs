//! `widget`: the `<delivery-options>` custom element a web shop drops into its checkout.
//!
//! It is a DOM shell: it reads its attributes and the page's cart, asks the edge for the
//! delivery options, and renders the values that `shared` computes (the edge renders each
//! option's delivery-time sentence with `shared`, in the widget's locale), grouped the way
//! shoppers think, as a native radio group. The shopper's choice goes back to the page as a form value
//! (`ElementInternals`) and as `change` events. A thin JavaScript loader (`widget/js/`) defines
//! the element and forwards its lifecycle to [`DeliveryOptionsElement`]; the default theme is
//! `widget/css/`. The DOM is described in Rust (`view`, as a `tree`) and written by the browser
//! in one call per render (`widget/js/tree.js`). The pure parts (`format`, `strings`, `tree`'s
//! recording) build and are tested natively; the rest runs in the browser and is tested in
//! headless Chromium (`tests/`).
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
pub mod tree;
pub mod view;

pub use element::{DeliveryOptionsElement, DEBOUNCE_MS};
pub use error::WidgetError;

// See widget/Cargo.toml for why not the default allocator.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
