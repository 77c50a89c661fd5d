//! Arbitrary UTF-8 as one pasted source: `weave` must return, never panic, and every
//! offset it reports must slice the source (in UTF-16 units) to the reported text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsweave::{weave, Source};

fuzz_target!(|text: &str| {
    let sources = [Source::new("fuzz", text)];
    if let Ok(digest) = weave(&sources, &newsweave::Options::default()) {
        if let Some(violation) = newsweave::stages::contract_violation(&sources, &digest) {
            panic!("{violation}");
        }
    }
});
