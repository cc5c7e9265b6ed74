//! Broken internal links and attachments in what readers get. Every `href`
//! and `src` of every rendered HTML page that points inside the site must
//! name a file of the build (a page, a copied theme file, an attachment).
//! Inspections allow none: in a build that reaches the public each is an
//! error, in an intranet build a warning. Links leaving the site are not
//! followed (the air-gapped intranet could not anyway).
//!
//! Attributes are found with a plain byte search rather than an HTML parser:
//! the output is our own templates' and pulldown-cmark's, which always quote
//! attributes, and a search keeps the scan of 10,000 pages within a few
//! milliseconds of the build.

use std::collections::{BTreeMap, HashSet};
use std::sync::Mutex;

use crate::diagnostic::{Diagnostic, Location};
use crate::load::Source;
use crate::render::Sink;
use crate::t;

pub const RULE: &str = "broken-link";

/// Every file of a build, as the link check looks them up.
pub type Outputs<'a> = HashSet<&'a str, ahash::RandomState>;

/// Links already found to be fine, one set per render thread. A link that
/// does not depend on the page it is on (`/notices/`, `https://host/x/`)
/// is written on many pages: the header, the footer, the term and
/// neighbour links. It is resolved once per thread, not once per page.
type Known = Vec<Mutex<HashSet<String, ahash::RandomState>>>;

/// A sink that notes every internal link of the HTML it passes on.
pub struct LinkScan<'a> {
    inner: &'a dyn Sink,
    /// The base URL's path (`/` or `/sub/`).
    base_path: String,
    /// The base URL's host: absolute links to it are internal.
    host: String,
    /// Every file of the build: a link to one of these is fine.
    outputs: &'a Outputs<'a>,
    /// Page-independent links found fine so far (see [`Known`]).
    fine: Known,
    /// The broken ones, found as pages pass (most links are fine, so
    /// little is kept).
    links: Mutex<Vec<Link>>,
}

/// One broken internal link as written, and the page it is on.
struct Link {
    from: String,
    written: String,
}

impl<'a> LinkScan<'a> {
    pub fn new(inner: &'a dyn Sink, base_url: &str, outputs: &'a Outputs<'a>) -> LinkScan<'a> {
        let rest = base_url.split_once("://").map_or(base_url, |(_, r)| r);
        let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
        LinkScan {
            inner,
            base_path: format!("/{}", path.trim_end_matches('/')).replace("//", "/"),
            host: host.to_ascii_lowercase(),
            outputs,
            fine: (0..=rayon::current_num_threads())
                .map(|_| Mutex::default())
                .collect(),
            links: Mutex::new(Vec::new()),
        }
    }

    /// Whether `written`, on the page `path`, names no file of the build.
    fn is_broken(
        &self,
        path: &str,
        written: &str,
        fine: &mut HashSet<String, ahash::RandomState>,
    ) -> bool {
        // Absolute and same-site links mean the same on every page.
        let page_independent = written.starts_with('/') || written.contains("://");
        if page_independent && fine.contains(written) {
            return false;
        }
        let broken = resolve(path, written, &self.base_path, &self.host)
            .is_some_and(|target| !exists(&target, self.outputs));
        if page_independent && !broken {
            fine.insert(written.to_string());
        }
        broken
    }

    /// The outputs that carry a broken link.
    pub fn pages(&self) -> Vec<String> {
        let links = self.links.lock().unwrap_or_else(|e| e.into_inner());
        let mut pages: Vec<String> = links.iter().map(|l| l.from.clone()).collect();
        pages.sort();
        pages.dedup();
        pages
    }

    /// The links whose target is not among the outputs, each reported once
    /// (with how many pages carry it) at the source line that writes it
    /// when `source_of` knows the page, else at the output file.
    pub fn finish<'s>(
        self,
        public: bool,
        source_of: impl Fn(&str) -> Option<&'s Source>,
    ) -> Vec<Diagnostic> {
        let links = self.links.into_inner().unwrap_or_else(|e| e.into_inner());
        let mut broken: BTreeMap<(String, String), (String, usize)> = BTreeMap::new();
        for link in links {
            // Shown and looked up in the source as the editor wrote it.
            let written = percent_encoding::percent_decode_str(&link.written)
                .decode_utf8()
                .map_or(link.written.clone(), |w| w.into_owned());
            // The page's own source, if it writes the link; else the link
            // came from a template or the config, the same on every page.
            let file = source_of(&link.from)
                .filter(|s| s.text.contains(written.as_str()))
                .map_or_else(String::new, |s| s.rel.clone());
            broken
                .entry((file, written))
                .and_modify(|(_, n)| *n += 1)
                .or_insert((link.from, 1));
        }
        broken
            .into_iter()
            .map(|((file, written), (from, count))| {
                diagnose(
                    &written,
                    &from,
                    count,
                    public,
                    source_of(&from).filter(|_| !file.is_empty()),
                )
            })
            .collect()
    }
}

