//! The form value: the selection read from the DOM's controls, published through
//! `ElementInternals` (value and validity) and as `change` events.

use js_sys::{Array, Object, JSON};
use shared::model::Choice;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement};

use crate::strings;
use crate::view::OPTION_GROUP;
use crate::WidgetError;

use super::dom::set;
use super::Inner;

impl Inner {
    /// Publishes the selection as the form value and validity; with `notify`, fires `change`
    /// (and announces it) when it differs from the last one published.
    pub(super) fn update_value(&self, notify: bool) {
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
    pub(super) fn selection(&self) -> Option<Object> {
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
    pub(super) fn selection_ids(&self) -> Option<(String, Option<String>)> {
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

    pub(super) fn checked_option(&self) -> Result<Option<HtmlInputElement>, WidgetError> {
        self.query_input(&format!("input[name=\"{OPTION_GROUP}\"]:checked"))
    }
}

fn checked_value(container: &Element, selector: &str) -> Option<String> {
    let list = container.query_selector_all(selector).ok()?;
    (0..list.length())
        .filter_map(|i| list.get(i)?.dyn_into::<HtmlInputElement>().ok())
        .find(HtmlInputElement::checked)
        .map(|input| input.value())
}

fn optional(value: Option<String>) -> JsValue {
    value.map(JsValue::from).unwrap_or(JsValue::NULL)
}
