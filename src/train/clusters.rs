//! Grouping articles into stories and events, scored on ECB+ (`newsweave eval-clusters`).

use std::collections::HashMap;

use crate::stories::{group, TermCounts, EVENT_THRESHOLD, STORY_THRESHOLD};

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
    // A source with no given date cannot fail to read; no terms if it ever did.
    crate::pipeline::read::read(&[crate::Source::new("", text)], &mut Vec::new(), 1)
        .ok()
        .and_then(|read| read.story_terms.into_iter().next())
        .unwrap_or_default()
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
