//! Full-width folding, and the "islands" of text worth scanning.
//!
//! Every kind of value this module looks for is written in ASCII letters,
//! digits and a few joiners (or their full-width twins). Han characters,
//! CJK punctuation and ASCII punctuation such as `,` `:` `|` can never be
//! part of one, so they split the text into islands; so does a space that
//! is not followed by a digit (values only hold spaces between digit
//! groups). Only islands that hold a digit or an at sign (the triggers) are
//! looked at; the text between is skipped in vectorised chunks.

/// Folds one character to the ASCII byte it stands for: ASCII itself, the
/// full-width digits, Latin letters, plus, hyphen, full stop, at sign and low
/// line (U+FF01 block), the ideographic space and the no-break space.
/// Every other character folds to `None`.
pub(super) fn fold(c: char) -> Option<u8> {
    match c {
        '\0'..='\u{7f}' => Some(c as u8),
        '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' | '＋' | '－' | '．' | '＠' | '＿' => {
            Some((u32::from(c) - 0xFEE0) as u8)
        }
        '\u{3000}' | '\u{a0}' => Some(b' '),
        _ => None,
    }
}

/// The folded form of `s`, or `None` if a character does not fold.
pub(super) fn fold_all(s: &str) -> Option<Vec<u8>> {
    s.chars().map(fold).collect()
}

/// The character at byte `p` (a char boundary) of valid UTF-8: its folded
/// byte, if it folds, and its width in bytes. Agrees with [`fold`]; only
/// the lead bytes that can start a foldable character (C2, E3, EF) are
/// decoded.
#[inline]
pub(super) fn fold_at(bytes: &[u8], p: usize) -> (Option<u8>, usize) {
    let lead = bytes[p];
    match lead {
        0..=0x7f => (Some(lead), 1),
        0xc2 => ((bytes[p + 1] == 0xa0).then_some(b' '), 2),
        0xe3 => (
            (bytes[p + 1] == 0x80 && bytes[p + 2] == 0x80).then_some(b' '),
            3,
        ),
        0xef => (fold_ff(bytes[p + 1], bytes[p + 2]), 3),
        0xc0..=0xdf => (None, 2),
        0xe0..=0xef => (None, 3),
        _ => (None, 4),
    }
}

/// Folds the character EF `b1` `b2`: of U+FF00-U+FF7F (EF BC xx and
/// EF BD xx), the full-width forms [`fold`] maps, shifted down by 0xFEE0.
fn fold_ff(b1: u8, b2: u8) -> Option<u8> {
    if !(0xbc..=0xbd).contains(&b1) {
        return None;
    }
    let ascii = 0x20 + ((b1 - 0xbc) << 6) + (b2 & 0x3f);
    let folds = ascii.is_ascii_alphanumeric() || matches!(ascii, b'+' | b'-' | b'.' | b'@' | b'_');
    folds.then_some(ascii)
}

/// Start of the character that ends at byte `end` (> 0).
fn char_start_before(bytes: &[u8], end: usize) -> usize {
    let mut p = end - 1;
    while p > 0 && bytes[p] & 0xc0 == 0x80 {
        p -= 1;
    }
    p
}

/// True for the folded bytes an island is made of (a space only when a
/// digit follows it, see [`joins`]).
fn is_island_byte(b: u8) -> bool {
    ISLAND_BYTES[usize::from(b & 0x7f)] && b < 0x80
}

/// [`is_island_byte`] as a table over ASCII.
const ISLAND_BYTES: [bool; 128] = {
    let mut table = [false; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric()
            || matches!(c, b' ' | b'_' | b'+' | b'-' | b'.' | b'@' | b'%');
        b += 1;
    }
    table
};

/// True if the character at byte `p` (if any) folds to a digit.
fn digit_at(bytes: &[u8], p: usize) -> bool {
    p < bytes.len() && fold_at(bytes, p).0.is_some_and(|b| b.is_ascii_digit())
}

/// True if folded byte `b`, whose character ends at byte `next`, belongs to
/// the island: an island byte, and for a space a digit right after it.
fn joins(bytes: &[u8], b: u8, next: usize) -> bool {
    is_island_byte(b) && (b != b' ' || digit_at(bytes, next))
}

/// One island: folded bytes, and where each came from in the original text.
pub(super) struct Island<'a> {
    pub text: &'a str,
    pub norm: &'a [u8],
    /// Byte offset of each folded byte's character, plus the end; `None`
    /// when the island is plain ASCII and byte `k` is at `base + k`.
    offs: Option<&'a [usize]>,
    base: usize,
}

impl Island<'_> {
    /// Byte offset in the original text of folded byte `k` (`k` may be the
    /// island's length: its end).
    pub fn offset(&self, k: usize) -> usize {
        self.offs.map_or(self.base + k, |offs| offs[k])
    }

    /// Byte range in the original text of folded bytes `start..end`.
    pub fn range(&self, start: usize, end: usize) -> std::ops::Range<usize> {
        self.offset(start)..self.offset(end)
    }
}

/// Calls `visit` for each island that holds a trigger. Linear: each byte is
/// looked at a bounded number of times.
pub(super) fn for_each_island(text: &str, mut visit: impl FnMut(&Island)) {
    let bytes = text.as_bytes();
    let mut buffers = (Vec::new(), Vec::new());
    let mut done = 0;
    while let Some(trigger) = next_trigger(bytes, done) {
        let start = island_start(bytes, trigger, done);
        let (end, ascii) = island_end(bytes, start);
        if ascii {
            visit(&Island {
                text,
                norm: &bytes[start..end],
                offs: None,
                base: start,
            });
        } else {
            visit(&folded_island(text, start, end, &mut buffers));
        }
        done = end.max(trigger + 1);
    }
}

