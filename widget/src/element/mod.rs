//! The `<delivery-options>` element's behaviour: attributes in, a request to the edge, the list
//! rendered, the shopper's choice out as a form value and events.
//!
//! The JavaScript loader (`widget/js/delivery-options.js`) defines the custom element and forwards
//! its lifecycle here; everything else happens in this folder. State lives in one `RefCell` behind
//! an `Rc`, shared with the DOM listeners, which hold it weakly so a dropped element frees it.
//!
//! The selection is read from the DOM's own controls (the checked radios, the ticked addons), the
//! way a native form reads them, so there is no second copy of it to drift.
//!
//! This file: the element's lifecycle and attributes, its state and its DOM listeners. The rest,
//! one concern a file: `request.rs` (debounce, abort, the latest answer wins), `show.rs` (the
//! answer and the chosen option rendered), `value.rs` (the selection as form value, validity and
//! `change`), `dom.rs` (events, queries and JS values the others share).

mod dom;
mod request;
mod show;
mod value;
mod warm;

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use js_sys::Array;
use shared::model::{Currency, MinorUnits, ShippingOption};
use shared::Locale;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    AbortController, Element, Event, HtmlElement, HtmlFormElement, HtmlInputElement, KeyboardEvent,
};

use crate::view::{self, OPTION_GROUP};
use crate::WidgetError;

use dom::js_error;
use request::order_value;

/// How long an address attribute must stay unchanged before the widget asks the edge: a shopper
/// typing a postal code causes one request, not five.
pub const DEBOUNCE_MS: i32 = 250;
/// The edge's path, appended to `endpoint`.
pub const API_PATH: &str = "/v1/delivery-options";
/// The attributes whose change asks the edge again.
pub const REFETCH_ATTRIBUTES: [&str; 7] = [
    "endpoint",
    "country",
    "postal-code",
    "street-address",
    "city",
    "locale",
    "currency",
];

#[wasm_bindgen]
extern "C" {
    /// `ElementInternals` (web-sys has no binding for it yet): the form association of a custom
    /// element.
    #[derive(Clone)]
    pub type ElementInternals;
    #[wasm_bindgen(method, js_name = setFormValue)]
    fn set_form_value(this: &ElementInternals, value: &JsValue);
    #[wasm_bindgen(method, js_name = setValidity)]
    fn set_validity(
        this: &ElementInternals,
        flags: &JsValue,
        message: &str,
        anchor: Option<&HtmlElement>,
    );
    #[wasm_bindgen(method, getter)]
    fn form(this: &ElementInternals) -> Option<HtmlFormElement>;
}

/// One `<delivery-options>` element: what the loader creates when the element first connects.
#[wasm_bindgen(js_name = DeliveryOptionsElement)]
pub struct DeliveryOptionsElement {
    inner: Rc<Inner>,
}

#[wasm_bindgen(js_class = DeliveryOptionsElement)]
impl DeliveryOptionsElement {
    /// Takes over `container` (a node in `host`'s shadow root) and starts listening to it.
    /// `internals` is what `attachInternals()` gave, or `undefined` where the browser has none;
    /// `default_endpoint` is the loader script's origin.
    #[wasm_bindgen(constructor)]
    pub fn new(
        host: HtmlElement,
        container: Element,
        internals: JsValue,
        default_endpoint: String,
    ) -> Result<DeliveryOptionsElement, JsError> {
        let inner = Inner::new(host, container, internals, default_endpoint).map_err(js_error)?;
        Ok(DeliveryOptionsElement { inner })
    }

    /// `connectedCallback`: ask the edge unless a list (or a request) is already there.
    pub fn connected(&self) {
        let needs_fetch = {
            let state = self.inner.state.borrow();
            state.options.is_empty() && state.abort.is_none()
        };
        if needs_fetch {
            self.inner.clone().fetch_now();
        }
    }

    /// `disconnectedCallback`: stop the pending request and timer; a late answer is dropped.
    pub fn disconnected(&self) {
        self.inner.cancel();
    }

    /// `attributeChangedCallback`: an address attribute refetches after [`DEBOUNCE_MS`];
    /// `required` only re-checks validity.
    #[wasm_bindgen(js_name = attributeChanged)]
    pub fn attribute_changed(&self, name: &str) {
        if REFETCH_ATTRIBUTES.contains(&name) {
            self.inner.schedule_fetch();
        } else if name == "required" {
            self.inner.update_value(false);
        }
    }

