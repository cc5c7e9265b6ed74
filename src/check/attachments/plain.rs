//! Plain-text attachments (txt, csv, md, html): the bytes as UTF-8.
//!
//! Offices still save CSV exports in GBK. Read as UTF-8 such a file turns
//! into replacement characters and its ID numbers into noise, so a file
//! that looks like GBK is reported instead of being scanned as garbage.

use super::Unreadable;

/// The text of a plain-text file: UTF-8 (a BOM dropped), UTF-16 with a BOM,
/// or, when neither fits and the bytes do not look like GBK, UTF-8 lossy.
pub(super) fn text(bytes: &[u8]) -> Result<String, Unreadable> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return Ok(String::from_utf8_lossy(rest).into_owned());
    }
    if let Some(text) = utf16_with_bom(bytes) {
        return Ok(text);
    }
    if mostly_utf8(bytes) {
        return Ok(String::from_utf8_lossy(bytes).into_owned());
    }
    if looks_like_gbk(bytes) {
        return Err(Unreadable::Damaged(
            "the text is not UTF-8: it looks like GBK/GB18030, which is not converted; \
             save it as UTF-8"
                .to_owned(),
        ));
    }
    Ok(String::from_utf8_lossy(bytes).into_owned())
}

/// Text with a UTF-16 byte-order mark (what Excel's "Unicode text" saves).
pub(super) fn utf16_with_bom(bytes: &[u8]) -> Option<String> {
    let (rest, big_endian) = match bytes {
        [0xFF, 0xFE, rest @ ..] => (rest, false),
        [0xFE, 0xFF, rest @ ..] => (rest, true),
        _ => return None,
    };
    let units: Vec<u16> = rest
        .chunks_exact(2)
        .map(|pair| {
            let pair = [pair[0], pair[1]];
            if big_endian {
                u16::from_be_bytes(pair)
            } else {
                u16::from_le_bytes(pair)
            }
        })
        .collect();
    Some(String::from_utf16_lossy(&units))
}

/// True if the bytes are UTF-8 but for a few broken sequences (a file cut
/// in the middle of a character, one stray byte): at least four valid
/// non-ASCII characters for each invalid run. GBK text rarely forms valid
/// UTF-8 by chance (about one character in ten), so it stays below that.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut wide, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        wide += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    invalid == 0 || wide >= 4 * invalid
}

/// True if every non-ASCII byte belongs to a well-formed GBK pair or
/// GB18030 four-byte sequence, and at least half of the pairs fall in the
/// GB2312 block (A1-F7, A1-FE) where common Chinese characters live: Latin-1
/// accents followed by an ASCII letter also form GBK pairs, but not those.
fn looks_like_gbk(bytes: &[u8]) -> bool {
    let (mut pairs, mut gb2312) = (0usize, 0usize);
    let mut i = 0;
    while i < bytes.len() {
        let Some(len) = gbk_char_len(&bytes[i..]) else {
            return false;
        };
        if len == 2 {
            pairs += 1;
            gb2312 += usize::from(is_gb2312(bytes[i], bytes[i + 1]));
        }
        i += len;
    }
    pairs > 0 && 2 * gb2312 >= pairs
}

/// The length of the GBK/GB18030 character at the start of `rest` (not
/// empty), or `None` if it is malformed.
fn gbk_char_len(rest: &[u8]) -> Option<usize> {
    match *rest {
        [0x00..=0x7F, ..] => Some(1),
        [0x81..=0xFE, 0x40..=0x7E | 0x80..=0xFE, ..] => Some(2),
        [0x81..=0xFE, 0x30..=0x39, 0x81..=0xFE, 0x30..=0x39, ..] => Some(4),
        _ => None,
    }
}

/// True for a pair in the GB2312 block.
fn is_gb2312(lead: u8, trail: u8) -> bool {
    (0xA1..=0xF7).contains(&lead) && (0xA1..=0xFE).contains(&trail)
}
