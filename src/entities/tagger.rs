//! The learned name tagger: an averaged structured perceptron over hashed
//! features, decoded with Viterbi, labelling each token O / PER / ORG / LOC / MISC
//! (IO encoding: CoNLL-2003's dev set has 4 B- tags in 51,000 tokens, so adjacent
//! same-type names are not worth a second label set).
//!
//! Weights are trained by `newsweave train-ner` (see `train.rs`), quantised to
//! 4-bit codes of a logarithmic [`CODEBOOK`] (two per byte), and embedded with
//! `include_bytes!` from `data/ner-model.bin`; the model is read in place, with no
//! copy and no runtime download. docs/BENCHMARKS.md compares the encodings tried.

use super::gazetteer::{self, GazKind};

/// Label names, in weight order.
pub const LABELS: [&str; 5] = ["O", "PER", "ORG", "LOC", "MISC"];
pub const N_LABELS: usize = LABELS.len();
/// log2 of the number of feature buckets.
pub const BUCKET_BITS: u32 = 17;
pub const BUCKETS: usize = 1 << BUCKET_BITS;
const MAGIC: &[u8; 8] = b"NWNER002";
/// The 16 values a 4-bit weight code stands for, in units of the model's scale:
/// roughly logarithmic, so small weights keep their resolution and large ones their range.
pub const CODEBOOK: [i8; 16] = [0, 1, 2, 3, 4, 6, 9, 13, 0, -1, -2, -3, -4, -6, -9, -13];

static EMBEDDED: &[u8] = include_bytes!("../../data/ner-model.bin");

/// Words news text usually writes in lower case, sorted, one per line after a comment
/// line (`scripts/derive_common_words.py`). Searched in place: no table is built.
static COMMON_WORDS: &str = include_str!("../../data/common-words.txt");

/// True if `lower` (a lower-cased word) is in [`COMMON_WORDS`]: binary search over
/// the sorted lines of the embedded text.
pub fn is_common_word(lower: &str) -> bool {
    let body = COMMON_WORDS.split_once('\n').map_or("", |(_, rest)| rest).as_bytes();
    let (mut lo, mut hi) = (0usize, body.len());
    while lo < hi {
        // The line containing the midpoint.
        let mid = lo + (hi - lo) / 2;
        let start = body[..mid]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1)
            .max(lo);
        let end = body[start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(body.len(), |p| start + p);
        match body[start..end].cmp(lower.as_bytes()) {
            std::cmp::Ordering::Equal => return true,
            std::cmp::Ordering::Less => lo = end + 1,
            std::cmp::Ordering::Greater => hi = start,
        }
    }
    false
}

/// A tagging model borrowed from its serialised bytes.
pub struct Model<'a> {
    scale: f32,
    start: [f32; N_LABELS],
    transitions: [[f32; N_LABELS]; N_LABELS],
    /// 4-bit weights, two per byte (low nibble first), `BUCKETS * N_LABELS` of them.
    weights: &'a [u8],
}

