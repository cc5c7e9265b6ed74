//! Stage 5, search: the offline full-text index of what a build renders.
//!
//! Pagefind (in-process, feature `extended`, which segments Chinese into
//! words) indexes the rendered HTML of the profile being built, so a public
//! build never sees an internal page: the index can only hold what the build
//! itself wrote. Pages opt in with `data-pagefind-body` in their template;
//! lists, term pages and redirects are never indexed.
//!
//! Indexing runs on its own thread while the render threads are still
//! working: [`Indexing`] is a sink that passes every file on and hands each
//! indexable page to that thread. Pagefind numbers pages in the order they
//! are added, and the render threads finish in any order, so every HTML
//! output is first registered, empty, in path order; a page added later
//! replaces its placeholder in place, and placeholders that stay empty are
//! left out of the index. The index is thus byte-identical whatever the
//! number of threads.

mod index;

use crate::diagnostic::Diagnostic;
use crate::render::Sink;
use crate::t;

pub use index::{Files, index_all};

/// Where the index goes, relative to the output folder.
pub const DIR: &str = "pagefind";

/// The attribute that marks a page (and the region of it) to index.
pub const BODY_MARK: &[u8] = b"data-pagefind-body";

/// At most this much of a page's HTML is indexed. Indexing Chinese costs
/// milliseconds per kilobyte (see the README); a 10 MB page would hold up
/// every build for minutes, and its first megabyte is what a search result
/// can point a reader at anyway.
pub const MAX_INDEXED_BYTES: usize = 1024 * 1024;

/// The part of a page that is indexed: up to [`MAX_INDEXED_BYTES`], cut at
/// a character boundary (the HTML parser closes what the cut left open).
pub fn indexed_text(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    if text.len() <= MAX_INDEXED_BYTES {
        return text.into_owned();
    }
    let mut end = MAX_INDEXED_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].to_string()
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

/// A sink that passes every file on to `inner` and feeds indexable pages to
/// a running [`index::Indexer`].
pub struct Indexing<'a> {
    inner: &'a dyn Sink,
    indexer: index::Indexer,
    base_path: String,
}

impl<'a> Indexing<'a> {
    /// Starts the indexer with a placeholder for every output in `outputs`
    /// that may be a page (see the module comment for why).
    pub fn start<'o>(
        inner: &'a dyn Sink,
        base_path: &str,
        outputs: impl Iterator<Item = &'o str>,
    ) -> Indexing<'a> {
        let mut urls: Vec<String> = outputs
            .filter(|o| o.ends_with(".html"))
            .map(|o| url_of(base_path, o))
            .collect();
        urls.sort();
        urls.dedup();
        Indexing {
            inner,
            indexer: index::Indexer::start(urls),
            base_path: base_path.to_string(),
        }
    }

    /// Waits for the index and writes its files into the inner sink;
    /// returns how many there are.
    pub fn finish(self) -> Result<usize, Diagnostic> {
        let files = self.indexer.finish().map_err(index_error)?;
        for (path, bytes) in &files {
            self.inner.put(path, bytes)?;
        }
        Ok(files.len())
    }
}

impl Sink for Indexing<'_> {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        if indexable(path, bytes) {
            self.indexer
                .add(url_of(&self.base_path, path), indexed_text(bytes));
        }
        self.inner.put(path, bytes)
    }
}

pub(crate) fn index_error(e: String) -> Diagnostic {
    Diagnostic::error(t!(
        format!("无法生成站内搜索索引：{e}"),
        format!("cannot build the search index: {e}")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_page_is_cut_at_a_character_boundary() {
        let page = "政务公开".repeat(MAX_INDEXED_BYTES / 5);
        let cut = indexed_text(page.as_bytes());
        assert!(cut.len() <= MAX_INDEXED_BYTES && cut.len() > MAX_INDEXED_BYTES - 4);
        assert!(page.starts_with(&cut));
        assert_eq!(indexed_text("短页".as_bytes()), "短页");
    }

    #[test]
    fn urls_keep_the_base_path_and_are_encoded() {
        assert_eq!(url_of("/", "notices/a/index.html"), "/notices/a/");
        assert_eq!(
            url_of("/gov/", "通知/index.html"),
            "/gov/%E9%80%9A%E7%9F%A5/"
        );
        assert!(indexable("a/index.html", b"<article data-pagefind-body>"));
        assert!(!indexable("a/index.html", b"<article>"));
        assert!(!indexable("a.xml", b"data-pagefind-body"));
    }
}
