//! Bank card numbers: 16-19 digits, whole or in groups of four. The Luhn
//! check is taken as confidence, a nearby 账号/卡号/开户行 as context.

use super::context::{Keywords, near_before};
use super::normalize::Island;
use super::tokens::{Group, Hit, ends_token, joined};
use super::{Kind, Level};

/// Words that, shortly before a number, say it is an account or card.
const KEYWORDS: Keywords = Keywords::new(&["账号", "卡号", "开户行", "银行卡", "账户"]);

/// How many characters before a number are searched for a keyword.
const WINDOW: usize = 20;

const LENGTHS: std::ops::RangeInclusive<usize> = 16..=19;

/// True if the digits pass the Luhn (mod 10) check.
pub(super) fn luhn(digits: &[u8]) -> bool {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            let d = u32::from(d - b'0');
            match (i % 2, d * 2) {
                (0, _) => d,
                (_, doubled) if doubled > 9 => doubled - 9,
                (_, doubled) => doubled,
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// Error when Luhn passes and a keyword is near, Warning when only one of
/// the two holds, nothing otherwise.
fn hit(island: &Island, digits: &[u8], start: usize, end: usize) -> Option<Hit> {
    let near = near_before(island.text, island.offset(start), &KEYWORDS, WINDOW);
    let level = match (luhn(digits), near) {
        (true, true) => Level::Error,
        (false, false) => return None,
        _ => Level::Warning,
    };
    Some(Hit::new(Kind::BankCard, level, start, end))
}

/// A whole token of 16-19 digits.
pub(super) fn single(island: &Island, g: Group) -> Option<Hit> {
    if !LENGTHS.contains(&g.len()) || !g.is_digits(island.norm) {
        return None;
    }
    hit(island, g.bytes(island.norm), g.start, g.end)
}

/// A number in groups of four (the last may be shorter), 16-19 digits in
/// all, not followed by a further digit group.
pub(super) fn grouped(island: &Island, gs: &[Group]) -> Option<Hit> {
    let norm = island.norm;
    let n = card_groups(norm, gs);
    if n < 2 || gs.get(n).is_some_and(|g| g.is_digits(norm)) {
        return None;
    }
    let last = gs[n - 1];
    let (digits, len) = joined::<19>(norm, &gs[..n])?;
    if !LENGTHS.contains(&len) || !ends_token(norm, last.end) {
        return None;
    }
    hit(island, &digits[..len], gs[0].start, last.end)
}

/// How many leading groups are digit groups of four, plus at most one
/// shorter group at the end.
fn card_groups(norm: &[u8], gs: &[Group]) -> usize {
    let mut n = 0;
    for g in gs {
        if !g.is_digits(norm) || g.len() > 4 {
            break;
        }
        n += 1;
        if g.len() < 4 {
            break;
        }
    }
    n
}
