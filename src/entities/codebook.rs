//! The tagger model's file layout, shared with the build script (`build/`, which decodes the embedded
//! model at build time), so it depends on nothing else in the crate but [`crate::bits`].
//!
//! Layout: [`MAGIC`], the scale, start and transition scores (f32 little-endian),
//! then one 4-bit [`CODEBOOK`] index per weight, two per byte, low nibble first.
//! For embedding, the build script entropy codes those indices (`build/compress.rs`,
//! which the tests here include to check the round trip).

use crate::bits::BitReader;

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

/// 4-bit codes packed two per byte, low nibble first (an odd count ends in a zero nibble).
#[cfg_attr(not(feature = "train"), allow(dead_code))] // the page reads weights, never writes them
pub fn pack(codes: &[u8]) -> impl Iterator<Item = u8> + '_ {
    codes
        .chunks(2)
        .map(|pair| (pair[0] & 0x0f) | (pair.get(1).copied().unwrap_or(0) & 0x0f) << 4)
}

#[cfg(any(test, feature = "train"))]
/// The codes of [`pack`]ed bytes, two per byte.
pub fn codes(packed: &[u8]) -> impl Iterator<Item = u8> + '_ {
    packed.iter().flat_map(|&b| [b & 0x0f, b >> 4])
}

#[cfg(any(test, feature = "train"))]
/// The weights of packed codes, two per byte.
pub fn unpack(packed: &[u8]) -> impl Iterator<Item = i8> + '_ {
    codes(packed).map(|c| CODEBOOK[c as usize])
}

/// A weight as an unpacked byte: its two's-complement bits with the sign bit flipped,
/// that is the weight plus 128, so `Model::add_weights` can sum bytes in unsigned lanes.
pub fn to_byte(weight: i8) -> u8 {
    weight as u8 ^ 0x80
}

/// The weight of an unpacked byte (see [`to_byte`]).
pub fn from_byte(byte: u8) -> i8 {
    (byte ^ 0x80) as i8
}

// The embedded weights, entropy coded. A bucket's row of labels (five 4-bit codes) is
// one symbol: 53 % of rows are all zero and a few hundred rows are most of the rest, so
// a Huffman code over whole rows takes about 4.8 bits a row where gzip, seeing bytes,
// took 7.8. Rows too rare to earn a symbol are written as an escape symbol and then
// their codes one by one, in a second Huffman code over the 16 codes.
//
// Layout: rows (u32 LE); number of row symbols with a row of their own, `m` (u16 LE);
// their rows, `(labels + 1) / 2` bytes each, low nibble first; the code lengths of the
// `m + 1` row symbols (the escape is the last); the code lengths of the 16 codes; then
// the bit stream, least significant bit of each byte first, each code's bits from its
// most significant.

/// Longest Huffman code either code may use.
pub const MAX_BITS: usize = 15;

/// Each symbol's code for canonical Huffman `lengths` (shorter codes first, then by symbol).
pub fn canonical_codes(lengths: &[usize]) -> Vec<u32> {
    let mut codes = vec![0; lengths.len()];
    let mut next = 0u32;
    for length in 1..=MAX_BITS {
        for (s, _) in lengths.iter().enumerate().filter(|&(_, &l)| l == length) {
            codes[s] = next;
            next += 1;
        }
        next <<= 1;
    }
    codes
}

