//! Who spoke each quote, read from the grammar of the sentence around it.
//!
//! A paragraph that holds a quote is cut into tokens: words, punctuation, the name
//! mentions of people and organisations (one token each) and the quotes (one token
//! each, so nothing inside a quote is read as narrative). Sentences end at a full stop
//! that is not an abbreviation's, or at a quote that ends one and is not followed by
//! its attribution.
//!
//! A quote's speaker is the **subject of the speech verb** that attributes it:
//! - after the quote: "…,” Borrell said" / "…,” said Borrell" / "…,” Bill Armistead,
//!   Moore's campaign chairman, said" / "…,” said Moore's campaign chairman, Bill
//!   Armistead" / "…,” according to Borrell";
//! - before it, in the same sentence: the last speech verb ("Trump tweeted that Moore
//!   is “a really great guy”": Trump, not Moore), or a verb that quotes a phrase
//!   ("called it “…”"); "saying" and "adding" take the subject of the clause they
//!   hang on; whom someone "told" is the listener and never the subject.
//!
//! The subject is the noun phrase right before the verb (or right after it, in the
//! inverted "said X"), read back to a clause boundary. It names a speaker only when its
//! head is a name: titles and descriptions may stand before the name ("Senate Majority
//! Leader Mitch McConnell", "Trump campaign manager Brad Parscale") and a place or party
//! tag after it ("of California", "(R-Tenn.)"); a name inside a prepositional phrase is
//! not the head ("a spokesperson for Vice President Pence" is an unnamed speaker, not
//! Pence). When the subject is a common noun ("a spokesman", "the report", "officials"),
//! the quote is attributed to no one: the rules abstain rather than reach for the
//! nearest name. "he" and "she" stand for the last person who was a subject (of a
//! sentence or of a speech verb) in the paragraph or the one before, of the same sex
//! when it is known (given name, or Mr./Ms.).
//!
//! A sentence that is only a quote goes on with the speaker of the paragraph: the last
//! attributed sentence before it in the paragraph, else the attributed quote sentence
//! after it, else, when it opens the paragraph, the speaker with whom the paragraph
//! before ends (a long quote printed over several paragraphs, or "X said:" closing the
//! paragraph before). A quote left open at a paragraph's end takes the speaker of the
//! part that follows when its own sentence names none.
//!
//! Short quotes (under four words) get a speaker only from a verb; a quote that is a
//! title ("Face the Nation") gets none.

use std::sync::OnceLock;

use super::{Person, Quote};
use crate::entities::Gender;
use crate::text::{words, Span};

/// What a name mention is to the speaker rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameKind {
    Person,
    Organisation,
}

/// A name mention of a person or organisation, for the speaker rules.
#[derive(Clone, Debug)]
pub struct Named {
    pub span: Span,
    pub entity: usize,
    pub kind: NameKind,
    /// "Moore's": it says whose someone is, never who speaks.
    pub possessive: bool,
    /// The title the tagger saw before the name, if any.
    pub role: Option<String>,
}

/// The name mentions of one source, sorted by start.
pub type Names = Vec<Named>;

/// Verbs that report speech or writing, finite forms. "told" and "tells" are among
/// them; what follows them is the listener.
static SPEECH: WordList = WordList::new(&[
    "acknowledged", "acknowledges", "add", "added", "adds", "admitted", "admits", "announced", "answered", "argued",
    "argues", "asked", "asks", "boasted", "cautioned", "claimed", "claims", "complained", "conceded", "concedes",
    "concluded", "confirmed", "contended", "continued", "countered", "declared", "declares", "denied", "emphasized",
    "emphasised", "explained", "explains", "fumed", "insisted", "insists", "joked", "lamented", "maintained",
    "mused", "noted", "notes", "observed", "posted", "predicted", "quipped", "recalled", "reiterated", "remarked", "replied",
    "replies", "responded", "responds", "retorted", "said", "say", "says", "shared", "stated", "states", "stressed",
    "suggested", "testified", "tell", "tells", "told", "tweeted", "tweets", "urged", "warned", "warns", "wrote",
    "writes",
]);

/// Speech verbs that come before their subject ("…,” said Borrell) and take no person
/// as an object: after a quote or a comma, the name that follows is the speaker's.
/// "urged" or "told" the Rising Sun names the listener.
static INVERTING: WordList = WordList::new(&[
    "acknowledged", "added", "adds", "admitted", "answered", "argued", "asked", "cautioned", "concluded", "conceded",
    "continued", "countered", "declared", "explained", "insisted", "joked", "lamented", "noted", "quipped",
    "recalled", "remarked", "replied", "responded", "retorted", "said", "says", "stated", "stressed", "tweeted",
    "wrote", "writes",
]);

/// Participles and infinitives that report speech: their subject is the one of the
/// clause they hang on ("Issa said, adding that …").
static PARTICIPLES: WordList = WordList::new(&[
    "adding", "arguing", "asking", "calling", "claiming", "declaring", "describing", "explaining", "insisting",
    "noting", "saying", "stating", "telling", "tweeting", "urging", "warning", "writing",
]);

/// Verbs that quote a phrase as someone's words without being speech verbs themselves
/// ("called it “a disaster”", "vowed to “drain the swamp”").
static QUOTING: WordList = WordList::new(&[
    "accused", "blasted", "branded", "call", "called", "calls", "characterized", "criticized", "decried",
    "defended", "demanded", "denounced", "described", "describes", "dismissed", "dubbed", "hailed", "labeled", "labelled",
    "pledged", "praised", "promised", "slammed", "termed", "vowed",
]);

/// Words between a subject and its verb ("Trump also said", "she has said").
static SKIPPABLE: WordList = WordList::new(&[
    "again", "already", "also", "earlier", "even", "first", "flatly", "had", "has", "have", "herself", "himself",
    "immediately",
    "initially", "just", "later", "never", "not", "often", "once", "previously", "privately", "publicly",
    "quickly", "recently", "repeatedly", "reportedly", "simply", "still", "then", "would", "will", "once",
]);

/// Words that open a clause: the noun phrase before a verb starts after them.
static CLAUSE_WORDS: WordList = WordList::new(&[
    "after", "although", "and", "as", "because", "before", "but", "if", "or", "since", "so", "than", "that",
    "though", "unless", "until", "when", "where", "whether", "which", "while", "who", "whom", "whose",
]);

/// Lower-case words that cannot stand in a title or description before a name.
static NOT_TITLE: WordList = WordList::new(&[
    "about", "against", "am", "among", "are", "at", "be", "been", "between", "by", "can", "could", "did", "do",
    "does", "during", "for", "from", "he", "her", "him", "i", "in", "into", "is", "it", "its", "like", "may",
    "me", "might", "must", "near", "of", "off", "on", "over", "she", "should", "them", "they", "this", "those",
    "through", "to", "toward", "towards", "under", "us", "was", "we", "were", "with", "within", "without", "you",
]);

/// Nouns that a name before them only modifies ("White House officials").
static MODIFIED: WordList = WordList::new(&[
    "administration", "adviser", "advisers", "advisor", "advisors", "aide", "aides", "allies", "attorney",
    "attorneys", "camp", "campaign", "lawyer", "lawyers", "leaders", "member", "members", "office", "official",
    "officials", "source", "sources", "spokesman", "spokesperson", "spokeswoman", "staff", "staffer", "staffers",
    "supporters", "team",
]);

/// Words that may open a sentence before its subject ("But Stergia Sarantopoulou …").
static CONNECTIVES: WordList = WordList::new(&[
    "also", "and", "but", "finally", "however", "meanwhile", "now", "so", "still", "then", "yet",
]);

