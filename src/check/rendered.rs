//! Personal data in what readers actually get: the text of every rendered
//! page is scanned on its way to the output. Values already reported (or
//! waived) in a source are not repeated; what is left came from a template,
//! `gazette.toml` or a data file, and is reported against the output.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

use super::personal_data::{self, Finding, Level};
use super::privacy::{RULE, is_office_email, value_hash};
use crate::delimiters::{Delimiter, Delimiters};
use crate::diagnostic::Diagnostic;
use crate::render::Sink;
use crate::t;

/// How a finding in a rendered page names its file: the output's path
/// after this prefix.
const OUTPUT: &str = "(output) ";

/// The output a finding of this scan was made in; `None` for any other
/// diagnostic.
pub fn output_of(d: &Diagnostic) -> Option<&str> {
    if d.rule != Some(RULE) {
        return None;
    }
    d.file.as_ref()?.to_str()?.strip_prefix(OUTPUT)
}

/// A sink that scans HTML text and passes every file on to `inner`.
pub struct Scanning<'a> {
    pub inner: &'a dyn Sink,
    /// Hashes of values found in the sources (reported or waived there).
    pub seen: &'a HashSet<String>,
    pub public: bool,
    pub host: &'a str,
    found: Mutex<Vec<Diagnostic>>,
    /// Where the scanner's findings in each page go as well (the preview's
    /// memo; see [`KeptFindings::adopt`]).
    record: Option<&'a KeptFindings>,
}

impl<'a> Scanning<'a> {
    pub fn new(
        inner: &'a dyn Sink,
        seen: &'a HashSet<String>,
        public: bool,
        host: &'a str,
    ) -> Self {
        Scanning {
            inner,
            seen,
            public,
            host,
            found: Mutex::new(Vec::new()),
            record: None,
        }
    }

    /// Also records what the scanner finds in each page in `record`.
    pub fn recording(self, record: Option<&'a KeptFindings>) -> Self {
        if let Some(r) = record {
            r.pending.lock().unwrap_or_else(|e| e.into_inner()).clear();
        }
        Scanning { record, ..self }
    }

    pub fn finish(self) -> Vec<Diagnostic> {
        let mut found = self.found.into_inner().unwrap_or_else(|e| e.into_inner());
        found.sort_by_key(|d| d.to_string());
        found.dedup_by_key(|d| d.to_string());
        found
    }

    fn scan(&self, path: &str, html: &str) {
        let raw: Arc<[Finding]> = personal_data::scan(&html_text(html)).into();
        self.report(path, &raw);
        if let Some(record) = self.record {
            record
                .pending
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push((path.to_string(), raw));
        }
    }

    /// Reports `raw`, the scanner's findings in the output `path`, less
    /// the office's own addresses and the values the sources reported.
    fn report(&self, path: &str, raw: &[Finding]) {
        let new: Vec<Diagnostic> = raw
            .iter()
            .filter(|f| !is_office_email(f, self.host))
            .filter(|f| !self.seen.contains(&value_hash(&f.value)))
            .map(|f| {
                let message = t!(
                    format!("生成的页面含有疑似个人信息：{}（来自模板、gazette.toml 或数据文件）", f.masked),
                    format!("the rendered page contains what looks like personal data: {} (from a template, gazette.toml or a data file)", f.masked)
                );
                let d = if self.public && f.level == Level::Error {
                    Diagnostic::error(message)
                } else {
                    Diagnostic::warning(message)
                };
                d.rule(RULE).in_file(format!("{OUTPUT}{path}")).with_hint(t!(
                    "在模板、gazette.toml 的 [extra] 或 data/ 中找到这个值并脱敏",
                    "find the value in the templates, [extra] of gazette.toml or data/, and mask it"
                ))
            })
            .collect();
        if !new.is_empty() {
            self.found
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .extend(new);
        }
    }

    /// Reports the findings of `bytes`, the kept bytes of the output
    /// `path` that this build did not render, through `cache`: the scanner
    /// reads the same bytes only once (the preview rescans every output it
    /// kept after each full rebuild, and most are kept many times over).
    pub fn kept(&self, path: &str, bytes: &Arc<[u8]>, cache: &KeptFindings) {
        if !path.ends_with(".html") {
            return;
        }
        if let Some(raw) = cache.get(path, bytes) {
            self.report(path, &raw);
            return;
        }
        // Outputs are made from `&str`: their bytes are UTF-8.
        let Ok(html) = std::str::from_utf8(bytes) else {
            return;
        };
        let raw: Arc<[Finding]> = personal_data::scan(&html_text(html)).into();
        self.report(path, &raw);
        cache.put(path, bytes, raw);
    }
}

/// The scanner's findings in each kept output, with the bytes they were
/// found in (an output's findings are looked up by the identity of its
/// bytes, so bytes rendered again are scanned again).
#[derive(Default)]
pub struct KeptFindings {
    by_output: Mutex<HashMap<String, Scanned>>,
    /// Findings of the pages the last render scanned, waiting for the
    /// bytes the preview keeps of them.
    pending: Mutex<Vec<(String, Arc<[Finding]>)>>,
}

/// Bytes an output had, and what the scanner found in them.
struct Scanned {
    bytes: Arc<[u8]>,
    raw: Arc<[Finding]>,
}

