//! One diagnostic type for every stage. A stage records problems and goes on
//! where it safely can, so a build reports all its errors at once.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How bad a problem is. Errors fail the build; warnings are printed only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
    /// Information a report must show, such as a waived finding.
    Note,
}

/// A place in a source file: 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

impl Location {
    /// Line and column of a byte offset in `text`.
    pub fn of_offset(text: &str, offset: usize) -> Location {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        Location { line, column }
    }

    /// Byte offset of this location in `text` (clamped to the text).
    pub fn to_offset(self, text: &str) -> usize {
        let mut offset = 0;
        for (i, line) in text.split_inclusive('\n').enumerate() {
            if i + 1 == self.line {
                let col = line
                    .char_indices()
                    .nth(self.column.saturating_sub(1))
                    .map_or(line.trim_end_matches('\n').len(), |(b, _)| b);
                return offset + col;
            }
            offset += line.len();
        }
        text.len()
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// One problem found by a build: where, what, and how to fix it.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the site root where possible, as the user knows it.
    pub file: Option<PathBuf>,
    pub location: Option<Location>,
    pub message: String,
    pub hint: Option<String>,
    /// Which rule found it (`personal-data`, `publishing`, …), for reports
    /// and `check --format json`; `None` for content and syntax errors.
    pub rule: Option<&'static str>,
    /// The file's text, for a snippet around the location.
    pub source: Option<Arc<str>>,
}

impl Diagnostic {
    /// A TOML syntax or type error, at the place in `text` it names (line 1
    /// when it names none), with `text` for the snippet. Callers add the
    /// file and a hint.
    pub fn from_toml(e: &toml::de::Error, text: &Arc<str>) -> Diagnostic {
        let location = e
            .span()
            .map(|s| Location::of_offset(text, s.start))
            .unwrap_or(Location { line: 1, column: 1 });
        Diagnostic::error(e.message().trim().to_string())
            .at(location)
            .with_source(text.clone())
    }

    pub fn error(message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            file: None,
            location: None,
            message: message.into(),
            hint: None,
            rule: None,
            source: None,
        }
    }

    pub fn warning(message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message)
        }
    }

    pub fn note(message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Note,
            ..Diagnostic::error(message)
        }
    }

    pub fn in_file(mut self, file: impl AsRef<Path>) -> Diagnostic {
        self.file = Some(file.as_ref().to_path_buf());
        self
    }

    pub fn at(mut self, location: Location) -> Diagnostic {
        self.location = Some(location);
        self
    }

    pub fn at_line(self, line: usize) -> Diagnostic {
        self.at(Location { line, column: 1 })
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }

    pub fn rule(mut self, rule: &'static str) -> Diagnostic {
        self.rule = Some(rule);
        self
    }

    pub fn with_source(mut self, source: Arc<str>) -> Diagnostic {
        self.source = Some(source);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Sort key that keeps output stable whatever the thread schedule.
    fn sort_key(&self) -> (Option<&PathBuf>, Option<Location>, &str) {
        (self.file.as_ref(), self.location, &self.message)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match (self.severity, crate::lang::english()) {
            (Severity::Error, false) => "错误",
            (Severity::Error, true) => "error",
            (Severity::Warning, false) => "警告",
            (Severity::Warning, true) => "warning",
            (Severity::Note, false) => "说明",
            (Severity::Note, true) => "note",
        };
        write!(f, "{label}")?;
        if let Some(file) = &self.file {
            write!(f, ": {}", file.display())?;
            if let Some(loc) = self.location {
                write!(f, ":{}:{}", loc.line, loc.column)?;
            }
        }
        write!(f, ": {}", self.message)
    }
}

/// Everything a build found, in a stable order.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(ds);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Errors first, then by file and position.
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.items
            .sort_by(|a, b| (a.severity, a.sort_key()).cmp(&(b.severity, b.sort_key())));
        self.items
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_round_trip_through_locations() {
        let text = "第一行\n第二行 abc\n";
        let off = text.find("abc").unwrap();
        let loc = Location::of_offset(text, off);
        assert_eq!(loc, Location { line: 2, column: 5 });
        assert_eq!(loc.to_offset(text), off);
    }
}
