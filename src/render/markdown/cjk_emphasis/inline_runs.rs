//! Cutting a document's events into the inline runs of each block.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::{Spanned, involves_delimiters};

/// Index ranges of maximal sequences of inline events that sit directly in a
/// block hosting inline content, keeping only those involving delimiters.
pub(super) fn inline_runs(events: &[Spanned<'_>]) -> Vec<Range<usize>> {
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
