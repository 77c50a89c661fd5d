//! newsweave turns several news articles about one story into one merged,
//! attributed account.
//!
//! ```
//! let sources = vec![
//!     newsweave::Source::new("A", "Japan and the EU signed a pact in Tokyo on Friday."),
//!     newsweave::Source::new("B", "Japan and the EU signed a pact in Tokyo on Friday, officials said."),
//! ];
//! let digest = newsweave::weave(&sources).unwrap();
//! assert_eq!(digest.statements[0].sources, vec![0, 1]);
//! ```
//!
//! The pipeline runs in five stages, one module each: [`clean`](crate) (roles and
//! metadata), `segment` (sentences), `dedup` (near-duplicate groups),
//! `entities` (tagging and aliases) and `merge` (ranked statements). See
//! `docs/DESIGN.md` for how data flows between them. [`Digest::to_markdown`] writes
//! the merged account as a Markdown report.

mod clean;
mod conll;
mod dates;
mod dedup;
mod digest;
mod entities;
mod hash;
/// HTML pages as text (native only; in the browser the page uses DOMParser).
#[cfg(not(target_arch = "wasm32"))]
pub mod html;
mod interner;
mod markdown;
mod merge;
mod paraphrase;
mod quotes;
mod read;
mod segment;
mod stories;
mod text;
mod threads;
mod union_find;
/// The JavaScript binding (wasm32 only): `weave(sources)` returning a plain object.
#[cfg(target_arch = "wasm32")]
pub mod wasm;

use serde::Deserialize;

pub use clean::Role;
pub use digest::{Digest, Disagreement, Entity, Mention, Quote, Sentence, SourceDetail, SourceInfo, Statement, Story};
pub use entities::EntityType;

use text::{Span, Utf16Offsets};

/// Training and evaluating the learned entity tagger on CoNLL-2003 files
/// (`newsweave eval-ner`, `newsweave train-ner`). Not exported to JavaScript, so
/// link-time optimisation leaves it out of the wasm module.
pub mod ner {
    use std::collections::BTreeMap;

    pub use crate::conll::{parse, Counts, Sentence};
    use crate::entities::{tagger::Model, train};

    /// Scores the embedded model on `data`: per type, and overall under the key "".
    pub fn evaluate(data: &[Sentence]) -> Result<BTreeMap<String, Counts>, String> {
        let model = Model::embedded().ok_or("this build has no entity model (run `make train-ner`)")?;
        Ok(train::evaluate(model, data))
    }

    /// Trains a model on `train_set`, keeping the epoch with the best F1 on `dev`;
    /// returns its bytes (the format of `data/ner-model.bin`).
    pub fn train(train_set: &[Sentence], dev: &[Sentence], epochs: usize, log: &mut dyn FnMut(String)) -> Vec<u8> {
        train::train(train_set, dev, epochs, log)
    }
}

/// Training and evaluating the paraphrase verifier on MSRP-format files
/// (`newsweave eval-paraphrase`, `newsweave train-paraphrase`).
pub mod paraphrases {
    pub use crate::paraphrase::{parse_msrp, LabelledPair, Model};

    /// Accuracy, precision, recall and F1 of the embedded model on `pairs`, at its threshold.
    pub fn evaluate(pairs: &[LabelledPair]) -> (f64, f64, f64, f64) {
        let model = Model::embedded();
        let probabilities: Vec<(f32, bool)> = crate::paraphrase::featurise(pairs)
            .iter()
            .map(|(x, y)| (model.probability(x), *y))
            .collect();
        crate::paraphrase::scores(&probabilities, model.threshold)
    }

    /// The verifier's feature vector of each pair (bias first) with its label, for
    /// experiments outside the crate (`examples/paraphrase_features.rs`).
    pub fn features(pairs: &[LabelledPair]) -> Vec<(Vec<f32>, bool)> {
        crate::paraphrase::featurise(pairs)
            .into_iter()
            .map(|(x, y)| (x.to_vec(), y))
            .collect()
    }

