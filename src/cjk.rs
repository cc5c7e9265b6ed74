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

/// Whether a UTF-8 character starting with the bytes `lead, second` is an
/// ideograph of U+4000–U+9FFF, whatever its last byte: leads E5–E9 are
/// U+5000–U+9FFF, and lead E4 is U+4000–U+4FFF but for U+4DC0–U+4DFF
/// (second byte B7, the Yijing hexagrams). Most of any Chinese text, so the
/// word count and the search splitter read these from the bytes; U+4E00–
/// U+4FFF hold some of the commonest characters of official text (一 不 中
/// 人 以 企 会 信). Bitwise, not short-circuit, so that it has no branches:
/// as `||` and `&&` it made the word count a quarter slower.
#[inline(always)]
pub fn is_common_ideograph(lead: u8, second: u8) -> bool {
    (lead.wrapping_sub(0xE4) < 6) & ((lead != 0xE4) | (second != 0xB7))
}
