//! Quotes and their speakers: quoted passages found in body paragraphs, attributed
//! by [`speaker`] (the subject of the speech verb that reports them, or no one), and
//! grouped across sources.

mod speaker;

use crate::entities::{EntityType, Gender};
use crate::text::{words, Span};
pub use speaker::{NameKind, Named, Names};

/// A quoted passage (the text inside the marks), its speaker's entity index and the
/// role the attribution gives the speaker ("campaign chairman"), if known.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    pub source: usize,
    pub span: Span,
    pub speaker: Option<usize>,
    pub role: Option<String>,
}

/// Quotes shorter than this many words are scare quotes ("very timely"), not speech.
const MIN_WORDS: usize = 3;

/// The quotes of the body paragraphs `blocks` ((source, span), in text order) of the
/// sources `texts`, with their speakers (`names[s]`: source `s`'s name mentions;
/// `persons`: each entity's [`Person`] facts). News prints a long quote over several
/// paragraphs: one left open at its paragraph's end is a quote when the next paragraph
/// goes on with it (its first mark closes it) or opens the next part (it starts with a
/// mark).
pub fn find_all(texts: &[&str], blocks: &[(usize, Span)], names: &[Names], persons: &[Person]) -> Vec<Quote> {
    let mut out = Vec::new();
    let mut block_of = Vec::new();
    let mut left_open = Vec::new();
    // (block, opening mark, absolute start) of a quote the last paragraph left open.
    let mut open_at_end: Option<(usize, char, usize)> = None;
    for (k, &(source, paragraph)) in blocks.iter().enumerate() {
        let Some(text) = texts.get(source) else {
            continue;
        };
        let mut carried = None;
        if let Some((b, mark, start)) = open_at_end.take() {
            // The paragraph right after it in the text: no heading or caption between.
            let adjacent = b + 1 == k
                && blocks.get(b).is_some_and(|&(s, previous)| {
                    s == source
                        && text
                            .get(previous.end..paragraph.start)
                            .is_some_and(|gap| gap.trim().is_empty())
                });
            let opens_word = text
                .get(start..)
                .and_then(|t| t.chars().next())
                .is_some_and(char::is_alphanumeric);
            let next = if adjacent {
                goes_on(paragraph.of(text), mark, opens_word)
            } else {
                None
            };
            if let Some(carries) = next {
                let opened = blocks.get(b).map_or(Span::new(start, start), |&(_, p)| p);
                let span = Span::new(start, opened.end).trimmed(text);
                if words(text, span).len() >= MIN_WORDS {
                    out.push(Quote { source, span, speaker: None, role: None });
                    block_of.push(b);
                    left_open.push(true);
                }
                carried = carries.then_some(mark);
            }
        }
        open_at_end = find(text, paragraph, source, carried, &mut out).map(|(mark, start)| (k, mark, start));
        block_of.resize(out.len(), k);
        left_open.resize(out.len(), false);
    }
    speaker::attribute(texts, blocks, &block_of, &left_open, (names, persons), &mut out);
    out
}

/// How `paragraph` goes on with a quote the paragraph before left open with `mark`:
/// `Some(true)` if its first quote mark closes it (the quote runs on), `Some(false)`
/// if it starts with an opening mark (the next part of the quote), `None` if neither.
/// A single mark left open is more likely an apostrophe. A straight `"` may close as
/// well as open (`…biodiversity, " said Alan Thornhill` leaves one "open" that was a
/// closing mark), so it counts as left open only when a word follows it right away
/// (`opens_word`: `saying: "I just want`), and the mark that closes it must follow
/// the end of a sentence or clause (`biodiversity. "`).
fn goes_on(paragraph: &str, mark: char, opens_word: bool) -> Option<bool> {
    let straight = mark == '"';
    if !(matches!(mark, '“' | '«') || straight && opens_word) {
        return None;
    }
    if paragraph.trim_start().starts_with(['“', '"', '«']) {
        return Some(false);
    }
    let (at, first) = quote_marks(paragraph).next()?;
    let ends_clause = || paragraph[..at].trim_end().ends_with(['.', ',', '!', '?']);
    (closes(mark, first) && (!straight || ends_clause())).then_some(true)
}

