//! Arbitrary UTF-8 as an HTML page: `html::to_text` must return, never panic, and its
//! text must weave like any other source.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsweave::{weave, Source};

fuzz_target!(|page: &str| {
    let text = newsweave::html::to_text(page);
    let sources = [Source::new("fuzz", text)];
    if let Ok(digest) = weave(&sources, &newsweave::Options::default()) {
        if let Some(violation) = newsweave::stages::contract_violation(&sources, &digest) {
            panic!("{violation}");
        }
    }
});
