//! Counting and summarising text the way Chinese readers count it: every
//! CJK character is a word; runs of Latin letters or digits are one word each.

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::cjk::is_cjk;

pub struct Stats {
    pub words: usize,
    pub summary: String,
}

impl Stats {
    /// Word count of the whole text and its first `limit` characters; with a
    /// `<!-- more -->` marker at event `more_at`, the summary stops there.
    pub fn of<'a, 'e: 'a>(
        events: impl Iterator<Item = &'a Event<'e>>,
        limit: usize,
        more_at: Option<usize>,
    ) -> Stats {
        let mut words = 0;
        // Room for `limit` Chinese characters (three bytes each) at once;
        // a caller that wants the whole text passes `usize::MAX`.
        let mut summary = String::with_capacity(limit.saturating_mul(3).min(4096));
        let mut summary_chars = 0;
        let mut in_footnote = false;
        let mut cut = false;
        for (i, event) in events.enumerate() {
            if Some(i) == more_at {
                cut = true;
            }
            // After the marker the summary takes no more characters.
            let room = if cut { summary_chars } else { limit };
            match event {
                Event::Start(Tag::FootnoteDefinition(_)) => in_footnote = true,
                Event::End(TagEnd::FootnoteDefinition) => in_footnote = false,
                Event::Text(t) | Event::Code(t) if !in_footnote => {
                    words += count_words(t);
                    append_limited(&mut summary, &mut summary_chars, t, room);
                }
                Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item)
                | Event::SoftBreak
                | Event::HardBreak
                    if summary_chars < room && !summary.is_empty() && !summary.ends_with(' ') =>
                {
                    summary.push(' ');
                }
                _ => {}
            }
        }
        let mut summary = summary.trim_end().to_string();
        if summary_chars >= limit {
            summary.push('…');
        }
        Stats { words, summary }
    }
}

fn append_limited(summary: &mut String, count: &mut usize, text: &str, limit: usize) {
    for c in text.chars() {
        if *count >= limit {
            return;
        }
        summary.push(c);
        *count += 1;
    }
}

/// Words of `text`: every CJK character, and every run of letters or
/// digits. Every page's every character passes here. The characters of
/// U+4000–U+9FFF (lead bytes E4–E9), most of a Chinese text, are stepped
/// over in runs and counted by how many bytes they take; only the rest is
/// decoded, ASCII and three-byte characters straight from the bytes and
/// the others through `chars()`.
pub fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut words = Words::default();
    let mut stepped_over = 0;
    let mut i = 0;
    while i < bytes.len() {
        let lead = bytes[i];
        if is_ideograph_lead(lead) {
            // Each one a word, and the end of any run of letters.
            words.in_word = false;
            let end = past_ideographs(bytes, i);
            stepped_over += (end - i) / 3;
            i = end;
            continue;
        }
        if lead < 0x80 {
            words.ascii(lead);
            i += 1;
            continue;
        }
        let c = if (0xE0..0xF0).contains(&lead) && i + 2 < bytes.len() {
            let code = u32::from(lead & 0x0F) << 12
                | u32::from(bytes[i + 1] & 0x3F) << 6
                | u32::from(bytes[i + 2] & 0x3F);
            i += 3;
            char::from_u32(code).unwrap_or(' ')
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            i += c.len_utf8();
            c
        };
        words.see(c);
    }
    // The Yijing hexagrams U+4DC0–U+4DFF (E4 B7 xx; see
    // `crate::cjk::is_common_ideograph`) were stepped over too but are symbols: they
    // end a run, as they did, and are no words.
    words.count + stepped_over - hexagrams(bytes)
}

/// The lead byte of a character of U+4000–U+9FFF.
fn is_ideograph_lead(b: u8) -> bool {
    b.wrapping_sub(0xE4) < 6
}

/// Characters of U+4DC0–U+4DFF: the pairs E4 B7 (E4 is only ever a lead
/// byte, so the pair starts such a character). Rare; one vectorised search.
fn hexagrams(bytes: &[u8]) -> usize {
    static FINDER: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"\xE4\xB7"));
    FINDER.find_iter(bytes).count()
}

/// Bytes looked at together by [`past_ideographs`]: eight characters.
const BLOCK: usize = 24;

