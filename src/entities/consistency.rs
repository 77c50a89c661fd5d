//! Document-level label consistency: a person named in full in a source is the
//! referent of their surname standing alone elsewhere in that source, where the
//! sentence-level tagger, which sees one sentence, left the word untagged ("Rand spoke
//! for ten minutes": the tagger's word clusters put "rand" with the currencies). This is
//! the "one reading of a name per document" of Ratinov and Roth's (2009) non-local
//! features, as a pass over a source's tagged sentences.
//!
//! A wrong person is worse than a missing one, so a word is taken only when nothing
//! says it is something else: it is a capitalised token that no mention covers and
//! that stands alone (no capitalised word joined to it, no article before it), the
//! surname is no word of another name of the source, the source never writes it in
//! lower case, and a common word opening a clause is taken only before a verb of
//! saying ("Young said", not "Young voters").
//!
//! The pass is linear in the source's tokens: surnames are looked up in a hash map, and
//! the rare hits are checked against their sentence only. It allocates nothing for a
//! source that names no person in full.

use std::collections::HashMap;
use std::ops::Range;

use super::{is_in, is_title_case_sentence, name_key, opens_clause, starts_upper, tagger};
use super::{EntityType, Key, Mention, CLAUSE_OPENERS};
use crate::lexicon::names;
use crate::text::{fnv_lower, fold, BuildFnv, Span, Token};

/// Suffixes after a surname, as tokenised (without their period; sorted).
const SUFFIXES: &[&str] = &["II", "III", "IV", "Jr", "Sr"];

/// Verbs of saying and acting that make a capitalised common word before them the
/// subject of its clause, a person ("Young said", "Price told"); no verb that a
/// thing does too ("Price declined", "Price rose"). Sorted.
const SAYING_VERBS: &[&str] = &[
    "acknowledged", "added", "argued", "asked", "conceded", "insisted", "noted", "replied", "responded", "said",
    "says", "spoke", "testified", "told", "tweeted", "urged", "warned", "wrote",
];

/// Full names kept per surname for matching an untagged full name: enough for the
/// forms one source writes ("Roy S. Moore", "Roy Moore"), and a bound on the work.
const NAMES_PER_SURNAME: usize = 4;

/// What one source says about a surname.
#[derive(Default)]
struct Surname {
    /// Full names ending in it: (sentence, word tokens without the suffix).
    names: Vec<(usize, Range<usize>)>,
    /// It is also a word of another name of the source (an organisation's, a place's,
    /// another person's given name): a lone occurrence could be either.
    ambiguous: bool,
}

