//! Resident identity numbers (公民身份号码, GB 11643-1999) and the 15-digit
//! numbers of first-generation cards.

use super::tokens::{Group, Hit, ends_token, joined};
use super::{Kind, Level};

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK: &[u8; 11] = b"10X98765432";

/// True if the two digits are a province-level code (11-15, 21-23, 31-37,
/// 41-46, 50-54, 61-65, 71, 81-83).
fn is_province(tens: u8, units: u8) -> bool {
    let code = u32::from(tens - b'0') * 10 + u32::from(units - b'0');
    matches!(code, 11..=15 | 21..=23 | 31..=37 | 41..=46 | 50..=54 | 61..=65 | 71 | 81..=83)
}

fn number(digits: &[u8]) -> u32 {
    digits.iter().fold(0, |n, &d| n * 10 + u32::from(d - b'0'))
}

fn is_leap(year: u32) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

/// True for a real calendar date in 1900..=2100.
pub(super) fn is_date(year: u32, month: u32, day: u32) -> bool {
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => return false,
    };
    (1900..=2100).contains(&year) && (1..=days).contains(&day)
}

/// The check character for the first 17 digits.
pub(super) fn check_char(first17: &[u8]) -> u8 {
    let sum: u32 = first17
        .iter()
        .zip(WEIGHTS)
        .map(|(&d, w)| u32::from(d - b'0') * w)
        .sum();
    CHECK[(sum % 11) as usize]
}

/// True if `id` looks like an 18-character ID: 17 digits, a digit or X last,
/// a province code and a valid birth date. The check is not verified.
fn has_shape(id: &[u8]) -> bool {
    id.len() == 18
        && id[..17].iter().all(u8::is_ascii_digit)
        && matches!(id[17], b'0'..=b'9' | b'X' | b'x')
        && is_province(id[0], id[1])
        && is_date(number(&id[6..10]), number(&id[10..12]), number(&id[12..14]))
}

/// `ResidentId` for a valid 18-character ID, `ResidentIdShape` for one
/// whose only fault is its check character, `None` otherwise.
pub(super) fn classify(id: &[u8]) -> Option<Kind> {
    if !has_shape(id) {
        return None;
    }
    if check_char(&id[..17]) == id[17].to_ascii_uppercase() {
        Some(Kind::ResidentId)
    } else {
        Some(Kind::ResidentIdShape)
    }
}

/// True if `id` (ASCII, folded) passes province, date and check rules.
pub(super) fn is_valid(id: &[u8]) -> bool {
    classify(id) == Some(Kind::ResidentId)
}

/// True for a 15-digit legacy ID: province, then a YYMMDD date of the 1900s.
fn is_legacy(id: &[u8]) -> bool {
    id.len() == 15
        && id.iter().all(u8::is_ascii_digit)
        && is_province(id[0], id[1])
        && is_date(
            1900 + number(&id[6..8]),
            number(&id[8..10]),
            number(&id[10..12]),
        )
}

/// A 15-digit token that is a legacy ID.
pub(super) fn legacy(norm: &[u8], g: Group) -> Option<Hit> {
    is_legacy(g.bytes(norm)).then(|| Hit::new(Kind::LegacyResidentId, Level::Error, g.start, g.end))
}

/// An ID written in three groups, `110105 19491231 002X`.
pub(super) fn grouped(norm: &[u8], gs: &[Group]) -> Option<Hit> {
    let [a, b, c, ..] = *gs else { return None };
    if (a.len(), b.len(), c.len()) != (6, 8, 4) || !ends_token(norm, c.end) {
        return None;
    }
    let (id, _) = joined::<18>(norm, &[a, b, c])?;
    let kind = classify(&id)?;
    let level = match kind {
        Kind::ResidentId => Level::Error,
        _ => Level::Warning,
    };
    Some(Hit::new(kind, level, a.start, c.end))
}
