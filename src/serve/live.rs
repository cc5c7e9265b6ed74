//! Live reload: a Server-Sent Events stream that tells open pages to reload
//! after a rebuild, or to show the build's errors over the page.

use std::sync::{Arc, RwLock};

use serde::Serialize;
use tokio::sync::broadcast;

use crate::diagnostic::{Diagnostic, Severity};

/// The script every served HTML page gets before `</body>`.
pub const SCRIPT: &str = include_str!("live.js");
pub const SCRIPT_PATH: &str = "/__gazette/live.js";
pub const EVENTS_PATH: &str = "/__gazette/events";

#[derive(Debug, Clone)]
pub enum Event {
    /// A rebuild changed the site; `generation` names the new build.
    Reload {
        generation: u64,
    },
    Errors(Arc<str>),
    Ok,
}

/// What a page that connects now should be told first.
#[derive(Debug, Default)]
pub struct Status {
    pub generation: u64,
    /// JSON of the last build's errors; `None` when it succeeded.
    pub errors: Option<Arc<str>>,
}

pub struct Hub {
    pub sender: broadcast::Sender<Event>,
    pub status: RwLock<Status>,
}

impl Hub {
    pub fn new() -> Hub {
        Hub {
            sender: broadcast::channel(64).0,
            status: RwLock::new(Status::default()),
        }
    }

    /// After a good rebuild that changed something.
    pub fn reloaded(&self) {
        let generation = {
            let mut s = self.status.write().expect("status lock");
            s.generation += 1;
            s.errors = None;
            s.generation
        };
        let _ = self.sender.send(Event::Ok);
        let _ = self.sender.send(Event::Reload { generation });
    }

    /// After a good rebuild that changed nothing visible: clear any overlay.
    pub fn clean(&self) {
        let had_errors = self.status.write().expect("status lock").errors.take();
        if had_errors.is_some() {
            let _ = self.sender.send(Event::Ok);
        }
    }

    pub fn failed(&self, diagnostics: &[Diagnostic]) {
        let json: Arc<str> = Arc::from(errors_json(diagnostics));
        self.status.write().expect("status lock").errors = Some(json.clone());
        let _ = self.sender.send(Event::Errors(json));
    }
}

impl Default for Hub {
    fn default() -> Self {
        Hub::new()
    }
}

#[derive(Serialize)]
struct Problem<'a> {
    file: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    message: &'a str,
    hint: Option<&'a str>,
}

fn errors_json(diagnostics: &[Diagnostic]) -> String {
    let list: Vec<Problem<'_>> = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| Problem {
            file: d.file.as_ref().map(|f| f.display().to_string()),
            line: d.location.map(|l| l.line),
            column: d.location.map(|l| l.column),
            message: &d.message,
            hint: d.hint.as_deref(),
        })
        .collect();
    serde_json::to_string(&list).unwrap_or_else(|_| "[]".into())
}

/// Puts the live script into an HTML page, before its last `</body>`. The
/// page carries the build it came from, so a page loaded just before a
/// rebuild still reloads when its event stream connects.
pub fn inject(html: &[u8], generation: u64) -> Vec<u8> {
    let tag = format!("<script src=\"{SCRIPT_PATH}\" data-generation=\"{generation}\"></script>");
    let at = memchr::memmem::rfind(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_goes_before_the_last_body_end() {
        let out = inject(b"<html><body><p>x</p></body></html>", 7);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "<html><body><p>x</p><script src=\"/__gazette/live.js\" data-generation=\"7\"></script></body></html>"
        );
    }
}