    /// Trains a model with `folds`-fold cross-validation; returns it with the
    /// cross-validated accuracy, precision, recall and F1 at its threshold, and the
    /// precision and recall at its merge threshold.
    pub fn train(pairs: &[LabelledPair], folds: usize) -> (Model, (f64, f64, f64, f64), (f64, f64)) {
        let (model, out_of_fold) = crate::paraphrase::train(pairs, folds);
        let best = crate::paraphrase::scores(&out_of_fold, model.threshold);
        let strict = crate::paraphrase::scores(&out_of_fold, model.merge_threshold);
        (model, best, (strict.1, strict.2))
    }
}

/// Grouping articles into stories and events, scored on ECB+ (`newsweave eval-clusters`).
pub mod clusters {
    use crate::stories::{b_cubed, group, term_counts_of_text, EVENT_THRESHOLD, STORY_THRESHOLD};

    /// One article with its gold topic and gold event (within the topic).
    pub struct Article {
        pub topic: String,
        pub event: String,
        pub text: String,
    }

    /// B³ (precision, recall, F1) at the topic level (all articles grouped together)
    /// and at the event level (each gold topic's articles grouped on their own).
    pub fn evaluate(articles: &[Article]) -> ((f64, f64, f64), (f64, f64, f64)) {
        let docs: Vec<_> = articles.iter().map(|a| term_counts_of_text(&a.text)).collect();
        let label = |names: Vec<&str>| -> Vec<usize> {
            let mut ids = std::collections::HashMap::new();
            names
                .into_iter()
                .map(|n| {
                    let next = ids.len();
                    *ids.entry(n).or_insert(next)
                })
                .collect()
        };
        let gold_topics = label(articles.iter().map(|a| a.topic.as_str()).collect());
        let topic_scores = b_cubed(&group(&docs, STORY_THRESHOLD), &gold_topics);
        // Events: cluster within each gold topic; cluster ids made distinct across topics.
        let mut predicted = vec![0usize; articles.len()];
        let mut offset = 0;
        let topics = gold_topics.iter().copied().max().map_or(0, |m| m + 1);
        for t in 0..topics {
            let members: Vec<usize> = (0..articles.len()).filter(|&i| gold_topics[i] == t).collect();
            let sub: Vec<_> = members.iter().map(|&i| docs[i].clone()).collect();
            let clusters = group(&sub, EVENT_THRESHOLD);
            for (&i, c) in members.iter().zip(&clusters) {
                predicted[i] = offset + c;
            }
            offset += clusters.iter().copied().max().map_or(0, |m| m + 1);
        }
        let gold_events = label(
            articles
                .iter()
                .map(|a| format!("{}/{}", a.topic, a.event))
                .collect::<Vec<_>>()
                .iter()
                .map(String::as_str)
                .collect(),
        );
        (topic_scores, b_cubed(&predicted, &gold_events))
    }
}

/// Single stages on their own, for the fuzz targets in `fuzz/` and the property
/// tests; not part of the stable API.
#[doc(hidden)]
pub mod stages {
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

