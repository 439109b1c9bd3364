//! `from_json`: parse a payload and, when it does not fit, say where in it the problem is.

use serde::de::DeserializeOwned;

use crate::error::Error;

/// Parses `json` into `T`. On failure the error names the path of the offending field
/// (`shipping_options[0].price`) next to serde_json's own message.
///
/// serde_json reports only a line and a column. The path is recovered by re-reading the text up
/// to that point: it costs nothing when parsing succeeds, and it needs no extra crate, which
/// matters for the size of the widget's wasm.
pub fn from_json<T: DeserializeOwned>(json: &str) -> Result<T, Error> {
    serde_json::from_str(json).map_err(|error| {
        let message = error.to_string();
        let mut offset = byte_offset(json, error.line(), error.column());
        let missing = missing_field(&message);
        if missing.is_some() {
            // serde notices a missing field once it has read its object's closing brace; step
            // back inside the object, whose last key is then replaced by the missing one.
            offset = before_closing_brace(json.as_bytes(), offset);
        }
        let mut frames = frames_before(json, offset);
        if let (Some(field), Some(Frame::Object { key, .. })) = (missing, frames.last_mut()) {
            *key = Some(field.to_owned());
        }
        Error::Json {
            path: render(&frames),
            message,
        }
    })
}

/// Where the reader stands in one open object or array.
enum Frame {
    /// Inside an object: the key whose value is being read, if one has been read since the
    /// last `{` or `,`.
    Object {
        key: Option<String>,
        awaiting_key: bool,
    },
    /// Inside an array: the index of the element being read.
    Array { index: usize },
}

/// The byte offset of serde_json's 1-based line and its column (bytes into that line).
fn byte_offset(json: &str, line: usize, column: usize) -> usize {
    let line_start = match line {
        0 | 1 => 0,
        _ => json
            .match_indices('\n')
            .nth(line - 2)
            .map_or(json.len(), |(index, _)| index + 1),
    };
    (line_start + column).min(json.len())
}

/// The offset of the `}` that ends just before `offset` (ignoring whitespace), or `offset`.
fn before_closing_brace(bytes: &[u8], offset: usize) -> usize {
    match bytes[..offset]
        .iter()
        .rposition(|byte| !byte.is_ascii_whitespace())
    {
        Some(brace) if bytes[brace] == b'}' => brace,
        _ => offset,
    }
}

/// The objects and arrays still open after reading `json` up to `offset`.
fn frames_before(json: &str, offset: usize) -> Vec<Frame> {
    let bytes = json.as_bytes();
    let mut frames = Vec::new();
    let mut at = 0;
    while at < offset {
        match bytes[at] {
            b'{' => frames.push(Frame::Object {
                key: None,
                awaiting_key: true,
            }),
            b'[' => frames.push(Frame::Array { index: 0 }),
            b'}' | b']' => {
                frames.pop();
            }
            b',' => match frames.last_mut() {
                Some(Frame::Object { key, awaiting_key }) => {
                    *key = None;
                    *awaiting_key = true;
                }
                Some(Frame::Array { index }) => *index += 1,
                None => {}
            },
            b'"' => {
                let end = string_end(bytes, at + 1);
                if let Some(Frame::Object {
                    key,
                    awaiting_key: awaiting @ true,
                }) = frames.last_mut()
                {
                    *key = Some(String::from_utf8_lossy(&bytes[at + 1..end]).into_owned());
                    *awaiting = false;
                }
                at = end;
            }
            _ => {}
        }
        at += 1;
    }
    frames
}

/// The index of the quote that closes the string starting at `start`, or the end of the text.
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut at = start;
    while at < bytes.len() {
        match bytes[at] {
            b'\\' => at += 2,
            b'"' => return at,
            _ => at += 1,
        }
    }
    bytes.len()
}

/// The field named by serde's "missing field `name`" message.
fn missing_field(message: &str) -> Option<&str> {
    message.strip_prefix("missing field `")?.split('`').next()
}

/// `shipping_options[0].price` from the open frames.
fn render(frames: &[Frame]) -> String {
    let mut path = String::new();
    for frame in frames {
        match frame {
            Frame::Object { key: Some(key), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Frame::Object { key: None, .. } => {}
            Frame::Array { index } => path.push_str(&format!("[{index}]")),
        }
    }
    path
}
