//! Story grouping: which sources tell the same story, so that unrelated articles pasted
//! together get accounts of their own and never share a statement.
//!
//! Each source becomes a sparse tf-idf vector over its concepts (content words with
//! synonyms mapped together, see `paraphrase`) and the names it mentions, with its first
//! five body sentences counting three times, since the lead says what the story is.
//! Among eight or more sources, two long sources are compared on their [`MAX_TERMS`]
//! heaviest terms only. Sources
//! are clustered greedily in input order: each joins the story whose centroid is most
//! similar (cosine) if that similarity reaches a threshold, else starts a new story.
//! Candidate stories come from an inverted index on each source's heaviest terms, so the
//! cost stays linear.
//!
//! The settings are chosen by cross-validation (`bench/basil_stories.py`): on the ECB+
//! dev topics and one half of the BASIL-dev stories, checked on the other half.

use std::collections::HashMap;

use crate::text::BuildFnv;
use crate::union_find::UnionFind;

/// Cosine similarity to a story's centroid needed to join it. With [`WEIGHTING`] and
/// [`MAX_TERMS`], the setting of `newsweave eval-stories` with the best mean B³ F1 on
/// one half of the BASIL-dev mixes among those keeping ECB+ dev topic B³ F1 at 0.95
/// or more; either half chooses it. B³ F1 at 0.11 / 0.12 / 0.13 / 0.14: ECB+ dev topics
/// 0.954 / 0.954 / 0.935 / 0.924; BASIL half A, whole half 0.850 / 0.913 / 0.918 /
/// 0.918, 8-story draws 0.970 / 0.965 / 0.973 / 0.973. Higher thresholds keep related
/// BASIL stories apart a little better and split ECB+ topics.
pub const STORY_THRESHOLD: f32 = 0.12;
#[cfg(any(test, feature = "train"))]
/// Within one topic (idf over that topic's articles only), the similarity that
/// separates two events of the same kind; chosen on the ECB+ dev topics with the
/// settings above (event B³ F1 0.828 / 0.807 / 0.836 / 0.828 / 0.808 / 0.788 at
/// 0.08 / 0.09 / 0.10 / 0.11 / 0.12 / 0.13).
pub const EVENT_THRESHOLD: f32 = 0.10;
/// Sparse term weights (a centroid, term counts, document frequencies).
type Weights = HashMap<u64, f32, BuildFnv>;
/// Mixed into a name's hash so that a name and a word with the same hash stay two terms.
const NAME_SALT: u64 = 0x0005_eed0_f570_21e5;
/// A source's heaviest terms that look up candidate stories.
const PROBE_TERMS: usize = 12;
/// Stories remembered per term.
const MAX_POSTINGS: usize = 32;

/// What story grouping needs of one source: its concepts (with repeats) and names.
#[derive(Debug, Clone, Default)]
pub struct Doc {
    concepts: Vec<u64>,
    names: Vec<u64>,
    /// Where each body sentence added so far ends in `concepts` and in `names`.
    ends: Vec<(u32, u32)>,
}

/// How a source's terms count towards its vector.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weighting {
    /// The first body sentences, whose terms count `lead_weight` times: a news lead says
    /// what happened and to whom, while later sentences add background that other
    /// stories share (two police shootings, two earthquakes).
    pub lead_sentences: usize,
    /// What a lead sentence's terms count, a later sentence's counting 1.
    pub lead_weight: f32,
    /// What one mention of a name counts, a content word counting 1: a story is mostly
    /// who and where.
    pub name_weight: f32,
}

/// Chosen with [`STORY_THRESHOLD`] and [`MAX_TERMS`] (see there) among leads of three or
/// five sentences counting two or three times and names counting 1, 1.5 or 2. Names
/// count as words do: at 1.5 and 2 the best settings that keep ECB+ dev topics at 0.95
/// score a mean BASIL B³ F1 of 0.910 and 0.884 on half A (0.924 and 0.876 on half B),
/// against 0.939 (0.935) at 1.
pub const WEIGHTING: Weighting = Weighting {
    lead_sentences: 5,
    lead_weight: 3.0,
    name_weight: 1.0,
};

