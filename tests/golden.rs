//! Golden outputs: the Digest JSON and the Markdown report of a few fixed inputs, compared
//! byte for byte with the files in `tests/golden/`. A change that is meant to change the
//! output re-blesses them with `make bless` (`BLESS=1 cargo test --test golden`), and the
//! diff of the golden files shows what changed.

mod common;

use std::path::Path;

use newsweave::Source;

const GOLDEN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden");

/// Compares `actual` with the golden file `name`, or writes it when `BLESS` is set.
fn check(name: &str, actual: &str) -> Result<(), String> {
    let path = Path::new(GOLDEN).join(name);
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&path, actual).map_err(|e| format!("{}: {e}", path.display()))?;
        return Ok(());
    }
    let expected = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e} (run `make bless`)", path.display()))?;
    if expected == actual {
        return Ok(());
    }
    let line = expected
        .lines()
        .zip(actual.lines())
        .position(|(a, b)| a != b)
        .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
    Err(format!(
        "{name} differs from the golden file from line {}:\n  golden: {:?}\n  now:    {:?}\n(if the change is meant, run `make bless` and review the diff)",
        line + 1,
        expected.lines().nth(line).unwrap_or("<end>"),
        actual.lines().nth(line).unwrap_or("<end>"),
    ))
}

/// Weaves `sources` and checks both outputs against `CASE.json` and `CASE.md`.
fn golden(case: &str, sources: &[Source]) {
    let digest = newsweave::weave(sources, &newsweave::Options::default()).expect("the golden inputs weave");
    let json = serde_json::to_string_pretty(&digest).unwrap() + "\n";
    let markdown = digest.to_markdown(Some(10));
    let failures: Vec<String> = [check(&format!("{case}.json"), &json), check(&format!("{case}.md"), &markdown)]
        .into_iter()
        .filter_map(Result::err)
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn seeds() {
    golden("seeds", &common::seeds());
}

#[test]
fn html_page() {
    let html = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/html/article.html")).unwrap();
    golden("html-page", &[Source::new("article", newsweave::html::to_text(&html))]);
}

#[test]
fn multi_story() {
    golden(
        "multi-story",
        &common::sources_in(&Path::new(GOLDEN).join("multi-story"), Some("2024-11-01")),
    );
}

#[test]
fn an_owned_digest_outlives_its_sources_and_reports_the_same() {
    let sources = common::seeds();
    let digest = newsweave::weave(&sources, &newsweave::Options::default()).unwrap();
    let (json, markdown) = (serde_json::to_string(&digest).unwrap(), digest.to_markdown(Some(10)));
    let owned = digest.into_owned();
    drop(sources);
    assert_eq!(serde_json::to_string(&owned).unwrap(), json);
    assert_eq!(owned.to_markdown(Some(10)), markdown);
}
