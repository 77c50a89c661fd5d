//! Stage 4, entities: tag people, organisations, places, dates and numbers, then
//! resolve aliases across all sources.
//!
//! - Names (PER, ORG, LOC, MISC) come from a learned sequence tagger ([`tagger`]:
//!   an averaged perceptron trained on CoNLL-2003, embedded as 4-bit weights, entropy coded; see `codebook`).
//! - DATE, TIME, MONEY, PERCENT and QUANTITY come from grammar rules ([`rules`]),
//!   with dates normalised against the source's publication date.
//! - The compiled gazetteer ([`gazetteer`]) gives known names their canonical key
//!   ("U.S." and "United States" are one place), adds known places and organisations
//!   the tagger missed, marks demonyms, and finds titles, which become a person's
//!   `roles` rather than entities.
//!
//! Once a source's sentences are tagged, [`carry_names`] makes the lone surnames of the
//! people it names in full, where the tagger left them, mentions of those people
//! (document-level consistency). [`KeyedMentions`] then merges mentions into one entity
//! per referent, in two passes.

mod codebook;
mod consistency;
mod resolve;
pub mod rules;
pub mod tagger;

use serde::Serialize;

use crate::lexicon::dates::Date;
#[cfg(test)]
use crate::text::words;
use crate::text::{is_apostrophe, is_lone_s, is_split_possessive, Span, Token};
use crate::lexicon::gazetteer::{self, GazEntry, GazKind};
pub use crate::lexicon::names::{gender_of, Gender};
pub use consistency::carry_names;
pub use resolve::{name_hash, short_forms, surname_hash, Entity, KeyedMentions};
pub use tagger::WordCache;

/// Entity types of the digest (CoNLL-2003 and OntoNotes names).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityType {
    /// A person.
    Per,
    /// An organisation.
    Org,
    /// A place.
    Loc,
    /// Another name: an event, a nationality, a work.
    Misc,
    /// A date or a day ("Thursday", "Nov. 1").
    Date,
    /// A time of day.
    Time,
    /// An amount of money.
    Money,
    /// A percentage.
    Percent,
    /// A number with or without a unit.
    Quantity,
}

impl EntityType {
    /// The name type of a tagger label index (0 is "outside").
    fn of_label(label: usize) -> Option<EntityType> {
        match label {
            1 => Some(EntityType::Per),
            2 => Some(EntityType::Org),
            3 => Some(EntityType::Loc),
            4 => Some(EntityType::Misc),
            _ => None,
        }
    }
}

/// How a mention will be grouped with others.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Key {
    /// A gazetteer entry.
    Gazetteer(u16),
    /// A name; its folded text with US spelling.
    Name(String),
    /// A one-word name that may abbreviate a longer one (a surname, an acronym): resolution decides.
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
    /// A one-word name that opens the sentence or a quotation: capitalised perhaps only
    /// for that reason, so resolution keeps it only if the word is capitalised
    /// mid-sentence somewhere too ("Additionally," is not; "Borrell" is).
    pub sentence_initial: bool,
    /// A title word standing alone ("King said"): a name only as the surname of a
    /// person named in full in the same story ("Tishana King"); otherwise dropped.
    pub surname_only: bool,
}

impl Mention {
    /// A mention with no value, role, related place or flags.
    fn new(source: usize, span: Span, ty: EntityType, key: Key) -> Self {
        Mention {
            source,
            span,
            ty,
            key,
            value: None,
            role: None,
            related: None,
            sentence_initial: false,
            surname_only: false,
        }
    }
}

/// Final words that make a multi-word name a place (sorted).
const PLACE_HEADS: &[&str] = &[
    "Airport", "Avenue", "Bay", "Bridge", "Hall", "House", "Island", "Islands", "Lake", "Mountain", "Mountains",
    "Palace", "Park", "Peninsula", "River", "Road", "Sea", "Square", "Stadium", "Strait", "Street", "Valley",
];

/// Function words and sentence adverbs that a tagger takes into a name when they open
/// the sentence, capitalised only by position ("Meanwhile Mozilla", "Although
/// Microsoft"); lower case, sorted. Not "will", "may", "can", "do": they are also names.
const CLAUSE_OPENERS: &[&str] = &[
    "about", "after", "again", "against", "all", "also", "although", "an", "and", "any", "are", "as", "at", "because",
    "before", "besides", "both", "but", "by", "could", "despite", "did", "does", "during", "each", "earlier", "either",
    "even", "eventually", "every", "finally", "for", "from", "furthermore", "had", "has", "have", "he", "her", "here",
    "his", "how", "however", "if", "in", "indeed", "instead", "into", "ironically", "is", "it", "its", "later", "like",
    "meanwhile", "moreover", "my", "neither", "nevertheless", "nonetheless", "nor", "not", "now", "of", "on", "once",
    "only", "or", "our", "she", "should", "since", "so", "some", "still", "such", "than", "that", "their", "then",
    "there", "therefore", "these", "they", "this", "those", "though", "thus", "to", "today", "tomorrow", "tonight",
    "unlike", "until", "upon", "was", "we", "were", "what", "whatever", "when", "where", "whether", "which", "while",
    "who", "why", "with", "without", "would", "yesterday", "yet", "you", "your",
];

/// Words before a name that make it a person's, as written (sorted; the period, a token
/// of its own, is not part of the word). Not "MS" or "Miss" ("Miss America").
const HONORIFICS: &[&str] = &["Dr", "Mr", "Mrs", "Ms", "Mx"];

/// Nouns that end a lower-case descriptor before a name ("foreign policy chief Josep Borrell").
const DESCRIPTOR_HEADS: &[&str] = &[
    "ambassador", "chief", "commissioner", "counterpart", "director", "envoy", "head", "leader", "minister",
    "official", "predecessor", "premier", "president", "secretary", "spokesman", "spokesperson", "spokeswoman",
    "successor",
];

/// Membership in a sorted word list (the lists are checked sorted by a test).
pub(crate) fn is_in(list: &[&str], word: &str) -> bool {
    list.binary_search(&word).is_ok()
}

/// Tags one sentence of source `source`. `published` anchors relative dates.
#[cfg(test)]
pub fn tag_sentence(text: &str, sentence: Span, source: usize, published: Option<Date>, out: &mut Vec<Mention>) {
    tag_tokens(
        text,
        &words(text, sentence),
        source,
        published,
        &mut WordCache::default(),
        out,
    )
}

/// Tags every sentence of `text` (one paragraph, source `source`) as the pipeline tags
/// a source: each sentence, then [`carry_names`] over them all.
#[cfg(test)]
pub fn tag_source(text: &str, source: usize, out: &mut Vec<Mention>) {
    let mut cache = WordCache::default();
    let mut tokens = Vec::new();
    let mut ranges = Vec::new();
    for sentence in crate::segment::sentences(text, Span::new(0, text.len())) {
        let start = out.len();
        tokens.push(words(text, sentence));
        tag_tokens(text, &tokens[tokens.len() - 1], source, None, &mut cache, out);
        ranges.push(start..out.len());
    }
    carry_names(text, source, &tokens, &mut ranges, out);
}

