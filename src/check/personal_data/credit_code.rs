//! Unified social credit codes (统一社会信用代码, GB 32100-2015) of
//! organisations. They are normally fine to publish; recognising them keeps
//! them from being taken for resident IDs or bank cards.

/// The 31 characters of the code, in value order (no I, O, S, V, Z).
const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

/// Weights 3^i mod 31 for the first 17 positions.
const WEIGHTS: [u32; 17] = weights();

const fn weights() -> [u32; 17] {
    let mut w = [1; 17];
    let mut i = 1;
    while i < 17 {
        w[i] = w[i - 1] * 3 % 31;
        i += 1;
    }
    w
}

/// Value of each ASCII byte in the alphabet; `NONE` if it is not in it.
const VALUES: [u8; 128] = {
    let mut table = [NONE; 128];
    let mut v = 0;
    while v < ALPHABET.len() {
        table[ALPHABET[v] as usize] = v as u8;
        v += 1;
    }
    table
};
const NONE: u8 = u8::MAX;

fn value(c: u8) -> Option<u32> {
    let v = *VALUES.get(usize::from(c))?;
    (v != NONE).then_some(u32::from(v))
}

/// True if `code` (ASCII, folded) is 18 characters of the alphabet whose
/// last is the check character of the first 17.
pub(super) fn is_valid(code: &[u8]) -> bool {
    let Some((&last, first17)) = code.split_last() else {
        return false;
    };
    if first17.len() != 17 {
        return false;
    }
    let mut sum = 0;
    for (&c, w) in first17.iter().zip(WEIGHTS) {
        let Some(v) = value(c) else { return false };
        sum += v * w;
    }
    let check = (31 - sum % 31) % 31;
    value(last) == Some(check)
}
