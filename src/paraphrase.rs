//! The paraphrase verifier: do two sentences state the same fact in other words?
//!
//! Each sentence is reduced to [`Facts`]: its content terms mapped through a small
//! synonym table (`data/synonyms.txt`: "heads"/"departed", "troops"/"soldiers"), the
//! dates it names as resolved values (so "Thursday" in a Friday article equals
//! "October 31"), its numbers, the names it mentions, and whether it is negated. A
//! pair becomes [`features`] (overlap of the concepts both ways, what is left over,
//! disagreeing names, numbers and dates, negation, length, shared word n-grams up to
//! four, as in machine-translation metrics, and how the sentences' clauses meet: a
//! short sentence's fact inside one clause of a long one), scored by the [`Verifier`],
//! gradient-boosted trees trained on hand-labelled news pairs.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::entities::{EntityType, Mention};
use crate::text::interner::WordIds;
use crate::text::{fnv, merge_walk, shared_count, BuildFnv, Token};

/// Features of the pair alone ([`pair_features`]), bias included.
pub const PAIR_FEATURES: usize = 35;
/// Features of the pair's place in its story ([`story_features`]).
pub const STORY_FEATURES: usize = 9;
/// Number of features the verifier reads: the pair's, then its story's.
pub const FEATURES: usize = PAIR_FEATURES + STORY_FEATURES;

static SYNONYMS: &str = include_str!("../data/synonyms.txt");


/// What a sentence says, reduced for comparison. All lists sorted and distinct.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    /// Content terms with synonyms mapped to their group, plus resolved dates.
    pub concepts: Vec<u64>,
    /// Content terms as written (after normalisation).
    pub terms: Vec<u64>,
    /// Names as written (folded), for the verifier's name feature.
    pub names: Vec<u64>,
    /// Every name, as entity resolution keys it, for the merge vetoes.
    pub named: NameSet,
    /// The people named, in order: each one's [`NameSet`] key and surname (a one-word
    /// name is its own). Which of them are people is decided over the whole input
    /// ([`crate::dedup`]): the tagger, seeing one sentence, takes places for people.
    /// Not sorted: read only in order, and a sort of pairs would be one more sort
    /// function in the page.
    pub people: Vec<(u64, u64)>,
    /// The keys of one-word names tagged ORG: perhaps a surname, which the tagger
    /// often takes for an organisation.
    pub lone_organisations: Vec<u64>,
    pub numbers: Vec<u64>,
    pub dates: Vec<u64>,
    pub negated: bool,
    /// It speaks of what is to come ("will sign", "was set to announce", "plans to"),
    /// not of what happened: "will announce" and "announced" are one event at two stages.
    pub planned: bool,
    pub words: usize,
    /// Concepts of words news writes in lower case but uses often (weighted down).
    pub common: Vec<u64>,
    /// Consecutive concept pairs, in order (word order matters a little).
    pub bigrams: Vec<u64>,
    /// The concepts with hyphenated words split into their parts ("year-end" is
    /// "year" and "end"), dates as words: what the story features weigh, where "tax
    /// rate" and "tax-rate" must meet.
    pub pieces: Vec<u64>,
    /// Every word's normalised form, stop words included, in order.
    pub sequence: Vec<u64>,
    /// The concepts of each clause that states content, sorted and distinct: the
    /// sentence cut at semicolons, colons, dashes, brackets, quotation marks and
    /// commas before a connective ("…, who faced a claim, …"), without the attribution
    /// frames ("…, officials said", "according to …"), which say who states a claim,
    /// not what it is. A short sentence's fact often sits in one clause of a long one.
    /// All clauses in one list (one allocation a sentence): see [`Facts::clauses`].
    clause_concepts: Vec<u64>,
    /// Where each clause ends in `clause_concepts`.
    clause_ends: Vec<u32>,
    /// Its [`ngrams`], computed when the verifier first compares this sentence: most
    /// sentences are never compared, and the rest are compared several times. (A lock,
    /// not a cell: natively the two deduplication passes may read one sentence at once.)
    grams: OnceLock<Vec<u64>>,
}

/// What [`Facts::new`] needs to know about one word as written: computed once per
/// distinct word (normalising and looking up synonyms cost far more than a lookup).
#[derive(Clone, Copy)]
struct Term {
    /// Hash of the normalised form ([`crate::lexicon::normalise::normalise_into`]).
    hash: u64,
    concept: u64,
    has_digit: bool,
    common: bool,
}

