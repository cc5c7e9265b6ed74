//! Tests of attachment text extraction, on files built here: small zip
//! packages written with the `zip` crate, and hand-written PDFs.

mod docx;
mod pdf;
mod plain;
mod xlsx;

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::{Unreadable, extract_text};

/// A planted resident ID number (valid check digit).
const ID: &str = "11010519491231002X";
/// A planted mobile number.
const PHONE: &str = "13812341234";

/// The text of an attachment that must be readable.
fn text_of(ext: &str, bytes: &[u8]) -> String {
    match extract_text(ext, bytes) {
        Ok(Some(text)) => text,
        other => panic!("expected text from .{ext}, got {other:?}"),
    }
}

/// The error an unreadable attachment gives.
fn error_of(ext: &str, bytes: &[u8]) -> Unreadable {
    match extract_text(ext, bytes) {
        Err(e) => e,
        Ok(text) => panic!("expected .{ext} to be unreadable, got {text:?}"),
    }
}

/// A zip archive of `parts` (name, content), deflated.
fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, content) in parts {
        writer.start_file(*name, options).expect("start part");
        writer.write_all(content).expect("write part");
    }
    writer.finish().expect("finish zip").into_inner()
}

#[test]
fn images_and_unknown_extensions_carry_no_text() {
    for ext in ["png", "jpg", "gif", "zip", ""] {
        assert_eq!(extract_text(ext, b"\x89PNG\r\n"), Ok(None), ".{ext}");
    }
}

#[test]
fn legacy_binary_formats_are_named() {
    for ext in ["doc", "wps", "et", "xls", "ppt", "dps", "pptx", "odt"] {
        assert_eq!(extract_text(ext, b"anything"), Err(Unreadable::Format(ext)));
    }
}
