//! Incremental rendering: every template output gets a fingerprint of
//! everything its bytes are made from (template chain, globals, the values in
//! its context, and what its template functions can read). An output whose
//! fingerprint is the same as in the previous build is not rendered again.
//! Exactness does not depend on guessing dependencies: the fingerprint covers
//! the whole input, so a property test can compare with a clean build.

mod hash;
mod templates;

use std::collections::HashMap;
use std::sync::Mutex;

pub use hash::{Fingerprint, Known, hash_of, hash_value};
pub use templates::TemplateDeps;

/// Fingerprints of the previous build's outputs, and those of this build;
/// and what the personal-data scan found in the bytes of each output, so
/// that the outputs a rebuild keeps are not scanned again.
#[derive(Default)]
pub struct Memo {
    previous: HashMap<String, u64>,
    current: Mutex<HashMap<String, u64>>,
    pub findings: crate::check::rendered::KeptFindings,
}

impl Memo {
    /// Whether `output` was rendered from exactly these inputs last time.
    /// Records the fingerprint for the next build either way.
    pub fn unchanged(&self, output: &str, fingerprint: u64) -> bool {
        self.current
            .lock()
            .expect("memo lock")
            .insert(output.to_string(), fingerprint);
        self.previous.get(output) == Some(&fingerprint)
    }

    /// After a successful build: this build's fingerprints become the
    /// reference. After a failed one, call [`Memo::discard`] instead.
    pub fn commit(&mut self) {
        self.previous = std::mem::take(self.current.get_mut().expect("memo lock"));
    }

    /// After a successful patch, which fingerprinted only the outputs it
    /// could have changed: theirs are updated, the others' kept.
    pub fn commit_patch(&mut self) {
        let current = std::mem::take(self.current.get_mut().expect("memo lock"));
        self.previous.extend(current);
    }

    pub fn discard(&mut self) {
        self.current.get_mut().expect("memo lock").clear();
    }

    pub fn len(&self) -> usize {
        self.previous.len()
    }

    pub fn is_empty(&self) -> bool {
        self.previous.is_empty()
    }
}
