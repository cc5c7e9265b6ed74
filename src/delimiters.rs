//! Finding the next `<` or `>` of a rendered page, over and over.
//!
//! The readers of rendered HTML (the personal-data scan's text, the search
//! extraction) walk a page tag by tag: the next `<`, then the `>` that ends
//! it. A page has a tag every 36 bytes on average, so a `memchr` call per
//! search spent more on starting than on searching (about 230 instructions a
//! tag in all). Here the page is read 64 bytes at a time into two bit masks,
//! one per byte, and each search is a mask and a count of trailing zeros
//! until the block is used up.

/// The two bytes looked for.
#[derive(Clone, Copy)]
pub enum Delimiter {
    Open = 0,
    Close = 1,
}

/// Bytes read at a time into the masks.
const BLOCK: usize = 64;

/// A forward search for `<` and `>` in one text.
pub struct Delimiters<'a> {
    bytes: &'a [u8],
    /// Start of the block the masks are of; `usize::MAX` before the first.
    block: usize,
    /// Bit `k` of mask `d`: byte `block + k` is delimiter `d`.
    masks: [u64; 2],
}

impl<'a> Delimiters<'a> {
    pub fn new(text: &'a str) -> Self {
        Delimiters {
            bytes: text.as_bytes(),
            block: usize::MAX,
            masks: [0; 2],
        }
    }

    /// Position of the first `which` at or after `from`. Searches may go
    /// back and forth; they are cheapest moving forward a little at a time.
    /// Inlined: a call's own cost was as much as the search.
    #[inline(always)]
    pub fn find(&mut self, which: Delimiter, mut from: usize) -> Option<usize> {
        while from < self.bytes.len() {
            let base = from - from % BLOCK;
            if base != self.block {
                self.load(base);
            }
            let mask = self.masks[which as usize] & (u64::MAX << (from - base));
            if mask != 0 {
                return Some(base + mask.trailing_zeros() as usize);
            }
            from = base + BLOCK;
        }
        None
    }

    #[inline(never)]
    fn load(&mut self, base: usize) {
        let rest = &self.bytes[base..];
        self.masks = match rest.first_chunk::<BLOCK>() {
            Some(block) => masks(block),
            None => {
                // The last, short block, padded with bytes that are neither.
                let mut block = [0u8; BLOCK];
                block[..rest.len()].copy_from_slice(rest);
                masks(&block)
            }
        };
        self.block = base;
    }
}

/// The masks of `<` and `>` in a block: SSE2, which every x86-64 has, 16
/// bytes to a comparison.
#[cfg(target_arch = "x86_64")]
fn masks(block: &[u8; BLOCK]) -> [u64; 2] {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_set1_epi8,
    };
    let mut out = [0u64; 2];
    // SAFETY: SSE2 is part of x86-64, so its intrinsics can always run;
    // each load reads the 16 bytes of `lane`, and `loadu` needs no
    // alignment.
    unsafe {
        let (open, close) = (_mm_set1_epi8(b'<' as i8), _mm_set1_epi8(b'>' as i8));
        for (k, lane) in block.chunks_exact(16).enumerate() {
            let v = _mm_loadu_si128(lane.as_ptr().cast::<__m128i>());
            let bits = |needle| u64::from(_mm_movemask_epi8(_mm_cmpeq_epi8(v, needle)) as u16);
            out[0] |= bits(open) << (16 * k);
            out[1] |= bits(close) << (16 * k);
        }
    }
    out
}

/// The masks of `<` and `>` in a block, a byte at a time.
#[cfg(not(target_arch = "x86_64"))]
fn masks(block: &[u8; BLOCK]) -> [u64; 2] {
    let mut out = [0u64; 2];
    for (k, &b) in block.iter().enumerate() {
        out[0] |= u64::from(b == b'<') << k;
        out[1] |= u64::from(b == b'>') << k;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(text: &str, which: Delimiter, from: usize) -> Option<usize> {
        let b = match which {
            Delimiter::Open => b'<',
            Delimiter::Close => b'>',
        };
        (from..text.len()).find(|&i| text.as_bytes()[i] == b)
    }

    proptest::proptest! {
        /// Any text, any order of searches, forward and back, across blocks.
        #[test]
        fn finds_what_a_byte_by_byte_search_finds(
            parts in proptest::collection::vec(
                proptest::sample::select(vec!["<", ">", "a", "文", "<p>", "</li>\n  ", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"]),
                0..60,
            ),
            searches in proptest::collection::vec((proptest::bool::ANY, 0usize..700), 0..40),
        ) {
            let text: String = parts.concat();
            let mut d = Delimiters::new(&text);
            for (open, from) in searches {
                let which = if open { Delimiter::Open } else { Delimiter::Close };
                proptest::prop_assert_eq!(d.find(which, from), naive(&text, which, from));
            }
        }
    }

    #[test]
    fn every_position_of_a_block_and_the_short_last_one() {
        for len in [0, 1, 63, 64, 65, 127, 128, 130] {
            for at in 0..len {
                let mut bytes = vec![b'x'; len];
                bytes[at] = b'<';
                let text = String::from_utf8(bytes).expect("ASCII");
                let mut d = Delimiters::new(&text);
                assert_eq!(d.find(Delimiter::Open, 0), Some(at), "{len} {at}");
                assert_eq!(d.find(Delimiter::Open, at + 1), None);
                assert_eq!(d.find(Delimiter::Close, 0), None);
            }
        }
    }
}
