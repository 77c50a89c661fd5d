//! Slice sorting for the pipeline, small in the wasm module.
//!
//! The standard library's sorts are instantiated once per element type and comparison,
//! each several kilobytes of code (driftsort, ipnsort and their small-sort networks):
//! 56 copies were 80 KB of the module, 32 KB of it gzipped. In wasm these functions
//! share a few instead: small values (indices, pairs of indices) are packed into `u64`s
//! and sorted by the one standard `u64` sort that the pipeline's hash lists use anyway;
//! sorts by a key pack it beside each element's index into `(u64, u32)` pairs, sorted by
//! the standard sort of those; and sorts by a comparison use one merge sort over indices
//! (insertion in place for short slices). The hot sorts (hash lists, per-sentence lists)
//! stay on standard sorts, so the pipeline's instructions per call barely move
//! (docs/BENCHMARKS.md, "Size"). Natively every function is the standard sort it names.
//!
//! Every function here sorts stably in wasm. The `unstable` ones are for call sites
//! whose equal elements are indistinguishable (a total order on whole values, or a key
//! unique in the slice): there the standard unstable sort and a stable one give the same
//! slice, so the module and the CLI agree.

use std::cmp::Ordering;

/// Sorts `v` stably by `compare` (`<[T]>::sort_by`).
#[inline]
pub(crate) fn sort_by<T>(v: &mut [T], compare: impl FnMut(&T, &T) -> Ordering) {
    #[cfg(not(target_arch = "wasm32"))]
    v.sort_by(compare);
    #[cfg(target_arch = "wasm32")]
    compact::sort_by(v, compare);
}

/// Sorts `v` stably by `key` (`<[T]>::sort_by_key`).
#[cfg(not(target_arch = "wasm32"))]
#[inline]
pub(crate) fn sort_by_key<T, K: Ord>(v: &mut [T], key: impl FnMut(&T) -> K) {
    v.sort_by_key(key);
}

/// Sorts `v` stably by `key` (`<[T]>::sort_by_key`): the keys packed into `u64`s, each
/// with its element's index, sorted by the one standard sort of such pairs.
#[cfg(target_arch = "wasm32")]
#[inline]
pub(crate) fn sort_by_key<T, K: PackedKey>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    let mut keyed: Vec<(u64, u32)> = v.iter().enumerate().map(|(i, x)| (key(x).packed(), i as u32)).collect();
    // The index breaks ties, so this order is the stable one.
    keyed.sort_unstable();
    compact::permute(v, keyed.into_iter().map(|(_, i)| i as usize).collect());
}

/// Sorts `v` by `key`, unique in `v` or equal only between indistinguishable elements
/// (`<[T]>::sort_unstable_by_key`).
#[cfg(not(target_arch = "wasm32"))]
#[inline]
pub(crate) fn sort_unstable_by_key<T, K: Ord>(v: &mut [T], key: impl FnMut(&T) -> K) {
    v.sort_unstable_by_key(key);
}

/// Sorts `v` by `key`, unique in `v` or equal only between indistinguishable elements
/// (`<[T]>::sort_unstable_by_key`), as [`sort_by_key`] does.
#[cfg(target_arch = "wasm32")]
#[inline]
pub(crate) fn sort_unstable_by_key<T, K: PackedKey>(v: &mut [T], key: impl FnMut(&T) -> K) {
    sort_by_key(v, key);
}

/// Sorts `v` (`<[T]>::sort_unstable`), small values such as indices.
#[cfg(not(target_arch = "wasm32"))]
#[inline]
pub(crate) fn sort_unstable<T: Ord>(v: &mut [T]) {
    v.sort_unstable();
}

/// Sorts `v` (`<[T]>::sort_unstable`), small values such as indices: packed into `u64`s
/// and sorted by the module's one standard sort of `u64`s (the pipeline's hash lists
/// need it anyway), then unpacked.
#[cfg(target_arch = "wasm32")]
#[inline]
pub(crate) fn sort_unstable<T: Unpack>(v: &mut [T]) {
    let mut packed: Vec<u64> = v.iter().map(|&x| x.packed()).collect();
    packed.sort_unstable();
    for (x, p) in v.iter_mut().zip(packed) {
        *x = T::unpacked(p);
    }
}

/// Sorts `v` (`<[T]>::sort`).
#[inline]
pub(crate) fn sort<T: Ord>(v: &mut [T]) {
    #[cfg(not(target_arch = "wasm32"))]
    v.sort();
    #[cfg(target_arch = "wasm32")]
    compact::sort_by(v, T::cmp);
}

/// Sorts `v` by `compare`, a total order up to indistinguishable elements
/// (`<[T]>::sort_unstable_by`).
#[inline]
pub(crate) fn sort_unstable_by<T>(v: &mut [T], compare: impl FnMut(&T, &T) -> Ordering) {
    #[cfg(not(target_arch = "wasm32"))]
    v.sort_unstable_by(compare);
    #[cfg(target_arch = "wasm32")]
    compact::sort_by(v, compare);
}