impl Doc {
    /// Adds the next body sentence of the source, given its concepts and names.
    pub fn add_sentence(&mut self, concepts: &[u64], names: &[u64]) {
        self.concepts.extend_from_slice(concepts);
        self.names.extend_from_slice(names);
        self.ends.push((self.concepts.len() as u32, self.names.len() as u32));
    }

    /// Its term counts under [`WEIGHTING`], sorted by term.
    pub fn term_counts(&self) -> TermCounts {
        self.term_counts_with(&WEIGHTING)
    }

    /// Its term counts, sorted by term (names apart from words by a salt). Sorting the
    /// source's terms and adding up runs costs less than a hash map per source. The
    /// pipeline makes them while it reads each source (in parallel).
    pub fn term_counts_with(&self, weighting: &Weighting) -> TermCounts {
        let mut terms: Vec<(u64, f32)> = Vec::with_capacity(self.concepts.len() + self.names.len());
        let (mut concept, mut name) = (0, 0);
        for (k, &(concepts_end, names_end)) in self.ends.iter().enumerate() {
            let times = if k < weighting.lead_sentences {
                weighting.lead_weight
            } else {
                1.0
            };
            let (concepts_end, names_end) = (concepts_end as usize, names_end as usize);
            terms.extend(self.concepts[concept..concepts_end].iter().map(|&c| (c, times)));
            terms.extend(
                self.names[name..names_end]
                    .iter()
                    .map(|&n| (n ^ NAME_SALT, times * weighting.name_weight)),
            );
            (concept, name) = (concepts_end, names_end);
        }
        crate::sort::sort_unstable_by_key(&mut terms, |&(t, _)| t);
        let mut tf: TermCounts = Vec::with_capacity(terms.len());
        for (t, w) in terms {
            match tf.last_mut() {
                Some((last, count)) if *last == t => *count += w,
                _ => tf.push((t, w)),
            }
        }
        tf
    }
}

/// A source's (term, count) pairs, sorted by term: what [`group`] compares.
pub type TermCounts = Vec<(u64, f32)>;

/// A source's heaviest terms (by tf-idf) that make its vector; the rest are dropped
/// before it is normalised. A full article's hundreds of background terms, each shared
/// by some other story on the same beat (a president, Congress, a vote), add up to a
/// similarity that a different story reaches as easily as the same one; its heaviest
/// terms say what it is about. A source with no more terms is compared in full. Chosen
/// with [`STORY_THRESHOLD`] among 20 to 120 terms and all of them: with all of them, the
/// best setting that keeps ECB+ dev topics at 0.95 scores B³ F1 0.67 (whole half) and
/// 0.86 (8-story draws) on BASIL half A, against 0.91 and 0.97 with 50.
pub const MAX_TERMS: usize = 50;

/// The fewest sources whose vectors are capped at [`MAX_TERMS`]. Over a few sources,
/// idf cannot tell a story's own terms from its background: each article's heaviest
/// terms are then the ones no other source has, and three outlets' articles of one
/// story split into three stories (9 of the 20 BASIL-dev stories of the same-fact
/// sample "train" when capped; none in full). Mixes of BASIL-dev stories
/// (`bench/basil_stories.py` with K stories a run) in full / capped: B³ F1 of 2 stories
/// (6 articles) 1.000 / 0.957 on half A, 1.000 / 0.941 on half B; of 3 stories (9
/// articles) 0.925 / 0.981 and 0.925 / 0.955. ECB+ dev (496 articles) is capped.
pub const CAPPED_FROM: usize = 8;

/// Groups the sources (their [`Doc::term_counts`]) into stories at `threshold`;
/// returns each source's story, numbered by first appearance.
pub fn group(counts: &[TermCounts], threshold: f32) -> Vec<usize> {
    let max_terms = if counts.len() >= CAPPED_FROM { MAX_TERMS } else { 0 };
    group_by(counts, threshold, max_terms)
}