/// Tags one sentence given its [`words`](crate::text::words) tokens (shared with
/// deduplication, so each sentence is tokenised once).
pub fn tag_tokens(
    text: &str,
    tokens: &[Token],
    source: usize,
    published: Option<Date>,
    cache: &mut WordCache,
    out: &mut Vec<Mention>,
) {
    let st = SentenceForNames::new(text, tokens);
    let names = outside_title_complements(&st, cut_title_case_spans(&st, name_spans(&st, cache)));
    let sentence_tokens = rules::SentenceTokens {
        text,
        tokens,
        published,
    };
    let first_out = out.len();
    let mut next_name = 0;
    let mut i = 0;
    while i < tokens.len() {
        if let Some(&(start, end, ty)) = names.get(next_name).filter(|n| n.0 == i) {
            // "EU-Japan" is two known names, whatever one label the tagger gave it.
            if end > start + 1 || hyphen_compound(text, tokens[start], source, out).is_none() {
                push_name(&st, start, end, ty, source, out);
            }
            next_name += 1;
            i = end;
            continue;
        }
        let name_start = names.get(next_name).map_or(tokens.len(), |n| n.0);
        let word = tokens[i].span.of(text);
        let rule_hit = if rules::may_start(word) {
            rules::match_at(&sentence_tokens, i).filter(|h| h.end <= name_start)
        } else {
            None
        };
        if let Some(hit) = rule_hit {
            let span = Span::new(tokens[i].span.start, tokens[hit.end - 1].span.end);
            let key = Key::Value(hit.value.clone().unwrap_or_else(|| crate::text::fold(span.of(text))));
            out.push(Mention {
                value: hit.value,
                ..Mention::new(source, span, hit.ty, key)
            });
            i = hit.end;
            continue;
        }
        // A known name the tagger left out; titles are skipped with their complement.
        if let Some((end, entry)) = st.gaz(i).filter(|(end, _)| *end <= name_start) {
            if entry.kind == GazKind::Title && is_surname_not_title(&st, i, end) {
                // "King said": a one-word title standing alone may be a surname, kept
                // if a person of the story has it ("Tishana King").
                let span = tokens[i].span;
                out.push(Mention {
                    surname_only: true,
                    ..Mention::new(source, span, EntityType::Per, Key::Bare(name_key(span.of(text))))
                });
                i = end;
            } else if entry.kind == GazKind::Title {
                i = title_complement_end(&st, end).min(name_start);
            } else {
                push_gazetteer(&st, i, end, entry, source, out);
                i = end;
            }
            continue;
        }
        // Both need a hyphen; a byte loop rules most words out (wasm's `memchr` and
        // `rsplit_once` cost more on short words).
        let hyphenated = word.bytes().any(|b| b == b'-');
        if hyphenated && hyphen_compound(text, tokens[i], source, out).is_none() && is_designation(word) {
            // "Hwasong-19", "F-35", "Su-57": a weapon or product designation.
            let key = Key::Name(thing_key(word));
            let span = tokens[i].span;
            out.push(Mention::new(source, span, EntityType::Misc, key));
        }
        i += 1;
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

/// Name spans `(first token, end token, type)` from the learned tagger, over word tokens.
fn name_spans(st: &SentenceForNames, cache: &mut WordCache) -> Vec<(usize, usize, EntityType)> {
    let Some(model) = tagger::Model::embedded() else {
        return Vec::new();
    };
    let (words, word_of) = tagger_words(st);
    // A headline in title case is tagged as if in sentence case: its words that news
    // writes in lower case are given to the tagger in lower case ("Perry Wins
    // Endorsement" reads "Perry wins endorsement"), so capitals mark only what they
    // mark in the body text the tagger learned from.
    let sentence_cased: Vec<String>;
    let words = if st.title_case {
        sentence_cased = words
            .iter()
            .map(|w| {
                if tagger::is_common_hash(crate::text::fnv_lower(w)) {
                    w.to_lowercase()
                } else {
                    w.to_string()
                }
            })
            .collect();
        sentence_cased.iter().map(String::as_str).collect()
    } else {
        words
    };
    let labels = model.tag(&words, cache);
    let mut out: Vec<(usize, usize, EntityType)> = Vec::new();
    let mut prev: Option<(usize, EntityType)> = None; // (last word index, type) of the open span
    for (k, &label) in labels.iter().enumerate() {
        let Some(w) = word_of[k] else {
            // Punctuation inside a name ("Washington, D.C.") keeps it open only if the tagger says so.
            if EntityType::of_label(label).is_none() {
                prev = None;
            }
            continue;
        };
        match EntityType::of_label(label) {
            Some(ty) if prev.is_some_and(|(_, t)| t == ty) => {
                if let Some(last) = out.last_mut() {
                    last.1 = w + 1;
                }
                prev = Some((w, ty));
            }
            Some(ty) => {
                out.push((w, w + 1, ty));
                prev = Some((w, ty));
            }
            None => prev = None,
        }
    }
    with_known_and_surname_ends(st, join_names_across_and(st, out))
}

/// Two ends the tagger cuts short:
/// - a gazetteer name longer than the span that starts it ("People" of "People's
///   Republic of China") is taken whole, with the spans it covers;
/// - a person's name ending in a word that is also a title, standing alone before a
///   lower-case word ("Tishana | King saw"), takes that word: the tagger learned that
///   titles are no part of names from "King Hussein", where the title comes first.
fn with_known_and_surname_ends(
    st: &SentenceForNames,
    spans: Vec<(usize, usize, EntityType)>,
) -> Vec<(usize, usize, EntityType)> {
    let mut out: Vec<(usize, usize, EntityType)> = Vec::with_capacity(spans.len());
    for (start, mut end, ty) in spans {
        if out.last().is_some_and(|last| last.1 > start) {
            continue; // covered by a known name taken whole
        }
        if let Some((known_end, _)) = st.gaz(start).filter(|(e, g)| *e > end && g.kind != GazKind::Title) {
            end = known_end;
        } else if ty == EntityType::Per
            && st.gaz(end).is_some_and(|(e, g)| e == end + 1 && g.kind == GazKind::Title)
            && st.spaced(end - 1, end)
            && st.spaced(end, end + 1)
            && st.word(end + 1).starts_with(char::is_lowercase)
            && !matches!(st.word(end + 1), "and" | "of" | "for")
        {
            end += 1;
        }
        out.push((start, end, ty));
    }
    out
}

/// Final words of names that may contain "and" (sorted): agreements are MISC
/// ("Security and Defense Partnership"), bodies are ORG ("Test and County Cricket Board").
const AND_NAME_HEADS: &[(&str, EntityType)] = &[
    ("Accord", EntityType::Misc),
    ("Agency", EntityType::Org),
    ("Agreement", EntityType::Misc),
    ("Association", EntityType::Org),
    ("Board", EntityType::Org),
    ("Charter", EntityType::Misc),
    ("Commission", EntityType::Org),
    ("Committee", EntityType::Org),
    ("Convention", EntityType::Misc),
    ("Council", EntityType::Org),
    ("Declaration", EntityType::Misc),
    ("Department", EntityType::Org),
    ("Framework", EntityType::Misc),
    ("Institute", EntityType::Org),
    ("Ministry", EntityType::Org),
    ("Pact", EntityType::Misc),
    ("Partnership", EntityType::Misc),
    ("Treaty", EntityType::Misc),
];

/// Joins "A and B" into one name when B ends in a head word that such names end in:
/// the tagger, trained on text where "and" rarely sits inside a name, splits them.
fn join_names_across_and(st: &SentenceForNames, spans: Vec<(usize, usize, EntityType)>) -> Vec<(usize, usize, EntityType)> {
    let mut out: Vec<(usize, usize, EntityType)> = Vec::with_capacity(spans.len());
    for span in spans {
        if let Some(prev) = out.last_mut() {
            let head = AND_NAME_HEADS
                .binary_search_by(|(w, _)| w.cmp(&st.word(span.1 - 1)))
                .ok()
                .map(|k| AND_NAME_HEADS[k].1);
            let joined_by_and = span.0 == prev.1 + 1
                && st.word(prev.1) == "and"
                && st.spaced(prev.1 - 1, prev.1)
                && st.spaced(prev.1, span.0);
            if let Some(ty) = head.filter(|_| joined_by_and) {
                *prev = (prev.0, span.1, ty);
                continue;
            }
        }
        out.push(span);
    }
    out
}

/// A capitalised name joined by a hyphen to a number: "Hwasong-19", "F-35", "Su-57".
fn is_designation(word: &str) -> bool {
    let Some((name, number)) = word.rsplit_once('-') else {
        return false;
    };
    starts_upper(name)
        && name.chars().all(|c| c.is_alphabetic() || c == '-')
        && !number.is_empty()
        && number.chars().all(|c| c.is_ascii_digit())
}

/// In a headline set in title case ("Lindsay Lohan Checks Into Betty Ford Clinic"),
/// the tagger, which learned that capitals mark names, runs names together across the
/// verbs and nouns (on the 1 MB ECB+ corpus, about 100 such "names"). There a name span
/// is cut at every word that news writes in lower case (`data/common-words.txt`):
/// "Lindsay Lohan", "Betty Ford". A known name cut away ("White House") is still found
/// by the gazetteer, which looks at every word no name covers. A one-word name left
/// there counts only if it is a name elsewhere too (`push_name`): "Obama", not "Rehab".
fn cut_title_case_spans(st: &SentenceForNames, names: Vec<(usize, usize, EntityType)>) -> Vec<(usize, usize, EntityType)> {
    if !st.title_case {
        return names;
    }
    // A verb's "-s" form counts as its base ("Confesses", "Acquires", "Sets").
    let common = |k: usize| {
        let w = st.word(k);
        let is_common = |w: &str| tagger::is_common_hash(crate::text::fnv_lower(w));
        is_common(w)
            || [w.strip_suffix('s'), w.strip_suffix("es")]
                .into_iter()
                .flatten()
                .any(is_common)
    };
    let mut out = Vec::with_capacity(names.len());
    for (a, b, ty) in names {
        let mut start = a;
        for k in a..=b {
            if k == b || common(k) {
                if start < k {
                    out.push((start, k, ty));
                }
                start = k + 1;
            }
        }
    }
    out
}

/// At least four words of five letters or more, all capitalised and not all capitals,
/// no number and no list: a headline's title case (shorter words, "of", "in", "into",
/// may stay lower case). A headline in capitals is not cut: the tagger learned those
/// from CoNLL's headlines, and cutting them cost 0.4 points of raw-text F1 there. Nor
/// is a list of names, or a line of results ("Real Madrid 1"). It runs for every
/// sentence, so it stops at the first word that rules title case out.
fn is_title_case(st: &SentenceForNames) -> bool {
    is_title_case_sentence(st.text, st.tokens)
}

/// [`is_title_case`] of a sentence's `tokens` in `text`.
fn is_title_case_sentence(text: &str, tokens: &[Token]) -> bool {
    let mut long = 0usize;
    for t in tokens {
        let w = t.span.of(text).as_bytes();
        if w.iter().any(u8::is_ascii_digit) {
            return false;
        }
        if w.len() >= 5 && w.iter().all(u8::is_ascii_alphabetic) {
            if !w[0].is_ascii_uppercase() || !w[1..].iter().any(u8::is_ascii_lowercase) {
                return false; // a lower-case word, or one in capitals
            }
            long += 1;
        }
    }
    let listed = || {
        tokens.first().zip(tokens.last()).is_some_and(|(first, last)| {
            text[first.span.start..last.span.end]
                .bytes()
                .filter(|&b| b == b',')
                .count()
                >= 2
        })
    };
    long >= 4 && !listed()
}

/// True if the one-word title at token `i` (ending at `end`) stands as a name: no
/// article, possessive or name right before it ("the King said", "76ers President"), a
/// lower-case word after it that does not go on with the title ("King said", not
/// "King Abdullah", "King of Jordan", "President and General Manager"), and not in a
/// title-case headline ("Mayor Says").
fn is_surname_not_title(st: &SentenceForNames, i: usize, end: usize) -> bool {
    const DETERMINERS: &[&str] = &[
        "a", "an", "her", "his", "its", "our", "that", "the", "their", "this", "your",
    ];
    let next = st.word(end);
    let previous = if i == 0 { "" } else { st.word(i - 1) };
    end == i + 1
        && !st.title_case
        && next.starts_with(|c: char| c.is_lowercase())
        && !matches!(next, "and" | "of" | "for")
        && st.spaced(i, end)
        && !(i > 0 && st.spaced(i - 1, i) && previous.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()))
        && !is_in(DETERMINERS, &previous.to_lowercase())
}

/// Drops name spans inside a title's complement ("High Representative for Foreign
/// Affairs and Security Policy" names an office, not an organisation and a person).
fn outside_title_complements(st: &SentenceForNames, names: Vec<(usize, usize, EntityType)>) -> Vec<(usize, usize, EntityType)> {
    let mut inside = vec![false; st.tokens.len()];
    for k in 0..st.tokens.len() {
        if let Some((end, _)) = st.gaz(k).filter(|(_, g)| g.kind == GazKind::Title) {
            for flag in &mut inside[end..title_complement_end(st, end)] {
                *flag = true;
            }
        }
    }
    names
        .into_iter()
        .filter(|&(a, b, _)| !inside[a..b].iter().any(|&x| x))
        .collect()
}

/// The sentence as the tagger was trained to see it (CoNLL-style tokens: words and
/// punctuation, possessive "'s" as one token), with each one's word-token index.
fn tagger_words<'a>(st: &SentenceForNames<'a>) -> (Vec<&'a str>, Vec<Option<usize>>) {
    let mut words = Vec::with_capacity(st.tokens.len() * 5 / 4);
    let mut index = Vec::with_capacity(words.capacity());
    let mut prev_end = st.tokens.first().map_or(0, |t| t.span.start);
    for (k, t) in st.tokens.iter().enumerate() {
        let gap = st.text.get(prev_end..t.span.start).unwrap_or("");
        let w = t.span.of(st.text);
        let possessive = is_split_possessive(gap, w);
        if !possessive {
            for (g, c) in gap.char_indices().filter(|(_, c)| !c.is_whitespace()) {
                words.push(match c {
                    '“' | '”' | '„' => "\"",
                    '‘' | '’' => "'",
                    _ => &gap[g..g + c.len_utf8()],
                });
                index.push(None);
            }
        }
        // "A. Dale", "Gen. Nakatani": CoNLL tokens keep an abbreviation's period.
        let dotted = st
            .text
            .get(t.span.start..t.span.end + 1)
            .filter(|d| d.ends_with('.') && crate::segment::is_abbreviation(w));
        words.push(if possessive { "'s" } else { dotted.unwrap_or(w) });
        index.push(Some(k));
        prev_end = t.span.end + dotted.map_or(0, |_| 1);
    }
    (words, index)
}

