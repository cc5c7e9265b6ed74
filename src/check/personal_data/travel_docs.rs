//! Travel document numbers: permits for travel between the mainland and
//! Hong Kong/Macau (港澳居民来往内地通行证, 往来港澳通行证) and passports.
//! Letter-and-digit codes also number other things, so a match is an Error
//! only when the document's name is near, and a Warning otherwise.

use super::context::{Keywords, near_after, near_before};
use super::normalize::Island;
use super::tokens::{Group, Hit, ends_token};
use super::{Kind, Level};

const PERMIT_KEYWORDS: Keywords = Keywords::new(&["通行证"]);
const PASSPORT_KEYWORDS: Keywords = Keywords::new(&["护照"]);

/// Characters searched for a keyword before and after a number.
const BEFORE: usize = 20;
const AFTER: usize = 16;

fn all_digits(bytes: &[u8]) -> bool {
    bytes.iter().all(u8::is_ascii_digit)
}

/// `[HM]\d{8}`, `[HM]\d{10}` or `C[A-Z0-9]\d{7}`.
fn is_permit(t: &[u8]) -> bool {
    match (t.first(), t.len()) {
        (Some(b'H' | b'M'), 9 | 11) => all_digits(&t[1..]),
        (Some(b'C'), 9) => {
            (t[1].is_ascii_uppercase() || t[1].is_ascii_digit()) && all_digits(&t[2..])
        }
        _ => false,
    }
}

/// `E\d{8}`, `E[A-Z]\d{7}` or `G\d{8}`.
fn is_passport(t: &[u8]) -> bool {
    match (t.first(), t.len()) {
        (Some(b'E'), 9) => {
            (t[1].is_ascii_uppercase() || t[1].is_ascii_digit()) && all_digits(&t[2..])
        }
        (Some(b'G'), 9) => all_digits(&t[1..]),
        _ => false,
    }
}

/// A whole letter-led token that is a permit or passport number.
pub(super) fn classify(island: &Island, g: Group) -> Option<Hit> {
    if !ends_token(island.norm, g.end) {
        return None;
    }
    let token = g.bytes(island.norm);
    let (kind, keywords) = if is_permit(token) {
        (Kind::HkMacauPermit, &PERMIT_KEYWORDS)
    } else if is_passport(token) {
        (Kind::Passport, &PASSPORT_KEYWORDS)
    } else {
        return None;
    };
    let range = island.range(g.start, g.end);
    let near = near_before(island.text, range.start, keywords, BEFORE)
        || near_after(island.text, range.end, keywords, AFTER);
    let level = if near { Level::Error } else { Level::Warning };
    Some(Hit::new(kind, level, g.start, g.end))
}
