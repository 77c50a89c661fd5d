//! Stage 4, entities: tag people, organisations, places, dates and numbers, then
//! resolve aliases across all sources.
//!
//! This first tagger is rule-based and honest about it: grammar rules for
//! temporal and numeric expressions ([`rules`]), a compiled gazetteer of places,
//! organisations, demonyms and titles ([`gazetteer`]), and capitalised spans typed
//! by their words and context (a title before them, "said" after them, an
//! organisation word inside them). A lone capitalised word at the start of a
//! sentence counts only if the same word is capitalised mid-sentence somewhere in
//! the input (the classic document-level case heuristic). [`resolve`] then merges
//! mentions into one entity per referent.

mod gazetteer;
mod resolve;
pub mod rules;

use serde::Serialize;

use crate::dates::Date;
#[cfg(test)]
use crate::text::words;
use crate::text::{Span, Token};
use gazetteer::{GazEntry, GazKind};
pub use resolve::{resolve, Entity};

/// Entity types of the digest (CoNLL-2003 and OntoNotes names).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityType {
    Per,
    Org,
    Loc,
    Misc,
    Date,
    Time,
    Money,
    Percent,
    Quantity,
}

/// How a mention will be grouped with others.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Key {
    /// A gazetteer entry.
    Gazetteer(u16),
    /// A name found by capitalisation; the folded text of its tokens.
    Name(String),
    /// A lone capitalised word with no type evidence yet; resolution decides.
    Bare(String),
    /// A normalised value (dates) or folded text (numbers).
    Value(String),
}

/// One tagged span in one source.
#[derive(Clone, Debug)]
pub struct Mention {
    pub source: usize,
    pub span: Span,
    pub ty: EntityType,
    pub key: Key,
    /// ISO date for DATE mentions when it could be resolved.
    pub value: Option<String>,
    /// A title or descriptor right before a person ("Foreign Minister", "EU foreign policy chief").
    pub role: Option<String>,
    /// For demonyms, the place they relate to.
    pub related: Option<&'static str>,
    /// Capitalised only because it opens a sentence: kept if confirmed elsewhere.
    pub sentence_initial: bool,
}

/// Words that open sentences or quotes without being names.
const COMMON_OPENERS: &[&str] = &[
    "a",
    "about",
    "according",
    "additionally",
    "after",
    "again",
    "all",
    "also",
    "although",
    "an",
    "and",
    "another",
    "any",
    "as",
    "at",
    "because",
    "before",
    "both",
    "but",
    "by",
    "despite",
    "during",
    "each",
    "earlier",
    "even",
    "every",
    "for",
    "from",
    "further",
    "given",
    "he",
    "her",
    "here",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "instead",
    "it",
    "its",
    "last",
    "later",
    "let",
    "many",
    "meanwhile",
    "more",
    "most",
    "much",
    "my",
    "next",
    "no",
    "not",
    "now",
    "of",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "over",
    "she",
    "since",
    "so",
    "some",
    "still",
    "such",
    "that",
    "the",
    "their",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "through",
    "thus",
    "to",
    "under",
    "unlike",
    "until",
    "we",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "why",
    "with",
    "within",
    "without",
    "yet",
    "you",
    "your",
];

