//! The Pagefind index itself, on a thread of its own: pages come in through
//! a channel while the build goes on; the index files come out at the end.

use std::collections::BTreeMap;
use std::sync::mpsc;
use std::thread::JoinHandle;

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

/// The index files, by output path (`pagefind/pagefind.js`, …).
pub type Files = Vec<(String, Vec<u8>)>;

/// Files Pagefind emits that the default theme does not use: its ready-made
/// interfaces (the theme has its own search page), the highlighter and the
/// playground.
fn wanted(name: &str) -> bool {
    !(name.starts_with("pagefind-ui.")
        || name.starts_with("pagefind-highlight.")
        || name.starts_with("pagefind-modular-ui.")
        || name.starts_with("pagefind-component-ui.")
        || name.starts_with("playground/"))
}

pub struct Indexer {
    tx: mpsc::Sender<(String, String)>,
    thread: JoinHandle<Result<Files, String>>,
}

impl Indexer {
    /// Starts the thread; `placeholders` (sorted URLs) fix the page order.
    pub fn start(placeholders: Vec<String>) -> Indexer {
        let (tx, rx) = mpsc::channel::<(String, String)>();
        let thread = std::thread::spawn(move || run(placeholders, rx));
        Indexer { tx, thread }
    }

    pub fn add(&self, url: String, html: String) {
        // A send fails only when the thread has already stopped on an
        // error, which `finish` reports.
        let _ = self.tx.send((url, html));
    }

    pub fn finish(self) -> Result<Files, String> {
        drop(self.tx);
        self.thread
            .join()
            .unwrap_or_else(|_| Err("the indexing thread panicked".into()))
    }
}

fn run(placeholders: Vec<String>, rx: mpsc::Receiver<(String, String)>) -> Result<Files, String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| e.to_string())?;
    runtime.block_on(async move {
        let mut index = new_index()?;
        for url in placeholders {
            index
                .add_custom_record(url, String::new(), "zh".into(), None, None, None)
                .await
                .map_err(|e| e.to_string())?;
        }
        while let Ok((url, html)) = rx.recv() {
            index
                .add_html_file(None, Some(url), html)
                .await
                .map_err(|e| e.to_string())?;
        }
        files(&mut index).await
    })
}

fn new_index() -> Result<PagefindIndex, String> {
    // The whole site is Chinese (or mixed Chinese and English, which the
    // Chinese segmenter handles): one index, whatever `lang` a page says.
    let options = PagefindServiceConfig::builder()
        .force_language("zh".to_string())
        .build();
    PagefindIndex::new(Some(options)).map_err(|e| e.to_string())
}

async fn files(index: &mut PagefindIndex) -> Result<Files, String> {
    let files = index.get_files().await.map_err(|e| e.to_string())?;
    let mut out: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for f in files {
        let name = f.filename.to_string_lossy().replace('\\', "/");
        if wanted(&name) {
            out.insert(format!("{}/{name}", super::DIR), f.contents);
        }
    }
    Ok(out.into_iter().collect())
}

/// Indexes a complete set of outputs at once (the preview server, which
/// holds every page in memory): `pages` are `(output path, bytes)`.
pub fn index_all<'p>(
    base_path: &str,
    pages: impl Iterator<Item = (&'p str, &'p [u8])>,
) -> Result<Files, String> {
    let mut pages: Vec<(String, String)> = pages
        .filter(|(path, bytes)| super::indexable(path, bytes))
        .map(|(path, bytes)| (super::url_of(base_path, path), super::indexed_text(bytes)))
        .collect();
    pages.sort();
    let indexer = Indexer::start(Vec::new());
    for (url, html) in pages {
        indexer.add(url, html);
    }
    indexer.finish()
}