impl KeptFindings {
    fn get(&self, path: &str, bytes: &Arc<[u8]>) -> Option<Arc<[Finding]>> {
        let map = self.by_output.lock().unwrap_or_else(|e| e.into_inner());
        let scanned = map.get(path)?;
        Arc::ptr_eq(&scanned.bytes, bytes).then(|| scanned.raw.clone())
    }

    /// Pairs the findings the last render recorded with the bytes of its
    /// `rendered` outputs, so that a later rebuild that keeps them need not
    /// scan them.
    pub fn adopt(&self, rendered: &HashMap<String, Arc<[u8]>>) {
        let pending = std::mem::take(&mut *self.pending.lock().unwrap_or_else(|e| e.into_inner()));
        for (path, raw) in pending {
            if let Some(bytes) = rendered.get(&path) {
                self.put(&path, bytes, raw);
            }
        }
    }

    fn put(&self, path: &str, bytes: &Arc<[u8]>, raw: Arc<[Finding]>) {
        self.by_output
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(
                path.to_string(),
                Scanned {
                    bytes: bytes.clone(),
                    raw,
                },
            );
    }
}

impl Sink for Scanning<'_> {
    fn put(&self, path: &str, text: &str) -> Result<(), Diagnostic> {
        if path.ends_with(".html") {
            self.scan(path, text);
        }
        self.inner.put(path, text)
    }
}

/// Text of an HTML document: tags, scripts and styles dropped, character
/// references decoded.
fn html_text(html: &str) -> String {
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len() / 2);
    let mut runs = crate::html::TextRuns::new(html);
    let mut delimiters = Delimiters::new(html);
    let mut at = 0;
    while let Some(open) = delimiters.find(Delimiter::Open, at) {
        runs.push(&mut out, at, open);
        let tag = &html[open..];
        // Only names that start `sc` or `st` are looked at again: `<span>`
        // and `<section>` are on every page.
        let lower = |i: usize| bytes.get(open + i).map(u8::to_ascii_lowercase);
        let end = match (lower(1), lower(2)) {
            (Some(b's'), Some(b'c')) if starts_ci(tag, "<script") => {
                find_end(tag, "</script>").map(|n| open + n)
            }
            (Some(b's'), Some(b't')) if starts_ci(tag, "<style") => {
                find_end(tag, "</style>").map(|n| open + n)
            }
            _ => delimiters.find(Delimiter::Close, open).map(|i| i + 1),
        };
        out.push(' ');
        match end {
            Some(end) => at = end,
            None => return out,
        }
    }
    runs.push(&mut out, at, html.len());
    out
}

fn starts_ci(s: &str, prefix: &str) -> bool {
    s.get(..prefix.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
}

/// Where the text after the closing tag `close` (lower case) starts; the
/// lower-case spelling is looked for first, as templates write it.
fn find_end(s: &str, close: &str) -> Option<usize> {
    let at = memchr::memmem::find(s.as_bytes(), close.as_bytes())
        .or_else(|| s.to_ascii_lowercase().find(close))?;
    Some(at + close.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_of_html_skips_tags_scripts_and_styles() {
        let t = html_text(
            "<p>电话<b>138</b>1234</p><script>var x='13812341234';</script><style>a{}</style>&amp;",
        );
        assert!(t.contains("电话"));
        assert!(!t.contains("var x"));
        assert!(t.ends_with('&'));
        // An unclosed tag or script ends the text; a stray `>` is text.
        for html in [
            "<",
            "文<p",
            "a>b<i>c",
            "<script>x",
            "<p>1</p",
            "<s",
            "<sc",
            "<st>1",
            "<s>删</s>",
            "<SCRIPT>x=1</SCRIPT>文",
            "<Style>a</style>b",
            "<strong>重要</strong>",
            "<span>1</span>",
            "<scope>2</scope>",
            "<stylus>3",
        ] {
            assert_eq!(html_text(html), text_run_by_run(html), "{html}");
        }
        assert_eq!(html_text("文<p"), "文 ");
    }

    /// The text as decoding every run on its own gives it (the way this
    /// function worked before it looked for `&` once a page).
    fn text_run_by_run(html: &str) -> String {
        let mut out = String::new();
        let mut rest = html;
        while let Some(open) = rest.find('<') {
            out.push_str(&crate::html::decode(&rest[..open]));
            let tag = &rest[open..];
            let skip_to = if starts_ci(tag, "<script") {
                find_end(tag, "</script>")
            } else if starts_ci(tag, "<style") {
                find_end(tag, "</style>")
            } else {
                tag.find('>').map(|i| i + 1)
            };
            out.push(' ');
            match skip_to {
                Some(n) => rest = &tag[n..],
                None => return out,
            }
        }
        out.push_str(&crate::html::decode(rest));
        out
    }

    proptest::proptest! {
        /// Ampersands in text, in tags and in scripts, in any order.
        #[test]
        fn one_search_for_ampersands_reads_the_same_text(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "<p>", "</p>", "<a href=\"/x?a=1&amp;b=2\">", "</a>", "&amp;", "&lt;", "&#x3002;",
                    "&", "&bogus;", "电话", "138", " ", "<script>var a='&amp;<p>';</script>",
                    "<style>a{}</style>", "<br/>", "<", ">", "&copy;",
                ]),
                0..24,
            )
        ) {
            let html: String = parts.concat();
            proptest::prop_assert_eq!(html_text(&html), text_run_by_run(&html));
        }
    }
}
