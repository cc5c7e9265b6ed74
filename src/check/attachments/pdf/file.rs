//! The objects of a PDF file, found by scanning for `N G obj` rather than
//! by trusting the cross-reference table, which broken and hand-edited
//! files get wrong; objects packed in object streams are unpacked.

use std::collections::HashMap;
use std::ops::Range;

use flate2::read::{DeflateDecoder, ZlibDecoder};
use memchr::memmem;

use super::syntax::{Dict, Lexer, Object, Token, hex_digit, is_regular, is_space};
use super::{Budget, Unreadable};

/// How many references are followed from one object to its value.
const MAX_REF_CHAIN: usize = 16;

/// How many times the file's size the object scan may lex in all.
const MAX_SCAN_FACTOR: usize = 8;

/// How many `trailer` keywords, from the end of the file, are read.
const MAX_TRAILERS: usize = 64;

/// An object and, for a stream, where its raw data lies in the file.
struct Entry {
    object: Object,
    stream: Option<Range<usize>>,
}

/// The objects of a file, by number, and its trailer dictionaries.
pub(super) struct PdfFile<'a> {
    data: &'a [u8],
    objects: HashMap<u32, Entry>,
    /// Trailer dictionaries and cross-reference stream dictionaries, in
    /// file order: the last one with a `/Root` is the current one.
    trailers: Vec<Dict>,
}

impl<'a> PdfFile<'a> {
    /// Scans `data` for its objects and trailers.
    pub(super) fn scan(data: &'a [u8]) -> Self {
        let mut file = PdfFile {
            data,
            objects: HashMap::new(),
            trailers: Vec::new(),
        };
        let mut trailers = file.scan_objects();
        trailers.extend(file.scan_trailers());
        trailers.sort_by_key(|(at, _)| *at);
        file.trailers = trailers.into_iter().map(|(_, d)| d).collect();
        file
    }

    /// True if no object was found: not a PDF, or one damaged beyond use.
    pub(super) fn is_empty(&self) -> bool {
        self.objects.is_empty()
    }

    /// True if a trailer names an `/Encrypt` dictionary: strings and
    /// streams are then ciphertext.
    pub(super) fn is_encrypted(&self) -> bool {
        self.trailers.iter().any(|t| t.get("Encrypt").is_some())
    }

    /// The document catalog.
    pub(super) fn root(&self) -> Option<&Dict> {
        let root = self.trailers.iter().rev().find_map(|t| t.get("Root"))?;
        self.resolve(root).as_dict()
    }

    /// The object numbered `num`, `Null` if there is none.
    pub(super) fn get(&self, num: u32) -> &Object {
        self.objects.get(&num).map_or(&Object::Null, |e| &e.object)
    }

    /// `object`, or what its chain of references leads to.
    pub(super) fn resolve<'o>(&'o self, mut object: &'o Object) -> &'o Object {
        for _ in 0..MAX_REF_CHAIN {
            match object {
                Object::Ref(num) => object = self.get(*num),
                _ => return object,
            }
        }
        &Object::Null
    }

    /// The dictionary `object` is or leads to.
    pub(super) fn dict<'o>(&'o self, object: Option<&'o Object>) -> Option<&'o Dict> {
        self.resolve(object?).as_dict()
    }

    /// The numbers of the objects whose dictionary satisfies `wanted`, in
    /// increasing order.
    pub(super) fn numbers_where(&self, wanted: impl Fn(&Dict) -> bool) -> Vec<u32> {
        let mut found: Vec<u32> = self
            .objects
            .iter()
            .filter(|(_, e)| e.object.as_dict().is_some_and(&wanted))
            .map(|(&n, _)| n)
            .collect();
        found.sort_unstable();
        found
    }

    /// The decoded data of stream `num`: `Ok(None)` if it is not a stream
    /// or uses a filter that is not decoded (images, LZW...). The raw data
    /// is counted against the budget too, so that a stream shared by many
    /// fonts or pages cannot be reread without end.
    pub(super) fn stream(
        &self,
        num: u32,
        budget: &mut Budget,
    ) -> Result<Option<Vec<u8>>, Unreadable> {
        let Some(Entry {
            object: Object::Dict(dict),
            stream: Some(range),
        }) = self.objects.get(&num)
        else {
            return Ok(None);
        };
        let mut bytes = budget.read(&self.data[range.clone()], "a PDF stream")?;
        for filter in self.filters(dict) {
            bytes = match decode(&filter, &bytes, budget)? {
                Some(decoded) => decoded,
                None => return Ok(None),
            };
        }
        Ok(Some(bytes))
    }

