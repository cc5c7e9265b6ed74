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
