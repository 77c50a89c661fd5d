//! The word table: `data/common-words.txt` and `data/word-clusters.txt` compiled into
//! one table of hashed words (src/lexicon/words.rs reads it).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::{env, fs, path::Path};

use crate::hash;

/// Bits of a word's fingerprint (the top bits of its mixed FNV hash): a word that is
/// in neither list matches an entry about once in 2^21 / 30,500 ≈ 70 lookups, and then
/// takes that entry's cluster (the model trains with the same noise). One bit fewer
/// or more moved dev F1 within its noise, and each costs 3.8 KB.
pub const FINGERPRINT_BITS: u32 = 21;

/// Further hash bits stored for a common word, so that common-word membership is as
/// good as exact (one false positive in about 2^31 / 8,000 ≈ 270,000 lookups): rules
/// and the paraphrase verifier's features read it, not only the tagger.
pub const COMMON_CHECK_BITS: u32 = 10;

/// Writes `$OUT_DIR/words.bin`, the entries sorted by fingerprint (words that share one
/// are kept apart, gap 0, the most frequent first), each as its gap from the previous fingerprint (Rice coded
/// with parameter `k`) and its value: a common-word bit and, if set, the
/// [`COMMON_CHECK_BITS`]; a has-cluster bit and, if set, the 8-bit cluster; and
/// `$OUT_DIR/word_clusters.rs`, the coarser clusters each fine cluster belongs to.
/// The blob starts with the entry count (4 bytes, little endian) and `k` (1 byte).
/// A fingerprint costs about 10 bits this way, and gzip cannot shrink the stream
/// further (docs/DESIGN.md, "Tag entities").
pub fn word_table() {
    println!("cargo:rerun-if-changed=data/common-words.txt");
    println!("cargo:rerun-if-changed=data/word-clusters.txt");
    let common = fs::read_to_string("data/common-words.txt").expect("data/common-words.txt is readable");
    let clusters = fs::read_to_string("data/word-clusters.txt").expect("data/word-clusters.txt is readable");
    let mixed = |w: &str| hash::mix(hash::fnv(w));
    // word -> (mixed hash, rank, common, cluster); the rank is the word's line in
    // data/word-clusters.txt, most frequent first.
    let mut words: BTreeMap<&str, (u64, usize, bool, Option<u8>)> = BTreeMap::new();
    let mut parents: Vec<Vec<u8>> = Vec::new();
    for (n, line) in clusters.lines().enumerate() {
        if let Some(rest) = line.strip_prefix('#') {
            // "# 64 clusters: p0 p1 ...": the coarser cluster of each fine one.
            if let Some((_, list)) = rest.split_once("clusters: ") {
                parents.push(list.split(' ').map(|p| p.parse().expect("a cluster number")).collect());
            }
            continue;
        }
        let (word, cluster) = line
            .split_once(' ')
            .unwrap_or_else(|| panic!("data/word-clusters.txt:{}: need `word cluster`", n + 1));
        let cluster: u8 = cluster
            .parse()
            .unwrap_or_else(|_| panic!("data/word-clusters.txt:{}: a cluster is 0..=255", n + 1));
        let rank = words.len();
        words.insert(word, (mixed(word), rank, false, Some(cluster)));
    }
    assert_eq!(parents.len(), 2, "data/word-clusters.txt names two coarser levels");
    for word in common.lines().skip(1).filter(|l| !l.is_empty()) {
        words.entry(word).or_insert((mixed(word), usize::MAX, false, None)).2 = true;
    }
    // By fingerprint, and words that share one by rank: a word found by a fingerprint it
    // shares takes the cluster of the most frequent word that has it.
    let mut entries: Vec<(u64, usize, bool, Option<u8>)> = words.into_values().collect();
    entries.sort_unstable_by_key(|&(h, rank, _, _)| (h >> (64 - FINGERPRINT_BITS), rank, h));
    let count = entries.len();
    // Rice parameter: about log2 of the mean gap.
    let mean_gap = (1u64 << FINGERPRINT_BITS) / count.max(1) as u64;
    let k = 63 - mean_gap.max(1).leading_zeros();
    let mut bits = BitWriter::default();
    let mut previous = 0u64;
    for &(h, _, is_common, cluster) in &entries {
        let fingerprint = h >> (64 - FINGERPRINT_BITS);
        let gap = fingerprint - previous;
        previous = fingerprint;
        // The reader takes a unary run of up to 31 ones (`BitReader::unary`).
        assert!(gap >> k < 32, "a gap of {gap} does not fit the word table's coding");
        for _ in 0..(gap >> k) {
            bits.push(1, 1);
        }
        bits.push(0, 1);
        bits.push(gap & ((1 << k) - 1), k);
        bits.push(is_common as u64, 1);
        if is_common {
            bits.push(h >> (64 - FINGERPRINT_BITS - COMMON_CHECK_BITS), COMMON_CHECK_BITS);
        }
        bits.push(cluster.is_some() as u64, 1);
        if let Some(c) = cluster {
            bits.push(u64::from(c), 8);
        }
    }
    let mut blob = (count as u32).to_le_bytes().to_vec();
    blob.push(k as u8);
    blob.extend(bits.finish());
    let out = Path::new(&env::var("OUT_DIR").unwrap()).to_path_buf();
    fs::write(out.join("words.bin"), &blob).unwrap();
    let mut rs = String::new();
    writeln!(rs, "/// Generated by the build script from data/word-clusters.txt.").unwrap();
    writeln!(rs, "pub const FINGERPRINT_BITS: u32 = {FINGERPRINT_BITS};").unwrap();
    writeln!(rs, "pub const COMMON_CHECK_BITS: u32 = {COMMON_CHECK_BITS};").unwrap();
    for (name, list) in ["MID_CLUSTER", "COARSE_CLUSTER"].iter().zip(&parents) {
        assert_eq!(list.len(), 256, "data/word-clusters.txt: one parent per fine cluster");
        writeln!(rs, "pub static {name}: [u8; 256] = {list:?};").unwrap();
    }
    fs::write(out.join("word_clusters.rs"), rs).unwrap();
}

/// Bits appended low bit first into bytes.
#[derive(Default)]
struct BitWriter {
    bytes: Vec<u8>,
    used: u32,
}

impl BitWriter {
    fn push(&mut self, value: u64, width: u32) {
        for b in 0..width {
            if self.used % 8 == 0 {
                self.bytes.push(0);
            }
            let bit = (value >> b) & 1;
            *self.bytes.last_mut().unwrap() |= (bit as u8) << (self.used % 8);
            self.used += 1;
        }
    }

    fn finish(self) -> Vec<u8> {
        self.bytes
    }
}
