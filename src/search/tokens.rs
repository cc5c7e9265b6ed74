//! How text becomes index terms, on both sides: this file at build time and
//! `engine.js` in the reader's browser, which must split a query the same
//! way (the tests in `tests/search.rs` run real Chinese queries against a
//! real index to keep the two in step).
//!
//! Chinese has no spaces, and a dictionary segmenter both costs most of a
//! build (Pagefind's took 116 s for 10,000 pages, see bench/HISTORY.md) and misses
//! words it does not know: names of places, units and programmes, which are
//! what readers of a government site search for. So runs of Chinese (and
//! Japanese and Korean) characters are indexed as overlapping character
//! pairs (`营商环境` → 营商, 商环, 环境), the classic bigram scheme: any
//! query of two or more characters is found wherever it occurs. The first
//! and last character of every run are indexed alone as well, so a query
//! character next to a digit or a bracket (`6号`, `〔2024〕`) is found too;
//! a one-character query matches pairs that start with it (see
//! [`shard_of`]). Letters and digits form words, lower-cased, of which the
//! first [`WORD_CHARS`] count.

use crate::cjk::is_common_ideograph;

/// One index term: a character pair, a lone character or a word, packed
/// into a number so that a build indexes tens of millions of them without
/// an allocation each.
///
/// - lone character: its code point (below 2^21);
/// - pair `ab`: `a << 21 | b` (at least 2^21, as `a` is never 0);
/// - word: bit 62, then the word in base 37 (`a`–`z` = 1–26,
///   `0`–`9` = 27–36), at most [`WORD_CHARS`] letters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Term(u64);

/// Letters of a word that count: `environmentally` is indexed as
/// `environment`, and a query for it is cut the same way.
pub const WORD_CHARS: usize = 11;

/// Marks a word: above every pair (below 2^42) and every word's digits
/// (37^11 < 2^58).
const WORD_BIT: u64 = 1 << 62;

impl Term {
    /// The number the term is packed into (distinct terms, distinct numbers).
    pub fn number(self) -> u64 {
        self.0
    }

    /// The term a [`Term::number`] was made from.
    pub(super) fn from_number(n: u64) -> Term {
        Term(n)
    }

    /// The term as the index files and `engine.js` spell it.
    pub fn text(self) -> String {
        if self.0 & WORD_BIT != 0 {
            let mut digits = Vec::new();
            let mut n = self.0 & !WORD_BIT;
            while n > 0 {
                digits.push(word_char((n % 37) as u8));
                n /= 37;
            }
            return digits.iter().rev().collect();
        }
        let (a, b) = (self.0 >> 21, self.0 & 0x1F_FFFF);
        [a, b]
            .into_iter()
            .filter(|&c| c != 0)
            .filter_map(|c| char::from_u32(c as u32))
            .collect()
    }

    /// The code point that decides the term's shard: the first character.
    fn first(self) -> u32 {
        if self.0 & WORD_BIT != 0 {
            let text = self.text();
            return text.chars().next().map_or(0, |c| c as u32);
        }
        match self.0 >> 21 {
            0 => self.0 as u32,
            a => a as u32,
        }
    }
}

/// An empty slot of the open-addressing tables of terms
/// ([`super::page_terms`], [`super::term_map`]): no term packs to 0.
pub(super) const EMPTY: u64 = 0;

/// The slot of term number `key` in such a table of `2^(64 - shift)`
/// slots: Fibonacci hashing, the high bits of the key times 2^64/φ.
#[inline(always)]
pub(super) fn slot_of(key: u64, shift: u32) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> shift) as usize
}

/// Hashes terms for the postings maps: one folded multiplication. A term
/// is already a well-spread number (a pair is two code points side by
/// side), so the rounds and random keys of a general hasher bought nothing
/// here, and the maps are looked up once per distinct term of every page.
#[derive(Clone, Copy, Default)]
pub struct TermHash;

impl std::hash::BuildHasher for TermHash {
    type Hasher = TermHasher;
    fn build_hasher(&self) -> TermHasher {
        TermHasher(0)
    }
}

/// See [`TermHash`]; terms hash through [`std::hash::Hasher::write_u64`].
pub struct TermHasher(u64);

impl std::hash::Hasher for TermHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write_u64(&mut self, n: u64) {
        // The high and low halves of the 128-bit product folded together,
        // so both the low bits (the bucket) and the high bits (the tag)
        // depend on every bit of the term.
        let product = u128::from(n ^ self.0) * 0x9E37_79B9_7F4A_7C15;
        self.0 = (product as u64) ^ ((product >> 64) as u64);
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
}

/// The shard file (of `shards`) a term is written to: by its first
/// character, so that every pair starting with a character is in one file
/// and a one-character query needs one request.
pub fn shard_of(term: Term, shards: u32) -> u32 {
    term.first() % shards
}

fn word_char(digit: u8) -> char {
    match digit {
        1..=26 => (b'a' + digit - 1) as char,
        _ => (b'0' + digit - 27) as char,
    }
}

