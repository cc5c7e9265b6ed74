//! Printing diagnostics for people: miette's snippets with the file, line,
//! column and hint; plain lines when there is no source text to show.

use std::io::IsTerminal;

use miette::{GraphicalReportHandler, GraphicalTheme, NamedSource, SourceSpan};

use crate::diagnostic::{Diagnostic, Severity};

#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("{message}")]
struct Snippet {
    message: String,
    #[source_code]
    src: NamedSource<String>,
    #[label("{label}")]
    span: SourceSpan,
    label: String,
    #[help]
    help: Option<String>,
    #[diagnostic(severity)]
    severity: miette::Severity,
}

/// Renders one diagnostic as text (with a snippet when the source is known).
pub fn render(d: &Diagnostic) -> String {
    let (Some(source), Some(loc), Some(file)) = (&d.source, d.location, &d.file) else {
        return plain(d);
    };
    let offset = loc.to_offset(source);
    let len = source[offset..].chars().next().map_or(0, char::len_utf8);
    let snippet = Snippet {
        message: d.to_string(),
        src: NamedSource::new(file.display().to_string(), source.to_string()),
        span: (offset, len).into(),
        label: crate::t!("这里", "here"),
        help: d.hint.clone(),
        severity: match d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Note => miette::Severity::Advice,
        },
    };
    let theme = if std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let mut out = String::new();
    match GraphicalReportHandler::new_themed(theme).render_report(&mut out, &snippet) {
        Ok(()) => out,
        Err(_) => plain(d),
    }
}

fn plain(d: &Diagnostic) -> String {
    match &d.hint {
        Some(h) => format!("{d}\n  {} {h}\n", crate::t!("提示：", "hint:")),
        None => format!("{d}\n"),
    }
}

pub fn print_all(ds: impl IntoIterator<Item = Diagnostic>) {
    for d in ds {
        eprintln!("{}", render(&d));
    }
}

/// The column report of `gazette check` as an aligned table: status, column,
/// folder, pages, newest publish date, limit.
pub fn columns_table(columns: &[crate::check::columns::Column]) -> String {
    use crate::check::columns::Status;
    use crate::t;
    let head = [
        t!("状态", "status"),
        t!("栏目", "column"),
        t!("目录", "folder"),
        t!("页数", "pages"),
        t!("最新发布", "newest"),
        t!("更新时限", "limit"),
    ];
    let mut rows: Vec<[String; 6]> = vec![head];
    for c in columns {
        let status = match c.status {
            Status::Fresh => t!("✓ 按时更新", "✓ fresh"),
            Status::Stale { days } => {
                t!(format!("✗ 超期 {days} 天"), format!("✗ {days} days late"))
            }
            Status::Empty => t!("✗ 空白栏目", "✗ empty"),
            Status::Unlimited => t!("· 未设时限", "· no limit"),
        };
        rows.push([
            status,
            c.title.clone(),
            format!("content/{}", c.dir),
            c.pages.to_string(),
            c.newest.map_or_else(|| "—".into(), |d| d.to_string()),
            c.limit.map_or_else(|| "—".into(), |l| l.label()),
        ]);
    }
    let width = |s: &str| -> usize {
        s.chars()
            .map(|c| {
                if (c as u32) >= 0x1100 && c != '✓' && c != '✗' {
                    2
                } else {
                    1
                }
            })
            .sum()
    };
    let widths: Vec<usize> = (0..6)
        .map(|i| rows.iter().map(|r| width(&r[i])).max().unwrap_or(0))
        .collect();
    let mut out = t!("栏目更新情况\n", "Columns\n");
    for row in &rows {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(cell, w)| format!("{cell}{}", " ".repeat(w - width(cell))))
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out
}