/// Adds the PER mentions that document-level consistency finds in one source, whose
/// sentences have the word `tokens` and the mentions `mentions[ranges[k]]` (sentence
/// `k`; a sentence that was not tagged has no tokens). The ranges must be contiguous
/// and run to the end of `mentions`; they are updated, each sentence's mentions staying
/// in text order.
pub fn carry_names(
    text: &str,
    source: usize,
    tokens: &[Vec<Token>],
    ranges: &mut [Range<usize>],
    mentions: &mut Vec<Mention>,
) {
    let surnames = surnames_of(text, tokens, ranges, mentions);
    if surnames.values().all(|s| s.ambiguous) {
        return;
    }
    // Byte lengths of the surnames, a cheap first filter for every capitalised token.
    let lengths = surnames
        .iter()
        .filter(|(_, s)| !s.ambiguous)
        .fold(0u64, |mask, (w, _)| mask | length_bit(w));
    let mut found: Vec<(usize, Range<usize>)> = Vec::new();
    for (k, sentence) in tokens.iter().enumerate() {
        let range = ranges.get(k).cloned().unwrap_or_default();
        let covered = |span: Span| {
            mentions[range.clone()]
                .iter()
                .any(|m| m.span.start < span.end && span.start < m.span.end)
        };
        for (i, token) in sentence.iter().enumerate() {
            // Most tokens are ruled out by their first byte, without decoding a character.
            let first = text.as_bytes().get(token.span.start).copied().unwrap_or(b'a');
            if (first.is_ascii() && !first.is_ascii_uppercase())
                || length_bit_of(token.span.end - token.span.start) & lengths == 0
            {
                continue;
            }
            let word = token.span.of(text);
            if !starts_upper(word) {
                continue;
            }
            let Some(surname) = surnames.get(word).filter(|s| !s.ambiguous) else {
                continue;
            };
            if covered(token.span) {
                continue; // tagged already: "Barry Rand" itself
            }
            // The whole name untagged ("Barry Rand"), else the surname alone.
            let start = surname
                .names
                .iter()
                .find_map(|(s, name)| {
                    (i + 1)
                        .checked_sub(name.len())
                        .filter(|&a| same_words(text, &tokens[*s][name.clone()], &sentence[a..=i]))
                })
                .unwrap_or(i);
            let span = Span::new(sentence[start].span.start, token.span.end);
            if (start == i || !covered(span)) && stands_alone(text, sentence, start, i + 1) {
                found.push((k, start..i + 1));
            }
        }
    }
    if found.is_empty() {
        return;
    }
    // A surname the source also writes in lower case is a common word there ("the
    // rand fell"); only the few surnames found are looked for.
    let mut lower: Vec<(String, bool)> = Vec::new();
    for (k, run) in &found {
        let w = tokens[*k][run.end - 1].span.of(text).to_lowercase();
        if !lower.iter().any(|(l, _)| *l == w) {
            lower.push((w, false));
        }
    }
    let lower_lengths = lower.iter().fold(0u64, |mask, (w, _)| mask | length_bit(w));
    for token in tokens.iter().flatten() {
        let word = token.span.of(text);
        if length_bit(word) & lower_lengths != 0 && word.starts_with(char::is_lowercase) {
            if let Some(seen) = lower.iter_mut().find(|(l, _)| l.as_str() == word) {
                seen.1 = true;
            }
        }
    }
    let added: Vec<(usize, Mention)> = found
        .into_iter()
        .filter(|(k, run)| {
            let w = tokens[*k][run.end - 1].span.of(text).to_lowercase();
            !lower.iter().any(|(l, seen)| *seen && *l == w)
        })
        .map(|(k, run)| {
            let span = Span::new(tokens[k][run.start].span.start, tokens[k][run.end - 1].span.end);
            let key = name_key(span.of(text));
            // A surname alone is matched to its person by resolution, as a tagged one is.
            let key = if run.len() == 1 { Key::Bare(key) } else { Key::Name(key) };
            (k, Mention::new(source, span, EntityType::Per, key))
        })
        .collect();
    if !added.is_empty() {
        insert(added, ranges, mentions);
    }
}

