//! What an issue holds: at least one item, and (a warning) not clearly more
//! text than one A4 sheet folded to four sides.

use super::{NUMBER, series_title};
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::load::Source;
use crate::model::bulletin::issue_label;
use crate::model::bulletin::{Bulletins, Issue, IssueRef};
use crate::model::{PageId, SectionId, Site};
use crate::t;

/// GB/T 9704 text block: 22 lines of 28 characters per side.
pub const LINES_PER_SIDE: usize = 22;
pub const CHARS_PER_LINE: usize = 28;
/// One A4 sheet folded: four sides.
pub const MAX_SIDES: usize = 4;

/// The rule of the page-length warning alone: it is the one bulletin check
/// that reads items' text, so the preview server redoes just this one when
/// only the text of items changed.
pub const LENGTH_RULE: &str = "bulletin-length";

/// Checks every issue of `model`; `issue_source` and `item_source` give the
/// source behind a handle (indexes of the loaded files for the build's
/// bulletin checks, ids of the site's sections and pages in
/// [`recheck_length`]).
pub fn check<'a, S: Copy + Eq + std::hash::Hash, P: Copy + Eq + std::hash::Hash>(
    config: &Config,
    model: &Bulletins<S, P>,
    issue_source: impl Fn(S) -> &'a Source,
    item_source: impl Fn(P) -> &'a Source,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (at, issue) in model.issues() {
        let source = issue_source(issue.handle);
        let title = issue_title(config, model, at, issue);
        if issue.items.is_empty() {
            out.push(warning(
                source,
                t!(format!("{title}没有稿件"), format!("{title} holds no item")),
                t!(
                    "把本期的稿件（.md 文件）放在本期目录中，与 _index.md 并列",
                    "put the issue's items (.md files) in its folder, beside _index.md"
                ),
            ));
        }
        let lines = estimated_lines(issue, &issue_source, &item_source);
        out.extend(too_long(source, &title, lines));
    }
    out
}

/// The page-length warnings of the issues holding one of `edited` (pages
/// whose text alone changed), with the files of those issues: their old
/// warnings are to be replaced by these.
pub fn recheck_length(site: &Site, edited: &[PageId]) -> (Vec<String>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut out = Vec::new();
    let issue_source = |s: SectionId| site.section(s).source.as_ref();
    for (at, issue) in site.bulletins.issues() {
        if !issue.items.iter().any(|i| edited.contains(i)) {
            continue;
        }
        let Some(source) = issue_source(issue.handle) else {
            continue;
        };
        files.push(format!("content/{}", source.rel));
        let title = issue_title(&site.config, &site.bulletins, at, issue);
        let lines = estimated_lines(issue, &|_| source, &|p: PageId| &site.page(p).source);
        out.extend(too_long(source, &title, lines));
    }
    (files, out)
}

fn issue_title<S, P>(
    config: &Config,
    model: &Bulletins<S, P>,
    at: IssueRef,
    issue: &Issue<S, P>,
) -> String {
    format!(
        "{}{}年{}",
        series_title(config, &model.series[at.series].key),
        issue.year,
        issue_label(issue.supplement, issue.number)
    )
}

fn too_long(source: &Source, title: &str, lines: usize) -> Option<Diagnostic> {
    let sides = lines.div_ceil(LINES_PER_SIDE);
    (sides > MAX_SIDES).then(|| {
        warning(
            source,
            t!(
                format!(
                    "{title}篇幅估计约 {lines} 行、{sides} 面（按每面 {LINES_PER_SIDE} 行×每行 {CHARS_PER_LINE} 字估算，每个标题和段落另起一行），超过一张 A4 纸对折的 {MAX_SIDES} 面"
                ),
                format!(
                    "{title} is estimated at {lines} lines, {sides} sides (at {LINES_PER_SIDE} lines of {CHARS_PER_LINE} characters per side, each title and paragraph on new lines): more than the {MAX_SIDES} sides of one folded A4 sheet"
                )
            ),
            t!(
                "精简稿件，或把部分稿件移到下一期；这是估算，以实际排版为准",
                "shorten the items or move some to the next issue; this is an estimate, the printed layout decides"
            ),
        )
        .rule(LENGTH_RULE)
    })
}

fn warning(source: &Source, message: String, hint: String) -> Diagnostic {
    Diagnostic::warning(message)
        .rule("bulletins")
        .in_file(format!("content/{}", source.rel))
        .at_line(source.key_line(NUMBER))
        .with_source(source.text.clone())
        .with_hint(hint)
}

/// Lines of text: the editor's note, then each item's title and paragraphs.
pub fn estimated_lines<'a, S: Copy, P: Copy>(
    issue: &Issue<S, P>,
    issue_source: &impl Fn(S) -> &'a Source,
    item_source: &impl Fn(P) -> &'a Source,
) -> usize {
    let front = &issue_source(issue.handle).front;
    let note = front
        .editor_note
        .as_deref()
        .map_or(0, |n| lines_of(&format!("编者按：{n}")));
    let items: usize = issue
        .items
        .iter()
        .map(|&i| {
            let item = item_source(i);
            let title = lines_of(item.front.title.as_deref().unwrap_or(""));
            let body: usize = item.body().split("\n\n").map(lines_of).sum();
            title + body
        })
        .sum();
    note + items
}

/// Lines one paragraph takes: its visible characters, 28 a line.
fn lines_of(paragraph: &str) -> usize {
    let chars = paragraph
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '#' | '*' | '>' | '_' | '`' | '|'))
        .count();
    chars.div_ceil(CHARS_PER_LINE)
}

#[cfg(test)]
mod tests {
    use super::lines_of;

    #[test]
    fn paragraphs_fill_lines_of_28_characters() {
        assert_eq!(lines_of(""), 0);
        assert_eq!(lines_of(&"字".repeat(28)), 1);
        assert_eq!(lines_of(&format!("## {}", "字".repeat(29))), 2);
    }
}
