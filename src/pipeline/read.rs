//! Reading the sources: each one cleaned, cut into sentences, and each sentence tokenised
//! once, tagged, and (in the body) reduced to its paraphrase facts.
//!
//! This is most of a run's work, and one source's reading depends on no other source
//! nor on the word caches' contents (they only remember per-word results). So natively
//! a large input is read in contiguous runs of sources on several threads, each with
//! caches of its own, and the runs are joined in source order: the Digest is the same
//! whatever the number of threads. The stages after this one compare sentences across
//! sources; natively, some of them run side by side (`threads::join`).

use std::ops::Range;

use crate::clean::{self, Role};
use crate::lexicon::dates::Date;
use crate::digest::SourceInfo;
use crate::entities::{self, Mention};
use crate::text::{self, Span, Token};
use super::WordCaches;
use crate::segment::SentenceSpan;
use crate::{paraphrase, segment, stories, Error, Source};

/// Every source read, joined in source order.
#[derive(Default)]
pub(crate) struct SourcesRead {
    pub(crate) infos: Vec<SourceInfo>,
    /// Every sentence, in source then text order.
    pub(crate) sentences: Vec<SentenceSpan>,
    /// Body paragraphs, where quotes are looked for: (source, span).
    pub(crate) body_blocks: Vec<(usize, Span)>,
    pub(crate) mentions: Vec<Mention>,
    /// The mentions each sentence produced: `mentions[mention_ranges[k].clone()]`.
    pub(crate) mention_ranges: Vec<Range<usize>>,
    /// The paraphrase facts of each body sentence, in order.
    pub(crate) facts: Vec<paraphrase::Facts>,
    /// Each source's term counts for story grouping (from its body sentences' facts).
    pub(crate) story_terms: Vec<stories::TermCounts>,
}

/// Another thread is used only if the input has this many bytes for each: below it,
/// starting a thread and warming its caches costs more than it saves.
const MIN_BYTES_PER_THREAD: usize = 64 * 1024;

/// Reads every source, on up to `threads` threads (natively; the wasm module has one),
/// one set of `caches` per thread (as many are made as needed).
pub(crate) fn read(sources: &[Source], caches: &mut Vec<WordCaches>, threads: usize) -> Result<SourcesRead, Error> {
    let runs = runs(sources, threads);
    if caches.len() < runs.len() {
        caches.resize_with(runs.len(), WordCaches::default);
    }
    let [own, helpers @ ..] = caches.as_mut_slice() else {
        return Ok(SourcesRead::default()); // not reached: `runs` gives at least one run
    };
    match runs.as_slice() {
        [first, rest @ ..] if !rest.is_empty() && !cfg!(target_arch = "wasm32") => {
            read_on_threads(sources, first.clone(), own, rest, helpers)
        }
        _ => read_run(sources, 0..sources.len(), own),
    }
}

/// Reads the `first` run on this thread and each of the `rest` on a thread of its own,
/// with the matching `helpers` caches, and joins them in order.
fn read_on_threads(
    sources: &[Source],
    first: Range<usize>,
    own: &mut WordCaches,
    rest: &[Range<usize>],
    helpers: &mut [WordCaches],
) -> Result<SourcesRead, Error> {
    std::thread::scope(|scope| {
        let started: Vec<_> = rest
            .iter()
            .zip(helpers)
            .map(|(run, helper)| {
                let job = run.clone();
                let handle = std::thread::Builder::new().spawn_scoped(scope, move || read_run(sources, job, helper));
                (run.clone(), handle.ok())
            })
            .collect();
        let mut read = read_run(sources, first, own)?;
        for (run, handle) in started {
            match handle.map(|h| h.join()) {
                Some(Ok(result)) => read.append(result?),
                Some(Err(panic)) => std::panic::resume_unwind(panic),
                // The thread could not be started: its run is read here.
                None => read.append(read_run(sources, run, own)?),
            }
        }
        Ok(read)
    })
}

/// How many of `threads` the input can keep busy: one per [`MIN_BYTES_PER_THREAD`],
/// at least one.
pub(crate) fn useful_threads(sources: &[Source], threads: usize) -> usize {
    let total: usize = sources.iter().map(|s| s.text.len()).sum();
    threads.min(total / MIN_BYTES_PER_THREAD).max(1)
}

/// Splits the sources into [`useful_threads`] contiguous runs of about equal bytes.
fn runs(sources: &[Source], threads: usize) -> Vec<Range<usize>> {
    let total: usize = sources.iter().map(|s| s.text.len()).sum();
    let count = useful_threads(sources, threads);
    let mut runs = Vec::with_capacity(count);
    let mut start = 0;
    let mut bytes = 0;
    for (index, source) in sources.iter().enumerate() {
        bytes += source.text.len();
        // Close the run once it holds its share of the bytes read so far.
        if runs.len() + 1 < count && bytes * count >= total * (runs.len() + 1) {
            runs.push(start..index + 1);
            start = index + 1;
        }
    }
    if start < sources.len() || runs.is_empty() {
        runs.push(start..sources.len()); // the rest (one large source may have taken all)
    }
    runs
}

/// Reads the sources of `run`, in order.
fn read_run(sources: &[Source], run: Range<usize>, caches: &mut WordCaches) -> Result<SourcesRead, Error> {
    let bytes = sources.get(run.clone()).unwrap_or_default().iter().map(|s| s.text.len()).sum();
    let mut read = SourcesRead::with_room_for(bytes);
    for index in run {
        if let Some(source) = sources.get(index) {
            read.source(index, source, caches)?;
        }
    }
    Ok(read)
}