/// Nouns of titles and descriptions that stand before a name ("coach Marty Simmons").
static TITLE_NOUNS: WordList = WordList::new(&[
    "activist", "actor", "actress", "ambassador", "analyst", "anchor", "author", "candidate", "colleague", "ceo", "chair", "chairman", "chairwoman", "chief",
    "coach", "co-founder", "columnist", "commissioner", "congressman", "congresswoman", "correspondent", "counsel",
    "deputy", "director", "executive", "founder", "governor", "head", "host", "judge", "lawmaker", "leader",
    "manager", "mayor", "minister", "nominee", "officer", "president", "professor", "prosecutor", "protester",
    "player", "representative", "resident", "secretary", "senator", "sheriff", "singer", "star", "strategist",
    "student", "teammate", "treasurer",
    "vice", "witness",
]);

/// Words right after a speech verb that show the verb is not inverted ("said in a
/// statement", "said Tuesday that …").
static NOT_INVERTED: WordList = WordList::new(&[
    "in", "on", "at", "during", "after", "before", "to", "that", "of", "with", "from", "by", "this", "last",
    "earlier", "later", "it", "they", "we", "i", "you", "there", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "yesterday", "today", "tonight", "recently", "previously", "repeatedly",
]);

/// How many paragraphs back "he" or "she" may find the person it stands for (news
/// often prints one sentence a paragraph).
const PRONOUN_PARAGRAPHS: usize = 3;

/// Quotes of fewer words than this get a speaker only from a verb.
const MIN_FREE_WORDS: usize = 4;

/// How many comma-separated segments an appositive walk reads back.
const MAX_SEGMENTS: usize = 4;

/// How many person mentions back a surname the tagger missed is looked for.
const MAX_SURNAME_LOOKBACK: usize = 64;

/// How far after a quote (bytes) and how many mentions back a speaker's title is looked for.
const MAX_ROLE_AFTER: usize = 400;
const MAX_ROLE_LOOKBACK: usize = 64;

/// How many tokens after a quote its attribution's verb may be.
const MAX_TAIL_TOKENS: usize = 30;

fn is_in(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// [`NOT_TITLE`], [`CLAUSE_WORDS`], [`SPEECH`], [`PARTICIPLES`] and [`QUOTING`]: words
/// that stand in no title before a name.
static NEVER_IN_TITLES: WordList = WordList::union(&[&NOT_TITLE, &CLAUSE_WORDS, &SPEECH, &PARTICIPLES, &QUOTING]);

/// [`CLAUSE_WORDS`], [`SPEECH`], [`PARTICIPLES`] and [`QUOTING`]: words that end the noun
/// phrase before a verb.
static NOUN_PHRASE_ENDS: WordList = WordList::union(&[&CLAUSE_WORDS, &SPEECH, &PARTICIPLES, &QUOTING]);

/// A list of words, any case, looked up by hash (two words share a 64-bit hash about
/// once in ten billion billion): the reader asks the verb and title lists of most
/// words of a quote's paragraph, several lists a word. Comparing the word with each
/// entry in turn made a warm call on the seeds 1.7 % more instructions natively and
/// 2.7 % slower in wasm (docs/BENCHMARKS.md, "Speed").
struct WordList {
    words: &'static [&'static str],
    /// Lists whose words it holds too: a union is one lookup, not one per list.
    joins: &'static [&'static WordList],
    /// [`ascii_lower_hash`] of each word, sorted; made on the first lookup.
    hashes: OnceLock<Vec<u64>>,
}

impl WordList {
    const fn new(words: &'static [&'static str]) -> WordList {
        WordList {
            words,
            joins: &[],
            hashes: OnceLock::new(),
        }
    }

    /// The words of `lists` together.
    const fn union(lists: &'static [&'static WordList]) -> WordList {
        WordList {
            words: &[],
            joins: lists,
            hashes: OnceLock::new(),
        }
    }

    /// Whether `word`, in any case, is one of the list's. Out of line: it is asked in
    /// forty places, and a copy in each made the wasm module 1.3 KB larger.
    #[inline(never)]
    fn contains(&self, word: &str) -> bool {
        let hashes = self.hashes.get_or_init(|| {
            let words = self.words.iter().chain(self.joins.iter().flat_map(|list| list.words));
            let mut hashes: Vec<u64> = words.map(|w| ascii_lower_hash(w)).collect();
            hashes.sort_unstable();
            hashes
        });
        hashes.binary_search(&ascii_lower_hash(word)).is_ok()
    }
}

/// FNV-1a of `word` in ASCII lower case: words equal as [`str::eq_ignore_ascii_case`]
/// finds them hash alike.
fn ascii_lower_hash(word: &str) -> u64 {
    crate::text::hash::fnv_bytes(word.bytes().map(|b| b.to_ascii_lowercase()))
}

/// Whether a token is a verb of `list`: lower case, since a capitalised one is a name's
/// word ("the United States") or opens a sentence, where no subject stands before it.
fn is_verb(t: &Tok, list: &WordList) -> bool {
    t.kind == Kind::Word && t.text.starts_with(char::is_lowercase) && list.contains(t.text)
}

/// Whether token `k` (of a sentence from `start`) is a verb of `list` used as one: not a
/// noun after a determiner ("those claims", "a call"), not a passive ("described by",
/// "was asked").
fn verb_at(toks: &[Tok], k: usize, start: usize, list: &WordList) -> bool {
    static BEFORE_NOUN: WordList = WordList::new(&[
        "a", "an", "the", "his", "her", "their", "its", "our", "those", "these", "this", "that", "such", "new",
        "is", "was", "were", "been", "being", "be",
    ]);
    is_verb(&toks[k], list)
        && !(k > start && BEFORE_NOUN.contains(toks[k - 1].text))
        && !toks.get(k + 1).is_some_and(|t| t.text.eq_ignore_ascii_case("by"))
}

fn is_mark(c: char) -> bool {
    matches!(c, '“' | '”' | '"' | '‘' | '’' | '«' | '»')
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    Word,
    /// Index into the source's names.
    Name(usize),
    /// Index into the quotes.
    Quote(usize),
    Punct(char),
}

#[derive(Clone, Copy, Debug)]
struct Tok<'a> {
    kind: Kind,
    span: Span,
    text: &'a str,
}

/// What the text around a quote says of its speaker.
#[derive(Clone, Debug, PartialEq)]
enum Found {
    /// A name is the subject: (entity, role).
    Speaker(usize, Option<String>),
    /// "he" or "she" is the subject, at this byte.
    Pronoun(Option<bool> /* she; None: elided */, usize),
    /// A common noun or another pronoun is the subject: someone unnamed, or no one.
    Unnamed,
    /// Nothing attributes it.
    Nothing,
    /// "the doctor" is the subject, at this byte: the speaker just described as one, if any.
    Definite(String, usize),
}

/// A paragraph cut into tokens and sentences.
struct Paragraph<'a> {
    toks: Vec<Tok<'a>>,
    /// Token ranges.
    sentences: Vec<(usize, usize)>,
}

/// Everything the rules read for one source.
struct Reader<'a> {
    text: &'a str,
    names: &'a [Named],
    persons: &'a [Person],
    /// Gender by entity from "Mr." or "Ms." before a mention in this source.
    honorific: std::collections::HashMap<usize, Gender>,
    /// The entities of this source's person mentions.
    people: std::collections::HashSet<usize>,
    /// (byte, entity) of people who were subjects, in text order.
    salient: Vec<(usize, usize)>,
    /// (byte, entity, role) of speakers whose attribution described them.
    roles: Vec<(usize, usize, String)>,
}