    /// The first way `digest` breaks the output contract for `sources`, if any:
    /// - every sentence, mention and quote's `text` is its UTF-16 slice of the source;
    /// - every non-blank character is inside exactly one sentence;
    /// - every body sentence belongs to exactly one statement, and only body sentences do;
    /// - statements are ranked in order and credit each source once, ascending, exactly
    ///   the sources of their sentences.
    pub fn contract_violation(sources: &[crate::Source], digest: &crate::Digest) -> Option<String> {
        let units: Vec<Vec<u16>> = sources.iter().map(|s| s.text.encode_utf16().collect()).collect();
        let slice = |source: usize, start: usize, end: usize| -> Option<String> {
            let units = units.get(source)?.get(start..end)?;
            String::from_utf16(units).ok()
        };
        // Which statement lists each sentence (one pass, so a statement with ten thousand
        // members does not make this check quadratic).
        let mut listed_in: Vec<Option<usize>> = vec![None; digest.sentences.len()];
        for (id, st) in digest.statements.iter().enumerate() {
            for &k in &st.sentences {
                if let Some(slot) = listed_in.get_mut(k) {
                    *slot = Some(id);
                }
            }
        }
        let check_slice = |what: &str, source: usize, start: usize, end: usize, text: &str| {
            let found = slice(source, start, end);
            (found.as_deref() != Some(text))
                .then(|| format!("{what} {text:?} is not source {source} [{start}..{end}] ({found:?})"))
        };
        for (k, s) in digest.sentences.iter().enumerate() {
            if let Some(v) = check_slice("sentence", s.source, s.start, s.end, s.text) {
                return Some(v);
            }
            if s.statement.is_some() != (s.role == crate::Role::Body) {
                return Some(format!("sentence {k} ({:?}) has statement {:?}", s.role, s.statement));
            }
            if let Some(id) = s.statement {
                if listed_in[k] != Some(id) {
                    return Some(format!("sentence {k} is not among statement {id}'s sentences"));
                }
            }
        }
        for e in &digest.entities {
            for m in &e.mentions {
                if let Some(v) = check_slice("mention", m.source, m.start, m.end, m.text) {
                    return Some(v);
                }
            }
        }
        for q in &digest.quotes {
            if let Some(v) = check_slice("quote", q.source, q.start, q.end, q.text) {
                return Some(v);
            }
        }
        for (i, source) in sources.iter().enumerate() {
            let mut covered = vec![0u8; units[i].len()];
            for s in digest.sentences.iter().filter(|s| s.source == i) {
                covered[s.start..s.end]
                    .iter_mut()
                    .for_each(|c| *c = c.saturating_add(1));
            }
            let mut unit = 0;
            for ch in source.text.chars() {
                if !ch.is_whitespace() && covered[unit] != 1 {
                    return Some(format!(
                        "source {i}: {ch:?} at unit {unit} covered {} times",
                        covered[unit]
                    ));
                }
                unit += ch.len_utf16();
            }
        }
        for (id, st) in digest.statements.iter().enumerate() {
            if st.id != id || st.rank != id + 1 {
                return Some(format!("statement {id} has id {} and rank {}", st.id, st.rank));
            }
            let Some(members) = st
                .sentences
                .iter()
                .map(|&k| digest.sentences.get(k))
                .collect::<Option<Vec<_>>>()
            else {
                return Some(format!("statement {id} lists a sentence that does not exist"));
            };
            let mut member_sources: Vec<usize> = members.iter().map(|s| s.source).collect();
            member_sources.sort_unstable();
            member_sources.dedup();
            if st.sources != member_sources {
                return Some(format!(
                    "statement {id} credits {:?}, its sentences come from {member_sources:?}",
                    st.sources
                ));
            }
            if let Some(&k) = st
                .sentences
                .iter()
                .zip(&members)
                .find(|(_, s)| s.statement != Some(id))
                .map(|(k, _)| k)
            {
                return Some(format!("statement {id} lists sentence {k}, which belongs elsewhere"));
            }
        }
        None
    }
}

/// One article as the user gave it.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Source {
    /// A short name for the source (shown on badges).
    pub label: String,
    /// The pasted text: an article or a whole copied page.
    pub text: String,
    /// The outlet, if the user knows it; otherwise read from a credit line.
    #[serde(default)]
    pub outlet: Option<String>,
    /// Publication date `YYYY-MM-DD`, if known; otherwise read from a byline.
    #[serde(default)]
    pub published: Option<String>,
}

impl Source {
    /// A source with a label and text and no metadata.
    pub fn new(label: impl Into<String>, text: impl Into<String>) -> Self {
        Source {
            label: label.into(),
            text: text.into(),
            outlet: None,
            published: None,
        }
    }
}

/// Limits that keep one call's time and memory bounded.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_sources: usize,
    /// Total UTF-8 bytes of all source texts.
    pub max_total_bytes: usize,
}

impl Default for Limits {
    /// 1,000 sources and 8 MiB: room for several hundred long articles.
    fn default() -> Self {
        Limits {
            max_sources: 1_000,
            max_total_bytes: 8 * 1024 * 1024,
        }
    }
}

