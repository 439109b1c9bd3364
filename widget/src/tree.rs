//! A description of DOM to build, written by the browser in one call.
//!
//! Why: building twenty options node by node from wasm took some 1,500 calls out of wasm (create,
//! class, part, attribute, text, append), each decoding its strings anew, and those crossings
//! were most of the render time. A [`Tree`] records the same steps as numbers plus one string of
//! all the texts; `widget/js/tree.js` replays them with `createElement`, `setAttribute` and
//! `textContent` into a detached fragment and attaches it once. Rust still decides every node,
//! class, part, attribute and text; the JavaScript side has no rules of its own.
//!
//! Texts are only ever set as `textContent` or attribute values (the writer has no other
//! operation), so a carrier's `<img onerror>` is shown as text, never parsed.
//!
//! The instruction format, shared with `widget/js/tree.js` (keep the two in step): a flat list of
//! `u32`s; a string operand is two numbers, its start and end in `text` counted in UTF-16 code
//! units (JavaScript's string indices), so the writer slices one decoded string.
//! - `OPEN tag`: a new `tag` element, appended to the current one, becomes the current one;
//! - `CLOSE`: its parent becomes the current one again;
//! - `ATTR name value`: `setAttribute(name, value)` on the current element;
//! - `TEXT value`: `textContent = value` on the current element;
//! - `CLASS name`: `className = name` on the current element (a constant).
//!
//! Tags, attribute names and classes are constants: each is sent once per tree and the writer
//! slices it once.

use wasm_bindgen::prelude::*;
use web_sys::Element;

const OPEN: u32 = 0;
const CLOSE: u32 = 1;
const ATTR: u32 = 2;
const TEXT: u32 = 3;
const CLASS: u32 = 4;

#[wasm_bindgen(module = "/js/tree.js")]
extern "C" {
    #[wasm_bindgen(js_name = writeTree)]
    fn write_tree(parent: &Element, mode: u32, ops: &[u32], text: &str);
}

/// Where a written tree goes in its parent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// Instead of the parent's content.
    Replace = 0,
    /// After the parent's content.
    Append = 1,
    /// Before the parent's content.
    Prepend = 2,
}

/// DOM to build: elements, their attributes and texts, in document order.
#[derive(Default)]
pub struct Tree {
    ops: Vec<u32>,
    text: String,
    /// `text`'s length in UTF-16 code units.
    utf16: u32,
    /// Constant names already in `text` (by address and length), so `class` or `span` is sent
    /// once.
    names: Vec<((usize, usize), [u32; 2])>,
    /// Elements opened and not yet closed.
    depth: u32,
}

impl Tree {
    pub fn new() -> Tree {
        Tree::default()
    }

    /// Opens a `tag` element inside the current one.
    pub fn open(&mut self, tag: &'static str) -> &mut Tree {
        self.ops.push(OPEN);
        self.name(tag);
        self.depth += 1;
        self
    }

    /// Opens a `tag` element with `class` (the default theme selects on classes).
    pub fn node(&mut self, tag: &'static str, class: &'static str) -> &mut Tree {
        self.open(tag);
        self.ops.push(CLASS);
        self.name(class);
        self
    }

    /// Opens a `tag` element with `name` as its class and its `part`: a piece of the styling
    /// API (see the README before renaming one).
    pub fn part(&mut self, tag: &'static str, name: &'static str) -> &mut Tree {
        self.node(tag, name).constant("part", name)
    }

    /// Closes the current element.
    pub fn close(&mut self) -> &mut Tree {
        debug_assert!(self.depth > 0, "close() without open()");
        self.ops.push(CLOSE);
        self.depth = self.depth.saturating_sub(1);
        self
    }

    /// Sets an attribute of the current element to a value that varies.
    pub fn attr(&mut self, name: &'static str, value: &str) -> &mut Tree {
        self.ops.push(ATTR);
        self.name(name);
        self.string(value);
        self
    }

    /// Sets an attribute of the current element to a constant (sent once per tree).
    pub fn constant(&mut self, name: &'static str, value: &'static str) -> &mut Tree {
        self.ops.push(ATTR);
        self.name(name);
        self.name(value);
        self
    }

    /// Sets the current element's text.
    pub fn text(&mut self, value: &str) -> &mut Tree {
        self.ops.push(TEXT);
        self.string(value);
        self
    }

    /// A `tag` element with `class` and `text`, closed.
    pub fn text_node(&mut self, tag: &'static str, class: &'static str, text: &str) -> &mut Tree {
        self.node(tag, class).text(text).close()
    }

    /// A `tag` element with `name` as class and part and `text`, closed.
    pub fn text_part(&mut self, tag: &'static str, name: &'static str, text: &str) -> &mut Tree {
        self.part(tag, name).text(text).close()
    }

    /// The instructions and the text, as the writer receives them (for tests).
    #[cfg(test)]
    fn parts(&self) -> (&[u32], &str) {
        (&self.ops, &self.text)
    }