/// [`group`] on each source's `max_terms` heaviest terms (0: all of them).
///
/// A short source (no more terms than that) is compared with everything its candidate
/// story says, and a story of short sources with everything a source says: a quoted
/// paragraph repeats details of its article that the article's heaviest terms leave
/// out. Two long sides are compared on their heaviest terms.
pub fn group_by(counts: &[TermCounts], threshold: f32, max_terms: usize) -> Vec<usize> {
    let (vectors, df) = tf_idf(counts, max_terms);
    // Each story's sum of its sources' capped vectors, and of their full ones.
    let (mut capped, mut full) = (Centroids::default(), Centroids::default());
    // Whether each story has only short sources.
    let mut short: Vec<bool> = Vec::new();
    let mut postings: HashMap<u64, Vec<u32>, BuildFnv> = HashMap::with_hasher(BuildFnv);
    let mut out = Vec::with_capacity(counts.len());
    for (v, v_capped) in &vectors {
        // The heaviest terms that another source shares: a term only this source has
        // cannot lead to a story.
        let heaviest = heaviest_terms(v.iter().filter(|(t, _)| df[t] >= 2.0).collect());
        let mut candidates: Vec<u32> = heaviest
            .iter()
            .take(PROBE_TERMS)
            .filter_map(|(t, _)| postings.get(t))
            .flatten()
            .copied()
            .collect();
        crate::sort::sort_unstable(&mut candidates);
        candidates.dedup();
        let best = candidates
            .iter()
            .map(|&c| {
                let c = c as usize;
                let similarity = match v_capped {
                    Some(v_capped) if !short[c] => capped.cosine(v_capped, c),
                    _ => full.cosine(v, c),
                };
                (c as u32, similarity)
            })
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        let story = match best {
            Some((c, similarity)) if similarity >= threshold => c as usize,
            _ => {
                short.push(true);
                capped.push();
                full.push()
            }
        };
        capped.add(story, v_capped.as_ref().unwrap_or(v));
        full.add(story, v);
        short[story] &= v_capped.is_none();
        for (t, _) in heaviest.iter().take(PROBE_TERMS) {
            let list = postings.entry(*t).or_default();
            if list.len() < MAX_POSTINGS && !list.contains(&(story as u32)) {
                list.push(story as u32);
            }
        }
        out.push(story);
    }
    merge_similar_stories(&capped, &full, &short, &postings, threshold, &mut out);
    out
}

/// Stories' sums of their sources' vectors.
#[derive(Default)]
struct Centroids {
    sums: Vec<Weights>,
    /// Each sum's norm, computed when first needed after the sum last changed: many
    /// sources are compared with one story between two changes.
    norms: Vec<Option<f32>>,
}

impl Centroids {
    /// Starts a story; returns its index.
    fn push(&mut self) -> usize {
        self.sums.push(HashMap::with_hasher(BuildFnv));
        self.norms.push(None);
        self.sums.len() - 1
    }

    fn add(&mut self, story: usize, v: &[(u64, f32)]) {
        for &(t, w) in v {
            *self.sums[story].entry(t).or_default() += w;
        }
        self.norms[story] = None;
    }

    /// The cosine of unit vector `v` with story `c`'s centroid.
    fn cosine(&mut self, v: &[(u64, f32)], c: usize) -> f32 {
        let norm = *self.norms[c].get_or_insert_with(|| norm_of(&self.sums[c]));
        dot(v, &self.sums[c]) / norm
    }
}

