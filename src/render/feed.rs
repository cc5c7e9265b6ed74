//! Atom feeds for the site and each section, bounded to `feed_limit` entries.
//! URLs are percent-encoded so Chinese paths survive every feed reader.

use std::fmt::Write as _;

use crate::model::{PageId, Site};
use crate::render::values::{Values, iso};

pub fn atom(site: &Site, title: &str, self_path: &str, ids: &[PageId]) -> String {
    let limit = site.config.build.feed_limit;
    let mut entries: Vec<PageId> = ids
        .iter()
        .copied()
        .filter(|id| site.page(*id).date.is_some())
        .collect();
    site.newest_first.sort(&mut entries);
    entries.truncate(limit);
    let updated = entries
        .first()
        .and_then(|id| iso(&site.page(*id).date))
        .unwrap_or_else(|| "1970-01-01T00:00:00+00:00".into());
    let mut out = String::with_capacity(1024 + entries.len() * 512);
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        out,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
        esc(&site.config.language)
    );
    let _ = writeln!(out, "  <title>{}</title>", esc(title));
    let _ = writeln!(
        out,
        "  <id>{}</id>",
        esc(&Values::permalink(site, self_path))
    );
    let _ = writeln!(
        out,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        esc(&Values::permalink(site, &format!("{self_path}atom.xml")))
    );
    let _ = writeln!(
        out,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        esc(&Values::permalink(site, self_path))
    );
    let _ = writeln!(out, "  <updated>{updated}</updated>");
    let _ = writeln!(out, "  <generator>gazette</generator>");
    let _ = writeln!(
        out,
        "  <author><name>{}</name></author>",
        esc(&site.config.title)
    );
    for id in entries {
        entry(&mut out, site, id);
    }
    out.push_str("</feed>\n");
    out
}

fn entry(out: &mut String, site: &Site, id: PageId) {
    let page = site.page(id);
    let link = Values::permalink(site, &page.path);
    let published = iso(&page.date).unwrap_or_default();
    let updated = iso(&page.updated).unwrap_or_else(|| published.clone());
    let summary = page.source.front.description.as_deref().unwrap_or("");
    let _ = writeln!(out, "  <entry>");
    let _ = writeln!(out, "    <title>{}</title>", esc(page.title()));
    let _ = writeln!(out, "    <id>{}</id>", esc(&link));
    let _ = writeln!(
        out,
        "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        esc(&link)
    );
    let _ = writeln!(out, "    <published>{published}</published>");
    let _ = writeln!(out, "    <updated>{updated}</updated>");
    if !summary.is_empty() {
        let _ = writeln!(out, "    <summary>{}</summary>", esc(summary));
    }
    let _ = writeln!(out, "  </entry>");
}

/// Escapes text for XML content and attributes.
pub fn esc(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => s.push_str("&amp;"),
            '<' => s.push_str("&lt;"),
            '>' => s.push_str("&gt;"),
            '"' => s.push_str("&quot;"),
            '\'' => s.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\t' | '\r') => {}
            c => s.push(c),
        }
    }
    s
}
