//! What a rendered page gives the index: the text of the element marked
//! `data-search-body`, its title, and the `data-search-meta` /
//! `data-search-filter` values the theme put on it.
//!
//! A byte scanner, not an HTML parser: the build has just written this HTML
//! itself, and the scan runs on every page of every build, so it has to
//! cost microseconds, not the milliseconds of a full parse. It handles what
//! templates produce: nested elements, comments, `<script>`/`<style>`
//! contents, character references, and `data-search-ignore` elements.

use memchr::memmem;

use crate::delimiters::{Delimiter, Delimiters};
use crate::html::decode;

/// The indexable parts of one page.
#[derive(Debug, Default, PartialEq)]
pub struct Extract {
    pub title: String,
    pub text: String,
    /// `data-search-meta="key:value"` pairs, in page order.
    pub meta: Vec<(String, String)>,
    /// `data-search-filter="key:value"` pairs, in page order.
    pub filters: Vec<(String, String)>,
}

/// The marks a theme puts on its pages (see docs/THEME.md).
pub const BODY: &str = "data-search-body";
const META: &str = "data-search-meta=\"";
const FILTER: &str = "data-search-filter=\"";
const IGNORE: &str = "data-search-ignore";

/// Elements whose tags do not break a word: `<strong>重要</strong>提示`
/// is the one run 重要提示. Every other tag ends the run before it. (A
/// `matches!`, not a list: every tag of every page is looked up here.)
fn is_inline(name: &str) -> bool {
    matches!(
        name,
        "a" | "abbr"
            | "b"
            | "bdi"
            | "bdo"
            | "cite"
            | "code"
            | "data"
            | "del"
            | "dfn"
            | "em"
            | "i"
            | "ins"
            | "kbd"
            | "mark"
            | "q"
            | "s"
            | "samp"
            | "small"
            | "span"
            | "strong"
            | "sub"
            | "sup"
            | "time"
            | "u"
            | "var"
    )
}

/// Elements whose content is not text.
fn is_skipped(name: &str) -> bool {
    matches!(name, "script" | "style" | "template" | "svg" | "noscript")
}

/// What every mark starts with.
const MARK: &str = "data-search-";

/// Finds [`MARK`], its searcher made once.
static MARK_FINDER: std::sync::LazyLock<memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memmem::Finder::new(MARK));

/// Reads `html`; `None` when it has no element marked [`BODY`].
pub fn extract(html: &str) -> Option<Extract> {
    // One search for every mark of the page, where a search per kind of
    // mark (body, meta, filter) read the whole page three times.
    // Where the ignore marks are, in order: the body's walk then knows
    // whether a tag has one without searching each tag.
    let (mut mark, mut meta, mut filters, mut ignores) = (None, Vec::new(), Vec::new(), Vec::new());
    for at in MARK_FINDER.find_iter(html.as_bytes()) {
        let rest = &html[at..];
        if rest.starts_with(IGNORE) {
            ignores.push(at);
        } else if rest.starts_with(META) {
            meta.extend(pair(html, at + META.len()));
        } else if rest.starts_with(FILTER) {
            filters.extend(pair(html, at + FILTER.len()));
        } else if mark.is_none() && rest.starts_with(BODY) {
            mark = Some(at);
        }
    }
    let mark = mark?;
    let open = html[..mark].rfind('<')?;
    let mut out = Extract {
        meta,
        filters,
        ..Extract::default()
    };
    let mut h1 = None;
    // The text is at most what follows the mark; sized once instead of
    // grown a dozen times a page.
    out.text.reserve(html.len() - mark);
    body_text(html, open, &ignores, &mut out.text, &mut h1);
    out.title = match out.meta.iter().find(|(k, _)| k == "title") {
        Some((_, title)) => title.clone(),
        None => h1.or_else(|| title_element(html)).unwrap_or_default(),
    };
    Some(out)
}

