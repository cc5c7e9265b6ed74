//! `gazette serve`: build into memory, serve on localhost, rebuild
//! incrementally on every edit and reload open pages. A failed rebuild keeps
//! the last good site served and shows the errors over the page.

mod http;
mod live;
mod patch;
mod search;
pub mod session;
pub mod store;
mod watch;

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock, mpsc};

use crate::{report, t};
pub use http::safe_path;
use live::Hub;
use session::{Outcome, Session, Settings};
use store::Store;

pub struct Options {
    pub root: PathBuf,
    pub bind: IpAddr,
    pub port: u16,
    pub profile: Option<String>,
    pub drafts: bool,
    pub now: Option<jiff::Zoned>,
}

/// Runs until interrupted. Errors here are the server's own (a port in use,
/// a site folder that does not exist), not the site's.
pub fn run(opts: Options) -> Result<(), String> {
    let root = opts
        .root
        .canonicalize()
        .map_err(|e| format!("{}: {e}", opts.root.display()))?;
    let listener =
        std::net::TcpListener::bind(SocketAddr::new(opts.bind, opts.port)).map_err(|e| {
            t!(
                format!(
                    "无法在 {}:{} 上监听：{e}（可用 --port 换一个端口）",
                    opts.bind, opts.port
                ),
                format!(
                    "cannot listen on {}:{}: {e} (try another --port)",
                    opts.bind, opts.port
                )
            )
        })?;
    listener.set_nonblocking(true).map_err(|e| e.to_string())?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let url = format!("http://{addr}/");
    let mut session = Session::new(Settings {
        root: root.clone(),
        profile: opts.profile,
        drafts: opts.drafts,
        now: opts.now,
        base_url: url.clone(),
    });
    let store = Arc::new(RwLock::new(Arc::new(Store::default())));
    let hub = Arc::new(Hub::new());
    let indexer = search::Indexer::start(store.clone());
    let mut publisher = Publisher {
        store: store.clone(),
        hub: hub.clone(),
        indexer: indexer.clone(),
        shown: Shown::default(),
    };
    let first = session.rebuild(&[], &Store::default());
    publisher.publish(first, &[]);
    println!(
        "{}",
        t!(
            format!("正在预览：{url}  （编辑文件后自动重建并刷新页面；Ctrl+C 退出）"),
            format!("previewing at {url}  (edits rebuild and reload the page; Ctrl+C to stop)")
        )
    );
    let (tx, rx) = mpsc::channel();
    let watcher = watch::start(&root, tx).map_err(|e| e.to_string())?;
    {
        let root = root.clone();
        std::thread::spawn(move || rebuild_loop(session, watcher, rx, &root, publisher));
    }
    let app = http::App {
        store,
        hub,
        roots: Arc::new(allowed_roots(&root)),
        indexer,
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener).map_err(|e| e.to_string())?;
        axum::serve(listener, http::router(app))
            .await
            .map_err(|e| e.to_string())
    })
}

fn rebuild_loop(
    mut session: Session,
    mut watcher: watch::Watcher,
    rx: mpsc::Receiver<Vec<PathBuf>>,
    root: &Path,
    mut publisher: Publisher,
) {
    while let Ok(mut touched) = rx.recv() {
        while let Ok(more) = rx.try_recv() {
            touched.extend(more);
        }
        watcher.watch_folders(root, &touched);
        let previous = publisher.store.read().expect("store lock").clone();
        let outcome = session.rebuild(&touched, &previous);
        publisher.publish(outcome, &touched);
        session.tidy();
    }
}

/// Where a rebuild goes: the served site, the open pages, the search
/// index and the terminal.
struct Publisher {
    store: Arc<RwLock<Arc<Store>>>,
    hub: Arc<Hub>,
    indexer: search::Indexer,
    shown: Shown,
}

impl Publisher {
    /// Swaps in the new store and reloads pages, or keeps the old one and
    /// shows the errors. The browser is told first; the terminal gets the
    /// same report after. The search index follows in the background.
    fn publish(&mut self, outcome: Outcome, touched: &[PathBuf]) {
        let (store, hub, indexer) = (&self.store, &self.hub, &self.indexer);
        let ms = outcome.elapsed.as_millis();
        let diagnostics: Vec<_> = outcome.diagnostics.clone().sorted();
        let summary = match outcome.store {
            Some(mut new) => {
                let changed = {
                    let old = store.read().expect("store lock");
                    search::carry_over(&mut new, &old);
                    new.changed_since(&old, touched)
                };
                let new = Arc::new(new);
                *store.write().expect("store lock") = new.clone();
                if changed.is_empty() {
                    hub.clean();
                } else {
                    hub.reloaded();
                }
                indexer.request(new);
                t!(
                    format!(
                        "重建完成：渲染 {} 个，变化 {} 个，用时 {ms} 毫秒",
                        outcome.rendered,
                        changed.len()
                    ),
                    format!(
                        "rebuilt: {} rendered, {} changed, {ms} ms",
                        outcome.rendered,
                        changed.len()
                    )
                )
            }
            None => {
                hub.failed(&diagnostics);
                t!(
                    format!(
                        "重建失败：{} 个错误；仍在预览上一次成功的版本（{ms} 毫秒）",
                        outcome.diagnostics.error_count()
                    ),
                    format!(
                        "rebuild failed: {} errors; still serving the last good build ({ms} ms)",
                        outcome.diagnostics.error_count()
                    )
                )
            }
        };
        self.shown.print(diagnostics);
        eprintln!("{summary}");
    }
}

/// What the terminal showed after the last rebuild: warnings shown then are
/// not repeated after every save (a large site can have hundreds), only
/// counted; errors are always shown.
#[derive(Default)]
struct Shown(std::collections::HashSet<String>);

impl Shown {
    fn print(&mut self, diagnostics: Vec<crate::diagnostic::Diagnostic>) {
        let now: std::collections::HashSet<String> =
            diagnostics.iter().map(ToString::to_string).collect();
        let (new, repeated): (Vec<_>, Vec<_>) = diagnostics
            .into_iter()
            .partition(|d| d.is_error() || !self.0.contains(&d.to_string()));
        report::print_all(new);
        if !repeated.is_empty() {
            eprintln!(
                "{}",
                t!(
                    format!("（另有 {} 条提示与上次相同，不再重复显示）", repeated.len()),
                    format!("({} findings as before, not repeated)", repeated.len())
                )
            );
        }
        self.0 = now;
    }
}

/// Copied files may come from the site or the theme folders only.
fn allowed_roots(root: &Path) -> Vec<PathBuf> {
    vec![root.to_path_buf()]
}
