//! Stage 5, search: the offline full-text index of what a build renders.
//!
//! The index is made from the rendered HTML of the profile being built, so
//! a public build never sees an internal page: the index can only hold what
//! the build itself wrote. Pages opt in with `data-search-body` in their
//! template; lists, term pages and redirects are never indexed.
//!
//! Our own index rather than Pagefind's: Pagefind segments Chinese with a
//! dictionary, one page at a time under a lock, and gzips its files at the
//! highest level on one thread; at 10,000 pages that was 116 s and 7.3 GiB
//! against 2.9 s for the rest of the build (bench/HISTORY.md). Here
//! each render thread extracts ([`extract`]) and splits ([`tokens`]) its
//! own pages as they pass; [`build`] writes plain JSON files, and the
//! browser side is one small script, `engine.js`.

mod build;
mod encode;
pub mod extract;
mod page_terms;
mod term_map;
pub mod tokens;

use crate::diagnostic::Diagnostic;
use crate::render::Sink;

pub use build::Files;

/// Where the index goes, relative to the output folder.
pub const DIR: &str = "search-index";

/// The attribute that marks a page (and the region of it) to index.
pub const BODY_MARK: &[u8] = extract::BODY.as_bytes();

/// At most this much of a page's HTML is indexed: a 10 MB page would add
/// its every character pair to the index files each reader downloads, and
/// its first megabyte is what a search result can point a reader at anyway.
pub const MAX_INDEXED_BYTES: usize = 1024 * 1024;

/// The part of a page that is indexed: up to [`MAX_INDEXED_BYTES`], cut at
/// a character boundary (the scanner ends what the cut left open).
pub fn indexed_text(html: &str) -> &str {
    let mut end = html.len().min(MAX_INDEXED_BYTES);
    while !html.is_char_boundary(end) {
        end -= 1;
    }
    &html[..end]
}

/// Whether a rendered output is a page the search should hold.
pub fn indexable(path: &str, bytes: &[u8]) -> bool {
    path.ends_with(".html") && memchr::memmem::find(bytes, BODY_MARK).is_some()
}

/// The URL a search result links to: the site's base path, the output path
/// without `index.html`, percent-encoded like every other link of the site.
pub fn url_of(base_path: &str, output: &str) -> String {
    let path = output.strip_suffix("index.html").unwrap_or(output);
    crate::model::url::encode_path(&crate::model::url::with_base(
        base_path,
        &format!("/{path}"),
    ))
}

/// Adds one rendered output to `builder` if it is an indexable page.
fn add(builder: &build::Builder, base_path: &str, path: &str, html: &str) {
    if !path.ends_with(".html") {
        return;
    }
    if let Some(page) = extract::extract(indexed_text(html)) {
        builder.add(url_of(base_path, path), page);
    }
}

/// A sink that passes every file on to `inner` and indexes the pages on
/// the way, on the thread that rendered them.
pub struct Indexing<'a> {
    inner: &'a dyn Sink,
    builder: build::Builder,
    base_path: String,
}

impl<'a> Indexing<'a> {
    pub fn start(inner: &'a dyn Sink, base_path: &str) -> Indexing<'a> {
        Indexing {
            inner,
            builder: build::Builder::default(),
            base_path: base_path.to_string(),
        }
    }

    /// Writes the index files into the inner sink; returns how many there
    /// are.
    pub fn finish(self) -> Result<usize, Diagnostic> {
        let inner = self.inner;
        self.builder
            .finish_into(&|path, text| inner.put(&path, &text))
    }
}

impl Sink for Indexing<'_> {
    fn put(&self, path: &str, text: &str) -> Result<(), Diagnostic> {
        add(&self.builder, &self.base_path, path, text);
        self.inner.put(path, text)
    }
}

/// Indexes a complete set of outputs at once (the preview server, which
/// holds every page in memory): `pages` are `(output path, bytes)`.
pub fn index_all<'p>(
    base_path: &str,
    pages: impl rayon::iter::ParallelIterator<Item = (&'p str, &'p [u8])>,
) -> Files {
    let builder = build::Builder::default();
    pages.for_each(|(path, bytes)| {
        if path.ends_with(".html") {
            add(&builder, base_path, path, &String::from_utf8_lossy(bytes));
        }
    });
    builder.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_page_is_cut_at_a_character_boundary() {
        let page = "政务公开".repeat(MAX_INDEXED_BYTES / 5);
        let cut = indexed_text(&page);
        assert!(cut.len() <= MAX_INDEXED_BYTES && cut.len() > MAX_INDEXED_BYTES - 4);
        assert!(page.starts_with(cut));
        assert_eq!(indexed_text("短页"), "短页");
    }

    #[test]
    fn urls_keep_the_base_path_and_are_encoded() {
        assert_eq!(url_of("/", "notices/a/index.html"), "/notices/a/");
        assert_eq!(
            url_of("/gov/", "通知/index.html"),
            "/gov/%E9%80%9A%E7%9F%A5/"
        );
        assert!(indexable("a/index.html", b"<article data-search-body>"));
        assert!(!indexable("a/index.html", b"<article>"));
        assert!(!indexable("a.xml", b"data-search-body"));
    }
}
