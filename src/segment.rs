//! Stage 2, segment: split a paragraph into sentences.
//!
//! A rule-based splitter (in the Punkt tradition, with hand-written lists instead
//! of learned ones): a boundary is sentence-final punctuation, optionally followed
//! by closing quotes or brackets, then white space and a plausible sentence start.
//! Titles ("Gen."), month abbreviations before a day ("Nov. 1"), initials
//! ("N. Peter Kramer") and dotted acronyms ("U.S.") are not boundaries unless a
//! typical sentence opener follows.

use crate::clean::Role;
use crate::text::{head, tail, Span};

/// Abbreviations after which a period never ends a sentence.
/// One sentence (or line of page furniture) with its source and role.
#[derive(Clone, Copy, Debug)]
pub(crate) struct SentenceSpan {
    /// The source's index.
    pub(crate) source: usize,
    /// Its bytes in the source's text.
    pub(crate) span: Span,
    /// What this stretch of the page is.
    pub(crate) role: Role,
}

const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "capt", "sgt", "sen", "rep", "gov", "prof", "rev", "st", "mt", "adm",
    "maj", "cmdr", "brig", "pres", "supt", "no", "vol", "fig", "vs", "approx", "dept", "corp", "inc", "ltd", "co",
    "messrs", "hon", "gens", "sens", "reps", "cpl", "pvt", "ft", "e.g", "i.e", "cf", "al",
];

const MONTH_ABBREVIATIONS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// Words that typically open a sentence; after an acronym or initial they signal a boundary.
const OPENERS: &[&str] = &[
    "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "This", "That", "These", "Those", "But", "And",
    "In", "On", "At", "As", "If", "When", "While", "After", "Before", "However", "Meanwhile", "There", "His", "Her",
    "Its", "Their", "Our", "Some", "Many", "Both", "Earlier", "Later", "Since", "According",
];

const CLOSERS: &[char] = &['"', '\'', '”', '’', ')', ']', '»'];

/// Sentence spans inside `span` of `text`, trimmed, in order, covering every non-blank character.
pub fn sentences(text: &str, span: Span) -> Vec<Span> {
    let slice = span.of(text);
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < slice.len() {
        // Skip to the next byte that can start a terminator ('…' starts with 0xE2, a
        // lead byte, so `i` stays on a character boundary).
        match slice.as_bytes()[i..]
            .iter()
            .position(|b| matches!(b, b'.' | b'!' | b'?' | 0xE2))
        {
            Some(k) => i += k,
            None => break,
        }
        let Some(c) = slice[i..].chars().next() else {
            break;
        };
        if !matches!(c, '.' | '!' | '?' | '…') {
            i += c.len_utf8();
            continue;
        }
        // Consume the whole run of terminators and closers: `?!`, `..."`, `.”)`.
        let mut end = i;
        for ch in slice[i..].chars() {
            if matches!(ch, '.' | '!' | '?' | '…') || CLOSERS.contains(&ch) {
                end += ch.len_utf8();
            } else {
                break;
            }
        }
        let next_start = slice[end..].find(|ch: char| !ch.is_whitespace()).map(|k| end + k);
        let has_space = slice[end..].starts_with(char::is_whitespace);
        if let Some(next) = next_start {
            if has_space && is_boundary(&slice[start..i], c, &slice[next..]) {
                push_trimmed(&mut out, text, span.start + start, span.start + end);
                start = next;
            }
        }
        i = end.max(i + c.len_utf8());
    }
    push_trimmed(&mut out, text, span.start + start, span.end);
    out
}

/// Pushes the trimmed piece `start..end`, or, if it has no letter or digit (a closing
/// quote set apart, `...facilities. "`), makes it the end of the sentence before: a
/// stray mark is no statement of its own.
fn push_trimmed(out: &mut Vec<Span>, text: &str, start: usize, end: usize) {
    let s = Span::new(start, end).trimmed(text);
    if s.is_empty() {
        return;
    }
    match out.last_mut() {
        Some(before) if !s.of(text).chars().any(char::is_alphanumeric) => before.end = s.end,
        _ => out.push(s),
    }
}