/// The `key:value` of an attribute whose value starts at `start`, split at
/// the first colon.
fn pair(html: &str, start: usize) -> Option<(String, String)> {
    let end = start + memchr::memchr(b'"', &html.as_bytes()[start..])?;
    let value = decode(&html[start..end]);
    let (key, value) = value.split_once(':')?;
    Some((key.trim().to_string(), value.trim().to_string()))
}

/// One tag as the scanner sees it.
struct Tag<'a> {
    name: &'a str,
    closing: bool,
    /// `<br/>`, or an element that never has content.
    empty: bool,
    /// The whole tag, attributes included.
    source: &'a str,
    /// Where the text after the tag starts.
    end: usize,
}

fn tag_at<'h>(html: &'h str, at: usize, delimiters: &mut Delimiters) -> Option<Tag<'h>> {
    let bytes = html.as_bytes();
    let closing = bytes.get(at + 1) == Some(&b'/');
    let name_start = at + 1 + usize::from(closing);
    let name_len = bytes[name_start.min(bytes.len())..]
        .iter()
        .position(|&b| !b.is_ascii_alphanumeric() && b != b'-')
        .unwrap_or(html.len() - name_start);
    if name_len == 0 {
        return None;
    }
    // Most tags end right after their name (`<p>`, `</li>`): a look at
    // that byte spares a search.
    let after_name = name_start + name_len;
    let end = if bytes.get(after_name) == Some(&b'>') {
        after_name + 1
    } else {
        delimiters.find(Delimiter::Close, after_name)? + 1
    };
    let name = &html[name_start..name_start + name_len];
    let void = matches!(
        name,
        "br" | "hr" | "img" | "input" | "meta" | "link" | "wbr" | "source" | "col" | "area"
    );
    Some(Tag {
        name,
        closing,
        empty: void || bytes[..end].ends_with(b"/>"),
        source: &html[at..end],
        end,
    })
}

/// Appends the text of the element whose start tag begins at `open`;
/// notes the first `<h1>`'s text in `h1`.
/// `ignores` are the places of [`IGNORE`] in `html`, in order.
fn body_text(
    html: &str,
    open: usize,
    ignores: &[usize],
    text: &mut String,
    h1: &mut Option<String>,
) {
    let mut delimiters = Delimiters::new(html);
    let Some(first) = tag_at(html, open, &mut delimiters) else {
        return;
    };
    let mut depth = 0usize;
    let mut skipping: Option<(String, usize)> = None;
    let mut h1_start: Option<usize> = None;
    let mut next_ignore = 0;
    let mut runs = crate::html::TextRuns::new(html);
    let mut at = first.end;
    while at < html.len() {
        let Some(lt) = delimiters.find(Delimiter::Open, at) else {
            break;
        };
        if skipping.is_none() {
            // Decoded; white space stays as it is: it only separates terms.
            runs.push(text, at, lt);
        }
        if html[lt..].starts_with("<!--") {
            at = html[lt..].find("-->").map_or(html.len(), |i| lt + i + 3);
            continue;
        }
        let Some(tag) = tag_at(html, lt, &mut delimiters) else {
            if skipping.is_none() {
                text.push('<');
            }
            at = lt + 1;
            continue;
        };
        at = tag.end;
        if let Some((name, level)) = &mut skipping {
            if tag.name.eq_ignore_ascii_case(name) && !tag.empty {
                if !tag.closing {
                    *level += 1;
                } else if *level == 0 {
                    skipping = None;
                } else {
                    *level -= 1;
                }
            }
            continue;
        }
        if tag.closing {
            if tag.name == "h1" && h1.is_none() {
                *h1 = h1_start.map(|from| one_line(&text[from..]));
            }
            if tag.name.eq_ignore_ascii_case(first.name) {
                if depth == 0 {
                    return;
                }
                depth -= 1;
            }
        } else if !tag.empty {
            let raw = is_skipped(tag.name) && !tag.source.ends_with("/>");
            if raw {
                at = html[at..]
                    .find(&format!("</{}", tag.name))
                    .map_or(html.len(), |i| at + i);
                continue;
            }
            // The mark has no `>`, so one that starts inside the tag ends
            // inside it.
            while ignores.get(next_ignore).is_some_and(|&p| p < lt) {
                next_ignore += 1;
            }
            if ignores.get(next_ignore).is_some_and(|&p| p < tag.end) {
                skipping = Some((tag.name.to_string(), 0));
                continue;
            }
            if tag.name.eq_ignore_ascii_case(first.name) {
                depth += 1;
            }
            if tag.name == "h1" && h1_start.is_none() {
                h1_start = Some(text.len());
            }
        }
        if !is_inline(tag.name) {
            text.push('\n');
        }
    }
}

