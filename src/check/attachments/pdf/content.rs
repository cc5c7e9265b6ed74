//! Content streams: the text operators of each page, and where the text
//! they show lands, so that lines come out as lines.
//!
//! Glyph widths are estimated, not read: positions only decide whether two
//! pieces of text are on one line (same baseline), next to each other
//! (nothing between), or apart (a space).

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use memchr::memmem;

use super::file::PdfFile;
use super::fonts::Font;
use super::layout::{Layout, Matrix};
use super::syntax::{Dict, Lexer, Object, Token, is_space};
use super::{Budget, Unreadable};

/// How deep Form XObjects are followed inside each other.
const MAX_FORM_DEPTH: usize = 8;

/// The text of every page, in page order.
pub(super) fn extract(file: &PdfFile, budget: &mut Budget) -> Result<String, Unreadable> {
    let mut reader = Reader {
        file,
        budget,
        fonts: HashMap::new(),
        done: HashSet::new(),
        layout: Layout::default(),
    };
    for page in pages(file) {
        let Some(dict) = file.get(page).as_dict() else {
            continue;
        };
        let resources = page_resources(file, dict);
        for content in contents(file, dict) {
            if !reader.done.insert(content) {
                continue;
            }
            if let Some(data) = reader.file.stream(content, reader.budget)? {
                reader.run(&data, resources, Matrix::IDENTITY, 0)?;
            }
        }
        reader.layout.end_page();
    }
    Ok(reader.layout.into_text())
}

/// The page objects, in the order of the page tree; every object typed
/// `/Page` if the tree cannot be followed.
fn pages(file: &PdfFile) -> Vec<u32> {
    let mut found = Vec::new();
    let tree = file
        .root()
        .and_then(|r| r.get("Pages"))
        .and_then(Object::as_ref);
    if let Some(tree) = tree {
        walk_page_tree(file, tree, &mut found, &mut HashSet::new());
    }
    if found.is_empty() {
        found = file.numbers_where(|d| d.has_name("Type", "Page"));
    }
    found
}

/// Adds the pages under node `num` (a page itself if it has no kids).
fn walk_page_tree(file: &PdfFile, num: u32, found: &mut Vec<u32>, seen: &mut HashSet<u32>) {
    if !seen.insert(num) {
        return;
    }
    let Some(node) = file.get(num).as_dict() else {
        return;
    };
    match node
        .get("Kids")
        .map(|k| file.resolve(k))
        .and_then(Object::as_array)
    {
        Some(kids) => {
            for kid in kids.iter().filter_map(Object::as_ref) {
                walk_page_tree(file, kid, found, seen);
            }
        }
        None => found.push(num),
    }
}

/// A page's resources, inherited from the page tree if the page has none.
fn page_resources<'f>(file: &'f PdfFile, page: &'f Dict) -> Option<&'f Dict> {
    let mut node = page;
    for _ in 0..64 {
        if let Some(resources) = file.dict(node.get("Resources")) {
            return Some(resources);
        }
        node = file.dict(node.get("Parent"))?;
    }
    None
}

/// The content streams of a page: one reference, or an array of them.
fn contents(file: &PdfFile, page: &Dict) -> Vec<u32> {
    let refs = |items: &[Object]| items.iter().filter_map(Object::as_ref).collect();
    match page.get("Contents") {
        Some(Object::Ref(num)) => match file.get(*num) {
            Object::Array(items) => refs(items),
            _ => vec![*num],
        },
        Some(Object::Array(items)) => refs(items),
        _ => Vec::new(),
    }
}

/// What stays the same across the content streams of a document.
struct Reader<'f, 'a> {
    file: &'f PdfFile<'a>,
    budget: &'f mut Budget,
    /// Fonts loaded so far, by the address of their dictionary.
    fonts: HashMap<usize, Rc<Font>>,
    /// Content streams and Form XObjects already read: a form drawn on
    /// every page (a letterhead), or a stream pages share, is read once;
    /// the work stays bounded by the file's distinct streams.
    done: HashSet<u32>,
    layout: Layout,
}

/// The graphics and text state of one content stream.
struct State<'f> {
    resources: Option<&'f Dict>,
    ctm: Matrix,
    saved: Vec<Matrix>,
    tm: Matrix,
    tlm: Matrix,
    font: Rc<Font>,
    size: f64,
    leading: f64,
    char_spacing: f64,
    word_spacing: f64,
}

