//! Email addresses: `local@domain.tld`, local part of at most 64
//! characters, a domain of at least two labels ending in a letter TLD.

use super::tokens::Hit;
use super::{Kind, Level};

const MAX_LOCAL: usize = 64;
const MAX_DOMAIN: usize = 253;

fn is_local(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-')
}

fn is_domain(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-')
}

/// Every address in an island, by the position of its at sign.
pub(super) fn scan(norm: &[u8]) -> impl Iterator<Item = Hit> + '_ {
    norm.iter()
        .enumerate()
        .filter(|&(_, &b)| b == b'@')
        .filter_map(|(at, _)| address(norm, at))
}

fn address(norm: &[u8], at: usize) -> Option<Hit> {
    let start = local_start(norm, at)?;
    let end = domain_end(norm, at + 1)?;
    Some(Hit::new(Kind::Email, Level::Warning, start, end))
}

/// Start of the local part before the at sign, leading dots left out.
fn local_start(norm: &[u8], at: usize) -> Option<usize> {
    let floor = at.saturating_sub(MAX_LOCAL);
    let mut start = at;
    while start > floor && is_local(norm[start - 1]) {
        start -= 1;
    }
    while start < at && norm[start] == b'.' {
        start += 1;
    }
    (start < at).then_some(start)
}

/// End of a valid domain after the at sign, trailing dots and hyphens
/// (sentence punctuation) left out.
fn domain_end(norm: &[u8], from: usize) -> Option<usize> {
    let ceiling = norm.len().min(from + MAX_DOMAIN);
    let mut end = from;
    while end < ceiling && is_domain(norm[end]) {
        end += 1;
    }
    while end > from && matches!(norm[end - 1], b'.' | b'-') {
        end -= 1;
    }
    is_domain_name(&norm[from..end]).then_some(end)
}

/// At least two labels, none empty or with a hyphen at an edge, the last
/// (the top-level domain) two letters or more.
fn is_domain_name(domain: &[u8]) -> bool {
    let mut labels = 0;
    let mut last: &[u8] = &[];
    for label in domain.split(|&b| b == b'.') {
        let (Some(&first), Some(&end)) = (label.first(), label.last()) else {
            return false;
        };
        if first == b'-' || end == b'-' {
            return false;
        }
        labels += 1;
        last = label;
    }
    labels >= 2 && last.len() >= 2 && last.iter().all(u8::is_ascii_alphabetic)
}
