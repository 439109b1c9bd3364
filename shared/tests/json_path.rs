//! `from_json` names the path of a bad field exactly as the tracking deserializer it replaced
//! (`serde_path_to_error`, kept as a dev-dependency for this comparison) named it: for every
//! reference payload broken in every place (cut short, one byte deleted, one byte changed,
//! a value of another type put in), both must give the same path and the same message.
//!
//! The path is found from the text and serde_json's error position (src/model/json_path.rs), so
//! these cases walk every position of real payloads, not a few chosen ones.

#![cfg(not(target_arch = "wasm32"))]

use serde::de::DeserializeOwned;
use serde::Deserialize;
use shared::kss::{AuthRequest, ShipmentRequest, ShippingOptionsRequest};
use shared::model::objects_only::ObjectsOnly;
use shared::model::{from_json, ShippingOption};
use shared::quote::DeliveryOptionsRequest;
use shared::Error;

/// A widget API body (`POST /v1/delivery-options`) with every part it can have.
const V1_BODY: &str = include_str!("fixtures/delivery_options_request.json");

/// A type with every shape a payload has: nested objects and lists, an enum, optional and
/// unknown-field-refusing parts, a map.
#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Shapes {
    name: String,
    count: u32,
    items: Vec<Item>,
    #[serde(default)]
    tags: Option<Vec<String>>,
    kind: Kind,
    extra: std::collections::BTreeMap<String, u8>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Item {
    id: u16,
    #[serde(default)]
    size: Option<(u8, u8)>,
    nested: Vec<Vec<bool>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "snake_case")]
#[allow(dead_code)]
enum Kind {
    Plain,
    Boxed { weight: u32 },
}

const SHAPES: &str = r#"{"name": "a\"b", "count": 3,
 "items": [{"id": 1, "size": [2, 3], "nested": [[true], []]}, {"id": 2, "nested": [[false, true]]}],
 "tags": ["x", "y\u0041"], "kind": {"boxed": {"weight": 7}}, "extra": {"k\u00e9y": 1, "b": 2}}"#;

#[test]
fn shapes_every_break_named_alike() {
    check_every_break::<Shapes>(SHAPES);
    check_every_break::<Shapes>(&SHAPES.replace(r#"{"boxed": {"weight": 7}}"#, r#""plain""#));
}

#[test]
fn v1_body_every_break_named_alike() {
    check_every_break::<DeliveryOptionsRequest>(V1_BODY);
}

#[test]
fn kss_payloads_every_break_named_alike() {
    check_every_break::<AuthRequest>(include_str!("fixtures/kss/auth_request.json"));
    check_every_break::<ShippingOptionsRequest>(include_str!(
        "fixtures/kss/shippingoptions_request.json"
    ));
    check_every_break::<ShipmentRequest>(include_str!("fixtures/kss/shipment_request.json"));
    check_every_break::<ShippingOption>(include_str!("fixtures/kss/option_with_extras.json"));
}

#[test]
fn chosen_breaks() {
    for json in [
        "",
        " ",
        "[",
        "[1,",
        "[1,]",
        "[1 2]",
        "{",
        r#"{"a""#,
        r#"{"a" 1}"#,
        r#"{"a": }"#,
        r#"{"a": 1,}"#,
        r#"{"a": 1 "b": 2}"#,
        r#"{"items": [{"nested": [[tru]]}]}"#,
        r#"{"a": "\x"}"#,
        r#"{"\x": 1}"#,
        "[1, \"a\"]",
        "[1]xyz",
        "[[1], [2, {}]]",
    ] {
        check::<Vec<u32>>(json);
        check::<Vec<Vec<u32>>>(json);
        check::<Shapes>(json);
    }
}

/// The one place where the two differ: broken syntax inside a field that is not read (`a` here,
/// unknown to `Shapes`, which serde skips without tracking inside it) is named down to the broken
/// part, where the tracking deserializer stopped at the field.
#[test]
fn broken_syntax_in_a_field_not_read_is_named_where_it_breaks() {
    let json = r#"{"a": [1, }"#;
    let error = from_json::<Shapes>(json)
        .map(|_| ())
        .map_err(|error| error.to_string());
    assert_eq!(
        error,
        Err("at `a[1]`: expected value at line 1 column 11".to_owned())
    );
    assert_eq!(
        tracked::<Shapes>(json),
        Err((
            "a".to_owned(),
            "expected value at line 1 column 11".to_owned()
        ))
    );
}

/// Every way of breaking `json` one place at a time, each checked with [`check`].
fn check_every_break<T: DeserializeOwned>(json: &str) {
    let boundaries: Vec<usize> = (0..=json.len())
        .filter(|&i| json.is_char_boundary(i))
        .collect();
    assert!(from_json::<T>(json).is_ok(), "the reference parses");
    for window in boundaries.windows(2) {
        let (at, next) = (window[0], window[1]);
        check::<T>(&json[..at]);
        check::<T>(&format!("{}{}", &json[..at], &json[next..]));
        for replacement in [
            "x", "0", "\"", "{", "]", ",", "-1", "\"\"", "[]", "{}", "null",
        ] {
            check::<T>(&format!("{}{replacement}{}", &json[..at], &json[next..]));
            check::<T>(&format!("{}{replacement}{}", &json[..at], &json[at..]));
        }
    }
}

/// `from_json` and the tracking deserializer agree on `json`: both read it, or both refuse it
/// with the same path and message.
fn check<T: DeserializeOwned>(json: &str) {
    let ours = from_json::<T>(json)
        .map(|_| ())
        .map_err(|error| match error {
            Error::Json { path, message } => (path, message),
            other => panic!("{json:?}: not a JSON error: {other}"),
        });
    assert_eq!(ours, tracked::<T>(json), "{json:?}");
}

/// What `from_json` said when it read through `serde_path_to_error`.
fn tracked<T: DeserializeOwned>(json: &str) -> Result<(), (String, String)> {
    let mut deserializer = serde_json::Deserializer::from_str(json);
    // Through the same rule as ours (a struct from an object only), which the tracker wraps.
    serde_path_to_error::deserialize::<_, T>(ObjectsOnly::new(&mut deserializer)).map_err(
        |error| {
            let path = match error.path().to_string() {
                root if root == "." => String::new(),
                path => path.trim_end_matches('?').trim_end_matches('.').to_owned(),
            };
            let message = error.inner().to_string();
            let path = match message.strip_prefix("missing field `") {
                Some(rest) => {
                    let field = rest.split('`').next().unwrap_or_default();
                    if path.is_empty() {
                        field.to_owned()
                    } else {
                        format!("{path}.{field}")
                    }
                }
                None => path,
            };
            (path, message)
        },
    )?;
    deserializer
        .end()
        .map_err(|error| (String::new(), error.to_string()))
}
