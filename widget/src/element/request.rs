//! The request task: a debounced, abortable `POST /v1/delivery-options`, where only the latest
//! request's answer is shown (each request bumps a sequence number; an older answer is dropped).

use std::rc::Rc;

use js_sys::{Array, Object, Promise, Reflect, JSON};
use shared::model::MinorUnits;
use shared::quote::Country;
use shared::Locale;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, RequestInit, Response};

use crate::strings;
use crate::view;

use super::dom::{dom_message, set};
use super::warm;
use super::{Inner, API_PATH, DEBOUNCE_MS};

impl Inner {
    pub(super) fn schedule_fetch(self: &Rc<Self>) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let mut state = self.state.borrow_mut();
        if let Some(timer) = state.timer.take() {
            window.clear_timeout_with_handle(timer);
        }
        let callback = self.timer_callback.borrow();
        if let Some(callback) = callback.as_ref() {
            state.timer = window
                .set_timeout_with_callback_and_timeout_and_arguments_0(
                    callback.as_ref().unchecked_ref(),
                    DEBOUNCE_MS,
                )
                .ok();
        }
    }

    /// Stops the pending timer and request; a late answer then matches no sequence number.
    pub(super) fn cancel(&self) {
        let mut state = self.state.borrow_mut();
        state.sequence = state.sequence.wrapping_add(1);
        if let Some(timer) = state.timer.take() {
            if let Some(window) = web_sys::window() {
                window.clear_timeout_with_handle(timer);
            }
        }
        if let Some(abort) = state.abort.take() {
            abort.abort();
        }
    }

    pub(super) fn fetch_now(self: Rc<Self>) {
        self.cancel();
        let locale = self.locale();
        let country = self.attribute("country");
        let postal_code = self.attribute("postal-code");
        let (Some(country), Some(postal_code)) = (country, postal_code) else {
            let _ = self.show_options(Vec::new(), Vec::new(), false);
            view::render_message(&self.body, strings::NEED_ADDRESS.get(locale));
            return;
        };
        let Ok(abort) = AbortController::new() else {
            return;
        };
        let body = self.request_body(&country, &postal_code, locale);
        let url = format!(
            "{}{API_PATH}",
            self.attribute("endpoint")
                .unwrap_or_else(|| self.default_endpoint.clone())
                .trim_end_matches('/')
        );
        let sequence = {
            let mut state = self.state.borrow_mut();
            state.abort = Some(abort.clone());
            state.sequence
        };
        if self.state.borrow().options.is_empty() {
            view::render_skeleton(&self.body);
        }
        let _ = self.body.set_attribute("aria-busy", "true");
        self.announce(strings::LOADING.get(locale));
        let sent = send(&url, &body, &abort);
        // The request is out, and the page idle until it answers: compile the render then.
        warm::warm_up_when_idle(self.list_context(&self.state.borrow(), false));
        wasm_bindgen_futures::spawn_local(async move {
            let result = match sent {
                Ok(sent) => receive(sent, &abort).await,
                Err(error) => Err(error),
            };
            if self.state.borrow().sequence != sequence {
                return; // A newer request (or a disconnect) has taken over.
            }
            self.state.borrow_mut().abort = None;
            let _ = self.body.remove_attribute("aria-busy");
            match result {
                Ok(answer) => {
                    if let Err(error) = self.show_answer(&answer) {
                        self.show_error(&dom_message(error));
                    }
                }
                Err(Failure::Aborted) => {}
                Err(Failure::Failed(message)) => self.show_error(&message),
            }
        });
    }

    /// The JSON body of `POST /v1/delivery-options`: the address attributes, the cart as given,
    /// the locale. Without a cart, one parcel of 1 kg (the edge needs a weight to price).
    fn request_body(&self, country: &str, postal_code: &str, locale: Locale) -> String {
        let recipient = Object::new();
        set(&recipient, "country", &country.into());
        set(&recipient, "postal_code", &postal_code.into());
        for (attribute, field) in [("street-address", "street_address"), ("city", "city")] {
            if let Some(value) = self.attribute(attribute) {
                set(&recipient, field, &value.into());
            }
        }
        let body = Object::new();
        set(&body, "recipient", &recipient);
        let cart = self.state.borrow().cart.clone();
        let from_cart = |key: &str| {
            Reflect::get(&cart, &key.into())
                .ok()
                .filter(|v| !v.is_undefined() && !v.is_null())
        };
        let parcels = from_cart("parcels").unwrap_or_else(|| {
            let parcel = Object::new();
            set(&parcel, "weight_grams", &1000.into());
            Array::of1(&parcel).into()
        });
        set(&body, "parcels", &parcels);
        if let Some(order_value) = from_cart("order_value") {
            set(&body, "order_value", &order_value);
        }
        let currency = self
            .attribute("currency")
            .map(JsValue::from)
            .or_else(|| from_cart("currency"));
        if let Some(currency) = &currency {
            set(&body, "currency", currency);
        }
        set(&body, "locale", &locale.tag().into());
        {
            let mut state = self.state.borrow_mut();
            state.order_value = order_value(&cart);
            state.currency = currency
                .and_then(|c| c.as_string())
                .and_then(|c| c.parse().ok())
                .or_else(|| Country::from_code(country).map(Country::currency));
        }
        JSON::stringify(&body)
            .ok()
            .and_then(|text| text.as_string())
            .unwrap_or_default()
    }
}

