//! FNV-1a, the pipeline's string hash, and SplitMix64's finaliser to combine hashes.
//! Kept free of other crate code so `build.rs` can include it and compute, at build
//! time, the same hashes the library computes at run time.

/// FNV-1a of a string: stable across runs and platforms, so whatever is keyed or
/// bucketed by it (deduplication terms, tagger features, the tables `build.rs`
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
/// (double hashing: probe `i` is `h1 + i * h2`). `build.rs` sets them; the library tests them.
pub fn bloom_probes(hash: u64, bits: u64) -> impl Iterator<Item = u64> {
    let h = mix(hash);
    let (h1, h2) = (h & 0xffff_ffff, (h >> 32) | 1);
    (0..BLOOM_PROBES).map(move |i| (h1 + i * h2) % bits)
}
