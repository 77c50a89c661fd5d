//! The sentence splitter: spans in order, inside the text, on character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let mut last_end = 0;
    for (start, end) in newsweave::stages::sentences(text) {
        assert!(last_end <= start && start < end && end <= text.len());
        assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
        last_end = end;
    }
});
