//! What the personal-data scanner found in each source text, kept by the
//! preview between rebuilds.
//!
//! A front-matter edit makes the preview check every source again, and
//! scanning 10,000 texts that did not change was a fourteenth of that
//! rebuild. The load cache hands out the same text allocation while a file
//! is unchanged, so a text's findings are looked up by its identity; each
//! entry holds its text, so no other text can take that address meanwhile.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use super::personal_data::{self, Finding};

/// Scanner findings by source path, with the text they were found in.
#[derive(Default)]
pub struct SourceScans {
    by_source: Mutex<HashMap<String, Scanned>>,
}

/// A text, and what the scanner found in it.
struct Scanned {
    text: Arc<str>,
    found: Arc<[Finding]>,
}

impl SourceScans {
    /// The findings in `text`, the text of the source `rel`: remembered
    /// when it is the text scanned last time, else scanned now.
    pub fn scan(memo: Option<&SourceScans>, rel: &str, text: &Arc<str>) -> Arc<[Finding]> {
        let Some(memo) = memo else {
            return personal_data::scan(text).into();
        };
        let known = memo
            .by_source
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(rel)
            .filter(|scanned| Arc::ptr_eq(&scanned.text, text))
            .map(|scanned| scanned.found.clone());
        if let Some(found) = known {
            return found;
        }
        let found: Arc<[Finding]> = personal_data::scan(text).into();
        memo.by_source
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(
                rel.to_string(),
                Scanned {
                    text: text.clone(),
                    found: found.clone(),
                },
            );
        found
    }

    /// Forgets the sources not in `keep` (deleted or renamed files).
    pub fn retain(&self, keep: &std::collections::HashSet<&str>) {
        self.by_source
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|rel, _| keep.contains(rel.as_str()));
    }
}
