//! How text becomes index terms, on both sides: this file at build time and
//! `engine.js` in the reader's browser, which must split a query the same
//! way (the tests in `tests/search.rs` run real Chinese queries against a
//! real index to keep the two in step).
//!
//! Chinese has no spaces, and a dictionary segmenter both costs most of a
//! build (Pagefind's took 116 s for 10,000 pages, see the README) and misses
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
    fn lone(c: char) -> Term {
        Term(c as u64)
    }

    fn pair(a: char, b: char) -> Term {
        Term((a as u64) << 21 | b as u64)
    }

    /// The number the term is packed into (distinct terms, distinct numbers).
    pub fn number(self) -> u64 {
        self.0
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

fn word_digit(c: char) -> u64 {
    match c {
        'a'..='z' => c as u64 - 'a' as u64 + 1,
        _ => c as u64 - '0' as u64 + 27,
    }
}

/// What a character counts as once normalised.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    /// A letter or digit of a word.
    Word(char),
    /// A Chinese, Japanese or Korean character, indexed in pairs.
    Cjk(char),
    /// Anything else: spaces, punctuation, symbols, other scripts.
    Break,
}

/// Full-width letters and digits are their ASCII selves and upper case is
/// lower case, so `Ａｐｐ`, `APP` and `app` are one word.
fn classify(c: char) -> Class {
    let c = match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    };
    match c {
        'a'..='z' | '0'..='9' => Class::Word(c),
        'A'..='Z' => Class::Word(c.to_ascii_lowercase()),
        '\u{3040}'..='\u{30FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{AC00}'..='\u{D7AF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3FFFF}' => Class::Cjk(c),
        _ => Class::Break,
    }
}

/// Calls `emit` with every term of `text`, in order, repeats included.
pub fn tokenize(text: &str, emit: impl FnMut(Term)) {
    let mut split = Splitter {
        emit,
        word: 0,
        word_len: 0,
        run_first: None,
        previous: None,
    };
    for c in text.chars() {
        match classify(c) {
            Class::Word(c) => {
                split.end_run();
                split.push_letter(c);
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

/// The word or Chinese run being read.
struct Splitter<F> {
    emit: F,
    word: u64,
    word_len: usize,
    run_first: Option<char>,
    previous: Option<char>,
}

impl<F: FnMut(Term)> Splitter<F> {
    fn push_letter(&mut self, c: char) {
        if self.word_len < WORD_CHARS {
            self.word = self.word * 37 + word_digit(c);
            self.word_len += 1;
        }
    }

    fn push_cjk(&mut self, c: char) {
        match self.previous {
            Some(p) => (self.emit)(Term::pair(p, c)),
            None => self.run_first = Some(c),
        }
        self.previous = Some(c);
    }

    fn end_word(&mut self) {
        if self.word_len > 0 {
            (self.emit)(Term(WORD_BIT | self.word));
        }
        self.word = 0;
        self.word_len = 0;
    }

    fn end_run(&mut self) {
        if let (Some(a), Some(z)) = (self.run_first.take(), self.previous.take()) {
            (self.emit)(Term::lone(a));
            if a != z {
                (self.emit)(Term::lone(z));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
