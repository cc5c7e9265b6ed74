//! Keywords near a value, looked up in the original text.

/// A set of keywords of at least two bytes each (in practice Han words),
/// with a bitmap of their second bytes built at compile time: a position
/// inside a character, or whose next byte is not in the bitmap, cannot
/// start a keyword: that rules out most positions at once.
pub(super) struct Keywords {
    words: &'static [&'static str],
    second_bytes: [u64; 4],
}

impl Keywords {
    /// Panics (at compile time, in a const) on a keyword shorter than two
    /// bytes.
    pub const fn new(words: &'static [&'static str]) -> Self {
        let mut second_bytes = [0; 4];
        let mut i = 0;
        while i < words.len() {
            let word = words[i].as_bytes();
            assert!(word.len() >= 2, "keywords are at least two bytes long");
            let b = word[1] as usize;
            second_bytes[b / 64] |= 1 << (b % 64);
            i += 1;
        }
        Keywords {
            words,
            second_bytes,
        }
    }

    fn may_start_at(&self, window: &[u8], i: usize) -> bool {
        let Some(&second) = window.get(i + 1) else {
            return false;
        };
        if window[i] & 0xc0 == 0x80 {
            return false;
        }
        let b = usize::from(second);
        self.second_bytes[b / 64] & (1 << (b % 64)) != 0
    }

    /// True if one of the keywords occurs in `window`.
    pub fn occur_in(&self, window: &str) -> bool {
        let window = window.as_bytes();
        (0..window.len())
            .filter(|&i| self.may_start_at(window, i))
            .any(|i| {
                self.words
                    .iter()
                    .any(|k| window[i..].starts_with(k.as_bytes()))
            })
    }
}

/// True if one of `keywords` occurs in the `chars` characters before byte
/// `start` of `text` (a char boundary).
pub(super) fn near_before(text: &str, start: usize, keywords: &Keywords, chars: usize) -> bool {
    let before = &text[..start];
    let from = before
        .char_indices()
        .rev()
        .take(chars)
        .last()
        .map_or(start, |(i, _)| i);
    keywords.occur_in(&before[from..])
}

/// True if one of `keywords` occurs in the `chars` characters after byte
/// `end` of `text` (a char boundary).
pub(super) fn near_after(text: &str, end: usize, keywords: &Keywords, chars: usize) -> bool {
    let after = &text[end..];
    let to = after
        .char_indices()
        .nth(chars)
        .map_or(after.len(), |(i, _)| i);
    keywords.occur_in(&after[..to])
}
