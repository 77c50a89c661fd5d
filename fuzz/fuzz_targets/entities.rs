//! The entity tagger, rules and gazetteer on one arbitrary sentence.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    for (start, end, _) in newsweave::stages::entities(text) {
        assert!(start < end && end <= text.len());
        assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
    }
});
