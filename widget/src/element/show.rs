//! Showing what the edge answered and what the shopper chose: the list (with the previous choice
//! restored), the error, and the chosen option's extras (its pickup points, read and rendered when
//! it is first chosen).

use std::rc::Rc;

use chrono::NaiveDate;
use js_sys::{Array, Object, Reflect};
use shared::model::{Currency, ShippingOption};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};

use crate::read;
use crate::strings;
use crate::view::{self, ListContext, OPTION_GROUP};
use crate::WidgetError;

use super::dom::set;
use super::warm;
use super::{Inner, State};

impl Inner {
    /// Renders `{options, warnings}`, restores the previous choice where it still exists, and
    /// fires `load`. An option the model cannot read is left out; the others are shown.
    pub(super) fn show_answer(self: &Rc<Self>, answer: &JsValue) -> Result<usize, WidgetError> {
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
    pub(super) fn show_options(
        &self,
        options: Vec<ShippingOption>,
        unread_points: Vec<Option<Array>>,
        fallback: bool,
    ) -> Result<(), WidgetError> {
        let previous = self.selection_ids();
        let context = self.list_context(&self.state.borrow(), fallback);
        view::render_list(&self.body, &options, &unread_points, &context);
        if !options.is_empty() {
            // Not for an empty list (an error, or no address yet): that compiles little of what
            // a list needs, and the warm-up still has its use.
            warm::rendered();
        }
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

    pub(super) fn show_error(self: &Rc<Self>, message: &str) {
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
    pub(super) fn show_selection(&self, index: Option<usize>) {
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

    /// What the list is rendered with besides the options: the locale, the request's currency,
    /// the cart's value and the shopper's clock.
    pub(super) fn list_context(&self, state: &State, fallback: bool) -> ListContext {
        ListContext {
            locale: self.locale(),
            currency: state.currency.unwrap_or(Currency::EUR),
            order_value: state.order_value,
            today: today(),
            fallback,
        }
    }
}

/// The shopper's date, by their own clock (JavaScript's local date: no offset arithmetic here).
fn today() -> NaiveDate {
    let date = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(
        date.get_full_year() as i32,
        date.get_month() + 1,
        date.get_date(),
    )
    .unwrap_or_default()
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
