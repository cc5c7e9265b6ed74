//! Mainland mobile numbers: 11 digits `1[3-9]\d{9}`, optionally after
//! +86 / 86 / 0086, whole or grouped 3-4-4 (or 3-8) by spaces or hyphens.

use super::tokens::{Group, Hit, ends_token, joined};
use super::{Kind, Level};

/// Group lengths a mobile number is written in.
const SHAPES: [&[usize]; 3] = [&[11], &[3, 4, 4], &[3, 8]];

fn is_mobile(digits: &[u8]) -> bool {
    digits.len() == 11
        && digits[0] == b'1'
        && (b'3'..=b'9').contains(&digits[1])
        && digits.iter().all(u8::is_ascii_digit)
}

fn hit(start: usize, end: usize) -> Hit {
    Hit::new(Kind::Mobile, Level::Error, start, end)
}

/// Start of a number, widened over a `+` right before it.
fn with_plus(norm: &[u8], start: usize) -> usize {
    if start > 0 && norm[start - 1] == b'+' {
        start - 1
    } else {
        start
    }
}

/// The last group of a mobile number written as the first groups of `gs`.
fn number(norm: &[u8], gs: &[Group]) -> Option<Group> {
    SHAPES.iter().find_map(|shape| {
        let groups = gs.get(..shape.len())?;
        let fits = groups.iter().zip(*shape).all(|(g, &len)| g.len() == len);
        let last = *groups.last()?;
        if !fits || !ends_token(norm, last.end) {
            return None;
        }
        let (digits, _) = joined::<11>(norm, groups)?;
        is_mobile(&digits).then_some(last)
    })
}

/// A country prefix group (`86`, `+86`, `0086`) followed by a number.
pub(super) fn prefixed(norm: &[u8], gs: &[Group]) -> Option<Hit> {
    let prefix = gs[0];
    if !matches!(prefix.bytes(norm), b"86" | b"0086") {
        return None;
    }
    let last = number(norm, &gs[1..])?;
    Some(hit(with_plus(norm, prefix.start), last.end))
}

/// A number written in groups (or whole) at the start of `gs`.
pub(super) fn grouped(norm: &[u8], gs: &[Group]) -> Option<Hit> {
    let last = number(norm, gs)?;
    Some(hit(gs[0].start, last.end))
}

/// A whole digit token: the number, or the number glued to 86 / 0086.
pub(super) fn single(norm: &[u8], g: Group) -> Option<Hit> {
    let token = g.bytes(norm);
    let number = match token.len() {
        11 => token,
        13 if token.starts_with(b"86") => &token[2..],
        15 if token.starts_with(b"0086") => &token[4..],
        _ => return None,
    };
    if !is_mobile(number) {
        return None;
    }
    let start = if token.len() == 11 {
        g.start
    } else {
        with_plus(norm, g.start)
    };
    Some(hit(start, g.end))
}
