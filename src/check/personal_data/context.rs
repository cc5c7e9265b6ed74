//! Keywords near a value, looked up in the original text.

/// True if one of `keywords` occurs in the `chars` characters before byte
/// `start` of `text` (a char boundary).
pub(super) fn near_before(text: &str, start: usize, keywords: &[&str], chars: usize) -> bool {
    let before = &text[..start];
    let from = before
        .char_indices()
        .rev()
        .take(chars)
        .last()
        .map_or(start, |(i, _)| i);
    contains_any(&before[from..], keywords)
}

/// True if one of `keywords` occurs in the `chars` characters after byte
/// `end` of `text` (a char boundary).
pub(super) fn near_after(text: &str, end: usize, keywords: &[&str], chars: usize) -> bool {
    let after = &text[end..];
    let to = after
        .char_indices()
        .nth(chars)
        .map_or(after.len(), |(i, _)| i);
    contains_any(&after[..to], keywords)
}

/// A plain search: windows are a few dozen bytes, too short to pay for
/// setting up a substring searcher per keyword.
fn contains_any(window: &str, keywords: &[&str]) -> bool {
    let window = window.as_bytes();
    (0..window.len()).any(|i| {
        keywords
            .iter()
            .any(|k| window[i..].starts_with(k.as_bytes()))
    })
}
