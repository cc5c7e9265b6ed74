//! A page's word count (see [`super::word_count`]) and its plain-text
//! summary, in one pass over its Markdown events.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::word_count::count_words;

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