/// An island with multibyte characters, folded into reused buffers.
fn folded_island<'a>(
    text: &'a str,
    start: usize,
    end: usize,
    (norm, offs): &'a mut (Vec<u8>, Vec<usize>),
) -> Island<'a> {
    norm.clear();
    offs.clear();
    let bytes = text.as_bytes();
    let mut p = start;
    while p < end {
        let (b, width) = fold_at(bytes, p);
        norm.push(b.unwrap_or(b' '));
        offs.push(p);
        p += width;
    }
    offs.push(end);
    Island {
        text,
        norm,
        offs: Some(offs),
        base: start,
    }
}

/// Start of the island around byte `trigger`, walking back no further than
/// `floor` (the end of the previous island).
fn island_start(bytes: &[u8], trigger: usize, floor: usize) -> usize {
    let mut start = trigger;
    while start > floor {
        let prev = bytes[start - 1];
        let p = if prev < 0x80 {
            start - 1
        } else {
            char_start_before(bytes, start)
        };
        match fold_at(bytes, p).0 {
            Some(b) if joins(bytes, b, start) => start = p,
            _ => break,
        }
    }
    start
}

/// End of the island that starts at byte `start`, and whether it is ASCII.
fn island_end(bytes: &[u8], start: usize) -> (usize, bool) {
    let mut end = start;
    let mut ascii = true;
    while end < bytes.len() {
        let b = bytes[end];
        if b < 0x80 && is_island_byte(b) && b != b' ' {
            end += 1;
            continue;
        }
        let (folded, width) = fold_at(bytes, end);
        match folded {
            Some(b) if joins(bytes, b, end + width) => {
                ascii &= width == 1;
                end += width;
            }
            _ => break,
        }
    }
    (end, ascii)
}

/// Bytes looked at together by the trigger search: one mask of 64 bits.
const BLOCK: usize = 64;

/// Position of the first trigger at or after `from`: an ASCII digit, `@`,
/// or the lead byte of a full-width digit (EF BC 90-99) or at sign (EF BC A0).
/// Each block of [`BLOCK`] bytes is tested at once into a bit mask, whose
/// first set bit is the trigger: where a vectorised test of 16 bytes and
/// then a word-by-word search of the block that passed cost 2.5 % of a
/// build's instructions.
pub(super) fn next_trigger(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    // A block reads two bytes past its end: a full-width form is three.
    while let Some(block) = bytes.get(i..i + BLOCK + 2) {
        let mask = block_triggers(block.try_into().expect("a block and two bytes"));
        if mask != 0 {
            return Some(i + mask.trailing_zeros() as usize);
        }
        i += BLOCK;
    }
    (i..bytes.len()).find(|&k| is_trigger(bytes, k))
}

pub(super) fn is_trigger(bytes: &[u8], k: usize) -> bool {
    let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
    trigger_at(bytes[k], at(k + 1), at(k + 2))
}

fn trigger_at(b0: u8, b1: u8, b2: u8) -> bool {
    let ascii = (b0.wrapping_sub(b'0') < 10) | (b0 == b'@');
    let full_width = (b0 == 0xef) & (b1 == 0xbc) & ((b2.wrapping_sub(0x90) < 10) | (b2 == 0xa0));
    ascii | full_width
}

/// Bit `k`: byte `k` of the block is a trigger ([`trigger_at`] with the
/// two bytes after it). SSE2, which every x86-64 has: 16 bytes to a
/// comparison, three loads a lane (the byte and the two after it).
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn block_triggers(block: &[u8; BLOCK + 2]) -> u64 {
    use crate::sse2::{in_range, splat as set};
    use std::arch::x86_64::{
        __m128i, _mm_and_si128, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128,
    };
    let mut out = 0u64;
    // SAFETY: SSE2 is part of x86-64, so its intrinsics can always run;
    // the last load of lane `k` ends at byte 16k + 18 ≤ BLOCK + 2 of
    // `block`, and `loadu` needs no alignment.
    unsafe {
        for k in 0..BLOCK / 16 {
            let at = |d: usize| _mm_loadu_si128(block.as_ptr().add(16 * k + d).cast::<__m128i>());
            let (b0, b1, b2) = (at(0), at(1), at(2));
            let ascii = _mm_or_si128(in_range(b0, b'0', 10), _mm_cmpeq_epi8(b0, set(b'@')));
            let lead = _mm_and_si128(_mm_cmpeq_epi8(b0, set(0xef)), _mm_cmpeq_epi8(b1, set(0xbc)));
            let third = _mm_or_si128(in_range(b2, 0x90, 10), _mm_cmpeq_epi8(b2, set(0xa0)));
            let found = _mm_or_si128(ascii, _mm_and_si128(lead, third));
            out |= u64::from(_mm_movemask_epi8(found) as u16) << (16 * k);
        }
    }
    out
}

/// [`block_triggers`] a byte at a time.
#[cfg(not(target_arch = "x86_64"))]
fn block_triggers(block: &[u8; BLOCK + 2]) -> u64 {
    (0..BLOCK).fold(0, |out, k| {
        out | u64::from(trigger_at(block[k], block[k + 1], block[k + 2])) << k
    })
}