/// What [`TermCache`] keeps per distinct word: the hash of its normalised form (stop
/// words too), and its [`Term`] (`None`: a stop word or no content).
#[derive(Clone, Copy)]
struct Word {
    form: u64,
    term: Option<Term>,
}

/// The [`Word`] of every distinct word seen so far.
#[derive(Default)]
pub struct TermCache {
    ids: WordIds,
    /// Each interned word's [`Word`], by id.
    words: Vec<Word>,
    buf: String,
}

impl TermCache {
    /// Distinct words cached.
    pub(crate) fn len(&self) -> usize {
        self.words.len()
    }

    /// The concept of `word` as written, if it is a content word.
    pub(crate) fn concept_of(&mut self, word: &str) -> Option<u64> {
        self.word(word).term.map(|t| t.concept)
    }

    fn word(&mut self, word: &str) -> Word {
        let (id, new) = self.ids.id(word);
        if !new {
            return self.words[id];
        }
        let content = crate::lexicon::normalise::normalise_into(word, &mut self.buf);
        // A stop word leaves its lower-cased form in `buf`.
        let form = fnv(&self.buf);
        let term = content.then(|| Term {
            hash: form,
            concept: concept(form),
            has_digit: self.buf.bytes().any(|b| b.is_ascii_digit()),
            common: crate::entities::tagger::is_common_hash(crate::text::fnv_lower(word)),
        });
        let w = Word { form, term };
        self.words.push(w);
        w
    }
}