/// Capitalised words that mark a span as an organisation.
const ORG_WORDS: &[&str] = &[
    "Agence",
    "Agency",
    "Airlines",
    "Alliance",
    "Army",
    "Assembly",
    "Association",
    "Authority",
    "Bank",
    "Board",
    "Broadcasting",
    "Bureau",
    "Club",
    "Coalition",
    "Commission",
    "Committee",
    "Company",
    "Congress",
    "Consulate",
    "Corporation",
    "Council",
    "Court",
    "Department",
    "Embassy",
    "Federation",
    "Forces",
    "Foundation",
    "Front",
    "Fund",
    "Government",
    "Group",
    "Inc",
    "Institute",
    "League",
    "Ltd",
    "Ministry",
    "Motors",
    "Movement",
    "Navy",
    "Network",
    "News",
    "Office",
    "Organisation",
    "Organization",
    "Parliament",
    "Party",
    "Post",
    "Press",
    "Senate",
    "Service",
    "Station",
    "Times",
    "Union",
    "University",
];
/// Capitalised words that mark a span as a place.
const LOC_WORDS: &[&str] = &[
    "Airport",
    "Avenue",
    "Base",
    "Bay",
    "Bridge",
    "City",
    "Coast",
    "County",
    "Gulf",
    "Hall",
    "Harbor",
    "Harbour",
    "House",
    "Island",
    "Islands",
    "Lake",
    "Mountain",
    "Mountains",
    "Ocean",
    "Palace",
    "Park",
    "Peninsula",
    "Port",
    "Province",
    "Region",
    "River",
    "Road",
    "Sea",
    "Square",
    "Strait",
    "Street",
    "Valley",
];
/// Capitalised words that make a span a named thing (agreement, event, product) rather than a person.
const MISC_WORDS: &[&str] = &[
    "Accord",
    "Act",
    "Affairs",
    "Agreement",
    "Award",
    "Charter",
    "Conference",
    "Convention",
    "Cup",
    "Declaration",
    "Defence",
    "Defense",
    "Dialogue",
    "Festival",
    "Foreign",
    "Forum",
    "Games",
    "Global",
    "Initiative",
    "International",
    "Joint",
    "National",
    "Pact",
    "Partnership",
    "Plan",
    "Policy",
    "Prize",
    "Program",
    "Programme",
    "Regional",
    "Security",
    "Strategic",
    "Strategy",
    "Summit",
    "Treaty",
    "War",
];
/// Nouns that end a lower-case descriptor before a name ("foreign policy chief Josep Borrell").
const DESCRIPTOR_HEADS: &[&str] = &[
    "ambassador",
    "chief",
    "commissioner",
    "counterpart",
    "director",
    "envoy",
    "head",
    "leader",
    "minister",
    "official",
    "predecessor",
    "premier",
    "president",
    "secretary",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "successor",
];
/// Verbs of saying: a capitalised span right before one is a person.
pub(crate) const SPEECH_VERBS: &[&str] = &[
    "added",
    "announced",
    "argued",
    "asked",
    "claimed",
    "declared",
    "explained",
    "insisted",
    "noted",
    "posted",
    "replied",
    "said",
    "says",
    "shared",
    "stated",
    "told",
    "tweeted",
    "urged",
    "warned",
    "wrote",
];

/// Tags one sentence of source `source`. `published` anchors relative dates.
#[cfg(test)]
pub fn tag_sentence(
    text: &str,
    sentence: Span,
    source: usize,
    published: Option<Date>,
    out: &mut Vec<Mention>,
) {
    tag_tokens(
        text,
        sentence,
        words(text, sentence),
        source,
        published,
        out,
    )
}

