//! Text utilities shared by every stage: byte spans, UTF-16 offsets and word tokens.
//!
//! Stages work on byte offsets into the source `&str` (cheap and always on char
//! boundaries). Only the digest speaks UTF-16, because that is how JavaScript's
//! `String.slice` counts; [`Utf16Offsets`] converts at the very end.

pub mod hash;
pub mod interner;

/// A half-open byte range `[start, end)` into one source text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// The spanned text, or "" if the span is not valid for `text` (never panics).
    pub fn of<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }

    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// The span with leading and trailing white space removed.
    pub fn trimmed(&self, text: &str) -> Span {
        let s = self.of(text);
        let lead = s.len() - s.trim_start().len();
        let trail = s.len() - s.trim_end().len();
        if lead == s.len() {
            return Span::new(self.start, self.start);
        }
        Span::new(self.start + lead, self.end - trail)
    }
}

/// Converts byte offsets of one text into UTF-16 code-unit offsets.
///
/// ASCII text (the common case) maps to itself; otherwise a checkpoint every
/// `STRIDE` bytes keeps memory small and each lookup a short scan.
pub struct Utf16Offsets<'a> {
    text: &'a str,
    /// `checkpoints[i]` = UTF-16 offset of the char boundary at or before byte `i * STRIDE`,
    /// paired with that boundary's byte offset.
    checkpoints: Vec<(u32, u32)>,
}

const STRIDE: usize = 64;

impl<'a> Utf16Offsets<'a> {
    pub fn new(text: &'a str) -> Self {
        if text.is_ascii() {
            return Utf16Offsets {
                text,
                checkpoints: Vec::new(),
            };
        }
        let mut checkpoints = Vec::with_capacity(text.len() / STRIDE + 1);
        let mut units = 0u32;
        let mut next_mark = 0usize;
        for (byte, ch) in text.char_indices() {
            while byte >= next_mark {
                checkpoints.push((byte as u32, units));
                next_mark += STRIDE;
            }
            units += ch.len_utf16() as u32;
        }
        Utf16Offsets { text, checkpoints }
    }

    /// UTF-16 offset of byte offset `byte` (clamped to the text; rounded down to a char boundary).
    pub fn at(&self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        if self.checkpoints.is_empty() {
            return byte;
        }
        let idx = (byte / STRIDE).min(self.checkpoints.len() - 1);
        let (mut pos, mut units) = (self.checkpoints[idx].0 as usize, self.checkpoints[idx].1 as usize);
        if pos > byte {
            // Only possible when a multi-byte char straddles the mark; step back one checkpoint.
            let prev = self.checkpoints[idx.saturating_sub(1)];
            pos = prev.0 as usize;
            units = prev.1 as usize;
        }
        // A character that ends past `byte` is not counted: count up to the boundary at
        // or before it. Each character has one leading byte (not a continuation byte,
        // 0x80..=0xbf): one UTF-16 unit, two for a four-byte character (0xf0..). A sum
        // over the bytes, with no branch per character, that compilers vectorise.
        let mut end = byte;
        while end > pos && !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let counted = self.text.as_bytes().get(pos..end).unwrap_or(&[]);
        units
            + counted
                .iter()
                .map(|&b| usize::from((b as i8) >= -0x40) + usize::from(b >= 0xf0))
                .sum::<usize>()
    }
}

/// A word token: a run of letters and digits, with inner apostrophes, hyphens and
/// acronym periods kept ("don't", "test-fired", "U.S.").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_inner_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '‐' | '‑' | '.' | ',')
}

fn is_possessive_s(after: &str) -> bool {
    let mut it = after.chars();
    matches!(it.next(), Some('s')) && !it.next().is_some_and(is_word_char)
}

/// Whether `after`, the text right after a word, opens its possessive: `'s` or `’s`
/// ending there ("Reid's rep", not "Reid'sx"), the split [`words`] makes.
pub fn opens_possessive(after: &str) -> bool {
    let mut chars = after.chars();
    matches!(chars.next(), Some('\'' | '’')) && is_possessive_s(chars.as_str())
}

/// The character starting at byte `i` of `s` (a char boundary) and its length; ASCII,
/// most of news text, without decoding.
fn char_at(s: &str, i: usize) -> Option<(char, usize)> {
    match s.as_bytes().get(i) {
        Some(&b) if b < 0x80 => Some((b as char, 1)),
        Some(_) => s.get(i..)?.chars().next().map(|c| (c, c.len_utf8())),
        None => None,
    }
}

