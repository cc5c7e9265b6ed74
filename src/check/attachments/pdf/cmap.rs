//! ToUnicode CMaps (ISO 32000-1, 9.10.3): how a font's character codes map
//! to Unicode. Chinese PDFs draw text with two-byte glyph codes that mean
//! nothing without this map.

use std::collections::HashMap;

use super::syntax::{Lexer, Object, Token};

/// Most mappings kept from one CMap: a hostile `bfrange` cannot make an
/// unbounded table.
const MAX_MAPPINGS: usize = 1 << 20;

/// A parsed ToUnicode CMap.
#[derive(Debug, Default)]
pub(super) struct CMap {
    /// Code space ranges: the low and high code, of equal length.
    ranges: Vec<(Vec<u8>, Vec<u8>)>,
    /// Unicode text by (code length, code value).
    map: HashMap<(usize, u32), String>,
}

impl CMap {
    /// Parses the text of a CMap: only the code space and the `bfchar` and
    /// `bfrange` sections matter here.
    pub(super) fn parse(data: &[u8]) -> CMap {
        let mut cmap = CMap::default();
        let mut operands = Vec::new();
        let mut lexer = Lexer::new(data, 0);
        while let Some(token) = lexer.next_token() {
            match token {
                Token::Object(o) => operands.push(o),
                Token::Keyword(keyword) => {
                    cmap.section(keyword, &operands);
                    operands.clear();
                }
            }
        }
        cmap
    }

    /// Takes in the operands of a section ending with `keyword`.
    fn section(&mut self, keyword: &[u8], operands: &[Object]) {
        match keyword {
            b"endcodespacerange" => {
                for pair in operands.chunks_exact(2) {
                    if let (Some(lo), Some(hi)) = (pair[0].as_string(), pair[1].as_string())
                        && lo.len() == hi.len()
                    {
                        self.ranges.push((lo.to_vec(), hi.to_vec()));
                    }
                }
            }
            b"endbfchar" => {
                for pair in operands.chunks_exact(2) {
                    if let (Some(code), Some(text)) = (pair[0].as_string(), pair[1].as_string()) {
                        self.insert(code, utf16be(text));
                    }
                }
            }
            b"endbfrange" => {
                for triple in operands.chunks_exact(3) {
                    self.range(&triple[0], &triple[1], &triple[2]);
                }
            }
            _ => {}
        }
    }

    /// One `bfrange` line: codes `lo..=hi` map to `target` counted up, or
    /// to the successive strings of an array.
    fn range(&mut self, lo: &Object, hi: &Object, target: &Object) {
        let (Some(lo), Some(hi)) = (lo.as_string(), hi.as_string()) else {
            return;
        };
        let (Some(first), Some(last)) = (code_value(lo), code_value(hi)) else {
            return;
        };
        let width = lo.len();
        let last = last.min(first.saturating_add(0xFFFF));
        for (i, code) in (first..=last).enumerate() {
            let text = match target {
                Object::String(base) => counted_up(base, i),
                Object::Array(items) => match items.get(i).and_then(Object::as_string) {
                    Some(s) => utf16be(s),
                    None => break,
                },
                _ => return,
            };
            self.insert_value(width, code, text);
        }
    }

    fn insert(&mut self, code: &[u8], text: String) {
        if let Some(value) = code_value(code) {
            self.insert_value(code.len(), value, text);
        }
    }

    fn insert_value(&mut self, width: usize, code: u32, text: String) {
        if self.map.len() < MAX_MAPPINGS {
            self.map.insert((width, code), text);
        }
    }

    /// The length of the code at the start of `bytes` (not empty): the
    /// code space range it falls in, else `default`.
    pub(super) fn code_len(&self, bytes: &[u8], default: usize) -> usize {
        let fits = |(lo, hi): &&(Vec<u8>, Vec<u8>)| {
            bytes.len() >= lo.len()
                && lo
                    .iter()
                    .zip(hi)
                    .zip(bytes)
                    .all(|((l, h), b)| (l..=h).contains(&b))
        };
        self.ranges
            .iter()
            .find(fits)
            .map_or(default, |(lo, _)| lo.len())
            .clamp(1, bytes.len())
    }

    /// The Unicode text of one code.
    pub(super) fn lookup(&self, code: &[u8]) -> Option<&str> {
        let value = code_value(code)?;
        self.map.get(&(code.len(), value)).map(String::as_str)
    }
}

/// A code of one to four bytes as a number.
fn code_value(code: &[u8]) -> Option<u32> {
    (1..=4)
        .contains(&code.len())
        .then(|| code.iter().fold(0u32, |acc, &b| acc << 8 | u32::from(b)))
}

/// Text in UTF-16BE, as CMaps write their targets.
pub(super) fn utf16be(bytes: &[u8]) -> String {
    let units: Vec<u16> = bytes
        .chunks_exact(2)
        .map(|p| u16::from_be_bytes([p[0], p[1]]))
        .collect();
    String::from_utf16_lossy(&units)
}

/// The `bfrange` target `base` counted up by `offset`: the last UTF-16
/// unit is incremented, as readers do.
fn counted_up(base: &[u8], offset: usize) -> String {
    let mut units: Vec<u16> = base
        .chunks_exact(2)
        .map(|p| u16::from_be_bytes([p[0], p[1]]))
        .collect();
    if let Some(last) = units.last_mut() {
        *last = last.wrapping_add(offset as u16);
    }
    String::from_utf16_lossy(&units)
}