/// Sets each quote's speaker (and role). `blocks` are the body paragraphs (source,
/// span) in text order, `block_of[i]` quote `i`'s paragraph, `left_open[i]` whether
/// quote `i` runs on into the next paragraph, `names[s]` source `s`'s name mentions.
pub fn attribute(
    texts: &[&str],
    blocks: &[(usize, Span)],
    block_of: &[usize],
    left_open: &[bool],
    (names, persons): (&[Names], &[Person]),
    quotes: &mut [Quote],
) {
    // Quotes of each block.
    let mut by_block: Vec<Vec<usize>> = vec![Vec::new(); blocks.len()];
    for (i, &b) in block_of.iter().enumerate() {
        if let Some(list) = by_block.get_mut(b) {
            list.push(i);
        }
    }
    let mut found: Vec<Found> = vec![Found::Nothing; quotes.len()];
    let mut reader: Option<(usize, Reader)> = None;
    // The speaker the previous paragraph ends with.
    let mut previous_end: Option<Found> = None;
    // Starts of the paragraphs read so far, back to the last gap.
    let mut recent: Vec<usize> = Vec::new();
    for (k, &(source, block)) in blocks.iter().enumerate() {
        let (Some(text), Some(source_names)) = (texts.get(source), names.get(source)) else {
            continue;
        };
        // Paragraphs before a quote are read for whom "he" or "she" stands for.
        let quotes_soon = (k..blocks.len().min(k + 1 + PRONOUN_PARAGRAPHS))
            .take_while(|&j| blocks[j].0 == source)
            .any(|j| !by_block[j].is_empty());
        if !quotes_soon {
            previous_end = None;
            recent.clear();
            continue;
        }
        if reader.as_ref().is_none_or(|(s, _)| *s != source) {
            reader = Some((source, Reader::new(text, source_names, persons)));
        }
        let Some((_, r)) = reader.as_mut() else { continue };
        // The paragraph before counts only when it is the one right before in the text.
        let adjacent = k > 0
            && blocks.get(k - 1).is_some_and(|&(s, previous)| {
                s == source && text.get(previous.end..block.start).is_some_and(|gap| gap.trim().is_empty())
            });
        let before = if adjacent { previous_end.take() } else { None };
        if !adjacent {
            recent.clear();
        }
        recent.push(block.start);
        let window_start = recent[recent.len().saturating_sub(PRONOUN_PARAGRAPHS + 1)];
        let ends = r.paragraph(block, &by_block[k], quotes, &mut found, before, window_start);
        previous_end = Some(ends);
    }
    // A quote left open at its paragraph's end, with no speaker of its own, takes the
    // speaker of the part that goes on with it (backward: a quote over three
    // paragraphs reaches its first).
    for i in (0..quotes.len().saturating_sub(1)).rev() {
        if left_open.get(i) == Some(&true) && found[i] == Found::Nothing && quotes[i].speaker.is_none() {
            if let Found::Speaker(e, role) = found[i + 1].clone() {
                quotes[i].speaker = Some(e);
                quotes[i].role = role.clone();
                found[i] = Found::Speaker(e, role);
            }
        }
    }
}

impl<'a> Reader<'a> {
    fn new(text: &'a str, names: &'a [Named], persons: &'a [Person]) -> Self {
        let mut honorific = std::collections::HashMap::new();
        for n in names.iter().filter(|n| n.kind == NameKind::Person) {
            let before = text.get(..n.span.start).unwrap_or("").trim_end();
            let before = before.strip_suffix('.').unwrap_or(before);
            let word = before.rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("");
            let gender = match word {
                "Mr" => Some(Gender::Male),
                "Ms" | "Mrs" => Some(Gender::Female),
                _ => None,
            };
            if let Some(g) = gender {
                honorific.entry(n.entity).or_insert(g);
            }
        }
        let people = names.iter().filter(|n| n.kind == NameKind::Person).map(|n| n.entity).collect();
        Reader { text, names, persons, honorific, people, salient: Vec::new(), roles: Vec::new() }
    }

    fn gender(&self, entity: usize) -> Option<Gender> {
        self.honorific
            .get(&entity)
            .copied()
            .or_else(|| self.persons.get(entity).and_then(|p| p.gender))
    }

    /// Attributes the quotes `here` of the paragraph `block`; returns the speaker the
    /// paragraph ends with. `before` is what the paragraph right before ends with;
    /// `window_start` is where pronouns may look back to.
    fn paragraph(
        &mut self,
        block: Span,
        here: &[usize],
        quotes: &mut [Quote],
        found: &mut [Found],
        before: Option<Found>,
        window_start: usize,
    ) -> Found {
        let p = self.tokenize(block, here, quotes);
        // Each sentence's attribution: its last quote's, or its speech verb's subject.
        let mut said: Vec<Found> = vec![Found::Nothing; p.sentences.len()];
        // (sentence, quote index, token) of the quotes with nothing said of them.
        let mut open: Vec<(usize, usize, usize)> = Vec::new();
        for (si, &(start, end)) in p.sentences.iter().enumerate() {
            if let Some(subject) = self.sentence_subject(&p, start, end) {
                self.salient.push(subject);
            }
            for t in start..end {
                let Kind::Quote(qi) = p.toks[t].kind else { continue };
                let words = words(self.text, quotes[qi].span).len();
                let mut f = if is_title(self.text, quotes[qi].span) {
                    Found::Unnamed
                } else {
                    self.tail(&p, t, end).unwrap_or_else(|| self.head(&p, t, start, words))
                };
                if let Found::Pronoun(she, at) = f {
                    f = self.antecedent(she, at, window_start);
                }
                if let Found::Definite(ref noun, at) = f {
                    f = self.described(noun, at, window_start);
                }
                if let Found::Speaker(e, ref role) = f {
                    self.salient.push((p.toks[t].span.start, e));
                    if let Some(role) = role {
                        self.roles.push((p.toks[t].span.start, e, role.clone()));
                    }
                }
                if f == Found::Nothing && words >= MIN_FREE_WORDS && only_quote(&p, start, end, t) {
                    open.push((si, qi, t));
                }
                found[qi] = f.clone();
                // A title names no speaker, but says nothing of the sentence's either.
                if !is_title(self.text, quotes[qi].span) {
                    said[si] = f;
                }
            }
            if said[si] == Found::Nothing {
                said[si] = self.narrative_speech(&p, start, end, window_start);
            }
            // "The UN's spokesman Christopher Gunness disagreed with the minister:"
            // introduces the quote after it.
            if said[si] == Found::Nothing && end > start && p.toks[end - 1].kind == Kind::Punct(':') {
                said[si] = match self.clause_subject(&p, start, end) {
                    Some(Found::Pronoun(she, at)) => self.antecedent(she, at, window_start),
                    Some(f) => f,
                    None => Found::Nothing,
                };
            }
        }
        // Sentences that are only a quote: the paragraph's speaker.
        for &(si, qi, _) in &open {
            let earlier = (0..si).rev().map(|j| &said[j]).find(|f| **f != Found::Nothing);
            let f = match earlier {
                Some(f) => f.clone(),
                None => {
                    // The next quote sentence's speaker, when only quotes lie between.
                    let later = (si + 1..p.sentences.len())
                        .find(|&j| said[j] != Found::Nothing || !opens_with_quote(&p, p.sentences[j]))
                        .filter(|&j| opens_with_quote(&p, p.sentences[j]))
                        .map(|j| said[j].clone());
                    match later {
                        Some(f) => f,
                        None if si == 0 || (0..si).all(|j| opens_with_quote(&p, p.sentences[j])) => {
                            before.clone().unwrap_or(Found::Nothing)
                        }
                        None => Found::Nothing,
                    }
                }
            };
            found[qi] = f.clone();
            said[si] = f;
        }
        for &qi in here {
            if let Found::Speaker(e, role) = &found[qi] {
                quotes[qi].speaker = Some(*e);
                quotes[qi].role = role.clone().or_else(|| self.mention_role(*e, quotes[qi].span.start));
            } else {
                quotes[qi].speaker = None;
                quotes[qi].role = None;
            }
        }
        said.into_iter().rev().find(|f| *f != Found::Nothing).unwrap_or(Found::Nothing)
    }