/// What a character counts as once normalised.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    /// A letter or digit of a word (its base-37 digit).
    Word(u64),
    /// A Chinese, Japanese or Korean character, indexed in pairs.
    Cjk(u32),
    /// Anything else: spaces, punctuation, symbols, other scripts.
    Break,
}

/// Full-width letters and digits are their ASCII selves and upper case is
/// lower case, so `Ａｐｐ`, `APP` and `app` are one word.
const fn classify(c: u32) -> Class {
    let c = match c {
        0xFF01..=0xFF5E => c - 0xFEE0,
        _ => c,
    };
    match c {
        0x61..=0x7A => Class::Word((c - 0x61 + 1) as u64),
        0x41..=0x5A => Class::Word((c - 0x41 + 1) as u64),
        0x30..=0x39 => Class::Word((c - 0x30 + 27) as u64),
        0x3040..=0x30FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xAC00..=0xD7AF
        | 0xF900..=0xFAFF
        | 0x20000..=0x3FFFF => Class::Cjk(c),
        _ => Class::Break,
    }
}

/// The base-37 digit of each ASCII letter and digit ([`classify`]'s), 0
/// for every other ASCII character.
static ASCII_DIGIT: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        table[b as usize] = match classify(b) {
            Class::Word(digit) => digit as u8,
            _ => 0,
        };
        b += 1;
    }
    table
};

/// The code point at `bytes[i]` and its length in bytes, for a character
/// that is not ASCII (the splitter reads those by table). `bytes` is valid
/// UTF-8 (it comes from a `str`) and `i` is at a character's first byte;
/// Chinese is three bytes a character, so that case is decoded here and the
/// rare rest by `chars`.
#[inline(always)]
fn next_char(text: &str, i: usize) -> (u32, usize) {
    let bytes = text.as_bytes();
    let b = bytes[i];
    if (0xE0..0xF0).contains(&b) {
        (decode3(bytes, i), 3)
    } else {
        let c = text[i..].chars().next().expect("at a character boundary");
        (c as u32, c.len_utf8())
    }
}

/// The character of the three bytes at `bytes[i]`.
fn decode3(bytes: &[u8], i: usize) -> u32 {
    (u32::from(bytes[i] & 0x0F) << 12)
        | (u32::from(bytes[i + 1] & 0x3F) << 6)
        | u32::from(bytes[i + 2] & 0x3F)
}

/// Calls `emit` with every term of `text`, in order, repeats included.
/// Never inlined: some builds inlined it into the indexer's thread-local
/// closure, and it then took 13 % more instructions (callgrind).
#[inline(never)]
pub fn tokenize(text: &str, emit: impl FnMut(Term)) {
    let mut split = Splitter {
        emit,
        word: 0,
        word_len: 0,
        run_first: NONE,
        previous: NONE,
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // U+4000–U+9FFF, most of any Chinese text, are CJK whatever their
        // last byte; a run of them is read in a loop of its own.
        if let [lead, second, ..] = bytes[i..]
            && is_common_ideograph(lead, second)
        {
            split.end_word();
            let mut c = decode3(bytes, i);
            i += 3;
            split.push_cjk(c);
            // The pattern checks the length once for all three bytes, and
            // the rest is a slice of its own, so no index is checked again.
            let mut rest = &bytes[i..];
            while let [lead, b1, b2, tail @ ..] = rest
                && is_common_ideograph(*lead, *b1)
            {
                let next = (u32::from(lead & 0x0F) << 12)
                    | (u32::from(b1 & 0x3F) << 6)
                    | u32::from(b2 & 0x3F);
                rest = tail;
                (split.emit)(Term(u64::from(c) << 21 | u64::from(next)));
                c = next;
            }
            i = bytes.len() - rest.len();
            split.previous = c;
            continue;
        }
        // ASCII, most of the rest (spaces, digits, Latin letters), by
        // table rather than through `classify`'s ranges.
        let class = match bytes[i] {
            b if b < 0x80 => {
                i += 1;
                match ASCII_DIGIT[usize::from(b)] {
                    0 => Class::Break,
                    digit => Class::Word(u64::from(digit)),
                }
            }
            _ => {
                let (c, len) = next_char(text, i);
                i += len;
                classify(c)
            }
        };
        match class {
            Class::Word(digit) => {
                split.end_run();
                split.push_letter(digit);
            }
            Class::Cjk(c) => {
                split.end_word();
                split.push_cjk(c);
            }
            Class::Break => {
                split.end_word();
                split.end_run();
            }
        }
    }
    split.end_word();
    split.end_run();
}

/// No character (no CJK character is U+0000).
const NONE: u32 = 0;

/// The word or Chinese run being read.
struct Splitter<F> {
    emit: F,
    word: u64,
    word_len: usize,
    run_first: u32,
    previous: u32,
}

impl<F: FnMut(Term)> Splitter<F> {
    fn push_letter(&mut self, digit: u64) {
        if self.word_len < WORD_CHARS {
            self.word = self.word * 37 + digit;
            self.word_len += 1;
        }
    }

