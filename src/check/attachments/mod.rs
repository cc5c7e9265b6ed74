//! The text of attachments published beside pages, for the personal-data
//! scanner. A list of names in a spreadsheet or a scanned form turned PDF
//! leaks as surely as a page does, so each format the offices publish is
//! read down to its text; what cannot be read is said, never skipped.
//!
//! Everything here is pure Rust and bounded: every decompressed part or
//! stream is capped at [`MAX_PART`] bytes and an attachment as a whole at
//! [`MAX_TOTAL`], so a zip or deflate bomb is reported as damaged instead
//! of exhausting memory.

mod docx;
mod package;
mod pdf;
mod plain;
mod xlsx;
mod xml_text;

#[cfg(test)]
mod tests;

use std::io::Read;

/// Why an attachment's text could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreadable {
    /// A format whose text is not read (legacy binary formats such as
    /// "doc", "wps", "et"), or "pdf-no-text" for a PDF without a text layer.
    Format(&'static str),
    /// The file is broken, too large once decompressed, or in an encoding
    /// that is not converted; the message says which.
    Damaged(String),
    /// The file is password-protected.
    Encrypted,
}

/// Largest decompressed size of one part (a zip member or a PDF stream).
pub const MAX_PART: u64 = 64 * 1024 * 1024;

/// Largest decompressed size of all the parts of one attachment together:
/// many parts just under [`MAX_PART`] are a bomb too.
pub const MAX_TOTAL: u64 = 256 * 1024 * 1024;

/// The text of an attachment, by file extension (lower-case, no dot), for
/// scanning.
///
/// - txt/csv/md/html/htm: the bytes as UTF-8 (lossy). A UTF-16 file with a
///   byte-order mark is decoded; a GB18030/GBK file is reported as
///   [`Unreadable::Damaged`] naming GBK, since it is not converted.
/// - docx (docm, dotx): the text of the body, headers, footers, footnotes,
///   endnotes and comments, paragraphs separated by newlines and table cells
///   by tabs. Deleted text of tracked changes is kept: it is still published.
/// - xlsx (xlsm, xltx): every worksheet, hidden ones included, each
///   prefixed with its name; one row per line, cells separated by tabs,
///   numbers as stored.
/// - pdf: best effort, the strings of the text operators, mapped through
///   ToUnicode CMaps where the fonts have them.
/// - doc, xls, ppt, wps, et, dps, rtf, pptx and OpenDocument files:
///   [`Unreadable::Format`], so the caller can ask for a readable copy.
///
/// `Ok(None)` for extensions that carry no text worth scanning (images etc.).
pub fn extract_text(ext: &str, bytes: &[u8]) -> Result<Option<String>, Unreadable> {
    let text = match ext {
        "txt" | "csv" | "md" | "html" | "htm" => plain::text(bytes)?,
        "docx" | "docm" | "dotx" => docx::text(bytes)?,
        "xlsx" | "xlsm" | "xltx" => xlsx::text(bytes)?,
        "pdf" => pdf::text(bytes)?,
        _ => return unread_format(ext).map_or(Ok(None), |f| Err(Unreadable::Format(f))),
    };
    Ok(Some(text))
}

/// The formats known to hold text that this module does not read, as the
/// static name [`Unreadable::Format`] carries.
fn unread_format(ext: &str) -> Option<&'static str> {
    const UNREAD: &[&str] = &[
        "doc", "xls", "ppt", "wps", "et", "dps", "rtf", "pptx", "odt", "ods", "odp",
    ];
    UNREAD.iter().copied().find(|&f| f == ext)
}

/// What is left of an attachment's decompression allowance ([`MAX_TOTAL`]),
/// through which every decompressed part is read.
struct Budget {
    left: u64,
}

impl Budget {
    fn new() -> Self {
        Budget { left: MAX_TOTAL }
    }

    /// Reads `from` to its end, failing with [`Unreadable::Damaged`] past
    /// [`MAX_PART`] or past what is left of the allowance: the guard
    /// against decompression bombs. `what` names the part in messages.
    fn read(&mut self, from: impl Read, what: &str) -> Result<Vec<u8>, Unreadable> {
        let (out, error) = self.read_partial(from, what)?;
        match error {
            Some(e) => Err(Unreadable::Damaged(format!("{what}: {e}"))),
            None => Ok(out),
        }
    }

    /// Like [`Budget::read`], but a read error ends the data instead of
    /// failing: a truncated PDF stream still holds the text before the cut.
    fn read_partial(
        &mut self,
        from: impl Read,
        what: &str,
    ) -> Result<(Vec<u8>, Option<std::io::Error>), Unreadable> {
        let limit = self.left.min(MAX_PART);
        let mut out = Vec::new();
        let error = from.take(limit + 1).read_to_end(&mut out).err();
        if out.len() as u64 > limit {
            return Err(too_large(what, limit));
        }
        self.left -= out.len() as u64;
        Ok((out, error))
    }
}

/// The error for a part that went past `limit`: the part's own cap, or
/// what was left of the attachment's allowance.
fn too_large(what: &str, limit: u64) -> Unreadable {
    let message = if limit < MAX_PART {
        format!(
            "the file decompresses to more than {} MiB in all",
            MAX_TOTAL >> 20
        )
    } else {
        format!("{what} decompresses to more than {} MiB", MAX_PART >> 20)
    };
    Unreadable::Damaged(message)
}