/// Why `weave` could not produce a digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The list of sources was empty.
    NoSources,
    /// Every source's text was blank.
    AllEmpty,
    TooManySources {
        count: usize,
        max: usize,
    },
    InputTooLarge {
        bytes: usize,
        max: usize,
    },
    /// A user-supplied publication date that is not `YYYY-MM-DD`.
    InvalidDate {
        source: usize,
        value: String,
    },
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::NoSources => write!(f, "no sources given: add at least one article"),
            Error::AllEmpty => write!(f, "every source is empty: paste the text of at least one article"),
            Error::TooManySources { count, max } => {
                write!(f, "too many sources: {count} given, at most {max} allowed")
            }
            Error::InputTooLarge { bytes, max } => {
                write!(
                    f,
                    "input too large: {:.1} MB given, at most {:.1} MB allowed",
                    *bytes as f64 / 1e6,
                    *max as f64 / 1e6
                )
            }
            Error::InvalidDate { source, value } => {
                write!(
                    f,
                    "source {}: publication date {value:?} is not a date of the form YYYY-MM-DD",
                    source + 1
                )
            }
        }
    }
}

impl std::error::Error for Error {}

/// The allocator [`native_allocator!`] declares.
#[cfg(all(feature = "mimalloc", not(target_arch = "wasm32")))]
#[doc(hidden)]
pub use mimalloc::MiMalloc as NativeAllocator;

/// Declares the native programs' global allocator (`newsweave::native_allocator!();` at
/// the top level of a binary): mimalloc, when the default `mimalloc` feature is on. The
/// pipeline makes many short-lived allocations per sentence, and glibc's allocator
/// spent 14 % of a 1 MB run in `malloc`, `free` and page faults (docs/BENCHMARKS.md).
/// The library sets no allocator of its own; the wasm module has its own (`wasm.rs`).
#[cfg(all(feature = "mimalloc", not(target_arch = "wasm32")))]
#[macro_export]
macro_rules! native_allocator {
    () => {
        #[global_allocator]
        static NATIVE_ALLOCATOR: $crate::NativeAllocator = $crate::NativeAllocator;
    };
}

/// Without the `mimalloc` feature, binaries keep the system allocator.
#[cfg(not(all(feature = "mimalloc", not(target_arch = "wasm32"))))]
#[macro_export]
macro_rules! native_allocator {
    () => {};
}

/// Runs the whole pipeline with the default [`Limits`].
pub fn weave(sources: &[Source]) -> Result<Digest<'_>, Error> {
    weave_with(sources, Limits::default())
}

/// Per-word work that depends on the word alone (the tagger's features and summed
/// weights, the normalised term and its synonym group), kept from one call to the next
/// on this thread: a reader re-weaves as they paste another article, and a batch shares
/// most of its vocabulary. Outputs never depend on what the caches hold
/// (`tests/seeds.rs` weaves with warm and cold caches and compares).
#[derive(Default)]
pub(crate) struct WordCaches {
    pub(crate) words: entities::WordCache,
    pub(crate) terms: paraphrase::TermCache,
}

/// Entries one [`WordCaches`] may keep between calls, its two caches together (a few
/// hundred bytes each): past this, it starts the next call empty, so memory held
/// between calls stays bounded.
const MAX_CACHED_WORDS: usize = 50_000;

thread_local! {
    /// The calling thread's caches first, then one per extra thread of [`weave_parallel`].
    static WORD_CACHES: std::cell::RefCell<Vec<WordCaches>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Empties this thread's per-word caches (see [`weave_with`]): the next call computes
/// every word's features afresh. Answers are the same either way; benchmarks use it to
/// time a call that meets every word for the first time.
pub fn clear_caches() {
    WORD_CACHES.with(|cell| {
        if let Ok(mut caches) = cell.try_borrow_mut() {
            caches.clear();
        }
    });
}

/// Runs the whole pipeline: clean, segment, deduplicate, tag entities, merge.
///
/// Work that depends on a word alone is cached on the calling thread and kept for later
/// calls, up to a bound ([`clear_caches`] empties it).
pub fn weave_with(sources: &[Source], limits: Limits) -> Result<Digest<'_>, Error> {
    weave_parallel(sources, limits, 1)
}