/// Tags one sentence given its [`words`] tokens (shared with deduplication, so
/// each sentence is tokenised once).
pub fn tag_tokens(
    text: &str,
    sentence: Span,
    tokens: Vec<Token>,
    source: usize,
    published: Option<Date>,
    out: &mut Vec<Mention>,
) {
    let st = Sent::new(text, tokens);
    let tokens = &st.tokens;
    let strs: Vec<&str> = tokens.iter().map(|t| t.span.of(text)).collect();
    let cx = rules::Context {
        text,
        tokens,
        published,
    };
    let title_case = is_title_case(&strs);
    let first_out = out.len();
    let mut i = 0;
    while i < tokens.len() {
        let rule_hit = if rules::may_start(strs[i]) {
            rules::match_at(&cx, i)
        } else {
            None
        };
        if let Some(hit) = rule_hit {
            let span = Span::new(tokens[i].span.start, tokens[hit.end - 1].span.end);
            let key = Key::Value(
                hit.value
                    .clone()
                    .unwrap_or_else(|| crate::text::fold(span.of(text))),
            );
            out.push(Mention {
                source,
                span,
                ty: hit.ty,
                key,
                value: hit.value,
                role: None,
                related: None,
                sentence_initial: false,
            });
            i = hit.end;
            continue;
        }
        let w = strs[i];
        if !starts_upper(w) || w.chars().count() < 2 {
            i += 1;
            continue;
        }
        let initial = opens_sentence(text, sentence, tokens, i);
        if initial && is_in(COMMON_OPENERS, w.to_lowercase().as_str()) {
            i += 1;
            continue;
        }
        if let Some((end, entry)) = st.gaz(i) {
            i = push_gazetteer(text, tokens, i, end, entry, source, out);
            if entry.kind == GazKind::Title {
                i = title_complement_end(&st, i);
            }
            continue;
        }
        if hyphen_compound(text, tokens[i], source, out).is_some() {
            i += 1;
            continue;
        }
        let end = name_chunk_end(&st, i);
        let span = Span::new(tokens[i].span.start, tokens[end - 1].span.end);
        let ty = type_chunk(&st, i, end);
        let folded = name_key(span.of(text));
        let single = end == i + 1;
        let acronym = single && w.chars().all(|c| c.is_uppercase() || c == '.');
        let (ty, key) = match ty {
            Some(ty) if acronym => (ty, Key::Bare(folded)), // may abbreviate a name seen elsewhere
            Some(ty) => (ty, Key::Name(folded)),
            None if title_case => {
                i = end;
                continue; // title-case headlines capitalise everything: no evidence in them
            }
            None if single => (EntityType::Misc, Key::Bare(folded)),
            None => (EntityType::Per, Key::Name(folded)),
        };
        let role = if ty == EntityType::Per {
            role_before(&st, i)
        } else {
            None
        };
        out.push(Mention {
            source,
            span,
            ty,
            key,
            value: None,
            role,
            related: None,
            sentence_initial: initial && single,
        });
        i = end;
    }
    merge_demonym_orgs(text, &mut out[first_out..]);
    // Drop the emptied spans of this sentence only (the earlier ones are final).
    let mut k = first_out;
    for j in first_out..out.len() {
        if !out[j].span.is_empty() {
            out.swap(k, j);
            k += 1;
        }
    }
    out.truncate(k);
}

/// One sentence's tokens with their gazetteer matches, looked up once.
struct Sent<'a> {
    text: &'a str,
    tokens: Vec<Token>,
    /// Longest gazetteer match starting at each token: (end token, entry).
    gazetteer: Vec<Option<(usize, GazEntry)>>,
}

impl<'a> Sent<'a> {
    fn new(text: &'a str, tokens: Vec<Token>) -> Self {
        let mut form = String::new();
        let gazetteer = (0..tokens.len())
            .map(|i| gazetteer_at(text, &tokens, i, &mut form))
            .collect();
        Sent {
            text,
            tokens,
            gazetteer,
        }
    }

    fn gaz(&self, i: usize) -> Option<(usize, GazEntry)> {
        self.gazetteer.get(i).copied().flatten()
    }
}

/// Membership in a sorted word list (the lists are checked sorted by a test).
pub(crate) fn is_in(list: &[&str], word: &str) -> bool {
    list.binary_search(&word).is_ok()
}

/// Grouping key of a name: folded case and punctuation, US spelling ("Defence" = "Defense").
fn name_key(s: &str) -> String {
    let folded = crate::text::fold(s);
    folded
        .split(|c: char| c.is_whitespace())
        .map(crate::dedup::american)
        .collect::<Vec<_>>()
        .join(" ")
}

