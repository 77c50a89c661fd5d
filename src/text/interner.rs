//! Dense ids for distinct words, for the per-word caches of the tagger and the
//! paraphrase verifier.
//!
//! A `HashMap<String, _>` keeps each key in its own allocation: a lookup reads a
//! 32-byte entry and then follows its pointer to compare the bytes, two or three cache
//! misses per token once the vocabulary outgrows the cache, and those lookups were a
//! tenth of a native run. Here a lookup hashes the word and reads one 16-byte slot.
//!
//! Words are told apart by their 64-bit hash alone, as they already are downstream
//! (deduplication compares terms by hash; the tagger's word facts are hashes): two words
//! share an id only if their hashes collide, for 50,000 words about once in ten
//! billion calls.

use crate::text::hash::mix;

/// Words to ids `0, 1, 2, …` in order of first sight.
#[derive(Default)]
pub(crate) struct WordIds {
    /// Open addressing with linear probing; the length is a power of two (or zero), and
    /// at most half the slots are taken, so a miss ends at an empty slot soon.
    slots: Vec<Slot>,
    /// Ids handed out.
    count: usize,
}

#[derive(Clone, Copy, Default)]
struct Slot {
    hash: u64,
    /// The id plus one; zero marks an empty slot.
    id_plus_one: u32,
}

impl WordIds {
    /// The id of `word`, and whether it was new (then its id is the count of words seen
    /// before it).
    pub(crate) fn id(&mut self, word: &str) -> (usize, bool) {
        let hash = word_hash(word);
        if !self.slots.is_empty() {
            let mask = self.slots.len() - 1;
            let mut at = hash as usize & mask;
            loop {
                let slot = self.slots[at];
                if slot.id_plus_one == 0 {
                    break;
                }
                if slot.hash == hash {
                    return (slot.id_plus_one as usize - 1, false);
                }
                at = (at + 1) & mask;
            }
        }
        (self.add(hash), true)
    }

    /// Gives the word hashed to `hash`, not seen before, the next id. Apart from
    /// [`WordIds::id`], whose lookup (most calls) then needs fewer registers saved.
    #[cold]
    #[inline(never)]
    fn add(&mut self, hash: u64) -> usize {
        let id = self.count;
        self.count += 1;
        // Past four billion words the table cannot name an id: the word still gets one
        // (every caller's tables stay in step), it is just not found again.
        if let Ok(id_plus_one) = u32::try_from(id + 1) {
            if id + 1 > self.slots.len() / 2 {
                self.grow();
            }
            self.place(Slot { hash, id_plus_one });
        }
        id
    }

    /// Puts `slot` in the first empty slot from its hash's position (there is one: the
    /// table is at most half full).
    fn place(&mut self, slot: Slot) {
        let mask = self.slots.len() - 1;
        let mut at = slot.hash as usize & mask;
        while self.slots[at].id_plus_one != 0 {
            at = (at + 1) & mask;
        }
        self.slots[at] = slot;
    }

    /// Doubles the table (to 1,024 slots the first time) and places every word again.
    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(1024);
        let old = std::mem::replace(&mut self.slots, vec![Slot::default(); size]);
        for slot in old.into_iter().filter(|s| s.id_plus_one != 0) {
            self.place(slot);
        }
    }
}

/// A 64-bit hash of `word` for telling words apart, eight bytes per step: a word of up
/// to seven bytes takes one step and never collides with another such word, where FNV-1a
/// takes a step per byte (this runs for every token, in two caches). Only this table
/// sees it, so it need not match [`crate::text::hash::fnv`].
fn word_hash(word: &str) -> u64 {
    let mut chunks = word.as_bytes().chunks_exact(8);
    let mut hash = 0;
    for chunk in &mut chunks {
        let eight: [u8; 8] = chunk.try_into().unwrap_or_default();
        hash = mix(hash ^ u64::from_le_bytes(eight));
    }
    // The last zero to seven bytes, with their count in the eighth.
    let rest = chunks.remainder();
    let last = rest.iter().rev().fold(0u64, |v, &b| v << 8 | b as u64);
    mix(hash ^ last ^ ((rest.len() as u64) << 56))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_dense_in_order_of_first_sight() {
        let mut ids = WordIds::default();
        let words: Vec<String> = (0..5000).map(|i| format!("w{}", i % 3000)).collect();
        for (i, w) in words.iter().enumerate() {
            assert_eq!(ids.id(w), (i % 3000, i < 3000), "{w}");
        }
        assert_eq!(ids.id("w3000"), (3000, true));
    }

    #[test]
    fn empty_and_unicode_strings_are_words_like_any_other() {
        let mut ids = WordIds::default();
        for (word, id) in [("", 0), ("Zürich", 1), ("", 0), ("zürich", 2), ("Zürich", 1)] {
            assert_eq!(ids.id(word).0, id, "{word:?}");
        }
    }
}