/// Which bytes are ASCII letters and digits: one load per byte of a word, where
/// `u8::is_ascii_alphanumeric` takes three range tests.
const ASCII_ALPHANUMERIC: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// Splits `text[span]` into word tokens. Punctuation is skipped.
pub fn words(text: &str, span: Span) -> Vec<Token> {
    let slice = span.of(text);
    let mut out = Vec::with_capacity(slice.len() / 6 + 1); // about one word per six bytes
    let base = span.start;
    let mut i = 0;
    while let Some((c, len)) = char_at(slice, i) {
        if !is_word_char(c) {
            i += len;
            continue;
        }
        let start = i;
        let mut end = i + len;
        let mut has_dot = false; // a '.' kept inside ("U.S")
        // Whether the word up to `digits_read` is digits and joiners alone: read on from
        // there at each comma, so that a long run of digit groups stays linear.
        let (mut digits_only, mut digits_read) = (true, start);
        loop {
            // ASCII letters and digits, most of a word, byte by byte: no decoding.
            let bytes = slice.as_bytes();
            while bytes.get(end).is_some_and(|&b| ASCII_ALPHANUMERIC[usize::from(b)]) {
                end += 1;
            }
            let Some((d, d_len)) = char_at(slice, end) else {
                break;
            };
            // Other ASCII (a space, most often) ends the word, unless it may join two parts.
            if d.is_ascii() && !matches!(d, '\'' | '-' | '.' | ',') {
                break;
            }
            if is_word_char(d) {
                end += d_len;
                continue;
            }
            let rest = &slice[end + d_len..];
            if matches!(d, '\'' | '’') && is_possessive_s(rest) {
                break; // "Borrell's" -> "Borrell" (the "s" becomes a token of its own)
            }
            if is_inner_joiner(d) {
                // Keep the joiner only if a word char follows it ("U.S", "test-fired", "1,000", "2.5").
                let after = char_at(rest, 0).map(|(a, _)| a);
                let keeps = match d {
                    // A digit group only after digits alone (the joiners between them
                    // are not word characters).
                    ',' => {
                        if digits_only {
                            digits_only = slice[digits_read..end].chars().all(|c| c.is_ascii_digit() || !is_word_char(c));
                            digits_read = end;
                        }
                        digits_only && after.is_some_and(|a| a.is_ascii_digit())
                    }
                    '.' => after.is_some_and(|a| a.is_alphanumeric()),
                    _ => after.is_some_and(is_word_char),
                };
                if keeps {
                    has_dot |= d == '.';
                    end += d_len;
                    continue;
                }
            }
            break;
        }
        // Acronyms keep their final period: "U.S." (a dot inside and one right after).
        if has_dot && slice[end..].starts_with('.') {
            let letters_only = slice[start..end].split('.').all(|p| p.chars().count() == 1);
            if letters_only {
                end += 1;
            }
        }
        out.push(Token {
            span: Span::new(base + start, base + end),
        });
        i = end;
    }
    out
}