/// What a request to the edge came to, other than options.
enum Failure {
    /// A newer request or a disconnect cancelled it: nothing to show.
    Aborted,
    /// The edge refused or failed, or the network did; the message is for the `error` event.
    Failed(String),
}

/// Sends the request: the fetch is under way when this returns.
fn send(url: &str, body: &str, abort: &AbortController) -> Result<Promise, Failure> {
    let window = web_sys::window().ok_or_else(|| Failure::Failed("no window".to_owned()))?;
    let init = RequestInit::new();
    init.set_method("POST");
    // No content-type: a string body goes as text/plain, which keeps the request "simple" in
    // CORS terms, so a shop's page on another origin than the edge sends it without a preflight
    // (one round trip less before the options). The edge reads the body as JSON either way.
    init.set_body(&body.into());
    init.set_signal(Some(&abort.signal()));
    Ok(window.fetch_with_str_and_init(url, &init))
}

/// Reads the answer of a request [`send`] made, as a JavaScript object.
async fn receive(sent: Promise, abort: &AbortController) -> Result<JsValue, Failure> {
    let failed = |error: JsValue| {
        if abort.signal().aborted() {
            return Failure::Aborted;
        }
        Failure::Failed(js_message(&error))
    };
    let response: Response = JsFuture::from(sent).await.map_err(failed)?.unchecked_into();
    let json = match response.json() {
        Ok(promise) => JsFuture::from(promise).await.map_err(failed),
        Err(error) => Err(failed(error)),
    };
    if !response.ok() {
        // The edge's errors are `{"message": ..., "field": ...}`; its message says what to fix.
        let message = json
            .ok()
            .and_then(|body| Reflect::get(&body, &"message".into()).ok())
            .and_then(|message| message.as_string())
            .unwrap_or_default();
        return Err(Failure::Failed(format!(
            "HTTP {} from the edge{}{message}",
            response.status(),
            if message.is_empty() { "" } else { ": " }
        )));
    }
    json
}

/// The cart's `order_value` (minor units), for `free_above`.
pub(super) fn order_value(cart: &JsValue) -> Option<MinorUnits> {
    let value = Reflect::get(cart, &"order_value".into()).ok()?.as_f64()?;
    (value.fract() == 0.0).then_some(value as MinorUnits)
}

fn js_message(error: &JsValue) -> String {
    Reflect::get(error, &"message".into())
        .ok()
        .and_then(|message| message.as_string())
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "the request failed".to_owned())
}