    /// The title the tagger saw before the speaker's last mention before `at`.
    fn mention_role(&self, entity: usize, at: usize) -> Option<String> {
        let end = self.names.partition_point(|n| n.span.start < at + MAX_ROLE_AFTER);
        self.names[..end]
            .iter()
            .rev()
            .take(MAX_ROLE_LOOKBACK)
            .filter(|n| n.entity == entity)
            .find_map(|n| n.role.clone())
    }

    /// The paragraph's tokens and sentences.
    fn tokenize(&self, block: Span, here: &[usize], quotes: &[Quote]) -> Paragraph<'a> {
        let text = self.text;
        // Quote regions (marks included), in order.
        let mut regions: Vec<(Span, usize)> = here
            .iter()
            .map(|&qi| (quote_region(text, block, quotes[qi].span), qi))
            .collect();
        crate::sort::sort_by_key(&mut regions, |(s, _)| s.start);
        let first_name = self.names.partition_point(|n| n.span.start < block.start);
        let mut toks = Vec::new();
        let mut at = block.start;
        let mut name_k = first_name;
        let mut region_k = 0;
        while at < block.end {
            // The next special span: a quote region or a name outside quotes.
            let region = regions.get(region_k).copied();
            while name_k < self.names.len() && self.names[name_k].span.start < at {
                name_k += 1;
            }
            let name = self
                .names
                .get(name_k)
                .filter(|n| n.span.end <= block.end && region.is_none_or(|(r, _)| n.span.end <= r.start));
            let next_start = match (region, name) {
                (Some((r, _)), Some(n)) => r.start.min(n.span.start),
                (Some((r, _)), None) => r.start,
                (None, Some(n)) => n.span.start,
                (None, None) => block.end,
            };
            gap_tokens(text, Span::new(at, next_start.min(block.end)), &mut toks);
            if next_start >= block.end {
                break;
            }
            match (region, name) {
                (Some((r, qi)), _) if r.start == next_start => {
                    toks.push(Tok { kind: Kind::Quote(qi), span: r, text: r.of(text) });
                    at = r.end;
                    region_k += 1;
                }
                (_, Some(n)) => {
                    toks.push(Tok { kind: Kind::Name(name_k), span: n.span, text: n.span.of(text) });
                    at = n.span.end;
                    name_k += 1;
                    // Its possessive "'s" is part of it.
                    if n.possessive {
                        let rest = text.get(at..block.end).unwrap_or("");
                        let skip = ["'s", "’s", "'", "’"].iter().find(|s| rest.starts_with(**s)).map_or(0, |s| s.len());
                        at += skip;
                    }
                }
                _ => break,
            }
        }
        let sentences = self.sentences(&toks, quotes);
        Paragraph { toks, sentences }
    }

    /// Cuts tokens into sentences.
    fn sentences(&self, toks: &[Tok], quotes: &[Quote]) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut start = 0;
        for k in 0..toks.len() {
            let ends = match toks[k].kind {
                Kind::Punct('.' | '!' | '?' | '…') => {
                    let abbreviation = k > 0
                        && toks[k - 1].kind == Kind::Word
                        && toks[k - 1].span.end == toks[k].span.start
                        && toks[k].text == "."
                        && crate::segment::is_abbreviation(toks[k - 1].text);
                    let next_lower = toks.get(k + 1).is_some_and(|t| {
                        matches!(t.kind, Kind::Punct(',' | ')' | ';')) || t.text.starts_with(char::is_lowercase)
                    });
                    !abbreviation && !next_lower
                }
                Kind::Quote(qi) => {
                    let inner = quotes[qi].span.of(self.text).trim_end_matches(is_mark).trim_end();
                    let next = toks.get(k + 1);
                    let lower_next = next.is_some_and(|t| t.text.starts_with(char::is_lowercase));
                    let punct_next = next.is_some_and(|t| matches!(t.kind, Kind::Punct(_)));
                    // "“Why?” Trump asked." goes on; "“… president.” Mr. Jordan said …"
                    // starts a sentence (news puts a comma before an attribution).
                    match inner.chars().next_back() {
                        Some('.' | '…') => !lower_next && !punct_next,
                        Some('!' | '?') => !lower_next && !punct_next && !attribution_follows(toks, k + 1),
                        _ => false,
                    }
                }
                _ => false,
            };
            if ends {
                out.push((start, k + 1));
                start = k + 1;
            }
        }
        if start < toks.len() {
            out.push((start, toks.len()));
        }
        out
    }

    /// The attribution after a quote at token `q`, in its sentence (ending at `end`).
    fn tail(&self, p: &Paragraph, q: usize, end: usize) -> Option<Found> {
        let toks = &p.toks;
        let mut t = q + 1;
        loop {
            while t < end && matches!(toks[t].kind, Kind::Punct(',' | '—' | '–' | '-' | ')' | '.' | '!' | '?')) {
                t += 1;
            }
            // "“A” and “B,” she said": the attribution after the last of them.
            if t + 1 < end && is_in(toks[t].text, &["and", "or"]) && matches!(toks[t + 1].kind, Kind::Quote(_)) {
                t += 2;
                continue;
            }
            break;
        }
        if t >= end {
            return None;
        }
        let word = |k: usize| toks.get(k).filter(|t| t.kind == Kind::Word).map(|t| t.text);
        let first = if matches!(toks[t].kind, Kind::Word | Kind::Name(_)) { toks[t].text } else { return None };
        let first_is_word = toks[t].kind == Kind::Word;
        // "…,” according to Borrell.
        if first_is_word && first.eq_ignore_ascii_case("according") && word(t + 1).is_some_and(|w| w.eq_ignore_ascii_case("to")) {
            return self.subject_after(p, t + 1, end).or(Some(Found::Unnamed));
        }
        if first_is_word && is_verb(&toks[t], &INVERTING) {
            // "…,” said Borrell / said a spokesman.
            return match self.subject_after(p, t, end) {
                Some(f) => Some(f),
                None => Some(Found::Unnamed),
            };
        }
        if first_is_word && is_verb(&toks[t], &PARTICIPLES) {
            return None;
        }
        // "…,” Borrell said / Bill Armistead, Moore's campaign chairman, said.
        let last = end.min(t + MAX_TAIL_TOKENS);
        let mut v = None;
        for (k, tok) in toks.iter().enumerate().take(last).skip(t) {
            match tok.kind {
                Kind::Quote(_) => break,
                Kind::Word if is_verb(tok, &SPEECH) => {
                    v = Some(k);
                    break;
                }
                Kind::Word if is_verb(tok, &PARTICIPLES) || is_verb(tok, &QUOTING) => break,
                _ => {}
            }
        }
        let v = v?;
        let (f, np_start) = self.subject_before(p, v, t);
        // The subject opens the tail, or a description of it does ("…,” Moore's
        // campaign chairman, Bill Armistead, said).
        let described = np_start > t + 1 && toks[np_start - 1].kind == Kind::Punct(',') && self.descriptor(p, t, np_start - 1);
        (np_start == t || described).then_some(f)
    }

    /// The attribution before a quote at token `q` in its sentence (from `start`).
    fn head(&self, p: &Paragraph, q: usize, start: usize, words: usize) -> Found {
        let toks = &p.toks;
        let verb = (start..q)
            .rev()
            .find(|&k| verb_at(toks, k, start, &SPEECH) || verb_at(toks, k, start, &PARTICIPLES) || verb_at(toks, k, start, &QUOTING));
        let Some(v) = verb else {
            // "Lin “invited the EU to …”": the sentence so far is a name.
            if words >= MIN_FREE_WORDS && q > start {
                if let Some(h) = self.np_head(p, start, q, true) {
                    return self.speaker_at(p, h, start, h);
                }
            }
            // "… managed a cheeky joke: “Well …”": a sentence ending in a colon.
            if words >= MIN_FREE_WORDS && q > start && toks[q - 1].kind == Kind::Punct(':') {
                if let Some(f) = self.clause_subject(p, start, q) {
                    return f;
                }
            }
            return Found::Nothing;
        };
        self.verb_subject(p, v, start)
    }

    /// The subject of the verb at `v` (sentence from `start`), any form.
    fn verb_subject(&self, p: &Paragraph, v: usize, start: usize) -> Found {
        let toks = &p.toks;
        let infinitive = v > start && toks[v - 1].text.eq_ignore_ascii_case("to");
        if is_verb(&toks[v], &PARTICIPLES) || infinitive {
            // The clause it hangs on: the verb before it, else the sentence's subject.
            let finite = (start..v)
                .rev()
                .find(|&k| verb_at(toks, k, start, &SPEECH) || verb_at(toks, k, start, &QUOTING));
            return match finite {
                Some(k) => self.verb_subject(p, k, start),
                None => self.clause_subject(p, start, v).unwrap_or(Found::Nothing),
            };
        }
        // "“A,” said Issa, “B.”" / "…, said Shanduke McPhatter, 35.": inverted after
        // a quote or a comma.
        let after_quote = (start..v)
            .rev()
            .find(|&k| !matches!(toks[k].kind, Kind::Punct('—' | '–')))
            .is_some_and(|k| matches!(toks[k].kind, Kind::Quote(_) | Kind::Punct(',')));
        // Only speech verbs invert ("…, described Mr. Blumenthal as" names the object).
        if after_quote && INVERTING.contains(toks[v].text) {
            if let Some(f @ Found::Speaker(..)) = self.subject_after(p, v, toks.len()) {
                return f;
            }
        }
        match self.subject_before(p, v, start) {
            // "Borrell stated, “…,” and added, “…”": the subject of the verb before.
            (Found::Nothing, s) if s > start && is_in(toks[s - 1].text, &["and", "but", "then"]) => {
                let finite = (start..s - 1)
                    .rev()
                    .find(|&k| verb_at(toks, k, start, &SPEECH) || verb_at(toks, k, start, &QUOTING));
                match finite {
                    Some(k) => self.verb_subject(p, k, start),
                    // "And added: …" opening a sentence: the subject before.
                    None if s - 1 == start => Found::Pronoun(None, toks[s - 1].span.start),
                    None => Found::Nothing,
                }
            }
            (f, _) => f,
        }
    }

    /// The subject of a whole clause from `start` to `end`: its first noun phrase,
    /// after a fronted phrase ("In a statement Friday, Mr. Sestak …").
    fn clause_subject(&self, p: &Paragraph, start: usize, end: usize) -> Option<Found> {
        let toks = &p.toks;
        let mut s = start;
        for _ in 0..2 {
            while s < end && matches!(toks[s].kind, Kind::Punct(_)) {
                s += 1;
            }
            if s >= end {
                return None;
            }
            if toks[s].kind == Kind::Word && is_in(toks[s].text, &["he", "she"]) {
                return Some(Found::Pronoun(Some(toks[s].text.eq_ignore_ascii_case("she")), toks[s].span.start));
            }
            if let Some(h) = self.np_head(p, s, end, false) {
                return Some(self.speaker_at(p, h, s, h));
            }
            // A fronted phrase ends at the first comma.
            let comma = (s..end).find(|&k| toks[k].kind == Kind::Punct(','))?;
            if matches!(toks[s].kind, Kind::Name(_)) {
                return None;
            }
            s = comma + 1;
        }
        None
    }

    /// The subject of the sentence (start..end) when it is a person, for "he" and "she".
    fn sentence_subject(&self, p: &Paragraph, start: usize, end: usize) -> Option<(usize, usize)> {
        let toks = &p.toks;
        let s = (start..end).find(|&k| !matches!(toks[k].kind, Kind::Punct(_)))?;
        if matches!(toks[s].kind, Kind::Quote(_)) {
            return None;
        }
        match self.clause_subject(p, start, end)? {
            Found::Speaker(e, _) if self.is_person(e) => Some((toks[s].span.start, e)),
            _ => None,
        }
    }

    fn is_person(&self, entity: usize) -> bool {
        self.people.contains(&entity)
    }

    /// A sentence without a quote that reports speech ("Sestak said Clinton called
    /// him."): its speech verb's subject, resolved.
    fn narrative_speech(&mut self, p: &Paragraph, start: usize, end: usize, window_start: usize) -> Found {
        let toks = &p.toks;
        let Some(v) = (start..end).find(|&k| verb_at(toks, k, start, &SPEECH)) else {
            return Found::Nothing;
        };
        let f = match self.verb_subject(p, v, start) {
            // "In a statement, he said …" / "he said in an interview".
            Found::Pronoun(she, at) => self.antecedent(she, at, window_start),
            // "It also said …": not a speaker to go on with, and not nothing either.
            f => f,
        };
        if let Found::Speaker(e, _) = f {
            self.salient.push((toks[v].span.start, e));
        }
        f
    }

    /// Whom "he" or "she" at `at` stands for: the last person who was a subject since
    /// `window_start`, of that sex when it is known.
    fn antecedent(&self, she: Option<bool>, at: usize, window_start: usize) -> Found {
        let end = self.salient.partition_point(|(pos, _)| *pos < at);
        let disagrees = |e: usize| {
            matches!(
                (she, self.gender(e)),
                (Some(true), Some(Gender::Male)) | (Some(false), Some(Gender::Female))
            )
        };
        self.salient[..end]
            .iter()
            .rev()
            .take_while(|(pos, _)| *pos >= window_start)
            .find(|(_, e)| !disagrees(*e))
            .map_or(Found::Nothing, |&(_, e)| Found::Speaker(e, None))
    }

    /// The person named in full before `at` whose surname is `word`.
    fn named_before(&self, word: &str, at: usize) -> Option<usize> {
        let surname = crate::entities::name_hash(word);
        let end = self.names.partition_point(|n| n.span.start < at);
        self.names[..end]
            .iter()
            .rev()
            .filter(|n| n.kind == NameKind::Person)
            .take(MAX_SURNAME_LOOKBACK)
            .find(|n| self.persons.get(n.entity).and_then(|p| p.surname) == Some(surname))
            .map(|n| n.entity)
    }

    /// Whom "the doctor" at `at` stands for: the last speaker since `window_start` whose
    /// attribution described them with that noun ("said Ema Suryani, a doctor at the
    /// clinic"); else no one.
    fn described(&self, noun: &str, at: usize, window_start: usize) -> Found {
        self.roles
            .iter()
            .rev()
            .skip_while(|(pos, _, _)| *pos >= at)
            .take_while(|(pos, _, _)| *pos >= window_start)
            .find(|(_, _, role)| role.split(|c: char| !c.is_alphanumeric()).any(|w| w.eq_ignore_ascii_case(noun)))
            .map_or(Found::Unnamed, |(_, e, _)| Found::Speaker(*e, None))
    }

    /// `Found::Definite` for a phrase that is "the" and one noun ("the doctor"), else
    /// `Found::Unnamed`.
    fn unnamed(&self, p: &Paragraph, start: usize, end: usize) -> Found {
        let toks = &p.toks;
        if end == start + 2
            && toks[start].text.eq_ignore_ascii_case("the")
            && toks[start + 1].kind == Kind::Word
            && toks[start + 1].text.starts_with(char::is_lowercase)
        {
            return Found::Definite(toks[start + 1].text.to_string(), toks[start].span.start);
        }
        Found::Unnamed
    }

    /// Whether token `k` may stand in a title or description before a name.
    fn title_like(&self, t: &Tok) -> bool {
        match t.kind {
            Kind::Name(n) => self.names[n].possessive || title_name(t.text),
            Kind::Punct(c) => matches!(c, '.' | '-' | '&' | '\'' | '’'),
            Kind::Quote(_) => false,
            Kind::Word => {
                let w = t.text;
                if w.eq_ignore_ascii_case("s") {
                    return true;
                }
                if NEVER_IN_TITLES.contains(w) {
                    return false;
                }
                if w.starts_with(char::is_uppercase) {
                    return true;
                }
                // Lower case here: byte suffixes are enough.
                let ends = |tail: &str| w.as_bytes().ends_with(tail.as_bytes());
                let participle =
                    (ends("ing") && w != "ranking") || (ends("ed") && !matches!(w, "retired" | "elected"));
                // "32-year-old protester …".
                let age = w.starts_with(|c: char| c.is_ascii_digit()) && ends("-old");
                (w.starts_with(char::is_alphabetic) && !participle) || age
            }
        }
    }

    /// The head name of the noun phrase `start..end`: the first name (not possessive)
    /// that only titles and descriptions precede; with `strict`, only a place, a party
    /// tag or a suffix may follow it in the phrase.
    fn np_head(&self, p: &Paragraph, start: usize, end: usize, strict: bool) -> Option<usize> {
        let toks = &p.toks;
        // A name seen that may only modify the head further on ("Evansville coach Marty
        // Simmons", "Florida Sen. Marco Rubio", "Trump campaign manager Brad Parscale").
        let mut modifier: Option<usize> = None;
        for h in start..end {
            let t = &toks[h];
            match t.kind {
                Kind::Name(n) if !self.names[n].possessive && !party_tag(t.text) && !title_name(t.text) => {
                    // "White House officials", "the Obama campaign": the name only modifies.
                    let modifies = toks
                        .get(h + 1)
                        .filter(|_| h + 1 < end)
                        .is_some_and(|t| t.kind == Kind::Word && MODIFIED.contains(t.text));
                    let titled = self.titles_to_name(p, h + 1, end);
                    if !modifies && !titled && (!strict || self.trails(p, h + 1, end)) {
                        return Some(h);
                    }
                    if !modifies && !titled && !strict {
                        return None;
                    }
                    modifier.get_or_insert(h);
                }
                // After a name that does not end the phrase, a bounded phrase (strict)
                // may go on through descriptions ("Trend Micro advanced threat
                // researcher Paul Ferguson"); an open one only through titles.
                _ if modifier.is_some() => {
                    let describes = strict
                        && t.kind == Kind::Word
                        && t.text.starts_with(char::is_lowercase)
                        && !NOT_TITLE.contains(t.text)
                        && !CLAUSE_WORDS.contains(t.text);
                    if !(self.title_word(t) || self.title_like(t) || describes || matches!(t.kind, Kind::Name(_))) {
                        return None;
                    }
                }
                // "But Stergia Sarantopoulou, …": a connective before the phrase.
                Kind::Word if h == start && CONNECTIVES.contains(t.text) => {}
                _ if self.title_like(t) => {}
                _ => return None,
            }
        }
        None
    }

    /// Whether `start..end` opens with titles that lead to another name ("… Sen. Marco
    /// Rubio", "… coach Marty Simmons").
    fn titles_to_name(&self, p: &Paragraph, start: usize, end: usize) -> bool {
        let toks = &p.toks;
        // The last lower-case word before the next name is a title's ("officer Mark
        // Papermaster"), not a verb's ("Okafor met Ms. Lund").
        let mut lower_ok = true;
        for (k, t) in toks.iter().enumerate().take(end).skip(start) {
            match t.kind {
                Kind::Name(n) => return !self.names[n].possessive && k > start && lower_ok,
                Kind::Word if t.text.starts_with(char::is_lowercase) && self.title_like(t) => {
                    lower_ok = TITLE_NOUNS.contains(t.text) || MODIFIED.contains(t.text);
                }
                _ if self.title_word(t) || self.title_like(t) => {}
                _ => return false,
            }
        }
        false
    }

    /// A word of a title: capitalised, a title noun ("coach", "resident"), a
    /// possessive, or an abbreviation's full stop.
    fn title_word(&self, t: &Tok) -> bool {
        match t.kind {
            Kind::Name(n) => self.names[n].possessive,
            Kind::Punct(c) => matches!(c, '.' | '-' | '\'' | '’'),
            Kind::Word => {
                (t.text.starts_with(char::is_uppercase) && !CLAUSE_WORDS.contains(t.text) && !NOT_TITLE.contains(t.text))
                    || TITLE_NOUNS.contains(t.text)
                    || MODIFIED.contains(t.text)
                    || t.text.eq_ignore_ascii_case("s")
                    || t.text.ends_with("'s")
                    || t.text.ends_with("’s")
            }
            Kind::Quote(_) => false,
        }
    }

    /// Whether `start..end` after a name only adds to it: a parenthesis, "of"/"from" and
    /// a place, a party tag ("R-Tenn."), a suffix ("Jr.").
    fn trails(&self, p: &Paragraph, start: usize, end: usize) -> bool {
        let toks = &p.toks;
        let mut k = start;
        let mut depth = 0;
        while k < end {
            let t = &toks[k];
            match t.kind {
                Kind::Punct('(') => depth += 1,
                Kind::Punct(')') => depth -= 1,
                _ if depth > 0 => {}
                Kind::Punct('.' | '-') => {}
                Kind::Word if party_tag(t.text) || is_in(t.text, &["jr", "sr", "ii", "iii", "iv"]) => {}
                Kind::Word if is_in(t.text, &["of", "from"]) => {
                    // The rest is a place or a body: capitalised words and names.
                    return (k + 1..end).all(|j| match toks[j].kind {
                        Kind::Word => toks[j].text.starts_with(char::is_uppercase) || (j == k + 1 && toks[j].text == "the"),
                        Kind::Name(_) | Kind::Punct('.' | '-' | '(' | ')') => true,
                        _ => false,
                    }) && k + 1 < end;
                }
                _ => return false,
            }
            k += 1;
        }
        true
    }

    /// A speaker found at name token `h` of the phrase `start..end`, with the words
    /// before the name as its role.
    fn speaker_at(&self, p: &Paragraph, h: usize, start: usize, end: usize) -> Found {
        let Kind::Name(n) = p.toks[h].kind else { return Found::Nothing };
        let role = (start < end.min(h)).then(|| self.role_text(p, start, end.min(h))).flatten();
        Found::Speaker(self.names[n].entity, role)
    }

    /// The text of tokens `start..end` as a role: without a leading article, and
    /// without party words.
    fn role_text(&self, p: &Paragraph, start: usize, end: usize) -> Option<String> {
        let toks = &p.toks;
        let mut s = start;
        while s < end
            && (matches!(toks[s].kind, Kind::Punct(_))
                || is_in(
                    toks[s].text,
                    &[
                        "a", "an", "the", "his", "her", "their", "its", "former", "Republican", "Democratic", "GOP",
                        "Democrat", "Mr", "Mrs", "Ms", "Dr",
                    ],
                ))
        {
            s += 1;
        }
        let mut e = end;
        while e > s && matches!(toks[e - 1].kind, Kind::Punct(',' | '—' | '–')) {
            e -= 1;
        }
        if s >= e {
            return None;
        }
        let text = self.text.get(toks[s].span.start..toks[e - 1].span.end)?.trim();
        (!text.is_empty() && text.len() <= 120).then(|| text.split_whitespace().collect::<Vec<_>>().join(" "))
    }

    /// Whether token `k` ends the noun phrase before a verb.
    fn np_boundary(&self, t: &Tok) -> bool {
        match t.kind {
            Kind::Punct(c) => matches!(c, ',' | ';' | ':' | '—' | '–' | '!' | '?') || is_mark(c),
            Kind::Quote(_) => true,
            Kind::Name(_) => false,
            Kind::Word => NOUN_PHRASE_ENDS.contains(t.text),
        }
    }

    /// The subject before the verb at `v`, not before `lo`, and where its phrase starts.
    fn subject_before(&self, p: &Paragraph, v: usize, lo: usize) -> (Found, usize) {
        let toks = &p.toks;
        let mut j = v;
        while j > lo && toks[j - 1].kind == Kind::Word && SKIPPABLE.contains(toks[j - 1].text) {
            j -= 1;
        }
        let mut s = j;
        let mut depth = 0i32;
        while s > lo {
            let t = &toks[s - 1];
            match t.kind {
                Kind::Punct(')') => depth += 1,
                Kind::Punct('(') => depth -= 1,
                _ if depth > 0 => {}
                _ if self.np_boundary(t) => break,
                _ => {}
            }
            s -= 1;
        }
        if s < j {
            // "he said", "Later he told reporters".
            let last = &toks[j - 1];
            let lead_ok = (s..j - 1).all(|k| toks[k].kind == Kind::Word && SKIPPABLE.contains(toks[k].text));
            if last.kind == Kind::Word && is_in(last.text, &["he", "she"]) && lead_ok {
                return (Found::Pronoun(Some(last.text.eq_ignore_ascii_case("she")), last.span.start), s);
            }
            if let Some(h) = self.np_head(p, s, j, true) {
                return (self.speaker_at(p, h, s, h), s);
            }
            // A surname the tagger missed ("…,” Read added), of a person named before.
            let last = &toks[j - 1];
            let titled = (s..j - 1).all(|k| self.title_like(&toks[k]) && toks[k].text.starts_with(|c: char| c.is_uppercase() || c == '.'));
            if last.kind == Kind::Word && last.text.starts_with(char::is_uppercase) && titled {
                if let Some(e) = self.named_before(last.text, last.span.start) {
                    return (Found::Speaker(e, None), s);
                }
            }
            return (self.unnamed(p, s, j), s);
        }
        if s <= lo {
            return (Found::Nothing, s);
        }
        let before = &toks[s - 1];
        if before.kind == Kind::Word && is_in(before.text, &["who"]) {
            // "Moore, who said …": the name before "who".
            let mut k = s - 1;
            while k > lo && toks[k - 1].kind == Kind::Punct(',') {
                k -= 1;
            }
            if let Some(Kind::Name(n)) = k.checked_sub(1).filter(|&b| b >= lo).map(|b| toks[b].kind) {
                if !self.names[n].possessive && !party_tag(toks[k - 1].text) {
                    return (self.speaker_at(p, k - 1, k - 1, k - 1), k - 1);
                }
            }
            let mut a = k;
            while a > lo && !self.np_boundary(&toks[a - 1]) {
                a -= 1;
            }
            return match self.np_head(p, a, k, true) {
                Some(h) => (self.speaker_at(p, h, a, h), a),
                None => (Found::Unnamed, a),
            };
        }
        if before.kind != Kind::Punct(',') {
            return (Found::Nothing, s);
        }
        // ", said": an appositive stands between the subject and the verb. Read the
        // comma-separated segments back: "Bill Armistead, Moore's campaign chairman,
        // said" / "Moore's campaign chairman, Bill Armistead, said".
        let mut end = s - 1;
        let mut described: Option<(usize, usize)> = None;
        let mut fallback: Option<(Found, usize)> = None;
        for _ in 0..MAX_SEGMENTS {
            let mut start = end;
            while start > lo && !matches!(toks[start - 1].kind, Kind::Punct(',' | ';' | ':' | '—' | '–') | Kind::Quote(_)) {
                start -= 1;
            }
            if start < end {
                let head = self.np_head(p, start, end, true);
                // An organisation in an appositive describes a person named further back
                // ("Senator Richard Blumenthal, Democrat of Connecticut, said").
                let organisation = head.is_some_and(|h| matches!(toks[h].kind, Kind::Name(n) if self.names[n].kind == NameKind::Organisation));
                if organisation && fallback.is_none() {
                    fallback = head.map(|h| (self.speaker_at(p, h, start, h), start));
                }
                if let Some(h) = head.filter(|_| !organisation) {
                    let mut f = self.speaker_at(p, h, start, h);
                    if let (Found::Speaker(_, role @ None), Some((a, b))) = (&mut f, described) {
                        *role = self.role_text(p, a, b);
                    }
                    // "Moore's campaign chairman, Bill Armistead, said": the role before.
                    if let (Found::Speaker(_, role @ None), true) = (&mut f, start > lo + 1) {
                        if toks[start - 1].kind == Kind::Punct(',') {
                            let mut a = start - 1;
                            while a > lo && !self.np_boundary(&toks[a - 1]) {
                                a -= 1;
                            }
                            if a < start - 1 && self.descriptor(p, a, start - 1) {
                                *role = self.role_text(p, a, start - 1);
                            }
                        }
                    }
                    return (f, start);
                }
                if described.is_none() && self.descriptor(p, start, end) {
                    described = Some((start, end));
                }
            }
            if start <= lo || toks[start - 1].kind != Kind::Punct(',') {
                return fallback.unwrap_or((Found::Unnamed, start));
            }
            end = start - 1;
        }
        fallback.unwrap_or((Found::Unnamed, end))
    }

    /// Whether `start..end` describes a person ("Moore's campaign chairman", "the
    /// senior Republican on the committee"): it opens with an article, a possessive
    /// or a lower-case word.
    fn descriptor(&self, p: &Paragraph, start: usize, end: usize) -> bool {
        let toks = &p.toks;
        start < end
            && (start..end).all(|k| !matches!(toks[k].kind, Kind::Quote(_)))
            && match toks[start].kind {
                Kind::Name(n) => self.names[n].possessive,
                Kind::Word => {
                    let w = toks[start].text;
                    w.starts_with(char::is_lowercase) && !CLAUSE_WORDS.contains(w) && !NOT_TITLE.contains(w)
                        || is_in(w, &["a", "an", "the", "his", "her", "their"])
                }
                _ => false,
            }
    }

    /// The subject after an inverted verb at `v` ("said Borrell"), up to `end`; `None`
    /// when the verb is not inverted ("said in a statement").
    fn subject_after(&self, p: &Paragraph, v: usize, end: usize) -> Option<Found> {
        let toks = &p.toks;
        let s = v + 1;
        let first = toks.get(s).filter(|_| s < end)?;
        match first.kind {
            Kind::Punct(_) | Kind::Quote(_) => return None,
            Kind::Word if NOT_INVERTED.contains(first.text) => return None,
            Kind::Word if is_in(first.text, &["he", "she"]) => {
                return Some(Found::Pronoun(Some(first.text.eq_ignore_ascii_case("she")), first.span.start))
            }
            _ => {}
        }
        let segment_end = |from: usize| {
            let mut e = from;
            let mut depth = 0i32;
            while e < end {
                match toks[e].kind {
                    Kind::Punct('(') => depth += 1,
                    Kind::Punct(')') => depth -= 1,
                    _ if depth > 0 => {}
                    Kind::Punct('.') if e + 1 < end && toks[e + 1].text.starts_with(char::is_lowercase) => {}
                    Kind::Punct('.')
                        if e > 0
                            && toks[e - 1].span.end == toks[e].span.start
                            && toks[e - 1].kind == Kind::Word
                            && crate::segment::is_abbreviation(toks[e - 1].text) => {}
                    Kind::Punct(',' | ';' | ':' | '.' | '!' | '?' | '—' | '–') | Kind::Quote(_) => break,
                    Kind::Word if CLAUSE_WORDS.contains(toks[e].text) => break,
                    // "said Mayor Helen Carter at a press conference".
                    Kind::Word if e > from && NOT_INVERTED.contains(toks[e].text) && !is_in(toks[e].text, &["of", "from"]) => break,
                    _ => {}
                }
                e += 1;
            }
            e
        };
        let e = segment_end(s);
        if let Some(h) = self.np_head(p, s, e, true) {
            return Some(match self.speaker_at(p, h, s, h) {
                // "said Ema Suryani, a doctor at the clinic": the description after.
                Found::Speaker(entity, None) if e < end && toks[e].kind == Kind::Punct(',') => {
                    let e2 = segment_end(e + 1);
                    let role = self.descriptor(p, e + 1, e2).then(|| self.role_text(p, e + 1, e2)).flatten();
                    Found::Speaker(entity, role)
                }
                f => f,
            });
        }
        // "said Moore's campaign chairman, Bill Armistead".
        if self.descriptor(p, s, e) && e < end && toks[e].kind == Kind::Punct(',') {
            let e2 = segment_end(e + 1);
            if let Some(h) = self.np_head(p, e + 1, e2, true) {
                let f = self.speaker_at(p, h, e + 1, h);
                return Some(match f {
                    Found::Speaker(entity, None) => Found::Speaker(entity, self.role_text(p, s, e)),
                    f => f,
                });
            }
        }
        // "said Tuesday", "said Sunday on Fox": a day or a name of no one.
        if (s..e).all(|k| toks[k].kind == Kind::Word && toks[k].text.starts_with(char::is_uppercase)) {
            return None;
        }
        Some(self.unnamed(p, s, e))
    }
}