/// Lower-case function words a name does not start with ("Critics of Obamacare"): the
/// tagger sometimes takes one into the name after it (sorted).
const NOT_NAME_STARTS: &[&str] = &["a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "the", "to", "with"];

/// Words that make the name after them a storm's ("Hurricane Sandy"), an event (MISC)
/// and not a person (sorted).
const STORM_WORDS: &[&str] = &["Cyclone", "Hurricane", "Superstorm", "Typhoon"];

/// Lower-case nouns that a person's name modifies ("the Obama administration", "the
/// Trump campaign"): a name before one, unless it is a known place, organisation or
/// demonym, is a person's, not a place or a thing (sorted).
const PERSON_MODIFIED: &[&str] = &["administration", "campaign", "presidency"];

/// "Obamacare", "Trumpcare", "Obama-care": a one-word name ending in "care" names a
/// programme or a law (MISC), whoever it is named after.
fn is_care_name(word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    lower.len() > 5 && lower.ends_with("care") && word.starts_with(|c: char| c.is_uppercase())
}

fn push_name(st: &SentenceForNames, mut start: usize, mut end: usize, mut ty: EntityType, source: usize, out: &mut Vec<Mention>) {
    while start + 1 < end && is_in(NOT_NAME_STARTS, st.word(start)) {
        start += 1;
    }
    if is_in(NOT_NAME_STARTS, st.word(start)) {
        return;
    }
    // "Hurricane Sandy": the storm word belongs to the name, which is an event.
    if start > 0 && is_in(STORM_WORDS, st.word(start - 1)) && st.spaced(start - 1, start) {
        start -= 1;
    }
    if is_in(STORM_WORDS, st.word(start)) && end > start + 1 {
        ty = EntityType::Misc;
    }
    if end == start + 1 && is_care_name(st.word(start)) {
        ty = EntityType::Misc;
    }
    // "Additionally, ...": a word in -ly opening a clause before a comma is an adverb,
    // whatever the tagger made of it (a known name, "Italy,", is found by the gazetteer).
    if end == start + 1
        && ty == EntityType::Misc
        && st.opens_clause(start)
        && st.word(start).ends_with("ly")
        && st.text.get(st.tokens[start].span.end..).is_some_and(|rest| rest.starts_with(','))
        && st.gaz(start).is_none()
    {
        return;
    }
    // "the Obama administration": the name is a person's, not a place.
    let surface_of = |a: usize, b: usize| Span::new(st.tokens[a].span.start, st.tokens[b - 1].span.end).of(st.text);
    if matches!(ty, EntityType::Loc | EntityType::Org | EntityType::Misc)
        && is_in(PERSON_MODIFIED, st.word(end))
        && st.spaced(end - 1, end)
        && st.gaz(start).is_none_or(|(e, g)| e != end || g.kind == GazKind::Title)
        && !gazetteer::is_place(surface_of(start, end))
    {
        ty = EntityType::Per;
    }
    // "Mr. Ban", "Ms Livni": an honorific names a person, whatever the tagger made of
    // the word (it is cut off below, as titles are).
    let honorific = |k: usize| is_in(HONORIFICS, st.word(k));
    if end > start + 1 && honorific(start) {
        ty = EntityType::Per;
    }
    // A function word or adverb opening the sentence is not part of the name after it
    // ("Meanwhile Mozilla"); a work's title may open with one ("Of Mice and Men").
    if ty != EntityType::Misc
        && end > start + 1
        && st.opens_clause(start)
        && is_in(CLAUSE_OPENERS, &st.word(start).to_lowercase())
    {
        start += 1;
        if !starts_upper(st.word(start)) {
            return; // "You don't"
        }
    }
    // A title inside what the tagger took for an organisation's name, before a
    // person's name, is a role ("AARP CEO Barry Rand", "GOP Rep. Blake Farenthold",
    // "White House Chief of Staff Rahm Emanuel"): the words before it, if any, are the
    // organisation, and the rest is the person.
    if ty != EntityType::Per {
        if let Some((k, person)) = (start..end).find_map(|k| {
            st.gaz(k)
                .filter(|&(title_end, g)| g.kind == GazKind::Title && title_end + 2 <= end)
                .map(|(title_end, _)| (k, title_end))
                .filter(|&(_, person)| is_person_name(st, person, end))
        }) {
            if k > start {
                push_name(st, start, k, ty, source, out);
            }
            push_name(st, person, end, EntityType::Per, source, out);
            return;
        }
    }
    // An office is not an organisation or a place. A title the span cuts in two ends
    // the name ("Chargers | General Manager"); a span that is only a title of several
    // words is dropped ("City Attorney"). A title ending a name may belong to it
    // ("Notre Dame", "Time Lord"), and one word may be a band's or singer's name
    // ("Queen", "Prince"): those stay.
    if ty != EntityType::Per {
        // A title ending the span right before another name ("Fulton County District
        // Attorney | Paul Howard") is the office of the person after it.
        let name_follows = starts_upper(st.word(end)) && st.spaced(end - 1, end);
        let office = (start..end).find(|&k| {
            st.gaz(k).is_some_and(|(title_end, g)| {
                g.kind == GazKind::Title
                    && (title_end > end
                        || (title_end == end && k == start && end > start + 1)
                        || (title_end == end && k > start && name_follows))
            })
        });
        match office {
            Some(k) if k == start => return,
            Some(k) => end = k,
            None => {}
        }
        // A known place or organisation, then a title inside the span ("Texas Rep. Beto
        // O'Rourke", "Texas Governor"): the place is one name, and the words after the
        // title a person's, whose role the title is.
        let owner_title = (start + 1..end).find_map(|k| {
            st.gaz(k)
                .filter(|&(title_end, g)| g.kind == GazKind::Title && title_end <= end)
                .map(|(title_end, _)| (k, title_end))
        });
        if let Some((k, title_end)) = owner_title {
            let owner = surface_of(start, k);
            let known = st.gaz(start).is_some_and(|(e, g)| e == k && g.kind != GazKind::Title);
            if known || gazetteer::is_place(owner) {
                let owner_ty = if gazetteer::is_place(owner) { EntityType::Loc } else { ty };
                push_name(st, start, k, owner_ty, source, out);
                if title_end < end && starts_upper(st.word(title_end)) {
                    push_name(st, title_end, end, EntityType::Per, source, out);
                }
                return;
            }
        }
    }
    // A title the tagger took into a person's name ("General Nakatani") is a role.
    if ty == EntityType::Per {
        while let Some((title_end, _)) = st
            .gaz(start)
            .filter(|&(title_end, g)| g.kind == GazKind::Title && title_end < end)
        {
            start = title_end;
        }
        // Deeper in, a title starts the name when a full name follows it ("Brooklyn
        // Councilman Jumaane Williams"), not a suffix ("Martin Luther King Jr") or a
        // complement ("Mary Queen of Scots").
        if let Some(title_end) = (start + 1..end).find_map(|k| {
            st.gaz(k)
                .filter(|&(title_end, g)| g.kind == GazKind::Title && title_end + 2 <= end)
                .map(|(title_end, _)| title_end)
                .filter(|&title_end| starts_upper(st.word(title_end)))
        }) {
            start = title_end;
        }
    }
    // "Cam Newton", "George W. Bush" typed an organisation (a sports page's teams are
    // named so): a given name that is no place, perhaps an initial, and a rare word,
    // none of them a known name, are a person's name.
    let initial = |k: usize| st.word(k).len() <= 2 && st.word(k).chars().all(char::is_uppercase);
    let last = st.word(end - 1);
    if ty == EntityType::Org
        && (end == start + 2 || (end == start + 3 && initial(start + 1)))
        && crate::lexicon::names::is_given_name(&st.word(start).to_lowercase())
        && last.chars().skip(1).all(char::is_lowercase)
        && !tagger::is_common_hash(crate::text::fnv_lower(last))
        && (start..end).all(|k| st.gaz(k).is_none())
        && !gazetteer::is_place(st.word(start))
    {
        ty = EntityType::Per;
    }
    // "New Hampshire" typed an organisation: a name of several words that is a country,
    // a US state or a large city of the place list is the place (CoNLL's sports pages
    // teach the tagger that a one-word city is often a team, so one word keeps its type).
    // "Texas | Rep. Beto O'Rourke": a place before an office and a person is the place
    // the office is of, not a team.
    let office_after = st
        .gaz(end)
        .is_some_and(|(title_end, g)| g.kind == GazKind::Title && starts_upper(st.word(title_end)));
    if ty == EntityType::Org && (end > start + 1 || office_after) && gazetteer::is_place(surface_of(start, end)) {
        ty = EntityType::Loc;
    }
    let span = Span::new(st.tokens[start].span.start, st.tokens[end - 1].span.end);
    let surface = span.of(st.text);
    if surface.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
        return; // "(L)" and "(R)" in a photo caption are not names
    }
    let known = st
        .gaz(start)
        .filter(|(e, g)| *e == end && g.kind != GazKind::Title)
        .map(|(_, g)| g);
    let related = known.filter(|g| g.kind == GazKind::Demonym).map(|g| g.name);
    // A curated name keeps its curated type: CoNLL's sports pages teach the tagger
    // that an all-caps "TOKYO" is often a team.
    let ty = match known.map(|g| g.kind) {
        Some(GazKind::Loc) => EntityType::Loc,
        Some(GazKind::Org) => EntityType::Org,
        Some(GazKind::Demonym | GazKind::Misc) => EntityType::Misc,
        // "Iikura Guest House", "Tiananmen Square": a name ending in a place word is a place.
        None if ty != EntityType::Per && end > start + 1 && is_in(PLACE_HEADS, st.word(end - 1)) => EntityType::Loc,
        None if start > 0 && honorific(start - 1) => EntityType::Per,
        _ => ty,
    };
    let key = match known {
        Some(g) if related.is_none() => Key::Gazetteer(g.id),
        _ if end == start + 1 && ty != EntityType::Misc => Key::Bare(name_key(surface)),
        _ if ty != EntityType::Per => Key::Name(thing_key(surface)),
        _ => Key::Name(name_key(surface)),
    };
    let role = if ty == EntityType::Per {
        role_before(st, start)
    } else {
        None
    };
    // A capitalised common word opening a sentence, or any word opening it before a
    // comma ("Additionally,"), needs confirmation elsewhere; a rare one ("Leicester
    // beat Somerset") is a name on the tagger's word.
    let before_comma = st.text.get(span.end..).is_some_and(|rest| rest.starts_with(','));
    // In a title-case headline no capital is evidence: every one-word name there needs it.
    let sentence_initial = end == start + 1
        && known.is_none()
        && (st.title_case
            || (st.opens_clause(start) && (before_comma || tagger::is_common_hash(crate::text::fnv_lower(surface)))));
    // A title alone tagged as a person ("Then King said") is a name only as the surname
    // of someone the story names in full ("Tishana King"), as when the gazetteer finds it.
    let surname_only = ty == EntityType::Per
        && st.gaz(start).is_some_and(|(e, g)| e == end && g.kind == GazKind::Title)
        && is_surname_not_title(st, start, end);
    out.push(Mention {
        role,
        related,
        sentence_initial,
        surname_only,
        ..Mention::new(source, span, ty, key)
    });
}

