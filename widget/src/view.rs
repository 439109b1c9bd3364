//! Builds DOM from values. Text always goes in as `textContent`, never as HTML: what a carrier or
//! a shop sends is shown to the shopper, never parsed or run.

use web_sys::Element;

use crate::WidgetError;

/// Appends a `tag` element with `text` as its only content and `part` as its `::part()` name (the
/// styling hook a shop uses), and returns it.
pub fn append_text_element(
    parent: &Element,
    tag: &str,
    part: &str,
    text: &str,
) -> Result<Element, WidgetError> {
    let document = parent
        .owner_document()
        .ok_or_else(|| WidgetError::Dom("the parent element belongs to no document".to_owned()))?;
    let element = document.create_element(tag)?;
    element.set_attribute("part", part)?;
    element.set_text_content(Some(text));
    parent.append_child(&element)?;
    Ok(element)
}