impl Sink for LinkScan<'_> {
    fn put(&self, path: &str, text: &str) -> Result<(), Diagnostic> {
        if path.ends_with(".html") {
            let slot = rayon::current_thread_index().unwrap_or(self.fine.len() - 1);
            let mut fine = self.fine[slot].lock().unwrap_or_else(|e| e.into_inner());
            let found: Vec<Link> = attribute_values(text)
                .filter(|written| self.is_broken(path, written, &mut fine))
                .map(|written| Link {
                    from: path.to_string(),
                    written: written.into_owned(),
                })
                .collect();
            drop(fine);
            if !found.is_empty() {
                self.links.lock().expect("links lock").extend(found);
            }
        }
        self.inner.put(path, text)
    }
}

/// Values of `href="…"` and `src="…"` (either quote), entities decoded, in
/// the order they are written. One search for `=` finds both names: two
/// substring searches over every page were a twentieth of a build.
fn attribute_values(html: &str) -> impl Iterator<Item = std::borrow::Cow<'_, str>> + '_ {
    let bytes = html.as_bytes();
    memchr::memchr_iter(b'=', bytes).filter_map(move |eq| {
        let name_len = [&b"href"[..], &b"src"[..]]
            .into_iter()
            .find(|name| bytes[..eq].ends_with(name))?
            .len();
        let before = eq.checked_sub(name_len + 1).map(|i| bytes[i])?;
        if !before.is_ascii_whitespace() {
            return None;
        }
        let quote = *bytes.get(eq + 1)?;
        if quote != b'"' && quote != b'\'' {
            return None;
        }
        let start = eq + 2;
        let end = start + memchr::memchr(quote, &bytes[start..])?;
        // Both ends are ASCII quotes, so the slice is whole characters.
        Some(crate::html::decode(&html[start..end]))
    })
}

/// The output path an internal link names, or `None` for links that leave
/// the site, fragments on the same page and other schemes.
fn resolve(from: &str, written: &str, base_path: &str, host: &str) -> Option<String> {
    let link = written.trim();
    if link.is_empty() || link.starts_with('#') || link.starts_with('?') {
        return None;
    }
    let path = if let Some(rest) = link.strip_prefix("//") {
        same_host(rest, host)?
    } else if let Some((scheme, rest)) = link.split_once("://") {
        if !matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https") {
            return None;
        }
        same_host(rest, host)?
    } else if link.split(['/', '?', '#']).next()?.contains(':') {
        return None; // mailto:, tel:, javascript:, data:
    } else {
        link.to_string()
    };
    let path = path.split(['#', '?']).next().unwrap_or("");
    let path = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()?;
    let site_relative = if path.starts_with('/') {
        let inside = path.strip_prefix(base_path.trim_end_matches('/'))?;
        if !inside.is_empty() && !inside.starts_with('/') {
            return None; // beside the site on the same server
        }
        inside.trim_start_matches('/').to_string()
    } else {
        let dir = from.rsplit_once('/').map_or("", |(d, _)| d);
        format!("{dir}/{path}")
    };
    normalise(&site_relative)
}