/// The weight codes that the build script's `compress` coded, `labels` per row, each mapped by `byte_of`, or
/// `None` if `blob` is not such a coding (it never panics, whatever the bytes).
pub fn decompress(blob: &[u8], labels: usize, byte_of: impl Fn(u8) -> u8) -> Option<Vec<u8>> {
    let (rows, rest) = blob.split_first_chunk::<4>()?;
    let rows = u32::from_le_bytes(*rows) as usize;
    let (own, rest) = rest.split_first_chunk::<2>()?;
    let own = u16::from_le_bytes(*own) as usize;
    let row_bytes = labels.div_ceil(2);
    let (own_rows, rest) = rest.split_at_checked(own * row_bytes)?;
    let (row_lengths, rest) = rest.split_at_checked(own + 1)?;
    let (code_lengths, stream) = rest.split_at_checked(16)?;
    let (row_code, code_code) = (Canonical::new(row_lengths)?, Canonical::new(code_lengths)?);
    // Every row takes at least a bit: more rows than bits is not a coding (and would
    // allocate without bound).
    if rows > stream.len().saturating_mul(8) {
        return None;
    }
    let own_rows: Vec<u8> = own_rows
        .chunks_exact(row_bytes)
        .flat_map(|packed| (0..labels).map(|l| byte_of(packed[l / 2] >> (4 * (l % 2)) & 15)))
        .collect();
    let mut out = vec![byte_of(0); rows.checked_mul(labels)?];
    let mut bits = BitReader::new(stream);
    // Most rows of a trained model are all zero weights, which `out` already holds, and
    // so frequent that their code is the one-bit code 0: a run of them is a run of zero
    // bits, skipped up to 32 rows at a time instead of decoded row by row.
    let zero_row_code = row_code.one_bit_zero().is_some_and(|symbol| {
        own_rows
            .get(symbol * labels..(symbol + 1) * labels)
            .is_some_and(|r| r.iter().all(|&b| b == byte_of(0)))
    });
    let mut row = 0;
    while row < rows {
        if zero_row_code {
            let run = ((bits.peek() as u32).trailing_zeros() as usize).min(rows - row);
            if run > 0 {
                bits.consume(run as u32);
                row += run;
                continue;
            }
        }
        let symbol = row_code.decode(&mut bits);
        let weights = out.get_mut(row * labels..(row + 1) * labels)?;
        match own_rows.get(symbol * labels..(symbol + 1) * labels) {
            Some(own_row) => weights.copy_from_slice(own_row),
            None if symbol == own => {
                for weight in weights {
                    *weight = byte_of(code_code.decode(&mut bits) as u8);
                }
            }
            None => return None,
        }
        row += 1;
    }
    // Past its end the stream reads as zero bits: having read past it means a truncated
    // stream, and an undecodable code reads as a symbol out of range.
    (bits.within() && !code_code.failed.get() && !row_code.failed.get()).then_some(out)
}

/// A canonical Huffman code, decoded by one table lookup: the table, indexed by the next
/// `bits` bits of the stream (its longest code's length; first bit lowest), holds the
/// symbol whose code those bits begin with, and its length.
struct Canonical {
    /// `(symbol, length)`; length 0 where no code begins so (a damaged stream).
    table: Vec<(u16, u8)>,
    bits: usize,
    /// Set when a lookup met such an entry.
    failed: std::cell::Cell<bool>,
}

impl Canonical {
    /// `None` if a length is over [`MAX_BITS`] or the lengths are over-subscribed.
    fn new(lengths: &[u8]) -> Option<Canonical> {
        if lengths.len() > u16::MAX as usize || lengths.iter().any(|&l| l as usize > MAX_BITS) {
            return None;
        }
        let lengths: Vec<usize> = lengths.iter().map(|&l| l as usize).collect();
        let kraft: u64 = lengths
            .iter()
            .filter(|&&l| l > 0)
            .map(|&l| 1u64 << (MAX_BITS - l))
            .sum();
        if kraft > 1 << MAX_BITS {
            return None;
        }
        let bits = lengths.iter().copied().max().unwrap_or(0);
        let mut table = vec![(0u16, 0u8); 1 << bits];
        for (symbol, (&code, &length)) in canonical_codes(&lengths).iter().zip(&lengths).enumerate() {
            if length == 0 {
                continue;
            }
            // The code's bits come first bit first, so the index holds them reversed.
            let reversed = (code.reverse_bits() >> (32 - length)) as usize;
            for rest in 0..1usize << (bits - length) {
                table[reversed | rest << length] = (symbol as u16, length as u8);
            }
        }
        Some(Canonical {
            table,
            bits,
            failed: std::cell::Cell::new(false),
        })
    }