/// [`weave_with`], reading the sources (cleaning, tagging: most of the work) on up to
/// `threads` threads when the input is large enough to gain from it (64 KB a thread).
/// The Digest is the same for any number of threads. The wasm module has one thread,
/// and there `threads` is ignored.
pub fn weave_parallel(sources: &[Source], limits: Limits, threads: usize) -> Result<Digest<'_>, Error> {
    check(sources, limits)?;
    let threads = if cfg!(target_arch = "wasm32") {
        1
    } else {
        read::useful_threads(sources, threads)
    };
    WORD_CACHES.with(|cell| match cell.try_borrow_mut() {
        Ok(mut caches) => {
            for set in caches.iter_mut() {
                if set.words.len() + set.terms.len() > MAX_CACHED_WORDS {
                    *set = WordCaches::default();
                }
            }
            weave_checked(sources, &mut caches, threads)
        }
        // Only a re-entrant call could find them in use; it works with caches of its own.
        Err(_) => weave_checked(sources, &mut Vec::new(), threads),
    })
}

/// [`weave_parallel`] once the input has passed [`check`].
fn weave_checked<'a>(sources: &'a [Source], caches: &mut Vec<WordCaches>, threads: usize) -> Result<Digest<'a>, Error> {
    let read::Read {
        infos,
        sentences,
        body_blocks,
        mentions,
        mention_ranges,
        facts,
        story_terms,
    } = read::read(sources, caches, threads)?;
    // Stories first: deduplication stays within a story, and so do the aliases a short
    // name takes ("Bush" in a story on wildlife rules is not Reggie Bush of another).
    // Alias resolution's first pass needs no stories and runs beside them; then
    // deduplication and merging compare body sentences while the entities and quotes
    // are finished. On a large input each pair runs at once.
    let source_texts: Vec<&str> = sources.iter().map(|s| s.text.as_str()).collect();
    let ((body, story_of_source), keyed) = threads::join(
        threads > 1,
        || {
            let mut body = body_sentences(sources, &sentences);
            let story_of_source = stories_of(&story_terms, &mut body, &facts);
            (body, story_of_source)
        },
        || entities::Keyed::new(&source_texts, &mentions),
    );
    let ((resolved, found_quotes), merged) = threads::join(
        threads > 1,
        || entities_and_quotes(&source_texts, keyed, &body_blocks, &story_of_source),
        || merge_statements(&body, &facts, threads > 1),
    );
    let story_list = {
        let count = story_of_source.iter().copied().max().map_or(0, |m| m + 1);
        let mut list: Vec<Story> = (0..count)
            .map(|id| Story {
                id,
                sources: Vec::new(),
            })
            .collect();
        for (source, &s) in story_of_source.iter().enumerate() {
            list[s].sources.push(source);
        }
        list
    };
    let found = Found {
        sentences: &sentences,
        merged: &merged,
        mentions: &mentions,
        mention_ranges: &mention_ranges,
        quotes: &found_quotes,
    };
    // `read` left one set of caches per thread; the calling thread's is the first.
    let mut spare = WordCaches::default();
    let own = caches.first_mut().unwrap_or(&mut spare);
    let mut digest = digest(sources, infos, &found, resolved, &mut own.terms, threads > 1);
    digest.stories = story_list;
    Ok(digest)
}

/// Groups the sources (their term counts, made while reading) into stories: each
/// source's story. Sets each body sentence's story (and its concepts and term count).
fn stories_of<'a>(
    story_terms: &[stories::TermCounts],
    body: &mut [merge::BodySentence<'a>],
    facts: &'a [paraphrase::Facts],
) -> Vec<usize> {
    let story_of_source = stories::group(story_terms, stories::STORY_THRESHOLD);
    for (b, f) in body.iter_mut().zip(facts) {
        b.terms = f.terms.len();
        b.concepts = &f.concepts;
        b.story = story_of_source[b.source];
    }
    story_of_source
}

/// Merges the body sentences (their stories set) into statements (`parallel`:
/// deduplication may use a second thread).
fn merge_statements(body: &[merge::BodySentence], facts: &[paraphrase::Facts], parallel: bool) -> Vec<merge::Merged> {
    let story: Vec<usize> = body.iter().map(|b| b.story).collect();
    let texts: Vec<&str> = body.iter().map(|b| b.text).collect();
    merge::merge(body, &dedup::group(&texts, facts, &story, parallel))
}