/// The surnames of the people `mentions` name in full, with the full names ending in
/// each, marked ambiguous where another name of the source has the word too.
fn surnames_of<'t>(
    text: &'t str,
    tokens: &[Vec<Token>],
    ranges: &[Range<usize>],
    mentions: &[Mention],
) -> HashMap<&'t str, Surname, BuildFnv> {
    let mut surnames: HashMap<&'t str, Surname, BuildFnv> = HashMap::default();
    let words_of = |k: usize, m: &Mention| {
        let sentence = tokens.get(k).map_or(&[][..], Vec::as_slice);
        let a = sentence.partition_point(|t| t.span.start < m.span.start);
        let b = sentence.partition_point(|t| t.span.start < m.span.end);
        (sentence, a..b)
    };
    for (k, range) in ranges.iter().enumerate() {
        for m in mentions[range.clone()].iter().filter(|m| m.ty == EntityType::Per) {
            let (sentence, name) = without_suffix(text, words_of(k, m));
            let Some(last) = sentence[name.clone()].last() else {
                continue;
            };
            let surname = last.span.of(text);
            let first = sentence[name.start].span.of(text);
            if name.len() < 2 || !starts_upper(first) || !is_surname(surname) {
                continue;
            }
            // A name ending in a common word is a person's only after a given name
            // ("Tom Price"; "Perry County" may be tagged PER too).
            if tagger::is_common_hash(fnv_lower(surname)) && !names::is_given_name(&fold(first)) {
                continue;
            }
            let entry = surnames.entry(surname).or_default();
            if entry.names.len() < NAMES_PER_SURNAME {
                entry.names.push((k, name));
            }
        }
    }
    if surnames.is_empty() {
        return surnames;
    }
    // "Rand Corporation", "Perry County", "Rand Paul" beside "Ayn Rand": the word
    // names something else too. A lone word typed ORG or MISC and unknown to the
    // gazetteer is more often the person, mistyped ("Hansbrough"), and does not count.
    for (k, range) in ranges.iter().enumerate() {
        for m in &mentions[range.clone()] {
            if !matches!(
                m.ty,
                EntityType::Per | EntityType::Org | EntityType::Loc | EntityType::Misc
            ) {
                continue; // dates and numbers
            }
            let (sentence, mut words) = words_of(k, m);
            let multiword = words.len() > 1;
            if !multiword && (m.ty == EntityType::Per || matches!(m.key, Key::Bare(_))) {
                continue;
            }
            if m.ty == EntityType::Per {
                // A person's given and middle names: "Rand" of "Rand Paul".
                words = without_suffix(text, (sentence, words)).1;
                words.end -= 1;
            }
            for t in &sentence[words] {
                if let Some(s) = surnames.get_mut(t.span.of(text)) {
                    s.ambiguous = true;
                }
            }
        }
    }
    surnames
}

/// A person's name tokens `name` of a sentence without the suffix ("Jr", "III").
fn without_suffix<'a>(text: &str, (sentence, mut name): (&'a [Token], Range<usize>)) -> (&'a [Token], Range<usize>) {
    while name.len() > 1 && is_in(SUFFIXES, sentence[name.end - 1].span.of(text)) {
        name.end -= 1;
    }
    (sentence, name)
}

/// A word that can be a surname: capitalised, two letters or more with a lower-case
/// one (not an initial or an acronym), letters, apostrophes and hyphens only.
fn is_surname(word: &str) -> bool {
    starts_upper(word)
        && word.chars().nth(1).is_some()
        && word.chars().any(char::is_lowercase)
        && word.chars().all(|c| c.is_alphabetic() || matches!(c, '\'' | '’' | '-'))
}

/// True if the two token runs spell the same words.
fn same_words(text: &str, a: &[Token], b: &[Token]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.span.of(text) == y.span.of(text))
}

/// True if tokens `[start, end)` of a sentence stand as a name of their own: no
/// capitalised word joined to them (a longer name, "Rand Corporation", "Sen. Rand"),
/// unless a clause opener that is capitalised for its place ("But Rand said"); no
/// article before them ("the Rand"); not the first word of a title-case headline; and
/// a common word opening a clause only before a verb of saying.
fn stands_alone(text: &str, sentence: &[Token], start: usize, end: usize) -> bool {
    let word = |k: usize| sentence.get(k).map_or("", |t| t.span.of(text));
    // Joined: a space, or an abbreviation's period and a space, between the two.
    let joined = |a: usize, b: usize| {
        let gap = text.get(sentence[a].span.end..sentence[b].span.start).unwrap_or("");
        gap.bytes().all(|b| b.is_ascii_whitespace()) || gap == ". "
    };
    if start > 0 && joined(start - 1, start) {
        let before = word(start - 1);
        let opener = opens_clause(text, sentence, start - 1) && is_in(CLAUSE_OPENERS, &before.to_lowercase());
        if (starts_upper(before) && !opener) || matches!(before, "the" | "a" | "an") {
            return false;
        }
    }
    if end < sentence.len() && joined(end - 1, end) && starts_upper(word(end)) {
        return false;
    }
    if start == 0 && is_title_case_sentence(text, sentence) {
        return false;
    }
    let first = word(start);
    let common = end == start + 1 && tagger::is_common_hash(fnv_lower(first));
    !(common && opens_clause(text, sentence, start) && !is_in(SAYING_VERBS, word(end)))
}

