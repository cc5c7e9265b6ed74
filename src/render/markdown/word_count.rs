//! The word count of a page as Chinese readers count it: every CJK
//! character is a word, and every run of letters or digits is one.
//!
//! Every character of every page passes here, so the text is read 64
//! bytes at a time into three bit masks: ASCII letters and digits, lead
//! bytes of U+4000–U+9FFF (most of a Chinese text, each such character a
//! word) and the other lead bytes. Only the characters of that last mask —
//! in Chinese text mostly punctuation, one every fifteen characters or so —
//! are decoded and classed one by one. A run of letters or digits starts
//! at a word byte whose byte before is not one, so the runs of a block are
//! counted from its word mask at once. Reading each run of ideographs on
//! its own (the way before) cost some seven instructions a byte, since the
//! runs between punctuation are short.

use crate::cjk::is_cjk;

/// Bytes read at once.
const BLOCK: usize = 64;

/// Words of `text`: every CJK character, and every run of letters or
/// digits (`c.is_alphanumeric()`, full-width forms included).
pub fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut count = 0;
    // Whether the byte before the block belongs to a word character.
    let mut in_word = false;
    // Bytes at the start of the block that end a word character begun in
    // the block before.
    let mut carried = 0u64;
    let mut at = 0;
    while at < bytes.len() {
        let masks = block_masks(&bytes[at..]);
        let mut word = masks.alnum | carried;
        carried = 0;
        let mut others = masks.other_leads;
        while others != 0 {
            let k = others.trailing_zeros() as usize;
            others &= others - 1;
            if is_common_punctuation(&bytes[at + k..]) {
                continue;
            }
            let c = text[at + k..]
                .chars()
                .next()
                .expect("a lead byte starts a character");
            if is_cjk(c) {
                count += 1;
            } else if is_word_char(c) {
                // All its bytes are word bytes, so that the run it is part
                // of is counted once.
                let end = k + c.len_utf8();
                word |= ones(end.min(BLOCK)) & !ones(k);
                carried = ones(end.saturating_sub(BLOCK));
            }
        }
        let starts = word & !((word << 1) | u64::from(in_word));
        count += (starts.count_ones() + masks.ideograph_leads.count_ones()) as usize;
        in_word = word >> (BLOCK - 1) != 0;
        at += BLOCK;
    }
    // The Yijing hexagrams U+4DC0–U+4DFF (E4 B7 xx; see
    // `crate::cjk::is_common_ideograph`) have an ideograph's lead byte but
    // are symbols: counted with the ideographs, taken off here.
    count - hexagrams(bytes)
}

/// Whether `rest` starts with one of the punctuation marks most Chinese
/// text is full of (，。、（）“”…：；？！《》【】 and their neighbours), told from
/// the bytes: U+FF01–U+FF0F and U+FF1A–U+FF20 (EF BC 81–8F, 9A–A0),
/// U+3000–U+3004 and U+3008–U+301F (E3 80 80–84, 88–9F), U+2000–U+203F
/// (E2 80 xx). None is a word character or a CJK one: a break, nothing
/// to do, and no character to decode (almost all of the characters the
/// block's other-lead mask finds in Chinese text).
fn is_common_punctuation(rest: &[u8]) -> bool {
    matches!(
        rest,
        [0xEF, 0xBC, 0x81..=0x8F | 0x9A..=0xA0, ..]
            | [0xE3, 0x80, 0x80..=0x84 | 0x88..=0x9F, ..]
            | [0xE2, 0x80, ..]
    )
}

/// The low `n` bits set (`n` at most 64).
fn ones(n: usize) -> u64 {
    if n >= 64 { u64::MAX } else { (1 << n) - 1 }
}

/// `c.is_alphanumeric()`, with ASCII and the punctuation of Chinese text
/// (，。、“”（）…　) answered without the Unicode tables, which cost more
/// than the rest of the count. (〇 and 々 in U+3000–U+303F are
/// alphanumeric and go to the tables.)
fn is_word_char(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphanumeric(),
        0x2000..=0x206F
        | 0x3000..=0x3004
        | 0x3008..=0x3020
        | 0x3030
        | 0x303D..=0x303F
        | 0xFE30..=0xFE4F => false,
        0xFF10..=0xFF19 | 0xFF21..=0xFF3A | 0xFF41..=0xFF5A => true,
        0xFF00..=0xFF65 => false,
        _ => c.is_alphanumeric(),
    }
}

/// Characters of U+4DC0–U+4DFF: the pairs E4 B7 (E4 is only ever a lead
/// byte, so the pair starts such a character). Rare; one vectorised search.
fn hexagrams(bytes: &[u8]) -> usize {
    static FINDER: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"\xE4\xB7"));
    FINDER.find_iter(bytes).count()
}

/// Bit `k` of each mask is about byte `k` of a block.
struct Masks {
    /// ASCII letters and digits.
    alnum: u64,
    /// E4–E9: the first bytes of U+4000–U+9FFF.
    ideograph_leads: u64,
    /// Every other first byte of a character of two to four bytes.
    other_leads: u64,
}

/// The masks of the first [`BLOCK`] bytes of `rest`; a shorter last block
/// is padded with zeros, which are in no mask.
fn block_masks(rest: &[u8]) -> Masks {
    match rest.first_chunk::<BLOCK>() {
        Some(block) => masks(block),
        None => {
            let mut block = [0u8; BLOCK];
            block[..rest.len()].copy_from_slice(rest);
            masks(&block)
        }
    }
}

/// [`Masks`] with SSE2, which every x86-64 has, 16 bytes to a comparison.
#[cfg(target_arch = "x86_64")]
fn masks(block: &[u8; BLOCK]) -> Masks {
    use crate::sse2::{in_range, splat as set};
    use std::arch::x86_64::{
        __m128i, _mm_andnot_si128, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128,
    };
    let mut out = Masks {
        alnum: 0,
        ideograph_leads: 0,
        other_leads: 0,
    };
    // SAFETY: SSE2 is part of x86-64, so its intrinsics can always run;
    // each load reads the 16 bytes of `lane`, and `loadu` needs no
    // alignment.
    unsafe {
        let bits = |m: __m128i| u64::from(_mm_movemask_epi8(m) as u16);
        for (k, lane) in block.chunks_exact(16).enumerate() {
            let v = _mm_loadu_si128(lane.as_ptr().cast::<__m128i>());
            // `| 0x20` lowers A–Z and moves no other byte into a–z.
            let letter = in_range(_mm_or_si128(v, set(0x20)), b'a', 26);
            let alnum = _mm_or_si128(letter, in_range(v, b'0', 10));
            let ideograph = in_range(v, 0xE4, 6);
            let other = _mm_andnot_si128(ideograph, in_range(v, 0xC0, 64));
            out.alnum |= bits(alnum) << (16 * k);
            out.ideograph_leads |= bits(ideograph) << (16 * k);
            out.other_leads |= bits(other) << (16 * k);
        }
    }
    out
}

/// [`Masks`] a byte at a time.
#[cfg(not(target_arch = "x86_64"))]
fn masks(block: &[u8; BLOCK]) -> Masks {
    let mut out = Masks {
        alnum: 0,
        ideograph_leads: 0,
        other_leads: 0,
    };
    for (k, &b) in block.iter().enumerate() {
        let ideograph = (0xE4..=0xE9).contains(&b);
        out.alnum |= u64::from(b.is_ascii_alphanumeric()) << k;
        out.ideograph_leads |= u64::from(ideograph) << k;
        out.other_leads |= u64::from(b >= 0xC0 && !ideograph) << k;
    }
    out
}

#[cfg(test)]
mod tests;