    /// The names of a stream's filters, in the order they are undone.
    fn filters(&self, dict: &Dict) -> Vec<Vec<u8>> {
        match dict.get("Filter").map(|f| self.resolve(f)) {
            Some(Object::Name(name)) => vec![name.clone()],
            Some(Object::Array(names)) => names
                .iter()
                .filter_map(|n| self.resolve(n).as_name().map(<[u8]>::to_vec))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Adds the objects packed in object streams (PDF 1.5), where modern
    /// writers put font dictionaries. An object also defined directly in
    /// the file keeps that definition.
    pub(super) fn unpack_object_streams(&mut self, budget: &mut Budget) -> Result<(), Unreadable> {
        let streams = self.numbers_where(|d| d.has_name("Type", "ObjStm"));
        for num in streams {
            let Some(data) = self.stream(num, budget)? else {
                continue;
            };
            let Some(dict) = self.get(num).as_dict() else {
                continue;
            };
            for (packed, object) in packed_objects(dict, &data) {
                self.objects.entry(packed).or_insert(Entry {
                    object,
                    stream: None,
                });
            }
        }
        Ok(())
    }

    /// Records every `N G obj`, skipping stream data; returns the
    /// cross-reference stream dictionaries with their positions.
    ///
    /// A well-formed object (followed by `endobj`) is skipped whole. A
    /// malformed one is not, so that what follows it is still found; the
    /// bytes lexed in all are capped at [`MAX_SCAN_FACTOR`] times the file,
    /// so crafted unterminated objects cannot make the scan quadratic.
    fn scan_objects(&mut self) -> Vec<(usize, Dict)> {
        let mut xref_dicts = Vec::new();
        let mut from = 0;
        let mut allowance = self.data.len().saturating_mul(MAX_SCAN_FACTOR);
        while let Some(found) = memmem::find(&self.data[from..], b"obj") {
            let at = from + found;
            from = at + 3;
            let Some(num) = object_number_before(self.data, at) else {
                continue;
            };
            let mut lexer = Lexer::new(self.data, at + 3);
            let token = lexer.next_token();
            let Some(Token::Object(object)) = token else {
                continue;
            };
            let stream = stream_range(self.data, lexer.pos, &object);
            let well_formed =
                stream.is_none() && lexer.next_token() == Some(Token::Keyword(b"endobj"));
            allowance = allowance.saturating_sub(lexer.pos - at);
            from = match &stream {
                Some(range) => range.end,
                None if well_formed => lexer.pos,
                None => from,
            };
            if let Some(dict) = object.as_dict().filter(|d| d.has_name("Type", "XRef")) {
                xref_dicts.push((at, dict.clone()));
            }
            self.objects.insert(num, Entry { object, stream });
            if allowance == 0 {
                break;
            }
        }
        xref_dicts
    }

    /// The dictionaries after the last [`MAX_TRAILERS`] `trailer`
    /// keywords, with their positions (an updated file has one per update).
    fn scan_trailers(&self) -> Vec<(usize, Dict)> {
        let found: Vec<usize> = memmem::find_iter(self.data, b"trailer").collect();
        found[found.len().saturating_sub(MAX_TRAILERS)..]
            .iter()
            .filter_map(|&at| {
                let mut lexer = Lexer::new(self.data, at + 7);
                match lexer.next_token() {
                    Some(Token::Object(Object::Dict(d))) => Some((at, d)),
                    _ => None,
                }
            })
            .collect()
    }
}

/// The number of the object whose `obj` keyword is at `at`: the text
/// before it must be `N G ` at the start of a token.
fn object_number_before(data: &[u8], at: usize) -> Option<u32> {
    if data.get(at + 3).is_some_and(|&b| is_regular(b)) {
        return None;
    }
    let generation = digits_before(data, spaces_before(data, at)?)?;
    let number = digits_before(data, spaces_before(data, generation.start)?)?;
    let starts_token = number.start == 0 || !is_regular(data[number.start - 1]);
    let text = std::str::from_utf8(&data[number]).ok()?;
    starts_token.then(|| text.parse().ok()).flatten()
}

/// The start of the white space (at least one byte) that ends at `end`.
fn spaces_before(data: &[u8], end: usize) -> Option<usize> {
    let count = data[..end]
        .iter()
        .rev()
        .take_while(|&&b| is_space(b))
        .count();
    (count > 0).then_some(end - count)
}

/// The digits (at least one, at most ten) that end at `end`.
fn digits_before(data: &[u8], end: usize) -> Option<Range<usize>> {
    let count = data[..end]
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_digit())
        .count();
    (1..=10).contains(&count).then_some(end - count..end)
}

/// Where the data of a stream object lies, if the `stream` keyword follows
/// its dictionary at `pos`. A direct `/Length` is used when `endstream`
/// follows where it says; otherwise the data runs to `endstream`, less the
/// end of line before it.
fn stream_range(data: &[u8], pos: usize, object: &Object) -> Option<Range<usize>> {
    let dict = object.as_dict()?;
    let mut lexer = Lexer::new(data, pos);
    lexer.skip_space();
    let after_keyword = lexer.pos + 6;
    if !data[lexer.pos..].starts_with(b"stream") {
        return None;
    }
    let start = match data.get(after_keyword..after_keyword + 2) {
        Some(b"\r\n") => after_keyword + 2,
        Some([b'\n' | b'\r', ..]) => after_keyword + 1,
        _ => after_keyword,
    };
    let declared = dict.get("Length").and_then(Object::as_number);
    if let Some(end) = declared.and_then(|len| length_end(data, start, len)) {
        return Some(start..end);
    }
    let found = memmem::find(data.get(start..)?, b"endstream").map_or(data.len(), |n| start + n);
    let end = if data[..found].ends_with(b"\r\n") {
        found - 2
    } else if data[..found].ends_with(b"\n") || data[..found].ends_with(b"\r") {
        found - 1
    } else {
        found
    };
    Some(start..end.max(start))
}

/// The end of stream data of `len` bytes from `start`, if `endstream`
/// follows it (after white space).
fn length_end(data: &[u8], start: usize, len: f64) -> Option<usize> {
    if !(0.0..=data.len() as f64).contains(&len) {
        return None;
    }
    let end = start.checked_add(len as usize)?;
    let mut lexer = Lexer::new(data, end.min(data.len()));
    lexer.skip_space();
    (end <= data.len() && data[lexer.pos..].starts_with(b"endstream")).then_some(end)
}

/// The objects of an object stream: `N` pairs of object number and offset
/// (from `/First`), then the objects.
fn packed_objects(dict: &Dict, data: &[u8]) -> Vec<(u32, Object)> {
    let count = dict.get("N").and_then(Object::as_number).unwrap_or(0.0);
    let first = dict.get("First").and_then(Object::as_number).unwrap_or(0.0) as usize;
    let mut header = Lexer::new(data, 0);
    let mut numbers = || match header.next_token() {
        Some(Token::Object(Object::Number(n))) => Some(n as usize),
        _ => None,
    };
    let mut pairs = Vec::new();
    for _ in 0..(count.max(0.0) as usize).min(data.len()) {
        let (Some(num), Some(offset)) = (numbers(), numbers()) else {
            break;
        };
        pairs.push((num, offset));
    }
    pairs
        .into_iter()
        .filter_map(|(num, offset)| {
            let mut lexer = Lexer::new(data, first.checked_add(offset)?.min(data.len()));
            match lexer.next_token()? {
                Token::Object(object) => Some((u32::try_from(num).ok()?, object)),
                Token::Keyword(_) => None,
            }
        })
        .collect()
}

/// Undoes one filter; `Ok(None)` for a filter that is not decoded.
fn decode(filter: &[u8], bytes: &[u8], budget: &mut Budget) -> Result<Option<Vec<u8>>, Unreadable> {
    match filter {
        b"FlateDecode" | b"Fl" => inflate(bytes, budget),
        b"ASCIIHexDecode" | b"AHx" => Ok(Some(ascii_hex(bytes))),
        b"ASCII85Decode" | b"A85" => Ok(Some(ascii85(bytes))),
        _ => Ok(None),
    }
}

/// Inflates zlib data (or raw deflate data, which some writers emit). A
/// stream cut short keeps what was inflated before the cut.
fn inflate(bytes: &[u8], budget: &mut Budget) -> Result<Option<Vec<u8>>, Unreadable> {
    let zlib = bytes.len() >= 2
        && bytes[0] & 0x0F == 8
        && (u16::from(bytes[0]) << 8 | u16::from(bytes[1])) % 31 == 0;
    let (out, error) = if zlib {
        budget.read_partial(ZlibDecoder::new(bytes), "a PDF stream")?
    } else {
        budget.read_partial(DeflateDecoder::new(bytes), "a PDF stream")?
    };
    Ok((error.is_none() || !out.is_empty()).then_some(out))
}

/// Decodes ASCIIHexDecode data, up to its `>`.
fn ascii_hex(bytes: &[u8]) -> Vec<u8> {
    let end = memchr::memchr(b'>', bytes).unwrap_or(bytes.len());
    let digits: Vec<u8> = bytes[..end].iter().filter_map(|&b| hex_digit(b)).collect();
    digits
        .chunks(2)
        .map(|pair| pair[0] << 4 | pair.get(1).copied().unwrap_or(0))
        .collect()
}

/// Decodes ASCII85Decode data, up to its `~>`.
fn ascii85(bytes: &[u8]) -> Vec<u8> {
    let end = memmem::find(bytes, b"~>").unwrap_or(bytes.len());
    let mut out = Vec::new();
    let mut group = Vec::with_capacity(5);
    for &b in &bytes[..end] {
        match b {
            b'z' if group.is_empty() => out.extend_from_slice(&[0; 4]),
            b'!'..=b'u' => group.push(b - b'!'),
            _ => {}
        }
        if group.len() == 5 {
            out.extend_from_slice(&base85_group(&group));
            group.clear();
        }
    }
    if group.len() > 1 {
        let kept = group.len() - 1;
        group.resize(5, 84);
        out.extend_from_slice(&base85_group(&group)[..kept]);
    }
    out
}

/// The four bytes five base-85 digits stand for.
fn base85_group(digits: &[u8]) -> [u8; 4] {
    let value = digits.iter().fold(0u32, |acc, &d| {
        acc.wrapping_mul(85).wrapping_add(u32::from(d))
    });
    value.to_be_bytes()
}
