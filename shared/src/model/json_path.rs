//! `path_at`: the path of the field a JSON text was being read at, found from the text and the
//! position serde_json gave its error (`shipping_options[0].price`).
//!
//! Why not a tracking deserializer (`serde_path_to_error`, which this replaced): a deserializer
//! that wraps serde_json's is generic over every visitor, so each type's `Deserialize` was
//! compiled once more inside it, a fifth of the Worker's code. This scanner is one plain
//! function, and it runs only when reading has already failed.
//!
//! It names what a tracking deserializer names: the value being read when the error came, and
//! the container itself when the error is in the container's own syntax (a missing comma, a
//! trailing comma, a key that is not a string). A missing field's error comes at the end of its
//! object, so the path is the object's; the caller adds the field from serde's message.

/// The path at byte `line`/`column` (serde_json's 1-based line, bytes into that line) of
/// `json`: `a.b[2].c`, empty for the document as a whole. `data` says the error is about the
/// data (serde_json's `Category::Data`: a wrong type or value, an unknown or missing field)
/// rather than the syntax or an early end; it decides whether a value that has just ended, or
/// not begun, is the one at fault. `eof` says the text ended too early (`Category::Eof`).
/// `key_refused_by_object` says an error right after a key is its object's (a duplicate field)
/// rather than the key's (an unknown field).
pub(crate) fn path_at(
    json: &str,
    line: usize,
    column: usize,
    data: bool,
    eof: bool,
    key_refused_by_object: bool,
) -> String {
    if line == 0 {
        return String::new();
    }
    let end = offset_of(json, line, column);
    // Broken syntax is mostly reported at the byte serde_json refused (and counted it), but an
    // enum's end is reported at the byte after its content, not counted.
    let syntax = !data && !eof;
    let mut stack: Vec<Frame> = Vec::new();
    // The top-level value's own state, as if it were the one element of an outer container.
    let mut top = State::ExpectValue;
    let bytes = json.as_bytes();
    // Where the number or word being read ends, and whether it is whole there.
    let mut scalar_end = 0;
    let mut scalar_whole = false;
    let mut scalar_start = 0;
    let mut i = 0;
    while i < end {
        let byte = bytes[i];
        let state = stack.last().map_or(top, |frame| frame.state);
        match state {
            State::InString | State::InKey => {
                let close = string_end(bytes, i, end);
                match close {
                    Some(after) => {
                        if let Some(frame) = stack.last_mut() {
                            if state == State::InKey {
                                frame.key = decode_key(&json[frame.key_start..after]);
                                frame.state = State::AfterKey;
                            } else {
                                frame.state = State::AfterValue;
                            }
                        } else {
                            top = State::AfterValue;
                        }
                        i = after;
                    }
                    None => i = end,
                }
                continue;
            }
            State::InScalar => {
                if i < scalar_end {
                    i += 1;
                } else {
                    set_state(&mut stack, &mut top, State::AfterValue);
                }
                continue;
            }
            _ => {}
        }
        if byte.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let kind = stack.last().map(|frame| frame.kind);
        match (state, byte, kind) {
            (State::ExpectValue | State::ExpectValueOrEnd, b'{', _) => {
                begin_value(&mut stack, &mut top);
                stack.push(Frame::new(Kind::Object, State::ExpectKeyOrEnd));
            }
            (State::ExpectValue | State::ExpectValueOrEnd, b'[', _) => {
                begin_value(&mut stack, &mut top);
                stack.push(Frame::new(Kind::Array, State::ExpectValueOrEnd));
            }
            (State::ExpectValue | State::ExpectValueOrEnd, b'"', _) => {
                begin_value(&mut stack, &mut top);
                set_state(&mut stack, &mut top, State::InString);
            }
            (State::ExpectValue | State::ExpectValueOrEnd, _, _) if is_scalar(byte) => {
                begin_value(&mut stack, &mut top);
                set_state(&mut stack, &mut top, State::InScalar);
                (scalar_end, scalar_whole) = scalar_extent(bytes, i);
                scalar_start = i;
            }
            // An empty container closed by the byte serde_json refused: `{}` where an enum
            // wants its variant. The error is inside it.
            (State::ExpectValueOrEnd, b']', Some(Kind::Array))
            | (State::ExpectKeyOrEnd, b'}', Some(Kind::Object))
                if syntax && i + 1 == end =>
            {
                return render(&stack, Some(state), byte, data, key_refused_by_object);
            }
            (State::ExpectValueOrEnd, b']', Some(Kind::Array))
            | (State::ExpectKeyOrEnd, b'}', Some(Kind::Object))
            | (State::AfterValue, b']', Some(Kind::Array))
            | (State::AfterValue, b'}', Some(Kind::Object)) => {
                stack.pop();
                set_state(&mut stack, &mut top, State::AfterValue);
            }
            (State::AfterValue, b',', Some(kind)) => {
                let frame = stack.last_mut().expect("a container: kind is Some");
                match kind {
                    Kind::Array => {
                        frame.index += 1;
                        frame.state = State::ExpectValue;
                    }
                    Kind::Object => frame.state = State::ExpectKey,
                }
            }
            (State::ExpectKeyOrEnd | State::ExpectKey, b'"', _) => {
                let frame = stack
                    .last_mut()
                    .expect("a key is only expected in an object");
                frame.key_start = i;
                frame.state = State::InKey;
                i += 1;
                continue;
            }
            (State::AfterKey, b':', _) => {
                set_state(&mut stack, &mut top, State::ExpectValue);
            }
            _ => {
                // serde_json stopped at this byte: the syntax is broken here.
                return render(&stack, Some(state), byte, data, key_refused_by_object);
            }
        }
        i += 1;
    }
    // The scan ended just after a whole number or word: it has been read, and what failed is
    // its container (the text ended without closing it, or an enum's end was missing after
    // it). A one-byte number is the exception: it may be the byte serde_json refused (`0` where
    // an enum was due).
    let state = stack.last().map_or(top, |frame| frame.state);
    if state == State::InScalar
        && i >= scalar_end
        && scalar_whole
        && (eof || (syntax && scalar_end - scalar_start > 1))
    {
        set_state(&mut stack, &mut top, State::AfterValue);
    }
    render(&stack, None, b' ', data, key_refused_by_object)
}

