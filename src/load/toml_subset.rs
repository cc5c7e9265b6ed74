//! The front matter most files have, read without the TOML parser.
//!
//! A page's front matter is a handful of lines: `title = "…"`,
//! `date = 2024-03-05`, `tags = ["…", "…"]`, an `[extra]` table. The
//! `toml` crate took some 30,000 instructions for six such lines (2.3 % of
//! a build's instructions, callgrind, 2,000 pages), most of it the
//! generality of a full TOML parser with spans. This reader takes only
//! that common shape and answers `None` for anything else — a comment, an
//! escape, a float, an inline table, a dotted key, a repeated key, a
//! malformed date, a `\r` — so the caller parses those with `toml`, which
//! also reports every error. Whatever it accepts it reads exactly as
//! `toml` (after [`super::toml_keys::quote_unicode_keys`]) does: the
//! property test below compares the two on generated front matter.

use serde_json::{Map, Value};

/// The front matter as a JSON-like map, or `None` when it is not of the
/// common shape (the caller then parses it with `toml`).
pub fn parse(text: &str) -> Option<Map<String, Value>> {
    if text.contains('\r') {
        return None;
    }
    let mut root = Map::new();
    // The `[table]` the following keys go into, if any.
    let mut table: Option<(String, Map<String, Value>)> = None;
    for line in text.split('\n') {
        let line = line.trim_matches([' ', '\t']);
        if line.is_empty() {
            continue;
        }
        if let Some(name) = line.strip_prefix('[') {
            let name = name.strip_suffix(']')?;
            if !is_bare_ascii_key(name) {
                return None;
            }
            if let Some((done, map)) = table.take() {
                root.insert(done, Value::Object(map));
            }
            if root.contains_key(name) {
                return None;
            }
            table = Some((name.to_string(), Map::new()));
            continue;
        }
        let (key, value) = key_value(line)?;
        let map = match &mut table {
            Some((_, map)) => map,
            None => &mut root,
        };
        if map.insert(key.to_string(), value).is_some() {
            return None;
        }
    }
    if let Some((name, map)) = table {
        root.insert(name, Value::Object(map));
    }
    Some(root)
}

/// `key = value`, both of the common shape.
fn key_value(line: &str) -> Option<(&str, Value)> {
    let (key, value) = line.split_once('=')?;
    let key = key.trim_end_matches([' ', '\t']);
    if !is_key(key) {
        return None;
    }
    Some((key, self::value(value.trim_start_matches([' ', '\t']))?))
}

/// A bare key of ASCII letters, digits, `_` and `-`, or one with Chinese
/// (any non-ASCII character that is not a space), which
/// `quote_unicode_keys` puts in quotes for `toml`.
fn is_key(key: &str) -> bool {
    !key.is_empty()
        && key.chars().all(|c| {
            c.is_ascii_alphanumeric()
                || c == '_'
                || c == '-'
                || (!c.is_ascii() && !c.is_whitespace())
        })
}

/// A `[table]` name: a key of ASCII only (Chinese names go to `toml`).
fn is_bare_ascii_key(key: &str) -> bool {
    key.is_ascii() && is_key(key)
}

/// A whole value: a string, a list of strings, a boolean, an integer, a
/// date or a date and time.
fn value(text: &str) -> Option<Value> {
    match text.as_bytes().first()? {
        b'"' | b'\'' => {
            let (s, rest) = string(text)?;
            rest.is_empty().then(|| Value::String(s.to_string()))
        }
        b'[' => strings(&text[1..]),
        _ => match text {
            "true" => Some(Value::Bool(true)),
            "false" => Some(Value::Bool(false)),
            _ => integer(text).or_else(|| datetime(text)),
        },
    }
}