impl SourcesRead {
    /// Empty lists with room for what `bytes` of text usually give (news text has a
    /// sentence in 100 to 200 bytes, a mention in 40 to 60): grown push by push, each
    /// growth copies all that a list holds, and a large input grows them many times.
    fn with_room_for(bytes: usize) -> Self {
        let sentences = bytes / 128;
        SourcesRead {
            sentences: Vec::with_capacity(sentences),
            mention_ranges: Vec::with_capacity(sentences),
            facts: Vec::with_capacity(sentences),
            mentions: Vec::with_capacity(bytes / 48),
            ..SourcesRead::default()
        }
    }

    /// Reads one source into the lists.
    fn source(&mut self, index: usize, source: &Source, caches: &mut WordCaches) -> Result<(), Error> {
        let cleaned = clean::clean(&source.text);
        let given_date = match source.published.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(s) => Some(Date::parse_iso(s).ok_or_else(|| Error::InvalidDate {
                source: index,
                value: s.to_string(),
            })?),
            None => None,
        };
        // Relative dates ("Thursday") are resolved against it.
        let date = given_date.or(cleaned.published);
        let given_outlet = source.outlet.clone().filter(|s| !s.trim().is_empty());
        self.infos.push(SourceInfo {
            index,
            label: source.label.clone(),
            title: cleaned.title,
            outlet: given_outlet.or(cleaned.outlet),
            published: date.map(Date::iso),
        });
        let text = &source.text;
        let first_facts = self.facts.len();
        let first_sentence = self.sentences.len();
        // Each sentence's tokens (none for a sentence that is not tagged), kept until the
        // whole source is tagged: tokenised once, they serve tagging, the document-level
        // pass and the paraphrase facts.
        let mut tokens: Vec<Vec<Token>> = Vec::new();
        for block in &cleaned.blocks {
            if block.role == Role::Body {
                self.body_blocks.push((index, block.span));
            }
            for span in segment::sentences(text, block.span) {
                self.sentences.push(SentenceSpan {
                    source: index,
                    span,
                    role: block.role,
                });
                let first_mention = self.mentions.len();
                let sentence_tokens = if matches!(block.role, Role::Body | Role::Headline | Role::Caption | Role::Dateline) {
                    let sentence_tokens = text::words(text, span);
                    entities::tag_tokens(text, &sentence_tokens, index, date, &mut caches.words, &mut self.mentions);
                    sentence_tokens
                } else {
                    Vec::new()
                };
                tokens.push(sentence_tokens);
                self.mention_ranges.push(first_mention..self.mentions.len());
            }
        }
        // Lone surnames of the people the source names in full, where the tagger,
        // seeing one sentence, left them out.
        let ranges = &mut self.mention_ranges[first_sentence..];
        entities::carry_names(text, index, &tokens, ranges, &mut self.mentions);
        for ((sentence, sentence_tokens), range) in self.sentences[first_sentence..].iter().zip(&tokens).zip(&*ranges) {
            if sentence.role == Role::Body {
                // The sentence's dates, resolved by the tagger, make "Thursday" and
                // "October 31" one concept.
                let mentions = &self.mentions[range.clone()];
                self.facts
                    .push(paraphrase::Facts::new(text, sentence_tokens, mentions, &mut caches.terms));
            }
        }
        let mut doc = stories::Doc::default();
        for facts in &self.facts[first_facts..] {
            doc.add_sentence(&facts.concepts, &facts.names);
        }
        self.story_terms.push(doc.term_counts());
        Ok(())
    }

    /// Appends `later`, read from the sources that follow these.
    fn append(&mut self, later: SourcesRead) {
        let offset = self.mentions.len();
        self.infos.extend(later.infos);
        self.sentences.extend(later.sentences);
        self.body_blocks.extend(later.body_blocks);
        self.mentions.extend(later.mentions);
        self.mention_ranges.extend(
            later
                .mention_ranges
                .into_iter()
                .map(|r| r.start + offset..r.end + offset),
        );
        self.facts.extend(later.facts);
        self.story_terms.extend(later.story_terms);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sizes of the sources in KB, threads asked for, and the runs as (start, end).
    type Case = (&'static [usize], usize, &'static [(usize, usize)]);

    #[test]
    fn runs_split_the_bytes_evenly_and_keep_small_inputs_whole() {
        let cases: &[Case] = &[
            (&[10, 10], 8, &[(0, 2)]),
            (&[64; 4], 2, &[(0, 2), (2, 4)]),
            (&[64; 4], 1, &[(0, 4)]),
            (&[64; 5], 3, &[(0, 2), (2, 4), (4, 5)]),
            (&[200, 10, 10], 3, &[(0, 1), (1, 2), (2, 3)]),
            (&[300], 4, &[(0, 1)]),
        ];
        for &(sizes, threads, expected) in cases {
            let sources: Vec<Source> = sizes
                .iter()
                .map(|&kb| Source::new("s", "x".repeat(kb * 1024)))
                .collect();
            let found: Vec<(usize, usize)> = runs(&sources, threads).iter().map(|r| (r.start, r.end)).collect();
            assert_eq!(found, expected, "{sizes:?} KB on {threads} threads");
        }
    }
}
