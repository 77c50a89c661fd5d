//! For the summary-quality bench (`bench/rouge.py`): reads NeuS-format lines (three
//! outlets' excerpts separated by `[SEP]`, each `TITLE=> … ARTICLE=> …`) from a file
//! and prints, per line, a JSON array of newsweave's statements in rank order.
//!   cargo run --release --example summaries -- ../shared/data/neus/val.source

use newsweave::{weave, Source};

newsweave::native_allocator!();

fn main() {
    let path = std::env::args().nth(1).expect("usage: summaries NEUS.source");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    for line in text.lines() {
        let sources: Vec<Source> = line
            .split("[SEP]")
            .enumerate()
            .map(|(k, excerpt)| {
                let excerpt = excerpt.trim().trim_start_matches("TITLE=>").trim();
                // The title becomes the headline line, the article the body.
                let text = match excerpt.split_once("ARTICLE=>") {
                    Some((title, body)) => format!("{}\n\n{}", title.trim(), body.trim()),
                    None => excerpt.to_string(),
                };
                Source::new(format!("outlet {}", k + 1), text)
            })
            .collect();
        let statements: Vec<std::borrow::Cow<str>> = match weave(&sources, &newsweave::Options::default()) {
            Ok(d) => d.statements.into_iter().map(|s| s.text).collect(),
            Err(_) => Vec::new(),
        };
        println!("{}", serde_json::to_string(&statements).expect("strings serialise"));
    }
}
