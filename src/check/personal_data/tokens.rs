//! Tokens inside an island, and the dispatch from a token to the rules.
//!
//! A token is a maximal run of word characters (ASCII letters, digits, `_`)
//! that is not the fraction of a decimal number. A value is only reported
//! when it is a whole token, or a short chain of digit groups joined by
//! single spaces or hyphens (`138 1234 1234`, `6228 4804 0256 4890 018`).

use super::normalize::Island;
use super::{Finding, Kind, Level, bank_card, email, phone, resident_id, travel_docs};

/// Digit groups looked at from one token: enough for `0086 138 1234 1234`
/// and a 19-digit card in five groups, plus one to see that a chain goes on.
const MAX_GROUPS: usize = 6;

/// The shortest value: an email address such as `a@b.cn`.
const SHORTEST: usize = 6;
/// The shortest value other than an email address: a passport number.
const SHORTEST_TOKEN: usize = 9;

pub(super) fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// True if a token may start at `i`: not inside a word, nor right after the
/// decimal point of a number.
pub(super) fn starts_token(norm: &[u8], i: usize) -> bool {
    let Some(prev) = i.checked_sub(1).map(|p| norm[p]) else {
        return true;
    };
    let after_decimal_point = prev == b'.' && i >= 2 && norm[i - 2].is_ascii_digit();
    !is_word(prev) && !after_decimal_point
}

/// True if a token may end at `j`: not inside a word, nor before a decimal
/// point followed by a digit.
pub(super) fn ends_token(norm: &[u8], j: usize) -> bool {
    match norm.get(j) {
        None => true,
        Some(b'.') => !norm.get(j + 1).is_some_and(u8::is_ascii_digit),
        Some(&b) => !is_word(b),
    }
}

fn word_end(norm: &[u8], i: usize) -> usize {
    norm[i..]
        .iter()
        .position(|&b| !is_word(b))
        .map_or(norm.len(), |n| i + n)
}

/// A word run `start..end` inside an island.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Group {
    pub start: usize,
    pub end: usize,
}

impl Group {
    pub fn len(self) -> usize {
        self.end - self.start
    }

    pub fn bytes(self, norm: &[u8]) -> &[u8] {
        &norm[self.start..self.end]
    }

    pub fn is_digits(self, norm: &[u8]) -> bool {
        self.bytes(norm).iter().all(u8::is_ascii_digit)
    }
}

/// The bytes of `gs` joined into a fixed buffer (no allocation), or `None`
/// if they are more than `N`. Returns the buffer and the length used.
pub(super) fn joined<const N: usize>(norm: &[u8], gs: &[Group]) -> Option<([u8; N], usize)> {
    let len: usize = gs.iter().map(|g| g.len()).sum();
    if len > N {
        return None;
    }
    let mut buf = [0; N];
    let mut at = 0;
    for g in gs {
        buf[at..at + g.len()].copy_from_slice(g.bytes(norm));
        at += g.len();
    }
    Some((buf, len))
}

/// The token at `i` and the digit-led tokens chained after it by a single
/// space or hyphen.
fn groups(norm: &[u8], i: usize) -> ([Group; MAX_GROUPS], usize) {
    let mut out = [Group::default(); MAX_GROUPS];
    let mut start = i;
    let mut n = 0;
    while n < MAX_GROUPS {
        let end = word_end(norm, start);
        out[n] = Group { start, end };
        n += 1;
        let chained = matches!(norm.get(end), Some(b' ' | b'-'))
            && norm.get(end + 1).is_some_and(u8::is_ascii_digit);
        if !chained {
            break;
        }
        start = end + 1;
    }
    (out, n)
}

/// A finding inside an island, in folded-byte indices.
#[derive(Debug, Clone, Copy)]
pub(super) struct Hit {
    pub kind: Kind,
    pub level: Level,
    pub start: usize,
    pub end: usize,
}

impl Hit {
    pub fn new(kind: Kind, level: Level, start: usize, end: usize) -> Self {
        Hit {
            kind,
            level,
            start,
            end,
        }
    }

    fn into_finding(self, island: &Island) -> Finding {
        Finding::new(
            self.kind,
            self.level,
            island.text,
            island.range(self.start, self.end),
        )
    }
}

/// Scans one island: tokens, then email addresses.
pub(super) fn scan_island(island: &Island, out: &mut Vec<Finding>) {
    let norm = island.norm;
    if norm.len() < SHORTEST {
        return;
    }
    let has_at = norm.contains(&b'@');
    if norm.len() < SHORTEST_TOKEN && !has_at {
        return;
    }
    let mut i = 0;
    while i < norm.len() {
        if !is_word(norm[i]) {
            i += 1;
            continue;
        }
        let (hit, next) = at_token(island, i);
        out.extend(hit.map(|h| h.into_finding(island)));
        i = next;
    }
    if has_at {
        out.extend(email::scan(norm).map(|h| h.into_finding(island)));
    }
}

/// Examines the token that starts at `i`; returns what it found and where
/// scanning goes on.
fn at_token(island: &Island, i: usize) -> (Option<Hit>, usize) {
    let norm = island.norm;
    if !starts_token(norm, i) {
        return (None, word_end(norm, i));
    }
    if !norm[i].is_ascii_digit() {
        let end = word_end(norm, i);
        return (travel_docs::classify(island, Group { start: i, end }), end);
    }
    let (gs, n) = groups(norm, i);
    let gs = &gs[..n];
    if let Some(hit) = chained(island, gs) {
        return (Some(hit), hit.end);
    }
    (single(island, gs[0]), gs[0].end)
}

/// A value written as a chain of groups.
fn chained(island: &Island, gs: &[Group]) -> Option<Hit> {
    if gs.len() < 2 {
        return None;
    }
    let norm = island.norm;
    phone::prefixed(norm, gs)
        .or_else(|| phone::grouped(norm, gs))
        .or_else(|| resident_id::grouped(norm, gs))
        .or_else(|| bank_card::grouped(island, gs))
}

/// A value written as one token that starts with a digit.
fn single(island: &Island, g: Group) -> Option<Hit> {
    let norm = island.norm;
    if !ends_token(norm, g.end) {
        return None;
    }
    if g.len() == 18 {
        return eighteen(island, g);
    }
    if !g.is_digits(norm) {
        return None;
    }
    phone::single(norm, g)
        .or_else(|| resident_id::legacy(norm, g))
        .or_else(|| bank_card::single(island, g))
}

/// An 18-character token: a resident ID, a credit code (never reported), a
/// bank card, or an ID-shaped number whose check character fails.
fn eighteen(island: &Island, g: Group) -> Option<Hit> {
    let token = g.bytes(island.norm);
    let id = resident_id::classify(token);
    if id == Some(Kind::ResidentId) {
        return Some(Hit::new(Kind::ResidentId, Level::Error, g.start, g.end));
    }
    if super::credit_code::is_valid(token) {
        return None;
    }
    let card = bank_card::single(island, g);
    if card.is_some_and(|h| h.level == Level::Error) {
        return card;
    }
    match id {
        Some(kind) => Some(Hit::new(kind, Level::Warning, g.start, g.end)),
        None => card,
    }
}
