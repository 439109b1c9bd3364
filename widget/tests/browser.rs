//! The tree writer in a real browser (headless Chromium through `wasm-bindgen-test-runner`): what
//! `widget::tree` records, `widget/js/tree.js` builds, exactly, and never as HTML.

#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::Element;
use widget::tree::{Place, Tree};

wasm_bindgen_test_configure!(run_in_browser);

fn fresh_parent() -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let parent = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&parent).unwrap();
    parent
}

#[wasm_bindgen_test]
fn writes_elements_attributes_and_texts_in_order() {
    let parent = fresh_parent();
    let mut tree = Tree::new();
    tree.part("div", "option")
        .attr("data-i", "0")
        .node("label", "row")
        .node("input", "radio")
        .constant("type", "radio")
        .attr("value", "bring-3584")
        .close()
        .text_part("span", "name", "Hentested")
        .close()
        .close();
    tree.write(&parent, Place::Append);

    assert_eq!(
        parent.inner_html(),
        "<div class=\"option\" part=\"option\" data-i=\"0\"><label class=\"row\">\
         <input class=\"radio\" type=\"radio\" value=\"bring-3584\">\
         <span class=\"name\" part=\"name\">Hentested</span></label></div>"
    );
}

#[wasm_bindgen_test]
fn a_text_stands_before_the_children_opened_after_it() {
    // The environmental tag's shape: its text, then its image (`loading` before `src`).
    let parent = fresh_parent();
    let mut tree = Tree::new();
    tree.part("div", "environmental-tag")
        .attr("id", "do-o0-env")
        .text("Fossilfri levering")
        .node("img", "environmental-image")
        .constant("loading", "lazy")
        .attr("src", "/tag.svg")
        .constant("alt", "")
        .close()
        .close();
    tree.write(&parent, Place::Append);

    assert_eq!(
        parent.inner_html(),
        "<div class=\"environmental-tag\" part=\"environmental-tag\" id=\"do-o0-env\">\
         Fossilfri levering<img class=\"environmental-image\" loading=\"lazy\" \
         src=\"/tag.svg\" alt=\"\"></div>"
    );
}

#[wasm_bindgen_test]
fn markup_in_texts_and_attributes_is_shown_not_parsed() {
    let parent = fresh_parent();
    let hostile = "<img src=x onerror=alert(1)><b>bold</b>";
    let mut tree = Tree::new();
    tree.text_part("p", "description", hostile);
    tree.open("img").attr("alt", hostile).close();
    tree.write(&parent, Place::Append);

    let text = parent.first_element_child().unwrap();
    assert_eq!(text.text_content().as_deref(), Some(hostile));
    assert_eq!(
        text.child_element_count(),
        0,
        "markup must not become elements"
    );
    assert_eq!(
        text.inner_html(),
        "&lt;img src=x onerror=alert(1)&gt;&lt;b&gt;bold&lt;/b&gt;"
    );
    let image = parent.last_element_child().unwrap();
    assert_eq!(image.get_attribute("alt").as_deref(), Some(hostile));
    assert_eq!(image.get_attribute("src"), None);
    assert_eq!(parent.query_selector_all("img").unwrap().length(), 1);
}

#[wasm_bindgen_test]
fn texts_beyond_ascii_arrive_whole() {
    // The writer slices one string by UTF-16 offsets: a two-byte letter or a surrogate pair
    // counted wrong would shift every text after it.
    let parent = fresh_parent();
    let texts = ["Sjøgata 31", "📦 Pakkeboks", "Ålesund – 5 km", "plain"];
    let mut tree = Tree::new();
    for text in texts {
        tree.text_node("span", "t", text);
    }
    tree.write(&parent, Place::Append);

    let spans = parent.query_selector_all("span").unwrap();
    let written: Vec<String> = (0..spans.length())
        .map(|i| spans.get(i).unwrap().text_content().unwrap())
        .collect();
    assert_eq!(written, texts);
}

#[wasm_bindgen_test]
fn places_replace_append_and_prepend() {
    let parent = fresh_parent();
    let one = |text: &str| {
        let mut tree = Tree::new();
        tree.text_node("p", "x", text);
        tree
    };
    one("b").write(&parent, Place::Append);
    one("c").write(&parent, Place::Append);
    one("a").write(&parent, Place::Prepend);
    assert_eq!(parent.text_content().as_deref(), Some("abc"));
    one("new").write(&parent, Place::Replace);
    assert_eq!(
        parent.inner_html(),
        "<p class=\"x\">new</p>",
        "replace leaves nothing of the old content"
    );
}