/// The path of an absolute link to `host` (`host/x/y` → `/x/y`).
fn same_host(rest: &str, host: &str) -> Option<String> {
    let (h, path) = rest.split_once('/').unwrap_or((rest, ""));
    (h.to_ascii_lowercase() == host).then(|| format!("/{path}"))
}

/// Resolves `.` and `..`; `None` when `..` climbs out of the site.
fn normalise(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    let mut out = parts.join("/");
    if path.ends_with('/') || out.is_empty() {
        if !out.is_empty() {
            out.push('/');
        }
        out.push_str("index.html");
    }
    Some(out)
}

/// A file, or a folder served by its `index.html`.
fn exists(target: &str, outputs: &Outputs<'_>) -> bool {
    outputs.contains(target) || outputs.contains(format!("{target}/index.html").as_str())
}

fn diagnose(
    written: &str,
    from: &str,
    count: usize,
    public: bool,
    source: Option<&Source>,
) -> Diagnostic {
    let message = t!(
        format!("链接 {written} 指向的文件不存在（{from}）"),
        format!("link {written} points at no file of the site ({from})")
    );
    let d = if public {
        Diagnostic::error(message)
    } else {
        Diagnostic::warning(message)
    };
    let d = d.rule(RULE);
    let pages = if count > 1 {
        t!(
            format!("（共出现在 {count} 个页面）"),
            format!(" (on {count} pages)")
        )
    } else {
        String::new()
    };
    match source {
        Some(source) => {
            let at = source.text.find(written).unwrap_or(source.body_offset);
            d.in_file(format!("content/{}", source.rel))
                .at(Location::of_offset(&source.text, at))
                .with_source(source.text.clone())
                .with_hint(t!(
                    format!("改正链接；附件放在页面旁（页面包）或 static/ 中；站内页面用 @/路径.md 链接，改名后构建会提示{pages}"),
                    format!("fix the link; put attachments beside the page (a bundle) or in static/; link pages as @/path.md so renames are caught{pages}")
                ))
        }
        None => d.in_file(from).with_hint(t!(
            format!("这个链接来自模板或 gazette.toml（菜单、政府网站信息）{pages}"),
            format!(
                "this link comes from a template or gazette.toml (menu, government info){pages}"
            )
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_resolve_against_the_page_and_the_base_path() {
        let r = |from, link| resolve(from, link, "/", "t.example.gov.cn");
        assert_eq!(r("a/b/index.html", "../c/"), Some("a/c/index.html".into()));
        assert_eq!(
            r("a/index.html", "/files/%E9%99%84%E4%BB%B6.pdf"),
            Some("files/附件.pdf".into())
        );
        assert_eq!(
            r("index.html", "https://t.example.gov.cn/x/?q=1#y"),
            Some("x/index.html".into())
        );
        assert_eq!(r("index.html", "https://other.example.org/x/"), None);
        assert_eq!(r("index.html", "mailto:a@b.cn"), None);
        assert_eq!(r("index.html", "#top"), None);
        assert_eq!(r("index.html", "/"), Some("index.html".into()));
        assert_eq!(r("index.html", "../../etc/passwd"), None);
        let sub = |link| resolve("index.html", link, "/sub", "h");
        assert_eq!(sub("/sub/a.css"), Some("a.css".into()));
        assert_eq!(sub("/other/a.css"), None);
    }

    #[test]
    fn only_quoted_attributes_after_whitespace_count() {
        let html = r#"<a href="/a/">x</a><img src='/b.png'> data-href="/no/" <code>href=&quot;/c/&quot;</code><a href="/d?x=1&amp;y=2">"#;
        let found: Vec<String> = attribute_values(html).map(|v| v.into_owned()).collect();
        assert_eq!(found, ["/a/", "/b.png", "/d?x=1&y=2"]);
    }
}
