//! Grouping articles into stories and events, scored on ECB+ (`newsweave eval-clusters`).

use std::collections::HashMap;

use crate::stories::{group, group_by, TermCounts, EVENT_THRESHOLD, STORY_THRESHOLD};
pub use crate::stories::{Doc, Weighting};

/// One article with its gold topic and gold event (within the topic).
pub struct Article {
    /// The gold topic.
    pub topic: String,
    /// The gold event within the topic.
    pub event: String,
    /// The article's text.
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

/// The term counts of one free-standing article (for `eval-clusters`), read by the
/// pipeline's own reading stage, as the pipeline reads each source.
pub fn term_counts_of_text(text: &str) -> TermCounts {
    doc_of_text(text).term_counts()
}

/// The story-grouping terms of one free-standing article, sentence by sentence.
pub fn doc_of_text(text: &str) -> Doc {
    let mut doc = Doc::default();
    // A source with no given date cannot fail to read; no terms if it ever did.
    if let Ok(read) = crate::pipeline::read::read(&[crate::Source::new("", text)], &mut Vec::new(), 1) {
        for facts in &read.facts {
            doc.add_sentence(&facts.concepts, &facts.names);
        }
    }
    doc
}

/// Articles grouped in one run, each with its gold story (`eval-stories`).
pub struct Mix {
    /// Its name; what comes before the first `-` names the half it belongs to, what
    /// follows up to the next `-` its kind (`all`, `k8`).
    pub name: String,
    /// Each article's gold story.
    pub stories: Vec<String>,
    /// Each article's terms.
    pub docs: Vec<Doc>,
}

/// One setting of story grouping.
#[derive(Debug, Clone, Copy)]
pub struct Setting {
    /// How a source's terms count.
    pub weighting: Weighting,
    /// The similarity needed to join a story.
    pub threshold: f32,
    /// A source's heaviest terms that make its vector (0: all).
    pub max_terms: usize,
}

/// Mean B³ precision and recall over mixes of one kind, the F1 of the means, and the
/// wrongly joined story pairs (true stories with articles in one predicted story) summed.
pub type MixScores = (f64, f64, f64, usize);

/// Scores of one setting: ECB+ topic and event B³ F1 (events grouped at the same
/// threshold), and the scores of each half and kind of mix.
pub fn score_setting(
    ecb: &[Article],
    ecb_docs: &[Doc],
    mixes: &[Mix],
    setting: &Setting,
) -> (f64, f64, Vec<(String, MixScores)>) {
    let label = |names: &mut dyn Iterator<Item = &str>| -> Vec<usize> {
        let mut ids = HashMap::new();
        names
            .map(|n| {
                let next = ids.len();
                *ids.entry(n.to_string()).or_insert(next)
            })
            .collect()
    };
    let counts: Vec<TermCounts> = ecb_docs
        .iter()
        .map(|d| d.term_counts_with(&setting.weighting))
        .collect();
    let topics = label(&mut ecb.iter().map(|a| a.topic.as_str()));
    let topic_f1 = b_cubed(&group_by(&counts, setting.threshold, setting.max_terms), &topics).2;
    let events = label(&mut ecb.iter().map(|a| a.event.as_str()));
    let mut predicted = vec![0usize; ecb.len()];
    let mut offset = 0;
    let mut gold = vec![0usize; ecb.len()];
    for t in 0..topics.iter().copied().max().map_or(0, |m| m + 1) {
        let members: Vec<usize> = (0..ecb.len()).filter(|&i| topics[i] == t).collect();
        let sub: Vec<TermCounts> = members.iter().map(|&i| counts[i].clone()).collect();
        let clusters = group_by(&sub, setting.threshold, setting.max_terms);
        for (&i, c) in members.iter().zip(&clusters) {
            predicted[i] = offset + c;
            gold[i] = 2 * t + events[i];
        }
        offset += clusters.iter().copied().max().map_or(0, |m| m + 1);
    }
    let event_f1 = b_cubed(&predicted, &gold).2;
    let mut by_kind: Vec<(String, MixScores)> = Vec::new();
    let mut runs: HashMap<String, usize> = HashMap::new();
    for mix in mixes {
        let key = mix.name.split('-').take(2).collect::<Vec<_>>().join("-");
        let counts: Vec<TermCounts> = mix
            .docs
            .iter()
            .map(|d| d.term_counts_with(&setting.weighting))
            .collect();
        let predicted = group_by(&counts, setting.threshold, setting.max_terms);
        let gold = label(&mut mix.stories.iter().map(String::as_str));
        let (p, r, _) = b_cubed(&predicted, &gold);
        let mut joined = std::collections::HashSet::new();
        for (i, &a) in predicted.iter().enumerate() {
            for (j, &b) in predicted.iter().enumerate() {
                if a == b && gold[i] < gold[j] {
                    joined.insert((gold[i], gold[j]));
                }
            }
        }
        *runs.entry(key.clone()).or_default() += 1;
        match by_kind.iter_mut().find(|(k, _)| *k == key) {
            Some((_, s)) => {
                s.0 += p;
                s.1 += r;
                s.3 += joined.len();
            }
            None => by_kind.push((key, (p, r, 0.0, joined.len()))),
        }
    }
    for (key, s) in &mut by_kind {
        let n = runs[key] as f64;
        (s.0, s.1) = (s.0 / n, s.1 / n);
        s.2 = if s.0 + s.1 > 0.0 {
            2.0 * s.0 * s.1 / (s.0 + s.1)
        } else {
            0.0
        };
    }
    (topic_f1, event_f1, by_kind)
}

/// B³ precision, recall and F1 of `predicted` clusters against `gold` classes.
pub fn b_cubed(predicted: &[usize], gold: &[usize]) -> (f64, f64, f64) {
    let mut pair: HashMap<(usize, usize), f64> = HashMap::new();
    let mut in_predicted: HashMap<usize, f64> = HashMap::new();
    let mut in_gold: HashMap<usize, f64> = HashMap::new();
    for (&p, &g) in predicted.iter().zip(gold) {
        *pair.entry((p, g)).or_default() += 1.0;
        *in_predicted.entry(p).or_default() += 1.0;
        *in_gold.entry(g).or_default() += 1.0;
    }
    let n = predicted.len().max(1) as f64;
    let (mut precision, mut recall) = (0.0, 0.0);
    for (&p, &g) in predicted.iter().zip(gold) {
        let both = pair[&(p, g)];
        precision += both / in_predicted[&p];
        recall += both / in_gold[&g];
    }
    let (precision, recall) = (precision / n, recall / n);
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    (precision, recall, f1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn b_cubed_of_known_clusterings() {
        assert_eq!(b_cubed(&[0, 0, 1, 1], &[5, 5, 7, 7]), (1.0, 1.0, 1.0));
        let (p, r, _) = b_cubed(&[0, 0, 0, 0], &[5, 5, 7, 7]);
        assert_eq!((p, r), (0.5, 1.0));
        let (p, r, _) = b_cubed(&[0, 1, 2, 3], &[5, 5, 7, 7]);
        assert_eq!((p, r), (1.0, 0.5));
    }
}
