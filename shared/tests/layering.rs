//! The one direction between `kss` and `carriers`: KSS sits above the carriers. `kss` reads
//! carrier types (a reservation's carrier product, PostPlus's parcel and booking); no file under
//! `src/carriers/` names `kss`, in code or in a `use`, so a carrier's protocol never depends on
//! Klarna's. Rust lets any module of a crate name any public one, so this test is the fence.
//!
//! Native only: it reads the source tree, which wasm tests have no file system for.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};

/// Every `.rs` file below `dir`, into `files`.
fn collect_rust_files(dir: &Path, files: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).expect("a readable source folder");
    for path in entries.map(|entry| entry.expect("a directory entry").path()) {
        if path.is_dir() {
            collect_rust_files(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}

/// The lines of `text` (comments left out) that name `kss` as a path segment.
fn naming_kss(text: &str) -> Vec<String> {
    text.lines()
        .map(|line| line.split("//").next().unwrap_or_default())
        .filter(|code| {
            code.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .any(|word| word == "kss")
        })
        .map(|code| code.trim().to_owned())
        .collect()
}

#[test]
fn no_carrier_file_names_kss() {
    let carriers = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/carriers");
    let mut files = Vec::new();
    collect_rust_files(&carriers, &mut files);
    files.sort();
    assert!(files.len() > 10, "the carriers' files are found: {files:?}");
    let offenders: Vec<(String, Vec<String>)> = files
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).expect("a source file");
            (path.display().to_string(), naming_kss(&text))
        })
        .filter(|(_, lines)| !lines.is_empty())
        .collect();
    assert_eq!(offenders, Vec::<(String, Vec<String>)>::new());
}

#[test]
fn the_fence_sees_every_way_of_naming_kss() {
    assert_eq!(
        naming_kss("use crate::kss::{kss_quote, ShipmentRequest};"),
        vec!["use crate::kss::{kss_quote, ShipmentRequest};"]
    );
    assert_eq!(
        naming_kss("use crate::{kss, model};"),
        vec!["use crate::{kss, model};"]
    );
    assert_eq!(
        naming_kss("let x = super::super::kss::shipment_id(a, b);").len(),
        1
    );
    // Words that only contain it, and comments, are not a dependency.
    assert_eq!(
        naming_kss("let kss_like = 1; // see crate::kss"),
        Vec::<String>::new()
    );
    assert_eq!(
        naming_kss("//! Used by `kss::parcel_booking`."),
        Vec::<String>::new()
    );
}
