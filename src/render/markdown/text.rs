//! Counting and summarising text the way Chinese readers count it: every
//! CJK character is a word; runs of Latin letters or digits are one word each.

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::cjk::{is_cjk, is_common_ideograph};

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
/// digits. Every page's every character passes here, so ASCII and the
/// three-byte characters of Chinese text are read straight from the bytes;
/// only the rest goes through `chars()`.
pub fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut words = Words::default();
    let mut i = 0;
    while i < bytes.len() {
        let lead = bytes[i];
        // Most of a Chinese text (see `is_common_ideograph`), counted
        // without decoding, a run of them in a loop of its own.
        if i + 1 < bytes.len() && is_common_ideograph(lead, bytes[i + 1]) {
            words.in_word = false;
            loop {
                words.count += 1;
                i += 3;
                if i + 1 >= bytes.len() || !is_common_ideograph(bytes[i], bytes[i + 1]) {
                    break;
                }
            }
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
    words.count
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
    }

    proptest::proptest! {
        #[test]
        fn bytes_and_chars_count_alike(text in "(\\PC|[一-龥㐀-䶵䶶-䷿，。Ａ-ｚ])*") {
            // The bytes are decoded as `chars()` decodes them.
            let mut by_chars = Words::default();
            text.chars().for_each(|c| by_chars.see(c));
            proptest::prop_assert_eq!(count_words(&text), by_chars.count);
        }
    }
}