/// Finishes resolving the mentions (their first pass `keyed`) into entities, and finds
/// the quotes in the body paragraphs with their speakers.
fn entities_and_quotes(
    texts: &[&str],
    keyed: entities::Keyed,
    body_blocks: &[(usize, Span)],
    story_of_source: &[usize],
) -> (Vec<entities::Entity>, Vec<quotes::Quote>) {
    let mentions = keyed.mentions();
    let resolved = keyed.resolve(texts, story_of_source);
    let people = quotes::people_by_source(texts, &resolved, mentions);
    let persons = quotes::persons(&resolved);
    let (mut found_quotes, block_of) = quotes::find_all(texts, body_blocks, &people, &persons);
    quotes::introduced_speakers(texts, body_blocks, &block_of, (&people, &persons), &mut found_quotes);
    quotes::continue_speakers(texts, body_blocks, &block_of, &mut found_quotes);
    (resolved, found_quotes)
}

fn check(sources: &[Source], limits: Limits) -> Result<(), Error> {
    if sources.is_empty() {
        return Err(Error::NoSources);
    }
    if sources.len() > limits.max_sources {
        return Err(Error::TooManySources {
            count: sources.len(),
            max: limits.max_sources,
        });
    }
    let bytes: usize = sources.iter().map(|s| s.text.len()).sum();
    if bytes > limits.max_total_bytes {
        return Err(Error::InputTooLarge {
            bytes,
            max: limits.max_total_bytes,
        });
    }
    if sources.iter().all(|s| s.text.trim().is_empty()) {
        return Err(Error::AllEmpty);
    }
    Ok(())
}

fn body_sentences<'a>(sources: &'a [Source], sentences: &[(usize, Span, Role)]) -> Vec<merge::BodySentence<'a>> {
    let mut per_source = vec![0usize; sources.len()];
    for &(source, _, role) in sentences {
        if role == Role::Body {
            per_source[source] += 1;
        }
    }
    let mut seen = vec![0usize; sources.len()];
    let mut out = Vec::new();
    for (index, &(source, span, role)) in sentences.iter().enumerate() {
        if role != Role::Body {
            continue;
        }
        let position = seen[source] as f64 / per_source[source].max(2).saturating_sub(1) as f64;
        seen[source] += 1;
        out.push(merge::BodySentence {
            index,
            source,
            text: span.of(&sources[source].text),
            position,
            terms: 0,
            concepts: &[],
            story: 0,
        });
    }
    out
}

/// What the stages found, for building the Digest.
struct Found<'a> {
    sentences: &'a [(usize, Span, Role)],
    merged: &'a [merge::Merged],
    mentions: &'a [entities::Mention],
    mention_ranges: &'a [std::ops::Range<usize>],
    quotes: &'a [quotes::Quote],
}

