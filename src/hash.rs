//! FNV-1a, the pipeline's string hash. Kept free of other crate code so `build.rs` can
//! include it and compute, at build time, the same hashes the library computes at run time.

/// FNV-1a of a string: stable across runs and platforms, so whatever is keyed or
/// bucketed by it (deduplication terms, tagger features, the tables `build.rs`
/// precomputes) is deterministic.
pub fn fnv(s: &str) -> u64 {
    fnv_bytes(s.bytes())
}

/// FNV-1a of a byte sequence.
pub fn fnv_bytes(bytes: impl Iterator<Item = u8>) -> u64 {
    bytes.fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
    })
}
