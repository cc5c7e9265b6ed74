//! Tests on eight bytes at once (SIMD within a register) for the byte
//! scanners that run over every page of a build: each byte's high bit in a
//! mask says whether that byte passed. Exact: no carry crosses a byte.

pub const LO: u64 = 0x0101_0101_0101_0101;
pub const HI: u64 = 0x8080_8080_8080_8080;
const LOW7: u64 = !HI;

/// Bytes `j..j + 8` as one word, the first byte lowest.
#[inline(always)]
pub fn word(bytes: &[u8], j: usize) -> u64 {
    u64::from_le_bytes(bytes[j..j + 8].try_into().expect("eight bytes"))
}

/// High bit of each byte equal to `v`.
#[inline(always)]
pub fn equal(x: u64, v: u8) -> u64 {
    let y = x ^ (LO * u64::from(v));
    !(((y & LOW7).wrapping_add(LOW7)) | y) & HI
}

/// High bit of each byte whose low seven bits are in `lo..=hi`.
#[inline(always)]
pub fn low7_in(x: u64, lo: u8, hi: u8) -> u64 {
    let low7 = x & LOW7;
    let at_least_lo = low7.wrapping_add(LO * u64::from(0x80 - lo));
    let above_hi = low7.wrapping_add(LO * u64::from(0x7f - hi));
    at_least_lo & !above_hi & HI
}

/// High bit of each byte in `lo..=hi`, both at least 0x80.
#[inline(always)]
pub fn high_in(x: u64, lo: u8, hi: u8) -> u64 {
    low7_in(x, lo & 0x7f, hi & 0x7f) & x
}

/// High bit of each UTF-8 continuation byte (`10xxxxxx`).
#[inline(always)]
pub fn continuation(x: u64) -> u64 {
    x & !(x << 1) & HI
}

/// Index of the first byte flagged in a non-zero mask.
#[inline(always)]
pub fn first(mask: u64) -> usize {
    (mask.trailing_zeros() / 8) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each test's mask against the test applied to each byte alone, with
    /// every byte value in every lane beside varied neighbours.
    #[test]
    fn masks_agree_with_the_bytewise_tests() {
        let mask = |bytes: &[u8; 8], test: &dyn Fn(u8) -> bool| -> u64 {
            (0..8)
                .filter(|&k| test(bytes[k]))
                .map(|k| 0x80u64 << (8 * k))
                .sum()
        };
        for b in 0..=255u8 {
            for lane in 0..8 {
                let mut bytes: [u8; 8] =
                    std::array::from_fn(|k| (usize::from(b) * 7 + k * 37) as u8);
                bytes[lane] = b;
                let x = word(&bytes, 0);
                for v in [b, 0x00, 0x7f, 0x80, 0xe4, 0xff] {
                    assert_eq!(equal(x, v), mask(&bytes, &|c| c == v));
                }
                assert_eq!(
                    low7_in(x, 0x30, 0x39),
                    mask(&bytes, &|c| (0x30..=0x39).contains(&(c & 0x7f)))
                );
                assert_eq!(
                    high_in(x, 0xe4, 0xe9),
                    mask(&bytes, &|c| (0xe4..=0xe9).contains(&c))
                );
                assert_eq!(continuation(x), mask(&bytes, &|c| c & 0xc0 == 0x80));
            }
        }
        assert_eq!(first(equal(word(b"abcdefgh", 0), b'c')), 2);
    }
}
