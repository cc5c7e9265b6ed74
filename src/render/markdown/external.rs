//! Links that leave the site are marked as such: screen readers hear
//! "外部链接，将离开本站" after the link text, and the theme shows an arrow
//! (`a[href^="http"]` in `.prose`), so neither colour nor a guess is needed
//! to know where a link goes. Only links: an image or script from another
//! host would break an air-gapped intranet and is never made by the theme.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

/// The hidden note after an external link's text.
const NOTE: &str = "<span class=\"visually-hidden\">（外部链接，将离开本站）</span>";

pub fn is_external(dest: &str) -> bool {
    let lower = dest.get(..8).unwrap_or(dest).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || dest.starts_with("//")
}

/// Adds the note inside every external link, before its end.
pub fn mark<'a>(events: Vec<(Event<'a>, Range<usize>)>) -> Vec<(Event<'a>, Range<usize>)> {
    if !events.iter().any(
        |(e, _)| matches!(e, Event::Start(Tag::Link { dest_url, .. }) if is_external(dest_url)),
    ) {
        return events;
    }
    let mut out = Vec::with_capacity(events.len() + 4);
    // One entry per open link: whether it is external.
    let mut open: Vec<bool> = Vec::new();
    for (event, range) in events {
        match &event {
            Event::Start(Tag::Link { dest_url, .. }) => open.push(is_external(dest_url)),
            Event::End(TagEnd::Link) if open.pop() == Some(true) => {
                out.push((Event::InlineHtml(CowStr::Borrowed(NOTE)), range.clone()));
            }
            _ => {}
        }
        out.push((event, range));
    }
    out
}