impl<'f> Reader<'f, '_> {
    /// Interprets one content stream.
    fn run(
        &mut self,
        data: &[u8],
        resources: Option<&'f Dict>,
        ctm: Matrix,
        depth: usize,
    ) -> Result<(), Unreadable> {
        let mut state = State {
            resources,
            ctm,
            saved: Vec::new(),
            tm: Matrix::IDENTITY,
            tlm: Matrix::IDENTITY,
            font: Rc::new(Font::default()),
            size: 0.0,
            leading: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
        };
        let mut lexer = Lexer::new(data, 0);
        let mut operands = Vec::new();
        while let Some(token) = lexer.next_token() {
            match token {
                Token::Object(o) => operands.push(o),
                Token::Keyword(b"ID") => skip_inline_image(&mut lexer, data),
                Token::Keyword(op) => {
                    self.operator(op, &operands, &mut state, depth)?;
                    operands.clear();
                }
            }
        }
        Ok(())
    }

    /// Applies one operator that matters for text.
    fn operator(
        &mut self,
        op: &[u8],
        operands: &[Object],
        state: &mut State<'f>,
        depth: usize,
    ) -> Result<(), Unreadable> {
        match op {
            b"BT" => {
                state.tm = Matrix::IDENTITY;
                state.tlm = Matrix::IDENTITY;
            }
            b"Tf" => self.set_font(operands, state)?,
            b"Td" | b"TD" => {
                if let Some([tx, ty]) = numbers(operands) {
                    if op == b"TD" {
                        state.leading = -ty;
                    }
                    next_line(state, tx, ty);
                }
            }
            b"T*" => next_line(state, 0.0, -state.leading),
            b"TL" => state.leading = numbers::<1>(operands).map_or(state.leading, |[l]| l),
            b"Tc" => state.char_spacing = numbers::<1>(operands).map_or(0.0, |[c]| c),
            b"Tw" => state.word_spacing = numbers::<1>(operands).map_or(0.0, |[w]| w),
            b"Tm" => {
                if let Some(m) = numbers(operands) {
                    state.tlm = Matrix(m);
                    state.tm = state.tlm;
                }
            }
            b"Tj" | b"'" | b"\"" => self.show_string(op, operands, state),
            b"TJ" => self.show_array(operands, state),
            b"cm" => {
                if let Some(m) = numbers(operands) {
                    state.ctm = Matrix(m).then(state.ctm);
                }
            }
            b"q" => state.saved.push(state.ctm),
            b"Q" => state.ctm = state.saved.pop().unwrap_or(state.ctm),
            b"Do" => self.form(operands, state, depth)?,
            _ => {}
        }
        Ok(())
    }

    /// `Tf`: the font named in the resources, and the size.
    fn set_font(&mut self, operands: &[Object], state: &mut State<'f>) -> Result<(), Unreadable> {
        let Some([name, size]) = operands.last_chunk::<2>() else {
            return Ok(());
        };
        state.size = size.as_number().unwrap_or(state.size);
        let fonts = state.resources.and_then(|r| self.file.dict(r.get("Font")));
        let entry = fonts.zip(name.as_name()).and_then(|(f, n)| f.get(n));
        state.font = self.font(entry)?;
        Ok(())
    }

    /// The font a resource entry leads to, loaded once per dictionary
    /// (keyed by its address: the file does not change while it is read).
    fn font(&mut self, entry: Option<&Object>) -> Result<Rc<Font>, Unreadable> {
        let Some(dict) = self.file.dict(entry) else {
            return Ok(Rc::new(Font::default()));
        };
        let key = std::ptr::from_ref(dict) as usize;
        if let Some(font) = self.fonts.get(&key) {
            return Ok(font.clone());
        }
        let font = Rc::new(Font::load(self.file, dict, self.budget)?);
        self.fonts.insert(key, font.clone());
        Ok(font)
    }

    /// `Tj`, `'` and `"`: one string, the latter two on the next line.
    fn show_string(&mut self, op: &[u8], operands: &[Object], state: &mut State<'f>) {
        if op == b"\""
            && let Some([w, c, _]) = operands.last_chunk::<3>()
        {
            state.word_spacing = w.as_number().unwrap_or(state.word_spacing);
            state.char_spacing = c.as_number().unwrap_or(state.char_spacing);
        }
        if op != b"Tj" {
            next_line(state, 0.0, -state.leading);
        }
        if let Some(bytes) = operands.last().and_then(Object::as_string) {
            self.show(bytes, state);
        }
    }

    /// `TJ`: strings, and numbers that move the next one back (thousandths
    /// of an em; a large negative one is a gap between words).
    fn show_array(&mut self, operands: &[Object], state: &mut State<'f>) {
        let Some(items) = operands.last().and_then(Object::as_array) else {
            return;
        };
        for item in items {
            match item {
                Object::String(bytes) => self.show(bytes, state),
                Object::Number(n) => advance(state, -n / 1000.0 * state.size),
                _ => {}
            }
        }
    }

    /// Shows one string: its text goes to the layout where it starts, and
    /// the text position moves past it.
    fn show(&mut self, bytes: &[u8], state: &mut State<'f>) {
        let (text, em) = state.font.decode(bytes);
        let spaces = text.matches(' ').count() as f64;
        let glyphs = text.chars().count().max(1) as f64;
        let start = state.tm.then(state.ctm);
        let width = em * state.size + glyphs * state.char_spacing + spaces * state.word_spacing;
        advance(state, width);
        let end = state.tm.then(state.ctm);
        let size = state.size * start.vertical_scale();
        self.layout.show(&text, start.origin(), end.origin(), size);
    }

    /// `Do`: the text of a Form XObject, in its own coordinate system.
    fn form(
        &mut self,
        operands: &[Object],
        state: &State<'f>,
        depth: usize,
    ) -> Result<(), Unreadable> {
        let Some(name) = operands.last().and_then(Object::as_name) else {
            return Ok(());
        };
        let xobjects = state
            .resources
            .and_then(|r| self.file.dict(r.get("XObject")));
        let entry = xobjects.and_then(|x| x.get(name));
        let Some(num) = entry.and_then(Object::as_ref) else {
            return Ok(());
        };
        let Some(dict) = self.file.get(num).as_dict() else {
            return Ok(());
        };
        if depth >= MAX_FORM_DEPTH || !dict.has_name("Subtype", "Form") || !self.done.insert(num) {
            return Ok(());
        }
        let resources = self.file.dict(dict.get("Resources")).or(state.resources);
        let matrix = dict
            .get("Matrix")
            .and_then(Object::as_array)
            .and_then(numbers);
        let ctm = matrix.map_or(state.ctm, |m| Matrix(m).then(state.ctm));
        if let Some(data) = self.file.stream(num, self.budget)? {
            self.run(&data, resources, ctm, depth + 1)?;
        }
        Ok(())
    }
}