impl<'a> Model<'a> {
    /// The model compiled into this build (`None` if the embedded file is not a model).
    pub fn embedded() -> Option<Model<'static>> {
        Model::from_bytes(EMBEDDED)
    }

    /// Reads the layout written by [`Model::to_bytes`].
    pub fn from_bytes(bytes: &'a [u8]) -> Option<Model<'a>> {
        let rest = bytes.strip_prefix(MAGIC)?;
        let mut floats = rest
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]));
        let scale = floats.next()?;
        let mut start = [0.0; N_LABELS];
        for s in &mut start {
            *s = floats.next()?;
        }
        let mut transitions = [[0.0; N_LABELS]; N_LABELS];
        for row in &mut transitions {
            for t in row.iter_mut() {
                *t = floats.next()?;
            }
        }
        let header = 4 * (1 + N_LABELS + N_LABELS * N_LABELS);
        let raw = rest.get(header..)?;
        if raw.len() != BUCKETS * N_LABELS / 2 {
            return None;
        }
        Some(Model {
            scale,
            start,
            transitions,
            weights: raw,
        })
    }

    /// Serialises a model: magic, scale, start and transition scores (f32 LE), then i8 weights.
    /// Serialises a model: magic, scale, start and transition scores (f32 LE), then the
    /// weights as 4-bit [`CODEBOOK`] indices packed two per byte, low nibble first.
    pub fn to_bytes(
        scale: f32,
        start: &[f32; N_LABELS],
        transitions: &[[f32; N_LABELS]; N_LABELS],
        codes: &[u8],
    ) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        for f in std::iter::once(&scale).chain(start).chain(transitions.iter().flatten()) {
            out.extend_from_slice(&f.to_le_bytes());
        }
        out.extend(
            codes
                .chunks(2)
                .map(|pair| (pair[0] & 0x0f) | (pair.get(1).copied().unwrap_or(0) & 0x0f) << 4),
        );
        out
    }

    /// Weight `k` of the flat `BUCKETS * N_LABELS` table.
    fn weight(&self, k: usize) -> i32 {
        let byte = self.weights[k / 2];
        let code = if k % 2 == 0 { byte & 0x0f } else { byte >> 4 };
        CODEBOOK[code as usize] as i32
    }

    /// The best label index for each token of `words`.
    pub fn tag(&self, words: &[&str]) -> Vec<usize> {
        let prepared = Prepared::new(words);
        let mut feats = Vec::with_capacity(40);
        let emissions: Vec<[f32; N_LABELS]> = (0..words.len())
            .map(|i| {
                feats.clear();
                features(words, &prepared, i, &mut feats);
                let mut score = [0i32; N_LABELS];
                for &f in &feats {
                    let base = f as usize * N_LABELS;
                    for (l, s) in score.iter_mut().enumerate() {
                        *s += self.weight(base + l);
                    }
                }
                score.map(|s| s as f32 * self.scale)
            })
            .collect();
        viterbi(&emissions, &self.start, &self.transitions)
    }
}

/// The highest-scoring label sequence under first-order transitions.
pub fn viterbi(
    emissions: &[[f32; N_LABELS]],
    start: &[f32; N_LABELS],
    transitions: &[[f32; N_LABELS]; N_LABELS],
) -> Vec<usize> {
    if emissions.is_empty() {
        return Vec::new();
    }
    let n = emissions.len();
    let mut back = vec![[0u8; N_LABELS]; n];
    let mut best: [f32; N_LABELS] = std::array::from_fn(|l| start[l] + emissions[0][l]);
    for i in 1..n {
        let mut next = [f32::NEG_INFINITY; N_LABELS];
        for l in 0..N_LABELS {
            for (p, &score) in best.iter().enumerate() {
                let s = score + transitions[p][l];
                if s > next[l] {
                    next[l] = s;
                    back[i][l] = p as u8;
                }
            }
            next[l] += emissions[i][l];
        }
        best = next;
    }
    let mut label = (0..N_LABELS).max_by(|&a, &b| best[a].total_cmp(&best[b])).unwrap_or(0);
    let mut out = vec![0; n];
    for i in (0..n).rev() {
        out[i] = label;
        label = back[i][label] as usize;
    }
    out
}

/// Per-token facts computed once per sentence and shared by the feature templates.
pub struct Prepared {
    lower: Vec<String>,
    common: Vec<bool>,
    shape: Vec<String>,
    /// Gazetteer kind (1..=5) times 2, plus 1 inside a multi-word match; 0 outside.
    gazetteer: Vec<u8>,
    all_caps: bool,
}

impl Prepared {
    pub fn new(words: &[&str]) -> Self {
        let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
        let common = lower.iter().map(|w| is_common_word(w)).collect();
        let shape = words.iter().map(|w| shape(w)).collect();
        let letters: Vec<&&str> = words.iter().filter(|w| w.chars().any(char::is_alphabetic)).collect();
        let all_caps = letters.len() >= 3 && letters.iter().all(|w| !w.chars().any(char::is_lowercase));
        Prepared {
            lower,
            common,
            shape,
            gazetteer: gazetteer_tags(words),
            all_caps,
        }
    }
}