fn title_element(html: &str) -> Option<String> {
    let start = html.find("<title>")? + "<title>".len();
    let end = start + html[start..].find("</title>")?;
    Some(one_line(&decode(&html[start..end])))
}

/// Text with its runs of white space made one space, trimmed.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html><head><title>站点标题</title></head><body>
<nav><a href="/">首页</a></nav>
<article class="article" data-search-body>
<h1>关于开展<em>防汛</em>演练的通知</h1>
<div hidden><span data-search-meta="date:2024-05-20"></span><span data-search-filter="section:通知公告"></span></div>
<p><strong>重要提示：</strong>请各单位&amp;部门<br>按时参加。</p>
<button data-search-ignore>打印<span>本页</span></button>
<script>var x = "<article>";</script>
<article><p>嵌套</p></article>
<!-- 注释 <p>不算</p> -->
<p>结束&#x3002;</p>
</article>
<footer>页脚</footer>
</body></html>"#;

    #[test]
    fn the_marked_element_gives_text_title_meta_and_filters() {
        let e = extract(PAGE).unwrap();
        assert_eq!(e.title, "关于开展防汛演练的通知");
        assert_eq!(e.meta, [("date".into(), "2024-05-20".into())]);
        assert_eq!(e.filters, [("section".into(), "通知公告".into())]);
        assert!(
            e.text.contains("重要提示：请各单位&部门\n按时参加。"),
            "{}",
            e.text
        );
        assert!(
            e.text.contains("嵌套") && e.text.contains("结束。"),
            "{}",
            e.text
        );
        for absent in ["首页", "打印", "本页", "var x", "注释", "不算", "页脚"] {
            assert!(!e.text.contains(absent), "{absent} in {}", e.text);
        }
    }

    #[test]
    fn marks_before_and_after_the_body_are_read() {
        let page = r#"<head><meta data-search-meta="title:页头 &amp; 标题"></head>
<main data-search-body><p class="lead">正文</p><p>第二段</p></main>
<i data-search-filter="year:2024"></i><i data-search-filter="bad"></i>"#;
        let e = extract(page).unwrap();
        assert_eq!(e.title, "页头 & 标题");
        assert_eq!(e.filters, [("year".into(), "2024".into())]);
        assert_eq!(
            e.text.split_whitespace().collect::<Vec<_>>(),
            ["正文", "第二段"]
        );
    }

    #[test]
    fn a_page_without_the_mark_is_not_indexed() {
        assert_eq!(extract("<html><body><p>正文</p></body></html>"), None);
    }

    #[test]
    fn the_title_element_is_the_fallback() {
        let page = "<title>标题 &amp; 副题</title><main data-search-body>正文&中文字符；</main>";
        let e = extract(page).unwrap();
        assert_eq!(e.title, "标题 & 副题");
        assert_eq!(e.text.trim(), "正文&中文字符；");
    }

    proptest::proptest! {
        /// Whatever a template writes, the scan ends without a panic and
        /// finds the text of a plain marked element.
        #[test]
        fn any_html_is_scanned(before in ".{0,40}", inside in "[^<>&]{0,40}", after in ".{0,40}") {
            let page = format!("{before}<div data-search-body>{inside}</div>{after}");
            let e = extract(&page);
            if !before.contains("data-search-body") && !before.contains('<') {
                proptest::prop_assert!(e.unwrap().text.contains(inside.split_whitespace().next().unwrap_or("")));
            }
        }
    }
}