/// Quoted passages in `paragraph` (a byte span of `text`) of source `source`. If
/// `carried` is an opening mark, the paragraph starts inside a quote it opened. Returns
/// the mark and absolute start of a quote the paragraph leaves open, if any.
fn find(
    text: &str,
    paragraph: Span,
    source: usize,
    carried: Option<char>,
    out: &mut Vec<Quote>,
) -> Option<(char, usize)> {
    let slice = paragraph.of(text);
    // (mark, where the quoted text starts), in `slice`.
    let mut open: Option<(char, usize)> = carried.map(|mark| (mark, 0));
    for (i, c) in quote_marks(slice) {
        match (open, c) {
            (None, '“' | '"' | '«') => open = Some((c, i + c.len_utf8())),
            (None, '‘') if slice[..i].chars().next_back().is_none_or(|p| !p.is_alphanumeric()) => {
                open = Some((c, i + c.len_utf8()))
            }
            (Some((o, start)), _)
                if closes(o, c) && (c != '’' || !slice[i + c.len_utf8()..].starts_with(char::is_alphanumeric)) =>
            {
                open = None;
                let span = Span::new(paragraph.start + start, paragraph.start + i).trimmed(text);
                if words(text, span).len() >= MIN_WORDS {
                    out.push(Quote { source, span, speaker: None, role: None });
                }
            }
            _ => {}
        }
    }
    open.map(|(mark, start)| (mark, paragraph.start + start))
}

/// The characters of `s` that may open or close a quotation, with their byte offsets:
/// `"`, and every character whose UTF-8 starts with 0xC2 (« ») or 0xE2 (“ ” ‘ ’). A byte
/// scan finds them; the match in [`find`] ignores the other characters anyway, and
/// decoding every character of every paragraph was most of this stage's cost.
fn quote_marks(s: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    s.bytes()
        .enumerate()
        .filter(|(_, b)| matches!(b, b'"' | 0xC2 | 0xE2)) // lead bytes: always a char boundary
        .filter_map(move |(i, _)| s[i..].chars().next().map(|c| (i, c)))
}

/// Whether `c` closes a quote opened by `open`. A straight mark and a curly one pair
/// too: pasted text mixes them (`the police "patrol these neighborhoods …”`).
fn closes(open: char, c: char) -> bool {
    matches!(
        (open, c),
        ('“', '”') | ('"', '"') | ('«', '»') | ('‘', '’') | ('"', '”') | ('“', '"')
    )
}

/// How many earlier wordings of the same speaker a quote is compared with.
const MAX_VARIANTS: usize = 32;