impl Facts {
    /// The facts of one sentence: its word `tokens` in `text`, and the entity
    /// `mentions` tagged in it (for names and resolved dates).
    pub fn new(text: &str, tokens: &[Token], mentions: &[Mention], cache: &mut TermCache) -> Facts {
        // Resolved date spans in order; tokens are in order too, so one pointer walks
        // both (a sentence of a million words naming dates stays linear).
        let mut dates: Vec<(usize, usize)> = mentions
            .iter()
            .filter(|m| m.ty == EntityType::Date && m.value.is_some())
            .map(|m| (m.span.start, m.span.end))
            .collect();
        crate::sort::sort_unstable(&mut dates);
        let mut next_date = 0;
        let mut inside_date = |t: &Token| {
            while dates.get(next_date).is_some_and(|&(_, end)| end <= t.span.start) {
                next_date += 1;
            }
            dates
                .get(next_date)
                .is_some_and(|&(start, end)| start <= t.span.start && t.span.end <= end)
        };
        // Room for a list's usual length, so that pushes do not grow it step by step.
        let mut facts = Facts {
            words: tokens.len(),
            terms: Vec::with_capacity(tokens.len()),
            concepts: Vec::with_capacity(tokens.len()),
            bigrams: Vec::with_capacity(tokens.len()),
            sequence: Vec::with_capacity(tokens.len()),
            pieces: Vec::with_capacity(tokens.len()),
            clause_concepts: Vec::with_capacity(tokens.len()),
            names: Vec::with_capacity(mentions.len()),
            ..Facts::default()
        };
        let mut clause_start = 0;
        let mut clause_is_frame = false;
        let mut previous_end = tokens.first().map_or(0, |t| t.span.start);
        for (k, t) in tokens.iter().enumerate() {
            let word = t.span.of(text);
            let gap = text.get(previous_end..t.span.start).unwrap_or("");
            previous_end = t.span.end;
            if opens_clause(gap, word) {
                facts.end_clause(clause_start, clause_is_frame);
                clause_start = facts.clause_concepts.len();
                clause_is_frame = false;
            }
            clause_is_frame |= is_attribution_word(word);
            // "did not", "didn't" (the "t" after the apostrophe). Not "without": "charged
            // with leaving the scene without reporting it" negates nothing it shares with
            // "charged with leaving the scene". Slice patterns, as in
            // `text::is_apostrophe`: most tokens have the length of one of these words.
            if matches!(
                word.as_bytes(),
                [b'n', b'o', b't'] | [b'n', b'o'] | [b'n', b'e', b'v', b'e', b'r'] | [b't']
            ) {
                facts.negated = true;
            }
            facts.planned |= is_planned(word, tokens.get(k + 1).map(|next| next.span.of(text)));
            let w = cache.word(word);
            facts.sequence.push(w.form);
            // A byte loop: `contains` calls `memchr`, costly on a word of a few bytes.
            if word.bytes().any(|b| b == b'-') {
                for part in word.split('-').filter(|p| !p.is_empty()) {
                    if let Some(term) = cache.word(part).term {
                        facts.pieces.push(term.concept);
                    }
                }
            } else if let Some(term) = w.term {
                facts.pieces.push(term.concept);
            }
            let Some(term) = w.term else {
                continue;
            };
            let in_date = inside_date(t);
            // "one of its newest missiles" counts nothing: a partitive, not the number 1.
            let partitive = word.eq_ignore_ascii_case("one")
                && tokens.get(k + 1).is_some_and(|next| next.span.of(text).eq_ignore_ascii_case("of"));
            if term.has_digit && !in_date && !partitive {
                facts.numbers.push(term.hash);
            }
            facts.terms.push(term.hash);
            if !in_date {
                let c = term.concept;
                if let Some(&previous) = facts.concepts.last() {
                    facts.bigrams.push(previous.rotate_left(17) ^ c);
                }
                facts.concepts.push(c);
                facts.clause_concepts.push(c);
                if term.common {
                    facts.common.push(c);
                }
            }
        }
        facts.end_clause(clause_start, clause_is_frame);
        for m in mentions {
            match (m.ty, &m.value) {
                (EntityType::Date, Some(value)) => facts.dates.push(fnv(value)),
                (EntityType::Per | EntityType::Org | EntityType::Loc | EntityType::Misc, _) => {
                    let surface = m.span.of(text);
                    facts.names.push(fnv(&crate::text::fold(surface)));
                    let key = name_key_hash(&m.key);
                    let short: Vec<u64> = crate::entities::short_forms(m.ty, surface)
                        .iter()
                        .map(|s| fnv(s) & !GAZETTEER_BIT)
                        .collect();
                    facts.named.add(key, &short);
                    if m.ty == EntityType::Org && matches!(m.key, crate::entities::Key::Bare(_)) {
                        facts.lone_organisations.push(key);
                    }
                    if m.ty == EntityType::Per {
                        // A surname is the first short form; a one-word name's key hashes as one.
                        facts.people.push((key, short.first().copied().unwrap_or(key)));
                    }
                }
                _ => {}
            }
        }
        facts.concepts.extend(&facts.dates);
        for list in [
            &mut facts.concepts, &mut facts.terms, &mut facts.names, &mut facts.named.keys,
            &mut facts.named.short_forms, &mut facts.lone_organisations, &mut facts.numbers, &mut facts.dates,
            &mut facts.common, &mut facts.bigrams, &mut facts.pieces,
        ] {
            list.sort_unstable();
            list.dedup();
        }
        facts
    }
}

impl Facts {
    /// Ends the clause read since `start` in `clause_concepts`: kept, sorted and
    /// distinct, if it states content; dropped if it is only an attribution frame (a
    /// speech word and a few concepts).
    fn end_clause(&mut self, start: usize, is_frame: bool) {
        let clause = &mut self.clause_concepts[start..];
        if clause.is_empty() || (is_frame && clause.len() <= MAX_FRAME_CONCEPTS) {
            self.clause_concepts.truncate(start);
            return;
        }
        clause.sort_unstable();
        let mut kept = 0;
        for k in 0..clause.len() {
            if k == 0 || clause[k] != clause[kept - 1] {
                clause[kept] = clause[k];
                kept += 1;
            }
        }
        self.clause_concepts.truncate(start + kept);
        self.clause_ends.push(self.clause_concepts.len() as u32);
    }

    /// The concepts of each clause that states content, sorted and distinct.
    pub fn clauses(&self) -> impl Iterator<Item = &[u64]> {
        let mut start = 0;
        self.clause_ends.iter().map(move |&end| {
            let clause = &self.clause_concepts[start..end as usize];
            start = end as usize;
            clause
        })
    }
}

/// Whether `word` (then `next`) marks what is to come: "will", "would", "'ll", or "set",
/// "expected", "plans", "scheduled", "due", "poised" or "going" before "to".
fn is_planned(word: &str, next: Option<&str>) -> bool {
    matches!(word, "will" | "would" | "ll" | "Will" | "Would")
        || (matches!(
            word,
            "set" | "expected" | "plans" | "planned" | "plan" | "scheduled" | "due" | "poised" | "going" | "intends"
        ) && next == Some("to"))
}