/// Second pass: a story started before the sources that link it to another arrived
/// (greedy clustering depends on order) joins that story when their centroids are
/// as similar as a source must be to join (on capped vectors when both stories have a
/// long source, else on full ones). Stories are renumbered by first appearance.
fn merge_similar_stories(
    capped: &Centroids,
    full: &Centroids,
    short: &[bool],
    postings: &HashMap<u64, Vec<u32>, BuildFnv>,
    threshold: f32,
    story_of: &mut [usize],
) {
    let unit = |centroids: &Centroids| -> (Vec<f32>, Vec<Vec<(u64, f32)>>) {
        let norms: Vec<f32> = centroids.sums.iter().map(norm_of).collect();
        let vectors = centroids
            .sums
            .iter()
            .zip(&norms)
            .map(|(c, &norm)| {
                let mut v: Vec<(u64, f32)> = c.iter().map(|(t, w)| (*t, w / norm)).collect();
                crate::sort::sort_unstable_by_key(&mut v, |(t, _)| *t);
                v
            })
            .collect();
        (norms, vectors)
    };
    // Stories of short sources only are compared in full: with none of long ones (fewer
    // than [`CAPPED_FROM`] sources, say), the capped centroids are never read.
    let (capped_norms, capped_vectors) = if short.iter().all(|&s| s) {
        (Vec::new(), Vec::new())
    } else {
        unit(capped)
    };
    let (full_norms, full_vectors) = unit(full);
    let mut sets = UnionFind::new(short.len());
    for a in 0..short.len() {
        let v = &full_vectors[a];
        for (t, _) in heaviest_terms(v.iter().filter(|(t, _)| postings.contains_key(t)).collect()) {
            for &b in &postings[t] {
                let b = b as usize;
                if b == a || sets.find(a) == sets.find(b) {
                    continue;
                }
                let similarity = if short[a] || short[b] {
                    dot(v, &full.sums[b]) / full_norms[b]
                } else {
                    dot(&capped_vectors[a], &capped.sums[b]) / capped_norms[b]
                };
                if similarity >= threshold {
                    sets.union(a, b);
                }
            }
        }
    }
    // Stories were numbered by first appearance, so numbering the merged ones by their
    // first member keeps that order.
    let merged = sets.components();
    for s in story_of.iter_mut() {
        *s = merged[*s];
    }
}

/// The [`PROBE_TERMS`] heaviest of `terms`, heaviest first.
fn heaviest_terms(mut terms: Vec<&(u64, f32)>) -> Vec<&(u64, f32)> {
    keep_heaviest(&mut terms, PROBE_TERMS);
    crate::sort::sort_unstable_by(&mut terms, |a, b| heavier(a, b));
    terms
}

/// Heavier first, ties by term, so that the order is total.
fn heavier(a: &(u64, f32), b: &(u64, f32)) -> std::cmp::Ordering {
    b.1.total_cmp(&a.1).then(a.0.cmp(&b.0))
}

/// Keeps the `k` heaviest of `terms` (k ≥ 1), in no particular order. A selection, not
/// a sort: an article has hundreds of terms.
fn keep_heaviest<T: std::borrow::Borrow<(u64, f32)>>(terms: &mut Vec<T>, k: usize) {
    let heavier = |a: &T, b: &T| heavier(a.borrow(), b.borrow());
    // In wasm a whole sort (crate::sort's, already in the module) costs less module than
    // the standard selection's code, and the same few microseconds.
    #[cfg(not(target_arch = "wasm32"))]
    if terms.len() > k {
        terms.select_nth_unstable_by(k - 1, heavier);
    }
    #[cfg(target_arch = "wasm32")]
    crate::sort::sort_unstable_by(terms, heavier);
    terms.truncate(k);
}

