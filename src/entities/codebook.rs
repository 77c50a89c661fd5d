//! The tagger model's file layout, shared with `build.rs` (which decodes the embedded
//! model at build time), so it depends on nothing else in the crate.
//!
//! Layout: [`MAGIC`], the scale, start and transition scores (f32 little-endian),
//! then one 4-bit [`CODEBOOK`] index per weight, two per byte, low nibble first.

/// Label names, in weight order (the file stores one weight per label per bucket).
pub const LABELS: [&str; 5] = ["O", "PER", "ORG", "LOC", "MISC"];
pub const N_LABELS: usize = LABELS.len();

/// First bytes of a model file (the version is its last three characters).
pub const MAGIC: &[u8; 8] = b"NWNER002";

/// The 16 values a 4-bit weight code stands for, in units of the model's scale:
/// roughly logarithmic, so small weights keep their resolution and large ones their range.
pub const CODEBOOK: [i8; 16] = [0, 1, 2, 3, 4, 6, 9, 13, 0, -1, -2, -3, -4, -6, -9, -13];

/// Bytes before the packed weights, for `labels` labels: magic, scale, start and
/// transition scores.
pub const fn header_len(labels: usize) -> usize {
    MAGIC.len() + 4 * (1 + labels + labels * labels)
}

/// The weights of packed codes, two per byte.
pub fn unpack(packed: &[u8]) -> impl Iterator<Item = i8> + '_ {
    packed
        .iter()
        .flat_map(|&b| [CODEBOOK[(b & 0x0f) as usize], CODEBOOK[(b >> 4) as usize]])
}

/// A weight as an unpacked byte: its two's-complement bits with the sign bit flipped,
/// so a zero weight is not a zero byte. Most weights are zero, and wasm-opt splits a
/// data segment at every run of zero bytes; the many small segments gzip about 60 KB worse
/// than one.
pub fn to_byte(weight: i8) -> u8 {
    weight as u8 ^ 0x80
}

/// The weight of an unpacked byte (see [`to_byte`]).
pub fn from_byte(byte: u8) -> i8 {
    (byte ^ 0x80) as i8
}
