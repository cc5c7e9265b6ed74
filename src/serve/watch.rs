//! Watching the site for edits: content, templates, theme, static and data
//! folders and `gazette.toml`. Reads (`Access` events) are ignored, editors'
//! temporary files too, and a newly created folder is walked, because files
//! written into a brand-new folder can arrive before its watch does.

use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use super::session::relevant;

/// Quiet time before a batch of events becomes one rebuild.
pub const DEBOUNCE: Duration = Duration::from_millis(25);

const FOLDERS: &[&str] = &["content", "templates", "themes", "static", "data"];

pub type Watcher = Debouncer<notify::RecommendedWatcher, RecommendedCache>;

/// Starts watching `root`; each debounced batch of relevant paths is sent on
/// `batches`. Top-level folders created later are watched on the next batch.
pub fn start(root: &Path, batches: Sender<Vec<PathBuf>>) -> notify::Result<Watcher> {
    let root_for_handler = root.to_path_buf();
    let mut debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| {
        let Ok(events) = result else { return };
        let mut paths = Vec::new();
        for event in events {
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
    debouncer.watch(root, RecursiveMode::NonRecursive)?;
    watch_folders(&mut debouncer, root);
    Ok(debouncer)
}

/// Watches every top-level site folder that exists (again is harmless).
pub fn watch_folders(debouncer: &mut Watcher, root: &Path) {
    for f in FOLDERS {
        let dir = root.join(f);
        if dir.is_dir() {
            let _ = debouncer.watch(&dir, RecursiveMode::Recursive);
        }
    }
}

/// Every file under a folder that just appeared.
fn rescan(dir: &Path, paths: &mut Vec<PathBuf>) {
    for entry in walkdir::WalkDir::new(dir).into_iter().flatten() {
        if entry.file_type().is_file() {
            paths.push(entry.into_path());
        }
    }
}
