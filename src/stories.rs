//! Story grouping: which sources tell the same story, so that unrelated articles pasted
//! together get accounts of their own and never share a statement.
//!
//! Each source becomes a sparse tf-idf vector over its concepts (content words with
//! synonyms mapped together, see `paraphrase`), with the names it mentions counted
//! twice: a story is mostly who and where; and its first three body sentences count
//! twice over, since the lead says what the story is. Sources are clustered greedily
//! in input order: each joins the story whose centroid is most similar (cosine) if that
//! similarity reaches a threshold, else starts a new story. Candidate stories come
//! from an inverted index on each source's heaviest terms, so the cost stays linear.

use std::collections::HashMap;

use crate::text::BuildFnv;
use crate::union_find::UnionFind;

/// Cosine similarity to a story's centroid needed to join it, chosen on the ECB+ dev
/// topics with `newsweave eval-clusters` (topic B³ F1 0.928 / 0.931 / 0.954 / 0.954 /
/// 0.930 / 0.912 at 0.12 / 0.13 / 0.14 / 0.15 / 0.16 / 0.18, with the lead weighted).
pub const STORY_THRESHOLD: f32 = 0.14;
#[cfg(any(test, feature = "train"))]
/// Within one topic (idf over that topic's articles only), the similarity that
/// separates two events of the same kind; chosen the same way before the lead weighting
/// (event B³ F1 0.818 / 0.847 / 0.771 at 0.20 / 0.24 / 0.28; with it 0.837 / 0.856 /
/// 0.845 / 0.811 at 0.20 / 0.22 / 0.24 / 0.26, left at 0.24 rather than fitted again).
pub const EVENT_THRESHOLD: f32 = 0.24;
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

/// Chosen with `newsweave eval-clusters` on the ECB+ dev topics: topic B³ F1 went from
/// at best 0.904 to 0.928-0.954 at thresholds 0.12-0.16 with the first three sentences
/// doubled; two to five sentences peak alike, eight lose.
pub const WEIGHTING: Weighting = Weighting {
    lead_sentences: 3,
    lead_weight: 2.0,
    name_weight: 2.0,
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
        terms.sort_unstable_by_key(|&(t, _)| t);
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

/// A source's heaviest terms that make its vector (0: all of them).
pub const MAX_TERMS: usize = 0;

/// Groups the sources (their [`Doc::term_counts`]) into stories at `threshold`;
/// returns each source's story, numbered by first appearance.
pub fn group(counts: &[TermCounts], threshold: f32) -> Vec<usize> {
    group_by(counts, threshold, MAX_TERMS)
}

/// [`group`] on each source's `max_terms` heaviest terms (0: all of them).
pub fn group_by(counts: &[TermCounts], threshold: f32, max_terms: usize) -> Vec<usize> {
    let (vectors, df) = tf_idf(counts, max_terms);
    let mut centroids: Vec<Weights> = Vec::new();
    // Each centroid's norm, computed when first needed after the centroid last changed:
    // many sources are compared with one centroid between two changes.
    let mut norms: Vec<Option<f32>> = Vec::new();
    let mut postings: HashMap<u64, Vec<u32>, BuildFnv> = HashMap::with_hasher(BuildFnv);
    let mut out = Vec::with_capacity(counts.len());
    for v in &vectors {
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
        candidates.sort_unstable();
        candidates.dedup();
        let best = candidates
            .iter()
            .map(|&c| {
                let c = c as usize;
                let norm = *norms[c].get_or_insert_with(|| norm_of(&centroids[c]));
                (c as u32, dot(v, &centroids[c]) / norm)
            })
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        let story = match best {
            Some((c, similarity)) if similarity >= threshold => c as usize,
            _ => {
                centroids.push(HashMap::with_hasher(BuildFnv));
                norms.push(None);
                centroids.len() - 1
            }
        };
        for &(t, w) in v {
            *centroids[story].entry(t).or_default() += w;
        }
        norms[story] = None;
        for (t, _) in heaviest.iter().take(PROBE_TERMS) {
            let list = postings.entry(*t).or_default();
            if list.len() < MAX_POSTINGS && !list.contains(&(story as u32)) {
                list.push(story as u32);
            }
        }
        out.push(story);
    }
    merge_similar_stories(&centroids, &postings, threshold, &mut out);
    out
}

/// Second pass: a story started before the sources that link it to another arrived
/// (greedy clustering depends on order) joins that story when their centroids are
/// as similar as a source must be to join. Stories are renumbered by first appearance.
fn merge_similar_stories(
    centroids: &[Weights],
    postings: &HashMap<u64, Vec<u32>, BuildFnv>,
    threshold: f32,
    story_of: &mut [usize],
) {
    let norms: Vec<f32> = centroids.iter().map(norm_of).collect();
    let vectors: Vec<Vec<(u64, f32)>> = centroids
        .iter()
        .zip(&norms)
        .map(|(c, &norm)| {
            let mut v: Vec<(u64, f32)> = c.iter().map(|(t, w)| (*t, w / norm)).collect();
            v.sort_unstable_by_key(|(t, _)| *t);
            v
        })
        .collect();
    let mut sets = UnionFind::new(centroids.len());
    for (a, v) in vectors.iter().enumerate() {
        for (t, _) in heaviest_terms(v.iter().filter(|(t, _)| postings.contains_key(t)).collect()) {
            for &b in &postings[t] {
                let b = b as usize;
                if b != a && sets.find(a) != sets.find(b) && dot(v, &centroids[b]) / norms[b] >= threshold {
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

/// The [`PROBE_TERMS`] heaviest of `terms`, heaviest first (ties by term, so the order is
/// total). A selection, not a sort: an article has hundreds of terms.
fn heaviest_terms(mut terms: Vec<&(u64, f32)>) -> Vec<&(u64, f32)> {
    let heavier = |a: &&(u64, f32), b: &&(u64, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
    if terms.len() > PROBE_TERMS {
        terms.select_nth_unstable_by(PROBE_TERMS - 1, heavier);
        terms.truncate(PROBE_TERMS);
    }
    terms.sort_unstable_by(heavier);
    terms
}

/// L2-normalised tf-idf vectors (sorted by term), and each term's document frequency.
fn tf_idf(counts: &[TermCounts], max_terms: usize) -> (Vec<Vec<(u64, f32)>>, Weights) {
    let mut df: Weights = HashMap::with_capacity_and_hasher(counts.iter().map(Vec::len).sum(), BuildFnv);
    for tf in counts {
        for &(t, _) in tf {
            *df.entry(t).or_default() += 1.0;
        }
    }
    let n = counts.len().max(1) as f32;
    let vectors = counts
        .iter()
        .map(|tf| {
            let mut v: Vec<(u64, f32)> = tf
                .iter()
                .map(|&(t, f)| (t, (1.0 + f.ln()) * (1.0 + ((n + 1.0) / (df[&t] + 0.5)).ln())))
                .collect();
            if max_terms > 0 && v.len() > max_terms {
                v.select_nth_unstable_by(max_terms - 1, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                v.truncate(max_terms);
                v.sort_unstable_by_key(|&(t, _)| t);
            }
            let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt().max(1e-9);
            v.iter_mut().for_each(|(_, w)| *w /= norm);
            v
        })
        .collect();
    (vectors, df)
}

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
}
