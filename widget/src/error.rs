//! The widget's one error type. `JsValue` errors from the browser become [`WidgetError::Dom`]
//! here, once, and every error becomes a JavaScript `Error` at the exported boundary.

use wasm_bindgen::JsValue;

/// Why the widget could not render what it was given.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WidgetError {
    #[error("the browser refused a DOM call: {0}")]
    Dom(String),
}

impl From<JsValue> for WidgetError {
    #[cold]
    #[inline(never)]
    fn from(value: JsValue) -> Self {
        // A DOM exception's message is the useful part. (`Debug` of a `JsValue` would say more,
        // at the price of the Debug formatting machinery in the shopper's download.)
        let message = js_sys::Reflect::get(&value, &"message".into())
            .ok()
            .and_then(|message| message.as_string())
            .or_else(|| value.as_string());
        WidgetError::Dom(message.unwrap_or_else(|| "unknown error".to_owned()))
    }
}