/// Where the run of characters of U+4000–U+9FFF that starts at character
/// boundary `i` ends. From a boundary, bytes that are all leads E4–E9 or
/// continuation bytes are whole three-byte characters of that range, so a
/// block of them is stepped over at once, eight bytes tested together; the
/// last few characters one at a time.
fn past_ideographs(bytes: &[u8], mut i: usize) -> usize {
    use crate::swar::{HI, continuation, high_in, word};
    while i + BLOCK <= bytes.len() {
        let all = (0..BLOCK / 8).fold(HI, |all, k| {
            let x = word(bytes, i + 8 * k);
            all & (continuation(x) | high_in(x, 0xE4, 0xE9))
        });
        if all != HI {
            break;
        }
        i += BLOCK;
    }
    while bytes.get(i).is_some_and(|&b| is_ideograph_lead(b)) {
        i += 3;
    }
    i
}

/// A running word count, one character at a time.
#[derive(Default)]
struct Words {
    count: usize,
    in_word: bool,
}

impl Words {
    fn see(&mut self, c: char) {
        if is_cjk(c) {
            self.ideograph();
        } else if is_word_char(c) {
            self.count += usize::from(!self.in_word);
            self.in_word = true;
        } else {
            self.in_word = false;
        }
    }

    /// An ASCII character: [`Words::see`] without the tests that cannot
    /// hold for it.
    fn ascii(&mut self, b: u8) {
        let word = b.is_ascii_alphanumeric();
        self.count += usize::from(word & !self.in_word);
        self.in_word = word;
    }

    /// A CJK character: a word of its own, and the end of any run.
    fn ideograph(&mut self) {
        self.count += 1;
        self.in_word = false;
    }
}

/// `c.is_alphanumeric()`, with ASCII and the punctuation of Chinese text
/// (，。、“”（）…　) answered without the Unicode tables, which cost more
/// than the rest of the count. (〇 and 々 in U+3000–U+303F are
/// alphanumeric and go to the tables.)
fn is_word_char(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphanumeric(),
        0x2000..=0x206F
        | 0x3000..=0x3004
        | 0x3008..=0x3020
        | 0x3030
        | 0x303D..=0x303F
        | 0xFE30..=0xFE4F => false,
        0xFF10..=0xFF19 | 0xFF21..=0xFF3A | 0xFF41..=0xFF5A => true,
        0xFF00..=0xFF65 => false,
        _ => c.is_alphanumeric(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fast_answers_are_the_unicode_tables_answers() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(
                is_word_char(c),
                c.is_alphanumeric(),
                "{c:?} U+{:04X}",
                c as u32
            );
        }
        assert_eq!(count_words("二〇二四年"), 5);
    }

    #[test]
    fn cjk_characters_count_one_each() {
        assert_eq!(count_words("信息公开"), 4);
        assert_eq!(count_words("共印 120 份 copies"), 5);
        assert_eq!(count_words("，。、“”（）…"), 0);
        assert_eq!(count_words("ＡＢＣ　１２３"), 2);
        assert_eq!(count_words("Ünïcode ＸＹ"), 2);
        assert_eq!(count_words("𠀀𠀁 a1 é"), 4);
        // U+4DC0–U+4DFF (lead E4, like 一 and 信) are symbols, not words.
        assert_eq!(count_words("一䷀信䷿"), 2);
        // Runs long enough to be stepped over a block at a time, with a
        // hexagram inside a block and a word right after a run.
        assert_eq!(count_words(&"信息公开".repeat(10)), 40);
        assert_eq!(
            count_words(&format!("{}䷀{}", "政".repeat(9), "务".repeat(20))),
            29
        );
        assert_eq!(count_words(&format!("{}ab", "政".repeat(30))), 31);
    }

    proptest::proptest! {
        #[test]
        fn bytes_and_chars_count_alike(text in "(\\PC|[一-龥㐀-䶵䶶-䷿，。Ａ-ｚ])*") {
            // The bytes are decoded as `chars()` decodes them.
            let mut by_chars = Words::default();
            text.chars().for_each(|c| by_chars.see(c));
            proptest::prop_assert_eq!(count_words(&text), by_chars.count);
        }

        /// Long runs of ideographs, some with a hexagram, between words.
        #[test]
        fn long_runs_count_alike(text in "([一-龥]{0,30}[䷀-䷿]?[一-龥]{0,30}[a-zＡ-ｚ0-9，é ]{0,3}){0,6}") {
            let mut by_chars = Words::default();
            text.chars().for_each(|c| by_chars.see(c));
            proptest::prop_assert_eq!(count_words(&text), by_chars.count);
        }
    }
}