/// Dates and amounts that the sources of one statement do not all give alike.
fn disagreements(sources: &[Source], found: &Found, m: &merge::Merged) -> Vec<Disagreement> {
    use entities::EntityType as T;
    const TYPES: [T; 5] = [T::Date, T::Time, T::Money, T::Percent, T::Quantity];
    if m.sources.len() < 2 {
        return Vec::new();
    }
    // (type, source, value, as written) of each dated or measured mention in the members,
    // in the members' order. Most statements have none, and are done here.
    let mut given: Vec<(usize, usize, std::borrow::Cow<str>, &str)> = Vec::new();
    for &k in &m.sentences {
        let source = found.sentences[k].0;
        for x in &found.mentions[found.mention_ranges[k].clone()] {
            if let Some(t) = TYPES.iter().position(|&ty| ty == x.ty) {
                let surface = x.span.of(&sources[source].text);
                let value = match (&x.value, x.ty) {
                    (Some(value), _) => value.as_str().into(),
                    (None, T::Quantity) => quantity_value(surface).into(),
                    (None, _) => text::fold(surface).into(),
                };
                given.push((t, source, value, surface));
            }
        }
    }
    if given.is_empty() {
        return Vec::new();
    }
    // "Both" gives the number two: "both of our regions" agrees with "our two regions".
    const QUANTITY: usize = 4;
    const _: () = assert!(matches!(TYPES[QUANTITY], T::Quantity));
    if given.iter().any(|g| g.0 == QUANTITY && g.2 == "2") {
        for &k in &m.sentences {
            let (source, span, _) = found.sentences[k];
            let text = span.of(&sources[source].text);
            let gives_two = given.iter().any(|g| g.0 == QUANTITY && g.1 == source && g.2 == "2");
            let both = text
                .split(|c: char| !c.is_alphanumeric())
                .find(|w| w.eq_ignore_ascii_case("both"));
            if let (false, Some(both)) = (gives_two, both) {
                given.push((QUANTITY, source, "2".into(), both));
            }
        }
    }
    // Each value once per type and source, sorted, written as it first was (a stable sort).
    given.sort_by(|a, b| (a.0, a.1, &a.2).cmp(&(b.0, b.1, &b.2)));
    given.dedup_by(|later, first| (later.0, later.1, &later.2) == (first.0, first.1, &first.2));
    let mut out = Vec::new();
    for (t, &ty) in TYPES.iter().enumerate() {
        let of_type = &given[given.partition_point(|g| g.0 < t)..given.partition_point(|g| g.0 <= t)];
        if of_type.is_empty() {
            continue;
        }
        let of_source = |source: usize| {
            &of_type[of_type.partition_point(|g| g.1 < source)..of_type.partition_point(|g| g.1 <= source)]
        };
        let values = |source: usize| of_source(source).iter().map(|g| &g.2);
        // A source that gives none differs from one that gives some.
        if m.sources.windows(2).all(|w| values(w[0]).eq(values(w[1]))) {
            continue;
        }
        let by_source = m
            .sources
            .iter()
            .map(|&source| SourceDetail {
                source,
                texts: of_source(source).iter().map(|g| g.3.to_string()).collect(),
                values: of_source(source).iter().map(|g| g.2.to_string()).collect(),
            })
            .collect();
        out.push(Disagreement { ty, by_source });
    }
    out
}

/// The comparable form of a quantity as written: number words as digits, digit
/// groups joined, light stems ("two regions" and "2 regions" agree; "1,000 troops"
/// and "1000 troop"). Not for money or percentages, where a point matters.
fn quantity_value(surface: &str) -> String {
    let mut out = String::with_capacity(surface.len());
    let mut word = String::new();
    for token in text::words(surface, Span::new(0, surface.len())) {
        let written = token.span.of(surface);
        let kept = if written.bytes().any(|b| b.is_ascii_digit()) {
            // Digits as written, groups joined: a decimal point stays ("2.5" is not "25").
            word.clear();
            word.extend(written.chars().filter(|&c| c != ','));
            true
        } else {
            dedup::normalise_into(written, &mut word)
        };
        if kept {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&word);
        }
    }
    if out.is_empty() {
        text::fold(surface)
    } else {
        out
    }
}

fn digest<'a>(
    sources: &'a [Source],
    infos: Vec<SourceInfo>,
    found: &Found,
    resolved: Vec<entities::Entity>,
    terms: &mut paraphrase::TermCache,
    parallel: bool,
) -> Digest<'a> {
    let offsets: Vec<Utf16Offsets> = sources.iter().map(|s| Utf16Offsets::new(&s.text)).collect();
    // The sentence and statement lists, and the entity and quote lists, depend on
    // nothing of each other: on a large input they are built at once.
    let ((entities, quotes), (sentences, statements)) = threads::join(
        parallel,
        || entity_and_quote_lists(sources, found, &offsets, resolved, terms),
        || sentence_and_statement_lists(sources, found, &offsets),
    );
    Digest {
        version: 1,
        sources: infos,
        sentences,
        statements,
        entities,
        quotes,
        stories: Vec::new(),
    }
}

