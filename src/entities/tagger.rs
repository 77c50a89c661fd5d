//! The learned name tagger: an averaged structured perceptron over hashed
//! features, decoded with Viterbi, labelling each token O / PER / ORG / LOC / MISC
//! (IO encoding: CoNLL-2003's dev set has 4 B- tags in 51,000 tokens, so adjacent
//! same-type names are not worth a second label set).
//!
//! Weights are trained by `newsweave train-ner` (see `train/ner.rs`), quantised to
//! 4-bit codes of a logarithmic [`CODEBOOK`] (two per byte) and saved as
//! `data/ner-model.bin`; the build script (`build/`) entropy codes them by rows ([`codebook::compress`]),
//! which is embedded with `include_bytes!` and decoded once, on first use, to one byte
//! per weight. There is no runtime download. docs/BENCHMARKS.md compares the encodings tried.

use std::sync::OnceLock;

use super::codebook::{self, MAGIC};
pub use super::codebook::{CODEBOOK, N_LABELS};
#[cfg(any(test, feature = "train"))]
pub use super::codebook::LABELS;

use crate::lexicon::gazetteer::{self, GazKind};
use crate::lexicon::words;
use crate::text::hash::mix;
use crate::text::interner::WordIds;
use crate::text::fnv;

/// log2 of the number of feature buckets.
pub const BUCKET_BITS: u32 = 17;
pub const BUCKETS: usize = 1 << BUCKET_BITS;

/// The embedded model's header (the build script (`build/`) copies it from `data/ner-model.bin`).
static EMBEDDED_HEADER: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/ner-header.bin"));
/// The embedded model's weight codes, entropy coded by the build script (`build/`) ([`codebook::compress`]).
static EMBEDDED_WEIGHTS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/ner-weights.bin"));

/// Words news text usually writes in lower case, sorted, one per line after a comment
/// line (`scripts/derive_common_words.py`); the module carries them in the word table
/// (`lexicon::words`).
#[cfg(test)]
static COMMON_WORDS: &str = include_str!("../../data/common-words.txt");

/// True if `lower` (a lower-cased word) is in [`COMMON_WORDS`].
#[cfg(test)]
fn is_common_word(lower: &str) -> bool {
    is_common_hash(fnv(lower))
}

/// Membership in `data/common-words.txt` by the word's [`fnv`] hash (of its lower-case
/// form): the tagger already has it for every token, and the word table is keyed by it.
pub(crate) fn is_common_hash(hash: u64) -> bool {
    words::lookup(hash).common
}

// `Model::add_weights` reads a row of weights as one 8-byte word.
const _: () = assert!(N_LABELS <= 8);

/// A tagging model, its 4-bit weights unpacked to a byte each so scoring is plain additions.
pub struct Model {
    scale: f32,
    start: [f32; N_LABELS],
    transitions: [[f32; N_LABELS]; N_LABELS],
    /// `BUCKETS * N_LABELS` weights in units of `scale`, one row of labels per bucket,
    /// one byte each ([`codebook::to_byte`]).
    weights: Vec<u8>,
    /// Distinct for every model built in this process, so a [`WordCache`] can tell
    /// whether its cached scores belong to it (an address could be reused).
    id: u64,
    /// The [`Partials`] of a position outside the sentence, computed once.
    pad: Partials,
}

