//! Turning repaired scopes back into events.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event};

use super::Spanned;
use super::scope::{Delim, Item, Role, Scope};

/// Writes events, merging adjacent literal source text into one text event.
struct Emitter<'e, 'a> {
    events: &'e [Spanned<'a>],
    source: &'a str,
    out: Vec<Spanned<'a>>,
    pending_text: Option<Range<usize>>,
}

impl<'a> Emitter<'_, 'a> {
    fn literal(&mut self, range: Range<usize>) {
        match &mut self.pending_text {
            Some(pending) if pending.end == range.start => pending.end = range.end,
            _ => {
                self.flush();
                self.pending_text = Some(range);
            }
        }
    }

    fn flush(&mut self) {
        if let Some(range) = self.pending_text.take() {
            let text = CowStr::Borrowed(&self.source[range.clone()]);
            self.out.push((Event::Text(text), range));
        }
    }

    fn push(&mut self, event: Event<'a>, range: Range<usize>) {
        self.flush();
        self.out.push((event, range));
    }

    fn original(&mut self, index: Option<usize>) {
        if let Some((event, range)) = index.map(|index| self.events[index].clone()) {
            self.push(event, range);
        }
    }

    fn delim(&mut self, delim: &Delim) {
        match &delim.role {
            Role::Literal => self.literal(delim.pos..delim.pos + 1),
            Role::Open(kind, span) => self.push(kind.start_event(), span.clone()),
            Role::Close(kind, span) => self.push(kind.end_event(), span.clone()),
            Role::Covered => {}
        }
    }
}

/// Serialises the scope tree (root first) back into events, iteratively so
/// that deeply nested input cannot exhaust the stack.
pub(super) fn emit<'a>(
    scopes: &[Scope],
    events: &[Spanned<'a>],
    source: &'a str,
) -> Vec<Spanned<'a>> {
    let out = Vec::with_capacity(events.len() + 8);
    let mut emitter = Emitter {
        events,
        source,
        out,
        pending_text: None,
    };
    let mut stack = vec![(0, 0)];
    while let Some((scope_index, item_index)) = stack.pop() {
        let scope = &scopes[scope_index];
        let Some(item) = scope.items.get(item_index) else {
            emitter.original(scope.close);
            continue;
        };
        stack.push((scope_index, item_index + 1));
        match item {
            Item::Event(index) => emitter.original(Some(*index)),
            Item::Literal(range) => emitter.literal(range.clone()),
            Item::Delim(delim) => emitter.delim(delim),
            Item::Nested(child) => {
                emitter.original(scopes[*child].open);
                stack.push((*child, 0));
            }
        }
    }
    emitter.flush();
    emitter.out
}
