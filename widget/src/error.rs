//! The widget's one error type. `JsValue` errors from the browser become [`WidgetError::Dom`]
//! here, once, and every error becomes a JavaScript `Error` at the exported boundary.

use wasm_bindgen::JsValue;

/// Why the widget could not render what it was given.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WidgetError {
    /// The delivery-time JSON does not fit the KSS shape; `shared`'s message says where.
    #[error("delivery_time JSON: {0}")]
    DeliveryTimeJson(#[source] shared::Error),
    /// `shared` could not read a field of the delivery time; its message names the field.
    #[error(transparent)]
    DeliveryTime(#[from] shared::Error),
    #[error("now: {value:?} is not an RFC 3339 instant with a UTC offset, such as 2026-03-02T09:00:00+01:00")]
    Now { value: String },
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