impl Model {
    /// The model compiled into this build (`None` if the embedded file is not a model).
    /// It is decoded once, on first use.
    pub fn embedded() -> Option<&'static Model> {
        static DECODED: OnceLock<Option<Model>> = OnceLock::new();
        DECODED
            .get_or_init(|| {
                let weight_byte = |code: u8| codebook::to_byte(CODEBOOK[code as usize & 15]);
                let weights = codebook::decompress(EMBEDDED_WEIGHTS, N_LABELS, weight_byte)?;
                Model::from_parts(EMBEDDED_HEADER, weights)
            })
            .as_ref()
    }

    #[cfg(any(test, feature = "train"))]
    /// Reads the layout written by [`Model::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Option<Model> {
        let (header, packed) = bytes.split_at_checked(codebook::header_len(N_LABELS))?;
        let weights = codebook::unpack(packed).map(codebook::to_byte).collect();
        Model::from_parts(header, weights)
    }

    /// A model from its header and its unpacked weights (one byte each, [`codebook::to_byte`]).
    fn from_parts(header: &[u8], weights: Vec<u8>) -> Option<Model> {
        let rest = header.strip_prefix(MAGIC)?;
        if header.len() != codebook::header_len(N_LABELS) || weights.len() != BUCKETS * N_LABELS {
            return None;
        }
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
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let mut model = Model {
            scale,
            start,
            transitions,
            weights,
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            pad: [[0; N_LABELS]; 5],
        };
        model.pad = model.partials_of(None);
        Some(model)
    }

    #[cfg(any(test, feature = "train"))]
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
        out.extend(codebook::pack(codes));
        out
    }

    /// The best label index for each token of `words`; `cache` keeps per-word facts
    /// and, for this model, per-word partial scores between calls, and the buffers a
    /// sentence needs (the labels returned live there until the next call).
    pub fn tag<'c>(&self, words: &[&str], cache: &'c mut WordCache) -> &'c [usize] {
        self.emissions(words, cache);
        let scratch = &mut cache.scratch;
        viterbi_into(
            &scratch.emissions, &self.start, &self.transitions, &mut scratch.back, &mut scratch.labels,
        );
        &scratch.labels
    }

    /// Label scores of each token (the weights of its [`features`], summed), into
    /// `cache.scratch.emissions`.
    fn emissions(&self, words: &[&str], cache: &mut WordCache) {
        cache.bind_to(self);
        let mut scratch = std::mem::take(&mut cache.scratch);
        // Padded like the window below: a neighbour past either end is `OUTSIDE`.
        let padded = &mut scratch.padded_ids;
        padded.clear();
        padded.extend([OUTSIDE; WINDOW_PAD]);
        for w in words {
            let id = cache.id(w);
            cache.partial(id, self);
            padded.push(id);
        }
        padded.extend([OUTSIDE; WINDOW_PAD]);
        let cache_ref = &*cache;
        decided_outside(&scratch.padded_ids, &cache_ref.facts, &mut scratch.decided);
        // Templates over one word come summed per word from the cache (every word's
        // partials were just computed, so the pad is only taken outside the sentence)...
        let partial = |id: usize| cache_ref.partials.get(id).and_then(Option::as_ref).unwrap_or(&self.pad);
        // ...the rest depend on the context.
        let window = Window::of(words, &scratch.padded_ids, cache_ref, &mut scratch.window);
        scratch.emissions.clear();
        scratch.emissions.extend((0..words.len()).map(|i| {
            if scratch.decided[i] {
                return ONLY_OUTSIDE;
            }
            let mut score = [0i32; N_LABELS];
            for (slot, &id) in scratch.padded_ids[i..i + OFFSETS.len()].iter().enumerate() {
                for (s, &w) in score.iter_mut().zip(&partial(id)[slot]) {
                    *s += w;
                }
            }
            self.add_weights(&window.context_features(i), &mut score);
            score.map(|s| s as f32 * self.scale)
        }));
        cache.scratch = scratch;
    }

    /// Adds the weights of the buckets `feats` to `score`.
    ///
    /// This is the tagger's inner loop (16 buckets for every token scored), so a row is
    /// read as one 8-byte word and summed in 16-bit lanes, even and odd bytes apart
    /// (SIMD within a register): five loads and five additions become one load and two.
    /// A weight byte is the weight plus 128 ([`codebook::to_byte`]), so a lane holds
    /// the weights' sum plus 128 per bucket, and 256 buckets fit in 16 bits.
    fn add_weights(&self, feats: &[u32], score: &mut [i32; N_LABELS]) {
        const LOW_BYTES: u64 = 0x00ff_00ff_00ff_00ff;
        for chunk in feats.chunks(256) {
            let (mut even, mut odd, mut rows) = (0u64, 0u64, 0i32);
            for &f in chunk {
                let start = f as usize * N_LABELS;
                match self.weights.get(start..start + 8) {
                    Some(word) => {
                        let word = u64::from_le_bytes(word.try_into().unwrap_or_default());
                        even += word & LOW_BYTES;
                        odd += (word >> 8) & LOW_BYTES;
                        rows += 1;
                    }
                    // The last row has fewer than eight bytes after its start.
                    None => {
                        for (s, &w) in score.iter_mut().zip(self.weights.get(start..).unwrap_or_default()) {
                            *s += codebook::from_byte(w) as i32;
                        }
                    }
                }
            }
            let lane = |sums: u64, k: u32| (sums >> (16 * k) & 0xffff) as i32 - 128 * rows;
            // Byte l of a row is label l: even labels are in `even`, odd ones in `odd`.
            for (l, s) in score.iter_mut().enumerate() {
                let (sums, k) = if l % 2 == 0 { (even, l / 2) } else { (odd, l / 2) };
                *s += lane(sums, k as u32);
            }
        }
    }

    /// Summed weights of the one-word templates for `word` (`None`: outside the
    /// sentence) at each of [`OFFSETS`].
    fn partials_of(&self, word: Option<&WordFacts>) -> Partials {
        let mut feats = Vec::with_capacity(16);
        std::array::from_fn(|slot| {
            feats.clear();
            word_features(word, OFFSETS[slot], &mut feats);
            let mut score = [0i32; N_LABELS];
            self.add_weights(&feats, &mut score);
            score
        })
    }
}

/// The emission scores of a token that can only be labelled O (label 0).
const ONLY_OUTSIDE: [f32; N_LABELS] = {
    let mut scores = [f32::NEG_INFINITY; N_LABELS];
    scores[0] = 0.0;
    scores
};

/// Tokens whose label is O without scoring: every word within two of them (the
/// templates' reach) is [`WordFacts::quiet`]. About half the tokens of news text are,
/// and no name is made of such words; scoring them was half the tagger's time.
/// `padded` holds the sentence's word ids between [`WINDOW_PAD`] [`OUTSIDE`] ids on
/// each side; `out` gets one flag per word.
fn decided_outside(padded: &[usize], facts: &[WordFacts], out: &mut Vec<bool>) {
    let quiet = |id: usize| facts.get(id).is_none_or(|f| f.quiet);
    out.clear();
    out.extend(
        padded
            .windows(2 * WINDOW_PAD + 1)
            .map(|reach| reach.iter().all(|&id| quiet(id))),
    );
}