/// Whether a quote's region is followed by its attribution, so that a full stop
/// inside the quote does not end the sentence ("“Why?” Trump asked.").
fn attribution_follows(toks: &[Tok], from: usize) -> bool {
    for (n, t) in toks.iter().skip(from).take(5).enumerate() {
        match t.kind {
            Kind::Word if SPEECH.contains(t.text) => return true,
            Kind::Word if n == 0 && t.text.starts_with(char::is_lowercase) => return true,
            Kind::Word | Kind::Name(_) | Kind::Punct('.') => {}
            _ => return false,
        }
    }
    false
}

/// Whether the sentence `start..end` is only the quote at `q` (and punctuation).
fn only_quote(p: &Paragraph, start: usize, end: usize, q: usize) -> bool {
    (start..end).all(|k| k == q || matches!(p.toks[k].kind, Kind::Punct(_)))
}

fn opens_with_quote(p: &Paragraph, (start, end): (usize, usize)) -> bool {
    (start..end)
        .find(|&k| !matches!(p.toks[k].kind, Kind::Punct(_)))
        .is_some_and(|k| matches!(p.toks[k].kind, Kind::Quote(_)))
}

/// A "name" the tagger took from a title ("Alaska Governor", "SeaMicro CEO"): its
/// last word is a title's noun.
fn title_name(s: &str) -> bool {
    s.contains(' ') && s.rsplit(' ').next().is_some_and(|w| TITLE_NOUNS.contains(w))
}

