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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_text_is_scanned_once_and_a_new_text_again() {
        let memo = SourceScans::default();
        let text: Arc<str> = Arc::from("联系人身份证号 110101199003074514。");
        let first = SourceScans::scan(Some(&memo), "a.md", &text);
        assert_eq!(first.len(), 1);
        let again = SourceScans::scan(Some(&memo), "a.md", &text);
        assert!(
            Arc::ptr_eq(&first, &again),
            "the same text was scanned again"
        );
        // Equal bytes in a new allocation (the file was read again).
        let reread: Arc<str> = Arc::from(&*text);
        let rescanned = SourceScans::scan(Some(&memo), "a.md", &reread);
        assert!(!Arc::ptr_eq(&first, &rescanned));
        assert_eq!(*first, *rescanned);
        let edited: Arc<str> = Arc::from("已脱敏。");
        let kept = SourceScans::scan(Some(&memo), "a.md", &edited);
        assert!(kept.is_empty());
        // A file no longer in the tree is forgotten.
        memo.retain(&std::collections::HashSet::new());
        let after = SourceScans::scan(Some(&memo), "a.md", &edited);
        assert!(
            !Arc::ptr_eq(&kept, &after),
            "a deleted source was remembered"
        );
    }
}
