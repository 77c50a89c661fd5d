//! Training and evaluating the paraphrase verifier on MSRP-format files
//! (`newsweave eval-paraphrase`, `newsweave train-paraphrase`): logistic regression,
//! thresholds chosen by cross-validation.

use crate::paraphrase::{facts_of_text, logistic, Model, FEATURES};

impl Model {
    /// The text format of `data/paraphrase-model.txt` (the build script reads it back).
    pub fn to_text(&self) -> String {
        const NAMES: [&str; FEATURES] = [
            "bias", "concept_jaccard", "concept_share_of_smaller", "concept_share_of_larger", "term_jaccard",
            "name_mismatch", "number_mismatch", "date_conflict", "negation_mismatch", "log_length_ratio",
            "rare_share_of_smaller", "rare_share_of_larger", "bigram_jaccard", "unigram_share_min",
            "unigram_share_max", "unigram_dice", "bigram_share_min", "bigram_share_max", "bigram_dice",
            "trigram_share_min", "trigram_share_max", "trigram_dice", "fourgram_share_min", "fourgram_share_max",
            "fourgram_dice", "unshared_concepts", "unshared_min", "unshared_max",
        ];
        let mut out = String::from("# Paraphrase verifier: logistic regression over src/paraphrase.rs features.\n# Written by `newsweave train-paraphrase` (make train-paraphrase); do not edit by hand.\n");
        for (name, w) in NAMES.iter().zip(self.weights) {
            out.push_str(&format!("{name} {w}\n"));
        }
        out.push_str(&format!(
            "threshold {}\nmerge_threshold {}\n",
            self.threshold, self.merge_threshold
        ));
        out
    }

}

/// Accuracy, precision, recall and F1 of the embedded model on `pairs`, at its threshold.
pub fn evaluate(pairs: &[LabelledPair]) -> Scores {
    let model = Model::embedded();
    let probabilities: Vec<(f32, bool)> = featurise(pairs)
        .iter()
        .map(|(x, y)| (model.probability(x), *y))
        .collect();
    scores(&probabilities, model.threshold)
}

/// The verifier's feature vector of each pair (bias first) with its label, for
/// experiments outside the crate (`examples/paraphrase_features.rs`).
pub fn features(pairs: &[LabelledPair]) -> Vec<(Vec<f32>, bool)> {
    featurise(pairs)
        .into_iter()
        .map(|(x, y)| (x.to_vec(), y))
        .collect()
}

/// Trains a model with `folds`-fold cross-validation; returns it with the
/// cross-validated accuracy, precision, recall and F1 at its threshold, and the
/// precision and recall at its merge threshold.
pub fn train(pairs: &[LabelledPair], folds: usize) -> (Model, Scores, Scores) {
    let (model, out_of_fold) = train_model(pairs, folds);
    let best = scores(&out_of_fold, model.threshold);
    let strict = scores(&out_of_fold, model.merge_threshold);
    (model, best, strict)
}

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
        let (Some(q), Some(a), Some(b)) = (cols.first(), cols.get(3), cols.get(4)) else {
            return Err(format!("line {}: expected 5 tab-separated columns", n + 1));
        };
        let same = match q.trim_start_matches('\u{feff}') {
            "1" => true,
            "0" => false,
            other => return Err(format!("line {}: quality {other:?} is not 0 or 1", n + 1)),
        };
        out.push(LabelledPair {
            same,
            a: a.to_string(),
            b: b.to_string(),
        });
    }
    Ok(out)
}

/// Feature vectors and labels of `pairs`.
fn featurise(pairs: &[LabelledPair]) -> Vec<([f32; FEATURES], bool)> {
    let (mut words, mut terms) = Default::default();
    pairs
        .iter()
        .map(|p| {
            let (a, b) = (
                facts_of_text(&p.a, &mut words, &mut terms),
                facts_of_text(&p.b, &mut words, &mut terms),
            );
            (crate::paraphrase::features(&a, &b), p.same)
        })
        .collect()
}