/// A party and state tag ("R-Tenn.", "D-R.I."), which the tagger sometimes takes for a name.
fn party_tag(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some('R' | 'D' | 'I')) && chars.next() == Some('-')
}

/// Whether a short quote is a title or a name ("Face the Nation", "Andrea Mitchell
/// Reports."): six words at most, most of them capitalised, the first too.
fn is_title(text: &str, span: Span) -> bool {
    // More than six words apart by white space are more than six tokens: most quotes
    // are, and they need no tokenising.
    if span.of(text).split_whitespace().nth(6).is_some() {
        return false;
    }
    let tokens = words(text, span);
    if tokens.is_empty() || tokens.len() > 6 {
        return false;
    }
    let capital = tokens
        .iter()
        .filter(|t| t.span.of(text).starts_with(char::is_uppercase))
        .count();
    tokens[0].span.of(text).starts_with(char::is_uppercase)
        && capital * 3 >= tokens.len() * 2
        && !span.of(text).trim_end().ends_with(['!', '?'])
        && !tokens.iter().any(|t| matches!(t.span.of(text), "I" | "We" | "You"))
}

/// The quote's span widened to its marks, when they stand right around it.
fn quote_region(text: &str, block: Span, span: Span) -> Span {
    let before = text.get(block.start..span.start).unwrap_or("");
    let trimmed = before.trim_end();
    let start = match trimmed.chars().next_back() {
        Some(c) if is_mark(c) => block.start + trimmed.len() - c.len_utf8(),
        _ => span.start,
    };
    let after = text.get(span.end..block.end).unwrap_or("");
    let lead = after.len() - after.trim_start().len();
    let end = match after.trim_start().chars().next() {
        Some(c) if is_mark(c) => span.end + lead + c.len_utf8(),
        _ => span.end,
    };
    Span::new(start, end)
}