/// The string that ends just before serde_json's line and column (`"boxed"` read as an enum's
/// variant), decoded; `None` if no string ends there.
pub(crate) fn string_before(json: &str, line: usize, column: usize) -> Option<String> {
    let end = offset_of(json, line, column);
    let text = json.get(..end)?.strip_suffix('"')?;
    let open = text.rfind('"')?;
    Some(decode_key(&json[open..end]))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Object,
    Array,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    /// Just inside `[`: an element or the end.
    ExpectValueOrEnd,
    /// After `:` in an object or `,` in an array, or at the start of the document.
    ExpectValue,
    /// Just inside `{`: a key or the end.
    ExpectKeyOrEnd,
    /// After `,` in an object.
    ExpectKey,
    InKey,
    /// A key read, its `:` not yet.
    AfterKey,
    InString,
    /// A number, `true`, `false`, `null` (or a broken word in their place).
    InScalar,
    /// A value read, the `,` or the container's end not yet.
    AfterValue,
}

struct Frame {
    kind: Kind,
    state: State,
    /// The element being read, in an array.
    index: usize,
    /// The key last read, in an object.
    key: String,
    key_start: usize,
}

impl Frame {
    fn new(kind: Kind, state: State) -> Self {
        Self {
            kind,
            state,
            index: 0,
            key: String::new(),
            key_start: 0,
        }
    }
}

fn set_state(stack: &mut [Frame], top: &mut State, state: State) {
    match stack.last_mut() {
        Some(frame) => frame.state = state,
        None => *top = state,
    }
}

/// A value begins in the innermost container: from here on it is that container's element.
fn begin_value(stack: &mut [Frame], top: &mut State) {
    set_state(stack, top, State::AfterValue);
}

/// The path of the containers, and of the innermost one's current member when the error is
/// that member's. `stopped_at` is the state and byte at which the syntax broke, if it did.
fn render(
    stack: &[Frame],
    stopped_at: Option<State>,
    byte: u8,
    data: bool,
    key_refused_by_object: bool,
) -> String {
    let mut path = String::new();
    let innermost = stack.len().saturating_sub(1);
    for (depth, frame) in stack.iter().enumerate() {
        let member = if depth < innermost {
            true
        } else {
            member_is_at_fault(frame, stopped_at, byte, data, key_refused_by_object)
        };
        if !member {
            break;
        }
        match frame.kind {
            Kind::Array => path.push_str(&format!("[{}]", frame.index)),
            Kind::Object => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(&frame.key);
            }
        }
    }
    path
}