/// Whether tokens `[start, end)` read as a person's full name after a title: two or
/// three capitalised words, the first a given name or a rare word ("Rahm Emanuel"),
/// none of them a title or a common word ("Staff Meeting" is not a name).
fn is_person_name(st: &SentenceForNames, start: usize, end: usize) -> bool {
    let common = |k: usize| tagger::is_common_hash(crate::text::fnv_lower(st.word(k)));
    let first = crate::text::fold(st.word(start));
    (2..=3).contains(&(end - start))
        && (start..end).all(|k| starts_upper(st.word(k)) && st.gaz(k).is_none_or(|(_, g)| g.kind != GazKind::Title))
        && (start + 1..end).all(|k| !common(k) && st.spaced(k - 1, k))
        && (crate::lexicon::names::is_given_name(&first) || !common(start))
}

/// Grouping key of a name: folded case and punctuation, US spelling ("Defence" = "Defense").
fn name_key(s: &str) -> String {
    let folded = crate::text::fold(s);
    folded
        .split(|c: char| c.is_whitespace())
        .map(crate::lexicon::normalise::american)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Grouping key of a name that is not a person's: [`name_key`], with each two-part
/// compound in one order, since outlets write the same partnership "EU-Japan" and
/// "Japan-EU". Not for people ("Jean-Pierre").
fn thing_key(surface: &str) -> String {
    pair_order_free(name_key(surface))
}

fn pair_order_free(key: String) -> String {
    if !key.contains('-') {
        return key;
    }
    let ordered = |word: &str| match word.split_once('-') {
        Some((a, b)) if !b.contains('-') && a.chars().chain(b.chars()).all(char::is_alphabetic) && a > b => {
            format!("{b}-{a}")
        }
        _ => word.to_string(),
    };
    key.split(' ').map(ordered).collect::<Vec<_>>().join(" ")
}

fn starts_upper(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// One sentence's tokens with their gazetteer matches, looked up once.
struct SentenceForNames<'a> {
    text: &'a str,
    tokens: &'a [Token],
    /// Longest gazetteer match starting at each token: (end token, entry).
    gazetteer: Vec<Option<(usize, GazEntry)>>,
    /// Set in title case, as a headline ([`is_title_case`]): capitals say little.
    title_case: bool,
}

impl<'a> SentenceForNames<'a> {
    fn new(text: &'a str, tokens: &'a [Token]) -> Self {
        let mut form = String::new();
        let gazetteer = (0..tokens.len())
            .map(|i| gazetteer_at(text, tokens, i, &mut form))
            .collect();
        let mut st = SentenceForNames {
            text,
            tokens,
            gazetteer,
            title_case: false,
        };
        st.title_case = is_title_case(&st);
        st
    }

    fn gaz(&self, i: usize) -> Option<(usize, GazEntry)> {
        self.gazetteer.get(i).copied().flatten()
    }

    fn word(&self, i: usize) -> &'a str {
        self.tokens.get(i).map_or("", |t| t.span.of(self.text))
    }

    /// True if tokens `a` and `b` are separated by exactly one space.
    fn spaced(&self, a: usize, b: usize) -> bool {
        match (self.tokens.get(a), self.tokens.get(b)) {
            (Some(x), Some(y)) => self.text.get(x.span.end..y.span.start) == Some(" "),
            _ => false,
        }
    }

    /// True if token `i` opens the sentence, a quotation, the attribution after one, or
    /// a clause after a colon or dash.
    fn opens_clause(&self, i: usize) -> bool {
        opens_clause(self.text, self.tokens, i)
    }
}

