//! The PDF object syntax (ISO 32000-1, 7.2-7.3): a lexer that yields
//! objects and keywords, shared by the file scan, content streams and
//! CMaps, which all use the same tokens.

/// Deepest nesting of arrays and dictionaries followed; a deeper object
/// ends the lexing (a hostile file cannot exhaust the stack).
const MAX_DEPTH: usize = 64;

/// A PDF object. Generation numbers are dropped from references: the last
/// definition of an object number in the file wins, as after an update.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Object {
    Null,
    Bool(bool),
    Number(f64),
    Name(Vec<u8>),
    String(Vec<u8>),
    Array(Vec<Object>),
    Dict(Dict),
    Ref(u32),
}

impl Object {
    pub(super) fn as_dict(&self) -> Option<&Dict> {
        match self {
            Object::Dict(d) => Some(d),
            _ => None,
        }
    }

    pub(super) fn as_array(&self) -> Option<&[Object]> {
        match self {
            Object::Array(a) => Some(a),
            _ => None,
        }
    }

    pub(super) fn as_name(&self) -> Option<&[u8]> {
        match self {
            Object::Name(n) => Some(n),
            _ => None,
        }
    }

    pub(super) fn as_number(&self) -> Option<f64> {
        match self {
            Object::Number(n) => Some(*n),
            _ => None,
        }
    }

    pub(super) fn as_string(&self) -> Option<&[u8]> {
        match self {
            Object::String(s) => Some(s),
            _ => None,
        }
    }

    pub(super) fn as_ref(&self) -> Option<u32> {
        match self {
            Object::Ref(n) => Some(*n),
            _ => None,
        }
    }
}

/// A dictionary, in file order (they are small: a linear search is fine).
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Dict(pub(super) Vec<(Vec<u8>, Object)>);

impl Dict {
    /// The value under `key`, the first if a broken file repeats it.
    pub(super) fn get(&self, key: impl AsRef<[u8]>) -> Option<&Object> {
        let key = key.as_ref();
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// True if `key` holds the name `name`.
    pub(super) fn has_name(&self, key: &str, name: &str) -> bool {
        self.get(key).and_then(Object::as_name) == Some(name.as_bytes())
    }
}

/// One token: an object, or a keyword (an operator, `obj`, `stream`...).
#[derive(Debug, PartialEq)]
pub(super) enum Token<'a> {
    Object(Object),
    Keyword(&'a [u8]),
}

/// PDF white-space characters.
pub(super) fn is_space(b: u8) -> bool {
    matches!(b, b'\0' | b'\t' | b'\n' | b'\x0C' | b'\r' | b' ')
}

/// PDF delimiter characters.
fn is_delimiter(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

/// A character that belongs to a name, number or keyword.
pub(super) fn is_regular(b: u8) -> bool {
    !is_space(b) && !is_delimiter(b)
}

/// Tokens from a byte position on.
pub(super) struct Lexer<'a> {
    data: &'a [u8],
    pub(super) pos: usize,
}

impl<'a> Lexer<'a> {
    pub(super) fn new(data: &'a [u8], pos: usize) -> Self {
        Lexer { data, pos }
    }

    /// The next token, or `None` at the end (or past [`MAX_DEPTH`]).
    pub(super) fn next_token(&mut self) -> Option<Token<'a>> {
        self.token(0)
    }

    /// Moves past white space and comments.
    pub(super) fn skip_space(&mut self) {
        while let Some(&b) = self.data.get(self.pos) {
            if b == b'%' {
                while self
                    .data
                    .get(self.pos)
                    .is_some_and(|&b| b != b'\n' && b != b'\r')
                {
                    self.pos += 1;
                }
            } else if is_space(b) {
                self.pos += 1;
            } else {
                break;
            }
        }
    }

