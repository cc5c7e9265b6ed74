//! Turning a file's bytes into text we can trust: UTF-8 only, BOM dropped,
//! CRLF line ends accepted, and legacy GBK files named as such.

use std::borrow::Cow;

use crate::diagnostic::{Diagnostic, Location};
use crate::t;

/// Decodes a source file. Line numbers stay those of the original file.
/// The text is borrowed from `bytes` unless line ends had to change, so a
/// caller that keeps it copies it once.
pub fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, Diagnostic> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // The SIMD check first (most files are valid, and Chinese text is slow
    // going for std's); std's says where a bad file goes wrong.
    let checked = simdutf8::basic::from_utf8(bytes).or_else(|_| std::str::from_utf8(bytes));
    match checked {
        Ok(text) if disguised_gbk(text, bytes) => Err(not_utf8(bytes, first_suspect(text))),
        Ok(text) if memchr::memchr(b'\r', text.as_bytes()).is_some() => {
            Ok(Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n")))
        }
        Ok(text) => Ok(Cow::Borrowed(text)),
        Err(e) => Err(not_utf8(bytes, e.valid_up_to())),
    }
}

/// Some GBK words are also valid UTF-8 (通知 = CD A8 D6 AA = U+0368 U+05AA):
/// a file with no CJK character at all but with combining marks or
/// Greek…Arabic letters, whose bytes pair up as GBK, is GBK in disguise.
fn disguised_gbk(text: &str, bytes: &[u8]) -> bool {
    !text.is_ascii()
        && !text.chars().any(crate::cjk::is_cjk)
        && text.chars().any(is_suspect)
        && looks_like_gbk(bytes)
}

fn is_suspect(c: char) -> bool {
    ('\u{0300}'..='\u{07FF}').contains(&c)
}

fn first_suspect(text: &str) -> usize {
    text.char_indices()
        .find(|(_, c)| is_suspect(*c))
        .map_or(0, |(i, _)| i)
}

fn not_utf8(bytes: &[u8], valid_up_to: usize) -> Diagnostic {
    let line = bytes[..valid_up_to].iter().filter(|&&b| b == b'\n').count() + 1;
    let (message, hint) = if looks_like_gbk(bytes) {
        (
            t!(
                "文件不是 UTF-8 编码，看起来是 GBK（GB2312/GB18030）编码",
                "the file is not UTF-8; it looks like GBK (GB2312/GB18030)"
            ),
            t!(
                "请转换为 UTF-8：在编辑器中“另存为 UTF-8”，或运行 `iconv -f GB18030 -t UTF-8 原文件 > 新文件`",
                "convert it to UTF-8: “Save as UTF-8” in the editor, or run `iconv -f GB18030 -t UTF-8 old > new`"
            ),
        )
    } else {
        (
            t!(
                "文件不是有效的 UTF-8 文本",
                "the file is not valid UTF-8 text"
            ),
            t!(
                "请在编辑器中以 UTF-8 编码另存此文件",
                "save the file as UTF-8 in your editor"
            ),
        )
    };
    Diagnostic::error(message)
        .at(Location { line, column: 1 })
        .with_hint(hint)
}

/// GBK encodes a Chinese character as a lead byte 0x81–0xFE followed by a
/// trail byte 0x40–0xFE (not 0x7F). If most high bytes pair up that way and
/// the text is not UTF-8, GBK is the likely culprit.
fn looks_like_gbk(bytes: &[u8]) -> bool {
    let (mut pairs, mut strays) = (0usize, 0usize);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
            continue;
        }
        match bytes.get(i + 1) {
            Some(&t) if (0x81..=0xFE).contains(&b) && (0x40..=0xFE).contains(&t) && t != 0x7F => {
                pairs += 1;
                i += 2;
            }
            _ => {
                strays += 1;
                i += 1;
            }
        }
    }
    pairs > 0 && strays * 10 <= pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_and_crlf_are_accepted() {
        let text = decode(b"\xEF\xBB\xBF+++\r\ntitle = \"a\"\r\n+++\r\n").unwrap();
        assert_eq!(text, "+++\ntitle = \"a\"\n+++\n");
    }

    #[test]
    fn gbk_that_happens_to_be_utf8_is_caught() {
        // "通知" in GBK is also valid UTF-8 (U+0368 U+05AA).
        let err = decode(b"title = \"\xCD\xA8\xD6\xAA\"\n").unwrap_err();
        assert!(err.message.contains("GBK"), "{}", err.message);
        assert!(decode("title = \"Ελληνικά 通知\"\n".as_bytes()).is_ok());
    }

    #[test]
    fn gbk_is_named_with_a_conversion_hint() {
        // "公开" in GBK (some GBK words, like 通知, happen to be valid UTF-8).
        let err = decode(b"title = \"\xB9\xAB\xBF\xAA\"\n").unwrap_err();
        assert!(err.message.contains("GBK"), "{}", err.message);
        assert!(err.hint.unwrap().contains("iconv"));
    }
}