/// The UTF-16 offsets of `span` in source `source`.
fn utf16(offsets: &[Utf16Offsets], source: usize, span: Span) -> (usize, usize) {
    (offsets[source].at(span.start), offsets[source].at(span.end))
}

/// The Digest's sentences and statements.
fn sentence_and_statement_lists<'a>(
    sources: &'a [Source],
    found: &Found,
    offsets: &[Utf16Offsets],
) -> (Vec<Sentence<'a>>, Vec<Statement<'a>>) {
    let (sentences, merged) = (found.sentences, found.merged);
    let mut statement_of = vec![None; sentences.len()];
    for (id, m) in merged.iter().enumerate() {
        for &s in &m.sentences {
            statement_of[s] = Some(id);
        }
    }
    let sentences_out = sentences
        .iter()
        .enumerate()
        .map(|(i, &(source, span, role))| {
            let (start, end) = utf16(offsets, source, span);
            Sentence {
                source,
                start,
                end,
                text: span.of(&sources[source].text),
                role,
                statement: statement_of[i],
            }
        })
        .collect();
    let statements = merged
        .iter()
        .enumerate()
        .map(|(id, m)| {
            let text_of = |k: usize| sentences[k].1.of(&sources[sentences[k].0].text);
            let representative = text_of(m.representative);
            // Only a statement several sources give can differ in wording between them.
            // Copies of the representative (most members, in a large batch) need no hash.
            let differs = m.sources.len() > 1 && {
                let mut first = None;
                m.sentences.iter().any(|&k| {
                    let member = text_of(k);
                    member != representative
                        && *first.get_or_insert_with(|| text::wording_hash(representative))
                            != text::wording_hash(member)
                })
            };
            Statement {
                id,
                text: representative,
                sources: m.sources.clone(),
                sentences: m.sentences.clone(),
                rank: id + 1,
                representative: m.representative,
                story: m.story,
                single_source: m.sources.len() == 1,
                wording_differs: differs,
                disagreements: disagreements(sources, found, m),
            }
        })
        .collect();
    (sentences_out, statements)
}

/// The Digest's entities (from the `resolved` ones) and quotes.
fn entity_and_quote_lists<'a>(
    sources: &'a [Source],
    found: &Found,
    offsets: &[Utf16Offsets],
    resolved: Vec<entities::Entity>,
    terms: &mut paraphrase::TermCache,
) -> (Vec<Entity<'a>>, Vec<Quote<'a>>) {
    let (mentions, found_quotes) = (found.mentions, found.quotes);
    let entities = resolved
        .into_iter()
        .enumerate()
        .map(|(id, e)| Entity {
            id,
            name: e.name,
            ty: e.ty,
            aliases: e.aliases,
            mentions: e
                .mentions
                .iter()
                .map(|&k| {
                    let m = &mentions[k];
                    let (start, end) = utf16(offsets, m.source, m.span);
                    Mention {
                        source: m.source,
                        start,
                        end,
                        text: m.span.of(&sources[m.source].text),
                    }
                })
                .collect(),
            value: e.value,
            roles: e.roles,
            related: e.related,
        })
        .collect();
    let texts: Vec<&str> = sources.iter().map(|s| s.text.as_str()).collect();
    let wording: Vec<u64> = found_quotes
        .iter()
        .map(|q| text::wording_hash(q.span.of(texts[q.source])))
        .collect();
    let groups = quotes::group(&texts, found_quotes, &wording, terms);
    // Per group: the first wording's hash, and whether another wording differs from it.
    let mut wordings: Vec<Option<(u64, bool)>> = vec![None; found_quotes.len()];
    for (&h, &g) in wording.iter().zip(&groups) {
        let entry = wordings[g].get_or_insert((h, false));
        entry.1 |= entry.0 != h;
    }
    let quotes = found_quotes
        .iter()
        .zip(&groups)
        .map(|(q, &group)| {
            let (start, end) = utf16(offsets, q.source, q.span);
            Quote {
                speaker: q.speaker,
                text: q.span.of(texts[q.source]),
                source: q.source,
                start,
                end,
                group,
                wording_differs: wordings[group].is_some_and(|(_, differs)| differs),
            }
        })
        .collect();
    (entities, quotes)
}
