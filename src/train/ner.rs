//! Training the name tagger: an averaged structured perceptron (Collins 2002) over
//! the hashed features of `tagger.rs`, with Viterbi decoding, then 4-bit
//! quantisation. Run by `newsweave train-ner` (`make train-ner`).

use std::collections::BTreeMap;

use super::conll::{score, spans, Counts, Sentence};
use crate::entities::tagger::{features, viterbi, Model, Prepared, WordCache, BUCKETS, CODEBOOK, LABELS, N_LABELS};

/// Scores the embedded model on `data`: per type, and overall under the key "".
pub fn evaluate(data: &[Sentence]) -> Result<BTreeMap<String, Counts>, String> {
    let model = Model::embedded().ok_or("this build has no entity model (run `make train-ner`)")?;
    Ok(evaluate_model(model, data))
}

/// The embedded model's overall F1 on each document of `data` (by [`Sentence::doc`]),
/// with the document's number of gold entities, for the spread between documents.
pub fn f1_by_document(data: &[Sentence]) -> Result<Vec<(f64, usize)>, String> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < data.len() {
        let end = start + data[start..].iter().take_while(|s| s.doc == data[start].doc).count();
        let counts = evaluate(&data[start..end])?.get("").copied().unwrap_or_default();
        if counts.gold > 0 {
            out.push((counts.f1(), counts.gold));
        }
        start = end;
    }
    Ok(out)
}

/// Recall of the gold entities of `data` split by whether `train` has the same words
/// tagged with the same type somewhere: (seen: found, gold), (unseen: found, gold).
/// The gap between the two is what the model has memorised rather than learnt.
pub fn recall_seen_unseen(data: &[Sentence], train: &[Sentence]) -> Result<[(usize, usize); 2], String> {
    let model = Model::embedded().ok_or("this build has no entity model (run `make train-ner`)")?;
    let known: std::collections::HashSet<(String, String)> = train
        .iter()
        .flat_map(|s| {
            spans(&s.tags)
                .into_iter()
                .map(|(a, b, ty)| (s.tokens[a..b].join(" "), ty))
        })
        .collect();
    let mut cache = WordCache::default();
    let mut out = [(0, 0); 2];
    for s in data {
        let words: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
        let predicted = spans(&tags_of(model.tag(&words, &mut cache)));
        for (a, b, ty) in spans(&s.tags) {
            let k = if known.contains(&(s.tokens[a..b].join(" "), ty.clone())) { 0 } else { 1 };
            out[k].1 += 1;
            out[k].0 += predicted.contains(&(a, b, ty)) as usize;
        }
    }
    Ok(out)
}

/// Trains a model on `train_set`, keeping the epoch with the best F1 on `dev`;
/// returns its bytes (the format of `data/ner-model.bin`).
pub fn train(train_set: &[Sentence], dev: &[Sentence], epochs: usize, log: &mut dyn FnMut(String)) -> Vec<u8> {
    train_model(train_set, dev, epochs, log)
}


/// Label index of a CoNLL tag (`I-PER`, `B-PER` -> PER; anything else -> O).
fn label_of(tag: &str) -> usize {
    let ty = tag.split_once('-').map(|(_, t)| t).unwrap_or("O");
    LABELS.iter().position(|l| *l == ty).unwrap_or(0)
}

/// IO tags for predicted label indices, as conlleval reads them.
pub fn tags_of(labels: &[usize]) -> Vec<String> {
    labels
        .iter()
        .map(|&l| {
            if l == 0 {
                "O".to_string()
            } else {
                format!("I-{}", LABELS[l])
            }
        })
        .collect()
}

/// Weights with lazy averaging: `avg = w - acc / steps` (Daumé's trick).
struct Averaged {
    w: Vec<f32>,
    acc: Vec<f32>,
}

impl Averaged {
    fn new(n: usize) -> Self {
        Averaged {
            w: vec![0.0; n],
            acc: vec![0.0; n],
        }
    }
    fn update(&mut self, i: usize, delta: f32, step: f32) {
        self.w[i] += delta;
        self.acc[i] += step * delta;
    }
    fn averaged(&self, steps: f32) -> Vec<f32> {
        self.w.iter().zip(&self.acc).map(|(w, a)| w - a / steps).collect()
    }
}

struct Example {
    feats: Vec<Vec<u32>>,
    gold: Vec<usize>,
}

fn prepare(sentences: &[Sentence]) -> Vec<Example> {
    let mut cache = WordCache::default();
    sentences
        .iter()
        .map(|s| {
            let words: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
            let p = Prepared::new(&words, &mut cache);
            let feats = (0..words.len())
                .map(|i| {
                    let mut f = Vec::new();
                    features(&p, i, &mut f);
                    f
                })
                .collect();
            Example {
                feats,
                gold: s.tags.iter().map(|t| label_of(t)).collect(),
            }
        })
        .collect()
}

