//! FNV-1a, the pipeline's string hash, and SplitMix64's finaliser to combine hashes.
//! Kept free of other crate code so the build script (`build/`) can include it and compute, at build
//! time, the same hashes the library computes at run time.

/// FNV-1a of a string: stable across runs and platforms, so whatever is keyed or
/// bucketed by it (deduplication terms, tagger features, the tables the build script (`build/`)
/// precomputes) is deterministic.
pub fn fnv(s: &str) -> u64 {
    fnv_bytes(s.bytes())
}

/// FNV-1a of a byte sequence.
pub fn fnv_bytes(bytes: impl Iterator<Item = u8>) -> u64 {
    bytes.fold(FNV_OFFSET, |h, b| fnv_step(h, b as u64))
}

/// FNV-1a's starting state (the 64-bit offset basis).
pub const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// One FNV-1a step: mix `value` (a byte, or a character code) into `state`.
pub fn fnv_step(state: u64, value: u64) -> u64 {
    (state ^ value).wrapping_mul(0x0100_0000_01b3)
}

/// SplitMix64's finaliser: a fast, well-mixed, deterministic 64-bit hash step, to combine
/// hashes (tagger features, MinHash bands).
pub const fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// How many bits a [Bloom filter](https://en.wikipedia.org/wiki/Bloom_filter) entry
/// sets: with 10 bits per entry, 7 probes give about 1 % false positives.
pub const BLOOM_PROBES: u64 = 7;

/// The bits of a Bloom filter of `bits` bits that the entry hashed to `hash` sets
/// (double hashing: probe `i` is `h1 + i * h2`). the build script (`build/`) sets them; the library tests them.
pub fn bloom_probes(hash: u64, bits: u64) -> impl Iterator<Item = u64> {
    let h = mix(hash);
    let (h1, h2) = (h & 0xffff_ffff, (h >> 32) | 1);
    (0..BLOOM_PROBES).map(move |i| (h1 + i * h2) % bits)
}

/// [`fnv`] of `s` lower-cased, without allocating for ASCII words.
pub fn fnv_lower(s: &str) -> u64 {
    if s.is_ascii() {
        fnv_bytes(s.bytes().map(|b| b.to_ascii_lowercase()))
    } else {
        fnv(&s.to_lowercase())
    }
}

/// Hash of the letters and digits of `s`, lower-cased: two texts that differ only in
/// case, spacing or punctuation ("“”" against "\"\"") hash alike. No allocation.
pub fn wording_hash(s: &str) -> u64 {
    let mut h = FNV_OFFSET;
    for c in s.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                h = fnv_step(h, c.to_ascii_lowercase() as u64);
            }
        } else if c.is_alphanumeric() {
            h = c.to_lowercase().fold(h, |h, l| fnv_step(h, l as u64));
        }
    }
    h
}

/// A `HashMap` hasher for the pipeline's own keys: FNV-1a over bytes (short words),
/// and a `u64` key used as it is (LSH bucket keys are well-mixed hashes already).
/// Only bucketing depends on it: a collision costs a comparison, never a wrong lookup.
/// SipHash's resistance to crafted collisions buys nothing for maps that live for one
/// call and are keyed by hashes or words of that call.
#[derive(Default, Clone, Copy)]
pub struct BuildFnv;

pub struct FnvHasher(u64);

impl std::hash::BuildHasher for BuildFnv {
    type Hasher = FnvHasher;
    fn build_hasher(&self) -> FnvHasher {
        FnvHasher(FNV_OFFSET)
    }
}

impl std::hash::Hasher for FnvHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = fnv_step(self.0, b as u64);
        }
    }
    fn write_u64(&mut self, n: u64) {
        // A key that is one u64 is a hash already and is used as it is; a further u64 (a
        // composite key) is combined with what came before rather than replacing it.
        self.0 = if self.0 == FNV_OFFSET {
            n
        } else {
            mix(self.0 ^ n)
        };
    }
}
