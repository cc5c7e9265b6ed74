//! One preview session: the caches of the last good build and the store it
//! produced. Each rebuild reuses what did not change and yields either a new
//! complete store or the problems that kept it from being built; the last
//! good store stays served meanwhile.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::config::{self, CONFIG_FILE};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::BuildOptions;
use crate::pipeline::{self, Ready};
use crate::render::templates::StaticData;
use crate::render::{Incremental, memo::Memo};
use crate::timing::Timings;

use super::store::{Collect, Entry, Store};

/// What a session is built with; fixed for its lifetime.
#[derive(Debug, Clone)]
pub struct Settings {
    pub root: PathBuf,
    pub profile: Option<String>,
    /// Drafts and scheduled pages are shown (with a ribbon) unless false.
    pub drafts: bool,
    /// A fixed clock (tests); `None`: the system clock at each rebuild.
    pub now: Option<jiff::Zoned>,
    /// The URL the preview is served at, used as `base_url`.
    pub base_url: String,
}

pub struct Session {
    settings: Settings,
    cache: Incremental,
    config_text: Option<String>,
}

/// The result of one rebuild.
pub struct Outcome {
    /// `Some` when the build succeeded: the complete new site.
    pub store: Option<Store>,
    pub diagnostics: Diagnostics,
    pub elapsed: Duration,
    /// Outputs rendered in this rebuild (the rest were reused).
    pub rendered: usize,
}

impl Session {
    pub fn new(settings: Settings) -> Session {
        Session {
            settings,
            cache: Incremental::default(),
            config_text: None,
        }
    }

    /// Rebuilds after `touched` files changed (absolute paths; may be empty:
    /// unchanged files are also detected by size, time and inode).
    pub fn rebuild(&mut self, touched: &[PathBuf], previous: &Store) -> Outcome {
        let started = Instant::now();
        let config_text = std::fs::read_to_string(self.settings.root.join(CONFIG_FILE)).ok();
        if config_text != self.config_text {
            // A configuration change can change anything: start afresh.
            self.cache = Incremental::default();
            self.config_text = config_text;
        } else {
            self.cache
                .load
                .invalidate(touched.iter().map(PathBuf::as_path));
        }
        let mut diagnostics = Diagnostics::default();
        let result = self.build(&mut diagnostics, previous);
        let (store, rendered) = match result {
            Some((store, rendered)) if !diagnostics.has_errors() => {
                self.cache.memo.commit();
                (Some(store), rendered)
            }
            _ => {
                self.cache.memo.discard();
                (None, 0)
            }
        };
        Outcome {
            store,
            diagnostics,
            elapsed: started.elapsed(),
            rendered,
        }
    }

    fn options(&self) -> BuildOptions {
        let now = self.settings.now.clone().unwrap_or_else(|| {
            let cst = jiff::tz::TimeZone::fixed(jiff::tz::Offset::constant(8));
            jiff::Timestamp::now().to_zoned(cst)
        });
        BuildOptions {
            drafts: self.settings.drafts,
            future: self.settings.drafts,
            now,
            profile: None,
        }
    }

    fn build(&mut self, diagnostics: &mut Diagnostics, previous: &Store) -> Option<(Store, usize)> {
        let mut options = self.options();
        let config = config::load(&self.settings.root).and_then(|mut c| {
            if let Some((profile, _)) = c.select_profile(self.settings.profile.as_deref())? {
                options.profile = Some(profile);
            }
            c.base_url = self.settings.base_url.clone();
            Ok(c)
        });
        let config = match config {
            Ok(c) => Arc::new(c),
            Err(d) => {
                diagnostics.push(d);
                return None;
            }
        };
        let mut timings = Timings::default();
        let ready = pipeline::prepare(
            &self.settings.root,
            config,
            &options,
            diagnostics,
            &mut timings,
            Some(&mut self.cache),
        )?;
        if diagnostics.has_errors() {
            return None;
        }
        let (outputs, ds) = render(&ready, &self.cache.memo);
        timings.lap("render");
        if Timings::enabled() {
            timings.print();
        }
        diagnostics.extend(ds);
        if diagnostics.has_errors() {
            return None;
        }
        let rendered = outputs.len();
        match assemble_store(&ready, outputs, previous) {
            Some(store) => Some((store, rendered)),
            None => {
                // The memo and the previous store disagree (a previous store
                // from elsewhere): render everything once more.
                self.cache.memo = Memo::default();
                let (outputs, ds) = render(&ready, &self.cache.memo);
                diagnostics.extend(ds);
                let rendered = outputs.len();
                assemble_store(&ready, outputs, previous).map(|s| (s, rendered))
            }
        }
    }
}

fn render(
    ready: &Ready,
    memo: &Memo,
) -> (
    std::collections::HashMap<String, Arc<[u8]>>,
    Vec<Diagnostic>,
) {
    let sink = Collect::default();
    let ds = ready.render(&sink, &indicatif::ProgressBar::hidden(), Some(memo));
    (sink.into_map(), ds)
}

/// Every planned output (new bytes, or the previous bytes when the memo
/// skipped it), then theme statics and content assets that no rendered
/// output overrides. `None` when a skipped output has no previous bytes.
fn assemble_store(
    ready: &Ready,
    mut rendered: std::collections::HashMap<String, Arc<[u8]>>,
    previous: &Store,
) -> Option<Store> {
    let mut store = Store::default();
    for job in &ready.jobs {
        let bytes = match rendered.remove(&job.output) {
            Some(b) => b,
            None => previous.bytes(&job.output)?,
        };
        store.files.insert(job.output.clone(), Entry::Bytes(bytes));
    }
    // As `write::copy_statics`: later files win, rendered outputs win over all.
    let mut copied = std::collections::HashMap::new();
    for s in &ready.theme.statics {
        let entry = match &s.data {
            StaticData::File(p) => Entry::File(p.clone()),
            StaticData::Embedded(b) => Entry::Bytes(Arc::from(&b[..])),
        };
        copied.insert(s.output.clone(), entry);
    }
    for a in &ready.site.assets {
        copied.insert(a.output.clone(), Entry::File(a.asset.abs.clone()));
    }
    for (path, entry) in copied {
        store.files.entry(path).or_insert(entry);
    }
    Some(store)
}

/// Whether a changed path is something a rebuild must look at.
pub fn relevant(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let mut parts = rel.components();
    let Some(first) = parts.next() else {
        return false;
    };
    let first = first.as_os_str().to_string_lossy();
    let top = matches!(
        first.as_ref(),
        "content" | "templates" | "themes" | "static" | "data"
    );
    let temporary = path.file_name().is_some_and(crate::load::is_ignored);
    (top && !temporary) || (first == CONFIG_FILE && parts.next().is_none())
}
