//! The word table: for a word's hash, whether news writes it in lower case
//! (`data/common-words.txt`) and which cluster of words it belongs to
//! (`data/word-clusters.txt`: k-means over GloVe vectors, at three granularities;
//! `scripts/derive_word_clusters.py`). Compiled by the build script (`build/words.rs`)
//! into sorted, Rice-coded fingerprints with a few bits each, and decoded once, on
//! first use.

use std::sync::OnceLock;

use crate::bits::BitReader;
use crate::text::hash::mix;

// FINGERPRINT_BITS, MID_CLUSTER, COARSE_CLUSTER (the build script).
include!(concat!(env!("OUT_DIR"), "/word_clusters.rs"));

static TABLE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/words.bin"));

/// What the table says of one word.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WordInfo {
    /// In `data/common-words.txt`: news mostly writes it in lower case.
    pub common: bool,
    /// Its cluster at each granularity (256, 64 and 16 clusters), plus one; 0 for a
    /// word without one.
    pub clusters: [u16; 3],
}

/// The decoded table: fingerprints, sorted, and each one's value (bit 20: common,
/// bits 10..20: its check bits; bit 8: has a cluster, low 8 bits: the cluster).
struct Decoded {
    fingerprints: Vec<u32>,
    values: Vec<u32>,
}

const COMMON: u32 = 1 << 20;
const HAS_CLUSTER: u32 = 1 << 8;

/// What the table knows of the word whose [`fnv`](crate::text::fnv) hash (of its
/// lower-case form) is `hash`. A word in neither list gets the default or, about once
/// in 70 words, a listed word's cluster (never, in practice, its common flag: that is
/// checked against 31 bits of the hash).
pub fn lookup(hash: u64) -> WordInfo {
    let table = decoded();
    let mixed = mix(hash);
    let fingerprint = (mixed >> (64 - FINGERPRINT_BITS)) as u32;
    let check = ((mixed >> (64 - FINGERPRINT_BITS - COMMON_CHECK_BITS)) as u32) & ((1 << COMMON_CHECK_BITS) - 1);
    let start = table.fingerprints.partition_point(|&f| f < fingerprint);
    let same = table.fingerprints[start..].iter().take_while(|&&f| f == fingerprint).count();
    let values = &table.values[start..start + same];
    // The word's own entry if it is a common word; otherwise the first with a cluster.
    let own = values.iter().find(|&&v| v & COMMON != 0 && (v >> 10) & 0x3ff == check);
    let Some(&value) = own.or_else(|| values.iter().find(|&&v| v & HAS_CLUSTER != 0)) else {
        return WordInfo::default();
    };
    let fine = (value & 0xff) as usize;
    WordInfo {
        common: own.is_some(),
        clusters: if value & HAS_CLUSTER != 0 {
            [fine as u16 + 1, MID_CLUSTER[fine] as u16 + 1, COARSE_CLUSTER[fine] as u16 + 1]
        } else {
            [0; 3]
        },
    }
}

/// Entries in the table.
#[cfg(test)]
fn len() -> usize {
    decoded().fingerprints.len()
}

fn decoded() -> &'static Decoded {
    static DECODED: OnceLock<Decoded> = OnceLock::new();
    DECODED.get_or_init(|| decode(TABLE).unwrap_or(Decoded { fingerprints: Vec::new(), values: Vec::new() }))
}

/// The table from its blob (`build/words.rs` describes the layout); `None` if it is
/// damaged.
fn decode(blob: &[u8]) -> Option<Decoded> {
    let count = u32::from_le_bytes(blob.get(..4)?.try_into().ok()?) as usize;
    let k = u32::from(*blob.get(4)?);
    let stream = blob.get(5..)?;
    // Every entry takes at least three bits: more entries than that is not a table
    // (and would allocate without bound).
    if k > 24 || count > stream.len().saturating_mul(8) / 3 {
        return None;
    }
    let mut bits = BitReader::new(stream);
    let mut out = Decoded {
        fingerprints: Vec::with_capacity(count),
        values: Vec::with_capacity(count),
    };
    let mut fingerprint = 0u32;
    for _ in 0..count {
        let gap = (bits.unary()? << k) | bits.read(k);
        fingerprint = fingerprint.checked_add(gap)?;
        let common = if bits.read(1) == 1 { COMMON | bits.read(COMMON_CHECK_BITS) << 10 } else { 0 };
        let cluster = if bits.read(1) == 1 { HAS_CLUSTER | bits.read(8) } else { 0 };
        out.fingerprints.push(fingerprint);
        out.values.push(common | cluster);
    }
    // Past its end the stream reads as zero bits: having read past it means a cut table.
    bits.within().then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fnv;

    #[test]
    fn every_listed_word_is_found() {
        let common = include_str!("../../data/common-words.txt");
        for w in common.lines().skip(1).filter(|l| !l.is_empty()) {
            assert!(lookup(fnv(w)).common, "{w}");
        }
        let clusters = include_str!("../../data/word-clusters.txt");
        let mut shared = 0; // words whose fingerprint another word listed before has
        for line in clusters.lines().filter(|l| !l.starts_with('#')) {
            let (w, c) = line.split_once(' ').unwrap();
            let c: u16 = c.parse().unwrap();
            let found = lookup(fnv(w)).clusters;
            if found[0] != c + 1 {
                shared += 1; // a fingerprint shared with a more frequent word
            }
            assert!(found[0] > 0, "{w}");
        }
        assert!(shared < 300, "{shared} words share a fingerprint");
    }

    #[test]
    fn few_other_words_are_found() {
        let found = (0..100_000u64).filter(|k| lookup(fnv(&format!("zq{k}x"))) != WordInfo::default()).count();
        assert!(found < 1_500, "{found} of 100,000 unlisted words found");
        let common = (0..100_000u64).filter(|k| lookup(fnv(&format!("zq{k}x"))).common).count();
        assert!(common <= 2, "{common} of 100,000 unlisted words taken for common words");
        assert!(len() > 10_000);
    }

    #[test]
    fn clusters_group_alike_words() {
        let cluster = |w: &str| lookup(fnv(w)).clusters;
        assert_eq!(cluster("monday"), cluster("tuesday"));
        assert_eq!(cluster("john"), cluster("james"));
        assert_ne!(cluster("monday")[2], 0);
        assert!(decode(&TABLE[..TABLE.len() / 2]).is_none(), "a cut table is refused");
    }
}