/// Concepts an attribution frame may hold ("Senate Majority Leader Mitch McConnell said").
const MAX_FRAME_CONCEPTS: usize = 4;

/// Words that make a clause an attribution frame.
fn is_attribution_word(word: &str) -> bool {
    matches!(
        word,
        "said" | "says" | "told" | "according" | "added" | "wrote" | "tweeted" | "stated" | "announced" | "reported"
    )
}

/// Whether `word`, after the `gap` of punctuation and space before it, opens a new clause.
fn opens_clause(gap: &str, word: &str) -> bool {
    const CONNECTIVES: [&str; 14] = [
        "and", "but", "while", "which", "who", "after", "following", "as", "because", "although", "though",
        "where", "when", "saying",
    ];
    // Most gaps are one space, where no clause opens.
    gap != " "
        && (gap.chars().any(|c| matches!(c, ';' | ':' | '—' | '–' | '(' | ')' | '"' | '“' | '”'))
            || (gap.bytes().any(|b| b == b',') && CONNECTIVES.contains(&word)))
}

/// Names of one sentence, keyed as entity resolution keys them ([`name_key_hash`]):
/// "EU" and "European Union" share a gazetteer entry, "Defence" and "Defense" one
/// spelling. Both lists sorted and distinct once [`Facts::new`] is done.
#[derive(Debug, Clone, Default)]
pub struct NameSet {
    pub keys: Vec<u64>,
    /// The short forms of multi-word names ([`crate::entities::short_forms`]): a surname
    /// or an acronym that another sentence may use for the same name.
    pub short_forms: Vec<u64>,
}

impl NameSet {
    fn add(&mut self, key: u64, short_forms: &[u64]) {
        self.keys.push(key);
        self.short_forms.extend(short_forms);
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// How many names of either set the other names too, by its full name or by a
    /// short form of one of its names ("Borrell" for "Josep Borrell", "AFP" for
    /// "Agence France-Presse"). Two different full names sharing a surname do not count.
    pub fn shared_with(&self, other: &NameSet) -> usize {
        shared_count(&self.keys, &other.keys)
            + shared_count(&self.keys, &other.short_forms)
            + shared_count(&other.keys, &self.short_forms)
    }

    /// Both sets name someone, and no one in common.
    pub fn disjoint(&self, other: &NameSet) -> bool {
        !self.is_empty() && !other.is_empty() && self.shared_with(other) == 0
    }
}

/// Marks the hashes of gazetteer entries, so that an entry's number never equals a
/// name's hash.
const GAZETTEER_BIT: u64 = 1 << 63;

/// One hash per resolution key: a gazetteer entry's number, or the hash of the folded,
/// US-spelled name (a one-word name's hash equals the same word as a short form).
fn name_key_hash(key: &crate::entities::Key) -> u64 {
    use crate::entities::Key;
    match key {
        Key::Gazetteer(id) => GAZETTEER_BIT | u64::from(*id),
        Key::Name(s) | Key::Bare(s) | Key::Value(s) => fnv(s) & !GAZETTEER_BIT,
    }
}

/// The group of a normalised term (its own hash when it has no synonyms).
fn concept(term: u64) -> u64 {
    static TABLE: OnceLock<HashMap<u64, u64, BuildFnv>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut table = HashMap::with_hasher(BuildFnv);
        let mut buf = String::new();
        for line in SYNONYMS.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            let mut group = None;
            for word in line.split_whitespace() {
                if !crate::lexicon::normalise::normalise_into(word, &mut buf) {
                    continue;
                }
                let h = fnv(&buf);
                let g = *group.get_or_insert(h);
                table.entry(h).or_insert(g); // a word belongs to the first group it is listed in
            }
        }
        table
    });
    table.get(&term).copied().unwrap_or(term)
}

/// Share of the union that only one side has (0 when both are empty).
fn mismatch(a: &[u64], b: &[u64]) -> f32 {
    let s = shared_count(a, b);
    let union = a.len() + b.len() - s;
    if union == 0 {
        0.0
    } else {
        (union - s) as f32 / union as f32
    }
}

