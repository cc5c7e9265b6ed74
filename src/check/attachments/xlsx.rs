//! Excel workbooks (xlsx): every worksheet, hidden and very hidden ones
//! included (hiding a column of ID numbers in a sheet nobody opens is the
//! classic leak), then the cell comments.
//!
//! Cells are written as stored: a number keeps its stored form, so an ID
//! typed as a number shows as `1.10105194912310E+17` and the scanner sees
//! what a reader of the file could recover.

use std::collections::{HashMap, HashSet};

use super::Unreadable;
use super::package::Package;
use super::xml_text::{self, Node};

const WORKBOOK: &str = "xl/workbook.xml";
const WORKBOOK_RELS: &str = "xl/_rels/workbook.xml.rels";
const SHARED_STRINGS: &str = "xl/sharedStrings.xml";

/// The text of an xlsx: each sheet's name on a line, then its rows, one
/// per line, cells separated by tabs; then the comments, one per line.
pub(super) fn text(bytes: &[u8]) -> Result<String, Unreadable> {
    let mut package = Package::open(bytes, "xls")?;
    let workbook = package
        .read(WORKBOOK)?
        .ok_or_else(|| Unreadable::Damaged(format!("no {WORKBOOK} in the package")))?;
    let targets = match package.read(WORKBOOK_RELS)? {
        Some(xml) => relationships(&xml)?,
        None => HashMap::new(),
    };
    let strings = match package.read(SHARED_STRINGS)? {
        Some(xml) => shared_strings(&xml)?,
        None => Vec::new(),
    };
    let mut out = String::new();
    let mut done = HashSet::new();
    for (name, path) in sheets(&workbook, &targets)? {
        if let Some(xml) = package.read(&path)? {
            push_sheet(&mut out, &name, &path, &xml, &strings)?;
            done.insert(path.to_ascii_lowercase());
        }
    }
    for path in package.names_where(|n| is_worksheet(n) && !done.contains(n)) {
        if let Some(xml) = package.read(&path)? {
            push_sheet(&mut out, &file_stem(&path), &path, &xml, &strings)?;
        }
    }
    for path in package.names_where(is_comments) {
        if let Some(xml) = package.read(&path)? {
            out.push_str(&comments(&path, &xml)?);
        }
    }
    Ok(out)
}

/// Appends a sheet: its name, then its rows.
fn push_sheet(
    out: &mut String,
    name: &str,
    path: &str,
    xml: &str,
    strings: &[String],
) -> Result<(), Unreadable> {
    out.push_str(name);
    out.push('\n');
    out.push_str(&sheet_rows(path, xml, strings)?);
    Ok(())
}

/// True for a worksheet part (`name` lower-cased).
fn is_worksheet(name: &str) -> bool {
    name.strip_prefix("xl/worksheets/")
        .is_some_and(|f| f.ends_with(".xml") && !f.contains('/'))
}

/// True for a cell-comments part (`name` lower-cased): Excel writes
/// `xl/comments1.xml`, other writers `xl/comments/comment1.xml`.
fn is_comments(name: &str) -> bool {
    let file = name.rsplit('/').next().unwrap_or(name);
    name.starts_with("xl/") && file.starts_with("comment") && file.ends_with(".xml")
}

/// `sheet3` for `xl/worksheets/sheet3.xml`: the name of a worksheet that
/// the workbook does not list.
fn file_stem(path: &str) -> String {
    let file = path.rsplit('/').next().unwrap_or(path);
    file.strip_suffix(".xml").unwrap_or(file).to_owned()
}

/// The sheets the workbook lists, in its order, as (name, part path). A
/// sheet whose relationship is missing is looked for where Excel puts the
/// n-th sheet, `xl/worksheets/sheet{n}.xml`.
fn sheets(
    workbook: &str,
    targets: &HashMap<String, String>,
) -> Result<Vec<(String, String)>, Unreadable> {
    let mut listed = Vec::new();
    xml_text::walk(WORKBOOK, workbook, |node| {
        if let Node::Open(e) = node
            && e.name() == "sheet"
        {
            listed.push((e.attr("name").unwrap_or_default(), e.attr("id")));
        }
    })?;
    let paths = listed.into_iter().enumerate().map(|(i, (name, id))| {
        let path = id
            .and_then(|id| targets.get(&id).cloned())
            .unwrap_or_else(|| format!("xl/worksheets/sheet{}.xml", i + 1));
        (name, path)
    });
    Ok(paths.collect())
}