/// Word shape with runs collapsed: "Borrell" -> "Xx", "U.S." -> "X.X.", "1996-08-30" -> "d-d-d".
fn shape(w: &str) -> String {
    let mut out = String::new();
    let mut last = ' ';
    for c in w.chars() {
        let class = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if class != last || !matches!(class, 'X' | 'x' | 'd') {
            out.push(class);
        }
        last = class;
    }
    out
}

fn gazetteer_tags(words: &[&str]) -> Vec<u8> {
    let mut out = vec![0u8; words.len()];
    let mut i = 0;
    while i < words.len() {
        let mut form = String::new();
        let mut hit = None;
        for j in i..words.len().min(i + 6) {
            if j > i {
                form.push(' ');
            }
            form.push_str(words[j]);
            if let Some(e) = gazetteer::lookup(&form) {
                hit = Some((j + 1, e.kind));
            }
            if !gazetteer::has_longer(&form) {
                break;
            }
        }
        match hit {
            Some((end, kind)) => {
                let code = 2 * match kind {
                    GazKind::Loc => 1,
                    GazKind::Org => 2,
                    GazKind::Misc => 3,
                    GazKind::Demonym => 4,
                    GazKind::Title => 5,
                };
                out[i] = code;
                for o in &mut out[i + 1..end] {
                    *o = code + 1;
                }
                i = end;
            }
            None => i += 1,
        }
    }
    out
}

/// FNV-1a over a template id and parts, folded to a bucket index.
struct FeatureHash(u64);

impl FeatureHash {
    fn new(template: u8) -> Self {
        FeatureHash((0xcbf2_9ce4_8422_2325u64 ^ template as u64).wrapping_mul(0x0100_0000_01b3))
    }
    fn add(mut self, s: &str) -> Self {
        for b in s.bytes().chain(std::iter::once(0xff)) {
            self.0 = (self.0 ^ b as u64).wrapping_mul(0x0100_0000_01b3);
        }
        self
    }
    fn bucket(self) -> u32 {
        let mut z = self.0;
        z = (z ^ (z >> 31)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        (z >> (64 - BUCKET_BITS)) as u32
    }
}

/// Appends the feature buckets of token `i`.
pub fn features(words: &[&str], p: &Prepared, i: usize, out: &mut Vec<u32>) {
    const PAD: &str = "<s>";
    let at = |k: isize| -> (&str, &str, u8) {
        let j = i as isize + k;
        if j < 0 || j as usize >= words.len() {
            (PAD, PAD, 0)
        } else {
            let j = j as usize;
            (&p.lower[j], &p.shape[j], p.gazetteer[j])
        }
    };
    let (w0, s0, g0) = at(0);
    let (wm1, sm1, gm1) = at(-1);
    let (wp1, sp1, gp1) = at(1);
    let (wm2, _, _) = at(-2);
    let (wp2, _, _) = at(2);
    let gaz = |g: u8| ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"][g as usize % 12];
    let push = |out: &mut Vec<u32>, h: FeatureHash| out.push(h.bucket());
    push(out, FeatureHash::new(0));
    push(out, FeatureHash::new(1).add(words[i]));
    push(out, FeatureHash::new(2).add(w0));
    push(out, FeatureHash::new(3).add(wm1));
    push(out, FeatureHash::new(4).add(wp1));
    push(out, FeatureHash::new(5).add(wm2));
    push(out, FeatureHash::new(6).add(wp2));
    let chars: Vec<(usize, char)> = w0.char_indices().collect();
    for k in 1..=4.min(chars.len()) {
        let cut = chars.get(k).map(|c| c.0).unwrap_or(w0.len());
        push(out, FeatureHash::new(10 + k as u8).add(&w0[..cut]));
        let from = chars[chars.len() - k].0;
        push(out, FeatureHash::new(20 + k as u8).add(&w0[from..]));
    }
    push(out, FeatureHash::new(30).add(s0));
    push(out, FeatureHash::new(31).add(sm1));
    push(out, FeatureHash::new(32).add(sp1));
    push(out, FeatureHash::new(33).add(sm1).add(s0).add(sp1));
    push(out, FeatureHash::new(34).add(wm1).add(w0));
    push(out, FeatureHash::new(35).add(w0).add(wp1));
    push(
        out,
        FeatureHash::new(36).add(if i == 0 { "first" } else { "later" }).add(s0),
    );
    push(out, FeatureHash::new(37).add(gaz(g0)));
    push(out, FeatureHash::new(38).add(gaz(gm1)).add(gaz(g0)));
    push(out, FeatureHash::new(39).add(gaz(g0)).add(gaz(gp1)));
    push(
        out,
        FeatureHash::new(40)
            .add(if p.all_caps { "caps" } else { "mixed" })
            .add(s0),
    );
    push(out, FeatureHash::new(41).add(wm1).add(s0));
    push(out, FeatureHash::new(42).add(s0).add(wp1));
    let raw = |k: isize| -> &str {
        let j = i as isize + k;
        if j < 0 || j as usize >= words.len() {
            PAD
        } else {
            words[j as usize]
        }
    };
    push(out, FeatureHash::new(43).add(raw(-1)));
    push(out, FeatureHash::new(44).add(raw(1)));
    let (_, sm2, _) = at(-2);
    let (_, sp2, _) = at(2);
    push(out, FeatureHash::new(45).add(sm2).add(sm1).add(s0));
    push(out, FeatureHash::new(46).add(s0).add(sp1).add(sp2));
    push(out, FeatureHash::new(47).add(gaz(g0)).add(s0));
    if chars.len() >= 5 {
        push(out, FeatureHash::new(48).add(&w0[chars[chars.len() - 5].0..]));
    }
    let common = |k: isize| {
        let j = i as isize + k;
        if j >= 0 && (j as usize) < words.len() && p.common[j as usize] {
            "common"
        } else {
            "rare"
        }
    };
    push(
        out,
        FeatureHash::new(49)
            .add(common(0))
            .add(s0)
            .add(if i == 0 { "first" } else { "later" }),
    );
    push(out, FeatureHash::new(50).add(common(-1)).add(common(0)));
    push(out, FeatureHash::new(51).add(common(0)).add(sp1));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        for (w, s) in [
            ("Borrell", "Xx"),
            ("U.S.", "X.X."),
            ("1996-08-30", "d-d-d"),
            ("EU", "X"),
            ("Hwasong-19", "Xx-d"),
            ("iPhone", "xXx"),
        ] {
            assert_eq!(shape(w), s, "{w}");
        }
    }