/// The verifier's feature vector of two sentences of one story: [`pair_features`], then
/// [`story_features`] (symmetric in `a` and `b`).
pub fn features(a: Placed, b: Placed, story: &StoryFrequencies) -> [f32; FEATURES] {
    let mut out = [0.0; FEATURES];
    out[..PAIR_FEATURES].copy_from_slice(&pair_features(a.facts, b.facts));
    out[PAIR_FEATURES..].copy_from_slice(&story_features(a, b, story));
    out
}

/// A sentence as the verifier sees it in its story.
#[derive(Clone, Copy)]
pub struct Placed<'a> {
    pub facts: &'a Facts,
    /// Its story ([`StoryFrequencies`] counts per story).
    pub story: usize,
    pub source: usize,
    /// Its place among its source's body sentences, from 0.
    pub ordinal: u32,
}

/// Two sentences as a story of their own, from two sources: how a pair met outside any
/// story (MSRP, a test's pair) is placed.
pub fn as_own_story(pair: &[Facts; 2]) -> (StoryFrequencies, [Placed<'_>; 2]) {
    let side = |source: usize| Placed {
        facts: &pair[source],
        story: 0,
        source,
        ordinal: 0,
    };
    (StoryFrequencies::new(pair, &[0, 0]), [side(0), side(1)])
}

/// How many sentences of each story hold each concept. What two tellings of a fact
/// share are its rarer words: the story's subject ("Mattis", "resign") is in half its
/// sentences, a fact's date or place in a few.
pub struct StoryFrequencies {
    /// Per (story, concept) key ([`StoryFrequencies::key`]): the sentences holding it,
    /// and the bits of its weight (computed once per key, in place: a logarithm per
    /// comparison, or a second map, cost more).
    held_by: HashMap<u64, (u32, u32), BuildFnv>,
    /// Per story: the weight of a concept only one sentence holds.
    lone_weight: Vec<f32>,
}

impl StoryFrequencies {
    /// Counts the concepts of each sentence (`facts[i]`, of story `story[i]`).
    pub fn new(facts: &[Facts], story: &[usize]) -> StoryFrequencies {
        let concepts: usize = facts.iter().map(|f| f.pieces.len()).sum();
        // While counting, a key's second field is its story; then its weight's bits.
        let mut held_by: HashMap<u64, (u32, u32), BuildFnv> = HashMap::with_capacity_and_hasher(concepts, BuildFnv);
        let mut sentences = vec![0u32; story.iter().max().map_or(0, |&s| s + 1)];
        for (f, &s) in facts.iter().zip(story) {
            sentences[s] += 1;
            for &c in &f.pieces {
                held_by.entry(Self::key(s, c)).or_insert((0, s as u32)).0 += 1;
            }
        }
        for (held, second) in held_by.values_mut() {
            *second = weight(sentences[*second as usize], *held).to_bits();
        }
        let lone_weight = sentences.iter().map(|&n| weight(n, 1)).collect();
        StoryFrequencies { held_by, lone_weight }
    }

    /// The map key of a concept in a story.
    pub fn key(story: usize, concept: u64) -> u64 {
        crate::text::hash::mix(concept ^ (story as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15))
    }

    /// Sentences of `story` holding `concept` (at least 1: it is asked about sentences of
    /// the story), and how telling it is there.
    fn held_by(&self, story: usize, concept: u64) -> (u32, f32) {
        match self.held_by.get(&Self::key(story, concept)) {
            Some(&(held, bits)) => (held, f32::from_bits(bits)),
            None => (1, self.lone_weight.get(story).copied().unwrap_or(0.0)),
        }
    }
}

/// How telling a concept that `holding` of a story's `sentences` hold is:
/// ln((sentences + 1) / (holding + 1/2)).
fn weight(sentences: u32, holding: u32) -> f32 {
    ((sentences as f32 + 1.0) / (holding as f32 + 0.5)).ln()
}

/// Stories' concept counts at or under this make a shared concept rare.
const RARE_IN_STORY: u32 = 3;

/// The pair in its story: the weighted share of each side's concepts that the other
/// holds (smaller, larger), the weight shared, the rare concepts shared, the heaviest
/// one, where the two stand in their sources (earlier, later), whether one source wrote
/// both, and whether one speaks of what is to come and the other not.
pub fn story_features(a: Placed, b: Placed, story: &StoryFrequencies) -> [f32; STORY_FEATURES] {
    let s = a.story;
    let total = |f: &Facts| f.pieces.iter().map(|&c| story.held_by(s, c).1).sum::<f32>().max(1e-6);
    let (mut shared, mut rare, mut heaviest) = (0.0f32, 0u32, 0.0f32);
    // `merge_walk` may pass one value several times, but a shared one once.
    merge_walk(&a.facts.pieces, &b.facts.pieces, |c, matched| {
        if matched == 1 {
            let (held, w) = story.held_by(s, c);
            shared += w;
            heaviest = heaviest.max(w);
            rare += u32::from(held <= RARE_IN_STORY);
        }
    });
    let (ca, cb) = (shared / total(a.facts), shared / total(b.facts));
    [
        ca.min(cb),
        ca.max(cb),
        shared,
        rare as f32,
        heaviest,
        a.ordinal.min(b.ordinal) as f32,
        a.ordinal.max(b.ordinal) as f32,
        f32::from(u8::from(a.source == b.source)),
        f32::from(u8::from(a.facts.planned != b.facts.planned)),
    ]
}

/// The features of a pair alone (symmetric in `a` and `b`).
pub fn pair_features(a: &Facts, b: &Facts) -> [f32; PAIR_FEATURES] {
    let s = shared_count(&a.concepts, &b.concepts) as f32;
    let (small, large) = {
        let (x, y) = (a.concepts.len() as f32, b.concepts.len() as f32);
        (x.min(y).max(1.0), x.max(y).max(1.0))
    };
    let union = (a.concepts.len() + b.concepts.len()) as f32 - s;
    let raw_shared = shared_count(&a.terms, &b.terms) as f32;
    let raw_union = (a.terms.len() + b.terms.len()) as f32 - raw_shared;
    let both_dated = !a.dates.is_empty() && !b.dates.is_empty();
    // Overlap with common words counting a third: rare words carry the fact.
    let weight = |f: &Facts| f.concepts.len() as f32 - 0.67 * f.common.len() as f32;
    let shared_common = shared_count(&a.common, &b.common) as f32;
    let weighted_shared = s - 0.67 * shared_common;
    let (wsa, wsb) = (weight(a).max(0.5), weight(b).max(0.5));
    let bigram_shared = shared_count(&a.bigrams, &b.bigrams) as f32;
    let bigram_union = (a.bigrams.len() + b.bigrams.len()) as f32 - bigram_shared;
    let (wa, wb) = (a.words.max(1) as f32, b.words.max(1) as f32);
    let (only_a, only_b) = (a.concepts.len() as f32 - s, b.concepts.len() as f32 - s);
    let grams = ngram_overlaps(a, b);
    let claims = claim_overlaps(a, b);
    [
        1.0,
        s / union.max(1.0),
        s / small,
        s / large,
        raw_shared / raw_union.max(1.0),
        mismatch(&a.names, &b.names),
        mismatch(&a.numbers, &b.numbers),
        (both_dated && shared_count(&a.dates, &b.dates) == 0) as u8 as f32,
        (a.negated != b.negated) as u8 as f32,
        (wa.max(wb) / wa.min(wb)).ln(),
        weighted_shared / wsa.min(wsb),
        weighted_shared / wsa.max(wsb),
        bigram_shared / bigram_union.max(1.0),
        grams[0].0,
        grams[0].1,
        grams[0].2,
        grams[1].0,
        grams[1].1,
        grams[1].2,
        grams[2].0,
        grams[2].1,
        grams[2].2,
        grams[3].0,
        grams[3].1,
        grams[3].2,
        only_a + only_b,
        only_a.min(only_b),
        only_a.max(only_b),
        s,
        shared_count(&a.names, &b.names) as f32,
        shared_count(&a.numbers, &b.numbers) as f32,
        claims.inside,
        claims.inside_size,
        claims.pair_jaccard,
        claims.pair_shared,
    ]
}

/// How the clauses of two sentences meet ([`Facts::clauses`]).
struct ClaimOverlap {
    /// The largest share of one clause's concepts (three or more) that the other
    /// sentence holds: 1 when a whole claim of one is inside the other.
    inside: f32,
    /// The concepts of that clause.
    inside_size: f32,
    /// The largest Jaccard similarity of a clause of each.
    pair_jaccard: f32,
    /// The concepts shared by that pair of clauses.
    pair_shared: f32,
}

fn claim_overlaps(a: &Facts, b: &Facts) -> ClaimOverlap {
    let mut out = ClaimOverlap {
        inside: 0.0,
        inside_size: 0.0,
        pair_jaccard: 0.0,
        pair_shared: 0.0,
    };
    for (x, y) in [(a, b), (b, a)] {
        for clause in x.clauses().filter(|c| c.len() >= 3) {
            let share = shared_count(clause, &y.concepts) as f32 / clause.len() as f32;
            if share > out.inside || (share == out.inside && clause.len() as f32 > out.inside_size) {
                out.inside = share;
                out.inside_size = clause.len() as f32;
            }
        }
    }
    for x in a.clauses() {
        for y in b.clauses() {
            let shared = shared_count(x, y);
            let jaccard = shared as f32 / (x.len() + y.len() - shared).max(1) as f32;
            if jaccard > out.pair_jaccard {
                out.pair_jaccard = jaccard;
                out.pair_shared = shared as f32;
            }
        }
    }
    out
}

impl Facts {
    fn grams(&self) -> &[u64] {
        self.grams.get_or_init(|| ngrams(&self.sequence))
    }
}

/// The word n-grams of `sequence` for n = 1..=4, hashed with n - 1 in the top two
/// bits, in one sorted list: one merge walk then counts the shared n-grams of all four
/// orders (see [`ngram_overlaps`]).
fn ngrams(sequence: &[u64]) -> Vec<u64> {
    let len = sequence.len();
    // Order n's n-grams fill their own block; sorting the four blocks one by one sorts
    // the whole list (the top bits order the blocks) at less cost than one big sort.
    let mut block = [0usize; 5];
    for n in 0..4 {
        block[n + 1] = block[n] + len.saturating_sub(n);
    }
    let mut out = vec![0u64; block[4]];
    for start in 0..len {
        // The n-gram's hash extends the (n-1)-gram's at the same start: one step per word.
        let mut h = 0u64;
        for (n, &word) in sequence[start..].iter().take(4).enumerate() {
            h = (h.rotate_left(23) ^ word).wrapping_mul(0x9e37_79b9_7f4a_7c15);
            out[block[n] + start] = (n as u64) << 62 | h >> 2;
        }
    }
    for n in 0..4 {
        out[block[n]..block[n + 1]].sort_unstable();
    }
    out
}

/// For n = 1..=4: the n-grams two sentences share (counted with repeats) as a share
/// of each side's n-grams: (the smaller share, the larger, twice the shared over both
/// sides' total).
fn ngram_overlaps(a: &Facts, b: &Facts) -> [(f32, f32, f32); 4] {
    let mut shared = [0usize; 4];
    // The order of an n-gram is in its top two bits.
    merge_walk(a.grams(), b.grams(), |gram, matched| {
        shared[(gram >> 62) as usize] += matched
    });
    std::array::from_fn(|k| {
        let (na, nb) = (a.words.saturating_sub(k), b.words.saturating_sub(k));
        if na == 0 || nb == 0 {
            return (0.0, 0.0, 0.0);
        }
        let s = shared[k] as f32;
        let (pa, pb) = (s / na as f32, s / nb as f32);
        (pa.min(pb), pa.max(pb), 2.0 * s / (na + nb) as f32)
    })
}

/// The same-fact verifier: gradient-boosted decision trees over [`features`], trained on
/// hand-labelled news pairs (`scripts/train_verifier.py`, `data/verifier.txt`, compiled
/// in by the build script as complete trees of one depth: each tree's splits in level
/// order, then its leaves).
pub struct Verifier {
    baseline: f32,
    /// Merge at or above this probability: chosen for precision on held-out stories.
    pub threshold: f32,
    features: &'static [u8],
    thresholds: &'static [f32],
    leaves: &'static [f32],
}

/// `BASELINE`, `THRESHOLD`, `DEPTH`, `FEATURES`, `THRESHOLDS` and `LEAVES`: the trees of
/// data/verifier.txt, compiled by the build script. Its numbers are the trainer's, as
/// written (one happens to be close to ln 2).
#[allow(clippy::approx_constant)]
mod trees {
    include!(concat!(env!("OUT_DIR"), "/verifier.rs"));
}

impl Verifier {
    /// The verifier in `data/verifier.txt`.
    pub fn embedded() -> &'static Verifier {
        static EMBEDDED: Verifier = Verifier {
            baseline: trees::BASELINE,
            threshold: trees::THRESHOLD,
            features: &trees::FEATURES,
            thresholds: &trees::THRESHOLDS,
            leaves: &trees::LEAVES,
        };
        &EMBEDDED
    }

    /// Probability that the pair states the same fact.
    pub fn probability(&self, x: &[f32]) -> f32 {
        const SPLITS: usize = (1 << trees::DEPTH) - 1;
        // Every byte indexes a value (0 past the features), and each tree is read as
        // arrays of its size: the splits need no bounds checks (150 trees a pair).
        let mut values = [0.0f32; 256];
        for (value, &feature) in values.iter_mut().zip(x) {
            *value = feature;
        }
        let mut raw = self.baseline;
        for ((features, thresholds), leaves) in self
            .features
            .chunks_exact(SPLITS)
            .zip(self.thresholds.chunks_exact(SPLITS))
            .zip(self.leaves.chunks_exact(SPLITS + 1))
        {
            let (Ok(features), Ok(thresholds), Ok(leaves)) = (
                <&[u8; SPLITS]>::try_from(features),
                <&[f32; SPLITS]>::try_from(thresholds),
                <&[f32; SPLITS + 1]>::try_from(leaves),
            ) else {
                continue; // not reached: the chunks have these sizes
            };
            let mut k = 0;
            for _ in 0..trees::DEPTH {
                k = 2 * k + 1 + usize::from(values[usize::from(features[k])] > thresholds[k]);
            }
            raw += leaves[k - SPLITS];
        }
        1.0 / (1.0 + (-raw).exp())
    }

    /// Trees in the verifier.
    #[cfg(test)]
    pub fn tree_count(&self) -> usize {
        self.leaves.len() >> trees::DEPTH
    }
}

