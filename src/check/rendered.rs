//! Personal data in what readers actually get: the text of every rendered
//! page is scanned on its way to the output. Values already reported (or
//! waived) in a source are not repeated; what is left came from a template,
//! `gazette.toml` or a data file, and is reported against the output.

use std::collections::HashSet;
use std::sync::Mutex;

use super::personal_data::{self, Level};
use super::privacy::{RULE, is_office_email, value_hash};
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
        }
    }

    pub fn finish(self) -> Vec<Diagnostic> {
        let mut found = self.found.into_inner().unwrap_or_else(|e| e.into_inner());
        found.sort_by_key(|d| d.to_string());
        found.dedup_by_key(|d| d.to_string());
        found
    }

    fn scan(&self, path: &str, html: &str) {
        let text = html_text(html);
        let new: Vec<Diagnostic> = personal_data::scan(&text)
            .into_iter()
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
    let mut at = 0;
    while let Some(open) = memchr::memchr(b'<', &bytes[at..]).map(|i| at + i) {
        runs.push(&mut out, at, open);
        let tag = &html[open..];
        // Only names that start `sc` or `st` are looked at again: `<span>`
        // and `<section>` are on every page.
        let lower = |i: usize| tag.as_bytes().get(i).map(u8::to_ascii_lowercase);
        let skip_to = match (lower(1), lower(2)) {
            (Some(b's'), Some(b'c')) if starts_ci(tag, "<script") => find_end(tag, "</script>"),
            (Some(b's'), Some(b't')) if starts_ci(tag, "<style") => find_end(tag, "</style>"),
            _ => memchr::memchr(b'>', tag.as_bytes()).map(|i| i + 1),
        };
        out.push(' ');
        match skip_to {
            Some(n) => at = open + n,
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
