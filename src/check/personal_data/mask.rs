//! Masking conventions: ID `110105********002X`, phone `138****1234`, bank
//! card `6228***********0018`, permit and passport `E*****678`, email
//! `z***@example.gov.cn`. A header cell is shown as it is.

use super::Kind;
use super::normalize::folded;

/// Masks a value of a kind (see the module doc for the conventions).
pub fn mask(kind: Kind, value: &str) -> String {
    match kind {
        Kind::ResidentId | Kind::ResidentIdShape | Kind::LegacyResidentId => {
            keep_ends(&alnum(value), 6, 4)
        }
        Kind::Mobile => mobile(&digits(value)),
        Kind::BankCard => keep_ends(&digits(value), 4, 4),
        Kind::HkMacauPermit | Kind::Passport => keep_ends(&alnum(value), 1, 3),
        Kind::Email => email(value),
        Kind::SensitiveColumn => value.to_owned(),
    }
}

/// Folded letters and digits of `value` (separators dropped).
fn alnum(value: &str) -> Vec<u8> {
    folded(value)
        .into_iter()
        .filter(u8::is_ascii_alphanumeric)
        .collect()
}

fn digits(value: &str) -> Vec<u8> {
    folded(value)
        .into_iter()
        .filter(u8::is_ascii_digit)
        .collect()
}

/// Keeps `head` bytes and `tail` bytes, stars between; all stars when the
/// value is too short to hide anything.
fn keep_ends(bytes: &[u8], head: usize, tail: usize) -> String {
    let n = bytes.len();
    if n <= head + tail {
        return "*".repeat(n);
    }
    let stars = std::iter::repeat_n(&b'*', n - head - tail);
    let masked = bytes[..head].iter().chain(stars).chain(&bytes[n - tail..]);
    masked.map(|&b| char::from(b)).collect()
}

/// The last 11 digits (the country prefix dropped) as `138****1234`.
fn mobile(digits: &[u8]) -> String {
    let number = &digits[digits.len().saturating_sub(11)..];
    keep_ends(number, 3, 4)
}

/// `z***@example.gov.cn`: the first character of the local part only.
fn email(value: &str) -> String {
    let folded = String::from_utf8_lossy(&folded(value)).into_owned();
    match folded.rsplit_once('@') {
        Some((local, domain)) => {
            let first = local.chars().next().map_or(String::new(), String::from);
            format!("{first}***@{domain}")
        }
        None => keep_ends(folded.as_bytes(), 0, 0),
    }
}