    /// The `cart` property: `{parcels: [{weight_grams, ...}], order_value, currency}`, sent to
    /// the edge as given. Setting it refetches after [`DEBOUNCE_MS`].
    #[wasm_bindgen(js_name = setCart)]
    pub fn set_cart(&self, cart: JsValue) {
        let mut state = self.inner.state.borrow_mut();
        state.order_value = order_value(&cart);
        state.cart = cart;
        drop(state);
        self.inner.schedule_fetch();
    }

    /// `refresh()`: ask the edge now.
    pub fn refresh(&self) {
        self.inner.clone().fetch_now();
    }

    /// The `value` property: the current selection (the `change` event's detail), or `null`.
    pub fn value(&self) -> JsValue {
        self.inner
            .selection()
            .map(JsValue::from)
            .unwrap_or(JsValue::NULL)
    }

    /// `formResetCallback`: nothing chosen.
    #[wasm_bindgen(js_name = formReset)]
    pub fn form_reset(&self) {
        if let Ok(Some(checked)) = self.inner.checked_option() {
            checked.set_checked(false);
        }
        self.inner.show_selection(None);
        self.inner.update_value(true);
    }

    /// `formDisabledCallback`: a disabled `<fieldset>` around the element disables the choice.
    #[wasm_bindgen(js_name = setDisabled)]
    pub fn set_disabled(&self, disabled: bool) {
        let _ = self
            .inner
            .container
            .toggle_attribute_with_force("inert", disabled);
    }

    /// Renders an answer of the edge (`{options, warnings}`) as if it had just arrived: for tests,
    /// benchmarks and pages that fetch options themselves. Returns how many options it shows.
    #[wasm_bindgen(js_name = showAnswer)]
    pub fn show_answer(&self, answer: JsValue) -> Result<u32, JsError> {
        self.inner.cancel();
        Ok(self.inner.show_answer(&answer).map_err(js_error)? as u32)
    }
}

/// A DOM event listener kept alive by the element.
type Listener = Closure<dyn FnMut(Event)>;
/// What a delegated listener calls.
type Handler = fn(&Rc<Inner>, &Event);

struct Inner {
    host: HtmlElement,
    container: Element,
    /// Where the list, skeleton or error goes; replaced as a whole on each state change.
    body: Element,
    /// The `aria-live` region; never replaced, so screen readers keep listening to it.
    status: Element,
    internals: Option<ElementInternals>,
    default_endpoint: String,
    state: RefCell<State>,
    /// The DOM listeners and the debounce timer's callback, kept alive as long as the element.
    listeners: RefCell<Vec<Listener>>,
    timer_callback: RefCell<Option<Closure<dyn FnMut()>>>,
}

#[derive(Default)]
struct State {
    options: Vec<ShippingOption>,
    /// Beside each option, its pickup points not read yet (`read::read_options`): read into
    /// the option's `locations` when it is first chosen.
    unread_points: Vec<Option<Array>>,
    /// Bumped by every request; an answer whose number is not the latest is dropped.
    sequence: u32,
    abort: Option<AbortController>,
    timer: Option<i32>,
    cart: JsValue,
    /// The form value last published, to fire `change` only when it changes.
    value_json: Option<String>,
    /// What the list was rendered with, for recomputing prices.
    order_value: Option<MinorUnits>,
    currency: Option<Currency>,
}

impl Inner {
    fn new(
        host: HtmlElement,
        container: Element,
        internals: JsValue,
        default_endpoint: String,
    ) -> Result<Rc<Inner>, WidgetError> {
        let document = container
            .owner_document()
            .ok_or_else(|| WidgetError::Dom("the container belongs to no document".to_owned()))?;
        container.set_text_content(None);
        let body = document.create_element("div")?;
        body.set_class_name("body");
        let status = document.create_element("p")?;
        status.set_class_name("status");
        status.set_attribute("role", "status")?;
        status.set_attribute("aria-live", "polite")?;
        status.set_attribute("aria-atomic", "true")?;
        container.append_child(&body)?;
        container.append_child(&status)?;
        view::render_skeleton(&body);
        let internals = (!internals.is_undefined() && !internals.is_null())
            .then(|| internals.unchecked_into::<ElementInternals>());
        let inner = Rc::new(Inner {
            host,
            container,
            body,
            status,
            internals,
            default_endpoint,
            state: RefCell::new(State::default()),
            listeners: RefCell::new(Vec::new()),
            timer_callback: RefCell::new(None),
        });
        inner.listen()?;
        inner.update_value(false);
        Ok(inner)
    }

