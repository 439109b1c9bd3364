//! Every JSON text is read with structs from objects only (`shared::model::objects_only`): a
//! struct written as an array of its fields is refused where it stands, with its path, and every
//! other shape reads as serde_json reads it.

use serde::Deserialize;
use shared::model::{from_json, Address};
use shared::Error;

#[derive(Debug, PartialEq, Deserialize)]
struct Point {
    x: i32,
    y: i32,
}

#[derive(Debug, PartialEq, Deserialize)]
struct Pair(u8, u8);

#[derive(Debug, PartialEq, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Shape {
    Dot,
    Circle(Point),
    Line(Point, Point),
    Square { corner: Point, side: u32 },
}

#[derive(Debug, PartialEq, Deserialize)]
struct Drawing {
    origin: Option<Point>,
    points: Vec<Point>,
    pairs: Vec<Pair>,
    shapes: Vec<Shape>,
    tuple: (u8, String),
}

fn refusal<T: for<'de> Deserialize<'de> + std::fmt::Debug>(json: &str) -> (String, String) {
    match from_json::<T>(json) {
        Err(Error::Json { path, message }) => (path, message),
        other => panic!("{json}: expected a JSON error, got {other:?}"),
    }
}

#[test]
fn a_struct_written_as_an_array_is_refused_where_it_stands() {
    assert_eq!(
        refusal::<Point>("[1, 2]"),
        (
            String::new(),
            "invalid type: sequence, expected struct Point at line 1 column 0".to_owned()
        )
    );
    let drawing = r#"{"origin": null, "points": [{"x": 1, "y": 2}, [3, 4]], "pairs": [], "shapes": [], "tuple": [1, "a"]}"#;
    assert_eq!(
        refusal::<Drawing>(drawing),
        (
            "points[1]".to_owned(),
            "invalid type: sequence, expected struct Point at line 1 column 46".to_owned()
        )
    );
    let in_option =
        r#"{"origin": [1, 2], "points": [], "pairs": [], "shapes": [], "tuple": [1, "a"]}"#;
    assert_eq!(
        refusal::<Drawing>(in_option),
        (
            "origin".to_owned(),
            "invalid type: sequence, expected struct Point at line 1 column 11".to_owned()
        )
    );
    let in_variant = r#"{"origin": null, "points": [], "pairs": [], "shapes": [{"square": [{"x": 0, "y": 0}, 2]}], "tuple": [1, "a"]}"#;
    assert_eq!(
        refusal::<Drawing>(in_variant),
        (
            "shapes[0].square".to_owned(),
            "invalid type: sequence, expected struct variant Shape::Square at line 1 column 66"
                .to_owned()
        )
    );
}

#[test]
fn a_payload_type_refuses_an_array_too() {
    assert_eq!(
        refusal::<Address>(r#"["Oslo", "NO"]"#),
        (
            String::new(),
            "invalid type: sequence, expected struct Address at line 1 column 0".to_owned()
        )
    );
}

#[test]
fn every_other_shape_reads_as_before() {
    let json = r#"{
        "origin": {"x": -1, "y": 1},
        "points": [{"y": 2, "x": 1}],
        "pairs": [[1, 2], [3, 4]],
        "shapes": ["dot", {"circle": {"x": 5, "y": 6}}, {"line": [{"x": 0, "y": 0}, {"x": 1, "y": 1}]},
                   {"square": {"corner": {"x": 2, "y": 3}, "side": 4}}],
        "tuple": [7, "seven"]
    }"#;
    assert_eq!(
        from_json::<Drawing>(json).unwrap(),
        Drawing {
            origin: Some(Point { x: -1, y: 1 }),
            points: vec![Point { x: 1, y: 2 }],
            pairs: vec![Pair(1, 2), Pair(3, 4)],
            shapes: vec![
                Shape::Dot,
                Shape::Circle(Point { x: 5, y: 6 }),
                Shape::Line(Point { x: 0, y: 0 }, Point { x: 1, y: 1 }),
                Shape::Square {
                    corner: Point { x: 2, y: 3 },
                    side: 4
                },
            ],
            tuple: (7, "seven".to_owned()),
        }
    );
    assert_eq!(
        from_json::<serde_json::Value>(r#"[{"a": [1, {"b": null}]}, "x"]"#).unwrap(),
        serde_json::json!([{"a": [1, {"b": null}]}, "x"])
    );
}
