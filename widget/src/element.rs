//! The `<delivery-options>` element's behaviour: attributes in, a request to the edge, the list
//! rendered, the shopper's choice out as a form value and events.
//!
//! The JavaScript loader (`widget/js/delivery-options.js`) defines the custom element and forwards
//! its lifecycle here; everything else happens in this file. State lives in one `RefCell` behind
//! an `Rc`, shared with the DOM listeners, which hold it weakly so a dropped element frees it.
//!
//! The selection is read from the DOM's own controls (the checked radios, the ticked addons), the
//! way a native form reads them, so there is no second copy of it to drift.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use chrono::{DateTime, FixedOffset, Offset, TimeZone, Utc};
use js_sys::{Array, Object, Reflect, JSON};
use shared::model::{Choice, Currency, MinorUnits, ShippingOption};
use shared::quote::Country;
use shared::Locale;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AbortController, CustomEvent, CustomEventInit, Element, Event, HtmlElement, HtmlFormElement,
    HtmlInputElement, KeyboardEvent, RequestInit, Response,
};

use crate::read;
use crate::strings;
use crate::view::{self, ListContext, OPTION_GROUP};
use crate::WidgetError;

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

/// What a request to the edge came to, other than options.
enum Failure {
    /// A newer request or a disconnect cancelled it: nothing to show.
    Aborted,
    /// The edge refused or failed, or the network did; the message is for the `error` event.
    Failed(String),
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
        let handlers: [(&str, Handler); 4] = [
            ("change", Inner::on_change),
            ("input", Inner::on_input),
            ("click", Inner::on_click),
            ("keydown", Inner::on_keydown),
        ];
        for (kind, handler) in handlers {
            let weak: Weak<Inner> = Rc::downgrade(self);
            let closure = Listener::new(move |event: Event| {
                if let Some(inner) = weak.upgrade() {
                    handler(&inner, &event);
                }
            });
            self.container
                .add_event_listener_with_callback(kind, closure.as_ref().unchecked_ref())?;
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

    // --- requests -------------------------------------------------------------------------------

    fn schedule_fetch(self: &Rc<Self>) {
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
    fn cancel(&self) {
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

    fn fetch_now(self: Rc<Self>) {
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
        wasm_bindgen_futures::spawn_local(async move {
            let result = request(&url, &body, &abort).await;
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

    // --- rendering ------------------------------------------------------------------------------

    /// Renders `{options, warnings}`, restores the previous choice where it still exists, and
    /// fires `load`. An option the model cannot read is left out; the others are shown.
    fn show_answer(self: &Rc<Self>, answer: &JsValue) -> Result<usize, WidgetError> {
        let mut unread_points = Vec::new();
        let options = read::read_options(answer, &mut unread_points);
        let warnings = Reflect::get(answer, &"warnings".into())
            .ok()
            .filter(Array::is_array)
            .unwrap_or_else(|| Array::new().into());
        let fallback = Array::from(&warnings).iter().any(|warning| {
            Reflect::get(&warning, &"code".into())
                .ok()
                .and_then(|code| code.as_string())
                .is_some_and(|code| code == "fallback")
        });
        let count = options.len();
        let locale = self.locale();
        let _ = self.body.remove_attribute("aria-busy");
        if count == 0 {
            self.show_options(Vec::new(), Vec::new(), false)?;
            view::render_error(&self.body, strings::EMPTY.get(locale), locale);
            self.announce(strings::EMPTY.get(locale));
        } else {
            self.show_options(options, unread_points, fallback)?;
            self.announce(&strings::LOADED.fill(locale, &[("count", &count.to_string())]));
        }
        let detail = Object::new();
        set(&detail, "options", &(count as u32).into());
        set(&detail, "warnings", &warnings);
        self.dispatch("load", &detail);
        Ok(count)
    }

    /// Replaces the list with `options` and re-checks what was chosen before, if it is still
    /// offered (the same option id, and the same pickup point when that is still in its list).
    fn show_options(
        &self,
        options: Vec<ShippingOption>,
        unread_points: Vec<Option<Array>>,
        fallback: bool,
    ) -> Result<(), WidgetError> {
        let previous = self.selection_ids();
        let context = self.list_context(&self.state.borrow(), fallback);
        view::render_list(&self.body, &options, &unread_points, &context);
        let restore = previous.and_then(|(option_id, point_id)| {
            let index = options.iter().position(|option| option.id == option_id)?;
            Some((index, point_id))
        });
        {
            let mut state = self.state.borrow_mut();
            state.options = options;
            state.unread_points = unread_points;
        }
        if let Some((index, point_id)) = restore {
            if let Some(radio) = self.query_input(&format!(
                "input[name=\"{OPTION_GROUP}\"][data-i=\"{index}\"]"
            ))? {
                radio.set_checked(true);
            }
            self.show_selection(Some(index));
            if let Some(point_id) = point_id {
                let name = format!("pickup-{index}");
                for point in self.inputs(&format!("input[name=\"{name}\"]"))? {
                    if point.value() == point_id {
                        point.set_checked(true);
                    }
                }
            }
        }
        self.update_value(true);
        Ok(())
    }

    fn show_error(self: &Rc<Self>, message: &str) {
        let locale = self.locale();
        let _ = self.show_options(Vec::new(), Vec::new(), false);
        view::render_error(&self.body, strings::ERROR.get(locale), locale);
        self.announce(strings::ERROR.get(locale));
        let detail = Object::new();
        set(&detail, "message", &message.into());
        self.dispatch("error", &detail);
    }

    /// Marks option `index` as chosen (class, parts, its extras shown) and the one chosen before
    /// as not. A pickup option renders its point list when first chosen and starts at its
    /// nearest point each time it is chosen; leaving it clears the point.
    ///
    /// Only the two options concerned are touched: at most one option is `.selected`, and only
    /// a selected option's points can be checked (they are hidden otherwise).
    fn show_selection(&self, index: Option<usize>) {
        if let Ok(Some(previous)) = self.body.query_selector(".option.selected") {
            let same = previous
                .get_attribute("data-i")
                .and_then(|value| value.parse::<usize>().ok())
                == index;
            if same {
                return;
            }
            mark_option(&previous, false);
            if let Ok(Some(extras)) = previous.query_selector(".extras") {
                let _ = extras.toggle_attribute_with_force("hidden", true);
                if let Ok(points) = extras.query_selector_all(".pickup-point input:checked") {
                    for k in 0..points.length() {
                        if let Some(point) = points
                            .get(k)
                            .and_then(|n| n.dyn_into::<HtmlInputElement>().ok())
                        {
                            point.set_checked(false);
                        }
                    }
                }
            }
        }
        let Some(index) = index else {
            return;
        };
        let Ok(Some(container)) = self
            .body
            .query_selector(&format!(".option[data-i=\"{index}\"]"))
        else {
            return;
        };
        mark_option(&container, true);
        let Ok(Some(extras)) = container.query_selector(".extras") else {
            return;
        };
        let _ = extras.toggle_attribute_with_force("hidden", false);
        self.read_points(index);
        let state = self.state.borrow();
        if let Some(option) = state.options.get(index) {
            let context = self.list_context(&state, false);
            if let Ok(true) = view::render_pickup_list(&extras, index, option, &context) {
                check_first(&extras, ".pickup-point input");
            }
        }
        check_first(&extras, ".timeslot input");
    }

    /// Reads option `index`'s pickup points into its `locations`, if they are still unread.
    fn read_points(&self, index: usize) {
        let mut state = self.state.borrow_mut();
        let Some(points) = state.unread_points.get_mut(index).and_then(Option::take) else {
            return;
        };
        if let Some(option) = state.options.get_mut(index) {
            option.locations = Some(read::read_points(&points));
        }
    }

    // --- the value ------------------------------------------------------------------------------

    /// Publishes the selection as the form value and validity; with `notify`, fires `change`
    /// (and announces it) when it differs from the last one published.
    fn update_value(&self, notify: bool) {
        let selection = self.selection();
        let json = selection
            .as_ref()
            .and_then(|value| JSON::stringify(value).ok())
            .and_then(|text| text.as_string());
        let locale = self.locale();
        if let Some(internals) = &self.internals {
            internals.set_form_value(&json.clone().map(JsValue::from).unwrap_or(JsValue::NULL));
            let missing = json.is_none() && self.host.has_attribute("required");
            let flags = Object::new();
            if missing {
                set(&flags, "valueMissing", &true.into());
                let anchor = self
                    .query_input(&format!("input[name=\"{OPTION_GROUP}\"]"))
                    .ok()
                    .flatten()
                    .map(|input| input.unchecked_into::<HtmlElement>());
                internals.set_validity(&flags, strings::REQUIRED.get(locale), anchor.as_ref());
            } else {
                internals.set_validity(&flags, "", None);
            }
        }
        let changed = self.state.borrow().value_json != json;
        if !changed {
            return;
        }
        self.state.borrow_mut().value_json = json;
        if notify {
            if let Some((name, price)) = self.selection_summary() {
                let text = strings::SELECTED.fill(locale, &[("option", &name), ("price", &price)]);
                self.announce(&text);
            }
            let detail = selection.map(JsValue::from).unwrap_or(JsValue::NULL);
            self.dispatch("change", &detail);
        }
    }

    /// The selection as `{option_id, carrier, price, currency, pickup_point_id, addons,
    /// timeslot_id}`, in that key order (it is also the JSON of the form value).
    ///
    /// `price` is what the shopper pays for shipping, in minor units, as `shared` decides it
    /// ([`ShippingOption::price_of`]) from the choice the controls hold.
    fn selection(&self) -> Option<Object> {
        let (index, container) = self.chosen_container()?;
        let state = self.state.borrow();
        let option = state.options.get(index)?;
        let mut choice = Choice {
            pickup_point_id: checked_value(&container, ".pickup-point input"),
            timeslot_id: checked_value(&container, ".timeslot input"),
            addon_ids: Vec::new(),
        };

        let addons = Array::new();
        if let Ok(inputs) = container.query_selector_all("[data-addon]") {
            for k in 0..inputs.length() {
                let Some(input) = inputs
                    .get(k)
                    .and_then(|n| n.dyn_into::<HtmlInputElement>().ok())
                else {
                    continue;
                };
                let id = input.get_attribute("data-addon").unwrap_or_default();
                let value: JsValue = if input.type_() == "checkbox" {
                    if !input.checked() {
                        continue;
                    }
                    true.into()
                } else {
                    let text = input.value();
                    if text.trim().is_empty() {
                        continue;
                    }
                    text.into()
                };
                let entry = Object::new();
                set(&entry, "id", &id.as_str().into());
                set(&entry, "value", &value);
                addons.push(&entry);
                choice.addon_ids.push(id);
            }
        }
        let price = option.price_of(&choice, state.order_value);
        let currency = option.currency.or(state.currency);
        let value = Object::new();
        set(&value, "option_id", &option.id.as_str().into());
        set(&value, "carrier", &option.carrier.as_str().into());
        set(&value, "price", &(price as f64).into());
        set(
            &value,
            "currency",
            &currency
                .map(|c| JsValue::from(c.as_str()))
                .unwrap_or(JsValue::NULL),
        );
        set(&value, "pickup_point_id", &optional(choice.pickup_point_id));
        set(&value, "addons", &addons);
        set(&value, "timeslot_id", &optional(choice.timeslot_id));
        Some(value)
    }

    /// The chosen option's id and pickup point id, to restore after a refetch.
    fn selection_ids(&self) -> Option<(String, Option<String>)> {
        let (index, container) = self.chosen_container()?;
        let id = self.state.borrow().options.get(index)?.id.clone();
        Some((id, checked_value(&container, ".pickup-point input")))
    }

    /// The chosen option's name and the price text shown for it, for the announcement.
    fn selection_summary(&self) -> Option<(String, String)> {
        let (_, container) = self.chosen_container()?;
        let name = container.query_selector(".name").ok()??.text_content()?;
        let price = container.query_selector(".price").ok()??.text_content()?;
        Some((name, price))
    }

    fn chosen_container(&self) -> Option<(usize, Element)> {
        let radio = self.checked_option().ok()??;
        let index = radio.get_attribute("data-i")?.parse::<usize>().ok()?;
        let container = radio.closest(".option").ok()??;
        Some((index, container))
    }

    fn checked_option(&self) -> Result<Option<HtmlInputElement>, WidgetError> {
        self.query_input(&format!("input[name=\"{OPTION_GROUP}\"]:checked"))
    }

    // --- helpers --------------------------------------------------------------------------------

    /// What the list is rendered with besides the options: the locale, the request's currency,
    /// the cart's value and the shopper's clock.
    fn list_context(&self, state: &State, fallback: bool) -> ListContext {
        ListContext {
            locale: self.locale(),
            currency: state.currency.unwrap_or(Currency::EUR),
            order_value: state.order_value,
            now: now(),
            fallback,
        }
    }

    /// The element's locale: its `locale` attribute, else the page's `lang` (the nearest
    /// ancestor's), else the browser's language.
    fn locale(&self) -> Locale {
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
    fn attribute(&self, name: &str) -> Option<String> {
        self.host
            .get_attribute(name)
            .map(|value| value.trim().to_owned())
            .filter(|value| !value.is_empty())
    }

    fn announce(&self, text: &str) {
        self.status.set_text_content(Some(text));
    }

    /// Fires `kind` on the host: bubbling and composed, so a listener anywhere up the page hears
    /// it.
    fn dispatch(&self, kind: &str, detail: &JsValue) {
        let init = CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        init.set_detail(detail);
        if let Ok(event) = CustomEvent::new_with_event_init_dict(kind, &init) {
            let _ = self.host.dispatch_event(&event);
        }
    }

    fn query_input(&self, selector: &str) -> Result<Option<HtmlInputElement>, WidgetError> {
        Ok(self
            .body
            .query_selector(selector)?
            .and_then(|element| element.dyn_into::<HtmlInputElement>().ok()))
    }

    fn inputs(&self, selector: &str) -> Result<Vec<HtmlInputElement>, WidgetError> {
        let list = self.body.query_selector_all(selector)?;
        Ok((0..list.length())
            .filter_map(|i| list.get(i)?.dyn_into::<HtmlInputElement>().ok())
            .collect())
    }
}

/// Sends the request and reads the answer as a JavaScript object.
async fn request(url: &str, body: &str, abort: &AbortController) -> Result<JsValue, Failure> {
    let window = web_sys::window().ok_or_else(|| Failure::Failed("no window".to_owned()))?;
    let init = RequestInit::new();
    init.set_method("POST");
    // No content-type: a string body goes as text/plain, which keeps the request "simple" in
    // CORS terms, so a shop's page on another origin than the edge sends it without a preflight
    // (one round trip less before the options). The edge reads the body as JSON either way.
    init.set_body(&body.into());
    init.set_signal(Some(&abort.signal()));
    let failed = |error: JsValue| {
        if abort.signal().aborted() {
            return Failure::Aborted;
        }
        Failure::Failed(js_message(&error))
    };
    let response: Response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await
        .map_err(failed)?
        .unchecked_into();
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
fn order_value(cart: &JsValue) -> Option<MinorUnits> {
    let value = Reflect::get(cart, &"order_value".into()).ok()?.as_f64()?;
    (value.fract() == 0.0).then_some(value as MinorUnits)
}

/// The shopper's clock with their UTC offset.
fn now() -> DateTime<FixedOffset> {
    let date = js_sys::Date::new_0();
    let offset_seconds = -(date.get_timezone_offset() as i32) * 60;
    let offset = FixedOffset::east_opt(offset_seconds).unwrap_or(Utc.fix());
    offset
        .timestamp_millis_opt(date.get_time() as i64)
        .single()
        .unwrap_or_else(|| offset.timestamp_nanos(0))
}

/// Marks an option container as chosen or not: its class and its parts.
fn mark_option(container: &Element, chosen: bool) {
    let _ = container.class_list().toggle_with_force("selected", chosen);
    let _ = container.set_attribute(
        "part",
        if chosen {
            "option option-selected selected"
        } else {
            "option"
        },
    );
}

/// Checks the first input matching `selector` in `parent` (the nearest point, the first window).
fn check_first(parent: &Element, selector: &str) {
    if let Ok(Some(first)) = parent.query_selector(selector) {
        if let Ok(first) = first.dyn_into::<HtmlInputElement>() {
            first.set_checked(true);
        }
    }
}

fn checked_value(container: &Element, selector: &str) -> Option<String> {
    let list = container.query_selector_all(selector).ok()?;
    (0..list.length())
        .filter_map(|i| list.get(i)?.dyn_into::<HtmlInputElement>().ok())
        .find(HtmlInputElement::checked)
        .map(|input| input.value())
}

/// The message of an error from the DOM (the only kind the element's code paths meet).
fn dom_message(error: WidgetError) -> String {
    let WidgetError::Dom(message) = error;
    message
}

fn js_error(error: WidgetError) -> JsError {
    JsError::new(&dom_message(error))
}

fn optional(value: Option<String>) -> JsValue {
    value.map(JsValue::from).unwrap_or(JsValue::NULL)
}

fn set(object: &Object, key: &str, value: &JsValue) {
    // Setting a property on a plain object cannot fail.
    let _ = Reflect::set(object, &key.into(), value);
}

fn js_message(error: &JsValue) -> String {
    Reflect::get(error, &"message".into())
        .ok()
        .and_then(|message| message.as_string())
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "the request failed".to_owned())
}