/// `Td`: the start of the next line, offset from the current one.
fn next_line(state: &mut State<'_>, tx: f64, ty: f64) {
    state.tlm = Matrix::translation(tx, ty).then(state.tlm);
    state.tm = state.tlm;
}

/// Moves the text position `tx` along the line (text space units).
fn advance(state: &mut State<'_>, tx: f64) {
    state.tm = Matrix::translation(tx, 0.0).then(state.tm);
}

/// The last `N` operands as numbers.
fn numbers<const N: usize>(operands: &[Object]) -> Option<[f64; N]> {
    let last = operands.last_chunk::<N>()?;
    let mut out = [0.0; N];
    for (slot, o) in out.iter_mut().zip(last) {
        *slot = o.as_number()?;
    }
    Some(out)
}

/// Skips the data of an inline image (`BI ... ID data EI`): binary bytes
/// up to an `EI` between white space.
fn skip_inline_image(lexer: &mut Lexer<'_>, data: &[u8]) {
    let from = (lexer.pos + 1).min(data.len());
    let end = memmem::find_iter(&data[from..], b"EI")
        .map(|at| from + at)
        .find(|&at| {
            let before = at == 0 || is_space(data[at - 1]);
            let after = data.get(at + 2).is_none_or(|&b| is_space(b));
            before && after
        });
    lexer.pos = end.map_or(data.len(), |at| at + 2);
}
