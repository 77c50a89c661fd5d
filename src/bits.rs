//! Reading the compiled tables' bit streams (the tagger's weights, the word table):
//! bits first-lowest, buffered 32 at a time, so that a read is a shift and a mask,
//! not a loop over bits.

/// Reads a byte stream as bits, first bit lowest; past the end, zero bits.
pub struct BitReader<'a> {
    bytes: &'a [u8],
    /// Bits buffered, first bit lowest, and how many.
    buffer: u64,
    buffered: u32,
    /// Bytes moved into the buffer so far.
    next_byte: usize,
    /// Bits consumed so far.
    read: usize,
}

impl<'a> BitReader<'a> {
    /// A reader at the stream's first bit.
    pub fn new(bytes: &'a [u8]) -> Self {
        BitReader {
            bytes,
            buffer: 0,
            buffered: 0,
            next_byte: 0,
            read: 0,
        }
    }

    /// The next bits, at least 32 of them, not consumed.
    pub fn peek(&mut self) -> u64 {
        if self.buffered < 32 {
            // Four bytes at once: one bounds test, not four.
            let word = match self.bytes.get(self.next_byte..self.next_byte + 4) {
                Some(four) => u32::from_le_bytes([four[0], four[1], four[2], four[3]]),
                None => (0..4).fold(0, |w, k| {
                    w | (self.bytes.get(self.next_byte + k).copied().unwrap_or(0) as u32) << (8 * k)
                }),
            };
            self.buffer |= (word as u64) << self.buffered;
            self.buffered += 32;
            self.next_byte += 4;
        }
        self.buffer
    }

    /// Moves past `n` bits (at most 32) of those [`peek`](Self::peek) returned.
    pub fn consume(&mut self, n: u32) {
        self.buffer >>= n;
        self.buffered -= n;
        self.read += n as usize;
    }

    /// The next `width` bits (at most 32) as a number, first bit lowest.
    pub fn read(&mut self, width: u32) -> u32 {
        let value = self.peek() & ((1u64 << width) - 1);
        self.consume(width);
        value as u32
    }

    /// The number of one bits before the next zero bit, which it consumes; `None` after
    /// 32 ones (no stream this reads has such a run: a damaged one).
    pub fn unary(&mut self) -> Option<u32> {
        let ones = (!self.peek() as u32).trailing_zeros();
        if ones == 32 {
            return None;
        }
        self.consume(ones + 1);
        Some(ones)
    }

    /// Whether every bit read so far lay inside the stream.
    pub fn within(&self) -> bool {
        self.read <= self.bytes.len() * 8
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_fields_units_and_past_the_end() {
        // 0b1011_0111, 0b0000_0001: fields of 3, 2 and a unary run, first bit lowest.
        let bytes = [0b1011_0111u8, 0b0000_0001];
        let mut bits = BitReader::new(&bytes);
        assert_eq!(bits.read(3), 0b111);
        assert_eq!(bits.read(2), 0b10);
        assert_eq!(bits.unary(), Some(1)); // bits 5, 6: one, zero
        assert_eq!(bits.read(2), 0b11); // bit 7 of the first byte, bit 0 of the second
        assert!(bits.within());
        assert_eq!(bits.read(20), 0, "past the end reads zeros");
        assert!(!bits.within());
        let ones = [0xffu8; 8];
        assert_eq!(BitReader::new(&ones).unary(), None);
    }
}
