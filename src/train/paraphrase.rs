//! The same-fact verifier's data: labelled sentence pairs in MSRP format (MSRP itself,
//! and the pairs `bench/basil_facts.py pairs` exports from hand-labelled news), their
//! features for training (`newsweave verifier-features`, read by
//! `scripts/train_verifier.py`), and the embedded verifier's scores on them
//! (`newsweave eval-paraphrase`).

use std::collections::HashMap;

use crate::paraphrase::{as_own_story, facts_of_text, features as verifier_features, Facts, Placed, StoryFrequencies, Verifier, FEATURES};

/// How a verifier's decisions at one threshold compare with the labels.
#[derive(Debug, Clone, Copy)]
pub struct Scores {
    /// Right decisions over all pairs.
    pub accuracy: f64,
    /// Same-fact decisions that are right.
    pub precision: f64,
    /// Same-fact pairs found.
    pub recall: f64,
    /// The harmonic mean of precision and recall.
    pub f1: f64,
}

/// One labelled pair from an MSRP-format file.
pub struct LabelledPair {
    /// The pair states the same fact (MSRP's quality 1).
    pub same: bool,
    /// What the pair belongs to, for cross-validation folds: its first ID up to a colon
    /// (a story, in the exported news pairs).
    pub group: String,
    /// The two sentences' IDs as written (`STORY:SENTENCE` in the exported news pairs).
    pub ids: (String, String),
    /// The first sentence.
    pub a: String,
    /// The second sentence.
    pub b: String,
}

/// Reads MSRP format: a header line, then `Quality<TAB>#1 ID<TAB>#2 ID<TAB>#1 String<TAB>#2 String`.
pub fn parse_msrp(text: &str) -> Result<Vec<LabelledPair>, String> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let (Some(q), Some(id), Some(id2), Some(a), Some(b)) = (cols.first(), cols.get(1), cols.get(2), cols.get(3), cols.get(4)) else {
            return Err(format!("line {}: expected 5 tab-separated columns", n + 1));
        };
        let same = match q.trim_start_matches('\u{feff}') {
            "1" => true,
            "0" => false,
            other => return Err(format!("line {}: quality {other:?} is not 0 or 1", n + 1)),
        };
        out.push(LabelledPair {
            same,
            group: id.split(':').next().unwrap_or("").to_string(),
            ids: (id.to_string(), id2.to_string()),
            a: a.to_string(),
            b: b.to_string(),
        });
    }
    Ok(out)
}

/// One sentence of a labelled story, for the story features.
pub struct StorySentence {
    /// The story.
    pub story: String,
    /// `SOURCE.REST`: the part before the first dot names its source.
    pub id: String,
    /// The sentence.
    pub text: String,
}

/// Reads `STORY<TAB>ID<TAB>TEXT` lines (`bench/basil_facts.py pairs --sentences`),
/// each article's sentences in order.
pub fn parse_story_sentences(text: &str) -> Result<Vec<StorySentence>, String> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(n, line)| {
            let mut cols = line.splitn(3, '\t');
            match (cols.next(), cols.next(), cols.next()) {
                (Some(story), Some(id), Some(text)) => Ok(StorySentence {
                    story: story.to_string(),
                    id: id.to_string(),
                    text: text.to_string(),
                }),
                _ => Err(format!("line {}: expected STORY<TAB>ID<TAB>TEXT", n + 1)),
            }
        })
        .collect()
}

/// The verifier's feature vector of each pair, in pair order (all [`FEATURES`] of
/// them, the constant first one included, so tree feature numbers index it directly).
/// A pair whose IDs (`STORY:ID`) are sentences of `stories` is placed in its story, as
/// the pipeline places sentences; any other pair is a story of its own two sentences,
/// from two sources.
pub fn features(pairs: &[LabelledPair], stories: &[StorySentence]) -> Vec<[f32; FEATURES]> {
    let (mut words, mut terms) = Default::default();
    let mut story_numbers: HashMap<&str, usize> = HashMap::new();
    let mut source_numbers: HashMap<(&str, &str), usize> = HashMap::new();
    let mut placed: HashMap<String, (usize, usize, u32)> = HashMap::new();
    let mut seen_in_source: Vec<u32> = Vec::new();
    let mut facts: Vec<Facts> = Vec::with_capacity(stories.len());
    let mut story_of: Vec<usize> = Vec::with_capacity(stories.len());
    for s in stories {
        let next = story_numbers.len();
        let story = *story_numbers.entry(&s.story).or_insert(next);
        let outlet = s.id.split('.').next().unwrap_or("");
        let next = source_numbers.len();
        let source = *source_numbers.entry((&s.story, outlet)).or_insert(next);
        seen_in_source.resize(source_numbers.len(), 0);
        let ordinal = seen_in_source[source];
        seen_in_source[source] += 1;
        placed.insert(format!("{}:{}", s.story, s.id), (facts.len(), source, ordinal));
        facts.push(facts_of_text(&s.text, &mut words, &mut terms));
        story_of.push(story);
    }
    let frequencies = StoryFrequencies::new(&facts, &story_of);
    let at = |k: usize, source: usize, ordinal: u32| Placed {
        facts: &facts[k],
        story: story_of[k],
        source,
        ordinal,
    };
    pairs
        .iter()
        .map(|p| match (placed.get(&p.ids.0), placed.get(&p.ids.1)) {
            (Some(&(a, sa, oa)), Some(&(b, sb, ob))) => verifier_features(at(a, sa, oa), at(b, sb, ob), &frequencies),
            _ => {
                let own = [facts_of_text(&p.a, &mut words, &mut terms), facts_of_text(&p.b, &mut words, &mut terms)];
                let (frequencies, [a, b]) = as_own_story(&own);
                verifier_features(a, b, &frequencies)
            }
        })
        .collect()
}