    #[test]
    fn common_words_are_found_by_binary_search() {
        for w in ["the", "later", "cooperation", "said"] {
            assert!(is_common_word(w), "{w}");
        }
        for w in ["borrell", "japan", "zzzz", "", "aaaa"] {
            assert!(!is_common_word(w), "{w}");
        }
        let lines: Vec<&str> = COMMON_WORDS.lines().skip(1).collect();
        assert!(lines.windows(2).all(|w| w[0] < w[1]), "sorted");
        assert!(lines.iter().all(|w| is_common_word(w)), "every listed word is found");
    }

    #[test]
    fn viterbi_respects_transitions() {
        let start = [0.0; N_LABELS];
        let mut transitions = [[0.0; N_LABELS]; N_LABELS];
        transitions[1][2] = -100.0; // PER -> ORG forbidden
        let emissions = [[0.0, 5.0, 0.0, 0.0, 0.0], [0.0, 3.0, 4.0, 0.0, 0.0]];
        assert_eq!(viterbi(&emissions, &start, &transitions), vec![1, 1]);
        assert_eq!(viterbi(&[], &start, &transitions), Vec::<usize>::new());
    }

    #[test]
    fn model_bytes_round_trip() {
        let codes: Vec<u8> = (0..BUCKETS * N_LABELS).map(|k| (k % 16) as u8).collect();
        let bytes = Model::to_bytes(0.5, &[1.0; N_LABELS], &[[2.0; N_LABELS]; N_LABELS], &codes);
        let m = Model::from_bytes(&bytes).unwrap();
        assert_eq!((m.scale, m.start[0], m.transitions[4][4]), (0.5, 1.0, 2.0));
        assert!((0..1000).all(|k| m.weight(k) == CODEBOOK[k % 16] as i32));
        assert!(Model::from_bytes(&bytes[..bytes.len() - 1]).is_none());
        assert!(Model::from_bytes(b"nonsense").is_none());
    }
}
