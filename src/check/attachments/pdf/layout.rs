//! Where shown text lands, and the line breaks and spaces that follow
//! from it: a PDF has no spaces or newlines of its own, only positions.

/// An affine transformation `[a b c d e f]`, as PDF writes them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Matrix(pub(super) [f64; 6]);

impl Matrix {
    pub(super) const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    pub(super) fn translation(x: f64, y: f64) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, x, y])
    }

    /// This transformation followed by `next` (PDF's `self × next`).
    pub(super) fn then(self, next: Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [na, nb, nc, nd, ne, nf] = next.0;
        Matrix([
            a * na + b * nc,
            a * nb + b * nd,
            c * na + d * nc,
            c * nb + d * nd,
            e * na + f * nc + ne,
            e * nb + f * nd + nf,
        ])
    }

    /// Where the origin lands.
    pub(super) fn origin(self) -> (f64, f64) {
        (self.0[4], self.0[5])
    }

    /// How much a vertical unit is scaled: the text size factor.
    pub(super) fn vertical_scale(self) -> f64 {
        self.0[2].hypot(self.0[3])
    }
}

/// The pen after the last text shown: where it ended, and its size.
#[derive(Debug, Clone, Copy)]
struct Pen {
    x: f64,
    y: f64,
    size: f64,
}

/// The text of a document as it is laid out.
#[derive(Debug, Default)]
pub(super) struct Layout {
    out: String,
    pen: Option<Pen>,
}

impl Layout {
    /// Adds text that starts at `start` and ends at `end` (user space),
    /// with a newline before it if it is on another baseline than the
    /// previous text, a space if it is apart from it on the same one.
    pub(super) fn show(&mut self, text: &str, start: (f64, f64), end: (f64, f64), size: f64) {
        if !text.is_empty() {
            if let Some(pen) = self.pen {
                self.separate(pen, start, size);
            }
            self.out.push_str(text);
        }
        self.pen = Some(Pen {
            x: end.0,
            y: end.1,
            size,
        });
    }

    /// The separator between the previous text and text starting at
    /// `start`: a gap of 0.15 em is a space (tight justified lines shrink
    /// spaces to about 0.2 em; kerning stays below 0.1), as is a jump back.
    fn separate(&mut self, pen: Pen, (x, y): (f64, f64), size: f64) {
        let em = size.abs().max(pen.size.abs()).max(1.0);
        if (y - pen.y).abs() > em / 2.0 {
            self.break_line();
        } else if (x - pen.x > em * 0.15 || pen.x - x > em) && !self.out.ends_with([' ', '\n']) {
            self.out.push(' ');
        }
    }

    /// Ends the current line, if it holds anything.
    fn break_line(&mut self) {
        if self.out.ends_with(' ') {
            self.out.pop();
        }
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
    }

    /// A page ends: the next text starts a new line.
    pub(super) fn end_page(&mut self) {
        self.break_line();
        self.pen = None;
    }

    pub(super) fn into_text(self) -> String {
        self.out
    }
}