/// Each source's L2-normalised tf-idf vector (sorted by term) and, if it has more than
/// `max_terms` terms (and `max_terms` is not 0), that of its `max_terms` heaviest; and
/// each term's document frequency.
fn tf_idf(counts: &[TermCounts], max_terms: usize) -> (Vec<SourceVectors>, Weights) {
    let mut df: Weights = HashMap::with_capacity_and_hasher(counts.iter().map(Vec::len).sum(), BuildFnv);
    for tf in counts {
        for &(t, _) in tf {
            *df.entry(t).or_default() += 1.0;
        }
    }
    let n = counts.len().max(1) as f32;
    let normalise = |v: &mut Vec<(u64, f32)>| {
        let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt().max(1e-9);
        v.iter_mut().for_each(|(_, w)| *w /= norm);
    };
    let vectors = counts
        .iter()
        .map(|tf| {
            let mut v: Vec<(u64, f32)> = tf
                .iter()
                .map(|&(t, f)| (t, (1.0 + f.ln()) * (1.0 + ((n + 1.0) / (df[&t] + 0.5)).ln())))
                .collect();
            let capped = (max_terms > 0 && v.len() > max_terms).then(|| {
                let mut capped = v.clone();
                keep_heaviest(&mut capped, max_terms);
                crate::sort::sort_unstable_by_key(&mut capped, |&(t, _)| t);
                normalise(&mut capped);
                capped
            });
            normalise(&mut v);
            (v, capped)
        })
        .collect();
    (vectors, df)
}

/// A source's full vector, and its capped one if it is long (see [`tf_idf`]).
type SourceVectors = (Vec<(u64, f32)>, Option<Vec<(u64, f32)>>);

/// `v`'s dot product with `centroid` (divided by [`norm_of`] the centroid: the cosine, as
/// `v` has unit length).
fn dot(v: &[(u64, f32)], centroid: &Weights) -> f32 {
    v.iter().filter_map(|(t, w)| centroid.get(t).map(|c| w * c)).sum()
}

fn norm_of(centroid: &Weights) -> f32 {
    centroid.values().map(|w| w * w).sum::<f32>().sqrt().max(1e-9)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lead_counts_twice() {
        let mut doc = Doc::default();
        for k in 1..=5u64 {
            doc.add_sentence(&[k], &[10 * k]);
        }
        let counts = doc.term_counts_with(&Weighting {
            lead_sentences: 3,
            lead_weight: 2.0,
            name_weight: 2.0,
        });
        let count = |t: u64| counts.iter().find(|&&(u, _)| u == t).map(|&(_, c)| c);
        assert_eq!([1, 3, 4, 5].map(count), [2.0, 2.0, 1.0, 1.0].map(Some));
        assert_eq!([10, 30, 40].map(|n| count(n ^ NAME_SALT)), [4.0, 4.0, 2.0].map(Some));
    }

    /// Three long articles of one story, each with much of its own: in full they are one
    /// story; capped, each one's heaviest terms would be its own, and they would split.
    #[test]
    fn a_few_articles_of_one_story_are_compared_in_full() {
        let article = |own: u64| -> TermCounts {
            (0..30).map(|t| (t, 1.0)).chain((own..own + 60).map(|t| (t, 1.0))).collect()
        };
        let three = [article(1000), article(2000), article(3000)];
        assert_eq!(group_by(&three, STORY_THRESHOLD, MAX_TERMS), [0, 1, 2]);
        assert_eq!(group(&three, STORY_THRESHOLD), [0, 0, 0]);
    }

    #[test]
    fn a_short_source_joins_the_article_it_quotes_in_either_order() {
        // The article's heaviest terms leave out the background it shares with another
        // story, and the details that the quote repeats.
        let article: TermCounts = (0..55).map(|t| (t, 3.0)).chain((100..140).map(|t| (t, 2.0))).collect();
        let quote: TermCounts = (100..105).map(|t| (t, 1.0)).collect();
        assert_eq!(group_by(&[article.clone(), quote.clone()], 0.12, 50), [0, 0]);
        assert_eq!(group_by(&[quote, article.clone()], 0.12, 50), [0, 0]);
        // Two long sources that share only background stay apart, as they would not
        // if compared in full.
        let other: TermCounts = (200..255)
            .map(|t| (t, 3.0))
            .chain((100..140).map(|t| (t, 2.0)))
            .collect();
        assert_eq!(group_by(&[article.clone(), other.clone()], 0.12, 0), [0, 0]);
        assert_eq!(group_by(&[article, other], 0.12, 50), [0, 1]);
    }
}