/// A one-line string without escapes at the start of `text`, and what
/// follows its closing quote.
fn string(text: &str) -> Option<(&str, &str)> {
    let quote = text.as_bytes()[0];
    let body = &text[1..];
    let end = memchr::memchr2(quote, b'\\', body.as_bytes())?;
    if body.as_bytes()[end] != quote || body.as_bytes()[..end].iter().any(|&b| is_control(b)) {
        return None;
    }
    // `""` followed by a quote opens a multi-line string.
    if end == 0 && body.as_bytes().get(1) == Some(&quote) {
        return None;
    }
    Some((&body[..end], &body[end + 1..]))
}

/// Bytes a TOML string may not hold as they are: the control characters
/// but tab (all ASCII, so never part of a longer character).
fn is_control(b: u8) -> bool {
    (b < b' ' && b != b'\t') || b == 0x7F
}

/// The rest of `[ "a", 'b', ]` after its `[`: strings only, on one line.
fn strings(mut text: &str) -> Option<Value> {
    let mut items = Vec::new();
    loop {
        text = text.trim_start_matches([' ', '\t']);
        if let Some(rest) = text.strip_prefix(']') {
            return rest.is_empty().then_some(Value::Array(items));
        }
        if !matches!(text.as_bytes().first(), Some(b'"' | b'\'')) {
            return None;
        }
        let (s, rest) = string(text)?;
        items.push(Value::String(s.to_string()));
        let rest = rest.trim_start_matches([' ', '\t']);
        text = match rest.strip_prefix(',') {
            Some(after) => after,
            None if rest.starts_with(']') => rest,
            None => return None,
        };
    }
}

/// `0`, `42`, `-7`: no sign `+`, no `_`, no leading zero, within `i64`.
fn integer(text: &str) -> Option<Value> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let first = *digits.as_bytes().first()?;
    let well_formed = digits.len() <= 18
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (first != b'0' || text == "0");
    if !well_formed {
        return None;
    }
    text.parse::<i64>().ok().map(Value::from)
}

/// `2024-03-05` or `2024-03-05T09:30:00` with an optional `Z` or
/// `+08:00`, kept as the text `toml` prints for it (the same text).
fn datetime(text: &str) -> Option<Value> {
    let b = text.as_bytes();
    if b.len() < 10 || !fields(&b[..10], b"dddd-dd-dd") {
        return None;
    }
    let (year, month, day) = (number(&b[0..4]), number(&b[5..7]), number(&b[8..10]));
    // Four digits, two and two: each fits; the calendar says if the day is.
    jiff::civil::Date::new(year as i16, month as i8, day as i8).ok()?;
    let rest = &b[10..];
    let valid = match rest.len() {
        0 => true,
        9 | 10 | 15 => {
            fields(&rest[..9], b"Tdd:dd:dd")
                && number(&rest[1..3]) < 24
                && number(&rest[4..6]) < 60
                && number(&rest[7..9]) < 60
                && offset(&rest[9..])
        }
        _ => false,
    };
    valid.then(|| Value::String(text.to_string()))
}

/// Nothing, `Z`, or `+HH:MM` / `-HH:MM` other than `-00:00` (which `toml`
/// prints as `+00:00`).
fn offset(b: &[u8]) -> bool {
    match b {
        [] | [b'Z'] => true,
        [sign @ (b'+' | b'-'), rest @ ..] => {
            fields(rest, b"dd:dd")
                && number(&rest[0..2]) < 24
                && number(&rest[3..5]) < 60
                && !(*sign == b'-' && rest == b"00:00")
        }
        _ => false,
    }
}

/// Whether `b` has a digit wherever `pattern` has `d` and the same byte
/// elsewhere.
fn fields(b: &[u8], pattern: &[u8]) -> bool {
    b.len() == pattern.len()
        && b.iter().zip(pattern).all(|(&c, &p)| match p {
            b'd' => c.is_ascii_digit(),
            _ => c == p,
        })
}

fn number(digits: &[u8]) -> u32 {
    digits.iter().fold(0, |n, &d| n * 10 + u32::from(d - b'0'))
}

#[cfg(test)]
mod tests;