/// At most the first `max` bytes of `s`, cut at a character boundary.
pub fn head(s: &str, max: usize) -> &str {
    let mut end = max.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// At most the last `max` bytes of `s`, cut at a character boundary.
pub fn tail(s: &str, max: usize) -> &str {
    let mut start = s.len().saturating_sub(max);
    while !s.is_char_boundary(start) {
        start += 1;
    }
    &s[start..]
}

/// How many values two sorted, distinct lists share (a merge walk, no allocation).
/// Deduplication terms, paraphrase concepts and quote wordings all compare this way.
pub fn shared_count(a: &[u64], b: &[u64]) -> usize {
    let mut n = 0;
    merge_walk(a, b, |_, shared| n += shared);
    n
}

/// Walks two sorted lists together (repeats allowed: each match pairs one of each),
/// calling `step(value, shared)` with `value` from `a`, and `shared` 1 where `b` holds
/// it too (then both lists advance), 0 otherwise. The steps are branch-free: whether a
/// value is shared is unpredictable, and a mispredicted branch per step cost more than
/// the arithmetic.
pub fn merge_walk(a: &[u64], b: &[u64], mut step: impl FnMut(u64, usize)) {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        step(x, usize::from(x == y));
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
}

pub use hash::{fnv, fnv_lower, wording_hash, BuildFnv};

/// A currency sign written before an amount ("$5", "€2.5 billion").
pub fn is_currency_sign(c: char) -> bool {
    matches!(c, '$' | '€' | '£' | '¥')
}

/// A word in ASCII lower case, without allocating. The rules compare words with lists of
/// short words (months, numbers, units), so a word longer than [`AsciiLower::CAP`] bytes,
/// which is in none of them, reads as "".
pub struct AsciiLower {
    buf: [u8; AsciiLower::CAP],
    len: usize,
}

impl AsciiLower {
    pub const CAP: usize = 24;

    pub fn of(word: &str) -> Self {
        let mut buf = [0; Self::CAP];
        let len = if word.len() <= Self::CAP { word.len() } else { 0 };
        for (b, w) in buf.iter_mut().zip(&word.as_bytes()[..len]) {
            *b = w.to_ascii_lowercase();
        }
        AsciiLower { buf, len }
    }

    pub fn as_str(&self) -> &str {
        // Lower-casing ASCII bytes keeps UTF-8 valid, so this never falls back.
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or("")
    }
}

/// Whether `haystack` contains any of `needles`, in one pass: only positions whose byte
/// starts some needle are compared, instead of one substring search per needle (the
/// cleaner tests every paragraph against lists of a dozen phrases).
pub fn contains_any(haystack: &str, needles: &[&str]) -> bool {
    let mut starts = [false; 256];
    for n in needles {
        match n.as_bytes().first() {
            Some(&b) => starts[b as usize] = true,
            None => return true, // the empty string is in every string
        }
    }
    let bytes = haystack.as_bytes();
    (0..bytes.len()).any(|i| starts[bytes[i] as usize] && needles.iter().any(|n| bytes[i..].starts_with(n.as_bytes())))
}

/// `'` or `’`. Compared by a slice pattern: `==` on strings calls `memcmp` even for one
/// byte, and in wasm that is a call and a byte loop (this runs for every token's gap).
pub fn is_apostrophe(s: &str) -> bool {
    matches!(s.as_bytes(), [b'\''] | [0xE2, 0x80, 0x99])
}

/// `word` with its typographic apostrophes (`’`) straight: the forms the tables and the
/// tagger's training text (CoNLL-2003) use, where news often curls them ("O’Rourke").
/// Borrowed unless there is one to change; 0xE2 opens the UTF-8 of `’`, so most words
/// are passed by a byte scan, cheaper than a substring search.
pub fn straight_apostrophes(word: &str) -> std::borrow::Cow<'_, str> {
    if word.as_bytes().contains(&0xE2) && word.contains('’') {
        std::borrow::Cow::Owned(word.replace('’', "'"))
    } else {
        std::borrow::Cow::Borrowed(word)
    }
}

/// The token "s" (a possessive split from "Japan's"), compared as [`is_apostrophe`] is.
pub fn is_lone_s(word: &str) -> bool {
    matches!(word.as_bytes(), [b's'])
}

/// A possessive that tokenising split off: the token `word` is "s" and the `gap`
/// before it an apostrophe ("Japan" `'` "s").
pub fn is_split_possessive(gap: &str, word: &str) -> bool {
    is_lone_s(word) && is_apostrophe(gap)
}