/// True if token `i` of a sentence's `tokens` opens the sentence, a quotation, the
/// attribution after one, or a clause after a colon or dash.
fn opens_clause(text: &str, tokens: &[Token], i: usize) -> bool {
    if i == 0 {
        return true;
    }
    let gap = text.get(tokens[i - 1].span.end..tokens[i].span.start).unwrap_or("");
    // A closing mark too: "“…,” Read added" opens the clause of the attribution.
    gap.contains(['“', '”', '"', '‘', ':', '(', '—', '–'])
}

/// Longest gazetteer match starting at token `i`: (end token, entry). `form` is scratch space.
fn gazetteer_at(text: &str, tokens: &[Token], i: usize, form: &mut String) -> Option<(usize, GazEntry)> {
    if !tokens.get(i).is_some_and(|t| starts_upper(t.span.of(text))) {
        return None; // every form that can open a match is capitalised
    }
    let mut best = None;
    form.clear();
    for (j, token) in tokens.iter().enumerate().skip(i).take(8) {
        let w = token.span.of(text);
        if j > i {
            let gap = text.get(tokens[j - 1].span.end..token.span.start).unwrap_or("");
            if is_split_possessive(gap, w) {
                form.push('\''); // "People's Republic of China": the possessive "s" is a token of its own
            } else if !gap.trim().is_empty() && gap.trim() != "," {
                break;
            } else {
                form.push(' ');
            }
        }
        form.push_str(w);
        let with_dot = text.get(token.span.end..).is_some_and(|r| r.starts_with('.'));
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
        // Integer tests first: this runs for every word of every capitalised run.
        let possessive_next = tokens.get(j + 1).is_some_and(|next| {
            next.span.end == next.span.start + 1
                && text.as_bytes().get(next.span.start) == Some(&b's')
                && text.get(token.span.end..next.span.start).is_some_and(is_apostrophe)
        });
        if !possessive_next && !gazetteer::has_longer(form) {
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
/// "for"/"of" complement belongs to the title. Returns the token after it.
fn title_complement_end(st: &SentenceForNames, i: usize) -> usize {
    if !matches!(st.word(i), "for" | "of") || !starts_upper(st.word(i + 1)) || !st.spaced(i, i + 1) {
        return i;
    }
    let mut j = i + 1;
    // Capitalised words and inner "and"/"of"/"for", joined by single spaces only: the
    // complement ends at a comma ("…Security Policy, Josep Borrell").
    loop {
        let continues = st.spaced(j, j + 1)
            && (starts_upper(st.word(j + 1))
                || (matches!(st.word(j + 1), "and" | "of" | "for")
                    && starts_upper(st.word(j + 2))
                    && st.spaced(j + 1, j + 2)));
        if !continues {
            return j + 1;
        }
        j += 1;
    }
}

/// Pushes the mention for a gazetteer match of tokens `[i, end)`.
fn push_gazetteer(st: &SentenceForNames, i: usize, end: usize, entry: GazEntry, source: usize, out: &mut Vec<Mention>) {
    let span = Span::new(st.tokens[i].span.start, st.tokens[end - 1].span.end);
    let (ty, related) = match entry.kind {
        GazKind::Loc => (EntityType::Loc, None),
        GazKind::Org => (EntityType::Org, None),
        GazKind::Demonym => (EntityType::Misc, Some(entry.name)),
        GazKind::Misc | GazKind::Title => (EntityType::Misc, None),
    };
    let key = if related.is_some() {
        Key::Name(thing_key(span.of(st.text)))
    } else {
        Key::Gazetteer(entry.id)
    };
    out.push(Mention {
        related,
        ..Mention::new(source, span, ty, key)
    });
}

/// "EU-Japan": a hyphenated token whose parts are all gazetteer names yields one mention per part.
fn hyphen_compound(text: &str, token: Token, source: usize, out: &mut Vec<Mention>) -> Option<()> {
    let w = token.span.of(text);
    // A byte loop: runs for every token, and wasm's `memchr` costs more on short words.
    if !w.bytes().any(|b| b == b'-') || gazetteer::lookup(w).is_some() {
        return None; // "Asia-Pacific" is one name
    }
    let mut parts = Vec::new();
    let mut offset = token.span.start;
    for part in w.split('-') {
        let entry = gazetteer::lookup(part).filter(|e| matches!(e.kind, GazKind::Loc | GazKind::Org))?;
        parts.push((Span::new(offset, offset + part.len()), entry));
        offset += part.len() + 1;
    }
    for (span, entry) in parts {
        let ty = if entry.kind == GazKind::Org {
            EntityType::Org
        } else {
            EntityType::Loc
        };
        out.push(Mention::new(source, span, ty, Key::Gazetteer(entry.id)));
    }
    Some(())
}

/// The title or descriptor directly before token `i` (a person's name), if any:
/// "Foreign Minister", "Japanese Foreign Minister", "EU foreign policy chief", "US President".
fn role_before(st: &SentenceForNames, i: usize) -> Option<String> {
    let (text, tokens) = (st.text, st.tokens);
    // "Sen. Dick Durbin": an abbreviated title keeps its period.
    let gap_ok = |a: usize, b: usize| {
        let gap = text.get(tokens[a].span.end..tokens[b].span.start).unwrap_or("");
        matches!(gap.as_bytes(), [b' '] | [b',', b' '])
            || (gap == ". " && crate::segment::is_abbreviation(tokens[a].span.of(text)))
            || is_split_possessive(gap, tokens[b].span.of(text))
    };
    let mut start = i;
    // Capitalised titles: the longest gazetteer title ending right before `i`.
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
        if !is_in(DESCRIPTOR_HEADS, tokens[head].span.of(text)) || !gap_ok(head, i) {
            return None;
        }
        start = head;
        while start > 0 && start + 4 > head {
            let w = tokens[start - 1].span.of(text);
            let lower_word = w.chars().all(|c| c.is_lowercase() || c == '-')
                && !["the", "his", "her", "its", "their", "a", "an", "and", "with", "of", "s"].contains(&w);
            if !lower_word || !gap_ok(start - 1, start) {
                break;
            }
            start -= 1;
        }
    }
    // A possessive owner ("Ishiba's predecessor", "Japan's Defense Minister") or a
    // place, organisation or demonym in front ("EU", "Japanese", "US").
    if start >= 2
        && is_lone_s(tokens[start - 1].span.of(text))
        && gap_ok(start - 2, start - 1)
        && gap_ok(start - 1, start)
        && starts_upper(tokens[start - 2].span.of(text))
    {
        start -= 2;
    } else if start > 0 && gap_ok(start - 1, start) {
        let owner = (start.saturating_sub(3)..start).find(|&k| {
            st.gaz(k)
                .is_some_and(|(end, e)| end == start && e.kind != GazKind::Title)
        });
        if let Some(k) = owner {
            start = k;
        }
    }
    let dot = usize::from(text.get(tokens[i - 1].span.end..).is_some_and(|r| r.starts_with(". ")));
    let span = Span::new(tokens[start].span.start, tokens[i - 1].span.end + dot);
    Some(span.of(text).trim_end_matches([',', ' ']).to_string())
}

/// "Chinese Foreign Ministry": a demonym directly before an organisation name belongs to it.
fn merge_demonym_orgs(text: &str, mentions: &mut [Mention]) {
    for k in 1..mentions.len() {
        let (a, b) = (&mentions[k - 1], &mentions[k]);
        let adjacent = text.get(a.span.end..b.span.start) == Some(" ");
        if a.related.is_some() && b.ty == EntityType::Org && adjacent && !matches!(b.key, Key::Gazetteer(_)) {
            let span = Span::new(a.span.start, b.span.end);
            mentions[k].span = span;
            mentions[k].key = Key::Name(thing_key(span.of(text)));
            mentions[k - 1].span = Span::new(0, 0); // removed by the caller
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(text: &str) -> Vec<(String, EntityType)> {
        let mut out = Vec::new();
        tag_sentence(text, Span::new(0, text.len()), 0, None, &mut out);
        out.iter().map(|m| (m.span.of(text).to_string(), m.ty)).collect()
    }

    #[test]
    fn compounds_of_two_names_key_in_one_order() {
        for (key, expected) in [
            (
                "japan-eu security and defense partnership",
                "eu-japan security and defense partnership",
            ),
            (
                "eu-japan security and defense partnership",
                "eu-japan security and defense partnership",
            ),
            ("us-china trade talks", "china-us trade talks"),
            ("hwasong-19", "hwasong-19"),
            ("a-b-c pact", "a-b-c pact"),
            ("asia-pacific", "asia-pacific"),
        ] {
            assert_eq!(pair_order_free(key.to_string()), expected, "{key}");
        }
    }

    #[test]
    fn a_gazetteer_name_with_a_possessive_takes_its_entry() {
        let keys = |text: &str| {
            let mut out = Vec::new();
            tag_sentence(text, Span::new(0, text.len()), 0, None, &mut out);
            out.iter()
                .map(|m| (m.span.of(text).to_string(), m.key.clone()))
                .collect::<Vec<_>>()
        };
        let sentence = |name: &str| format!("Officials of the {name} met the delegation in Beijing on Monday.");
        let china = keys(&sentence("China"));
        for written in ["People's Republic of China", "People’s Republic of China"] {
            let found = keys(&sentence(written));
            assert_eq!((found[0].0.as_str(), &found[0].1), (written, &china[0].1), "{found:?}");
        }
    }

    /// A title-case headline's names are cut at the words news writes in lower case; a
    /// list of names, or a line with numbers, is not a headline and keeps its names.
    #[test]
    fn title_case_headlines_do_not_run_names_together() {
        let names = |text: &str| -> Vec<String> { tag(text).into_iter().map(|(name, _)| name).collect() };
        let headline = names("Lindsay Lohan Checks Into Betty Ford Clinic After Leaving Court");
        assert!(headline.contains(&"Lindsay Lohan".to_string()), "{headline:?}");
        assert!(headline.iter().any(|n| n.starts_with("Betty Ford")), "{headline:?}");
        let verbs = ["Checks", "Into", "After", "Leaving"];
        assert!(
            headline.iter().all(|n| verbs.iter().all(|v| !n.contains(v))),
            "{headline:?}"
        );
        let results = names("Crystal Palace beat Real Madrid 2-1 at Selhurst Park on Saturday.");
        assert!(results.contains(&"Crystal Palace".to_string()), "{results:?}");
        let sentence = names("Lindsay Lohan checked into the Betty Ford Center on Thursday, her lawyer said.");
        assert!(sentence.contains(&"Betty Ford Center".to_string()), "{sentence:?}");
    }

    #[test]
    fn word_lists_are_sorted_for_binary_search() {
        assert!(DESCRIPTOR_HEADS.windows(2).all(|w| w[0] < w[1]));
        assert!(PLACE_HEADS.windows(2).all(|w| w[0] < w[1]));
        assert!(CLAUSE_OPENERS.windows(2).all(|w| w[0] < w[1]));
        assert!(HONORIFICS.windows(2).all(|w| w[0] < w[1]));
        assert!(NOT_NAME_STARTS.windows(2).all(|w| w[0] < w[1]));
        assert!(STORM_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(PERSON_MODIFIED.windows(2).all(|w| w[0] < w[1]));
        assert!(AND_NAME_HEADS.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn the_embedded_model_loads() {
        assert!(
            tagger::Model::embedded().is_some(),
            "data/ner-model.bin is missing or corrupt: run `make train-ner`"
        );
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
                &[("Borrell", Per), ("China", Loc)],
            ),
            (
                "It was seen by Agence France-Presse and AFP.",
                &[("Agence France-Presse", Org), ("AFP", Org)],
            ),
            ("the first EU-Japan strategic dialogue", &[("EU", Org), ("Japan", Loc)]),
            (
                "Borrell conferred with Defense Minister Gen Nakatani on Friday.",
                &[("Borrell", Per), ("Gen Nakatani", Per), ("Friday", Date)],
            ),
            ("TOKYO", &[("TOKYO", Loc)]),
            ("its new missile, dubbed Hwasong-19, flew", &[("Hwasong-19", Misc)]),
            (
                "the EU’s High Representative for Foreign Affairs and Security Policy, Josep Borrell, hailing it",
                &[("EU", Org), ("Josep Borrell", Per)],
            ),
            ("a threat to the U.S. mainland", &[("U.S.", Loc)]),
            // "and" inside an agreement's or a body's name; not between two names.
            (
                "The text of the EU-Japan Security and Defense Partnership, seen by AFP, said",
                &[("EU-Japan Security and Defense Partnership", Misc), ("AFP", Org)],
            ),
            (
                "Japan and China agreed on Monday.",
                &[("Japan", Loc), ("China", Loc), ("Monday", Date)],
            ),
            // Initials keep their period for the tagger, as in its training data.
            (
                "bowled by A. Dale and caught by H. Morris",
                &[("A. Dale", Per), ("H. Morris", Per)],
            ),
            // A sentence's opening word is not part of the name after it.
            ("Meanwhile Microsoft shipped a fix.", &[("Microsoft", Org)]),
            (
                "Ironically Nichols was caught in Atlanta.",
                &[("Nichols", Per), ("Atlanta", Loc)],
            ),
            // Offices are not names: a title in a person's name is a role, and a title
            // cut in two by a name's end is no organisation.
            (
                "Fulton County District Attorney Paul Howard said the trial would resume.",
                &[("Fulton County", Org), ("Paul Howard", Per)],
            ),
            (
                "Chargers General Manager A.J. Smith said he knew.",
                &[("Chargers", Org), ("A.J. Smith", Per)],
            ),
            (
                "Philadelphia 76ers President and General Manager Billy King announced it.",
                &[("Philadelphia", Org), ("Billy King", Per)],
            ),
            // An honorific names a person, whatever the tagger makes of the word.
            ("The attacks must stop, Mr. Ban stressed.", &[("Ban", Per)]),
            // A title ending a name, or followed by a suffix, belongs to it.
            ("Martin Luther King Jr. spoke.", &[("Martin Luther King Jr", Per)]),
            ("He studied at Notre Dame.", &[("Notre Dame", Loc)]),
        ];
        for (text, expect) in cases {
            let expect: Vec<(String, EntityType)> = expect.iter().map(|(t, ty)| (t.to_string(), *ty)).collect();
            assert_eq!(tag(text), expect, "{text}");
        }
    }

    #[test]
    fn roles_before_names() {
        let cases = [
            (
                "EU foreign policy chief Josep Borrell hailed it.",
                "Josep Borrell",
                Some("EU foreign policy chief"),
            ),
            (
                "Japanese Foreign Minister Takeshi Iwaya spoke.",
                "Takeshi Iwaya",
                Some("Japanese Foreign Minister"),
            ),
            (
                "as announced by EU’s foreign policy head, Josep Borrell, during",
                "Josep Borrell",
                Some("EU’s foreign policy head"),
            ),
            (
                "High Representative Borrell, on a mission",
                "Borrell",
                Some("High Representative"),
            ),
            (
                "hosted by US President Joe Biden for",
                "Joe Biden",
                Some("US President"),
            ),
            (
                "issued by Ishiba’s predecessor Fumio Kishida, who",
                "Fumio Kishida",
                Some("Ishiba’s predecessor"),
            ),
            (
                "Borrell conferred with Japan’s Defense Minister Gen Nakatani.",
                "Gen Nakatani",
                Some("Japan’s Defense Minister"),
            ),
            ("Borrell and Iwaya met.", "Borrell", None),
        ];
        for (text, name, role) in cases {
            let mut out = Vec::new();
            tag_sentence(text, Span::new(0, text.len()), 0, None, &mut out);
            let m = out
                .iter()
                .find(|m| m.span.of(text) == name)
                .unwrap_or_else(|| panic!("{name} in {text}: {out:?}"));
            assert_eq!(m.role.as_deref(), role, "{text}");
        }
    }

    /// Whatever the tagger made of them, a title and a person's name after it give the
    /// person, and the words before the title the organisation.
    #[test]
    fn a_title_splits_an_organisation_from_a_person() {
        /// A sentence, the end of the span tagged ORG from its start, and the mentions.
        type Case<'a> = (&'a str, usize, &'a [(&'a str, EntityType)]);
        let cases: &[Case] = &[
            ("AG Jeff Sessions said no.", 3, &[("Jeff Sessions", EntityType::Per)]),
            (
                "GOP Rep. Blake Farenthold said no.",
                4,
                &[("GOP", EntityType::Org), ("Blake Farenthold", EntityType::Per)],
            ),
            (
                "White House Chief of Staff Rahm Emanuel said no.",
                7,
                &[("White House", EntityType::Org), ("Rahm Emanuel", EntityType::Per)],
            ),
            // A title ending the span, or a common word after it, leaves it whole.
            ("Siemens AG said no.", 2, &[("Siemens AG", EntityType::Org)]),
            (
                "Trade Commissioner Office said no.",
                3,
                &[("Trade Commissioner Office", EntityType::Org)],
            ),
        ];
        for &(text, end, expected) in cases {
            let tokens = words(text, Span::new(0, text.len()));
            let st = SentenceForNames::new(text, &tokens);
            let mut out = Vec::new();
            push_name(&st, 0, end, EntityType::Org, 0, &mut out);
            let got: Vec<(&str, EntityType)> = out.iter().map(|m| (m.span.of(text), m.ty)).collect();
            assert_eq!(got, expected, "{text}");
        }
    }

    #[test]
    fn furniture_is_not_a_person() {
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
            assert!(out.iter().all(|m| m.ty != EntityType::Per), "{text}: {out:?}");
        }
    }

    #[test]
    fn tagger_sees_conll_style_tokens() {
        let text = "Japan’s “Defense Ministry” said so.";
        let tokens = words(text, Span::new(0, text.len()));
        let st = SentenceForNames::new(text, &tokens);
        let (w, index) = tagger_words(&st);
        assert_eq!(
            w,
            vec!["Japan", "'s", "\"", "Defense", "Ministry", "\"", "said", "so", "."][..w.len()].to_vec()
        );
        assert_eq!(index.iter().filter(|i| i.is_some()).count(), st.tokens.len());
    }
}
