//! Finding the front matter block (`+++` TOML or `---` YAML) at the top of a
//! Markdown file.

use crate::diagnostic::{Diagnostic, Location};
use crate::t;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Toml,
    Yaml,
}

/// The front matter and body of a file, as byte ranges of its text.
#[derive(Debug, Clone)]
pub struct Split<'a> {
    pub format: Format,
    /// Front matter text between the fences.
    pub front: &'a str,
    /// 1-based line of the first front matter line.
    pub front_line: usize,
    pub body: &'a str,
    /// Byte offset of the body in the file's text.
    pub body_offset: usize,
}

pub fn split(text: &str) -> Result<Split<'_>, Diagnostic> {
    if text.trim().is_empty() {
        return Err(Diagnostic::error(t!("文件是空的", "the file is empty"))
            .at_line(1)
            .with_hint(t!(
                "至少写上标题：第一行 +++，然后 title = \"标题\"，再一行 +++",
                "write at least a title: a line +++, then title = \"Title\", then +++"
            )));
    }
    let (fence, format) = if text.starts_with("+++") {
        ("+++", Format::Toml)
    } else if text.starts_with("---") {
        ("---", Format::Yaml)
    } else {
        return Err(Diagnostic::error(t!(
            "文件开头没有前置元数据（front matter）",
            "the file does not start with front matter"
        ))
        .at_line(1)
        .with_hint(t!(
            "在文件开头加上：+++ 换行 title = \"标题\" 换行 +++（TOML），或用 --- 包围的 YAML",
            "start the file with +++ / title = \"Title\" / +++ (TOML), or YAML between --- lines"
        )));
    };
    let first_nl = text.find('\n').unwrap_or(text.len());
    if text[..first_nl].trim_end() != fence {
        return Err(unclosed(fence));
    }
    let front_start = (first_nl + 1).min(text.len());
    let mut pos = front_start;
    for line in text[front_start..].split_inclusive('\n') {
        if line.trim_end() == fence {
            let body_offset = pos + line.len();
            return Ok(Split {
                format,
                front: &text[front_start..pos],
                front_line: 2,
                body: &text[body_offset..],
                body_offset,
            });
        }
        pos += line.len();
    }
    Err(unclosed(fence))
}

fn unclosed(fence: &str) -> Diagnostic {
    Diagnostic::error(t!(
        format!("前置元数据没有结束：缺少第二行 {fence}"),
        format!("the front matter is not closed: the second {fence} line is missing")
    ))
    .at(Location { line: 1, column: 1 })
    .with_hint(t!(
        format!("在元数据之后、正文之前单独写一行 {fence}"),
        format!("put a line with just {fence} between the front matter and the body")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_toml_and_yaml() {
        let s = split("+++\ntitle = \"a\"\n+++\n正文\n").unwrap();
        assert_eq!(s.format, Format::Toml);
        assert_eq!(s.front, "title = \"a\"\n");
        assert_eq!(s.body, "正文\n");
        let s = split("---\ntitle: a\n---\n").unwrap();
        assert_eq!(s.format, Format::Yaml);
        assert_eq!(s.body, "");
    }

    #[test]
    fn unclosed_and_missing_are_errors() {
        assert!(split("+++\ntitle = \"a\"\n").is_err());
        assert!(split("# 标题\n").is_err());
        assert!(split("\n\n").unwrap_err().message.contains("空"));
    }
}
