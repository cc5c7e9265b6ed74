//! CJK-friendly emphasis for pulldown-cmark event streams.
//!
//! # Why this module exists
//!
//! CommonMark decides whether a `*`/`_` delimiter run may open or close
//! emphasis with the "flanking" rules, which look at the characters on both
//! sides of the run. Those rules assume that words are separated by spaces, so
//! punctuation glued to a delimiter blocks it: in `**重要提示：**请于3月5日前报送`
//! the closing `**` is preceded by the punctuation `：` and followed by a
//! letter, which makes it *not* right-flanking, and pulldown-cmark prints the
//! asterisks literally. Chinese, Japanese and Korean text has no spaces
//! between words, so this bites constantly.
//!
//! This module implements the "CJK-friendly amendments" proposed for
//! CommonMark (<https://github.com/tats-u/markdown-cjk-friendly>, see its
//! `specification.md`): a *non-CJK* punctuation character still blocks
//! flanking as before, but CJK punctuation (`：，。「」（）《》` …) behaves
//! like a letter, and non-CJK punctuation may touch a delimiter when a CJK
//! character sits on the other side. Text without CJK characters is
//! classified exactly as by CommonMark.
//!
//! # How
//!
//! pulldown-cmark offers no hook into its delimiter algorithm, so [`repair`]
//! post-processes the parsed events. Inline content is cut into *scopes*: the
//! inline part of one block (paragraph, heading, table cell, tight list item,
//! …) and, inside it, the content of every link, image, strikethrough,
//! superscript and subscript, which stay fixed. Within a scope, the
//! emphasis that pulldown-cmark already produced is turned back into delimiter
//! runs (its source range tells where the delimiters are) and joined with the
//! unmatched `*`/`_` left in text events. Only when some run gains an
//! opening or closing ability under the CJK-friendly rules is the scope
//! re-paired, with the CommonMark "process emphasis" algorithm; every other
//! scope keeps pulldown-cmark's result. A document that is pure ASCII, or has
//! neither emphasis nor a literal `*`/`_`, is returned at once.

mod chars;
mod delim_runs;
mod emit;
mod flanking;
mod inline_runs;
mod pairing;
mod scope;
#[cfg(test)]
mod tests;

use std::ops::Range;

use pulldown_cmark::{Event, Tag};

use emit::emit;
use inline_runs::inline_runs;
use pairing::repair_scope;
use scope::build_scopes;

/// An event together with its byte range in the source.
type Spanned<'a> = (Event<'a>, Range<usize>);

/// Re-pairs emphasis delimiters that CommonMark left as literal text because
/// CJK punctuation sat next to them. Input: the events of one document as
/// produced by `Parser::new_ext(source, opts).into_offset_iter()`, plus the source.
///
/// Returns `events` itself, without copying, when nothing needs repair; this
/// is decided after one cheap scan for pure-ASCII sources and for documents
/// with neither emphasis nor a literal `*`/`_`.
pub fn repair<'a>(
    events: Vec<(Event<'a>, Range<usize>)>,
    source: &'a str,
) -> Vec<(Event<'a>, Range<usize>)> {
    // Only characters outside ASCII are classified differently by the
    // CJK-friendly rules, and only delimiters can be re-paired.
    if source.is_ascii() || !events.iter().any(|(event, _)| involves_delimiters(event)) {
        return events;
    }
    let patches: Vec<(Range<usize>, Vec<Spanned<'a>>)> = inline_runs(&events)
        .into_iter()
        .filter_map(|run| repair_run(&events[run.clone()], source).map(|fixed| (run, fixed)))
        .collect();
    if patches.is_empty() {
        return events;
    }
    apply_patches(events, patches)
}

/// Whether `event` is text containing a `*` or `_`, or starts emphasis (which
/// CommonMark may have paired differently than the CJK-friendly rules).
fn involves_delimiters(event: &Event<'_>) -> bool {
    match event {
        // A byte search: `*` and `_` are ASCII, and `contains` with a set of
        // chars decodes every character (a twentieth of a build's
        // instructions on Chinese text).
        Event::Text(text) => memchr::memchr2(b'*', b'_', text.as_bytes()).is_some(),
        Event::Start(tag) => matches!(tag, Tag::Emphasis | Tag::Strong),
        _ => false,
    }
}

/// Replaces each patched index range of `events` with its new events.
fn apply_patches<'a>(
    events: Vec<Spanned<'a>>,
    patches: Vec<(Range<usize>, Vec<Spanned<'a>>)>,
) -> Vec<Spanned<'a>> {
    let extra: usize = patches.iter().map(|(_, fixed)| fixed.len()).sum();
    let mut out = Vec::with_capacity(events.len() + extra);
    let mut events = events.into_iter();
    let mut consumed = 0;
    for (run, fixed) in patches {
        out.extend(events.by_ref().take(run.start - consumed));
        events.by_ref().take(run.len()).for_each(drop);
        out.extend(fixed);
        consumed = run.end;
    }
    out.extend(events);
    out
}

/// Repairs the events of one inline run; `None` when nothing changes.
fn repair_run<'a>(events: &[Spanned<'a>], source: &'a str) -> Option<Vec<Spanned<'a>>> {
    let mut scopes = build_scopes(events, source)?;
    let mut changed = false;
    for scope in &mut scopes {
        changed |= repair_scope(scope, events, source);
    }
    changed.then(|| emit(&scopes, events, source))
}
