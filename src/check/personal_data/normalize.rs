//! Full-width folding, and the "islands" of text worth scanning.
//!
//! Every kind of value this module looks for is written in ASCII letters,
//! digits and a few joiners (or their full-width twins). Han characters,
//! CJK punctuation and ASCII punctuation such as `,` `:` `|` can never be
//! part of one, so they split the text into islands. Only islands that hold
//! a digit or an at sign (the triggers) are looked at; the text between is
//! skipped in chunks the compiler can vectorise.

/// Folds one character to the ASCII byte it stands for: ASCII itself, the
/// full-width digits, Latin letters, plus, hyphen, full stop, at sign and low
/// line (U+FF01 block), the ideographic space and the no-break space.
/// Every other character folds to `None`.
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

/// True for the folded bytes an island is made of.
fn is_island_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b' ' | b'_' | b'+' | b'-' | b'.' | b'@' | b'%')
}

/// One island: folded bytes, and where each came from in the original text.
pub(super) struct Island<'a> {
    pub text: &'a str,
    pub norm: &'a [u8],
    /// Byte offset of each folded byte's character, plus the end; `None`
    /// when the island is plain ASCII and byte `k` is at `base + k`.
    offs: Option<&'a [usize]>,
    base: usize,
}

impl Island<'_> {
    /// Byte offset in the original text of folded byte `k` (`k` may be the
    /// island's length: its end).
    pub fn offset(&self, k: usize) -> usize {
        self.offs.map_or(self.base + k, |offs| offs[k])
    }

    /// Byte range in the original text of folded bytes `start..end`.
    pub fn range(&self, start: usize, end: usize) -> std::ops::Range<usize> {
        self.offset(start)..self.offset(end)
    }
}

/// Calls `visit` for each island that holds a trigger. Linear: each byte is
/// looked at a bounded number of times.
pub(super) fn for_each_island(text: &str, mut visit: impl FnMut(&Island)) {
    let mut buffers = (Vec::new(), Vec::new());
    let mut done = 0;
    while let Some(trigger) = next_trigger(text.as_bytes(), done) {
        let start = island_start(text, trigger, done);
        let (end, ascii) = island_end(text, start);
        if ascii {
            visit(&Island {
                text,
                norm: &text.as_bytes()[start..end],
                offs: None,
                base: start,
            });
        } else {
            visit(&folded_island(text, start, end, &mut buffers));
        }
        done = end;
    }
}

/// An island with multibyte characters, folded into reused buffers.
fn folded_island<'a>(
    text: &'a str,
    start: usize,
    end: usize,
    (norm, offs): &'a mut (Vec<u8>, Vec<usize>),
) -> Island<'a> {
    norm.clear();
    offs.clear();
    for (i, c) in text[start..end].char_indices() {
        norm.push(fold(c).unwrap_or(b' '));
        offs.push(start + i);
    }
    offs.push(end);
    Island {
        text,
        norm,
        offs: Some(offs),
        base: start,
    }
}

/// Bytes looked at together by the trigger search.
const CHUNK: usize = 32;

/// Position of the first trigger at or after `from`: an ASCII digit, `@`,
/// or the lead byte of a full-width digit (EF BC 90-99) or at sign (EF BC A0).
fn next_trigger(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while let Some(window) = bytes.get(i..i + CHUNK + 2) {
        let mask = chunk_triggers(window.try_into().expect("CHUNK + 2 bytes"));
        if mask != 0 {
            return Some(i + mask.trailing_zeros() as usize);
        }
        i += CHUNK;
    }
    (i..bytes.len()).find(|&k| is_trigger(bytes, k))
}

/// Bit `k` set if byte `k` of the window is a trigger. Branch-free, so the
/// loop is vectorised.
fn chunk_triggers(w: &[u8; CHUNK + 2]) -> u32 {
    let mut mask = 0;
    for k in 0..CHUNK {
        mask |= u32::from(trigger_at(w[k], w[k + 1], w[k + 2])) << k;
    }
    mask
}

fn is_trigger(bytes: &[u8], k: usize) -> bool {
    let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
    trigger_at(bytes[k], at(k + 1), at(k + 2))
}

fn trigger_at(b0: u8, b1: u8, b2: u8) -> bool {
    let ascii = (b0.wrapping_sub(b'0') < 10) | (b0 == b'@');
    let full_width = (b0 == 0xef) & (b1 == 0xbc) & ((b2.wrapping_sub(0x90) < 10) | (b2 == 0xa0));
    ascii | full_width
}

/// Start of the island around byte `trigger`, walking back no further than
/// `floor` (the end of the previous island).
fn island_start(text: &str, trigger: usize, floor: usize) -> usize {
    let mut start = trigger;
    while start > floor {
        let Some(c) = text[floor..start].chars().next_back() else {
            break;
        };
        if !fold(c).is_some_and(is_island_byte) {
            break;
        }
        start -= c.len_utf8();
    }
    start
}

/// End of the island that starts at byte `start`, and whether it is ASCII.
fn island_end(text: &str, start: usize) -> (usize, bool) {
    let bytes = text.as_bytes();
    let mut end = start;
    let mut ascii = true;
    while end < bytes.len() {
        let b = bytes[end];
        if b < 0x80 {
            if !is_island_byte(b) {
                break;
            }
            end += 1;
            continue;
        }
        let Some(c) = text[end..].chars().next() else {
            break;
        };
        if !fold(c).is_some_and(is_island_byte) {
            break;
        }
        ascii = false;
        end += c.len_utf8();
    }
    (end, ascii)
}