/// True if `word` (without its period) is an initial ("A") or an abbreviation that
/// keeps its period ("Gen", "Nov"): the tagger was trained on "A." and "Gen." as one token.
pub(crate) fn is_abbreviation(word: &str) -> bool {
    let mut chars = word.chars();
    let single_capital = chars.next().is_some_and(char::is_uppercase) && chars.next().is_none();
    if single_capital {
        return true;
    }
    if word.len() > 6 {
        return false;
    }
    let lower = word.to_ascii_lowercase();
    TITLES.contains(&lower.as_str()) || MONTH_ABBREVIATIONS.contains(&lower.as_str())
}

/// Decides whether the terminator `term` after `before` ends the sentence, given the text `after` it.
fn is_boundary(before: &str, term: char, after: &str) -> bool {
    let first = after.chars().next().unwrap_or(' ');
    if first.is_lowercase() {
        return false; // `"...," he said` or an abbreviation mid-sentence
    }
    if term != '.' {
        return true;
    }
    // Both look-arounds are bounded: a run of ". . . ." must not rescan the rest of the text per dot.
    let (before, after) = (tail(before, 64), head(after, 64));
    let next_word: &str = after
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("");
    let opener = OPENERS.contains(&next_word);
    let word = before
        .rsplit(|c: char| c.is_whitespace() || matches!(c, '(' | '"' | '“' | '‘' | '['))
        .next()
        .unwrap_or("");
    let lower = word.to_lowercase();
    if TITLES.contains(&lower.as_str()) {
        return false;
    }
    if MONTH_ABBREVIATIONS.contains(&lower.as_str()) && first.is_ascii_digit() {
        return false;
    }
    let is_initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    let is_dotted_acronym = word.contains('.') && word.split('.').all(|p| p.chars().count() <= 2);
    if (is_initial || is_dotted_acronym) && !opener {
        return false;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text, Span::new(0, text.len()))
            .iter()
            .map(|s| s.of(text))
            .collect()
    }

    #[test]
    fn splits_like_a_reader() {
        let cases: &[(&str, &[&str])] = &[
            ("One. Two! Three?", &["One.", "Two!", "Three?"]),
            (
                "Tokyo on Nov. 1, 2024. Next one.",
                &["Tokyo on Nov. 1, 2024.", "Next one."],
            ),
            (
                "He met Gen. Nakatani there. Fine.",
                &["He met Gen. Nakatani there.", "Fine."],
            ),
            ("By: N. Peter Kramer wrote it.", &["By: N. Peter Kramer wrote it."]),
            (
                "A threat to the U.S. mainland. Then more.",
                &["A threat to the U.S. mainland.", "Then more."],
            ),
            ("It hit the U.S. The end.", &["It hit the U.S.", "The end."]),
            (
                "\"We live in a dangerous world,\" Borrell said. He left.",
                &["\"We live in a dangerous world,\" Borrell said.", "He left."],
            ),
            (
                "He called it \"historical and very timely.\" Then he left.",
                &["He called it \"historical and very timely.\"", "Then he left."],
            ),
            (
                "“Is it?” she asked. “Yes.” OK",
                &["“Is it?” she asked.", "“Yes.”", "OK"],
            ),
            ("No final punctuation here", &["No final punctuation here"]),
            ("Wait... What happened?", &["Wait...", "What happened?"]),
            ("Growth was 2.5 percent. Good.", &["Growth was 2.5 percent.", "Good."]),
            ("", &[]),
            ("  ...  ", &["..."]),
            // A mark set apart by a space ends the sentence before it.
            ("It was personal use. \"", &["It was personal use. \""]),
            (
                "Nothing bad will happen. She left. — ”",
                &["Nothing bad will happen.", "She left. — ”"],
            ),
        ];
        for (text, expect) in cases {
            assert_eq!(&split(text), expect, "{text:?}");
        }
    }

    #[test]
    fn sentences_cover_every_word() {
        let text = "First sentence here.  Second (with parens). Third “quoted.” 😀 Fourth";
        let got = sentences(text, Span::new(0, text.len()));
        let joined: String = got.iter().map(|s| s.of(text)).collect::<Vec<_>>().join(" ");
        assert_eq!(
            joined.split_whitespace().collect::<Vec<_>>(),
            text.split_whitespace().collect::<Vec<_>>()
        );
    }
}
