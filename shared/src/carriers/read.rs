//! Reading a carrier's JSON answer, the same way for every carrier (the rules are in the
//! module docs of [`carriers`](super)): the status first, then the media type, then the body.
//!
//! Failure texts name what was wrong and where (the path, line and column), never the body: a
//! body could echo anything, and a failure ends up in logs and warnings. serde's own messages
//! are not used for that reason ("invalid type: string \"…\"" quotes the value); a missing field
//! is named by our schema, so it is the one thing said besides "not JSON" or "not of the
//! documented shape".

use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use super::CarrierFailure;
use crate::model::{error_path, missing_field, objects_only};

/// Reads an answer as `T`. A non-success status is [`CarrierFailure::from_status`] with
/// `error_detail(body)` as the carrier's account of it; otherwise see [`read_body`].
pub(crate) fn read_answer<T: DeserializeOwned>(
    status: u16,
    content_type: Option<&str>,
    body: &str,
    error_detail: impl FnOnce(&str) -> Option<String>,
) -> Result<T, CarrierFailure> {
    if let Some(failure) = CarrierFailure::from_status(status) {
        return Err(failure.with_detail(error_detail(body)));
    }
    read_body(content_type, body)
}

/// Reads a success answer's body as `T`: a media type other than JSON, or a body that is not
/// JSON of the expected shape, is [`CarrierFailure::Malformed`]. A missing `Content-Type` is not
/// a failure by itself: the body decides.
pub(crate) fn read_body<T: DeserializeOwned>(
    content_type: Option<&str>,
    body: &str,
) -> Result<T, CarrierFailure> {
    if let Some(media_type) = content_type.map(media_type) {
        if !is_json(&media_type) {
            return Err(malformed(format!(
                "the content type {media_type} is not JSON"
            )));
        }
    }
    let mut deserializer = serde_json::Deserializer::from_str(body);
    objects_only::deserialize(&mut deserializer).map_err(|error| body_failure(body, &error))
}

/// Not generic, so the one copy serves every answer type.
fn body_failure(body: &str, inner: &serde_json::Error) -> CarrierFailure {
    let path = error_path(body, inner);
    let what = match inner.classify() {
        serde_json::error::Category::Data => {
            if missing_field(&inner.to_string()).is_some() {
                format!("JSON not of the documented shape: `{path}` is missing")
            } else {
                format!("JSON not of the documented shape{}", at(&path))
            }
        }
        _ => format!("not JSON{}", at(&path)),
    };
    malformed(format!(
        "the body is {what} (line {}, column {})",
        inner.line(),
        inner.column()
    ))
}

/// A part of an answer to be read on its own (one product, one place, one opening-hours
/// entry), so that a part of an unexpected shape costs only itself: kept as its JSON text, as
/// the carrier wrote it. Reading an answer into parts only finds where each part begins and
/// ends; each part is then read once, straight from its text. (It was a `serde_json::Value`:
/// every key and value allocated, then written out as text again to be read as its type,
/// which was the largest share of the CPU a quote costs the edge, `./x bench edge` section 1b.)
///
/// Read so, a part holding what serde_json reads as a syntax error (a number out of `f64`'s
/// range) costs only that part, where a `Value` of the whole answer refused all of it; and a
/// part naming a field twice is refused where the `Value` kept the last copy silently (which
/// copy a carrier meant cannot be known).
pub(crate) type Part = Box<RawValue>;

/// Reads a part as `T`. The error names the part's full path (`path` and the path inside it)
/// and, like every failure text, never quotes the body.
pub(crate) fn read_part<T: DeserializeOwned>(part: &RawValue, path: &str) -> Result<T, String> {
    let text = part.get();
    let mut deserializer = serde_json::Deserializer::from_str(text);
    objects_only::deserialize(&mut deserializer).map_err(|error| part_failure(text, &error, path))
}

/// A part whose failure is only counted or dropped (a Bring product or pickup point, a PostNord
/// coordinate): `None` when it is not of `T`'s shape.
pub(crate) fn read_value<T: DeserializeOwned>(part: &RawValue) -> Option<T> {
    objects_only::deserialize(&mut serde_json::Deserializer::from_str(part.get())).ok()
}

/// What a part is, where an answer may hold one of several shapes in one place.
pub(crate) enum Shape {
    /// A JSON list, as its items.
    List(Vec<Part>),
    /// A JSON object.
    Object,
    /// A string, number, boolean or `null`.
    Scalar,
}

/// The shape of `part`, from its first character: the text is JSON the answer's reader has
/// already checked, so a list always reads as its items.
pub(crate) fn shape(part: &RawValue) -> Shape {
    match part.get().trim_start().as_bytes().first() {
        Some(b'[') => read_value(part).map_or(Shape::Scalar, Shape::List),
        Some(b'{') => Shape::Object,
        _ => Shape::Scalar,
    }
}

/// Not generic, so the one copy serves every part type.
fn part_failure(text: &str, error: &serde_json::Error, path: &str) -> String {
    let inner = error_path(text, error);
    let message = error.to_string();
    match missing_field(&message) {
        // `inner` already ends with the field; name the object it is missing from.
        Some(field) => {
            let object = inner
                .strip_suffix(field)
                .unwrap_or("")
                .trim_end_matches('.');
            format!("{}: missing field `{field}`", join(path, object))
        }
        None => format!("{}: not of the documented shape", join(path, &inner)),
    }
}

/// ` at `path`` for a failure text, or nothing for the body as a whole.
fn at(path: &str) -> String {
    if path.is_empty() {
        String::new()
    } else {
        format!(" at `{path}`")
    }
}

fn join(outer: &str, inner: &str) -> String {
    match (outer.is_empty(), inner.is_empty()) {
        (_, true) => outer.to_owned(),
        (true, false) => inner.to_owned(),
        (false, false) => format!("{outer}.{inner}"),
    }
}

fn malformed(detail: String) -> CarrierFailure {
    CarrierFailure::Malformed { detail }
}

/// The media type without parameters, lower case, and only when it looks like one: it is quoted
/// in a failure text, which must not carry whatever a broken proxy put in the header.
fn media_type(content_type: &str) -> String {
    let essence = content_type.split(';').next().unwrap_or("").trim();
    let plausible = !essence.is_empty()
        && essence.len() <= 100
        && essence
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/.+-_".contains(&b));
    if plausible {
        essence.to_ascii_lowercase()
    } else {
        "given".to_owned()
    }
}

fn is_json(media_type: &str) -> bool {
    media_type == "application/json" || media_type.ends_with("+json")
}

/// A distance in whole metres, as carriers document it (`413`), read leniently: a number
/// written as a string (`"413"`) or with a zero fraction (`413.0`) is taken too, and anything
/// else (`null`, negative, too large) is no distance rather than an unreadable place: a place
/// is worth offering without its distance. Use with `#[serde(default, deserialize_with = …)]`.
pub(crate) fn lenient_metres<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<u32>, D::Error> {
    use serde::Deserialize;
    let value = serde_json::Value::deserialize(deserializer)?;
    let metres = match &value {
        serde_json::Value::Number(number) => number.as_u64().or_else(|| {
            number
                .as_f64()
                .filter(|m| m.fract() == 0.0 && *m >= 0.0 && *m <= f64::from(u32::MAX))
                .map(|m| m as u64)
        }),
        serde_json::Value::String(text) => text.trim().parse::<u64>().ok(),
        _ => None,
    };
    Ok(metres.and_then(|m| u32::try_from(m).ok()))
}
