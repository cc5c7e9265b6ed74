//! The search index in the preview: rebuilt from the pages in memory only
//! when a rebuild rendered a page that is or was indexed, or added or
//! removed an HTML output; otherwise the previous index files are kept as
//! they were. An edit that touches no indexed page costs nothing here.

use std::collections::HashMap;
use std::sync::Arc;

use super::store::{Entry, Store};
use crate::diagnostic::Diagnostic;
use crate::search;

/// Puts the search index into `store`, the new preview site.
pub fn refresh(
    store: &mut Store,
    previous: &Store,
    rendered: &HashMap<String, Arc<[u8]>>,
    base_path: &str,
) -> Result<(), Diagnostic> {
    let prefix = format!("{}/", search::DIR);
    let had_index = previous.files.contains_key(&format!("{prefix}pagefind.js"));
    // A rendered page that is indexed now, or was before (a template that
    // dropped `data-pagefind-body` takes the page out of the index).
    let was_indexed = |path: &str| {
        previous
            .bytes(path)
            .is_some_and(|b| search::indexable(path, &b))
    };
    let pages_changed = rendered
        .iter()
        .any(|(path, bytes)| search::indexable(path, bytes) || was_indexed(path))
        || html_paths(store) != html_paths(previous);
    if had_index && !pages_changed {
        for (path, entry) in &previous.files {
            if path.starts_with(&prefix) {
                store.files.insert(path.clone(), entry.clone());
            }
        }
        return Ok(());
    }
    let pages = store.files.iter().filter_map(|(path, entry)| match entry {
        Entry::Bytes(b) => Some((path.as_str(), &b[..])),
        Entry::File(_) => None,
    });
    let files = search::index_all(base_path, pages).map_err(search::index_error)?;
    for (path, bytes) in files {
        store.files.insert(path, Entry::Bytes(Arc::from(bytes)));
    }
    Ok(())
}

fn html_paths(store: &Store) -> std::collections::BTreeSet<&str> {
    store
        .files
        .keys()
        .filter(|p| p.ends_with(".html"))
        .map(String::as_str)
        .collect()
}
