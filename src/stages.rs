//! Single stages on their own, for the fuzz targets in `fuzz/` and the property
//! tests; not part of the stable API.

pub use crate::digest::contract::contract_violation;
use crate::text::{words, Span};

/// Sentence spans (UTF-8 byte ranges) of `text`, taken as one paragraph.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    crate::segment::sentences(text, Span::new(0, text.len()))
        .into_iter()
        .map(|s| (s.start, s.end))
        .collect()
}

/// Entity mentions (UTF-8 byte range, type) that the tagger, rules and gazetteer
/// find in `text`, taken as one sentence.
pub fn entities(text: &str) -> Vec<(usize, usize, crate::EntityType)> {
    let mut out = Vec::new();
    crate::entities::tag_tokens(
        text,
        &words(text, Span::new(0, text.len())),
        0,
        None,
        &mut crate::entities::tagger::WordCache::default(),
        &mut out,
    );
    out.into_iter().map(|m| (m.span.start, m.span.end, m.ty)).collect()
}