fn starts_upper(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// Headlines in Title Case capitalise every content word.
fn is_title_case(strs: &[&str]) -> bool {
    let long: Vec<&&str> = strs.iter().filter(|w| w.len() > 3).collect();
    long.len() >= 4 && long.iter().filter(|w| starts_upper(w)).count() * 10 >= long.len() * 8
}

/// True if token `i` opens the sentence or a quotation inside it.
fn opens_sentence(text: &str, sentence: Span, tokens: &[Token], i: usize) -> bool {
    let before_start = if i == 0 {
        sentence.start
    } else {
        tokens[i - 1].span.end
    };
    let gap = text.get(before_start..tokens[i].span.start).unwrap_or("");
    i == 0
        || gap.contains(['“', '"', '‘', ':', '(', '—'])
        || (gap.contains('\'') && gap.trim() == "'")
}

/// Longest gazetteer match starting at token `i`: (end token, entry). `form` is scratch space.
fn gazetteer_at(
    text: &str,
    tokens: &[Token],
    i: usize,
    form: &mut String,
) -> Option<(usize, GazEntry)> {
    if !tokens.get(i).is_some_and(|t| starts_upper(t.span.of(text))) {
        return None; // every form that can open a match is capitalised
    }
    let mut best = None;
    form.clear();
    for (j, token) in tokens.iter().enumerate().skip(i).take(8) {
        let w = token.span.of(text);
        if j > i {
            let gap = text
                .get(tokens[j - 1].span.end..token.span.start)
                .unwrap_or("");
            if !gap.trim().is_empty() && gap.trim() != "," {
                break;
            }
            form.push(' ');
        }
        form.push_str(w);
        let with_dot = text
            .get(token.span.end..)
            .is_some_and(|r| r.starts_with('.'));
        let mut hit = None;
        if with_dot {
            form.push('.'); // "Gen." is a title; "Gen" is a name
            hit = gazetteer::lookup(form);
            form.pop();
        }
        hit = hit.or_else(|| gazetteer::lookup(form));
        if hit.is_none() && j == i && w.len() > 2 && w.chars().all(|c| !c.is_lowercase()) {
            hit = gazetteer::lookup(&title_cased(w)); // "TOKYO" in a dateline
        }
        if let Some(entry) = hit {
            best = Some((j + 1, entry));
        }
        if !gazetteer::has_longer(form) {
            break;
        }
    }
    best
}

fn title_cased(w: &str) -> String {
    let mut out = String::new();
    for (k, c) in w.chars().enumerate() {
        if k == 0 {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// "High Representative | for Foreign Affairs and Security Policy": a title's
/// "for"/"of" complement is part of the title, not an entity. Returns the token after it.
fn title_complement_end(st: &Sent, i: usize) -> usize {
    let (text, tokens) = (st.text, &st.tokens[..]);
    let is_link = tokens
        .get(i)
        .is_some_and(|t| matches!(t.span.of(text), "for" | "of"));
    let next_upper = tokens
        .get(i + 1)
        .is_some_and(|t| starts_upper(t.span.of(text)));
    if is_link && next_upper && st.gaz(i + 1).is_none() {
        name_chunk_end(st, i + 1)
    } else {
        i
    }
}

/// Pushes the mention for a gazetteer match; returns the next token to look at.
fn push_gazetteer(
    text: &str,
    tokens: &[Token],
    i: usize,
    end: usize,
    entry: GazEntry,
    source: usize,
    out: &mut Vec<Mention>,
) -> usize {
    let span = Span::new(tokens[i].span.start, tokens[end - 1].span.end);
    let (ty, related) = match entry.kind {
        GazKind::Loc => (EntityType::Loc, None),
        GazKind::Org => (EntityType::Org, None),
        GazKind::Misc => (EntityType::Misc, None),
        GazKind::Demonym => (EntityType::Misc, Some(entry.name)),
        GazKind::Title => return end, // titles become roles of the person they precede
    };
    let key = if related.is_some() {
        Key::Name(crate::text::fold(span.of(text)))
    } else {
        Key::Gazetteer(entry.id)
    };
    out.push(Mention {
        source,
        span,
        ty,
        key,
        value: None,
        role: None,
        related,
        sentence_initial: false,
    });
    end
}

/// "EU-Japan": a hyphenated token whose parts are all gazetteer names yields one mention per part.
fn hyphen_compound(text: &str, token: Token, source: usize, out: &mut Vec<Mention>) -> Option<()> {
    let w = token.span.of(text);
    if !w.contains('-') {
        return None;
    }
    let mut parts = Vec::new();
    let mut offset = token.span.start;
    for part in w.split('-') {
        let entry =
            gazetteer::lookup(part).filter(|e| matches!(e.kind, GazKind::Loc | GazKind::Org))?;
        parts.push((Span::new(offset, offset + part.len()), entry));
        offset += part.len() + 1;
    }
    for (span, entry) in parts {
        push_gazetteer_span(span, entry, source, out);
    }
    Some(())
}

fn push_gazetteer_span(span: Span, entry: GazEntry, source: usize, out: &mut Vec<Mention>) {
    let ty = if entry.kind == GazKind::Org {
        EntityType::Org
    } else {
        EntityType::Loc
    };
    out.push(Mention {
        source,
        span,
        ty,
        key: Key::Gazetteer(entry.id),
        value: None,
        role: None,
        related: None,
        sentence_initial: false,
    });
}

/// End (exclusive) of the run of capitalised tokens starting at `i`. Connectors
/// ("of", "and", "for", "the") join two capitalised parts; a gazetteer name or an
/// organisation/place word ends the run.
fn name_chunk_end(st: &Sent, i: usize) -> usize {
    let (text, tokens) = (st.text, &st.tokens[..]);
    let mut end = i + 1;
    let mut j = i + 1;
    while j < tokens.len() {
        let gap = text
            .get(tokens[j - 1].span.end..tokens[j].span.start)
            .unwrap_or("");
        if gap != " " {
            break;
        }
        let prev = tokens[end - 1].span.of(text);
        if is_in(ORG_WORDS, prev) || is_in(LOC_WORDS, prev) {
            break; // "Foreign Ministry | Lin Jian"
        }
        let w = tokens[j].span.of(text);
        if starts_upper(w) {
            if st
                .gaz(j)
                .is_some_and(|(_, e)| e.kind != GazKind::Title || j > i + 1)
            {
                break;
            }
            end = j + 1;
            j += 1;
        } else if joins_name_parts(prev, w)
            && tokens
                .get(j + 1)
                .is_some_and(|t| starts_upper(t.span.of(text)))
        {
            j += 1;
        } else {
            break;
        }
    }
    end
}

/// Whether lower-case `connector` after `prev` continues a name: "Ministry of Defence",
/// "Security and Defense Partnership", "Ludwig van Beethoven", but not "Borrell and Iwaya".
fn joins_name_parts(prev: &str, connector: &str) -> bool {
    let keyword = is_in(ORG_WORDS, prev) || is_in(LOC_WORDS, prev) || is_in(MISC_WORDS, prev);
    match connector {
        "of" | "and" | "for" | "on" => keyword,
        "de" | "du" | "von" | "van" | "al" | "bin" | "da" | "del" | "der" | "la" | "le" => true,
        _ => false,
    }
}

/// The type a capitalised chunk's own words and context give it; `None` if nothing tells.
fn type_chunk(st: &Sent, i: usize, end: usize) -> Option<EntityType> {
    let (text, tokens) = (st.text, &st.tokens[..]);
    let ws: Vec<&str> = tokens[i..end].iter().map(|t| t.span.of(text)).collect();
    if ws.iter().any(|w| is_in(ORG_WORDS, w)) {
        return Some(EntityType::Org);
    }
    if ws.iter().any(|w| is_in(LOC_WORDS, w)) {
        return Some(EntityType::Loc);
    }
    if ws
        .iter()
        .any(|w| is_in(MISC_WORDS, w) || w.chars().any(|c| c.is_ascii_digit()))
    {
        return Some(EntityType::Misc);
    }
    if ws.len() == 1 && ws[0].chars().all(|c| c.is_uppercase() || c == '.') {
        return Some(EntityType::Org); // an unknown acronym
    }
    let before = i
        .checked_sub(1)
        .map(|j| tokens[j].span.of(text).to_lowercase())
        .unwrap_or_default();
    let after = tokens
        .get(end)
        .map(|t| t.span.of(text).to_lowercase())
        .unwrap_or_default();
    let title_before = role_before(st, i).is_some();
    if title_before || is_in(SPEECH_VERBS, after.as_str()) {
        return Some(EntityType::Per);
    }
    if before == "the" {
        return Some(EntityType::Misc);
    }
    if ["in", "at", "from", "near", "to"].contains(&before.as_str()) && ws.len() == 1 {
        return Some(EntityType::Loc);
    }
    None
}

/// The title or descriptor directly before token `i` (a person's name), if any:
/// "Foreign Minister", "Japanese Foreign Minister", "EU foreign policy chief", "US President".
fn role_before(st: &Sent, i: usize) -> Option<String> {
    let (text, tokens) = (st.text, &st.tokens[..]);
    let gap_ok = |a: usize, b: usize| {
        let gap = text
            .get(tokens[a].span.end..tokens[b].span.start)
            .unwrap_or("");
        matches!(gap, " " | ", ") || (matches!(gap, "’" | "'") && tokens[b].span.of(text) == "s")
    };
    let mut start = i;
    // Capitalised titles: longest gazetteer title ending right before `i`.
    for k in (i.saturating_sub(4)..i).rev() {
        if let Some((end, e)) = st.gaz(k) {
            if end == i && e.kind == GazKind::Title && gap_ok(end - 1, i) {
                start = k;
            }
        }
    }
    if start == i {
        // A lower-case descriptor ending in a head noun: "foreign policy chief".
        let head = i.checked_sub(1)?;
        let hw = tokens[head].span.of(text);
        if !is_in(DESCRIPTOR_HEADS, hw) || !gap_ok(head, i) {
            return None;
        }
        start = head;
        while start > 0 && start + 4 > head {
            let w = tokens[start - 1].span.of(text);
            let lower_word = w.chars().all(|c| c.is_lowercase() || c == '-')
                && ![
                    "the", "his", "her", "its", "their", "a", "an", "and", "with", "of", "s",
                ]
                .contains(&w);
            if !lower_word || !gap_ok(start - 1, start) {
                break;
            }
            start -= 1;
        }
    }
    // A possessive owner ("Ishiba's predecessor", "Japan's Defense Minister") or a
    // place, organisation or demonym in front ("EU", "Japanese", "US").
    if start >= 2
        && tokens[start - 1].span.of(text) == "s"
        && gap_ok(start - 2, start - 1)
        && gap_ok(start - 1, start)
        && starts_upper(tokens[start - 2].span.of(text))
    {
        start -= 2;
    } else if start > 0 && gap_ok(start - 1, start) {
        if let Some(k) = (start.saturating_sub(3)..start).find(|&k| {
            st.gaz(k)
                .is_some_and(|(end, e)| end == start && e.kind != GazKind::Title)
        }) {
            start = k;
        }
    }
    let span = Span::new(tokens[start].span.start, tokens[i - 1].span.end);
    Some(span.of(text).trim_end_matches([',', ' ']).to_string())
}

/// "Chinese Foreign Ministry": a demonym directly before an organisation chunk belongs to it.
fn merge_demonym_orgs(text: &str, mentions: &mut [Mention]) {
    for k in 1..mentions.len() {
        let (a, b) = (&mentions[k - 1], &mentions[k]);
        let adjacent = text.get(a.span.end..b.span.start) == Some(" ");
        if a.related.is_some()
            && b.ty == EntityType::Org
            && matches!(b.key, Key::Name(_))
            && adjacent
        {
            let span = Span::new(a.span.start, b.span.end);
            mentions[k].span = span;
            mentions[k].key = Key::Name(name_key(span.of(text)));
            mentions[k - 1].span = Span::new(0, 0); // removed by the caller's retain
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(text: &str) -> Vec<(String, EntityType)> {
        let mut out = Vec::new();
        tag_sentence(text, Span::new(0, text.len()), 0, None, &mut out);
        out.iter()
            .map(|m| (m.span.of(text).to_string(), m.ty))
            .collect()
    }

    #[test]
    fn word_lists_are_sorted_for_binary_search() {
        for list in [
            COMMON_OPENERS,
            ORG_WORDS,
            LOC_WORDS,
            MISC_WORDS,
            DESCRIPTOR_HEADS,
            SPEECH_VERBS,
        ] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
    }

    #[test]
    fn tags_names_places_and_organisations() {
        use EntityType::*;
        let cases: &[(&str, &[(&str, EntityType)])] = &[
            (
                "EU foreign policy chief Josep Borrell hailed it.",
                &[("EU", Org), ("Josep Borrell", Per)],
            ),
            (
                "Japanese Foreign Minister Takeshi Iwaya spoke in Tokyo.",
                &[("Japanese", Misc), ("Takeshi Iwaya", Per), ("Tokyo", Loc)],
            ),
            (
                "While Borrell did not mention China, he left.",
                &[("Borrell", Misc), ("China", Loc)],
            ),
            (
                "The spokesperson of the Chinese Foreign Ministry Lin Jian urged restraint.",
                &[("Chinese Foreign Ministry", Org), ("Lin Jian", Per)],
            ),
            (
                "It was seen by Agence France-Presse and AFP.",
                &[("Agence France-Presse", Org), ("AFP", Org)],
            ),
            (
                "the first EU-Japan strategic dialogue",
                &[("EU", Org), ("Japan", Loc)],
            ),
            (
                "a signing ceremony at the Iikura Guest House in Tokyo",
                &[("Iikura Guest House", Loc), ("Tokyo", Loc)],
            ),
            (
                "Defense Minister Gen Nakatani met General Nakatani.",
                &[("Gen Nakatani", Per), ("Nakatani", Per)],
            ),
            (
                "its new missile, dubbed Hwasong-19, flew",
                &[("Hwasong-19", Misc)],
            ),
            ("TOKYO", &[("TOKYO", Loc)]),
            ("a threat to the U.S. mainland", &[("U.S.", Loc)]),
        ];
        for (text, expect) in cases {
            let expect: Vec<(String, EntityType)> =
                expect.iter().map(|(t, ty)| (t.to_string(), *ty)).collect();
            assert_eq!(tag(text), expect, "{text}");
        }
    }

    #[test]
    fn roles_before_names() {
        let cases = [
            ("EU foreign policy chief Josep Borrell hailed it.", "Josep Borrell", Some("EU foreign policy chief")),
            ("Japanese Foreign Minister Takeshi Iwaya spoke.", "Takeshi Iwaya", Some("Japanese Foreign Minister")),
            ("as announced by EU’s foreign policy head, Josep Borrell, during", "Josep Borrell", Some("EU’s foreign policy head")),
            ("High Representative Borrell, on a mission", "Borrell", Some("High Representative")),
            ("hosted by US President Joe Biden for", "Joe Biden", Some("US President")),
            ("issued by Ishiba’s predecessor Fumio Kishida, who", "Fumio Kishida", Some("Ishiba’s predecessor")),
            ("Borrell conferred with Japan’s Defense Minister Gen Nakatani.", "Gen Nakatani", Some("Japan’s Defense Minister")),
            ("the EU’s High Representative for Foreign Affairs and Security Policy, Josep Borrell, said", "Josep Borrell", None),
            ("Borrell and Iwaya met.", "Borrell", None),
        ];
        for (text, name, role) in cases {
            let mut out = Vec::new();
            tag_sentence(text, Span::new(0, text.len()), 0, None, &mut out);
            let m = out
                .iter()
                .find(|m| m.span.of(text) == name)
                .unwrap_or_else(|| panic!("{name} in {text}"));
            assert_eq!(m.role.as_deref(), role, "{text}");
        }
    }

    #[test]
    fn furniture_and_sentence_openers_are_not_names() {
        for text in [
            "Home",
            "MENU",
            "Subscribe",
            "Digital edition",
            "Notably, the talks ended.",
            "Cooperation on security matters.",
        ] {
            let mut out = Vec::new();
            tag_sentence(text, Span::new(0, text.len()), 0, None, &mut out);
            assert!(
                out.iter()
                    .all(|m| m.ty != EntityType::Per
                        && (m.sentence_initial || m.ty != EntityType::Misc)),
                "{text}: {:?}",
                out
            );
        }
    }
}
