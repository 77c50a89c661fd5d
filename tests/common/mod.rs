//! Helpers shared by the native integration tests.
#![allow(dead_code)]

use std::path::Path;

use newsweave::Source;

/// The five seed articles, shipped with the demo page, in file order.
pub fn seeds() -> Vec<Source> {
    sources_in(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/www/demo")), Some("2024-11-01"))
}

/// The `.txt` files of `dir`, in name order, as sources labelled by file stem and
/// dated `published`.
pub fn sources_in(dir: &Path, published: Option<&str>) -> Vec<Source> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| Source {
            published: published.map(String::from),
            ..Source::new(
                p.file_stem().unwrap().to_string_lossy(),
                std::fs::read_to_string(p).unwrap(),
            )
        })
        .collect()
}

/// `text[start..end]` in UTF-16 code units, as JavaScript's `String.slice` counts.
pub fn utf16_slice(text: &str, start: usize, end: usize) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    String::from_utf16(&units[start..end]).expect("slice on UTF-16 boundaries")
}
