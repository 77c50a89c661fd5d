//! The encoding half of the tagger weights' entropy coding (the decoding half, and the
//! layout, are `src/entities/codebook.rs`). The build script codes the embedded weights
//! with it; the library's tests include it to check that decoding inverts it. Both
//! include it beside the layout, whose `pack` and `canonical_codes` it uses.

use super::{canonical_codes, pack};

/// The weight codes (one per byte, 0..16), `labels` per row, entropy coded for embedding.
pub fn compress(codes: &[u8], labels: usize, max_bits: usize) -> Vec<u8> {
    let rows: Vec<&[u8]> = codes.chunks_exact(labels).collect();
    // Each candidate cut (a row seen this often or less is escaped) is tried and the
    // smallest result kept: cheap at build time, and it adapts to a retrained model.
    [1, 2, 3, 5, 8, 12, 20, 50, 100]
        .iter()
        .filter_map(|&escaped_up_to| compress_with_cut(&rows, escaped_up_to, max_bits))
        .min_by_key(Vec::len)
        .expect("some cut gives codes of at most max_bits")
}

fn compress_with_cut(rows: &[&[u8]], escaped_up_to: usize, max_bits: usize) -> Option<Vec<u8>> {
    let mut counts: std::collections::BTreeMap<&[u8], usize> = Default::default();
    for row in rows {
        *counts.entry(row).or_default() += 1;
    }
    let mut own: Vec<(&[u8], usize)> = counts.into_iter().filter(|&(_, n)| n > escaped_up_to).collect();
    if own.len() >= u16::MAX as usize {
        return None; // the count is stored in 16 bits
    }
    own.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let symbol_of: std::collections::HashMap<&[u8], usize> =
        own.iter().enumerate().map(|(s, &(row, _))| (row, s)).collect();
    let escape = own.len();
    let mut row_counts: Vec<usize> = own.iter().map(|&(_, n)| n).collect();
    row_counts.push(0);
    let mut code_counts = [0usize; 16];
    for row in rows {
        if !symbol_of.contains_key(row) {
            row_counts[escape] += 1;
            for &c in *row {
                code_counts[c as usize & 15] += 1;
            }
        }
    }
    let row_lengths = huffman_lengths(&row_counts, max_bits)?;
    let code_lengths = huffman_lengths(&code_counts, max_bits)?;
    let mut out = (rows.len() as u32).to_le_bytes().to_vec();
    out.extend_from_slice(&(own.len() as u16).to_le_bytes());
    for (row, _) in &own {
        out.extend(pack(row));
    }
    out.extend(row_lengths.iter().map(|&l| l as u8));
    out.extend(code_lengths.iter().map(|&l| l as u8));
    let (row_codes, code_codes) = (canonical_codes(&row_lengths), canonical_codes(&code_lengths));
    let mut bits = BitWriter { out, used: 8 };
    for row in rows {
        match symbol_of.get(row) {
            Some(&s) => bits.write(row_codes[s], row_lengths[s]),
            None => {
                bits.write(row_codes[escape], row_lengths[escape]);
                for &c in *row {
                    bits.write(code_codes[c as usize & 15], code_lengths[c as usize & 15]);
                }
            }
        }
    }
    Some(bits.out)
}

/// Huffman code lengths for symbol `counts` (0 for an unused symbol; a lone used symbol
/// gets 1), or `None` if some code would be longer than `max_bits`. Ties break by
/// symbol, so the build is reproducible.
fn huffman_lengths(counts: &[usize], max_bits: usize) -> Option<Vec<usize>> {
    use std::cmp::Reverse;
    let mut heap: std::collections::BinaryHeap<Reverse<(usize, usize)>> = counts
        .iter()
        .enumerate()
        .filter(|&(_, &n)| n > 0)
        .map(|(s, &n)| Reverse((n, s)))
        .collect();
    // Nodes past the symbols are the merged subtrees; `parent[node]` links each upward.
    let mut parent: Vec<usize> = vec![usize::MAX; counts.len()];
    while heap.len() > 1 {
        let (Reverse((n1, a)), Reverse((n2, b))) = (heap.pop()?, heap.pop()?);
        let node = parent.len();
        parent.push(usize::MAX);
        parent[a] = node;
        parent[b] = node;
        heap.push(Reverse((n1 + n2, node)));
    }
    let lengths: Vec<usize> = (0..counts.len())
        .map(|s| match counts[s] {
            0 => 0,
            _ => std::iter::successors(Some(s), |&x| Some(parent[x]).filter(|&p| p != usize::MAX))
                .count()
                .saturating_sub(1)
                .max(1),
        })
        .collect();
    lengths.iter().all(|&l| l <= max_bits).then_some(lengths)
}


struct BitWriter {
    out: Vec<u8>,
    /// Bits of the last byte in use (8: start a new byte).
    used: u32,
}

impl BitWriter {
    fn write(&mut self, code: u32, length: usize) {
        for k in (0..length).rev() {
            if self.used == 8 {
                self.out.push(0);
                self.used = 0;
            }
            if let Some(last) = self.out.last_mut() {
                *last |= (((code >> k) & 1) as u8) << self.used;
            }
            self.used += 1;
        }
    }
}

