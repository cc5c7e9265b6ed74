//! Fonts as far as text extraction needs them: how a string's bytes split
//! into character codes, and what Unicode text each code stands for.

use super::cmap::{CMap, utf16be};
use super::file::PdfFile;
use super::syntax::{Dict, Object};
use super::widths::Widths;
use super::{Budget, Unreadable};

/// How codes are read when the ToUnicode map does not say.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Encoding {
    /// One byte per code, read as Latin-1 (close to WinAnsi for the
    /// digits and letters that matter here).
    SingleByte,
    /// A composite font with a predefined Unicode CMap (`UniGB-UCS2-H`,
    /// `UniGB-UTF16-H`...): the codes are UTF-16BE.
    Utf16,
    /// A composite font with glyph identifiers (`Identity-H`) or a legacy
    /// CMap: without a ToUnicode map the codes cannot be read.
    Glyphs,
}

/// A font's code-to-text mapping, and its glyph widths.
#[derive(Debug)]
pub(super) struct Font {
    encoding: Encoding,
    to_unicode: Option<CMap>,
    widths: Widths,
}

impl Default for Font {
    /// What text is read with before any `Tf`: single bytes.
    fn default() -> Self {
        Font {
            encoding: Encoding::SingleByte,
            to_unicode: None,
            widths: Widths::Unknown,
        }
    }
}

impl Font {
    /// Reads a font dictionary and its ToUnicode stream.
    pub(super) fn load(
        file: &PdfFile,
        dict: &Dict,
        budget: &mut Budget,
    ) -> Result<Font, Unreadable> {
        let to_unicode = match dict.get("ToUnicode").and_then(Object::as_ref) {
            Some(num) => file.stream(num, budget)?.map(|data| CMap::parse(&data)),
            None => None,
        };
        Ok(Font {
            encoding: encoding(file, dict),
            to_unicode,
            widths: Widths::of(file, dict),
        })
    }

    /// The text of a shown string, and its width in em: from the font's
    /// widths, or estimated where it has none (a CJK character 1 em,
    /// others 0.55).
    pub(super) fn decode(&self, bytes: &[u8]) -> (String, f64) {
        let default_len = match self.encoding {
            Encoding::SingleByte => 1,
            _ => 2,
        };
        let mut text = String::new();
        let mut width = 0.0;
        let mut i = 0;
        while i < bytes.len() {
            let len = match &self.to_unicode {
                Some(cmap) => cmap.code_len(&bytes[i..], default_len),
                None => default_len.min(bytes.len() - i),
            };
            let code = &bytes[i..i + len];
            let before = text.len();
            self.push_code(code, &mut text);
            let value = code.iter().fold(0u32, |acc, &b| acc << 8 | u32::from(b));
            width += self
                .widths
                .get(value)
                .unwrap_or_else(|| estimated_width(&text[before..]));
            i += len;
        }
        (text, width)
    }

    /// Appends the text of one code, if it can be read.
    fn push_code(&self, code: &[u8], text: &mut String) {
        if let Some(mapped) = self.to_unicode.as_ref().and_then(|c| c.lookup(code)) {
            mapped.chars().for_each(|c| push_unligatured(text, c));
            return;
        }
        match (self.encoding, code) {
            (Encoding::SingleByte, &[b @ (0x20..=0x7E | 0xA0..=0xFF)]) => text.push(char::from(b)),
            (Encoding::Utf16, [_, _]) => text.push_str(&utf16be(code)),
            _ => {}
        }
    }
}

/// Appends `c`, with the Latin ligatures that fonts map their glyphs to
/// spelt out: `ﬁona@example.com` would not read as an address.
fn push_unligatured(text: &mut String, c: char) {
    let spelt = match c {
        '\u{FB00}' => "ff",
        '\u{FB01}' => "fi",
        '\u{FB02}' => "fl",
        '\u{FB03}' => "ffi",
        '\u{FB04}' => "ffl",
        '\u{FB05}' | '\u{FB06}' => "st",
        _ => return text.push(c),
    };
    text.push_str(spelt);
}

/// How a font's codes are read without a ToUnicode map.
fn encoding(file: &PdfFile, dict: &Dict) -> Encoding {
    if !dict.has_name("Subtype", "Type0") {
        return Encoding::SingleByte;
    }
    let name = dict.get("Encoding").map(|e| file.resolve(e));
    match name.and_then(Object::as_name) {
        Some(n) if contains(n, b"UCS2") || contains(n, b"UTF16") => Encoding::Utf16,
        _ => Encoding::Glyphs,
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The estimated width of the text of one code, in em.
fn estimated_width(text: &str) -> f64 {
    if text.is_empty() {
        return 0.55;
    }
    text.chars().map(em_width).sum()
}

/// The estimated advance of a character, in em.
fn em_width(c: char) -> f64 {
    match c {
        ' ' => 0.25,
        '\u{1100}'..='\u{115F}'
        | '\u{2E80}'..='\u{A4CF}'
        | '\u{AC00}'..='\u{D7A3}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FF60}'
        | '\u{FFE0}'..='\u{FFE6}'
        | '\u{20000}'..='\u{3FFFD}' => 1.0,
        _ => 0.55,
    }
}