    fn token(&mut self, depth: usize) -> Option<Token<'a>> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.skip_space();
        let b = *self.data.get(self.pos)?;
        let object = match b {
            b'/' => Object::Name(self.name()),
            b'(' => Object::String(self.literal_string()),
            b'<' if self.data.get(self.pos + 1) == Some(&b'<') => self.dict(depth)?,
            b'<' => Object::String(self.hex_string()),
            b'[' => self.array(depth)?,
            b'0'..=b'9' | b'+' | b'-' | b'.' => self.number(),
            b'>' if self.data.get(self.pos + 1) == Some(&b'>') => {
                self.pos += 2;
                return Some(Token::Keyword(b">>"));
            }
            _ if is_delimiter(b) => {
                self.pos += 1;
                return Some(Token::Keyword(&self.data[self.pos - 1..self.pos]));
            }
            _ => return Some(self.keyword()),
        };
        Some(Token::Object(object))
    }

    /// The next object, skipping stray keywords; `None` at the end of an
    /// array or dictionary (`]`, `>>`) or of the data.
    fn object(&mut self, depth: usize) -> Option<Object> {
        loop {
            match self.token(depth)? {
                Token::Object(o) => return Some(o),
                Token::Keyword(b"]" | b">>") => return None,
                Token::Keyword(_) => {}
            }
        }
    }

    fn keyword(&mut self) -> Token<'a> {
        let start = self.pos;
        while self.data.get(self.pos).is_some_and(|&b| is_regular(b)) {
            self.pos += 1;
        }
        match &self.data[start..self.pos] {
            b"true" => Token::Object(Object::Bool(true)),
            b"false" => Token::Object(Object::Bool(false)),
            b"null" => Token::Object(Object::Null),
            word => Token::Keyword(word),
        }
    }

    /// A name after its `/`, with `#xx` escapes decoded.
    fn name(&mut self) -> Vec<u8> {
        self.pos += 1;
        let mut out = Vec::new();
        while let Some(&b) = self.data.get(self.pos).filter(|&&b| is_regular(b)) {
            let escaped = self.data.get(self.pos + 1..self.pos + 3).and_then(hex_byte);
            match escaped {
                Some(byte) if b == b'#' => {
                    out.push(byte);
                    self.pos += 3;
                }
                _ => {
                    out.push(b);
                    self.pos += 1;
                }
            }
        }
        out
    }

    /// A number; an integer followed by another and `R` is a reference.
    fn number(&mut self) -> Object {
        let start = self.pos;
        self.pos += 1;
        while self
            .data
            .get(self.pos)
            .is_some_and(|&b| b.is_ascii_digit() || b == b'.')
        {
            self.pos += 1;
        }
        let text = std::str::from_utf8(&self.data[start..self.pos]).unwrap_or("");
        let value = text.parse::<f64>().unwrap_or(0.0);
        if text.bytes().all(|b| b.is_ascii_digit())
            && let Some(end) = self.reference_end()
        {
            self.pos = end;
            return Object::Ref(text.parse().unwrap_or(0));
        }
        Object::Number(value)
    }

    /// Where ` G R` ends, if it follows at the current position.
    fn reference_end(&self) -> Option<usize> {
        let data = self.data;
        let mut p = self.pos;
        let spaces = |mut p: usize| {
            while data.get(p).is_some_and(|&b| is_space(b)) {
                p += 1;
            }
            p
        };
        p = spaces(p);
        let digits = data[p.min(data.len())..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if digits == 0 || p == self.pos {
            return None;
        }
        p = spaces(p + digits);
        let ends_word = data.get(p + 1).is_none_or(|&b| !is_regular(b));
        (data.get(p) == Some(&b'R') && ends_word).then_some(p + 1)
    }

    /// A literal string after its `(`, escapes decoded, balanced
    /// parentheses kept; an unterminated one runs to the end of the data.
    fn literal_string(&mut self) -> Vec<u8> {
        self.pos += 1;
        let mut out = Vec::new();
        let mut open = 0usize;
        while let Some(&b) = self.data.get(self.pos) {
            self.pos += 1;
            match b {
                b'\\' => self.escape(&mut out),
                b'(' => {
                    open += 1;
                    out.push(b);
                }
                b')' if open == 0 => break,
                b')' => {
                    open -= 1;
                    out.push(b);
                }
                _ => out.push(b),
            }
        }
        out
    }

    /// The escape after a backslash in a literal string.
    fn escape(&mut self, out: &mut Vec<u8>) {
        let Some(&b) = self.data.get(self.pos) else {
            return;
        };
        self.pos += 1;
        match b {
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'b' => out.push(0x08),
            b'f' => out.push(0x0C),
            b'0'..=b'7' => out.push(self.octal(b)),
            b'\r' => {
                if self.data.get(self.pos) == Some(&b'\n') {
                    self.pos += 1;
                }
            }
            b'\n' => {}
            _ => out.push(b),
        }
    }

    /// An octal escape of up to three digits, the first being `first`.
    fn octal(&mut self, first: u8) -> u8 {
        let mut value = u32::from(first - b'0');
        for _ in 0..2 {
            match self.data.get(self.pos) {
                Some(&d @ b'0'..=b'7') => {
                    value = value * 8 + u32::from(d - b'0');
                    self.pos += 1;
                }
                _ => break,
            }
        }
        (value & 0xFF) as u8
    }

    /// A hexadecimal string after its `<`; white space is ignored and an
    /// odd last digit is followed by 0.
    fn hex_string(&mut self) -> Vec<u8> {
        self.pos += 1;
        let mut digits = Vec::new();
        while let Some(&b) = self.data.get(self.pos) {
            self.pos += 1;
            if b == b'>' {
                break;
            }
            if let Some(d) = hex_digit(b) {
                digits.push(d);
            }
        }
        digits
            .chunks(2)
            .map(|pair| pair[0] << 4 | pair.get(1).copied().unwrap_or(0))
            .collect()
    }

    fn array(&mut self, depth: usize) -> Option<Object> {
        self.pos += 1;
        let mut items = Vec::new();
        loop {
            self.skip_space();
            match self.data.get(self.pos) {
                None => return Some(Object::Array(items)),
                Some(b']') => {
                    self.pos += 1;
                    return Some(Object::Array(items));
                }
                Some(_) => match self.object(depth + 1) {
                    Some(o) => items.push(o),
                    None if depth + 1 > MAX_DEPTH => return None,
                    None => return Some(Object::Array(items)),
                },
            }
        }
    }

    fn dict(&mut self, depth: usize) -> Option<Object> {
        self.pos += 2;
        let mut entries = Vec::new();
        loop {
            self.skip_space();
            match self.data.get(self.pos..self.pos + 2) {
                None => return Some(Object::Dict(Dict(entries))),
                Some(b">>") => {
                    self.pos += 2;
                    return Some(Object::Dict(Dict(entries)));
                }
                Some(_) => {}
            }
            let key = match self.object(depth + 1) {
                Some(Object::Name(key)) => key,
                Some(_) => continue,
                None if depth + 1 > MAX_DEPTH => return None,
                None => return Some(Object::Dict(Dict(entries))),
            };
            match self.object(depth + 1) {
                Some(value) => entries.push((key, value)),
                None if depth + 1 > MAX_DEPTH => return None,
                None => return Some(Object::Dict(Dict(entries))),
            }
        }
    }
}

/// The value of an ASCII hexadecimal digit.
pub(super) fn hex_digit(b: u8) -> Option<u8> {
    char::from(b).to_digit(16).map(|d| d as u8)
}

/// The byte two hexadecimal digits stand for.
fn hex_byte(pair: &[u8]) -> Option<u8> {
    Some(hex_digit(pair[0])? << 4 | hex_digit(pair[1])?)
}