/// Fits logistic-regression weights by full-batch gradient descent with a little L2.
/// The features are standardised first (their scales differ a hundredfold, which
/// stalls plain gradient descent), and the weights mapped back to raw features.
fn fit(data: &[([f32; FEATURES], bool)]) -> [f32; FEATURES] {
    let n = data.len().max(1) as f64;
    let mut mean = [0.0f64; FEATURES];
    let mut scale = [1.0f64; FEATURES];
    for k in 1..FEATURES {
        mean[k] = data.iter().map(|(x, _)| x[k] as f64).sum::<f64>() / n;
        let variance = data.iter().map(|(x, _)| (x[k] as f64 - mean[k]).powi(2)).sum::<f64>() / n;
        scale[k] = if variance > 1e-12 { variance.sqrt() } else { 1.0 };
    }
    let standard: Vec<([f32; FEATURES], bool)> = data
        .iter()
        .map(|(x, y)| {
            (
                std::array::from_fn(|k| {
                    if k == 0 {
                        1.0
                    } else {
                        ((x[k] as f64 - mean[k]) / scale[k]) as f32
                    }
                }),
                *y,
            )
        })
        .collect();
    let mut w = [0.0f32; FEATURES];
    for _ in 0..2000 {
        let mut grad = [0.0f32; FEATURES];
        for (x, y) in &standard {
            let err = logistic(&w, x) - (*y as u8 as f32);
            for (g, v) in grad.iter_mut().zip(x) {
                *g += err * v;
            }
        }
        for k in 0..FEATURES {
            let l2 = if k == 0 { 0.0 } else { 1e-3 * w[k] };
            w[k] -= 0.5 * (grad[k] / n as f32 + l2);
        }
    }
    // w·((x - mean) / scale) = Σ (w/scale)·x - Σ w·mean/scale.
    let mut raw = [0.0f32; FEATURES];
    raw[0] = w[0];
    for k in 1..FEATURES {
        raw[k] = (w[k] as f64 / scale[k]) as f32;
        raw[0] -= (w[k] as f64 * mean[k] / scale[k]) as f32;
    }
    raw
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

/// Trains on `pairs` with `folds`-fold cross-validation: the out-of-fold
/// probabilities choose the thresholds (best accuracy; and the lowest with precision
/// at least 0.9, for merging), then the weights are fitted on all pairs.
/// Returns the model and the out-of-fold probabilities (for reporting).
fn train_model(pairs: &[LabelledPair], folds: usize) -> (Model, Vec<(f32, bool)>) {
    let data = featurise(pairs);
    let folds = folds.max(2);
    let mut out_of_fold = vec![(0.0f32, false); data.len()];
    for f in 0..folds {
        let train_set: Vec<_> = data
            .iter()
            .enumerate()
            .filter(|(i, _)| i % folds != f)
            .map(|(_, d)| *d)
            .collect();
        let w = fit(&train_set);
        let model = Model {
            weights: w,
            threshold: 0.5,
            merge_threshold: 0.5,
        };
        for (i, (x, y)) in data.iter().enumerate().filter(|(i, _)| i % folds == f) {
            out_of_fold[i] = (model.probability(x), *y);
        }
    }
    let candidates: Vec<f32> = (1..100).map(|k| k as f32 / 100.0).collect();
    let best = candidates
        .iter()
        .copied()
        .max_by(|a, b| scores(&out_of_fold, *a).accuracy.total_cmp(&scores(&out_of_fold, *b).accuracy))
        .unwrap_or(0.5);
    let strict = candidates
        .iter()
        .copied()
        .find(|t| scores(&out_of_fold, *t).precision >= 0.9)
        .unwrap_or(0.9);
    let model = Model {
        weights: fit(&data),
        threshold: best,
        merge_threshold: strict.max(best),
    };
    (model, out_of_fold)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_model_is_the_committed_file() {
        // the build script compiled the file in; writing the embedded model back out reproduces it.
        assert_eq!(
            Model::embedded().to_text(),
            include_str!("../../data/paraphrase-model.txt")
        );
    }

}