/// A bit for the byte length of `word` (lengths past 63 share the last one).
fn length_bit(word: &str) -> u64 {
    length_bit_of(word.len())
}

/// [`length_bit`] of a length.
fn length_bit_of(len: usize) -> u64 {
    1 << len.min(63)
}

/// Inserts `added` (sentence, mention; in text order) into the sentences' mentions,
/// each sentence's kept in text order, and updates `ranges`.
fn insert(added: Vec<(usize, Mention)>, ranges: &mut [Range<usize>], mentions: &mut Vec<Mention>) {
    let base = ranges.first().map_or(mentions.len(), |r| r.start);
    let mut old = mentions.split_off(base).into_iter().peekable();
    let mut added = added.into_iter().peekable();
    for (k, range) in ranges.iter_mut().enumerate() {
        let start = mentions.len();
        let mut left = range.len();
        loop {
            let next_added = added.peek().filter(|(s, _)| *s == k).map(|(_, m)| m.span.start);
            let next_old = if left > 0 {
                old.peek().map(|m| m.span.start)
            } else {
                None
            };
            match (next_added, next_old) {
                (Some(a), Some(o)) if a < o => mentions.extend(added.next().map(|(_, m)| m)),
                (_, Some(_)) => {
                    mentions.extend(old.next());
                    left -= 1;
                }
                (Some(_), None) => mentions.extend(added.next().map(|(_, m)| m)),
                (None, None) => break,
            }
        }
        *range = start..mentions.len();
    }
}

#[cfg(test)]
mod tests {
    use super::super::{tag_sentence, tag_source, tag_tokens, WordCache};
    use super::*;

    /// PER mentions as (surface, byte offset).
    type Persons = Vec<(String, usize)>;

    /// The PER mentions of `text` (one paragraph), tagged sentence by sentence only, and
    /// then with the document-level pass.
    fn persons(text: &str) -> (Persons, Persons) {
        let of = |ms: &[Mention]| -> Persons {
            ms.iter()
                .filter(|m| m.ty == EntityType::Per)
                .map(|m| (m.span.of(text).to_string(), m.span.start))
                .collect()
        };
        let mut sentences = Vec::new();
        for s in crate::segment::sentences(text, Span::new(0, text.len())) {
            tag_sentence(text, s, 0, None, &mut sentences);
        }
        let mut source = Vec::new();
        tag_source(text, 0, &mut source);
        (of(&sentences), of(&source))
    }

    /// Lone surnames the tagger leaves out, mostly opening a sentence, become mentions
    /// of the person the paragraph names in full.
    #[test]
    fn lone_surnames_of_people_named_in_full_become_mentions() {
        // (paragraph, the occurrence of the surname that must be a person's)
        let cases = [
            (
                "The board named A. Barry Rand as its chief executive. Barry Rand said the group would oppose the cuts. Rand spoke for ten minutes.",
                "Rand spoke",
            ),
            (
                "Officials said Susan Rice would attend the hearing. Rice declined to comment on the report.",
                "Rice declined",
            ),
            (
                "British Health Secretary Jeremy Hunt met the doctors' union on Monday. Hunt spoke for ten minutes.",
                "Hunt spoke",
            ),
            (
                "Treasury Secretary Steven Mnuchin said the plan would pay for itself. Mnuchin declined to give figures.",
                "Mnuchin declined",
            ),
            (
                "The board met Susan Rice last week. Rice's office did not respond to a request for comment.",
                "Rice's",
            ),
            (
                "Senator Susan Rice voted against the bill. Asked about the vote, Rice smiled and walked on.",
                "Rice smiled",
            ),
            (
                "Health Secretary Tom Price defended the bill on Sunday. Price said the critics were wrong.",
                "Price said",
            ),
        ];
        for (text, occurrence) in cases {
            let at = text.find(occurrence).unwrap();
            let (before, after) = persons(text);
            assert!(
                !before.iter().any(|(_, s)| *s == at),
                "the tagger alone finds it now: {text}"
            );
            assert!(after.iter().any(|(_, s)| *s == at), "{occurrence}: {after:?}");
            // Nothing else changes.
            assert_eq!(after.len(), before.len() + 1, "{text}: {after:?}");
        }
    }