/// Whether the innermost container's current member (element or key) is the one at fault, as
/// a tracking deserializer sees it: a member is being read from the first byte of its value
/// (in an object, from its key) until its value ends; an error in the separators around it is
/// the container's.
fn member_is_at_fault(
    frame: &Frame,
    stopped_at: Option<State>,
    byte: u8,
    data: bool,
    key_refused_by_object: bool,
) -> bool {
    match stopped_at {
        // Broken syntax at `byte`, in `state`.
        Some(state) => match (frame.kind, state) {
            // After `:`, whatever comes is read as the value.
            (Kind::Object, State::ExpectValue) => true,
            // After `[` or `,`, an element is read unless the list ends there (a trailing
            // comma).
            (Kind::Array, State::ExpectValue | State::ExpectValueOrEnd) => byte != b']',
            (_, State::InScalar | State::InString) => true,
            _ => false,
        },
        // The error came at the end of what was scanned.
        None => match frame.state {
            State::InString | State::InScalar => true,
            // A value that has just ended: the data in it was wrong (a missing comma would
            // have shown as a byte after it).
            State::AfterValue => data,
            // A key that has just been read (an unknown field), or a value about to begin (a
            // wrong type noticed at its first byte).
            State::AfterKey => data && !key_refused_by_object,
            State::ExpectValue => match frame.kind {
                Kind::Object => true,
                Kind::Array => data,
            },
            State::ExpectValueOrEnd => data,
            State::InKey | State::ExpectKey | State::ExpectKeyOrEnd => false,
        },
    }
}

/// The byte offset of serde_json's line and column; the end of `json` if beyond it.
fn offset_of(json: &str, line: usize, column: usize) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match json[start..].find('\n') {
            Some(newline) => start += newline + 1,
            None => return json.len(),
        }
    }
    (start + column).min(json.len())
}

/// The offset just after the closing quote of a string whose text begins at `start` (just
/// after its opening quote), if it closes before `end`.
fn string_end(bytes: &[u8], start: usize, end: usize) -> Option<usize> {
    let mut i = start;
    while i < end {
        match bytes[i] {
            // `\uXXXX` is read as six bytes whatever they are, as serde_json reads it.
            b'\\' if bytes.get(i + 1) == Some(&b'u') => i += 6,
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// A key as a deserializer sees it: its escapes decoded (`"a\u0062"` is `ab`).
fn decode_key(quoted: &str) -> String {
    serde_json::from_str::<String>(quoted).unwrap_or_else(|_| quoted.trim_matches('"').to_owned())
}

/// The end of the number or word (`true`, `false`, `null`) that begins at `start`, as
/// serde_json reads it, and whether it is whole there: where it stops being one, or just past
/// the byte it fails at (serde_json has read that byte when it reports the failure, so the
/// failure is the value's).
fn scalar_extent(bytes: &[u8], start: usize) -> (usize, bool) {
    let at = |i: usize| bytes.get(i).copied().unwrap_or(b' ');
    let word: Option<&[u8]> = match bytes[start] {
        b't' => Some(b"true"),
        b'f' => Some(b"false"),
        b'n' => Some(b"null"),
        b'-' | b'0'..=b'9' => None,
        // Nothing a value begins with: serde_json fails at this byte.
        _ => return (start + 1, false),
    };
    if let Some(word) = word {
        let end = (start + word.len()).min(bytes.len());
        return (end, bytes[start..end] == *word);
    }
    let mut i = start;
    // A part that must have at least one digit: the end just past the first non-digit if none.
    let digits = |mut i: usize| {
        if !at(i).is_ascii_digit() {
            return (i + 1, false);
        }
        while at(i).is_ascii_digit() {
            i += 1;
        }
        (i, true)
    };
    if at(i) == b'-' {
        i += 1;
    }
    if at(i) == b'0' {
        i += 1;
        // A second leading zero is where serde_json fails.
        if at(i).is_ascii_digit() {
            return ((i + 1).min(bytes.len()), false);
        }
    } else {
        let (next, ok) = digits(i);
        if !ok {
            return (next.min(bytes.len()), false);
        }
        i = next;
    }
    if at(i) == b'.' {
        let (next, ok) = digits(i + 1);
        if !ok {
            return (next.min(bytes.len()), false);
        }
        i = next;
    }
    if matches!(at(i), b'e' | b'E') {
        i += 1;
        if matches!(at(i), b'+' | b'-') {
            i += 1;
        }
        let (next, ok) = digits(i);
        if !ok {
            return (next.min(bytes.len()), false);
        }
        i = next;
    }
    (i.min(bytes.len()), true)
}

fn is_scalar(byte: u8) -> bool {
    !byte.is_ascii_whitespace() && !b"{}[],:\"".contains(&byte)
}
