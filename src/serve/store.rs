//! The built site as the preview server holds it: rendered outputs in
//! memory, copied files (theme statics, content assets) by their path.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use crate::diagnostic::Diagnostic;
use crate::render::Sink;

#[derive(Debug, Clone)]
pub enum Entry {
    Bytes(Arc<[u8]>),
    /// A file copied as is; read when requested.
    File(PathBuf),
}

/// One complete preview site. Replaced as a whole after each good rebuild,
/// so a request never sees half of a rebuild.
#[derive(Debug, Default, Clone)]
pub struct Store {
    pub files: HashMap<String, Entry>,
}

impl Store {
    pub fn get(&self, path: &str) -> Option<&Entry> {
        self.files.get(path)
    }

    pub fn bytes(&self, path: &str) -> Option<Arc<[u8]>> {
        match self.files.get(path)? {
            Entry::Bytes(b) => Some(b.clone()),
            Entry::File(_) => None,
        }
    }

    /// Output paths whose content differs between two stores.
    pub fn changed_since(&self, old: &Store, touched: &[PathBuf]) -> Vec<String> {
        let mut changed: Vec<String> = self
            .files
            .iter()
            .filter(|(path, entry)| match (entry, old.files.get(*path)) {
                // Pointers first: `Arc<[u8]>`'s `==` compares every byte.
                (Entry::Bytes(a), Some(Entry::Bytes(b))) => !Arc::ptr_eq(a, b) && a != b,
                (Entry::File(a), Some(Entry::File(b))) => a != b || touched.contains(a),
                _ => true,
            })
            .map(|(p, _)| p.clone())
            .collect();
        changed.extend(
            old.files
                .keys()
                .filter(|p| !self.files.contains_key(*p))
                .cloned(),
        );
        changed.sort();
        changed
    }
}

/// A sink that keeps rendered outputs in memory.
#[derive(Default)]
pub struct Collect {
    outputs: Mutex<HashMap<String, Arc<[u8]>>>,
}

impl Collect {
    pub fn into_map(self) -> HashMap<String, Arc<[u8]>> {
        self.outputs.into_inner().expect("collect lock")
    }
}

impl Sink for Collect {
    fn put(&self, path: &str, text: &str) -> Result<(), Diagnostic> {
        self.outputs
            .lock()
            .expect("collect lock")
            .insert(path.to_string(), Arc::from(text.as_bytes()));
        Ok(())
    }
}

/// The content type of an output, by its extension.
pub fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
    match ext.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" if path.ends_with("atom.xml") => "application/atom+xml; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        "woff2" => "font/woff2",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "doc" => "application/msword",
        "xls" => "application/vnd.ms-excel",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_by_extension() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("x.WASM"), "application/wasm");
        assert_eq!(
            content_type("atom.xml"),
            "application/atom+xml; charset=utf-8"
        );
        assert_eq!(
            content_type("search-index/terms/1.json"),
            "application/json"
        );
    }
}
