//! Scopes: inline content between fixed boundaries, emphasis turned back into delimiters.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::Spanned;

/// Emphasis flavour produced by a pair of delimiters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Emphasis,
    Strong,
}

impl Kind {
    pub(super) fn start_event(self) -> Event<'static> {
        Event::Start(match self {
            Kind::Emphasis => Tag::Emphasis,
            Kind::Strong => Tag::Strong,
        })
    }

    pub(super) fn end_event(self) -> Event<'static> {
        Event::End(match self {
            Kind::Emphasis => TagEnd::Emphasis,
            Kind::Strong => TagEnd::Strong,
        })
    }
}

/// What one delimiter character turns into. An opening or closing pair
/// carries the source range of the whole emphasis; the other characters of
/// a `**` pair are `Covered`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Role {
    Literal,
    Open(Kind, Range<usize>),
    Close(Kind, Range<usize>),
    Covered,
}

/// One `*` or `_` character at byte `pos` of the source.
#[derive(Clone, Debug)]
pub(super) struct Delim {
    pub(super) byte: u8,
    pub(super) pos: usize,
    pub(super) role: Role,
}

/// A piece of a scope's content.
#[derive(Clone, Debug)]
pub(super) enum Item {
    /// An original event, passed through unchanged (by index).
    Event(usize),
    /// Literal source text that was cut out of a text event.
    Literal(Range<usize>),
    Delim(Delim),
    /// A nested scope (by index), e.g. a link.
    Nested(usize),
}

/// The content of one inline container, link, image, strikethrough,
/// superscript or subscript. Emphasis is flattened into delimiters.
#[derive(Debug, Default)]
pub(super) struct Scope {
    /// Indices of the events opening and closing the scope (none for the root).
    pub(super) open: Option<usize>,
    pub(super) close: Option<usize>,
    /// Autolinks and their descendants: text is never scanned for delimiters.
    opaque: bool,
    pub(super) items: Vec<Item>,
}

impl Scope {
    pub(super) fn is_root(&self) -> bool {
        self.open.is_none()
    }

    /// Appends `width` delimiter characters starting at `start`, the first
    /// one with `role`. Fails when the source does not hold a delimiter run
    /// there, i.e. when the events do not come from this source.
    fn push_delims(&mut self, source: &str, start: usize, width: usize, role: Role) -> Option<()> {
        let bytes = source.as_bytes().get(start..start + width)?;
        let byte = bytes[0];
        if !matches!(byte, b'*' | b'_') || bytes.iter().any(|&other| other != byte) {
            return None;
        }
        let roles = std::iter::once(role).chain(std::iter::repeat(Role::Covered));
        for (pos, role) in (start..start + width).zip(roles) {
            self.items.push(Item::Delim(Delim { byte, pos, role }));
        }
        Some(())
    }

    /// Appends a text event, cut into literal text and the unescaped `*`/`_`
    /// it contains. Text that differs from its source slice (entities) and
    /// text without delimiters stays a single opaque event.
    fn push_text(&mut self, index: usize, text: &str, range: &Range<usize>, source: &str) {
        if self.opaque || source.get(range.clone()) != Some(text) {
            self.items.push(Item::Event(index));
            return;
        }
        let first_item = self.items.len();
        let mut literal_start = range.start;
        for (offset, byte) in text.bytes().enumerate() {
            let pos = range.start + offset;
            if !matches!(byte, b'*' | b'_') || is_escaped(source, pos) {
                continue;
            }
            if literal_start < pos {
                self.items.push(Item::Literal(literal_start..pos));
            }
            let role = Role::Literal;
            self.items.push(Item::Delim(Delim { byte, pos, role }));
            literal_start = pos + 1;
        }
        if self.items.len() == first_item {
            self.items.push(Item::Event(index));
        } else if literal_start < range.end {
            self.items.push(Item::Literal(literal_start..range.end));
        }
    }

    /// Whether the item at `index` is a line break (so the next line starts).
    pub(super) fn is_break(&self, index: usize, events: &[Spanned<'_>]) -> bool {
        let Some(Item::Event(event)) = self.items.get(index) else {
            return false;
        };
        matches!(events[*event].0, Event::SoftBreak | Event::HardBreak)
    }
}

/// Whether the byte at `pos` is escaped by an odd number of backslashes.
fn is_escaped(source: &str, pos: usize) -> bool {
    let backslashes = source.as_bytes()[..pos]
        .iter()
        .rev()
        .take_while(|&&byte| byte == b'\\');
    backslashes.count() % 2 == 1
}

/// Cuts the events of one inline run into scopes; index 0 is the root.
/// Returns `None` when the events are not consistent with `source`.
pub(super) fn build_scopes(events: &[Spanned<'_>], source: &str) -> Option<Vec<Scope>> {
    let mut scopes = vec![Scope::default()];
    let mut stack = vec![0];
    for (index, (event, range)) in events.iter().enumerate() {
        let current = *stack.last()?;
        let child = scopes.len();
        let scope = &mut scopes[current];
        if let Some((start, width, role)) = emphasis_delims(event, range) {
            scope.push_delims(source, start, width, role)?;
            continue;
        }
        match event {
            Event::Start(tag) => {
                let opaque = scope.opaque || is_autolink(tag);
                scope.items.push(Item::Nested(child));
                stack.push(child);
                scopes.push(Scope {
                    open: Some(index),
                    opaque,
                    ..Scope::default()
                });
            }
            Event::End(_) if current == 0 => return None,
            Event::End(_) => {
                scope.close = Some(index);
                stack.pop();
            }
            Event::Text(text) => scope.push_text(index, text, range, source),
            _ => scope.items.push(Item::Event(index)),
        }
    }
    (stack.len() == 1).then_some(scopes)
}

/// For an emphasis event: where its delimiters start, how many there are,
/// and the role of the first one.
fn emphasis_delims(event: &Event<'_>, range: &Range<usize>) -> Option<(usize, usize, Role)> {
    let (kind, width) = match event {
        Event::Start(Tag::Emphasis) | Event::End(TagEnd::Emphasis) => (Kind::Emphasis, 1),
        Event::Start(Tag::Strong) | Event::End(TagEnd::Strong) => (Kind::Strong, 2),
        _ => return None,
    };
    let span = range.clone();
    Some(if matches!(event, Event::Start(_)) {
        (range.start, width, Role::Open(kind, span))
    } else {
        (
            range.end.saturating_sub(width),
            width,
            Role::Close(kind, span),
        )
    })
}

/// Autolinks (`<https://…>`, `<me@example.com>`) show their URL as text.
fn is_autolink(tag: &Tag<'_>) -> bool {
    use pulldown_cmark::LinkType;
    matches!(
        tag,
        Tag::Link {
            link_type: LinkType::Autolink | LinkType::Email,
            ..
        }
    )
}
