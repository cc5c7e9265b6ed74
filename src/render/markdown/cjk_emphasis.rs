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

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

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
        Event::Text(text) => text.contains(['*', '_']),
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

// ---------------------------------------------------------------------------
// Splitting the document into inline runs
// ---------------------------------------------------------------------------

/// Index ranges of maximal sequences of inline events that sit directly in a
/// block hosting inline content, keeping only those involving delimiters.
fn inline_runs(events: &[Spanned<'_>]) -> Vec<Range<usize>> {
    let mut runs = Vec::new();
    let mut hosts: Vec<bool> = Vec::new();
    let mut run_start: Option<usize> = None;
    for (index, (event, _)) in events.iter().enumerate() {
        if hosts.last() == Some(&true) && is_inline_event(event) {
            run_start.get_or_insert(index);
            continue;
        }
        if let Some(start) = run_start.take() {
            runs.push(start..index);
        }
        match event {
            Event::Start(tag) if !is_inline_tag(tag) => hosts.push(hosts_inlines(tag)),
            Event::End(tag) if !is_inline_tag_end(*tag) => {
                hosts.pop();
            }
            _ => {}
        }
    }
    if let Some(start) = run_start {
        runs.push(start..events.len());
    }
    runs.retain(|run| {
        events[run.clone()]
            .iter()
            .any(|(event, _)| involves_delimiters(event))
    });
    runs
}

/// Whether the block `tag` directly contains inline content.
fn hosts_inlines(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::TableCell
            | Tag::Item
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
    )
}

