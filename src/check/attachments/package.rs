//! Office Open XML packages (docx, xlsx): zip archives of XML parts.
//!
//! Part names are matched without regard to ASCII case, as the OPC
//! standard says, and every part is read through the attachment's
//! [`Budget`], so a zip bomb is reported as damaged.

use std::io::Cursor;

use zip::ZipArchive;
use zip::result::ZipError;

use super::plain::utf16_with_bom;
use super::{Budget, Unreadable};

/// The signature of an OLE compound file: the container of the legacy
/// binary formats, and of password-protected OOXML files.
const COMPOUND_FILE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// An opened package, its part names, and the decompression allowance.
pub(super) struct Package<'a> {
    archive: ZipArchive<Cursor<&'a [u8]>>,
    /// Each part's name, as stored, with its index in the archive.
    names: Vec<(String, usize)>,
    budget: Budget,
}

impl<'a> Package<'a> {
    /// Opens a package. Office saves a password-protected document as an
    /// OLE compound file holding an `EncryptedPackage` stream: that is
    /// [`Unreadable::Encrypted`]; any other compound file is a legacy binary
    /// document renamed, reported as the format `legacy` ("doc", "xls").
    pub(super) fn open(bytes: &'a [u8], legacy: &'static str) -> Result<Self, Unreadable> {
        if bytes.starts_with(COMPOUND_FILE) {
            return Err(if holds_encrypted_package(bytes) {
                Unreadable::Encrypted
            } else {
                Unreadable::Format(legacy)
            });
        }
        let archive = ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| Unreadable::Damaged(format!("not a readable zip package: {e}")))?;
        let names = archive
            .file_names()
            .enumerate()
            .filter_map(|(i, name)| Some((name.ok()?.into_owned(), i)))
            .collect();
        Ok(Package {
            archive,
            names,
            budget: Budget::new(),
        })
    }

    /// The names of the parts for which `wanted` (given the lower-cased
    /// name) is true, in archive order.
    pub(super) fn names_where(&self, wanted: impl Fn(&str) -> bool) -> Vec<String> {
        self.names
            .iter()
            .filter(|(name, _)| wanted(&name.to_ascii_lowercase()))
            .map(|(name, _)| name.clone())
            .collect()
    }

    /// The text of part `name` (any case), or `None` if there is no such
    /// part. A part with a password is [`Unreadable::Encrypted`].
    pub(super) fn read(&mut self, name: &str) -> Result<Option<String>, Unreadable> {
        let Some(&(_, index)) = self
            .names
            .iter()
            .find(|(stored, _)| stored.eq_ignore_ascii_case(name))
        else {
            return Ok(None);
        };
        let file = self
            .archive
            .by_index(index)
            .map_err(|e| zip_error(name, e))?;
        let bytes = self.budget.read(file, name)?;
        Ok(Some(xml_source(&bytes)))
    }
}

/// True if a compound file's directory names an `EncryptedPackage` stream
/// (directory names are UTF-16LE).
fn holds_encrypted_package(bytes: &[u8]) -> bool {
    let name: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    memchr::memmem::find(bytes, &name).is_some()
}

/// The error for a part that cannot be opened.
fn zip_error(name: &str, e: ZipError) -> Unreadable {
    match e {
        ZipError::UnsupportedArchive(ZipError::PASSWORD_REQUIRED) => Unreadable::Encrypted,
        e => Unreadable::Damaged(format!("{name}: {e}")),
    }
}

/// The text of an XML part: UTF-8 (the rule in OOXML), or UTF-16 with a
/// byte-order mark, which the XML standard also allows.
fn xml_source(bytes: &[u8]) -> String {
    utf16_with_bom(bytes).unwrap_or_else(|| {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        String::from_utf8_lossy(bytes).into_owned()
    })
}
