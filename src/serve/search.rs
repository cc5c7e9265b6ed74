//! The search index in the preview, kept current without holding up a
//! rebuild. Indexing the whole site costs far more than re-rendering one
//! page (every page is read again: under a second at 10,000
//! pages), so a rebuild publishes its pages at once, with the previous
//! index carried over, and a worker thread re-indexes the new pages in the
//! background and then swaps the fresh index files into the served site.
//! The worker indexes only the latest site it was handed, only when an
//! indexed page changed, appeared or went away, and only once someone uses
//! the search (asks for the search page or an index file) since the last
//! index: an editor typing in one page should not pay for it on every save.

use std::collections::HashMap;
use std::sync::{Arc, RwLock, mpsc};

use rayon::prelude::*;

use super::store::{Entry, Store};
use crate::search;

/// The page the default theme's search runs on; a site without it (search
/// turned off) is not indexed.
const SEARCH_PAGE: &str = "search/index.html";

#[derive(Clone)]
pub struct Indexer {
    tx: mpsc::Sender<Message>,
}

enum Message {
    /// A site was published.
    Site(Arc<Store>),
    /// The search was used.
    Wanted,
}

impl Indexer {
    /// Starts the worker; it updates `served` when an index is ready.
    pub fn start(served: Arc<RwLock<Arc<Store>>>) -> Indexer {
        let (tx, rx) = mpsc::channel::<Message>();
        std::thread::spawn(move || {
            let mut indexed: HashMap<String, Arc<[u8]>> = HashMap::new();
            let mut last: Vec<(String, Arc<[u8]>)> = Vec::new();
            let mut pending: Option<Arc<Store>> = None;
            let mut wanted = false;
            while let Ok(message) = rx.recv() {
                for message in std::iter::once(message).chain(rx.try_iter()) {
                    match message {
                        Message::Site(site) => pending = Some(site),
                        Message::Wanted => wanted = true,
                    }
                }
                if !wanted {
                    continue;
                }
                let Some(site) = pending.take() else {
                    continue;
                };
                wanted = false;
                let pages = indexable_pages(&site);
                if same_pages(&pages, &indexed) && !last.is_empty() {
                    // Same pages; a rebuild that raced with the last
                    // publication may still carry an older index.
                    if index_paths(&site) != last.iter().map(|(p, _)| p.as_str()).collect() {
                        publish(&served, &last);
                    }
                    continue;
                }
                let files =
                    search::index_all("/", pages.par_iter().map(|(p, b)| (p.as_str(), &b[..])));
                last = files
                    .into_iter()
                    .map(|(p, b)| (p, Arc::from(b.into_bytes())))
                    .collect();
                publish(&served, &last);
                indexed = pages;
            }
        });
        Indexer { tx }
    }

    /// Asks for the index of `site`, the site just published.
    pub fn request(&self, site: Arc<Store>) {
        if site.files.contains_key(SEARCH_PAGE) {
            let _ = self.tx.send(Message::Site(site));
        }
    }

    /// Notes that `path` was requested: the search page or an index file
    /// means the search is in use, and the index should follow the site.
    pub fn requested(&self, path: &str) {
        let path = path.trim_start_matches('/');
        if path == SEARCH_PAGE || path == "search/" || is_index_file(path) {
            let _ = self.tx.send(Message::Wanted);
        }
    }
}

/// Keeps the index of the site being replaced until the worker has a new
/// one: a rebuild's store never has index files of its own.
pub fn carry_over(new: &mut Store, old: &Store) {
    for (path, entry) in &old.files {
        if is_index_file(path) {
            new.files
                .entry(path.clone())
                .or_insert_with(|| entry.clone());
        }
    }
}

fn is_index_file(path: &str) -> bool {
    path.strip_prefix(search::DIR)
        .is_some_and(|rest| rest.starts_with('/'))
}

fn index_paths(site: &Store) -> std::collections::BTreeSet<&str> {
    site.files
        .keys()
        .filter(|p| is_index_file(p))
        .map(String::as_str)
        .collect()
}

/// Equal maps, comparing pointers before bytes (`Arc<[u8]>`'s `==`
/// compares every byte, and most pages are the same allocation).
fn same_pages(a: &HashMap<String, Arc<[u8]>>, b: &HashMap<String, Arc<[u8]>>) -> bool {
    a.len() == b.len()
        && a.iter().all(|(path, x)| {
            b.get(path)
                .is_some_and(|y| Arc::ptr_eq(x, y) || x[..] == y[..])
        })
}

fn indexable_pages(site: &Store) -> HashMap<String, Arc<[u8]>> {
    site.files
        .iter()
        .filter_map(|(path, entry)| match entry {
            Entry::Bytes(b) if search::indexable(path, b) => Some((path.clone(), b.clone())),
            _ => None,
        })
        .collect()
}

/// Replaces the index files of the site being served by `files`.
fn publish(served: &RwLock<Arc<Store>>, files: &[(String, Arc<[u8]>)]) {
    let mut guard = served.write().expect("store lock");
    let mut site = Store::clone(&guard);
    site.files.retain(|path, _| !is_index_file(path));
    for (path, bytes) in files {
        site.files.insert(path.clone(), Entry::Bytes(bytes.clone()));
    }
    *guard = Arc::new(site);
}