fn is_inline_tag(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

fn is_inline_tag_end(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

fn is_inline_event(event: &Event<'_>) -> bool {
    match event {
        Event::Start(tag) => is_inline_tag(tag),
        Event::End(tag) => is_inline_tag_end(*tag),
        Event::Text(_)
        | Event::Code(_)
        | Event::InlineMath(_)
        | Event::DisplayMath(_)
        | Event::InlineHtml(_)
        | Event::FootnoteReference(_)
        | Event::SoftBreak
        | Event::HardBreak
        | Event::TaskListMarker(_) => true,
        Event::Html(_) | Event::Rule => false,
    }
}

// ---------------------------------------------------------------------------
// Scopes: the inline content between fixed boundaries
// ---------------------------------------------------------------------------

/// Emphasis flavour produced by a pair of delimiters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Emphasis,
    Strong,
}

impl Kind {
    fn start_event(self) -> Event<'static> {
        Event::Start(match self {
            Kind::Emphasis => Tag::Emphasis,
            Kind::Strong => Tag::Strong,
        })
    }

    fn end_event(self) -> Event<'static> {
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
enum Role {
    Literal,
    Open(Kind, Range<usize>),
    Close(Kind, Range<usize>),
    Covered,
}

/// One `*` or `_` character at byte `pos` of the source.
#[derive(Clone, Debug)]
struct Delim {
    byte: u8,
    pos: usize,
    role: Role,
}

/// A piece of a scope's content.
#[derive(Clone, Debug)]
enum Item {
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
struct Scope {
    /// Indices of the events opening and closing the scope (none for the root).
    open: Option<usize>,
    close: Option<usize>,
    /// Autolinks and their descendants: text is never scanned for delimiters.
    opaque: bool,
    items: Vec<Item>,
}

impl Scope {
    fn is_root(&self) -> bool {
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
    fn is_break(&self, index: usize, events: &[Spanned<'_>]) -> bool {
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
fn build_scopes(events: &[Spanned<'_>], source: &str) -> Option<Vec<Scope>> {
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

// ---------------------------------------------------------------------------
// Delimiter runs and the flanking rules
// ---------------------------------------------------------------------------

/// What may a delimiter run do.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Abilities {
    open: bool,
    close: bool,
}

impl Abilities {
    /// Applies the intraword restriction of `_` to flanking.
    fn from_flanking(
        byte: u8,
        left: bool,
        right: bool,
        prev_punct: bool,
        next_punct: bool,
    ) -> Self {
        if byte == b'*' {
            return Abilities {
                open: left,
                close: right,
            };
        }
        Abilities {
            open: left && (!right || prev_punct),
            close: right && (!left || next_punct),
        }
    }
}

/// A maximal run of equal delimiter characters, i.e. consecutive `Delim`
/// items of one scope at consecutive source positions.
#[derive(Debug, Default)]
struct DelimRun {
    /// Index of the run's first item in its scope.
    first: usize,
    /// Source position of the first character.
    pos: usize,
    len: usize,
    byte: u8,
    /// Abilities under plain CommonMark and under the CJK-friendly rules.
    commonmark: Abilities,
    cjk: Abilities,
    /// Characters already paired from the left (as closer) and the right
    /// (as opener) end of the run.
    taken_left: usize,
    taken_right: usize,
}

impl DelimRun {
    fn remaining(&self) -> usize {
        self.len - self.taken_left - self.taken_right
    }

    /// Takes `width` characters from the inner (right) end of an opener;
    /// returns the item index and source position of the first one.
    fn take_as_opener(&mut self, width: usize) -> (usize, usize) {
        self.taken_right += width;
        self.locate(self.len - self.taken_right)
    }

    /// Takes `width` characters from the inner (left) end of a closer.
    fn take_as_closer(&mut self, width: usize) -> (usize, usize) {
        let offset = self.taken_left;
        self.taken_left += width;
        self.locate(offset)
    }

    /// Item index and source position of the character at `offset`.
    fn locate(&self, offset: usize) -> (usize, usize) {
        (self.first + offset, self.pos + offset)
    }

    /// Leaves the unpaired characters literal.
    fn exhaust(&mut self) {
        self.taken_left = self.len - self.taken_right;
    }
}

/// Groups the delimiters of `scope` into runs and classifies each run.
fn collect_runs(scope: &Scope, events: &[Spanned<'_>], source: &str) -> Vec<DelimRun> {
    let mut runs: Vec<DelimRun> = Vec::new();
    for (index, item) in scope.items.iter().enumerate() {
        let Item::Delim(delim) = item else { continue };
        match runs.last_mut() {
            Some(run)
                if run.first + run.len == index
                    && run.byte == delim.byte
                    && run.pos + run.len == delim.pos =>
            {
                run.len += 1;
            }
            _ => runs.push(DelimRun {
                first: index,
                pos: delim.pos,
                len: 1,
                byte: delim.byte,
                ..DelimRun::default()
            }),
        }
    }
    for run in &mut runs {
        classify(run, scope, events, source);
    }
    runs
}

/// Fills in the abilities of `run` from the characters around it.
fn classify(run: &mut DelimRun, scope: &Scope, events: &[Spanned<'_>], source: &str) {
    let after_last = run.first + run.len;
    // The start and end of a block (and of a table cell) count as whitespace,
    // as does the start of every line; pulldown-cmark sees the same.
    let at_line_start = match run.first.checked_sub(1) {
        None => scope.is_root(),
        Some(before_first) => scope.is_break(before_first, events),
    };
    let at_line_end = after_last == scope.items.len() && scope.is_root();
    let prev = if at_line_start {
        Side::WHITESPACE
    } else {
        prev_side(source, run.pos)
    };
    let next = if at_line_end {
        Side::WHITESPACE
    } else {
        next_side(source, run.pos + run.len)
    };
    run.commonmark = commonmark_abilities(run.byte, prev, next);
    run.cjk = cjk_abilities(run.byte, prev, next);
}

/// CommonMark 0.31 flanking, looking at single characters.
fn commonmark_abilities(byte: u8, prev: Side, next: Side) -> Abilities {
    use CharClass::Whitespace;
    let (before, after) = (prev.single, next.single);
    let left =
        after != Whitespace && (!after.is_punct() || before == Whitespace || before.is_punct());
    let right =
        before != Whitespace && (!before.is_punct() || after == Whitespace || after.is_punct());
    Abilities::from_flanking(byte, left, right, before.is_punct(), after.is_punct())
}

/// Flanking as amended by the CJK-friendly proposal: only *non-CJK*
/// punctuation blocks a delimiter, and even that not when a CJK character
/// (or a variation selector after one) is on the other side.
fn cjk_abilities(byte: u8, prev: Side, next: Side) -> Abilities {
    use CharClass::{CjkLetter, CjkPunct, IdeographicSelector, NonCjkPunct, Whitespace};
    let (before, after) = (prev.sequence, next.sequence);
    let left = after != Whitespace
        && (after != NonCjkPunct
            || matches!(
                before,
                Whitespace | NonCjkPunct | CjkPunct | CjkLetter | IdeographicSelector
            ));
    let right = before != Whitespace
        && (before != NonCjkPunct
            || matches!(after, Whitespace | NonCjkPunct | CjkPunct | CjkLetter));
    Abilities::from_flanking(byte, left, right, before.is_punct(), next.single.is_punct())
}

// ---------------------------------------------------------------------------
// Character classes
// ---------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CharClass {
    Whitespace,
    /// Unicode punctuation (general category P or S) that is not CJK.
    NonCjkPunct,
    /// CJK punctuation such as `：，。「」（）《》`.
    CjkPunct,
    /// Any other CJK character: Han, kana, Hangul, full-width letters…
    CjkLetter,
    /// U+E0100..U+E01EF, which selects a glyph variant of an ideograph.
    IdeographicSelector,
    Other,
}

impl CharClass {
    fn of(c: char) -> Self {
        if c.is_whitespace() {
            return CharClass::Whitespace;
        }
        if ('\u{E0100}'..='\u{E01EF}').contains(&c) {
            return CharClass::IdeographicSelector;
        }
        match (is_cjk(c), is_punctuation(c)) {
            (true, true) => CharClass::CjkPunct,
            (true, false) => CharClass::CjkLetter,
            (false, true) => CharClass::NonCjkPunct,
            (false, false) => CharClass::Other,
        }
    }

    fn is_punct(self) -> bool {
        matches!(self, CharClass::NonCjkPunct | CharClass::CjkPunct)
    }
}

/// The character next to a delimiter run, seen two ways: `single` is the
/// class of that one character (CommonMark), `sequence` also accounts for
/// variation selectors (CJK-friendly proposal).
#[derive(Clone, Copy, Debug)]
struct Side {
    single: CharClass,
    sequence: CharClass,
}

impl Side {
    const WHITESPACE: Side = Side::uniform(CharClass::Whitespace);

    const fn uniform(class: CharClass) -> Self {
        Side {
            single: class,
            sequence: class,
        }
    }
}

/// Classifies what precedes byte `pos`: a character, or a character plus a
/// general-use variation selector (U+FE00..U+FE0E), which takes the class
/// of its base.
fn prev_side(source: &str, pos: usize) -> Side {
    let mut chars = source[..pos].chars().rev();
    let Some(last) = chars.next() else {
        return Side::WHITESPACE;
    };
    let single = CharClass::of(last);
    let sequence = match chars.next() {
        Some(base) if ('\u{FE00}'..='\u{FE0E}').contains(&last) => selected_class(base, last),
        _ => single,
    };
    Side { single, sequence }
}

/// Classifies what follows byte `end` (which ends a delimiter run).
fn next_side(source: &str, end: usize) -> Side {
    let mut chars = source[end..].chars();
    let Some(first) = chars.next() else {
        return Side::WHITESPACE;
    };
    let single = CharClass::of(first);
    let sequence = if is_ambiguous_quote(first) && chars.next() == Some('\u{FE01}') {
        CharClass::CjkPunct
    } else {
        single
    };
    Side { single, sequence }
}

/// Class of `base` followed by the variation selector `selector`.
fn selected_class(base: char, selector: char) -> CharClass {
    if selector == '\u{FE01}' && is_ambiguous_quote(base) {
        // `“︁` is the full-width (CJK) presentation of the quotation mark.
        return CharClass::CjkPunct;
    }
    match CharClass::of(base) {
        class @ (CharClass::NonCjkPunct | CharClass::CjkPunct | CharClass::CjkLetter) => class,
        _ => CharClass::Other,
    }
}

/// Quotation marks whose width is ambiguous; U+FE01 makes them CJK.
fn is_ambiguous_quote(c: char) -> bool {
    matches!(c, '\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}')
}

// ---------------------------------------------------------------------------
// Re-pairing: CommonMark's "process emphasis" on one scope
// ---------------------------------------------------------------------------

/// Repairs the events of one inline run; `None` when nothing changes.
fn repair_run<'a>(events: &[Spanned<'a>], source: &'a str) -> Option<Vec<Spanned<'a>>> {
    let mut scopes = build_scopes(events, source)?;
    let mut changed = false;
    for scope in &mut scopes {
        changed |= repair_scope(scope, events, source);
    }
    changed.then(|| emit(&scopes, events, source))
}

/// Re-pairs the delimiters of `scope` if the CJK-friendly rules give any run
/// an ability CommonMark denied; otherwise keeps pulldown-cmark's pairing.
fn repair_scope(scope: &mut Scope, events: &[Spanned<'_>], source: &str) -> bool {
    let mut runs = collect_runs(scope, events, source);
    if runs.iter().all(|run| run.commonmark == run.cjk) {
        return false;
    }
    for item in &mut scope.items {
        if let Item::Delim(delim) = item {
            delim.role = Role::Literal;
        }
    }
    Pairing::new(&mut runs, &mut scope.items).run();
    true
}

/// Lowest run index at which the opener search for a closer stops, per
/// delimiter character, closer's ability to open and closer length mod 3
/// (the `openers_bottom` of the CommonMark spec).
#[derive(Default)]
struct OpenersBottom([[[usize; 3]; 2]; 2]);

impl OpenersBottom {
    fn slot(&mut self, closer: &DelimRun) -> &mut usize {
        let by_char = &mut self.0[usize::from(closer.byte == b'_')];
        &mut by_char[usize::from(closer.cjk.open)][closer.len % 3]
    }
}

/// The spec's delimiter-stack algorithm over the runs of one scope, setting
/// the roles of the paired characters.
struct Pairing<'r> {
    runs: &'r mut [DelimRun],
    items: &'r mut [Item],
    /// The delimiter stack as links: `below[i]` is the nearest run under
    /// run `i` that is still on the stack.
    below: Vec<Option<usize>>,
    bottoms: OpenersBottom,
}

impl<'r> Pairing<'r> {
    fn new(runs: &'r mut [DelimRun], items: &'r mut [Item]) -> Self {
        let below = (0..runs.len()).map(|index| index.checked_sub(1)).collect();
        let bottoms = OpenersBottom::default();
        Pairing {
            runs,
            items,
            below,
            bottoms,
        }
    }

    fn run(mut self) {
        for closer in 0..self.runs.len() {
            if self.runs[closer].cjk.close {
                self.close(closer);
            }
            let run = &self.runs[closer];
            if (run.remaining() == 0 || !run.cjk.open) && closer + 1 < self.runs.len() {
                // Not a potential opener: take it off the stack.
                self.below[closer + 1] = self.below[closer];
            }
        }
    }

    /// Pairs `closer` with openers below it for as long as it can.
    fn close(&mut self, closer: usize) {
        while self.runs[closer].remaining() > 0 {
            let bottom = *self.bottoms.slot(&self.runs[closer]);
            let Some(opener) = self.find_opener(closer, bottom) else {
                *self.bottoms.slot(&self.runs[closer]) = closer;
                return;
            };
            self.drop_between(opener, closer);
            self.pair(opener, closer);
            if self.runs[opener].remaining() == 0 {
                self.below[closer] = self.below[opener];
            }
        }
    }

    /// The nearest run on the stack under `closer`, and not under `bottom`,
    /// that `closer` can close.
    fn find_opener(&self, closer: usize, bottom: usize) -> Option<usize> {
        let mut candidate = self.below[closer];
        while let Some(index) = candidate.filter(|&index| index >= bottom) {
            if can_pair(&self.runs[index], &self.runs[closer]) {
                return Some(index);
            }
            candidate = self.below[index];
        }
        None
    }

    /// Takes the runs between `opener` and `closer` off the stack; their
    /// unpaired characters stay literal.
    fn drop_between(&mut self, opener: usize, closer: usize) {
        let mut candidate = self.below[closer];
        while let Some(index) = candidate.filter(|&index| index > opener) {
            self.runs[index].exhaust();
            candidate = self.below[index];
        }
        self.below[closer] = Some(opener);
    }

    /// Pairs the inner ends of `opener` and `closer`.
    fn pair(&mut self, opener: usize, closer: usize) {
        let strong = self.runs[opener].remaining() >= 2 && self.runs[closer].remaining() >= 2;
        let (kind, width) = if strong {
            (Kind::Strong, 2)
        } else {
            (Kind::Emphasis, 1)
        };
        let (open_item, open_pos) = self.runs[opener].take_as_opener(width);
        let (close_item, close_pos) = self.runs[closer].take_as_closer(width);
        let span = open_pos..close_pos + width;
        self.assign(open_item, width, Role::Open(kind, span.clone()));
        self.assign(close_item, width, Role::Close(kind, span));
    }

    /// Gives the delimiter at item `first` the role and the `width - 1`
    /// following ones `Covered`.
    fn assign(&mut self, first: usize, width: usize, role: Role) {
        let roles = std::iter::once(role).chain(std::iter::repeat(Role::Covered));
        for (item, role) in self.items[first..first + width].iter_mut().zip(roles) {
            if let Item::Delim(delim) = item {
                delim.role = role;
            }
        }
    }
}

fn can_pair(opener: &DelimRun, closer: &DelimRun) -> bool {
    let either_both_ways = opener.cjk.close || closer.cjk.open;
    let total = opener.len + closer.len;
    let both_whole_threes = opener.len.is_multiple_of(3) && closer.len.is_multiple_of(3);
    // The "rule of three" that keeps `*foo**bar*` from pairing `*` with `**`.
    let rule_of_three = either_both_ways && total.is_multiple_of(3) && !both_whole_threes;
    opener.byte == closer.byte && opener.cjk.open && opener.remaining() > 0 && !rule_of_three
}

// ---------------------------------------------------------------------------
// Turning scopes back into events
// ---------------------------------------------------------------------------

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
fn emit<'a>(scopes: &[Scope], events: &[Spanned<'a>], source: &'a str) -> Vec<Spanned<'a>> {
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

// ---------------------------------------------------------------------------
// Unicode tables
// ---------------------------------------------------------------------------

/// Whether `c` is a CJK character as defined by the CJK-friendly proposal:
/// East Asian Width W, F or H (emoji excluded), or Hangul script.
fn is_cjk(c: char) -> bool {
    in_ranges(&CJK_RANGES, u32::from(c))
}

/// Whether `c` is a Unicode punctuation character in CommonMark's sense:
/// general category P (punctuation) or S (symbol).
fn is_punctuation(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_punctuation();
    }
    in_ranges(&NON_ASCII_PUNCTUATION_RANGES, u32::from(c))
}

/// Membership in a sorted list of inclusive `start, end` code point pairs.
fn in_ranges(bounds: &[u32], code_point: u32) -> bool {
    let below = bounds.partition_point(|&bound| bound < code_point);
    below % 2 == 1 || bounds.get(below) == Some(&code_point)
}

/// Inclusive `start, end` pairs of CJK characters (Unicode 16), from the
/// proposal's `ranges.md`.
const CJK_RANGES: [u32; 120] = [
    0x1100, 0x11FF, 0x20A9, 0x20A9, 0x2329, 0x232A, 0x2630, 0x2637, 0x268A, 0x268F, 0x2E80, 0x2E99,
    0x2E9B, 0x2EF3, 0x2F00, 0x2FD5, 0x2FF0, 0x303E, 0x3041, 0x3096, 0x3099, 0x30FF, 0x3105, 0x312F,
    0x3131, 0x318E, 0x3190, 0x31E5, 0x31EF, 0x321E, 0x3220, 0x3247, 0x3250, 0xA48C, 0xA490, 0xA4C6,
    0xA960, 0xA97C, 0xAC00, 0xD7A3, 0xD7B0, 0xD7C6, 0xD7CB, 0xD7FB, 0xF900, 0xFAFF, 0xFE10, 0xFE19,
    0xFE30, 0xFE52, 0xFE54, 0xFE66, 0xFE68, 0xFE6B, 0xFF01, 0xFFBE, 0xFFC2, 0xFFC7, 0xFFCA, 0xFFCF,
    0xFFD2, 0xFFD7, 0xFFDA, 0xFFDC, 0xFFE0, 0xFFE6, 0xFFE8, 0xFFEE, 0x16FE0, 0x16FE4, 0x16FF0,
    0x16FF6, 0x17000, 0x18CD5, 0x18CFF, 0x18D1E, 0x18D80, 0x18DF2, 0x1AFF0, 0x1AFF3, 0x1AFF5,
    0x1AFFB, 0x1AFFD, 0x1AFFE, 0x1B000, 0x1B122, 0x1B132, 0x1B132, 0x1B150, 0x1B152, 0x1B155,
    0x1B155, 0x1B164, 0x1B167, 0x1B170, 0x1B2FB, 0x1D300, 0x1D356, 0x1D360, 0x1D376, 0x1F200,
    0x1F200, 0x1F202, 0x1F202, 0x1F210, 0x1F219, 0x1F21B, 0x1F22E, 0x1F230, 0x1F231, 0x1F237,
    0x1F237, 0x1F23B, 0x1F23B, 0x1F240, 0x1F248, 0x1F260, 0x1F265, 0x20000, 0x3FFFD,
];

/// Inclusive `start, end` pairs of non-ASCII code points in general category
/// P or S (Unicode 15.1, the data pulldown-cmark 0.13 classifies with, so
/// that both agree on what CommonMark allows).
const NON_ASCII_PUNCTUATION_RANGES: [u32; 670] = [
    0x00A1, 0x00A9, 0x00AB, 0x00AC, 0x00AE, 0x00B1, 0x00B4, 0x00B4, 0x00B6, 0x00B8, 0x00BB, 0x00BB,
    0x00BF, 0x00BF, 0x00D7, 0x00D7, 0x00F7, 0x00F7, 0x02C2, 0x02C5, 0x02D2, 0x02DF, 0x02E5, 0x02EB,
    0x02ED, 0x02ED, 0x02EF, 0x02FF, 0x0375, 0x0375, 0x037E, 0x037E, 0x0384, 0x0385, 0x0387, 0x0387,
    0x03F6, 0x03F6, 0x0482, 0x0482, 0x055A, 0x055F, 0x0589, 0x058A, 0x058D, 0x058F, 0x05BE, 0x05BE,
    0x05C0, 0x05C0, 0x05C3, 0x05C3, 0x05C6, 0x05C6, 0x05F3, 0x05F4, 0x0606, 0x060F, 0x061B, 0x061B,
    0x061D, 0x061F, 0x066A, 0x066D, 0x06D4, 0x06D4, 0x06DE, 0x06DE, 0x06E9, 0x06E9, 0x06FD, 0x06FE,
    0x0700, 0x070D, 0x07F6, 0x07F9, 0x07FE, 0x07FF, 0x0830, 0x083E, 0x085E, 0x085E, 0x0888, 0x0888,
    0x0964, 0x0965, 0x0970, 0x0970, 0x09F2, 0x09F3, 0x09FA, 0x09FB, 0x09FD, 0x09FD, 0x0A76, 0x0A76,
    0x0AF0, 0x0AF1, 0x0B70, 0x0B70, 0x0BF3, 0x0BFA, 0x0C77, 0x0C77, 0x0C7F, 0x0C7F, 0x0C84, 0x0C84,
    0x0D4F, 0x0D4F, 0x0D79, 0x0D79, 0x0DF4, 0x0DF4, 0x0E3F, 0x0E3F, 0x0E4F, 0x0E4F, 0x0E5A, 0x0E5B,
    0x0F01, 0x0F17, 0x0F1A, 0x0F1F, 0x0F34, 0x0F34, 0x0F36, 0x0F36, 0x0F38, 0x0F38, 0x0F3A, 0x0F3D,
    0x0F85, 0x0F85, 0x0FBE, 0x0FC5, 0x0FC7, 0x0FCC, 0x0FCE, 0x0FDA, 0x104A, 0x104F, 0x109E, 0x109F,
    0x10FB, 0x10FB, 0x1360, 0x1368, 0x1390, 0x1399, 0x1400, 0x1400, 0x166D, 0x166E, 0x169B, 0x169C,
    0x16EB, 0x16ED, 0x1735, 0x1736, 0x17D4, 0x17D6, 0x17D8, 0x17DB, 0x1800, 0x180A, 0x1940, 0x1940,
    0x1944, 0x1945, 0x19DE, 0x19FF, 0x1A1E, 0x1A1F, 0x1AA0, 0x1AA6, 0x1AA8, 0x1AAD, 0x1B5A, 0x1B6A,
    0x1B74, 0x1B7E, 0x1BFC, 0x1BFF, 0x1C3B, 0x1C3F, 0x1C7E, 0x1C7F, 0x1CC0, 0x1CC7, 0x1CD3, 0x1CD3,
    0x1FBD, 0x1FBD, 0x1FBF, 0x1FC1, 0x1FCD, 0x1FCF, 0x1FDD, 0x1FDF, 0x1FED, 0x1FEF, 0x1FFD, 0x1FFE,
    0x2010, 0x2027, 0x2030, 0x205E, 0x207A, 0x207E, 0x208A, 0x208E, 0x20A0, 0x20C0, 0x2100, 0x2101,
    0x2103, 0x2106, 0x2108, 0x2109, 0x2114, 0x2114, 0x2116, 0x2118, 0x211E, 0x2123, 0x2125, 0x2125,
    0x2127, 0x2127, 0x2129, 0x2129, 0x212E, 0x212E, 0x213A, 0x213B, 0x2140, 0x2144, 0x214A, 0x214D,
    0x214F, 0x214F, 0x218A, 0x218B, 0x2190, 0x2426, 0x2440, 0x244A, 0x249C, 0x24E9, 0x2500, 0x2775,
    0x2794, 0x2B73, 0x2B76, 0x2B95, 0x2B97, 0x2BFF, 0x2CE5, 0x2CEA, 0x2CF9, 0x2CFC, 0x2CFE, 0x2CFF,
    0x2D70, 0x2D70, 0x2E00, 0x2E2E, 0x2E30, 0x2E5D, 0x2E80, 0x2E99, 0x2E9B, 0x2EF3, 0x2F00, 0x2FD5,
    0x2FF0, 0x2FFF, 0x3001, 0x3004, 0x3008, 0x3020, 0x3030, 0x3030, 0x3036, 0x3037, 0x303D, 0x303F,
    0x309B, 0x309C, 0x30A0, 0x30A0, 0x30FB, 0x30FB, 0x3190, 0x3191, 0x3196, 0x319F, 0x31C0, 0x31E3,
    0x31EF, 0x31EF, 0x3200, 0x321E, 0x322A, 0x3247, 0x3250, 0x3250, 0x3260, 0x327F, 0x328A, 0x32B0,
    0x32C0, 0x33FF, 0x4DC0, 0x4DFF, 0xA490, 0xA4C6, 0xA4FE, 0xA4FF, 0xA60D, 0xA60F, 0xA673, 0xA673,
    0xA67E, 0xA67E, 0xA6F2, 0xA6F7, 0xA700, 0xA716, 0xA720, 0xA721, 0xA789, 0xA78A, 0xA828, 0xA82B,
    0xA836, 0xA839, 0xA874, 0xA877, 0xA8CE, 0xA8CF, 0xA8F8, 0xA8FA, 0xA8FC, 0xA8FC, 0xA92E, 0xA92F,
    0xA95F, 0xA95F, 0xA9C1, 0xA9CD, 0xA9DE, 0xA9DF, 0xAA5C, 0xAA5F, 0xAA77, 0xAA79, 0xAADE, 0xAADF,
    0xAAF0, 0xAAF1, 0xAB5B, 0xAB5B, 0xAB6A, 0xAB6B, 0xABEB, 0xABEB, 0xFB29, 0xFB29, 0xFBB2, 0xFBC2,
    0xFD3E, 0xFD4F, 0xFDCF, 0xFDCF, 0xFDFC, 0xFDFF, 0xFE10, 0xFE19, 0xFE30, 0xFE52, 0xFE54, 0xFE66,
    0xFE68, 0xFE6B, 0xFF01, 0xFF0F, 0xFF1A, 0xFF20, 0xFF3B, 0xFF40, 0xFF5B, 0xFF65, 0xFFE0, 0xFFE6,
    0xFFE8, 0xFFEE, 0xFFFC, 0xFFFD, 0x10100, 0x10102, 0x10137, 0x1013F, 0x10179, 0x10189, 0x1018C,
    0x1018E, 0x10190, 0x1019C, 0x101A0, 0x101A0, 0x101D0, 0x101FC, 0x1039F, 0x1039F, 0x103D0,
    0x103D0, 0x1056F, 0x1056F, 0x10857, 0x10857, 0x10877, 0x10878, 0x1091F, 0x1091F, 0x1093F,
    0x1093F, 0x10A50, 0x10A58, 0x10A7F, 0x10A7F, 0x10AC8, 0x10AC8, 0x10AF0, 0x10AF6, 0x10B39,
    0x10B3F, 0x10B99, 0x10B9C, 0x10EAD, 0x10EAD, 0x10F55, 0x10F59, 0x10F86, 0x10F89, 0x11047,
    0x1104D, 0x110BB, 0x110BC, 0x110BE, 0x110C1, 0x11140, 0x11143, 0x11174, 0x11175, 0x111C5,
    0x111C8, 0x111CD, 0x111CD, 0x111DB, 0x111DB, 0x111DD, 0x111DF, 0x11238, 0x1123D, 0x112A9,
    0x112A9, 0x1144B, 0x1144F, 0x1145A, 0x1145B, 0x1145D, 0x1145D, 0x114C6, 0x114C6, 0x115C1,
    0x115D7, 0x11641, 0x11643, 0x11660, 0x1166C, 0x116B9, 0x116B9, 0x1173C, 0x1173F, 0x1183B,
    0x1183B, 0x11944, 0x11946, 0x119E2, 0x119E2, 0x11A3F, 0x11A46, 0x11A9A, 0x11A9C, 0x11A9E,
    0x11AA2, 0x11B00, 0x11B09, 0x11C41, 0x11C45, 0x11C70, 0x11C71, 0x11EF7, 0x11EF8, 0x11F43,
    0x11F4F, 0x11FD5, 0x11FF1, 0x11FFF, 0x11FFF, 0x12470, 0x12474, 0x12FF1, 0x12FF2, 0x16A6E,
    0x16A6F, 0x16AF5, 0x16AF5, 0x16B37, 0x16B3F, 0x16B44, 0x16B45, 0x16E97, 0x16E9A, 0x16FE2,
    0x16FE2, 0x1BC9C, 0x1BC9C, 0x1BC9F, 0x1BC9F, 0x1CF50, 0x1CFC3, 0x1D000, 0x1D0F5, 0x1D100,
    0x1D126, 0x1D129, 0x1D164, 0x1D16A, 0x1D16C, 0x1D183, 0x1D184, 0x1D18C, 0x1D1A9, 0x1D1AE,
    0x1D1EA, 0x1D200, 0x1D241, 0x1D245, 0x1D245, 0x1D300, 0x1D356, 0x1D6C1, 0x1D6C1, 0x1D6DB,
    0x1D6DB, 0x1D6FB, 0x1D6FB, 0x1D715, 0x1D715, 0x1D735, 0x1D735, 0x1D74F, 0x1D74F, 0x1D76F,
    0x1D76F, 0x1D789, 0x1D789, 0x1D7A9, 0x1D7A9, 0x1D7C3, 0x1D7C3, 0x1D800, 0x1D9FF, 0x1DA37,
    0x1DA3A, 0x1DA6D, 0x1DA74, 0x1DA76, 0x1DA83, 0x1DA85, 0x1DA8B, 0x1E14F, 0x1E14F, 0x1E2FF,
    0x1E2FF, 0x1E95E, 0x1E95F, 0x1ECAC, 0x1ECAC, 0x1ECB0, 0x1ECB0, 0x1ED2E, 0x1ED2E, 0x1EEF0,
    0x1EEF1, 0x1F000, 0x1F02B, 0x1F030, 0x1F093, 0x1F0A0, 0x1F0AE, 0x1F0B1, 0x1F0BF, 0x1F0C1,
    0x1F0CF, 0x1F0D1, 0x1F0F5, 0x1F10D, 0x1F1AD, 0x1F1E6, 0x1F202, 0x1F210, 0x1F23B, 0x1F240,
    0x1F248, 0x1F250, 0x1F251, 0x1F260, 0x1F265, 0x1F300, 0x1F6D7, 0x1F6DC, 0x1F6EC, 0x1F6F0,
    0x1F6FC, 0x1F700, 0x1F776, 0x1F77B, 0x1F7D9, 0x1F7E0, 0x1F7EB, 0x1F7F0, 0x1F7F0, 0x1F800,
    0x1F80B, 0x1F810, 0x1F847, 0x1F850, 0x1F859, 0x1F860, 0x1F887, 0x1F890, 0x1F8AD, 0x1F8B0,
    0x1F8B1, 0x1F900, 0x1FA53, 0x1FA60, 0x1FA6D, 0x1FA70, 0x1FA7C, 0x1FA80, 0x1FA88, 0x1FA90,
    0x1FABD, 0x1FABF, 0x1FAC5, 0x1FACE, 0x1FADB, 0x1FAE0, 0x1FAE8, 0x1FAF0, 0x1FAF8, 0x1FB00,
    0x1FB92, 0x1FB94, 0x1FBCA,
];

#[cfg(test)]
mod tests {
    use pulldown_cmark::{Options, Parser, html};

    use super::*;

    fn options() -> Options {
        Options::ENABLE_TABLES
            | Options::ENABLE_FOOTNOTES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_TASKLISTS
            | Options::ENABLE_HEADING_ATTRIBUTES
    }

    fn parse(source: &str) -> Vec<Spanned<'_>> {
        Parser::new_ext(source, options())
            .into_offset_iter()
            .collect()
    }

    fn to_html(events: Vec<Spanned<'_>>) -> String {
        let mut out = String::new();
        html::push_html(&mut out, events.into_iter().map(|(event, _)| event));
        out
    }

    /// HTML of `source` with the repair applied.
    fn render(source: &str) -> String {
        to_html(repair(parse(source), source))
    }

    /// HTML of `source` as plain pulldown-cmark renders it.
    fn render_commonmark(source: &str) -> String {
        to_html(parse(source))
    }

    fn assert_renders(source: &str, expected: &str) {
        assert_eq!(render(source), expected, "source: {source:?}");
    }

    fn assert_untouched(source: &str) {
        let events = parse(source);
        assert_eq!(repair(events.clone(), source), events, "source: {source:?}");
    }

    #[test]
    fn the_motivating_example() {
        assert_renders(
            "**重要提示：**请于3月5日前报送",
            "<p><strong>重要提示：</strong>请于3月5日前报送</p>\n",
        );
    }

    #[test]
    fn closer_after_cjk_punctuation_before_cjk_text() {
        assert_renders("**中文：**中文", "<p><strong>中文：</strong>中文</p>\n");
        assert_renders("*中文。*中文", "<p><em>中文。</em>中文</p>\n");
        assert_renders(
            "**推荐几个框架：**React、Vue等前端框架。",
            "<p><strong>推荐几个框架：</strong>React、Vue等前端框架。</p>\n",
        );
    }

    #[test]
    fn opener_after_cjk_text_before_cjk_punctuation() {
        assert_renders(
            "这是**（括号）**内容",
            "<p>这是<strong>（括号）</strong>内容</p>\n",
        );
        assert_renders(
            "前文，*「引用」*后文",
            "<p>前文，<em>「引用」</em>后文</p>\n",
        );
    }

    #[test]
    fn full_width_brackets_and_quotes() {
        assert_renders("**「強調」**です", "<p><strong>「強調」</strong>です</p>\n");
        assert_renders(
            "请阅读**《红楼梦》**一书",
            "<p>请阅读<strong>《红楼梦》</strong>一书</p>\n",
        );
        assert_renders(
            "他说**“你好”**然后走了",
            "<p>他说<strong>“你好”</strong>然后走了</p>\n",
        );
        assert_renders(
            "カッコに注意**（太字にならない）**文が続く",
            "<p>カッコに注意<strong>（太字にならない）</strong>文が続く</p>\n",
        );
    }

    #[test]
    fn several_fixes_in_one_paragraph() {
        assert_renders(
            "**重要：**内容，**注意：**内容",
            "<p><strong>重要：</strong>内容，<strong>注意：</strong>内容</p>\n",
        );
    }

    #[test]
    fn emphasis_that_commonmark_paired_wrongly_is_re_paired() {
        // CommonMark nests the second pair inside the first one.
        assert_renders(
            "**重要提示：**请于3月5日前报送**材料**",
            "<p><strong>重要提示：</strong>请于3月5日前报送<strong>材料</strong></p>\n",
        );
    }

    #[test]
    fn nested_triple_delimiters() {
        assert_renders(
            "***重要：***内容",
            "<p><em><strong>重要：</strong></em>内容</p>\n",
        );
        assert_renders(
            "**外层*内层。*外层。**后文",
            "<p><strong>外层<em>内层。</em>外层。</strong>后文</p>\n",
        );
    }

    #[test]
    fn japanese() {
        assert_renders(
            "これは**私のやりたかったこと。**だからするの。",
            "<p>これは<strong>私のやりたかったこと。</strong>だからするの。</p>\n",
        );
        assert_renders(
            "**[製品ほげ](./product-foo)**と**[製品ふが](./product-bar)**をお試しください",
            "<p><strong><a href=\"./product-foo\">製品ほげ</a></strong>と<strong><a href=\"./product-bar\">製品ふが</a></strong>をお試しください</p>\n",
        );
    }

    #[test]
    fn korean() {
        assert_renders(
            "**스크립트(script)**라고",
            "<p><strong>스크립트(script)</strong>라고</p>\n",
        );
        assert_renders(
            "패키지를 발행하려면 **`npm publish`**를 실행하십시오.",
            "<p>패키지를 발행하려면 <strong><code>npm publish</code></strong>를 실행하십시오.</p>\n",
        );
    }

    #[test]
    fn mixed_with_ascii() {
        assert_renders("**Note：**请注意", "<p><strong>Note：</strong>请注意</p>\n");
        assert_renders("**foo:**中文", "<p><strong>foo:</strong>中文</p>\n");
        assert_renders(
            "*foo* **bar** **中文：**中文 _baz_",
            "<p><em>foo</em> <strong>bar</strong> <strong>中文：</strong>中文 <em>baz</em></p>\n",
        );
    }

    #[test]
    fn variation_selectors_take_the_class_of_their_base() {
        // U+FE01 after a curly quote asks for its full-width (CJK) form.
        assert_renders(
            "**“\u{FE01}Git”\u{FE01}**Hub",
            "<p><strong>“\u{FE01}Git”\u{FE01}</strong>Hub</p>\n",
        );
        assert_renders(
            "“\u{FE01}Git”\u{FE01}__Hub__",
            "<p>“\u{FE01}Git”\u{FE01}<strong>Hub</strong></p>\n",
        );
        assert_renders(
            "正體字。\u{FE01}_Traditional._",
            "<p>正體字。\u{FE01}<em>Traditional.</em></p>\n",
        );
        // An ideographic variation selector (U+E0100) counts as CJK.
        assert_renders(
            "葛\u{E0100}**(正式表記)**城市",
            "<p>葛\u{E0100}<strong>(正式表記)</strong>城市</p>\n",
        );
    }

    #[test]
    fn non_cjk_punctuation_still_blocks_between_non_cjk_letters() {
        for source in ["a**a«**a", "a**»a**a", "a**a∇**a", "a**𝜵a**a"] {
            assert_eq!(render(source), format!("<p>{source}</p>\n"));
        }
        assert_renders("a**〰**a", "<p>a<strong>〰</strong>a</p>\n");
    }

    #[test]
    fn ascii_only_keeps_commonmark_behaviour() {
        assert_renders("**foo:**bar", "<p>**foo:**bar</p>\n");
        for source in [
            "**foo:**bar",
            "*a **b** c*",
            "foo*bar*",
            "snake_case_name",
            "**(a)**b",
            "__a__b",
        ] {
            assert_untouched(source);
            assert_eq!(render(source), render_commonmark(source));
        }
    }

    #[test]
    fn escaped_delimiters_stay_literal() {
        assert_renders("\\*\\*中文：\\*\\*中文", "<p>**中文：**中文</p>\n");
        // `*中文：**` cannot pair: the rule of three forbids 1 + 2.
        assert_renders("\\**中文：**中文", "<p>**中文：**中文</p>\n");
    }

    #[test]
    fn code_spans_are_never_touched() {
        assert_renders("`**：**`中文", "<p><code>**：**</code>中文</p>\n");
        assert_renders(
            "```\n**中文：**中文\n```\n",
            "<pre><code>**中文：**中文\n</code></pre>\n",
        );
        assert_renders(
            "<http://a.com/**x：**y>中",
            "<p><a href=\"http://a.com/**x%EF%BC%9A**y\">http://a.com/**x：**y</a>中</p>\n",
        );
    }

    #[test]
    fn unmatched_delimiters_stay_literal() {
        assert_renders("**中文：中文", "<p>**中文：中文</p>\n");
        assert_renders("中文：**中文", "<p>中文：**中文</p>\n");
    }

    #[test]
    fn emphasis_already_parsed_is_left_as_is() {
        for source in [
            "**中文**和*强调*",
            "__注意__：注意事項",
            "注意：__注意事項__",
            "**真**，她",
        ] {
            assert_untouched(source);
        }
        assert_renders(
            "**中文**和*强调*",
            "<p><strong>中文</strong>和<em>强调</em></p>\n",
        );
    }

    #[test]
    fn underscores_inside_cjk_text_do_not_emphasise() {
        // A `_` run flanked on both sides closes only before punctuation.
        for source in [
            "中文_强调_中文",
            "中文：_强调。_中文",
            "_注意：_后文",
            "__中文，__中文",
        ] {
            assert_eq!(render(source), format!("<p>{source}</p>\n"));
        }
    }

    #[test]
    fn pairs_never_cross_a_link_boundary() {
        assert_renders(
            "[**链接：](u)**中文",
            "<p><a href=\"u\">**链接：</a>**中文</p>\n",
        );
        assert_renders(
            "[**链接：**中文](u)",
            "<p><a href=\"u\"><strong>链接：</strong>中文</a></p>\n",
        );
    }

    #[test]
    fn pairs_never_cross_blocks() {
        assert_renders("**中文：\n\n**中文", "<p>**中文：</p>\n<p>**中文</p>\n");
    }

    #[test]
    fn strikethrough_content_is_repaired_inside() {
        assert_renders(
            "~~**删除：**内容~~",
            "<p><del><strong>删除：</strong>内容</del></p>\n",
        );
    }

    #[test]
    fn list_item() {
        assert_renders(
            "- **注意：**内容\n",
            "<ul>\n<li><strong>注意：</strong>内容</li>\n</ul>\n",
        );
        assert_renders(
            "- **注意：**内容\n  - **嵌套：**内容\n",
            "<ul>\n<li><strong>注意：</strong>内容\n<ul>\n<li><strong>嵌套：</strong>内容</li>\n</ul>\n</li>\n</ul>\n",
        );
    }

    #[test]
    fn table_cell() {
        assert_renders(
            "| 项目 | 说明 |\n|---|---|\n|**名称：**值| *普通* |\n",
            "<table><thead><tr><th>项目</th><th>说明</th></tr></thead><tbody>\n\
             <tr><td><strong>名称：</strong>值</td><td><em>普通</em></td></tr>\n</tbody></table>\n",
        );
    }

    #[test]
    fn heading() {
        assert_renders(
            "## **第一章：**概述\n",
            "<h2><strong>第一章：</strong>概述</h2>\n",
        );
    }

    #[test]
    fn blockquote_and_lines() {
        assert_renders(
            "> **提示：**内容\n>**再次：**内容",
            "<blockquote>\n<p><strong>提示：</strong>内容\n<strong>再次：</strong>内容</p>\n</blockquote>\n",
        );
    }

    #[test]
    fn documents_without_delimiters_are_returned_unchanged() {
        assert_untouched("# 标题\n\n普通的段落，没有强调。\n\n- 列表\n");
    }

    #[test]
    fn repaired_ranges_point_at_the_source() {
        let source = "前**重要：**后";
        let repaired = repair(parse(source), source);
        let strong = repaired
            .iter()
            .find(|(event, _)| *event == Event::Start(Tag::Strong));
        assert_eq!(
            strong.map(|(_, range)| &source[range.clone()]),
            Some("**重要：**")
        );
        for (event, range) in &repaired {
            if let Event::Text(text) = event {
                assert_eq!(&source[range.clone()], &**text);
            }
        }
    }

    /// A small deterministic xorshift generator for the fuzz-ish test.
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, bound: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % bound as u64) as usize
        }
    }

    const PIECES: [&str; 32] = [
        "*", "**", "***", "_", "__", "中", "文", "：", "，", "。", "「", "」", "（", "）", "《",
        "》", "“", "”", "a", "b", " ", ":", "(", ")", "\\", "`", "[", "](u)", "\n", "~~", "> ",
        "- ",
    ];

    fn generate(rng: &mut Rng, pieces: &[&str]) -> String {
        let count = 1 + rng.below(30);
        (0..count)
            .map(|_| pieces[rng.below(pieces.len())])
            .collect()
    }

    fn assert_balanced(source: &str, events: &[Spanned<'_>]) {
        let mut open = Vec::new();
        for (event, range) in events {
            assert!(
                range.end <= source.len(),
                "range out of source for {source:?}"
            );
            match event {
                Event::Start(tag) => open.push(tag.to_end()),
                Event::End(end) => assert_eq!(open.pop(), Some(*end), "unbalanced for {source:?}"),
                _ => {}
            }
        }
        assert!(open.is_empty(), "unclosed tags for {source:?}");
    }

    #[test]
    fn generated_inputs_stay_balanced() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for _ in 0..200 {
            let source = generate(&mut rng, &PIECES);
            let repaired = repair(parse(&source), &source);
            assert_balanced(&source, &repaired);
            let _ = to_html(repaired);
        }
    }

    #[test]
    fn generated_inputs_without_cjk_are_untouched() {
        let mut rng = Rng(0x2545_F491_4F6C_DD1D);
        // Non-ASCII but non-CJK text takes the full path, not the ASCII exit.
        let mut pieces: Vec<&str> = vec!["é", "—", "«", "»", "…", "ü"];
        pieces.extend(PIECES.iter().filter(|piece| !piece.chars().any(is_cjk)));
        for _ in 0..200 {
            assert_untouched(&generate(&mut rng, &pieces));
        }
    }

    #[test]
    fn character_classes() {
        assert_eq!(CharClass::of('：'), CharClass::CjkPunct);
        assert_eq!(CharClass::of('「'), CharClass::CjkPunct);
        assert_eq!(CharClass::of('中'), CharClass::CjkLetter);
        assert_eq!(CharClass::of('가'), CharClass::CjkLetter);
        assert_eq!(CharClass::of('“'), CharClass::NonCjkPunct);
        assert_eq!(CharClass::of(':'), CharClass::NonCjkPunct);
        assert_eq!(CharClass::of('a'), CharClass::Other);
        assert_eq!(CharClass::of('\u{3000}'), CharClass::Whitespace);
        assert_eq!(CharClass::of('😀'), CharClass::NonCjkPunct);
        assert!(is_cjk('\u{20000}') && is_cjk('\u{3FFFD}') && !is_cjk('\u{1F600}'));
    }
}
