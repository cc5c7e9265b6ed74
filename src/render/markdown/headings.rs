//! Heading ids that keep Chinese characters, and the table of contents.

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};
use serde::Serialize;

/// One heading in the table of contents, with its sub-headings.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
    pub children: Vec<TocEntry>,
}

/// The page title is the page's only `<h1>`. When a body uses `#` headings,
/// every heading moves one level down (h1→h2 … h5→h6, h6 stays), keeping the
/// outline the editor wrote.
pub fn demote_if_needed(events: &mut [(Event<'_>, Range<usize>)]) {
    let has_h1 = events.iter().any(|(e, _)| {
        matches!(
            e,
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            })
        )
    });
    if !has_h1 {
        return;
    }
    for (event, _) in events.iter_mut() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => *level = deeper(*level),
            Event::End(TagEnd::Heading(level)) => *level = deeper(*level),
            _ => {}
        }
    }
}

fn deeper(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        HeadingLevel::H5 | HeadingLevel::H6 => HeadingLevel::H6,
    }
}

/// Gives every heading an id (an explicit `{#id}` wins) and returns the
/// nested table of contents.
pub fn assign_ids(events: &mut [(Event<'_>, Range<usize>)]) -> Vec<TocEntry> {
    let mut used = HashSet::new();
    let mut flat = Vec::new();
    let mut i = 0;
    while i < events.len() {
        let Event::Start(Tag::Heading { level, .. }) = &events[i].0 else {
            i += 1;
            continue;
        };
        let level = level_number(*level);
        let end = (i..events.len())
            .find(|&j| matches!(events[j].0, Event::End(TagEnd::Heading(_))))
            .unwrap_or(events.len());
        let title = plain_text(&events[i + 1..end]);
        if let Event::Start(Tag::Heading { id, .. }) = &mut events[i].0 {
            let wanted = match id {
                Some(explicit) => explicit.to_string(),
                None => make_id(&title),
            };
            let unique = unique_id(wanted, &mut used);
            *id = Some(CowStr::from(unique.clone()));
            flat.push(TocEntry {
                level,
                id: unique,
                title,
                children: Vec::new(),
            });
        }
        i = end + 1;
    }
    nest(flat)
}

fn level_number(level: HeadingLevel) -> u8 {
    level as u8
}

fn plain_text(events: &[(Event<'_>, Range<usize>)]) -> String {
    let mut s = String::new();
    for (e, _) in events {
        match e {
            Event::Text(t) | Event::Code(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            _ => {}
        }
    }
    s.trim().to_string()
}

/// `一、基本情况` → `一基本情况`; `Hello World` → `hello-world`. Letters of
/// every script are kept; punctuation is dropped; spaces become `-`.
pub fn make_id(title: &str) -> String {
    let mut id = String::new();
    for c in title.chars() {
        if c.is_alphanumeric() || c == '_' || c == '-' {
            id.extend(c.to_lowercase());
        } else if c.is_whitespace() && !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    let id = id.trim_end_matches('-').to_string();
    if id.is_empty() { "section".into() } else { id }
}

fn unique_id(wanted: String, used: &mut HashSet<String>) -> String {
    if used.insert(wanted.clone()) {
        return wanted;
    }
    (1..)
        .map(|n| format!("{wanted}-{n}"))
        .find(|candidate| used.insert(candidate.clone()))
        .expect("an unused id exists")
}

/// Flat headings → tree: each heading holds the deeper ones that follow it.
fn nest(flat: Vec<TocEntry>) -> Vec<TocEntry> {
    let mut roots: Vec<TocEntry> = Vec::new();
    for entry in flat {
        insert(&mut roots, entry);
    }
    roots
}

fn insert(list: &mut Vec<TocEntry>, entry: TocEntry) {
    match list.last_mut() {
        Some(last) if last.level < entry.level => insert(&mut last.children, entry),
        _ => list.push(entry),
    }
}
