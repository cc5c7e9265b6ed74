//! Watching the site for edits: content, templates, theme, static and data
//! folders and `gazette.toml`. Reads (`Access` events) are ignored, editors'
//! temporary files too, and a newly created folder is walked, because files
//! written into a brand-new folder can arrive before its watch does. The
//! rebuild trusts the list (see `load::Cache`), so lost events are reported
//! as every folder touched.

use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use super::session::relevant;

/// Quiet time before a batch of events becomes one rebuild.
/// An editor's save (write a temporary file, rename it over the page) takes
/// a millisecond or two, so 15 ms keeps a save one batch while adding
/// little to the time an edit takes to reach the browser.
pub const DEBOUNCE: Duration = Duration::from_millis(15);

const FOLDERS: &[&str] = &["content", "templates", "themes", "static", "data"];

/// The debouncer and the top-level folders it watches recursively.
pub struct Watcher {
    debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
    /// Watching a folder again walks all of it (notify adds a watch per
    /// subfolder), so each is watched once, and again only when it was
    /// itself replaced.
    watched: std::collections::HashSet<PathBuf>,
}

/// Starts watching `root`; each debounced batch of relevant paths is sent on
/// `batches`. Top-level folders created later are watched on the next batch.
pub fn start(root: &Path, batches: Sender<Vec<PathBuf>>) -> notify::Result<Watcher> {
    let root_for_handler = root.to_path_buf();
    let debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| {
        let mut paths = Vec::new();
        let events = match result {
            Ok(events) => events,
            Err(_) => {
                lost(&root_for_handler, &mut paths);
                Vec::new()
            }
        };
        for event in events {
            if event.need_rescan() {
                lost(&root_for_handler, &mut paths);
            }
            if matches!(event.kind, EventKind::Access(_)) {
                continue;
            }
            for path in &event.paths {
                if !relevant(&root_for_handler, path) {
                    continue;
                }
                if matches!(event.kind, EventKind::Create(_)) && path.is_dir() {
                    rescan(path, &mut paths);
                }
                paths.push(path.clone());
            }
        }
        if !paths.is_empty() {
            paths.sort();
            paths.dedup();
            let _ = batches.send(paths);
        }
    })?;
    let mut watcher = Watcher {
        debouncer,
        watched: Default::default(),
    };
    watcher.debouncer.watch(root, RecursiveMode::NonRecursive)?;
    watcher.watch_folders(root, &[]);
    Ok(watcher)
}

impl Watcher {
    /// Watches the top-level site folders not yet watched: new ones, and
    /// ones that were themselves `touched` (deleted and made again).
    pub fn watch_folders(&mut self, root: &Path, touched: &[PathBuf]) {
        for f in FOLDERS {
            let dir = root.join(f);
            if !dir.is_dir() {
                self.watched.remove(&dir);
                continue;
            }
            if (!self.watched.contains(&dir) || touched.contains(&dir))
                && self.debouncer.watch(&dir, RecursiveMode::Recursive).is_ok()
            {
                self.watched.insert(dir);
            }
        }
    }
}

/// The watcher lost events (its queue overflowed, a watch failed): every
/// site folder counts as touched, so the rebuild compares every file.
fn lost(root: &Path, paths: &mut Vec<PathBuf>) {
    paths.extend(FOLDERS.iter().map(|f| root.join(f)));
    paths.push(root.join(crate::config::CONFIG_FILE));
}

/// Every file under a folder that just appeared.
fn rescan(dir: &Path, paths: &mut Vec<PathBuf>) {
    for entry in walkdir::WalkDir::new(dir).into_iter().flatten() {
        if entry.file_type().is_file() {
            paths.push(entry.into_path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lost_events_touch_every_site_folder_and_the_configuration() {
        let root = Path::new("/site");
        let mut paths = Vec::new();
        lost(root, &mut paths);
        for f in FOLDERS {
            assert!(paths.contains(&root.join(f)), "{f}");
        }
        assert!(paths.contains(&root.join(crate::config::CONFIG_FILE)));
        // `content/` itself is not a file the last walk listed, so the load
        // walks the tree again and compares every file.
        assert!(paths.iter().all(|p| relevant(root, p)));
    }
}
