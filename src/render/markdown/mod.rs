//! Markdown → HTML for one page: CommonMark plus tables, footnotes,
//! strikethrough, task lists and heading attributes; Chinese-aware emphasis,
//! heading ids, table of contents, summaries and word counts.

pub mod cache;
pub mod cjk_emphasis;
mod external;
mod headings;
mod text;
mod word_count;

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, html};
use serde::Serialize;

pub use headings::TocEntry;

/// The summary marker, as in Hugo and Zola.
const MORE: &str = "<!-- more -->";

/// The HTML and derived facts of one Markdown body.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    /// The HTML as the template value `page.content`, made instead of
    /// keeping `html` in a build (see `render::markdown_all`) and in the
    /// preview's cache: the one copy of every page's HTML (read it with
    /// [`Rendered::html_str`]).
    pub content: Option<tera::Value>,
    pub toc: Vec<TocEntry>,
    /// HTML before `<!-- more -->`, when the page has the marker.
    pub summary_html: Option<String>,
    /// The first characters of the text, for lists and `<meta description>`.
    pub summary_text: String,
    pub word_count: usize,
    /// Internal links with a `#anchor`, checked once every page has its ids.
    pub anchored: Vec<AnchorRef>,
}

impl Rendered {
    /// Moves the HTML into `content`, the form templates read: a build
    /// does it to hold each page's HTML once, the preview's cache so that a
    /// copy of an entry is a reference count, not the page's HTML.
    pub fn into_template_value(&mut self) {
        if self.content.is_none() {
            let html = std::mem::take(&mut self.html);
            self.content = Some(tera::Value::from(html.as_str()));
        }
    }

    /// The HTML, in whichever form it is held.
    pub fn html_str(&self) -> &str {
        self.content
            .as_ref()
            .and_then(tera::Value::as_str)
            .unwrap_or(&self.html)
    }
}

/// `[x](@/notices/a.md#二)`: where it was written and what it points at.
#[derive(Debug, Clone)]
pub struct AnchorRef {
    pub offset: usize,
    pub target: String,
    pub anchor: String,
}

/// An internal link (`@/notices/a.md`) that names no page or section.
#[derive(Debug, Clone, Serialize)]
pub struct BrokenLink {
    /// Byte offset in the body.
    pub offset: usize,
    pub target: String,
}

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders `body`. `resolve` maps a source path (`notices/a.md`) to an href.
pub fn render(
    body: &str,
    summary_chars: usize,
    resolve: &dyn Fn(&str) -> Option<String>,
) -> (Rendered, Vec<BrokenLink>) {
    let events: Vec<(Event<'_>, Range<usize>)> = Parser::new_ext(body, options())
        .into_offset_iter()
        .collect();
    let mut events = cjk_emphasis::repair(events, body);
    let (broken, anchored) = resolve_links(&mut events, resolve);
    let mut events = external::mark(events);
    headings::demote_if_needed(&mut events);
    let toc = headings::assign_ids(&mut events);
    let more_at = events.iter().position(|(e, _)| is_more_marker(e));
    let stats = text::Stats::of(events.iter().map(|(e, _)| e), summary_chars, more_at);

    let summary_html = more_at.map(|i| {
        let mut s = String::new();
        html::push_html(&mut s, events[..i].iter().map(|(e, _)| e.clone()));
        s
    });
    // The events are not needed after this: written out, not copied.
    let mut out = String::with_capacity(body.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter().map(|(e, _)| e));
    let rendered = Rendered {
        html: out,
        content: None,
        toc,
        summary_html,
        summary_text: stats.summary,
        word_count: stats.words,
        anchored,
    };
    (rendered, broken)
}

fn is_more_marker(event: &Event<'_>) -> bool {
    matches!(event, Event::Html(h) | Event::InlineHtml(h) if h.trim() == MORE)
}

/// Rewrites `@/path.md#anchor` links and images to site hrefs.
fn resolve_links(
    events: &mut [(Event<'_>, Range<usize>)],
    resolve: &dyn Fn(&str) -> Option<String>,
) -> (Vec<BrokenLink>, Vec<AnchorRef>) {
    let mut broken = Vec::new();
    let mut anchored = Vec::new();
    for (event, range) in events.iter_mut() {
        let dest = match event {
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => dest_url,
            _ => continue,
        };
        let Some(internal) = dest.strip_prefix("@/") else {
            continue;
        };
        let (path, anchor) = match internal.split_once('#') {
            Some((p, a)) => (p, Some(a)),
            None => (internal, None),
        };
        match resolve(path) {
            Some(href) => {
                let href = match anchor {
                    Some(a) => {
                        anchored.push(AnchorRef {
                            offset: range.start,
                            target: path.to_string(),
                            anchor: a.to_string(),
                        });
                        format!("{href}#{a}")
                    }
                    None => href,
                };
                *dest = CowStr::from(href);
            }
            None => broken.push(BrokenLink {
                offset: range.start,
                target: internal.to_string(),
            }),
        }
    }
    (broken, anchored)
}

#[cfg(test)]
mod tests;
