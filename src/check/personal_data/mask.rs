//! Masking conventions: ID `110105********002X`, phone `138****1234`, bank
//! card `6228***********0018`, permit and passport `E*****678`, email
//! `z***@example.gov.cn`. A header cell is shown as it is. Full-width
//! characters are folded and separators dropped, so the masked form is
//! the same however the value was written.

use super::Kind;
use super::normalize::fold;

/// Masks a value of a kind (see the module doc for the conventions).
pub fn mask(kind: Kind, value: &str) -> String {
    match kind {
        Kind::ResidentId | Kind::ResidentIdShape | Kind::LegacyResidentId => {
            keep_ends(folded_where(value, u8::is_ascii_alphanumeric), 6, 4)
        }
        Kind::Mobile => mobile(folded_where(value, u8::is_ascii_digit)),
        Kind::BankCard => keep_ends(folded_where(value, u8::is_ascii_digit), 4, 4),
        Kind::HkMacauPermit | Kind::Passport => {
            keep_ends(folded_where(value, u8::is_ascii_alphanumeric), 1, 3)
        }
        Kind::Email => email(folded_where(value, |_| true)),
        Kind::SensitiveColumn => value.to_owned(),
    }
}

/// The folded (ASCII) bytes of `value` that `keep` accepts.
fn folded_where(value: &str, keep: impl Fn(&u8) -> bool) -> Vec<u8> {
    value.chars().filter_map(fold).filter(keep).collect()
}

/// Keeps `head` bytes and `tail` bytes, stars between; all stars when the
/// value is too short to hide anything.
fn keep_ends(mut ascii: Vec<u8>, head: usize, tail: usize) -> String {
    let n = ascii.len();
    let hidden = if n <= head + tail {
        0..n
    } else {
        head..n - tail
    };
    ascii[hidden].fill(b'*');
    String::from_utf8(ascii).expect("folded bytes are ASCII")
}

/// The last 11 digits (the country prefix dropped) as `138****1234`.
fn mobile(mut digits: Vec<u8>) -> String {
    digits.drain(..digits.len().saturating_sub(11));
    keep_ends(digits, 3, 4)
}

/// `z***@example.gov.cn`: the first character of the local part only.
fn email(ascii: Vec<u8>) -> String {
    let Some(at) = ascii.iter().rposition(|&b| b == b'@') else {
        return keep_ends(ascii, 0, 0);
    };
    let first = ascii[..at.min(1)].iter().map(|&b| char::from(b));
    let domain = ascii[at..].iter().map(|&b| char::from(b));
    first.chain("***".chars()).chain(domain).collect()
}
