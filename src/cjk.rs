//! Character classes of Chinese, Japanese and Korean text, shared by the
//! stages that count, summarise or sniff text.

/// True for Han ideographs, kana and Hangul syllables (letters, not punctuation).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // Hiragana, Katakana
        | 0x3400..=0x4DBF    // CJK Extension A
        | 0x4E00..=0x9FFF    // CJK Unified Ideographs
        | 0xAC00..=0xD7AF    // Hangul syllables
        | 0xF900..=0xFAFF    // Compatibility ideographs
        | 0x20000..=0x3134F) // Extensions B–G
}