/// Lower-cases and folds the typographic variants that differ between outlets
/// (curly quotes, dashes) so comparisons see one spelling.
pub fn fold(s: &str) -> String {
    if s.is_ascii() && !s.contains('`') {
        return s.to_ascii_lowercase(); // the common case, and a fast one
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while !rest.is_empty() {
        // A run of ASCII other than '`' is copied whole and lower-cased in place: news
        // text with a curly quote is mostly such runs.
        let run = rest.bytes().position(|b| b >= 0x80 || b == b'`').unwrap_or(rest.len());
        let (plain, after) = rest.split_at(run);
        let start = out.len();
        out.push_str(plain);
        out[start..].make_ascii_lowercase();
        let mut chars = after.chars();
        match chars.next() {
            Some('’' | '‘' | '`' | '´') => out.push('\''),
            Some('‐' | '‑' | '‒' | '–' | '—') => out.push('-'),
            Some(c) => out.extend(c.to_lowercase()),
            None => {}
        }
        rest = chars.as_str();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_lower_matches_to_ascii_lowercase_up_to_its_capacity() {
        for w in [
            "", "May", "SEPT.", "Ünïon", "p.m.", "twenty-five", "abcdefghijklmnopqrstuvwx",
        ] {
            assert_eq!(AsciiLower::of(w).as_str(), w.to_ascii_lowercase(), "{w}");
        }
        assert_eq!(
            AsciiLower::of("abcdefghijklmnopqrstuvwxy").as_str(),
            "",
            "past the capacity"
        );
    }

    #[test]
    fn map_hasher_keeps_every_part_of_a_composite_key() {
        use std::hash::BuildHasher;
        assert_eq!(BuildFnv.hash_one(42u64), 42, "a lone u64 key is its own hash");
        assert_ne!(BuildFnv.hash_one((1u64, 7u64)), BuildFnv.hash_one((2u64, 7u64)));
        assert_ne!(BuildFnv.hash_one((1u64, 7u64)), BuildFnv.hash_one((1u64, 8u64)));
    }

    #[test]
    fn apostrophes_and_the_lone_s_are_exact_matches() {
        for (s, apostrophe, lone_s) in [
            ("'", true, false),
            ("’", true, false),
            ("s", false, true),
            ("", false, false),
            (" ", false, false),
            ("''", false, false),
            ("‘", false, false),
            ("’s", false, false),
            ("S", false, false),
            ("ss", false, false),
        ] {
            assert_eq!(is_apostrophe(s), apostrophe, "{s:?}");
            assert_eq!(is_lone_s(s), lone_s, "{s:?}");
        }
        assert!(is_split_possessive("’", "s") && is_split_possessive("'", "s"));
        assert!(!is_split_possessive(" ", "s") && !is_split_possessive("'", "t"));
    }

    #[test]
    fn contains_any_agrees_with_one_search_per_needle() {
        let needles = ["(l)", "photo by", "/ afp", "getty images", "é"];
        for haystack in [
            "", "(l) to (r)", "a file photo by reuters", "x / afp", "getty", "gettyimages", "café", "photo b",
            "no marks here", "(L)",
        ] {
            let expected = needles.iter().any(|n| haystack.contains(n));
            assert_eq!(contains_any(haystack, &needles), expected, "{haystack:?}");
        }
        assert!(contains_any("anything", &[""]));
        assert!(!contains_any("anything", &[]));
    }

    #[test]
    fn utf16_offsets_match_javascript() {
        let cases: &[(&str, &[(usize, usize)])] = &[
            ("abc", &[(0, 0), (3, 3)]),
            ("é", &[(0, 0), (2, 1)]),
            ("😀x", &[(0, 0), (4, 2), (5, 3)]),
            ("“hi”", &[(3, 1), (5, 3), (8, 4)]),
        ];
        for (text, pairs) in cases {
            let map = Utf16Offsets::new(text);
            for &(byte, unit) in *pairs {
                assert_eq!(map.at(byte), unit, "{text:?} byte {byte}");
            }
        }
    }

    #[test]
    fn utf16_offsets_on_long_mixed_text() {
        let text: String = "a😀é—b ".repeat(100);
        let map = Utf16Offsets::new(&text);
        for byte in 0..text.len() {
            // Inside a character, the offset is the character's start.
            let start = (0..=byte).rev().find(|&b| text.is_char_boundary(b)).unwrap_or(0);
            let expect: usize = text[..start].encode_utf16().count();
            assert_eq!(map.at(byte), expect, "byte {byte}");
        }
        assert_eq!(map.at(text.len()), text.encode_utf16().count());
    }

    #[test]
    fn word_tokens() {
        let cases: &[(&str, &[&str])] = &[
            (
                "Borrell's visit, U.S. mainland.",
                &["Borrell", "s", "visit", "U.S.", "mainland"],
            ),
            (
                "test-fired 1,000 missiles (2.5%)",
                &["test-fired", "1,000", "missiles", "2.5"],
            ),
            ("end. Next", &["end", "Next"]),
            ("N. Peter", &["N", "Peter"]),
            ("don't Japan’s", &["don't", "Japan", "s"]),
        ];
        for (text, expect) in cases {
            let got: Vec<&str> = words(text, Span::new(0, text.len()))
                .iter()
                .map(|t| t.span.of(text))
                .collect();
            assert_eq!(&got, expect, "{text:?}");
        }
    }

    #[test]
    fn spans_never_panic_on_bad_ranges() {
        assert_eq!(Span::new(5, 2).of("abc"), "");
        assert_eq!(Span::new(1, 2).of("é"), "");
        assert_eq!(Span::new(0, 3).trimmed("   "), Span::new(0, 0));
    }
}