/// Groups quotes that are one quote in different words: the same speaker, and most of
/// the shorter wording's concepts (content words, synonyms mapped to one another) in
/// the longer one. An unattributed quote groups only by identical text (`wording[i]` is
/// quote `i`'s [`wording_hash`](crate::text::wording_hash)): with an attributed quote of
/// that text if there is one (a sentence that quotes two passages names the speaker
/// once, after the last), else with other unattributed ones. Returns each quote's
/// group, numbered by first appearance.
pub fn group(
    texts: &[&str],
    quotes: &[Quote],
    wording: &[u64],
    terms: &mut crate::paraphrase::TermCache,
) -> Vec<usize> {
    // Concepts of each attributed quote, computed once (unattributed ones compare by wording).
    let concepts: Vec<Vec<u64>> = quotes
        .iter()
        .map(|q| {
            let text = texts[q.source];
            match q.speaker {
                Some(_) => crate::paraphrase::Facts::new(text, &words(text, q.span), &[], terms).concepts,
                None => Vec::new(),
            }
        })
        .collect();
    // Groups are first numbered in the order they are made (attributed quotes first),
    // then renumbered by first appearance.
    let mut group_of = vec![0usize; quotes.len()];
    let mut groups = 0;
    // Per speaker: (first member, group) of each group so far.
    let mut seen: std::collections::HashMap<usize, Vec<(usize, usize)>, crate::text::BuildFnv> =
        std::collections::HashMap::with_hasher(crate::text::BuildFnv);
    // Wording -> group: attributed quotes' wordings, then unattributed ones'.
    let mut by_wording: std::collections::HashMap<u64, usize, crate::text::BuildFnv> =
        std::collections::HashMap::with_hasher(crate::text::BuildFnv);
    for (i, q) in quotes.iter().enumerate() {
        let Some(speaker) = q.speaker else { continue };
        let earlier = seen.entry(speaker).or_default();
        let found = earlier
            .iter()
            .take(MAX_VARIANTS)
            .find(|&&(j, _)| same_quote(&concepts[i], &concepts[j]));
        group_of[i] = match found {
            Some(&(_, g)) => g,
            None => {
                earlier.push((i, groups));
                groups += 1;
                groups - 1
            }
        };
        by_wording.entry(wording[i]).or_insert(group_of[i]);
    }
    for (i, q) in quotes.iter().enumerate() {
        if q.speaker.is_none() {
            group_of[i] = *by_wording.entry(wording[i]).or_insert_with(|| {
                groups += 1;
                groups - 1
            });
        }
    }
    let mut renumbered = vec![usize::MAX; groups];
    let mut next = 0;
    for g in &mut group_of {
        if renumbered[*g] == usize::MAX {
            renumbered[*g] = next;
            next += 1;
        }
        *g = renumbered[*g];
    }
    group_of
}

/// Most of the shorter wording's concepts appear in the longer one.
fn same_quote(a: &[u64], b: &[u64]) -> bool {
    let shared = crate::text::shared_count(a, b);
    let smaller = a.len().min(b.len());
    smaller > 0 && shared >= 2.min(smaller) && shared * 5 >= smaller * 3
}


/// The name mentions of people and organisations in each source, from resolved
/// entities: `names[source]`, in text order.
pub fn names_by_source(
    texts: &[&str],
    entities: &[crate::entities::Entity],
    mentions: &[crate::entities::Mention],
) -> Vec<Names> {
    let mut out = vec![Names::new(); texts.len()];
    for (id, e) in entities.iter().enumerate() {
        let kind = match e.ty {
            EntityType::Per => NameKind::Person,
            EntityType::Org => NameKind::Organisation,
            _ => continue,
        };
        for &k in &e.mentions {
            let m = &mentions[k];
            let text = texts.get(m.source).copied().unwrap_or("");
            let after = text.get(m.span.end..).unwrap_or("");
            let name = m.span.of(text);
            let possessive = crate::text::opens_possessive(after)
                || (name.ends_with('s') && (after.starts_with("' ") || after.starts_with("’ ")));
            out[m.source].push(Named { span: m.span, entity: id, kind, possessive, role: m.role.clone() });
        }
    }
    for list in &mut out {
        list.sort_unstable_by_key(|n| (n.span.start, std::cmp::Reverse(n.span.end)));
        // Overlapping mentions: the first (the longer at one start) wins.
        let mut end = 0;
        list.retain(|n| {
            let keep = n.span.start >= end;
            if keep {
                end = n.span.end;
            }
            keep
        });
    }
    out
}

/// What the speaker rules know of an entity that is a person: its given name's
/// [`Gender`] and its [`surname_hash`](crate::entities::surname_hash).
#[derive(Debug, Clone, Copy, Default)]
pub struct Person {
    pub gender: Option<Gender>,
    pub surname: Option<u64>,
}

/// Each entity's [`Person`] facts (empty for all but people named in full).
pub fn persons(entities: &[crate::entities::Entity]) -> Vec<Person> {
    entities
        .iter()
        .map(|e| {
            let person = e.ty == EntityType::Per;
            Person {
                gender: person.then(|| crate::entities::gender_of(&e.name)).flatten(),
                surname: person.then(|| crate::entities::surname_hash(&e.name)).flatten(),
            }
        })
        .collect()
}


#[cfg(test)]
mod tests;
