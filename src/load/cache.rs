//! Loaded files kept between rebuilds of the preview server. A file is read
//! again when the watcher names it, or, when the rebuild cannot trust the
//! watcher's word alone, when its size, modification time or inode changed;
//! otherwise its parsed `Source` (or its errors) is reused.
//!
//! The walk of `content/` is kept too: while every change since it was an
//! edit of a file it listed, the tree holds the same files, so the next
//! rebuild neither walks it nor looks at the files the watcher did not name
//! (at 10,000 pages the load stage of a rebuild after a date edit went from
//! 21–37 ms to 7–12 ms). A new, deleted or renamed file, a folder, or
//! a rebuild without the watcher's list (the first one, a rescan after the
//! watcher lost events) walks and compares every file again.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::diagnostic::Diagnostic;

use super::{Asset, Source};

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

/// See [`Cache::invalidate`].
const MANY: usize = 64;

#[derive(Default)]
pub struct Cache {
    /// Behind a pointer: a lookup copies the pointer under the lock and the
    /// entry after it (copied under the lock, the render threads took
    /// turns: the load stage ran on one core).
    entries: Mutex<HashMap<PathBuf, Arc<(Stamp, Loaded)>>>,
    /// Taxonomy names the entries were parsed with: a change empties the cache.
    taxonomies: Vec<String>,
    /// The last walk, while the watcher has named every change since.
    walk: Option<Walk>,
}

/// What one walk of `content/` found.
pub(super) struct Walk {
    pub content: PathBuf,
    /// Markdown files: absolute path and path relative to `content/`.
    pub markdown: Vec<(PathBuf, String)>,
    pub assets: Vec<Asset>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Walk {
    /// Whether `path` is a file this walk listed (and still is one).
    fn lists(&self, path: &Path) -> bool {
        let listed = self.markdown.iter().any(|(abs, _)| abs == path)
            || self.assets.iter().any(|a| a.abs == path);
        listed && path.is_file()
    }
}

impl Cache {
    /// Forgets these files (the watcher saw them change). The last walk
    /// stands only if each of them under `content/` is a file it listed.
    pub fn invalidate<'a>(&mut self, paths: impl IntoIterator<Item = &'a Path>) {
        let entries = self.entries.get_mut().expect("cache lock");
        for (n, p) in paths.into_iter().enumerate() {
            // Many paths at once (a checkout, a copied tree): walking again
            // costs less than looking each one up in the walk's list.
            if n == MANY {
                self.walk = None;
            }
            // A file: one entry. A folder (renamed, deleted): all below it.
            let known = entries.remove(p).is_some();
            if !known && !p.is_file() {
                entries.retain(|k, _| !k.starts_with(p));
            }
            if let Some(walk) = &self.walk
                && p.starts_with(&walk.content)
                && !walk.lists(p)
            {
                self.walk = None;
            }
        }
    }

    /// Forgets the last walk: the next load walks `content/` and compares
    /// every file with what it was (the watcher's list is missing or
    /// incomplete).
    pub fn distrust(&mut self) {
        self.walk = None;
    }

    /// The last walk of `content`, if it still stands (given back with
    /// [`Cache::keep_walk`]).
    pub(super) fn take_walk(&mut self, content: &Path) -> Option<Walk> {
        self.walk.take().filter(|w| w.content == content)
    }

    /// Keeps `walk` for the next load.
    pub(super) fn keep_walk(&mut self, walk: Walk) {
        self.walk = Some(walk);
    }

    pub(super) fn prepare(&mut self, taxonomies: &[String]) {
        if self.taxonomies != taxonomies {
            self.entries.get_mut().expect("cache lock").clear();
            self.taxonomies = taxonomies.to_vec();
        }
    }