    #[inline(always)]
    fn push_cjk(&mut self, c: u32) {
        if self.previous == NONE {
            self.run_first = c;
        } else {
            (self.emit)(Term(u64::from(self.previous) << 21 | u64::from(c)));
        }
        self.previous = c;
    }

    fn end_word(&mut self) {
        if self.word_len > 0 {
            (self.emit)(Term(WORD_BIT | self.word));
        }
        self.word = 0;
        self.word_len = 0;
    }

    #[inline(always)]
    fn end_run(&mut self) {
        let (a, z) = (self.run_first, self.previous);
        if z != NONE {
            (self.emit)(Term(u64::from(a)));
            if a != z {
                (self.emit)(Term(u64::from(z)));
            }
            self.run_first = NONE;
            self.previous = NONE;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tokenizer as first written, a char at a time with `char`'s own
    /// tests: the byte-level one must give the same terms for any text.
    fn reference(text: &str) -> Vec<Term> {
        let cjk = |c: char| {
            matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'
                | '\u{AC00}'..='\u{D7AF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3FFFF}')
        };
        let (mut out, mut word, mut len, mut run): (Vec<Term>, u64, usize, Vec<char>) =
            (Vec::new(), 0, 0, Vec::new());
        let end_word = |out: &mut Vec<Term>, word: &mut u64, len: &mut usize| {
            if *len > 0 {
                out.push(Term(WORD_BIT | *word));
            }
            (*word, *len) = (0, 0);
        };
        let end_run = |out: &mut Vec<Term>, run: &mut Vec<char>| {
            if let (Some(&a), Some(&z)) = (run.first(), run.last()) {
                out.push(Term(a as u64));
                if a != z {
                    out.push(Term(z as u64));
                }
            }
            run.clear();
        };
        for c in text.chars() {
            let c = match c {
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap(),
                _ => c,
            }
            .to_ascii_lowercase();
            if c.is_ascii_alphanumeric() {
                end_run(&mut out, &mut run);
                if len < WORD_CHARS {
                    let digit = if c.is_ascii_digit() {
                        c as u64 - '0' as u64 + 27
                    } else {
                        c as u64 - 'a' as u64 + 1
                    };
                    (word, len) = (word * 37 + digit, len + 1);
                }
            } else if cjk(c) {
                end_word(&mut out, &mut word, &mut len);
                if let Some(&p) = run.last() {
                    out.push(Term((p as u64) << 21 | c as u64));
                }
                run.push(c);
            } else {
                end_word(&mut out, &mut word, &mut len);
                end_run(&mut out, &mut run);
            }
        }
        end_word(&mut out, &mut word, &mut len);
        end_run(&mut out, &mut run);
        out
    }

    proptest::proptest! {
        #[test]
        fn bytes_and_chars_split_alike(
            text in "[a-zA-Z0-9 ,.\u{00E9}\u{3000}-\u{3042}\u{30FF}-\u{3401}\u{4DBE}-\u{4E01}\u{4E2D}\u{6587}\u{9FFE}-\u{A001}\u{AC00}\u{F900}\u{FF01}-\u{FF5F}\u{20000}\u{1F600}]{0,40}"
        ) {
            let mut got = Vec::new();
            tokenize(&text, |t| got.push(t));
            proptest::prop_assert_eq!(got, reference(&text));
        }
    }

    fn terms(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        tokenize(text, |t| out.push(t.text()));
        out
    }

    #[test]
    fn chinese_runs_become_pairs_and_their_ends() {
        assert_eq!(terms("营商环境"), ["营商", "商环", "环境", "营", "境"]);
        assert_eq!(terms("号"), ["号"]);
    }

    #[test]
    fn numbers_and_brackets_split_runs() {
        assert_eq!(
            terms("梧防指〔2024〕6号"),
            ["梧防", "防指", "梧", "指", "2024", "6", "号"]
        );
    }

    #[test]
    fn words_are_folded_and_cut() {
        assert_eq!(terms("梧桐通App"), ["梧桐", "桐通", "梧", "通", "app"]);
        assert_eq!(terms("ＡＰＰ"), ["app"]);
        assert_eq!(terms("Environmentally"), ["environment"]);
    }

    #[test]
    fn terms_round_trip_and_stay_apart() {
        let mut seen = std::collections::HashSet::new();
        tokenize("a 1 z9 中 中文 文 ｚ", |t| {
            seen.insert(t);
        });
        let texts: std::collections::HashSet<String> = seen.iter().map(|t| t.text()).collect();
        assert_eq!(seen.len(), texts.len());
    }

    #[test]
    fn a_term_goes_to_the_shard_of_its_first_character() {
        let mut all = Vec::new();
        tokenize("防汛 防 汛防", |t| all.push(t));
        for t in all {
            let first = t.text().chars().next().unwrap();
            assert_eq!(shard_of(t, 7), first as u32 % 7, "{}", t.text());
        }
    }
}
