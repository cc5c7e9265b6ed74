//! Byte tests of sixteen bytes at once with SSE2, which every x86-64 has,
//! shared by the scanners that read 64-byte blocks into bit masks (the
//! personal-data trigger search, the word count).

use std::arch::x86_64::{__m128i, _mm_cmpeq_epi8, _mm_min_epu8, _mm_set1_epi8, _mm_sub_epi8};

/// Every byte `b` set to 0xFF.
#[inline(always)]
pub fn splat(b: u8) -> __m128i {
    // SAFETY: SSE2 is part of x86-64.
    unsafe { _mm_set1_epi8(b as i8) }
}

/// 0xFF in each byte of `v` in `lo..lo + len` (`len` at least 1), else 0:
/// subtracted, the range is `0..len`, which an unsigned minimum tells.
#[inline(always)]
pub fn in_range(v: __m128i, lo: u8, len: u8) -> __m128i {
    // SAFETY: SSE2 is part of x86-64.
    unsafe {
        let t = _mm_sub_epi8(v, splat(lo));
        _mm_cmpeq_epi8(_mm_min_epu8(t, splat(len - 1)), t)
    }
}