    /// The symbol whose code is the single bit 0, if there is one.
    fn one_bit_zero(&self) -> Option<usize> {
        match self.table.first() {
            Some(&(symbol, 1)) => Some(symbol as usize),
            _ => None,
        }
    }

    /// The next symbol (`u16::MAX as usize`, and `failed` set, if no code begins here).
    fn decode(&self, bits: &mut BitReader) -> usize {
        let (symbol, length) = self.table[bits.peek() as usize & ((1 << self.bits) - 1)];
        if length == 0 {
            self.failed.set(true);
            return u16::MAX as usize;
        }
        bits.consume(length as u32);
        symbol as usize
    }
}

#[cfg(test)]
#[path = "../../build/compress.rs"]
mod compress;

#[cfg(test)]
mod tests {
    use super::compress::compress;
    use super::*;

    /// Five-label rows, nearly all zero: runs of zero rows longer than 32 (the decoder
    /// skips up to 32 at a time), as most of a trained model is.
    fn sparse_codes() -> Vec<u8> {
        (0..20_000).flat_map(|k| if k % 97 == 0 { [2, 0, 0, 5, 0] } else { [0; 5] }).collect()
    }

    #[test]
    fn weight_codes_round_trip() {
        let mut state = 7u64;
        let mut random = move || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) as usize
        };
        // Mostly zero rows, some common rows and some random ones, as a trained model has.
        let skewed: Vec<u8> = (0..5000)
            .flat_map(|_| match random() % 10 {
                0..=5 => [0; 5],
                6..=8 => [1, 0, 9, 0, 0],
                _ => [0; 5].map(|_| (random() % 16) as u8),
            })
            .collect();
        let cases: [(&str, Vec<u8>, usize); 6] = [
            ("all zero", vec![0; 5 * 1000], 5),
            ("sparse", sparse_codes(), 5),
            ("one row", vec![3, 4, 5, 6, 7], 5),
            ("every code", (0..5 * 4096).map(|k| (k % 16) as u8).collect(), 5),
            ("skewed", skewed, 5),
            ("odd labels", (0..3 * 700).map(|k| (k * 7 % 16) as u8).collect(), 3),
        ];
        for (name, codes, labels) in cases {
            let blob = compress(&codes, labels, MAX_BITS);
            assert_eq!(decompress(&blob, labels, |c| c).as_deref(), Some(&codes[..]), "{name}");
        }
    }

    #[test]
    fn a_damaged_coding_is_refused_not_a_panic() {
        let codes: Vec<u8> = (0..5 * 3000).map(|k| (k * k % 16) as u8).collect();
        let blob = compress(&codes, 5, MAX_BITS);
        for cut in [0, 3, 5, 20, blob.len() / 2, blob.len() - 1] {
            assert_eq!(decompress(&blob[..cut], 5, |c| c), None, "cut at {cut}");
        }
        // Cut inside a run of zero rows, which the decoder skips many at a time.
        let sparse_blob = compress(&sparse_codes(), 5, MAX_BITS);
        for cut in [sparse_blob.len() / 2, sparse_blob.len() - 1] {
            assert_eq!(decompress(&sparse_blob[..cut], 5, |c| c), None, "sparse, cut at {cut}");
        }
        let mut huge_rows = blob.clone();
        huge_rows[..4].copy_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(decompress(&huge_rows, 5, |c| c), None);
        // Flipping bytes anywhere either decodes to something or is refused.
        for k in 0..blob.len() {
            let mut flipped = blob.clone();
            flipped[k] ^= 0xa5;
            let _ = decompress(&flipped, 5, |c| c);
        }
    }
}
