//! Glyph widths (ISO 32000-1, 9.2.4 and 9.7.4.3): how far each code moves
//! the pen. Where text pieces are placed apart, the gap between the end of
//! one and the start of the next is a space only if the end is known well;
//! a guessed width turns wide letters into false gaps and narrow ones
//! into missed spaces.

use std::collections::HashMap;

use super::file::PdfFile;
use super::syntax::{Dict, Object};

/// Most widths kept from one `/W` array.
const MAX_WIDTHS: usize = 1 << 18;

/// A font's widths, in em (a thousandth of glyph space each).
#[derive(Debug, Default)]
pub(super) enum Widths {
    /// Not given (the standard 14 fonts, Type 3 fonts, composite fonts
    /// whose codes are not glyph identifiers): widths are estimated.
    #[default]
    Unknown,
    /// A simple font: `/Widths` from `/FirstChar` on.
    Simple {
        first: u32,
        widths: Vec<f64>,
        missing: Option<f64>,
    },
    /// A composite font with `Identity` encoding: `/W` by glyph identifier
    /// (the code itself), `/DW` for the others.
    Composite {
        widths: HashMap<u32, f64>,
        default: f64,
    },
}

impl Widths {
    /// Reads the widths of font `dict`.
    pub(super) fn of(file: &PdfFile, dict: &Dict) -> Widths {
        if dict.has_name("Subtype", "Type3") {
            return Widths::Unknown;
        }
        if dict.has_name("Subtype", "Type0") {
            return composite(file, dict).unwrap_or_default();
        }
        simple(file, dict).unwrap_or_default()
    }

    /// The width of the glyph for `code`, if the font says.
    pub(super) fn get(&self, code: u32) -> Option<f64> {
        match self {
            Widths::Unknown => None,
            Widths::Simple {
                first,
                widths,
                missing,
            } => code
                .checked_sub(*first)
                .and_then(|i| widths.get(i as usize).copied())
                .or(*missing),
            Widths::Composite { widths, default } => Some(*widths.get(&code).unwrap_or(default)),
        }
    }
}

/// The number `object` is or leads to.
fn number(file: &PdfFile, object: Option<&Object>) -> Option<f64> {
    file.resolve(object?).as_number()
}

/// `/FirstChar` and `/Widths`, with the descriptor's `/MissingWidth`.
fn simple(file: &PdfFile, dict: &Dict) -> Option<Widths> {
    let first = number(file, dict.get("FirstChar"))?;
    let widths = file.resolve(dict.get("Widths")?).as_array()?;
    let widths = widths
        .iter()
        .map(|w| file.resolve(w).as_number().unwrap_or(0.0) / 1000.0)
        .collect();
    let descriptor = file.dict(dict.get("FontDescriptor"));
    let missing = number(file, descriptor.and_then(|d| d.get("MissingWidth")));
    Some(Widths::Simple {
        first: first.max(0.0) as u32,
        widths,
        missing: missing.filter(|&m| m > 0.0).map(|m| m / 1000.0),
    })
}

/// The descendant font's `/W` and `/DW`, when codes are glyph identifiers.
fn composite(file: &PdfFile, dict: &Dict) -> Option<Widths> {
    let encoding = file.resolve(dict.get("Encoding")?).as_name()?;
    if !encoding.starts_with(b"Identity") {
        return None;
    }
    let descendants = file.resolve(dict.get("DescendantFonts")?).as_array()?;
    let descendant = file.dict(descendants.first())?;
    let default = number(file, descendant.get("DW")).unwrap_or(1000.0) / 1000.0;
    let w = descendant.get("W").map(|w| file.resolve(w));
    let widths = w
        .and_then(Object::as_array)
        .map_or_else(HashMap::new, |w| cid_widths(file, w));
    Some(Widths::Composite { widths, default })
}

/// Parses a `/W` array: `c [w1 w2 ...]` gives widths from `c` on, and
/// `first last w` one width for a range.
fn cid_widths(file: &PdfFile, w: &[Object]) -> HashMap<u32, f64> {
    let mut out = HashMap::new();
    let mut i = 0;
    while let Some(first) = number(file, w.get(i)) {
        let first = first.max(0.0) as u32;
        match w.get(i + 1).map(|o| file.resolve(o)) {
            Some(Object::Array(list)) => {
                for (cid, width) in (first..).zip(list) {
                    insert(&mut out, cid, file.resolve(width).as_number());
                }
                i += 2;
            }
            Some(Object::Number(last)) => {
                let width = number(file, w.get(i + 2));
                let last = (*last as u32).min(first.saturating_add(0xFFFF));
                for cid in first..=last {
                    insert(&mut out, cid, width);
                }
                i += 3;
            }
            _ => break,
        }
        if out.len() >= MAX_WIDTHS {
            break;
        }
    }
    out
}

fn insert(widths: &mut HashMap<u32, f64>, cid: u32, width: Option<f64>) {
    if let Some(width) = width
        && widths.len() < MAX_WIDTHS
    {
        widths.insert(cid, width / 1000.0);
    }
}