    /// Builds the tree in `parent`'s document and places it in `parent`, in one call out of
    /// wasm.
    pub fn write(&self, parent: &Element, place: Place) {
        debug_assert_eq!(self.depth, 0, "every open() needs its close()");
        write_tree(parent, place as u32, &self.ops, &self.text);
    }

    fn name(&mut self, name: &'static str) {
        let address = (name.as_ptr() as usize, name.len());
        if let Some((_, range)) = self.names.iter().find(|(a, _)| *a == address) {
            let range = *range;
            self.ops.extend_from_slice(&range);
            return;
        }
        let start = self.utf16;
        self.string(name);
        // `string` pushed [start, end]; remember them for the next use of this name.
        let end = self.utf16;
        self.names.push((address, [start, end]));
    }

    fn string(&mut self, value: &str) {
        let start = self.utf16;
        self.text.push_str(value);
        // ASCII, the common case, counts its bytes; anything else counts what JavaScript counts.
        let units = if value.is_ascii() {
            value.len()
        } else {
            value.encode_utf16().count()
        };
        self.utf16 += units as u32;
        self.ops.extend_from_slice(&[start, self.utf16]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The instructions read back as markup, the way the writer would build them.
    fn markup(tree: &Tree) -> String {
        let (ops, text) = tree.parts();
        let units: Vec<u16> = text.encode_utf16().collect();
        let s =
            |i: usize| String::from_utf16(&units[ops[i] as usize..ops[i + 1] as usize]).unwrap();
        let (mut out, mut stack, mut i) = (String::new(), Vec::new(), 0);
        let mut in_tag = false;
        while i < ops.len() {
            match ops[i] {
                OPEN => {
                    if in_tag {
                        out.push('>');
                    }
                    let tag = s(i + 1);
                    out.push_str(&format!("<{tag}"));
                    stack.push(tag);
                    in_tag = true;
                    i += 3;
                }
                ATTR => {
                    out.push_str(&format!(" {}=\"{}\"", s(i + 1), s(i + 3)));
                    i += 5;
                }
                CLASS => {
                    out.push_str(&format!(" class=\"{}\"", s(i + 1)));
                    i += 3;
                }
                TEXT => {
                    if in_tag {
                        out.push('>');
                        in_tag = false;
                    }
                    out.push_str(&s(i + 1));
                    i += 3;
                }
                CLOSE => {
                    if in_tag {
                        out.push('>');
                        in_tag = false;
                    }
                    out.push_str(&format!("</{}>", stack.pop().unwrap()));
                    i += 1;
                }
                op => panic!("unknown op {op}"),
            }
        }
        out
    }

    #[test]
    fn records_elements_attributes_and_texts_in_order() {
        let mut tree = Tree::new();
        tree.part("div", "option")
            .attr("data-i", "3")
            .text_node("span", "name", "Hentested")
            .close();
        assert_eq!(
            markup(&tree),
            "<div class=\"option\" part=\"option\" data-i=\"3\"><span class=\"name\">Hentested</span></div>"
        );
    }

    #[test]
    fn constant_names_are_sent_once() {
        let mut tree = Tree::new();
        for text in ["a", "b", "c"] {
            tree.text_node("span", "name", text);
        }
        let (ops, text) = tree.parts();
        assert_eq!(text, "spannameabc");
        assert_eq!(
            ops,
            [
                OPEN, 0, 4, CLASS, 4, 8, TEXT, 8, 9, CLOSE, //
                OPEN, 0, 4, CLASS, 4, 8, TEXT, 9, 10, CLOSE, //
                OPEN, 0, 4, CLASS, 4, 8, TEXT, 10, 11, CLOSE,
            ]
        );
    }

    #[test]
    fn offsets_count_utf16_units_as_javascript_does() {
        let mut tree = Tree::new();
        // ø is one unit (two UTF-8 bytes), the parcel emoji two (four bytes).
        tree.text_node("p", "x", "Sjøgata 📦 31")
            .text_node("p", "x", "ok");
        assert_eq!(
            markup(&tree),
            "<p class=\"x\">Sjøgata 📦 31</p><p class=\"x\">ok</p>"
        );
        let (ops, _) = tree.parts();
        // "p" 0..1, "x" 1..2, then the text: 12 characters, 13 units.
        assert_eq!(&ops[..9], [OPEN, 0, 1, CLASS, 1, 2, TEXT, 2, 15]);
    }

    #[test]
    fn markup_in_texts_stays_text() {
        let hostile = "<img src=x onerror=alert(1)>";
        let mut tree = Tree::new();
        tree.open("p").attr("title", hostile).text(hostile).close();
        let (ops, text) = tree.parts();
        // One element, one attribute, one text, the close: the text became no instruction.
        assert_eq!(ops.len(), 3 + 5 + 3 + 1);
        assert_eq!(text, format!("ptitle{hostile}{hostile}"));
    }
}
