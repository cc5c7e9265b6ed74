//! Full-width folding, and the "islands" of text worth scanning.
//!
//! Every kind of personal data this module looks for is written in ASCII
//! (or its full-width twin). Han characters and CJK punctuation can never be
//! part of a value, so the scanner skips them byte-wise and only looks at
//! maximal runs of foldable characters — the islands.

/// Folds one character to the ASCII byte it stands for: ASCII itself, the
/// full-width digits, Latin letters, plus, hyphen, full stop, at sign and low
/// line (U+FF01 block), the ideographic space and the no-break space.
/// Every other character is a separator and folds to `None`.
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

/// The folded form of `s`: foldable characters as ASCII, others dropped.
pub(super) fn folded(s: &str) -> Vec<u8> {
    s.chars().filter_map(fold).collect()
}

/// The folded form of `s`, or `None` if a character does not fold.
pub(super) fn fold_all(s: &str) -> Option<Vec<u8>> {
    s.chars().map(fold).collect()
}

/// One island: folded bytes, and for each byte the byte offset of its
/// character in the original text (`offs` has one extra entry: the end).
pub(super) struct Island<'a> {
    pub text: &'a str,
    pub norm: &'a [u8],
    pub offs: &'a [usize],
    pub has_at: bool,
}

impl Island<'_> {
    /// Byte range in the original text of folded bytes `start..end`.
    pub fn range(&self, start: usize, end: usize) -> std::ops::Range<usize> {
        self.offs[start]..self.offs[end]
    }
}

/// Calls `visit` for each island that holds a digit or an at sign (nothing
/// else can start a finding). Linear; Han text is skipped by lead byte.
pub(super) fn for_each_island(text: &str, mut visit: impl FnMut(&Island)) {
    let bytes = text.as_bytes();
    let mut acc = Accumulator::default();
    let mut p = 0;
    while p < bytes.len() {
        let (folded, width) = fold_at(text, p);
        match folded {
            Some(b) => acc.push(b, p),
            None => acc.flush(text, p, &mut visit),
        }
        p += width;
    }
    acc.flush(text, p, &mut visit);
}

/// The folded byte of the character at byte `p`, and its width in bytes.
/// Only lead bytes that can start a foldable character are decoded.
fn fold_at(text: &str, p: usize) -> (Option<u8>, usize) {
    let lead = text.as_bytes()[p];
    let width = utf8_width(lead);
    let folded = match lead {
        0..=0x7f => Some(lead),
        0xc2 | 0xe3 | 0xef => text[p..].chars().next().and_then(fold),
        _ => None,
    };
    (folded, width)
}

fn utf8_width(lead: u8) -> usize {
    match lead {
        0..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    }
}

#[derive(Default)]
struct Accumulator {
    norm: Vec<u8>,
    offs: Vec<usize>,
    has_digit: bool,
    has_at: bool,
}

impl Accumulator {
    fn push(&mut self, b: u8, offset: usize) {
        self.norm.push(b);
        self.offs.push(offset);
        self.has_digit |= b.is_ascii_digit();
        self.has_at |= b == b'@';
    }

    fn flush(&mut self, text: &str, end: usize, visit: &mut impl FnMut(&Island)) {
        if self.norm.is_empty() {
            return;
        }
        if self.has_digit || self.has_at {
            self.offs.push(end);
            visit(&Island {
                text,
                norm: &self.norm,
                offs: &self.offs,
                has_at: self.has_at,
            });
        }
        self.norm.clear();
        self.offs.clear();
        self.has_digit = false;
        self.has_at = false;
    }
}