/// Accuracy, precision, recall and F1 of the embedded verifier on `pairs`, at its
/// merge threshold.
pub fn evaluate(pairs: &[LabelledPair]) -> Scores {
    let verifier = Verifier::embedded();
    let probabilities: Vec<(f32, bool)> = features(pairs, &[])
        .iter()
        .zip(pairs)
        .map(|(x, p)| (verifier.probability(x), p.same))
        .collect();
    scores(&probabilities, verifier.threshold)
}

/// Accuracy, precision, recall and F1 of `probabilities` at `threshold`.
fn scores(probabilities: &[(f32, bool)], threshold: f32) -> Scores {
    let (mut tp, mut fp, mut tn, mut fn_) = (0usize, 0usize, 0usize, 0usize);
    for &(p, y) in probabilities {
        match (p >= threshold, y) {
            (true, true) => tp += 1,
            (true, false) => fp += 1,
            (false, false) => tn += 1,
            (false, true) => fn_ += 1,
        }
    }
    let accuracy = (tp + tn) as f64 / probabilities.len().max(1) as f64;
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    Scores {
        accuracy,
        precision,
        recall,
        f1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_verifier_is_the_committed_file() {
        // The build script compiled the file in: one tree per tree number.
        let file = include_str!("../../data/verifier.txt");
        let trees: std::collections::BTreeSet<&str> =
            file.lines().filter_map(|l| l.strip_prefix("node ")?.split(' ').next()).collect();
        assert_eq!(Verifier::embedded().tree_count(), trees.len());
    }

    /// A pair named by `STORY:ID` is placed in its story: its sources and its places in
    /// them come from the story's sentences.
    #[test]
    fn pairs_are_placed_in_their_stories() {
        use crate::paraphrase::PAIR_FEATURES;
        let sentences = parse_story_sentences(
            "s\tfox.1.1\tThe senator resigned on Friday.\n\
             s\tfox.2.1\tHe said the senate vote was unfair.\n\
             s\tnyt.1.1\tThe senator abruptly resigned from the senate on Friday.\n",
        )
        .unwrap();
        let pairs = parse_msrp(
            "Quality\t#1 ID\t#2 ID\t#1 String\t#2 String\n\
             1\ts:fox.1.1\ts:nyt.1.1\tx\ty\n\
             0\ts:fox.2.1\ts:fox.1.1\tx\ty\n",
        )
        .unwrap();
        let x = features(&pairs, &sentences);
        // Earlier place, later place, one source for both.
        let placed = |f: &[f32; FEATURES]| (f[PAIR_FEATURES + 5], f[PAIR_FEATURES + 6], f[PAIR_FEATURES + 7]);
        assert_eq!(placed(&x[0]), (0.0, 0.0, 0.0));
        assert_eq!(placed(&x[1]), (0.0, 1.0, 1.0));
        // The shorter sentence is wholly inside the longer, which says more.
        let (smaller, larger) = (x[0][PAIR_FEATURES], x[0][PAIR_FEATURES + 1]);
        assert!(larger == 1.0 && smaller < 1.0, "shares held: {smaller}, {larger}");
    }

    #[test]
    fn msrp_ids_group_pairs() {
        let pairs = parse_msrp("Quality\t#1 ID\t#2 ID\t#1 String\t#2 String\n1\tstory:fox.1.1\tstory:nyt.2.1\tA.\tB.\n").unwrap();
        assert_eq!((pairs[0].same, pairs[0].group.as_str()), (true, "story"));
    }
}
