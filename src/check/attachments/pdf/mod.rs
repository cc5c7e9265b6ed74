//! PDF attachments, best effort: the strings of the text operators of
//! every page, through the fonts' ToUnicode maps where they have them.
//!
//! Not read: encrypted files (reported as such), scanned pages without a
//! text layer (reported as "pdf-no-text"), streams with filters other than
//! Flate, ASCIIHex and ASCII85, or with predictors, and fonts with neither
//! a ToUnicode map nor a simple or Unicode encoding.

mod cmap;
mod content;
mod file;
mod fonts;
mod layout;
mod syntax;
mod widths;

use super::{Budget, Unreadable};
use file::PdfFile;

/// The text of a PDF.
pub(super) fn text(bytes: &[u8]) -> Result<String, Unreadable> {
    let header = &bytes[..bytes.len().min(1024)];
    if memchr::memmem::find(header, b"%PDF-").is_none() {
        return Err(Unreadable::Damaged("not a PDF: no %PDF- header".to_owned()));
    }
    let mut file = PdfFile::scan(bytes);
    if file.is_empty() {
        return Err(Unreadable::Damaged("no PDF objects found".to_owned()));
    }
    if file.is_encrypted() {
        return Err(Unreadable::Encrypted);
    }
    let mut budget = Budget::new();
    file.unpack_object_streams(&mut budget)?;
    let text = content::extract(&file, &mut budget)?;
    if text.trim().is_empty() {
        return Err(Unreadable::Format("pdf-no-text"));
    }
    Ok(text)
}
