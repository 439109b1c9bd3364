//! What the element's other files share for talking to the DOM and JavaScript: the live region,
//! events on the host, queries in the body, and `JsValue` errors and objects.

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CustomEvent, CustomEventInit, HtmlInputElement};

use crate::WidgetError;

use super::Inner;

impl Inner {
    pub(super) fn announce(&self, text: &str) {
        self.status.set_text_content(Some(text));
    }

    /// Fires `kind` on the host: bubbling and composed, so a listener anywhere up the page hears
    /// it.
    pub(super) fn dispatch(&self, kind: &str, detail: &JsValue) {
        let init = CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        init.set_detail(detail);
        if let Ok(event) = CustomEvent::new_with_event_init_dict(kind, &init) {
            let _ = self.host.dispatch_event(&event);
        }
    }

    pub(super) fn query_input(
        &self,
        selector: &str,
    ) -> Result<Option<HtmlInputElement>, WidgetError> {
        Ok(self
            .body
            .query_selector(selector)?
            .and_then(|element| element.dyn_into::<HtmlInputElement>().ok()))
    }

    pub(super) fn inputs(&self, selector: &str) -> Result<Vec<HtmlInputElement>, WidgetError> {
        let list = self.body.query_selector_all(selector)?;
        Ok((0..list.length())
            .filter_map(|i| list.get(i)?.dyn_into::<HtmlInputElement>().ok())
            .collect())
    }
}

/// The message of an error from the DOM (the only kind the element's code paths meet).
pub(super) fn dom_message(error: WidgetError) -> String {
    let WidgetError::Dom(message) = error;
    message
}

pub(super) fn js_error(error: WidgetError) -> JsError {
    JsError::new(&dom_message(error))
}

pub(super) fn set(object: &Object, key: &str, value: &JsValue) {
    // Setting a property on a plain object cannot fail.
    let _ = Reflect::set(object, &key.into(), value);
}