    /// One delegated listener per event type on the container, made once: re-rendering the list
    /// adds no listeners.
    fn listen(self: &Rc<Self>) -> Result<(), WidgetError> {
        // `toggle` does not bubble: its listener captures, as the `<details>` is below.
        let handlers: [(&str, Handler, bool); 5] = [
            ("change", Inner::on_change, false),
            ("input", Inner::on_input, false),
            ("click", Inner::on_click, false),
            ("keydown", Inner::on_keydown, false),
            ("toggle", Inner::on_toggle, true),
        ];
        for (kind, handler, capture) in handlers {
            let weak: Weak<Inner> = Rc::downgrade(self);
            let closure = Listener::new(move |event: Event| {
                if let Some(inner) = weak.upgrade() {
                    handler(&inner, &event);
                }
            });
            self.container.add_event_listener_with_callback_and_bool(
                kind,
                closure.as_ref().unchecked_ref(),
                capture,
            )?;
            self.listeners.borrow_mut().push(closure);
        }
        let weak = Rc::downgrade(self);
        *self.timer_callback.borrow_mut() = Some(Closure::<dyn FnMut()>::new(move || {
            if let Some(inner) = weak.upgrade() {
                inner.state.borrow_mut().timer = None;
                inner.fetch_now();
            }
        }));
        Ok(())
    }

    fn on_change(self: &Rc<Self>, event: &Event) {
        let Some(input) = event
            .target()
            .and_then(|target| target.dyn_into::<HtmlInputElement>().ok())
        else {
            return;
        };
        if input.name() == OPTION_GROUP {
            let index = input
                .get_attribute("data-i")
                .and_then(|i| i.parse::<usize>().ok());
            self.show_selection(index);
        }
        self.update_value(true);
    }

    fn on_input(self: &Rc<Self>, event: &Event) {
        // Typing in an addon field updates the form value at once (a submit right after typing
        // sends it); the `change` event waits for the field's own change, as natively.
        let is_text = event
            .target()
            .and_then(|target| target.dyn_into::<HtmlInputElement>().ok())
            .is_some_and(|input| input.type_() == "text");
        if is_text {
            self.update_value(false);
        }
    }

    fn on_click(self: &Rc<Self>, event: &Event) {
        let is_retry = event
            .target()
            .and_then(|target| target.dyn_into::<Element>().ok())
            .is_some_and(|element| element.class_name() == "retry");
        if is_retry {
            self.clone().fetch_now();
        }
    }

    /// An option's help `<details>` opened: its text is built now, the first time.
    fn on_toggle(self: &Rc<Self>, event: &Event) {
        let Some(details) = event
            .target()
            .and_then(|target| target.dyn_into::<Element>().ok())
            .filter(|element| element.has_attribute("open") && element.class_name() == "help")
        else {
            return;
        };
        let index = details
            .closest(".option")
            .ok()
            .flatten()
            .and_then(|option| option.get_attribute("data-i"))
            .and_then(|i| i.parse::<usize>().ok());
        let state = self.state.borrow();
        if let Some(option) = index.and_then(|i| state.options.get(i)) {
            let _ = view::render_help_text(&details, option);
        }
    }

    /// Enter in an addon's text field submits the page's form, as Enter in a field of the form
    /// itself would (fields in a shadow root are not the form's, so the browser does not).
    fn on_keydown(self: &Rc<Self>, event: &Event) {
        let Some(key) = event.dyn_ref::<KeyboardEvent>() else {
            return;
        };
        let in_text = event
            .target()
            .and_then(|target| target.dyn_into::<HtmlInputElement>().ok())
            .is_some_and(|input| input.type_() == "text");
        if key.key() == "Enter" && in_text {
            event.prevent_default();
            self.update_value(true);
            if let Some(form) = self.internals.as_ref().and_then(|i| i.form()) {
                let _ = form.request_submit();
            }
        }
    }

    /// The element's locale: its `locale` attribute, else the page's `lang` (the nearest
    /// ancestor's), else the browser's language.
    pub(super) fn locale(&self) -> Locale {
        let tag = self
            .attribute("locale")
            .or_else(|| {
                self.host
                    .closest("[lang]")
                    .ok()
                    .flatten()
                    .and_then(|element| element.get_attribute("lang"))
                    .filter(|lang| !lang.trim().is_empty())
            })
            .or_else(|| web_sys::window().and_then(|window| window.navigator().language()))
            .unwrap_or_default();
        Locale::from_tag(&tag)
    }

    /// A non-empty attribute of the host, trimmed.
    pub(super) fn attribute(&self, name: &str) -> Option<String> {
        self.host
            .get_attribute(name)
            .map(|value| value.trim().to_owned())
            .filter(|value| !value.is_empty())
    }
}