    /// Capitalised words that match a surname but are something else stay as they were:
    /// a common word opening a clause, a word the text also writes in lower case, part
    /// of a longer name, after an article, opening a title-case headline, or the word of
    /// another name.
    #[test]
    fn words_that_are_plainly_something_else_stay_apart() {
        let cases = [
            "Health Secretary Tom Price defended the bill on Sunday. Price increases would hit the poor, critics said.",
            "Republican Mark Young won the seat. Young voters turned out in large numbers.",
            "Board chairman Barry Rand spoke on Monday. The South African rand fell. Rand traders sold.",
            "Analysts at the Rand think tank said Barry Rand had been right.",
            "Barry Rand met the board. Rand Corporation analysts said the cuts would hurt.",
            "Rand Defends Cuts as Board Chairman Barry Rand Takes Over",
            "Rand Paul spoke after Ayn Rand was quoted. Rand said the book had shaped him.",
            "Jamie Dimon met Barry Rand on Monday. Later that day the Rand Corp. published the study.",
        ];
        for text in cases {
            let (before, after) = persons(text);
            assert_eq!(before, after, "{text}");
        }
    }

    /// A given name two people share is no surname: the pass adds no "Rick", and leaves
    /// the surnames to resolution (`tests/entities.rs` checks whom they join).
    #[test]
    fn a_shared_given_name_is_not_carried() {
        let cases = [
            "Former senator Rick Santorum and Texas Gov. Rick Perry both spoke in Des Moines on Saturday. \
             Perry said the state had added jobs. Santorum disagreed. Rick drew the larger crowd.",
            "Rick Santorum spoke first. Rick Perry followed him. After the debate, Rick shook hands with the moderators.",
        ];
        for text in cases {
            let (before, after) = persons(text);
            assert_eq!(before, after, "{text}");
        }
    }

    /// The mentions added keep each sentence's mentions in text order, and the ranges
    /// contiguous.
    #[test]
    fn added_mentions_are_inserted_in_order() {
        let text = "Officials said Susan Rice would attend on Monday. On Tuesday, Rice declined to comment. Rice left at 5 p.m.";
        let mut cache = WordCache::default();
        let mut tokens = Vec::new();
        let mut ranges = Vec::new();
        let mut out = Vec::new();
        for sentence in crate::segment::sentences(text, Span::new(0, text.len())) {
            let start = out.len();
            tokens.push(crate::text::words(text, sentence));
            tag_tokens(text, &tokens[tokens.len() - 1], 0, None, &mut cache, &mut out);
            ranges.push(start..out.len());
        }
        carry_names(text, 0, &tokens, &mut ranges, &mut out);
        assert_eq!(ranges.first().map(|r| r.start), Some(0));
        assert_eq!(ranges.last().map(|r| r.end), Some(out.len()));
        for pair in ranges.windows(2) {
            assert_eq!(pair[0].end, pair[1].start);
        }
        for range in &ranges {
            let starts: Vec<usize> = out[range.clone()].iter().map(|m| m.span.start).collect();
            assert!(starts.windows(2).all(|w| w[0] < w[1]), "{starts:?}");
        }
        let rice: Vec<&str> = out
            .iter()
            .filter(|m| m.ty == EntityType::Per)
            .map(|m| m.span.of(text))
            .collect();
        assert_eq!(rice, ["Susan Rice", "Rice", "Rice"]);
    }
}