/// The facts of a free-standing sentence, tagged with the embedded entity model.
#[cfg(any(test, feature = "train"))]
pub fn facts_of_text(text: &str, words: &mut crate::entities::WordCache, terms: &mut TermCache) -> Facts {
    let tokens = crate::text::words(text, crate::text::Span::new(0, text.len()));
    let mut mentions = Vec::new();
    crate::entities::tag_tokens(text, &tokens, 0, None, words, &mut mentions);
    Facts::new(text, &tokens, &mentions, terms)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(s: &str) -> Facts {
        facts_of_text(s, &mut Default::default(), &mut Default::default())
    }

    #[test]
    fn ngram_overlap_counts_repeats_once_per_match() {
        // "a b a b" against "a b": unigrams 2 of 4 / 2 of 2; bigrams "a b" once (1 of 3 / 1 of 1).
        let of = |sequence: &[u64]| Facts {
            sequence: sequence.to_vec(),
            words: sequence.len(),
            ..Facts::default()
        };
        let [uni, bi, tri, four] = ngram_overlaps(&of(&[1, 2, 1, 2]), &of(&[1, 2]));
        assert_eq!(uni, (0.5, 1.0, 4.0 / 6.0));
        assert_eq!(bi, (1.0 / 3.0, 1.0, 2.0 / 4.0));
        assert_eq!(tri, (0.0, 0.0, 0.0));
        assert_eq!(four, (0.0, 0.0, 0.0));
    }

    /// What is to come is marked; "one of" counts nothing.
    #[test]
    fn plans_and_partitives() {
        let cases = [
            ("The ministers will sign the pact on Friday.", true, 0),
            ("The ministers signed the pact on Friday.", false, 0),
            ("Japan and the EU were set to announce a partnership.", true, 0),
            ("The party plans to vote against the bill.", true, 0),
            ("Pyongyang test-fired one of its newest missiles.", false, 0),
            ("Pyongyang test-fired one missile and 3 rockets.", false, 2),
        ];
        for (text, planned, numbers) in cases {
            let f = facts(text);
            assert_eq!((f.planned, f.numbers.len()), (planned, numbers), "{text}");
        }
    }

    #[test]
    fn synonyms_map_to_one_concept() {
        let a = facts("Borrell heads to South Korea.");
        let b = facts("Borrell departed for South Korea.");
        assert_eq!(a.concepts, b.concepts);
        assert_ne!(a.terms, b.terms);
    }
}
