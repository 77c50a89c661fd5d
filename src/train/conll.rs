//! CoNLL-2003 files and conlleval-style scoring, for training and evaluating the
//! entity tagger (`newsweave eval-ner`, `newsweave train-ner`).

use std::collections::BTreeMap;

/// One sentence: tokens and their gold IOB1 tags (`O`, `I-PER`, `B-LOC`, ...).
#[derive(Debug, Clone, Default)]
pub struct Sentence {
    /// The words, as the file gives them.
    pub tokens: Vec<String>,
    /// One IOB1 tag per word.
    pub tags: Vec<String>,
    /// The document it belongs to: the number of `-DOCSTART-` lines before it.
    pub doc: usize,
}

/// Reads CoNLL-2003 text: one `TOKEN ... TAG` line per token (tag in the last column),
/// blank lines between sentences, `-DOCSTART-` lines skipped.
pub fn parse(text: &str) -> Result<Vec<Sentence>, String> {
    let mut out = Vec::new();
    let mut current = Sentence::default();
    let mut doc = 0;
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with("-DOCSTART-") {
            if !current.tokens.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            if line.starts_with("-DOCSTART-") {
                doc += 1;
            }
            current.doc = doc;
            continue;
        }
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.len() < 2 {
            return Err(format!("line {}: expected `TOKEN ... TAG`, found {line:?}", n + 1));
        }
        current.tokens.push(cols[0].to_string());
        current.tags.push(cols[cols.len() - 1].to_string());
    }
    if !current.tokens.is_empty() {
        out.push(current);
    }
    Ok(out)
}

/// Entity spans `(start, end, type)` of an IOB1/IOB2/IO tag sequence, as conlleval reads them:
/// a chunk starts at `B-X`, or at `I-X` after anything but `X`.
pub fn spans(tags: &[impl AsRef<str>]) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, String)> = None;
    for (i, tag) in tags.iter().enumerate() {
        let tag = tag.as_ref();
        let (prefix, ty) = tag.split_once('-').unwrap_or((tag, ""));
        let continues = prefix == "I" && open.as_ref().is_some_and(|(_, t)| t == ty);
        if !continues {
            if let Some((start, t)) = open.take() {
                out.push((start, i, t));
            }
            if prefix == "B" || prefix == "I" {
                open = Some((i, ty.to_string()));
            }
        }
    }
    if let Some((start, t)) = open {
        out.push((start, tags.len(), t));
    }
    out
}

/// Precision, recall and F1 counts for one type (or overall).
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct Counts {
    /// Entities in the gold tags.
    pub gold: usize,
    /// Entities predicted.
    pub predicted: usize,
    /// Predicted entities with the gold span and type.
    pub correct: usize,
}

impl Counts {
    /// Correct over predicted.
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }
    /// Correct over gold.
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }
    /// The harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Exact-span scores per entity type and overall ("" key).
pub fn score(gold: &[Vec<String>], predicted: &[Vec<String>]) -> BTreeMap<String, Counts> {
    let mut out: BTreeMap<String, Counts> = BTreeMap::new();
    for (g, p) in gold.iter().zip(predicted) {
        let gs = spans(g);
        let ps = spans(p);
        for s in &gs {
            out.entry(s.2.clone()).or_default().gold += 1;
            out.entry(String::new()).or_default().gold += 1;
        }
        for s in &ps {
            let correct = gs.contains(s) as usize;
            for key in [s.2.clone(), String::new()] {
                let c = out.entry(key).or_default();
                c.predicted += 1;
                c.correct += correct;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_follow_conlleval() {
        let tags = ["I-PER", "I-PER", "O", "I-LOC", "B-LOC", "I-ORG", "I-MISC", "I-MISC"];
        assert_eq!(
            spans(&tags),
            vec![
                (0, 2, "PER".into()),
                (3, 4, "LOC".into()),
                (4, 5, "LOC".into()),
                (5, 6, "ORG".into()),
                (6, 8, "MISC".into())
            ]
        );
    }

    #[test]
    fn scores_exact_spans() {
        let gold = vec![vec!["I-PER".to_string(), "I-PER".into(), "O".into(), "I-LOC".into()]];
        let pred = vec![vec!["I-PER".to_string(), "O".into(), "O".into(), "I-LOC".into()]];
        let s = score(&gold, &pred);
        assert_eq!(
            s[""],
            Counts {
                gold: 2,
                predicted: 2,
                correct: 1
            }
        );
        assert_eq!(s["LOC"].f1(), 1.0);
        assert_eq!(s["PER"].f1(), 0.0);
    }

    #[test]
    fn parses_conll_with_docstart() {
        let text = "-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\n\nPeter NNP I-NP I-PER\n";
        let s = parse(text).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!((s[0].doc, s[1].doc), (1, 1));
        assert_eq!(s[0].tokens, vec!["EU", "rejects"]);
        assert_eq!(s[1].tags, vec!["I-PER"]);
        assert!(parse("oneword\n").is_err());
    }
}
