//! Word documents (docx): the text of the body and of every other part a
//! reader of the published file can see or unfold: headers, footers,
//! footnotes, endnotes and comments.

use super::Unreadable;
use super::package::Package;
use super::xml_text::{self, Node};

/// The main document part, read first.
const BODY: &str = "word/document.xml";

/// The text of a docx: the body, then the other parts in archive order.
pub(super) fn text(bytes: &[u8]) -> Result<String, Unreadable> {
    let mut package = Package::open(bytes, "doc")?;
    let body = package
        .read(BODY)?
        .ok_or_else(|| Unreadable::Damaged(format!("no {BODY} in the package")))?;
    let mut out = part_text(BODY, &body)?;
    for name in package.names_where(is_side_part) {
        if let Some(xml) = package.read(&name)? {
            out.push_str(&part_text(&name, &xml)?);
        }
    }
    Ok(out)
}

/// True for the parts besides the body whose text is published (`name`
/// lower-cased): `word/header1.xml`, `word/footer2.xml`,
/// `word/footnotes.xml`, `word/endnotes.xml`, `word/comments.xml`.
fn is_side_part(name: &str) -> bool {
    let Some(file) = name
        .strip_prefix("word/")
        .and_then(|n| n.strip_suffix(".xml"))
    else {
        return false;
    };
    !file.contains('/')
        && (file.starts_with("header")
            || file.starts_with("footer")
            || matches!(file, "footnotes" | "endnotes" | "comments"))
}

/// The text of one WordprocessingML part.
fn part_text(name: &str, xml: &str) -> Result<String, Unreadable> {
    let mut flow = Flow::default();
    xml_text::walk(name, xml, |node| flow.node(node))?;
    Ok(flow.out)
}

/// The text being built from one part, and where in it the walk is.
#[derive(Default)]
struct Flow {
    out: String,
    /// Inside a `w:t` (text) or `w:delText` (deleted text) run.
    in_text: bool,
    /// Depth inside `w:tabs` (tab stops, not tab characters).
    in_tab_stops: usize,
    /// Depth inside `mc:Fallback`, which repeats a text box's content for
    /// older readers: it would double every word in the box.
    in_fallback: usize,
}

impl Flow {
    fn node(&mut self, node: Node<'_>) {
        match node {
            Node::Open(e) => self.open(e.name()),
            Node::Close(name) => self.close(name),
            Node::Text(text) if self.in_text && self.in_fallback == 0 => self.out.push_str(text),
            Node::Text(_) => {}
        }
    }

    fn open(&mut self, name: &str) {
        match name {
            "t" | "delText" => self.in_text = true,
            "tabs" => self.in_tab_stops += 1,
            "Fallback" => self.in_fallback += 1,
            _ if self.in_fallback > 0 => {}
            "tab" if self.in_tab_stops == 0 => self.out.push('\t'),
            "br" | "cr" => self.out.push('\n'),
            "noBreakHyphen" => self.out.push('-'),
            _ => {}
        }
    }

    fn close(&mut self, name: &str) {
        match name {
            "t" | "delText" => self.in_text = false,
            "tabs" => self.in_tab_stops = self.in_tab_stops.saturating_sub(1),
            "Fallback" => self.in_fallback = self.in_fallback.saturating_sub(1),
            _ if self.in_fallback > 0 => {}
            "p" => self.out.push('\n'),
            "tc" => self.end_cell(),
            "tr" => self.end_row(),
            _ => {}
        }
    }

    /// A cell ends: the newline of its last paragraph becomes a tab.
    fn end_cell(&mut self) {
        if self.out.ends_with('\n') {
            self.out.pop();
        }
        self.out.push('\t');
    }

    /// A row ends: its last tab becomes a newline.
    fn end_row(&mut self) {
        if self.out.ends_with('\t') {
            self.out.pop();
        }
        self.out.push('\n');
    }
}