/// The workbook's relationships: id to the part path, resolved against
/// `xl/` (a target is relative to the workbook, or absolute with a `/`).
fn relationships(xml: &str) -> Result<HashMap<String, String>, Unreadable> {
    let mut targets = HashMap::new();
    xml_text::walk(WORKBOOK_RELS, xml, |node| {
        if let Node::Open(e) = node
            && e.name() == "Relationship"
            && let (Some(id), Some(target)) = (e.attr("Id"), e.attr("Target"))
        {
            targets.insert(id, resolve_target(&target));
        }
    })?;
    Ok(targets)
}

/// The package path of a relationship target of the workbook.
fn resolve_target(target: &str) -> String {
    match target.strip_prefix('/') {
        Some(absolute) => absolute.to_owned(),
        None => format!("xl/{}", target.trim_start_matches("./")),
    }
}

/// The shared strings, in order: each `si`'s text runs, without the
/// phonetic guides (`rPh`) that repeat a reading above the text.
fn shared_strings(xml: &str) -> Result<Vec<String>, Unreadable> {
    let mut strings = Vec::new();
    let mut runs = Runs::default();
    xml_text::walk(SHARED_STRINGS, xml, |node| {
        if let Node::Close("si") = node {
            strings.push(std::mem::take(&mut runs.text));
        } else {
            runs.node(&node);
        }
    })?;
    Ok(strings)
}

/// The text of the comments of one comments part, one per line.
fn comments(path: &str, xml: &str) -> Result<String, Unreadable> {
    let mut out = String::new();
    let mut runs = Runs::default();
    xml_text::walk(path, xml, |node| {
        if let Node::Close("comment") = node {
            out.push_str(&std::mem::take(&mut runs.text));
            out.push('\n');
        } else {
            runs.node(&node);
        }
    })?;
    Ok(out)
}

/// The text of rich-text runs (`t` elements), skipping phonetic guides.
#[derive(Default)]
struct Runs {
    text: String,
    in_t: bool,
    in_phonetic: bool,
}

impl Runs {
    fn node(&mut self, node: &Node<'_>) {
        match node {
            Node::Open(e) if e.name() == "t" => self.in_t = !self.in_phonetic,
            Node::Open(e) if e.name() == "rPh" => self.in_phonetic = true,
            Node::Close("t") => self.in_t = false,
            Node::Close("rPh") => self.in_phonetic = false,
            Node::Text(text) if self.in_t => self.text.push_str(text),
            _ => {}
        }
    }
}

/// The rows of one worksheet.
fn sheet_rows(path: &str, xml: &str, strings: &[String]) -> Result<String, Unreadable> {
    let mut sheet = Sheet {
        strings,
        ..Sheet::default()
    };
    xml_text::walk(path, xml, |node| sheet.node(node))?;
    Ok(sheet.out)
}

/// The text being built from one worksheet, and the cell being read.
#[derive(Default)]
struct Sheet<'s> {
    strings: &'s [String],
    out: String,
    /// The non-empty cells of the current row.
    row: Vec<String>,
    /// The current cell's type (`t` attribute: `s`, `inlineStr`, `str`...).
    kind: Option<String>,
    /// The current cell's stored value (`v`).
    value: String,
    in_value: bool,
    /// The current cell's inline string (`is`).
    inline: Runs,
}

impl Sheet<'_> {
    fn node(&mut self, node: Node<'_>) {
        match node {
            Node::Open(e) if e.name() == "c" => {
                self.kind = e.attr("t");
                self.value.clear();
                self.inline = Runs::default();
            }
            Node::Open(e) if e.name() == "v" => self.in_value = true,
            Node::Close("v") => self.in_value = false,
            Node::Text(text) if self.in_value => self.value.push_str(text),
            Node::Close("c") => self.end_cell(),
            Node::Close("row") => self.end_row(),
            node => self.inline.node(&node),
        }
    }

    /// A cell ends: its shown text joins the row, unless it is empty.
    fn end_cell(&mut self) {
        let text = match self.kind.as_deref() {
            Some("s") => self.shared_string(),
            Some("inlineStr") => std::mem::take(&mut self.inline.text),
            _ => std::mem::take(&mut self.value),
        };
        if !text.is_empty() {
            self.row.push(text);
        }
    }

    /// The shared string the cell's value indexes; the raw value if the
    /// index is out of range, so nothing is lost.
    fn shared_string(&mut self) -> String {
        let index = self.value.trim().parse::<usize>().ok();
        match index.and_then(|i| self.strings.get(i)) {
            Some(s) => s.clone(),
            None => std::mem::take(&mut self.value),
        }
    }

    /// A row ends: its cells on one line, separated by tabs.
    fn end_row(&mut self) {
        if !self.row.is_empty() {
            self.out.push_str(&self.row.join("\t"));
            self.out.push('\n');
            self.row.clear();
        }
    }
}
