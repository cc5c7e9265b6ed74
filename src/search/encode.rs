//! The compact number lists of the index files: sorted document numbers as
//! differences, each a variable-length run of URL-safe characters, so a
//! posting costs one or two bytes in plain JSON (no server is relied on to
//! compress it). `engine.js` has the decoder.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Appends `n`: five bits per character, low bits first; a character at or
/// above 32 says another follows.
fn push_number(out: &mut Vec<u8>, mut n: u64) {
    loop {
        let low = (n & 31) as usize;
        n >>= 5;
        if n == 0 {
            out.push(ALPHABET[low]);
            return;
        }
        out.push(ALPHABET[low | 32]);
    }
}

/// Encodes ascending document numbers, each with a flag (a title hit):
/// `(difference from the previous << 1) | flag`. Bytes first, one check at
/// the end: a build encodes millions of postings.
pub fn postings(ids: impl IntoIterator<Item = (u32, bool)>) -> String {
    let ids = ids.into_iter();
    let mut out = Vec::with_capacity(ids.size_hint().0 * 2);
    let mut previous = 0u32;
    for (id, flag) in ids {
        debug_assert!(id >= previous, "postings must be sorted");
        push_number(&mut out, (u64::from(id - previous) << 1) | u64::from(flag));
        previous = id;
    }
    String::from_utf8(out).expect("the alphabet is ASCII")
}

#[cfg(test)]
pub fn decode(text: &str) -> Vec<(u32, bool)> {
    let mut out = Vec::new();
    let (mut n, mut shift, mut previous) = (0u64, 0, 0u32);
    for b in text.bytes() {
        let digit = ALPHABET.iter().position(|&a| a == b).unwrap() as u64;
        n |= (digit & 31) << shift;
        shift += 5;
        if digit < 32 {
            previous += (n >> 1) as u32;
            out.push((previous, n & 1 == 1));
            (n, shift) = (0, 0);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn small_differences_take_one_character() {
        assert_eq!(postings([(0, false), (1, true), (2, false)]), "ADC");
    }

    proptest! {
        #[test]
        fn postings_decode_to_what_was_encoded(mut ids in proptest::collection::vec((0u32..5_000_000, any::<bool>()), 0..200)) {
            ids.sort_by_key(|&(id, _)| id);
            ids.dedup_by_key(|&mut (id, _)| id);
            prop_assert_eq!(decode(&postings(ids.iter().copied())), ids);
        }
    }
}