/// A sort key that packs into a `u64` in the same order.
#[cfg(target_arch = "wasm32")]
pub(crate) trait PackedKey {
    fn packed(self) -> u64;
}

#[cfg(target_arch = "wasm32")]
impl PackedKey for u64 {
    fn packed(self) -> u64 {
        self
    }
}

#[cfg(target_arch = "wasm32")]
impl PackedKey for usize {
    fn packed(self) -> u64 {
        self as u64
    }
}

// `usize` is 32 bits in wasm, so two of them fill a `u64` exactly.
#[cfg(target_arch = "wasm32")]
impl PackedKey for (usize, usize) {
    fn packed(self) -> u64 {
        (self.0 as u64) << 32 | self.1 as u64
    }
}

/// A [`PackedKey`] that is the whole value: it unpacks again.
#[cfg(target_arch = "wasm32")]
pub(crate) trait Unpack: PackedKey + Copy {
    fn unpacked(packed: u64) -> Self;
}

#[cfg(target_arch = "wasm32")]
impl PackedKey for u32 {
    fn packed(self) -> u64 {
        self.into()
    }
}

#[cfg(target_arch = "wasm32")]
impl Unpack for u32 {
    fn unpacked(packed: u64) -> Self {
        packed as u32
    }
}

#[cfg(target_arch = "wasm32")]
impl Unpack for usize {
    fn unpacked(packed: u64) -> Self {
        packed as usize
    }
}

#[cfg(target_arch = "wasm32")]
impl Unpack for (usize, usize) {
    fn unpacked(packed: u64) -> Self {
        ((packed >> 32) as usize, packed as u32 as usize)
    }
}

#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // natively only the tests call it
mod compact {
    use std::cmp::Ordering;

    /// Slices this short are sorted in place by insertion: no allocation.
    const INSERTION_MAX: usize = 20;

    /// A stable sort of `v` by `compare`: insertion for short slices, else the order
    /// from [`sorted_order`] applied by [`permute`].
    pub fn sort_by<T>(v: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
        if v.len() <= INSERTION_MAX {
            for i in 1..v.len() {
                let mut j = i;
                while j > 0 && compare(&v[j - 1], &v[j]) == Ordering::Greater {
                    v.swap(j - 1, j);
                    j -= 1;
                }
            }
            return;
        }
        let order = sorted_order(v.len(), &mut |a, b| compare(&v[a], &v[b]));
        permute(v, order);
    }

    /// Moves the elements of `v` so that position `k` holds the one that was at `order[k]`
    /// (`order` a permutation of the indices): each cycle is rotated into place by swaps,
    /// its slots marked done.
    pub fn permute<T>(v: &mut [T], mut order: Vec<usize>) {
        for start in 0..order.len() {
            let mut k = start;
            while order[k] != start && order[k] != usize::MAX {
                let from = order[k];
                v.swap(k, from);
                order[k] = usize::MAX;
                k = from;
            }
            order[k] = usize::MAX;
        }
    }

    /// The indices `0..n` in stably sorted order by `compare` of indices: a bottom-up
    /// merge sort. Not generic, so the module holds it once.
    #[inline(never)]
    pub fn sorted_order(n: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
        let mut from: Vec<usize> = (0..n).collect();
        let mut to: Vec<usize> = vec![0; n];
        let mut width = 1;
        while width < n {
            let mut lo = 0;
            while lo < n {
                let mid = (lo + width).min(n);
                let hi = (lo + 2 * width).min(n);
                let (mut a, mut b) = (lo, mid);
                for slot in &mut to[lo..hi] {
                    // Ties take the left run's element first: stable.
                    let left = b >= hi || (a < mid && compare(from[a], from[b]) != Ordering::Greater);
                    if left {
                        *slot = from[a];
                        a += 1;
                    } else {
                        *slot = from[b];
                        b += 1;
                    }
                }
                lo = hi;
            }
            std::mem::swap(&mut from, &mut to);
            width *= 2;
        }
        from
    }
}

#[cfg(test)]
mod tests {
    use super::compact;

    #[test]
    fn the_compact_sort_is_the_standard_stable_sort() {
        let mut state = 11u64;
        let mut random = move || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) as u32
        };
        for n in [0, 1, 2, 3, 19, 20, 21, 22, 63, 64, 65, 100, 1000, 4097] {
            for range in [3, 1000, u32::MAX] {
                // (key, position): equal keys must keep their positions' order.
                let items: Vec<(u32, usize)> = (0..n).map(|k| (random() % range, k)).collect();
                let mut expected = items.clone();
                expected.sort_by_key(|&(key, _)| key);
                let mut got = items.clone();
                compact::sort_by(&mut got, |a, b| a.0.cmp(&b.0));
                assert_eq!(got, expected, "n {n}, keys below {range}");
            }
        }
    }
}
