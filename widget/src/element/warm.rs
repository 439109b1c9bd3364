//! Running the render path once, on a small sample, while the first answer is on its way.
//!
//! Why: on a shopper's first visit nothing the render runs is compiled yet: the browser compiles
//! each wasm function, and the JavaScript it calls, when it is first called, in the middle of
//! showing the answer. The request's wait (the carriers take 100–500 ms) leaves the page idle,
//! so the same code runs there once, and the answer finds it compiled. Measured with `./x bench
//! widget`'s page in A/B runs (30 first visits each, Chromium's own count of the main thread's
//! script time from just before the answer until the list is painted): 9.8–9.9 → 7.1–7.3 ms.
//! With the answer at once, it waits for an idle moment and is usually not needed.
//!
//! What this must never do: show, announce, fire or fetch anything. The sample is rendered into
//! an element of a document of its own (`createHTMLDocument`: no window, so nothing in it is
//! styled, laid out or loaded) and dropped; no state of the element is touched.
//! `tests/e2e/widget.test.mjs` ("while the first answer is on its way") checks the page.

use std::cell::Cell;

use js_sys::JSON;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::read;
use crate::view::{self, ListContext};

/// Two options the shape of a real answer's (a pickup option with a point not yet read, a home
/// delivery with a threshold, badges, texts, a logo and a tag): the branches the first render
/// takes for common answers. No image in it loads (see [`warm_up`]).
const SAMPLE: &str = r#"{"options":[{"id":"a","name":"A","carrier":"c","type":"pickup-point","class":"standard","price":5900,"tax_rate":2500,"group":"pickup","currency":"NOK","service_texts":{"display_name":"A","description":"D","help_text":"H"},"logo_url":"/l.svg","environmental":{"tag_image_url":"/e.svg","long_text":"E","fossil_free_share":1},"delivery_time_text":"T","badges":["cheapest"],"locations":[{"id":"p","name":"P"}]},{"id":"b","name":"B","carrier":"c","type":"delivery-address","price":9900,"tax_rate":2500,"group":"home","free_above":50000,"service_texts":{"display_name":"B"},"delivery_time_text":"T","badges":["fastest"]}]}"#;

thread_local! {
    /// Whether the render has run on this page (the sample's or an answer's).
    static RENDERED: Cell<bool> = const { Cell::new(false) };
}

/// Notes that an answer's options have been rendered: the code is compiled, and a warm-up
/// still to come has nothing left to do.
pub(super) fn rendered() {
    let _ = RENDERED.try_with(|rendered| rendered.set(true));
}

/// Renders [`SAMPLE`] once per page, when the page is next idle (`requestIdleCallback`; a task
/// of its own where there is none, as in Safari), unless an answer has been rendered by then.
///
/// Not at once: an answer that comes back within a few ms (the edge's cache) would wait for
/// the warm-up, which costs more than the compiling it saves the answer (measured: 4 ms later
/// in the DOM with the answer at once).
pub(super) fn warm_up_when_idle(context: ListContext) {
    if RENDERED.try_with(Cell::get).unwrap_or(true) {
        return;
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    let run = Closure::once_into_js(move || warm_up(&context));
    if window.request_idle_callback(run.unchecked_ref()).is_err() {
        let _ = window.set_timeout_with_callback(run.unchecked_ref());
    }
}

/// Renders [`SAMPLE`] into a detached element of an inert document (made by
/// `createHTMLDocument`: no window, so nothing in it is styled, laid out or fetched).
/// `context` is the one the element's own list would be rendered with.
fn warm_up(context: &ListContext) {
    if RENDERED
        .try_with(|rendered| rendered.replace(true))
        .unwrap_or(true)
    {
        return;
    }
    let Ok(answer) = JSON::parse(SAMPLE) else {
        return;
    };
    let inert = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.implementation().ok())
        .and_then(|implementation| implementation.create_html_document_with_title("").ok());
    let Some(body) = inert.and_then(|document| document.create_element("div").ok()) else {
        return;
    };
    let mut unread_points = Vec::new();
    let options = read::read_options(&answer, &mut unread_points);
    view::render_list(&body, &options, &unread_points, context);
}

#[cfg(test)]
mod tests {
    use shared::model::ShippingOption;

    use super::SAMPLE;

    #[derive(serde::Deserialize)]
    struct Answer {
        options: Vec<ShippingOption>,
    }

    /// A sample the model refused (a renamed field, say) would warm nothing, silently.
    #[test]
    fn the_sample_is_an_answer_the_edge_could_send_with_the_parts_it_warms() {
        let answer: Answer = serde_json::from_str(SAMPLE).unwrap();
        let shapes: Vec<_> = answer
            .options
            .iter()
            .map(|option| {
                (
                    option.id.as_str(),
                    option.locations.as_ref().map(Vec::len),
                    option.free_above,
                    option.badges.len(),
                    option.logo_url.is_some(),
                    option.environmental.is_some(),
                    option.delivery_time_text.is_some(),
                )
            })
            .collect();
        assert_eq!(
            shapes,
            [
                ("a", Some(1), None, 1, true, true, true),
                ("b", None, Some(50_000), 1, false, false, true),
            ]
        );
    }
}
