//! Stand-in marks for the carriers that document no logo (PostNord, PostPlus): our own drawings,
//! the carrier's name in a plain rounded tile, never a copy of a trademark. The demo configures
//! them as each carrier's `logo_url`, so its checkout looks complete offline; the end-to-end
//! tests load them, and ask for a mark that is not here to see a logo that fails.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::Sandbox;

/// `GET /logos/{file}`: `postnord.svg` or `postplus.svg` as `image/svg+xml`; any other file is
/// `404`, as a moved or mistyped logo URL would be. Each request counts as `logos` (the edge's
/// logo proxy is to fetch a mark once, then serve it from its cache).
pub async fn logo(State(sandbox): State<Arc<Sandbox>>, Path(file): Path<String>) -> Response {
    sandbox.control.count("logos");
    let Some(svg) = mark(&file) else {
        return (
            StatusCode::NOT_FOUND,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "no such mark: the sandbox draws postnord.svg and postplus.svg\n",
        )
            .into_response();
    };
    (
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        svg,
    )
        .into_response()
}

/// The drawing named `file`, if the sandbox has one.
pub fn mark(file: &str) -> Option<String> {
    let (name, background) = match file {
        "postnord.svg" => ("PostNord", "#2f4858"),
        "postplus.svg" => ("PostPlus", "#5a3e72"),
        _ => return None,
    };
    Some(tile(name, background))
}

/// A square tile of `background` with `name` in white, sized by its view box: the widget draws
/// logos at `--do-logo-size` and keeps their aspect.
fn tile(name: &str, background: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"80\" height=\"80\" viewBox=\"0 0 80 80\" \
         role=\"img\" aria-label=\"{name}\">\
         <rect width=\"80\" height=\"80\" rx=\"14\" fill=\"{background}\"/>\
         <text x=\"40\" y=\"45\" font-family=\"sans-serif\" font-size=\"14\" font-weight=\"700\" \
         fill=\"#ffffff\" text-anchor=\"middle\">{name}</text></svg>"
    )
}