    /// The cached result for `abs` if the file is unchanged, else `load()`.
    /// `trusted`: an entry is unchanged because the watcher did not name
    /// its file (see the module's documentation); else its stamp decides.
    pub(super) fn get_or_load(
        &self,
        abs: &Path,
        trusted: bool,
        load: impl FnOnce() -> Loaded,
    ) -> Loaded {
        if trusted && let Some(entry) = self.entries.lock().expect("cache lock").get(abs).cloned() {
            return entry.1.clone();
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn page(title: &str) -> String {
        format!("+++\ntitle = \"{title}\"\ndate = 2024-05-06\n+++\n正文。\n")
    }

    fn titles(root: &Path, cache: &mut Cache) -> Vec<String> {
        let loaded = crate::load::load_cached(root, &[], Some(cache));
        assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
        loaded
            .sources
            .iter()
            .map(|s| s.front.title.clone().unwrap_or_default())
            .collect()
    }

    /// A site with `content/a.md` and `content/b.md`, loaded once.
    fn site() -> (tempfile::TempDir, Cache) {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        std::fs::create_dir(&content).unwrap();
        std::fs::write(content.join("a.md"), page("甲")).unwrap();
        std::fs::write(content.join("b.md"), page("乙")).unwrap();
        let mut cache = Cache::default();
        assert_eq!(titles(dir.path(), &mut cache), ["甲", "乙"]);
        assert!(cache.walk.is_some());
        (dir, cache)
    }

    #[test]
    fn an_edit_of_a_listed_file_keeps_the_walk_and_reloads_that_file() {
        let (dir, mut cache) = site();
        let b = dir.path().join("content/b.md");
        std::fs::write(&b, page("丙")).unwrap();
        cache.invalidate([b.as_path()]);
        assert!(cache.walk.is_some());
        assert_eq!(titles(dir.path(), &mut cache), ["甲", "丙"]);
    }

    #[test]
    fn a_new_file_or_folder_walks_again() {
        let (dir, mut cache) = site();
        let c = dir.path().join("content/c.md");
        std::fs::write(&c, page("丁")).unwrap();
        cache.invalidate([c.as_path()]);
        assert!(cache.walk.is_none());
        assert_eq!(titles(dir.path(), &mut cache), ["甲", "乙", "丁"]);

        let folder = dir.path().join("content/new");
        std::fs::create_dir(&folder).unwrap();
        std::fs::write(folder.join("d.md"), page("戊")).unwrap();
        cache.invalidate([folder.as_path()]);
        assert!(cache.walk.is_none());
        assert_eq!(titles(dir.path(), &mut cache), ["甲", "乙", "丁", "戊"]);
    }

    #[test]
    fn a_deleted_file_walks_again() {
        let (dir, mut cache) = site();
        let a = dir.path().join("content/a.md");
        std::fs::remove_file(&a).unwrap();
        cache.invalidate([a.as_path()]);
        assert!(cache.walk.is_none());
        assert_eq!(titles(dir.path(), &mut cache), ["乙"]);
    }

    #[test]
    fn without_the_watchers_list_every_file_is_compared() {
        let (dir, mut cache) = site();
        // Not reported: a rebuild without a list must still see it.
        std::fs::write(dir.path().join("content/a.md"), page("己己")).unwrap();
        cache.distrust();
        assert_eq!(titles(dir.path(), &mut cache), ["己己", "乙"]);
    }

    #[test]
    fn the_content_folder_touched_reloads_every_file() {
        // What the watcher reports when it lost events (`serve::watch`).
        let (dir, mut cache) = site();
        std::fs::write(dir.path().join("content/a.md"), page("庚庚")).unwrap();
        cache.invalidate([dir.path().join("content").as_path()]);
        assert!(cache.walk.is_none());
        assert_eq!(titles(dir.path(), &mut cache), ["庚庚", "乙"]);
    }

    #[test]
    fn paths_outside_content_keep_the_walk_and_many_paths_drop_it() {
        let (dir, mut cache) = site();
        let template = dir.path().join("templates/page.html");
        cache.invalidate([template.as_path()]);
        assert!(cache.walk.is_some());
        let b = dir.path().join("content/b.md");
        cache.invalidate(std::iter::repeat_n(b.as_path(), MANY + 1));
        assert!(cache.walk.is_none());
        assert_eq!(titles(dir.path(), &mut cache), ["甲", "乙"]);
    }
}