/// Word and punctuation tokens of `gap`; a possessive "'s" is one word.
fn gap_tokens<'a>(text: &'a str, gap: Span, out: &mut Vec<Tok<'a>>) {
    if gap.start >= gap.end {
        return;
    }
    let mut at = gap.start;
    let puncts = |from: usize, to: usize, out: &mut Vec<Tok<'a>>| {
        if let Some(s) = text.get(from..to) {
            for (i, c) in s.char_indices() {
                if !c.is_whitespace() && !c.is_alphanumeric() {
                    let span = Span::new(from + i, from + i + c.len_utf8());
                    out.push(Tok { kind: Kind::Punct(c), span, text: span.of(text) });
                }
            }
        }
    };
    for w in words(text, gap) {
        puncts(at, w.span.start, out);
        let t = w.span.of(text);
        // "Moore's" splits into "Moore", "'" and "s": keep "'s" as one word.
        if t == "s" && matches!(out.last(), Some(Tok { kind: Kind::Punct('\'' | '’'), span, .. }) if span.end == w.span.start) {
            if let Some(last) = out.last_mut() {
                last.kind = Kind::Word;
                last.span = Span::new(last.span.start, w.span.end);
                last.text = last.span.of(text);
            }
        } else {
            out.push(Tok { kind: Kind::Word, span: w.span, text: t });
        }
        at = w.span.end;
    }
    puncts(at, gap.end, out);
}