/// Trains for `epochs` passes over `train`, printing dev F1 after each, and returns
/// the serialised model of the epoch with the best dev F1.
fn train_model(train: &[Sentence], dev: &[Sentence], epochs: usize, log: &mut dyn FnMut(String)) -> Vec<u8> {
    let examples = prepare(train);
    let mut emit = Averaged::new(BUCKETS * N_LABELS);
    let mut trans = Averaged::new(N_LABELS * N_LABELS + N_LABELS); // transitions, then start
    let mut step = 1.0f32;
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut best: (f64, Vec<u8>) = (-1.0, Vec::new());
    let mut rng = 0x2545_f491_4f6c_dd1du64;
    for epoch in 1..=epochs {
        // Deterministic Fisher–Yates shuffle (xorshift), so training is reproducible.
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        let mut mistakes = 0usize;
        for &k in &order {
            let ex = &examples[k];
            let predicted = decode(&ex.feats, &emit.w, &trans.w);
            if predicted != ex.gold {
                for i in 0..ex.gold.len() {
                    let (g, p) = (ex.gold[i], predicted[i]);
                    if g != p {
                        mistakes += 1;
                        for &f in &ex.feats[i] {
                            emit.update(f as usize * N_LABELS + g, 1.0, step);
                            emit.update(f as usize * N_LABELS + p, -1.0, step);
                        }
                    }
                    let (gp, pp) = if i == 0 {
                        (None, None)
                    } else {
                        (Some(ex.gold[i - 1]), Some(predicted[i - 1]))
                    };
                    if (gp, g) != (pp, p) {
                        trans.update(transition_index(gp, g), 1.0, step);
                        trans.update(transition_index(pp, p), -1.0, step);
                    }
                }
            }
            step += 1.0;
        }
        let model = quantise(&emit.averaged(step), &trans.averaged(step));
        let f1 = evaluate_model(
            &Model::from_bytes(&model).expect("a model just written reads back"),
            dev,
        )[""]
            .f1();
        log(format!(
            "epoch {epoch}: {mistakes} token mistakes in training, dev F1 {f1:.4}"
        ));
        if f1 > best.0 {
            best = (f1, model);
        }
    }
    best.1
}

fn transition_index(prev: Option<usize>, label: usize) -> usize {
    match prev {
        Some(p) => p * N_LABELS + label,
        None => N_LABELS * N_LABELS + label,
    }
}

fn decode(feats: &[Vec<u32>], w: &[f32], t: &[f32]) -> Vec<usize> {
    let emissions: Vec<[f32; N_LABELS]> = feats
        .iter()
        .map(|fs| {
            let mut s = [0.0; N_LABELS];
            for &f in fs {
                for (l, v) in s.iter_mut().enumerate() {
                    *v += w[f as usize * N_LABELS + l];
                }
            }
            s
        })
        .collect();
    let (transitions, start) = split_transitions(t);
    viterbi(&emissions, &start, &transitions)
}

fn split_transitions(t: &[f32]) -> ([[f32; N_LABELS]; N_LABELS], [f32; N_LABELS]) {
    let transitions = std::array::from_fn(|p| std::array::from_fn(|l| t[p * N_LABELS + l]));
    let start = std::array::from_fn(|l| t[N_LABELS * N_LABELS + l]);
    (transitions, start)
}

/// Weights at most this many codebook units from zero are quantised to zero.
const ZERO_BELOW: f32 = 1.0;

/// 4-bit codebook weights: the scale maps a high percentile of |w| to the largest code (rarer outliers clip).
fn quantise(w: &[f32], t: &[f32]) -> Vec<u8> {
    let mut magnitudes: Vec<f32> = w.iter().map(|x| x.abs()).filter(|&x| x > 0.0).collect();
    let cap = if magnitudes.is_empty() {
        1.0
    } else {
        let k = ((magnitudes.len() as f64) * 0.9999) as usize;
        let k = k.min(magnitudes.len() - 1);
        *magnitudes.select_nth_unstable_by(k, f32::total_cmp).1
    };
    let top = CODEBOOK.iter().copied().max().unwrap_or(1) as f32;
    let scale = cap / top;
    let nearest = |x: f32| -> u8 {
        let units = x / scale;
        (0..CODEBOOK.len())
            .min_by(|&a, &b| {
                (CODEBOOK[a] as f32 - units)
                    .abs()
                    .total_cmp(&(CODEBOOK[b] as f32 - units).abs())
            })
            .unwrap_or(0) as u8
    };
    // Weights within one step of zero are zero: half the nonzero rows go, so the coded
    // weights shrink from 71 to 46 KB, for about 0.2 points of dev F1 (docs/BENCHMARKS.md).
    let q: Vec<u8> = w.iter().map(|&x| if x.abs() <= ZERO_BELOW * scale { 0 } else { nearest(x) }).collect();
    let (transitions, start) = split_transitions(t);
    Model::to_bytes(scale, &start, &transitions, &q)
}

/// Tags every sentence of `data` with `model` and scores it against the gold tags.
fn evaluate_model(model: &Model, data: &[Sentence]) -> BTreeMap<String, Counts> {
    let gold: Vec<Vec<String>> = data.iter().map(|s| s.tags.clone()).collect();
    let mut cache = WordCache::default();
    let predicted: Vec<Vec<String>> = data
        .iter()
        .map(|s| {
            let words: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
            tags_of(model.tag(&words, &mut cache))
        })
        .collect();
    score(&gold, &predicted)
}
