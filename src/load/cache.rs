//! Loaded files kept between rebuilds of the preview server. A file is read
//! again when its size, modification time or inode changed, or when the
//! watcher names it; otherwise its parsed `Source` (or its errors) is reused.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::diagnostic::Diagnostic;

use super::Source;

type Loaded = Result<Source, Vec<Diagnostic>>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
    inode: u64,
}

impl Stamp {
    fn of(path: &Path) -> Option<Stamp> {
        let meta = std::fs::metadata(path).ok()?;
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(&meta);
        #[cfg(not(unix))]
        let inode = 0;
        Some(Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            inode,
        })
    }
}

#[derive(Default)]
pub struct Cache {
    /// Behind a pointer: a lookup copies the pointer under the lock and the
    /// entry after it (copied under the lock, the render threads took
    /// turns: the load stage ran on one core).
    entries: Mutex<HashMap<PathBuf, Arc<(Stamp, Loaded)>>>,
    /// Taxonomy names the entries were parsed with: a change empties the cache.
    taxonomies: Vec<String>,
}

impl Cache {
    /// Forgets these files (the watcher saw them change).
    pub fn invalidate<'a>(&mut self, paths: impl IntoIterator<Item = &'a Path>) {
        let entries = self.entries.get_mut().expect("cache lock");
        for p in paths {
            // A file: one entry. A folder (renamed, deleted): all below it.
            if entries.remove(p).is_none() && !p.is_file() {
                entries.retain(|k, _| !k.starts_with(p));
            }
        }
    }

    pub(super) fn prepare(&mut self, taxonomies: &[String]) {
        if self.taxonomies != taxonomies {
            self.entries.get_mut().expect("cache lock").clear();
            self.taxonomies = taxonomies.to_vec();
        }
    }

    /// The cached result for `abs` if the file is unchanged, else `load()`.
    pub(super) fn get_or_load(&self, abs: &Path, load: impl FnOnce() -> Loaded) -> Loaded {
        let stamp = Stamp::of(abs);
        let entry = stamp.and_then(|_| self.entries.lock().expect("cache lock").get(abs).cloned());
        if let (Some(stamp), Some(entry)) = (stamp, entry)
            && entry.0 == stamp
        {
            return entry.1.clone();
        }
        let loaded = load();
        if let Some(stamp) = stamp {
            self.entries
                .lock()
                .expect("cache lock")
                .insert(abs.to_path_buf(), Arc::new((stamp, loaded.clone())));
        }
        loaded
    }

    /// Drops entries of files that no longer exist in the tree.
    pub(super) fn retain(&mut self, present: &[(PathBuf, String)]) {
        let keep: std::collections::HashSet<&Path> =
            present.iter().map(|(p, _)| p.as_path()).collect();
        self.entries
            .get_mut()
            .expect("cache lock")
            .retain(|k, _| keep.contains(k.as_path()));
    }
}