/// Offsets from the scored token at which a word's own templates apply.
const OFFSETS: [isize; 5] = [-2, -1, 0, 1, 2];

/// A word's summed one-word template weights, per slot of [`OFFSETS`].
type Partials = [[i32; N_LABELS]; 5];

#[cfg(any(test, feature = "train"))]
/// The highest-scoring label sequence under first-order transitions.
pub fn viterbi(
    emissions: &[[f32; N_LABELS]],
    start: &[f32; N_LABELS],
    transitions: &[[f32; N_LABELS]; N_LABELS],
) -> Vec<usize> {
    let mut labels = Vec::new();
    viterbi_into(emissions, start, transitions, &mut Vec::new(), &mut labels);
    labels
}

/// [`viterbi`] into `out`, with `back` as scratch space for the back pointers.
fn viterbi_into(
    emissions: &[[f32; N_LABELS]],
    start: &[f32; N_LABELS],
    transitions: &[[f32; N_LABELS]; N_LABELS],
    back: &mut Vec<[u8; N_LABELS]>,
    out: &mut Vec<usize>,
) {
    out.clear();
    if emissions.is_empty() {
        return;
    }
    let n = emissions.len();
    back.clear();
    back.resize(n, [0u8; N_LABELS]);
    let mut best: [f32; N_LABELS] = std::array::from_fn(|l| start[l] + emissions[0][l]);
    for i in 1..n {
        let mut next = [f32::NEG_INFINITY; N_LABELS];
        // A token decided O ([`ONLY_OUTSIDE`]) can end in no other label.
        let labels = if emissions[i][1] == f32::NEG_INFINITY {
            1
        } else {
            N_LABELS
        };
        for l in 0..labels {
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
    out.resize(n, 0);
    for i in (0..n).rev() {
        out[i] = label;
        label = back[i][label] as usize;
    }
}

/// What the feature templates need to know about one word, as hashes.
#[derive(Clone, Copy, Debug, PartialEq)]
struct WordFacts {
    /// Hashes of the word as written, lower-cased, and of its shape.
    raw: u64,
    lower: u64,
    shape: u64,
    /// Hashes of the lower-cased word's first 1..=4 characters; `None` past its length.
    prefixes: [Option<u64>; 4],
    /// Hashes of its last 1..=5 characters; `None` past its length.
    suffixes: [Option<u64>; 5],
    common: bool,
    /// The word's cluster ids, finest first (0: not in the table).
    clusters: [u16; 3],
    has_letters: bool,
    has_lowercase: bool,
    /// Has no capital and no digit ("the", "anti-war", ","): names have one or the other.
    quiet: bool,
}

impl WordFacts {
    fn of(w: &str, lower: &mut String, shape: &mut String, bounds: &mut Vec<usize>) -> Self {
        // A curled apostrophe would make every such word unknown to the model.
        let straight = crate::text::straight_apostrophes(w);
        let w = straight.as_ref();
        lower.clear();
        for c in w.chars() {
            if c.is_ascii() {
                lower.push(c.to_ascii_lowercase());
            } else {
                lower.extend(c.to_lowercase());
            }
        }
        bounds.clear();
        bounds.extend(lower.char_indices().map(|(b, _)| b));
        bounds.push(lower.len());
        let chars = bounds.len() - 1;
        shape_into(w, shape);
        let lower_hash = fnv(lower);
        let info = words::lookup(lower_hash);
        WordFacts {
            raw: fnv(w),
            lower: lower_hash,
            shape: fnv(shape),
            prefixes: std::array::from_fn(|k| (k < chars).then(|| fnv(&lower[..bounds[k + 1]]))),
            suffixes: std::array::from_fn(|k| (k < chars).then(|| fnv(&lower[bounds[chars - k - 1]..]))),
            common: info.common,
            clusters: info.clusters,
            has_letters: w.chars().any(char::is_alphabetic),
            has_lowercase: w.chars().any(char::is_lowercase),
            quiet: !w.chars().any(|c| c.is_uppercase() || c.is_numeric()),
        }
    }
}

/// [`WordFacts`] of every distinct word seen so far, and the word's [`Partials`]
/// under the model last used with [`Model::tag`]. Most tokens of a text repeat a word
/// already seen ("the", "said", a name), so one cache (kept between `weave` calls, or
/// one per training run) saves most of the hashing and most weight lookups.
#[derive(Default)]
pub struct WordCache {
    ids: WordIds,
    facts: Vec<WordFacts>,
    /// Each word's [`WordSeeds`]: computed with its facts, as they depend on nothing else.
    seeds: Vec<WordSeeds>,
    partials: Vec<Option<Partials>>,
    /// [`Model`] id the partials belong to (0: none yet).
    model: u64,
    lower: String,
    shape: String,
    bounds: Vec<usize>,
    scratch: Scratch,
}

/// The buffers [`Model::tag`] fills for each sentence, kept with the cache so that a
/// sentence allocates nothing once they have grown: the tagger made about a dozen
/// allocations per sentence, and the allocator was 6 % of a wasm call.
#[derive(Default)]
struct Scratch {
    /// The sentence's word ids between [`WINDOW_PAD`] [`OUTSIDE`] ids on each side.
    padded_ids: Vec<usize>,
    decided: Vec<bool>,
    window: WindowBuffers,
    emissions: Vec<[f32; N_LABELS]>,
    back: Vec<[u8; N_LABELS]>,
    labels: Vec<usize>,
}

/// The id of a position outside the sentence: no word has it, so lookups by it miss.
const OUTSIDE: usize = usize::MAX;

impl WordCache {
    /// Distinct words cached.
    pub(crate) fn len(&self) -> usize {
        self.facts.len()
    }

    /// The index of `w` in `facts`, computing its facts on first sight.
    fn id(&mut self, w: &str) -> usize {
        let (id, new) = self.ids.id(w);
        if !new {
            return id;
        }
        let facts = WordFacts::of(w, &mut self.lower, &mut self.shape, &mut self.bounds);
        self.seeds.push(WordSeeds::of(facts.lower, facts.shape, facts.common));
        self.facts.push(facts);
        self.partials.push(None);
        id
    }

    /// Drops partial scores computed under another model (training evaluates several).
    fn bind_to(&mut self, model: &Model) {
        if self.model != model.id {
            self.model = model.id;
            self.partials.iter_mut().for_each(|p| *p = None);
        }
    }

    fn partial(&mut self, id: usize, model: &Model) -> &Partials {
        let facts = &self.facts[id];
        self.partials[id].get_or_insert_with(|| model.partials_of(Some(facts)))
    }
}

#[cfg(any(test, feature = "train"))]
/// Per-token facts of one sentence, shared by the feature templates.
pub struct Prepared {
    words: Vec<WordFacts>,
    sentence: SentenceFacts,
}

#[cfg(any(test, feature = "train"))]
impl Prepared {
    pub fn new(words: &[&str], cache: &mut WordCache) -> Self {
        let ids: Vec<usize> = words.iter().map(|w| cache.id(w)).collect();
        Prepared {
            words: ids.iter().map(|&id| cache.facts[id]).collect(),
            sentence: SentenceFacts::of(words, &ids, cache),
        }
    }
}

#[cfg(any(test, feature = "train"))]
/// What the context templates know of the sentence beyond its words.
struct SentenceFacts {
    /// Gazetteer kind (1..=5) times 2, plus 1 inside a multi-word match; 0 outside.
    gazetteer: Vec<u8>,
    all_caps: bool,
}

#[cfg(any(test, feature = "train"))]
impl SentenceFacts {
    fn of(words: &[&str], ids: &[usize], cache: &WordCache) -> Self {
        let all_caps = all_caps(ids.iter().map(|&id| &cache.facts[id]));
        let mut gazetteer = Vec::with_capacity(words.len());
        gazetteer_tags(words, &mut String::new(), &mut gazetteer);
        SentenceFacts { gazetteer, all_caps }
    }
}

/// True for a sentence in capitals (a headline, a dateline): three words with letters
/// or more, and no lower-case letter.
fn all_caps<'f>(words: impl Iterator<Item = &'f WordFacts> + Clone) -> bool {
    words.clone().filter(|f| f.has_letters).count() >= 3
        && words.into_iter().all(|f| !f.has_letters || !f.has_lowercase)
}

/// Word shape with runs collapsed: "Borrell" -> "Xx", "U.S." -> "X.X.", "1996-08-30" -> "d-d-d".
fn shape_into(w: &str, out: &mut String) {
    out.clear();
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
}

/// Appends the gazetteer code of each of `words` to `out` (see
/// [`SentenceFacts::gazetteer`]); `form` is scratch space.
fn gazetteer_tags(words: &[&str], form: &mut String, out: &mut Vec<u8>) {
    let first = out.len();
    out.resize(first + words.len(), 0);
    let out = &mut out[first..];
    let mut i = 0;
    while i < words.len() {
        // Forms start with a capital (one or two lower-case generic terms aside, which the
        // tagger does not need): most tokens cost one character test.
        if !words[i].starts_with(char::is_uppercase) {
            i += 1;
            continue;
        }
        form.clear();
        let mut hit = None;
        for (j, word) in words.iter().enumerate().take(i + 6).skip(i) {
            if j > i {
                form.push(' ');
            }
            form.push_str(word);
            if let Some(e) = gazetteer::lookup(form) {
                hit = Some((j + 1, e.kind));
            }
            if !gazetteer::has_longer(form) {
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
}

/// `mix(t)` for every template id `t`, computed at compile time: each feature starts from one.
const TEMPLATE_SEEDS: [u64; 64] = {
    let mut seeds = [0u64; 64];
    let mut t = 0;
    while t < 64 {
        seeds[t] = mix(t as u64);
        t += 1;
    }
    seeds
};

/// The bucket of template `template` (below 64) over the hashed parts. (A cheaper
/// one-multiply combine was tried: dev F1 fell from 0.9014 to 0.8971.)
fn bucket(template: usize, parts: &[u64]) -> u32 {
    finish(parts.iter().fold(TEMPLATE_SEEDS[template], |h, &p| step(h, p)))
}

/// One part folded into a template's running hash.
const fn step(h: u64, part: u64) -> u64 {
    mix(h ^ part)
}

/// The bucket of a fully folded hash.
const fn finish(h: u64) -> u32 {
    (h >> (64 - BUCKET_BITS)) as u32
}

/// Stands for a word outside the sentence.
const PAD: u64 = 0x005e_ed0f_5e47_e4ce;

#[cfg(any(test, feature = "train"))]
/// Appends the feature buckets of token `i`: the one-word templates of the words
/// around it, then the templates over its context.
pub fn features(p: &Prepared, i: usize, out: &mut Vec<u32>) {
    for offset in OFFSETS {
        let word = i.checked_add_signed(offset).and_then(|j| p.words.get(j));
        word_features(word, offset, out);
    }
    context_features(p, i, out);
}

/// The templates that look at one word only (`None`: outside the sentence) at
/// `offset` from the scored token. Their weights can be summed once per word.
fn word_features(word: Option<&WordFacts>, offset: isize, out: &mut Vec<u32>) {
    let lower = word.map_or(PAD, |f| f.lower);
    let shape = word.map_or(PAD, |f| f.shape);
    let raw = word.map_or(PAD, |f| f.raw);
    // The word's cluster, finest first (`lexicon::words`): the scored word's at all three
    // granularities, its neighbours' at the two coarser ones.
    let cluster = |k: usize| word.map_or(PAD, |f| f.clusters[k] as u64);
    match offset {
        -2 => out.push(bucket(5, &[lower])),
        -1 => out.extend_from_slice(&[
            bucket(3, &[lower]),
            bucket(31, &[shape]),
            bucket(43, &[raw]),
            bucket(56, &[cluster(1)]),
            bucket(61, &[cluster(2)]),
        ]),
        1 => out.extend_from_slice(&[
            bucket(4, &[lower]),
            bucket(32, &[shape]),
            bucket(44, &[raw]),
            bucket(58, &[cluster(1)]),
            bucket(63, &[cluster(2)]),
        ]),
        2 => out.push(bucket(6, &[lower])),
        _ => {
            out.extend_from_slice(&[
                bucket(0, &[]),
                bucket(1, &[raw]),
                bucket(2, &[lower]),
                bucket(30, &[shape]),
                bucket(52, &[cluster(0)]),
                bucket(53, &[cluster(1)]),
                bucket(54, &[cluster(2)]),
            ]);
            let Some(f) = word else { return };
            for (k, h) in f.prefixes.iter().enumerate().filter_map(|(k, h)| h.map(|h| (k, h))) {
                out.push(bucket(10 + k, &[h]));
            }
            for (k, h) in f.suffixes.iter().enumerate().filter_map(|(k, h)| h.map(|h| (k, h))) {
                out.push(bucket(20 + k, &[h]));
            }
        }
    }
}

#[cfg(any(test, feature = "train"))]
/// The templates over pairs and triples of words, gazetteer tags and sentence facts.
fn context_features(p: &Prepared, i: usize, out: &mut Vec<u32>) {
    let word = |k: isize| -> Option<&WordFacts> { i.checked_add_signed(k).and_then(|j| p.words.get(j)) };
    let lower = |k: isize| word(k).map_or(PAD, |f| f.lower);
    let shape = |k: isize| word(k).map_or(PAD, |f| f.shape);
    let common = |k: isize| word(k).is_some_and(|f| f.common) as u64;
    let gaz = |k: isize| {
        i.checked_add_signed(k)
            .and_then(|j| p.sentence.gazetteer.get(j))
            .map_or(0, |&g| g as u64)
    };
    let (w0, wm1, wp1) = (lower(0), lower(-1), lower(1));
    let (s0, sm1, sp1, sm2, sp2) = (shape(0), shape(-1), shape(1), shape(-2), shape(2));
    let first = (i == 0) as u64;
    out.extend_from_slice(&[
        bucket(33, &[sm1, s0, sp1]),
        bucket(34, &[wm1, w0]),
        bucket(35, &[w0, wp1]),
        bucket(36, &[first, s0]),
        bucket(37, &[gaz(0)]),
        bucket(38, &[gaz(-1), gaz(0)]),
        bucket(39, &[gaz(0), gaz(1)]),
        bucket(40, &[p.sentence.all_caps as u64, s0]),
        bucket(41, &[wm1, s0]),
        bucket(42, &[s0, wp1]),
        bucket(45, &[sm2, sm1, s0]),
        bucket(46, &[s0, sp1, sp2]),
        bucket(47, &[gaz(0), s0]),
        bucket(49, &[common(0), s0, first]),
        bucket(50, &[common(-1), common(0)]),
        bucket(51, &[common(0), sp1]),
    ]);
}

/// How many buckets [`context_features`] appends per token.
const CONTEXT_TEMPLATES: usize = 16;

/// The first steps of the context templates that begin with one word's facts, folded
/// once per distinct word (see [`Window::context_features`]).
#[derive(Clone, Copy)]
struct WordSeeds {
    /// Templates 33, 41 and 34 start at the previous word; 45 two words back.
    shape_33: u64,
    lower_34: u64,
    lower_41: u64,
    shape_45: u64,
    /// Templates 35, 42, 46 and 49 start at the scored word.
    lower_35: u64,
    shape_42: u64,
    shape_46: u64,
    common_shape_49: u64,
}

impl WordSeeds {
    const fn of(lower: u64, shape: u64, common: bool) -> Self {
        let seed = TEMPLATE_SEEDS;
        WordSeeds {
            shape_33: step(seed[33], shape),
            lower_34: step(seed[34], lower),
            lower_41: step(seed[41], lower),
            shape_45: step(seed[45], shape),
            lower_35: step(seed[35], lower),
            shape_42: step(seed[42], shape),
            shape_46: step(seed[46], shape),
            common_shape_49: step(step(seed[49], common as u64), shape),
        }
    }
}

/// The seeds of a position outside the sentence.
const PAD_SEEDS: WordSeeds = WordSeeds::of(PAD, PAD, false);

/// Gazetteer codes of [`SentenceFacts::gazetteer`] are below this.
const GAZ_CODES: usize = 12;

/// First steps of the templates that begin with a gazetteer code (37 and 47), and the
/// buckets of those over two codes (38, 39), for every code.
const GAZ_STEPS_37: [u64; GAZ_CODES] = gaz_steps(37);
const GAZ_STEPS_47: [u64; GAZ_CODES] = gaz_steps(47);
const GAZ_PAIRS_38: [[u32; GAZ_CODES]; GAZ_CODES] = gaz_pair_buckets(38);
const GAZ_PAIRS_39: [[u32; GAZ_CODES]; GAZ_CODES] = gaz_pair_buckets(39);

const fn gaz_steps(template: usize) -> [u64; GAZ_CODES] {
    let mut out = [0; GAZ_CODES];
    let mut g = 0;
    while g < GAZ_CODES {
        out[g] = step(TEMPLATE_SEEDS[template], g as u64);
        g += 1;
    }
    out
}

const fn gaz_pair_buckets(template: usize) -> [[u32; GAZ_CODES]; GAZ_CODES] {
    let steps = gaz_steps(template);
    let mut out = [[0; GAZ_CODES]; GAZ_CODES];
    let mut a = 0;
    while a < GAZ_CODES {
        let mut b = 0;
        while b < GAZ_CODES {
            out[a][b] = finish(step(steps[a], b as u64));
            b += 1;
        }
        a += 1;
    }
    out
}

/// First steps of the templates that begin with a flag (36: first word, 40: all caps,
/// 51: common word), and the buckets of 50 (two common-word flags).
const FLAG_STEPS_36: [u64; 2] = flag_steps(36);
const FLAG_STEPS_40: [u64; 2] = flag_steps(40);
const FLAG_STEPS_51: [u64; 2] = flag_steps(51);
const FLAG_PAIRS_50: [[u32; 2]; 2] = {
    let [off, on] = flag_steps(50);
    [
        [finish(step(off, 0)), finish(step(off, 1))],
        [finish(step(on, 0)), finish(step(on, 1))],
    ]
};

const fn flag_steps(template: usize) -> [u64; 2] {
    [step(TEMPLATE_SEEDS[template], 0), step(TEMPLATE_SEEDS[template], 1)]
}

/// Positions outside the sentence on each side of a [`Window`]: templates look two
/// words away.
const WINDOW_PAD: usize = 2;

/// One sentence as the cached context templates read it: each position's word facts
/// and [`WordSeeds`], with [`WINDOW_PAD`] outside positions on each side so that a
/// neighbour needs no bounds test.
struct Window<'a> {
    /// `(lower, shape, common)` hashes and flag of each position.
    words: &'a [(u64, u64, usize)],
    /// Word ids by position ([`OUTSIDE`] past either end), and the seeds by word id.
    padded_ids: &'a [usize],
    seeds: &'a [WordSeeds],
    gazetteer: &'a [u8],
    all_caps: bool,
}

/// What a [`Window`] is built in, reused from one sentence to the next.
#[derive(Default)]
struct WindowBuffers {
    words: Vec<(u64, u64, usize)>,
    gazetteer: Vec<u8>,
    form: String,
}

impl<'a> Window<'a> {
    /// The window of `words`, whose ids `padded_ids` holds between [`WINDOW_PAD`]
    /// [`OUTSIDE`] ids on each side.
    fn of(words: &[&str], padded_ids: &'a [usize], cache: &'a WordCache, buffers: &'a mut WindowBuffers) -> Self {
        let facts = |id: usize| cache.facts.get(id);
        let all_caps = all_caps(padded_ids.iter().filter_map(|&id| facts(id)));
        buffers.words.clear();
        buffers.words.extend(
            padded_ids
                .iter()
                .map(|&id| facts(id).map_or((PAD, PAD, 0), |f| (f.lower, f.shape, f.common as usize))),
        );
        buffers.gazetteer.clear();
        buffers.gazetteer.extend([0; WINDOW_PAD]);
        gazetteer_tags(words, &mut buffers.form, &mut buffers.gazetteer);
        buffers.gazetteer.extend([0; WINDOW_PAD]);
        Window {
            words: &buffers.words,
            padded_ids,
            seeds: &cache.seeds,
            gazetteer: &buffers.gazetteer,
            all_caps,
        }
    }

    /// The buckets of [`context_features`] for token `i`, in the same order, from the
    /// words' cached [`WordSeeds`] and constant tables: 16 hash steps per token instead
    /// of 35. The tagger scores every token of every sentence, so this is its hottest
    /// loop; `cached_context_features_equal_the_templates` checks the two agree.
    fn context_features(&self, i: usize) -> [u32; CONTEXT_TEMPLATES] {
        let Some(&[(_, _, _), (_, sm1, cm1), (w0, s0, c0), (wp1, sp1, _), (_, sp2, _)]) =
            self.words.get(i..i + 2 * WINDOW_PAD + 1)
        else {
            return [0; CONTEXT_TEMPLATES]; // past the sentence: not called
        };
        let seeds = |k: usize| {
            self.padded_ids
                .get(i + k)
                .and_then(|&id| self.seeds.get(id))
                .unwrap_or(&PAD_SEEDS)
        };
        let (two_before, before, here) = (seeds(0), seeds(1), seeds(2));
        let gaz = |k: usize| self.gazetteer[i + k] as usize;
        let (gm1, g0, gp1) = (gaz(1), gaz(2), gaz(3));
        let first = (i == 0) as usize;
        // A code past the tables cannot come from `gazetteer_tags`; fall back to hashing.
        let gaz_step = |table: &[u64; GAZ_CODES], t: usize, g: usize| {
            table
                .get(g)
                .copied()
                .unwrap_or_else(|| step(TEMPLATE_SEEDS[t], g as u64))
        };
        let gaz_pair = |table: &[[u32; GAZ_CODES]; GAZ_CODES], t: usize, a: usize, b: usize| {
            table
                .get(a)
                .and_then(|row| row.get(b))
                .copied()
                .unwrap_or_else(|| bucket(t, &[a as u64, b as u64]))
        };
        [
            finish(step(step(before.shape_33, s0), sp1)),
            finish(step(before.lower_34, w0)),
            finish(step(here.lower_35, wp1)),
            finish(step(FLAG_STEPS_36[first], s0)),
            finish(gaz_step(&GAZ_STEPS_37, 37, g0)),
            gaz_pair(&GAZ_PAIRS_38, 38, gm1, g0),
            gaz_pair(&GAZ_PAIRS_39, 39, g0, gp1),
            finish(step(FLAG_STEPS_40[self.all_caps as usize], s0)),
            finish(step(before.lower_41, s0)),
            finish(step(here.shape_42, wp1)),
            finish(step(step(two_before.shape_45, sm1), s0)),
            finish(step(step(here.shape_46, sp1), sp2)),
            finish(step(gaz_step(&GAZ_STEPS_47, 47, g0), s0)),
            finish(step(here.common_shape_49, first as u64)),
            FLAG_PAIRS_50[cm1 & 1][c0 & 1],
            finish(step(FLAG_STEPS_51[c0 & 1], sp1)),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        let mut out = String::new();
        for (w, s) in [
            ("Borrell", "Xx"),
            ("U.S.", "X.X."),
            ("1996-08-30", "d-d-d"),
            ("EU", "X"),
            ("Hwasong-19", "Xx-d"),
            ("iPhone", "xXx"),
        ] {
            shape_into(w, &mut out);
            assert_eq!(out, s, "{w}");
        }
    }

    #[test]
    fn affix_hashes_follow_characters_not_bytes() {
        let mut cache = WordCache::default();
        let p = Prepared::new(&["Ünïon", "EU"], &mut cache);
        assert_eq!(p.words[0].prefixes[1], Some(fnv("ün")));
        assert_eq!(p.words[0].suffixes[4], Some(fnv("ünïon")));
        assert_eq!(p.words[1].prefixes, [Some(fnv("e")), Some(fnv("eu")), None, None]);
        assert_eq!(p.words[1].suffixes[2], None);
        let id = cache.id("EU");
        assert_eq!(cache.facts[id], p.words[1], "cached facts are the computed ones");
    }

    /// The lane-wise sum must equal adding the weights one by one, for the last row
    /// (shorter than a word) and past the 256 rows a lane holds.
    #[test]
    fn weights_summed_in_lanes_equal_the_plain_sum() {
        let Some(model) = Model::embedded() else { return };
        let last = (BUCKETS - 1) as u32;
        let many: Vec<u32> = (0..600u32)
            .map(|k| k.wrapping_mul(2_654_435_761) % BUCKETS as u32)
            .collect();
        for feats in [vec![], vec![0, last], vec![last, last, 7], many] {
            let mut plain = [0i32; N_LABELS];
            for &f in &feats {
                for (s, &w) in plain
                    .iter_mut()
                    .zip(&model.weights[f as usize * N_LABELS..][..N_LABELS])
                {
                    *s += codebook::from_byte(w) as i32;
                }
            }
            let mut lanes = [0i32; N_LABELS];
            model.add_weights(&feats, &mut lanes);
            assert_eq!(lanes, plain, "{} rows", feats.len());
            assert!(feats.len() < 600 || plain.iter().any(|&s| s != 0));
        }
    }

    /// The ids of `words` between the pads a [`Window`] expects.
    fn padded_ids(words: &[&str], cache: &mut WordCache) -> Vec<usize> {
        let ids = words.iter().map(|w| cache.id(w));
        [OUTSIDE; WINDOW_PAD]
            .into_iter()
            .chain(ids)
            .chain([OUTSIDE; WINDOW_PAD])
            .collect()
    }

    /// Scoring sums cached per-word partials; it must equal summing every feature. A
    /// token decided without scoring must be one that full scoring labels O too.
    #[test]
    fn cached_partial_scores_equal_the_full_feature_sum() {
        let Some(model) = Model::embedded() else { return };
        let mut cache = WordCache::default();
        let mut decided = 0;
        for sentence in [
            "EU foreign policy chief Josep Borrell heads to South Korea .",
            "TOKYO ( AFP ) -- Japan and the EU said on Friday",
            "the pact , which was announced on Friday , will take effect once both sides have ratified it .",
            "talks were held in the anti-Semitic al-Fakhora district , officials said .",
            "x",
        ] {
            let words: Vec<&str> = sentence.split(' ').collect();
            model.emissions(&words, &mut cache);
            let fast = cache.scratch.emissions.clone();
            let p = Prepared::new(&words, &mut cache);
            for (i, scores) in fast.iter().enumerate() {
                let mut feats = Vec::new();
                features(&p, i, &mut feats);
                let mut full = [0i32; N_LABELS];
                model.add_weights(&feats, &mut full);
                if *scores == ONLY_OUTSIDE {
                    decided += 1;
                    let best = (0..N_LABELS).max_by_key(|&l| full[l]);
                    assert_eq!(best, Some(0), "{sentence}: token {i} decided O, scored {full:?}");
                } else {
                    assert_eq!(*scores, full.map(|s| s as f32 * model.scale), "{sentence}: token {i}");
                }
            }
        }
        assert!(
            decided >= 10,
            "long lower-case stretches are decided without scoring ({decided})"
        );
    }

    /// A token is decided only when nothing within the templates' reach has a capital or a digit.
    #[test]
    fn tokens_near_capitals_or_digits_are_scored() {
        let mut cache = WordCache::default();
        for (sentence, expected) in [
            ("a b c d e f", "DDDDDD"),
            ("a b c Seoul d e f g", "D.....DD"),
            ("a b c d 2024 e f g h", "DD.....DD"),
            ("a b anti-Semitic c d e", ".....D"),
            ("x , y", "DDD"),
            ("", ""),
        ] {
            let words: Vec<&str> = sentence.split(' ').filter(|w| !w.is_empty()).collect();
            let padded = padded_ids(&words, &mut cache);
            let mut decided = Vec::new();
            decided_outside(&padded, &cache.facts, &mut decided);
            let got: String = decided.iter().map(|&d| if d { 'D' } else { '.' }).collect();
            assert_eq!(got, expected, "{sentence}");
        }
    }

    /// The cached path must give exactly the buckets the templates define, at every
    /// position (sentence edges, gazetteer names, all-caps sentences, common words).
    #[test]
    fn cached_context_features_equal_the_templates() {
        let mut cache = WordCache::default();
        for sentence in [
            "EU foreign policy chief Josep Borrell heads to South Korea .",
            "TOKYO ( AFP ) -- Japan and the European Union said on Friday",
            "NORTH KOREA FIRES NEW MISSILE",
            "x",
            "",
        ] {
            let words: Vec<&str> = sentence.split(' ').filter(|w| !w.is_empty()).collect();
            let p = Prepared::new(&words, &mut cache);
            let padded = padded_ids(&words, &mut cache);
            let mut buffers = WindowBuffers::default();
            let window = Window::of(&words, &padded, &cache, &mut buffers);
            assert!(window.gazetteer.iter().any(|&g| g > 0) || !sentence.contains("Korea"));
            for i in 0..words.len() {
                let mut reference = Vec::new();
                context_features(&p, i, &mut reference);
                assert_eq!(window.context_features(i).to_vec(), reference, "{sentence}: token {i}");
            }
        }
    }

    #[test]
    fn common_words_are_found_by_their_hash() {
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
    fn embedded_model_is_the_model_file_decoded() {
        let file = Model::from_bytes(include_bytes!("../../data/ner-model.bin")).expect("the model file reads");
        let embedded = Model::embedded().expect("the embedded model reads");
        assert_eq!(
            (file.scale, file.start, file.transitions),
            (embedded.scale, embedded.start, embedded.transitions)
        );
        assert!(file.weights == embedded.weights);
    }

    #[test]
    fn model_bytes_round_trip() {
        let codes: Vec<u8> = (0..BUCKETS * N_LABELS).map(|k| (k % 16) as u8).collect();
        let bytes = Model::to_bytes(0.5, &[1.0; N_LABELS], &[[2.0; N_LABELS]; N_LABELS], &codes);
        let m = Model::from_bytes(&bytes).unwrap();
        assert_eq!((m.scale, m.start[0], m.transitions[4][4]), (0.5, 1.0, 2.0));
        assert!((0..1000).all(|k| codebook::from_byte(m.weights[k]) == CODEBOOK[k % 16]));
        assert!(Model::from_bytes(&bytes[..bytes.len() - 1]).is_none());
        assert!(Model::from_bytes(b"nonsense").is_none());
    }
}

