//! Arbitrary sets of sources, with arbitrary labels, outlets and dates.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use newsweave::{weave, Source};

#[derive(Debug, Arbitrary)]
struct FuzzSource {
    label: String,
    text: String,
    outlet: Option<String>,
    published: Option<String>,
}

fuzz_target!(|input: Vec<FuzzSource>| {
    let sources: Vec<Source> = input
        .into_iter()
        .map(|s| Source {
            label: s.label,
            text: s.text,
            outlet: s.outlet,
            published: s.published,
        })
        .collect();
    if let Ok(digest) = weave(&sources, &newsweave::Options::default()) {
        if let Some(violation) = newsweave::stages::contract_violation(&sources, &digest) {
            panic!("{violation}");
        }
        // The report of any Digest is written without a panic.
        let _ = digest.to_markdown(Some(3));
    }
});
