//! The widget in a real browser: headless Chromium through `wasm-bindgen-test-runner`.

#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::Element;
use widget::{append_delivery_time, view};

wasm_bindgen_test_configure!(run_in_browser);

const NOW: &str = "2026-03-02T09:00:00+01:00";

fn fresh_parent() -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let parent = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&parent).unwrap();
    parent
}

#[wasm_bindgen_test]
fn appends_the_sentence_as_text() {
    let parent = fresh_parent();
    let json = r#"{"interval":{"earliest":"1","latest":"5"},"cutoff":"2026-03-02T11:30:00+01:00"}"#;

    let element = append_delivery_time(&parent, json, NOW, "en")
        .unwrap()
        .unwrap();

    assert_eq!(element.tag_name(), "P");
    assert_eq!(
        element.get_attribute("part").as_deref(),
        Some("delivery-time")
    );
    assert_eq!(
        element.text_content().as_deref(),
        Some("Delivered in 1-5 business days, if ordered before 11:30")
    );
    assert_eq!(parent.child_element_count(), 1);
}

#[wasm_bindgen_test]
fn html_in_the_input_is_shown_not_parsed() {
    let parent = fresh_parent();
    // `shared` builds the sentence from the locale's words and validated numbers and times, so
    // markup cannot reach it through `append_delivery_time` today (see the error test below).
    // Carrier texts will, so the DOM path every text goes through is checked with hostile text.
    let hostile = "<img src=x onerror=alert(1)><b>bold</b>";
    let element = view::append_text_element(&parent, "p", "delivery-time", hostile).unwrap();

    assert_eq!(element.text_content().as_deref(), Some(hostile));
    assert_eq!(
        element.child_element_count(),
        0,
        "markup must not become elements"
    );
    assert_eq!(
        element.inner_html(),
        "&lt;img src=x onerror=alert(1)&gt;&lt;b&gt;bold&lt;/b&gt;"
    );
}

#[wasm_bindgen_test]
fn nothing_to_say_appends_nothing() {
    let parent = fresh_parent();
    assert!(append_delivery_time(&parent, "{}", NOW, "en")
        .unwrap()
        .is_none());
    assert_eq!(parent.child_element_count(), 0);
}

#[wasm_bindgen_test]
fn bad_input_is_an_error_not_a_panic() {
    let parent = fresh_parent();
    assert!(append_delivery_time(&parent, r#"{"cutoff":"<b>soon</b>"}"#, NOW, "en").is_err());
    assert_eq!(parent.child_element_count(), 0);
}
