//! A walk over the XML of one part, reduced to what text extraction needs:
//! elements opened (with their attributes) and closed, by local name, and
//! text with its entities resolved.
//!
//! Names are compared without their prefix: OOXML writers agree on the
//! namespaces but not always on the prefixes (`w:`, `ns0:`, none).

use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

use super::Unreadable;

/// One step of the walk.
pub(super) enum Node<'a> {
    /// An element starts (an empty element is an `Open` then a `Close`).
    Open(Element<'a>),
    /// An element ends, by local name.
    Close(&'a str),
    /// Character data: text, CDATA, or one resolved entity.
    Text(&'a str),
}

/// An element's start tag.
pub(super) struct Element<'a>(&'a BytesStart<'a>);

impl Element<'_> {
    /// The name without its namespace prefix.
    pub(super) fn name(&self) -> &str {
        self.0.local_name().into_inner()
    }

    /// The value of the attribute whose local name is `local`.
    pub(super) fn attr(&self, local: &str) -> Option<String> {
        self.0
            .attributes()
            .with_checks(false)
            .flatten()
            .find(|a| a.key.local_name().into_inner() == local)
            .and_then(|a| a.normalized_value(XmlVersion::Implicit1_0).ok())
            .map(|v| v.into_owned())
    }
}

/// Calls `visit` for each node of `xml`, the part named `part`. Malformed
/// XML ends the walk with [`Unreadable::Damaged`]: what a damaged part
/// would yield past that point cannot be trusted.
pub(super) fn walk(
    part: &str,
    xml: &str,
    mut visit: impl FnMut(Node<'_>),
) -> Result<(), Unreadable> {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().expand_empty_elements = true;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| Unreadable::Damaged(format!("{part}: malformed XML: {e}")))?;
        match event {
            Event::Start(e) => visit(Node::Open(Element(&e))),
            Event::End(e) => visit(Node::Close(e.local_name().into_inner())),
            Event::Text(t) => visit(Node::Text(&t.xml10_content())),
            Event::CData(t) => visit(Node::Text(&t.xml10_content())),
            Event::GeneralRef(r) => {
                if let Some(text) = resolve_reference(&r) {
                    visit(Node::Text(&text));
                }
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

/// The text of `&name;`: a character reference or one of the five
/// predefined entities; others (a DTD's) are dropped.
fn resolve_reference(name: &str) -> Option<String> {
    if name.starts_with('#') {
        let number = name.strip_prefix("#x").map_or_else(
            || name[1..].parse().ok(),
            |hex| u32::from_str_radix(hex, 16).ok(),
        );
        return number.and_then(char::from_u32).map(String::from);
    }
    quick_xml::escape::resolve_predefined_entity(name).map(str::to_owned)
}
