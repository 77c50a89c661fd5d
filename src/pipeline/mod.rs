//! The pipeline: reads every source (clean, segment, tag, reduce to facts), groups the
//! sources into stories, deduplicates and merges body sentences into statements,
//! resolves entities and finds quotes, then assembles the Digest. Natively, stages that
//! do not depend on each other run side by side on a large input (`threads::join`).

pub mod read;

use crate::clean::Role;
use crate::segment::SentenceSpan;
use crate::digest::assemble::{assemble, StageOutputs};
use crate::digest::{Digest, Story};
use crate::text::Span;
use crate::{dedup, entities, merge, paraphrase, quotes, stories, threads, Error, Source};

/// Per-word work that depends on the word alone (the tagger's features and summed
/// weights, the normalised term and its synonym group), kept from one call to the next
/// on this thread: a reader re-weaves as they paste another article, and a batch shares
/// most of its vocabulary. Outputs never depend on what the caches hold
/// (`tests/seeds.rs` weaves with warm and cold caches and compares).
#[derive(Default)]
pub struct WordCaches {
    pub words: entities::WordCache,
    pub terms: paraphrase::TermCache,
}

/// Entries one [`WordCaches`] may keep between calls, its two caches together (a few
/// hundred bytes each): past this, it starts the next call empty, so memory held
/// between calls stays bounded.
const MAX_CACHED_WORDS: usize = 50_000;

thread_local! {
    /// The calling thread's caches first, then one per extra reading thread.
    static WORD_CACHES: std::cell::RefCell<Vec<WordCaches>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Empties this thread's per-word caches: the next call computes every word's features
/// afresh.
pub fn clear_caches() {
    WORD_CACHES.with(|cell| {
        if let Ok(mut caches) = cell.try_borrow_mut() {
            caches.clear();
        }
    });
}

/// Runs the whole pipeline on `sources`, which have passed the API's checks, reading
/// them on up to `threads` threads when the input is large enough to gain from it.
///
/// Work that depends on a word alone is cached on the calling thread and kept for later
/// calls, up to a bound ([`clear_caches`] empties it).
pub fn run(sources: &[Source], threads: usize) -> Result<Digest<'_>, Error> {
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
            run_with_caches(sources, &mut caches, threads)
        }
        // Only a re-entrant call could find them in use; it works with caches of its own.
        Err(_) => run_with_caches(sources, &mut Vec::new(), threads),
    })
}

/// [`run`] with the per-thread `caches`.
fn run_with_caches<'a>(sources: &'a [Source], caches: &mut Vec<WordCaches>, threads: usize) -> Result<Digest<'a>, Error> {
    let read::SourcesRead {
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
        || entities::KeyedMentions::new(&source_texts, &mentions),
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
    let found = StageOutputs {
        sentences: &sentences,
        merged: &merged,
        mentions: &mentions,
        mention_ranges: &mention_ranges,
        quotes: &found_quotes,
    };
    // `read` left one set of caches per thread; the calling thread's is the first.
    let mut spare = WordCaches::default();
    let own = caches.first_mut().unwrap_or(&mut spare);
    let mut digest = assemble(sources, infos, &found, resolved, &mut own.terms, threads > 1);
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
    let source: Vec<usize> = body.iter().map(|b| b.source).collect();
    let texts: Vec<&str> = body.iter().map(|b| b.text).collect();
    merge::merge(body, &dedup::group(&texts, facts, &source, &story, parallel))
}

/// Finishes resolving the mentions (their first pass `keyed`) into entities, and finds
/// the quotes in the body paragraphs with their speakers.
fn entities_and_quotes(
    texts: &[&str],
    keyed: entities::KeyedMentions,
    body_blocks: &[(usize, Span)],
    story_of_source: &[usize],
) -> (Vec<entities::Entity>, Vec<quotes::Quote>) {
    let mentions = keyed.mentions();
    let resolved = keyed.resolve(texts, story_of_source);
    let names = quotes::names_by_source(texts, &resolved, mentions);
    let persons = quotes::persons(&resolved);
    let found_quotes = quotes::find_all(texts, body_blocks, &names, &persons);
    (resolved, found_quotes)
}


fn body_sentences<'a>(sources: &'a [Source], sentences: &[SentenceSpan]) -> Vec<merge::BodySentence<'a>> {
    let mut per_source = vec![0usize; sources.len()];
    for sentence in sentences {
        if sentence.role == Role::Body {
            per_source[sentence.source] += 1;
        }
    }
    let mut seen = vec![0usize; sources.len()];
    let mut out = Vec::new();
    for (index, &SentenceSpan { source, span, role }) in sentences.iter().enumerate() {
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

