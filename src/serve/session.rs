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
    /// The last good build, kept for the fast path of body edits.
    last: Option<Last>,
    /// The build before a full rebuild, to be freed by [`Session::tidy`].
    retired: Option<Last>,
}

/// A successful build and what it reported (warnings only).
struct Last {
    ready: Ready,
    diagnostics: Vec<Diagnostic>,
}

/// The result of one rebuild.
pub struct Outcome {
    /// `Some` when the build succeeded: the complete new site.
    pub store: Option<Store>,
    pub diagnostics: Diagnostics,
    pub elapsed: Duration,
    /// Outputs rendered in this rebuild (the rest were reused).
    pub rendered: usize,
    /// Page values a full rebuild took from the last one instead of making
    /// them again (0 when patched).
    pub values_reused: usize,
    /// Whether a fast path patched the last build (only page bodies and
    /// titles, or only templates, changed) instead of building afresh.
    pub patched: bool,
}

impl Session {
    pub fn new(settings: Settings) -> Session {
        Session {
            settings,
            cache: Incremental::default(),
            config_text: None,
            last: None,
            retired: None,
        }
    }

    /// Frees what the last rebuild replaced; called once its outcome is
    /// published, so that the browser does not wait for it.
    pub fn tidy(&mut self) {
        self.retired = None;
    }

    /// Rebuilds after `touched` files changed (absolute paths, every file
    /// changed since the last rebuild, as the watcher reports them; empty:
    /// not known, and every file is compared by size, time and inode).
    pub fn rebuild(&mut self, touched: &[PathBuf], previous: &Store) -> Outcome {
        let started = Instant::now();
        let config_text = std::fs::read_to_string(self.settings.root.join(CONFIG_FILE)).ok();
        if config_text != self.config_text {
            // A configuration change can change anything: start afresh.
            self.cache = Incremental::default();
            self.config_text = config_text;
            self.retired = self.last.take();
        } else if touched.is_empty() {
            // No list of what changed: compare every file.
            self.cache.load.distrust();
        } else {
            self.cache
                .load
                .invalidate(touched.iter().map(PathBuf::as_path));
        }
        if let Some(outcome) = self.patch(touched, previous, started) {
            return outcome;
        }
        // A full build replaces the last one, even when it fails: the files
        // changed since, so the last build can no longer be patched.
        // Freeing a large site's values takes longer than some stages of a
        // rebuild (0.1 s at 10,000 pages): it waits for `tidy`.
        self.retired = self.last.take();
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
            values_reused: self.cache.page_values.taken(),
            patched: false,
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
        // The outputs the memo skipped keep their bytes; their findings are
        // those bytes' findings, as a clean build would report them.
        let skipped =
            ready.scan_unrendered(&outputs, &|output| previous.bytes(output), &self.cache.memo);
        timings.lap("rescan");
        diagnostics.extend(ds);
        diagnostics.extend(skipped);
        if diagnostics.has_errors() {
            return None;
        }
        let rendered = outputs.len();
        let result = match assemble_store(&ready, outputs, previous) {
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
        };
        timings.lap("store");
        if Timings::enabled() {
            timings.print();
        }
        if result.is_some() && !diagnostics.has_errors() {
            self.last = Some(Last {
                ready,
                diagnostics: diagnostics.iter().cloned().collect(),
            });
        }
        result
    }

    /// The fast path: when every touched file is an existing page whose
    /// front matter is unchanged but for its title or its date (see
    /// [`super::patch::edited_pages`]), and the clock has not passed a
    /// moment that changes the site, the last build is patched with the new
    /// bodies, titles and dates instead of building afresh; an edit of templates only, with
    /// the templates parsed again ([`patch_templates`]). `None`: take the
    /// full path.
    fn patch(
        &mut self,
        touched: &[PathBuf],
        previous: &Store,
        started: Instant,
    ) -> Option<Outcome> {
        let last = self.last.as_mut()?;
        let now = self
            .settings
            .now
            .as_ref()
            .map_or_else(jiff::Timestamp::now, |z| z.timestamp());
        if touched.is_empty()
            || last.ready.site.now.timestamp() > now
            || last.ready.next_deadline.is_some_and(|d| d <= now)
        {
            return None;
        }
        if super::patch::only_templates(&self.settings.root, &last.ready.theme, touched) {
            let (result, diagnostics, timings) = patch_templates(last, &self.cache.memo, previous);
            // Only the changed templates' outputs were fingerprinted.
            return Some(self.settle_patch(
                result,
                diagnostics,
                &timings,
                started,
                Memo::commit_patch,
            ));
        }
        let edits = super::patch::edited_pages(
            &self.settings.root,
            &last.ready.site,
            &last.diagnostics,
            touched,
        )?;
        let mut timings = Timings::default();
        let Some(patched) = last.ready.patch_bodies(
            &self.settings.root,
            super::patch::page_edits(edits),
            &self.cache.markdown,
        ) else {
            // Half patched: only a full build can be trusted now.
            self.last = None;
            return None;
        };
        timings.lap("patch");
        let mut diagnostics: Vec<Diagnostic> = last
            .diagnostics
            .iter()
            .filter(|d| !patched.replaces(d))
            .cloned()
            .collect();
        diagnostics.extend(patched.diagnostics.iter().cloned());
        let mut result = None;
        if !diagnostics.iter().any(Diagnostic::is_error) {
            let sink = Collect::default();
            let ds = last.ready.render_patched(&sink, &self.cache.memo, &patched);
            let outputs = sink.into_map();
            self.cache.memo.findings.adopt(&outputs);
            timings.lap("render");
            // The outputs rendered again were scanned again: what the last
            // build found in them is replaced by what this scan found.
            diagnostics.retain(|d| {
                crate::check::rendered::output_of(d).is_none_or(|path| !outputs.contains_key(path))
            });
            diagnostics.extend(ds);
            let rendered = outputs.len();
            if !diagnostics.iter().any(Diagnostic::is_error) {
                result = assemble_store(&last.ready, outputs, previous).map(|s| (s, rendered));
            }
        }
        Some(self.settle_patch(result, diagnostics, &timings, started, Memo::commit_patch))
    }

    /// The end of both fast paths. A success becomes the last build, with
    /// these findings; after a failure the next rebuild is a full one
    /// (whose state the failed one does not disturb), so that no later fast
    /// path serves what the files on disk no longer say.
    fn settle_patch(
        &mut self,
        result: Option<(Store, usize)>,
        mut diagnostics: Vec<Diagnostic>,
        timings: &Timings,
        started: Instant,
        commit: fn(&mut Memo),
    ) -> Outcome {
        super::patch::dedupe(&mut diagnostics);
        if Timings::enabled() {
            timings.print();
        }
        let (store, rendered) = match result {
            Some((store, rendered)) => {
                commit(&mut self.cache.memo);
                if let Some(last) = self.last.as_mut() {
                    last.diagnostics = diagnostics.clone();
                }
                (Some(store), rendered)
            }
            None => {
                self.cache.memo.discard();
                self.last = None;
                (None, 0)
            }
        };
        let mut all = Diagnostics::default();
        all.extend(diagnostics);
        Outcome {
            store,
            diagnostics: all,
            elapsed: started.elapsed(),
            rendered,
            values_reused: 0,
            patched: true,
        }
    }
}

/// The fast path of a theme edit, every touched file a template the last
/// build read: nothing else changed, so the model, values and Markdown
/// stand; the templates are parsed again and only the outputs of the
/// templates whose chain changed (the template, what it extends or
/// includes, and every file of components) are rendered; every other
/// output keeps its bytes and fingerprint. The store (`None` after an
/// error), the findings and the timings.
fn patch_templates(
    last: &mut Last,
    memo: &Memo,
    previous: &Store,
) -> (Option<(Store, usize)>, Vec<Diagnostic>, Timings) {
    let mut timings = Timings::default();
    let mut diagnostics = last.diagnostics.clone();
    let (ds, changed) = match last.ready.reload_templates() {
        Ok(reloaded) => reloaded,
        Err(ds) => {
            diagnostics.extend(ds);
            return (None, diagnostics, timings);
        }
    };
    diagnostics.extend(ds);
    timings.lap("templates");
    let sink = Collect::default();
    let ds = last.ready.render_templates(&sink, memo, &changed);
    let outputs = sink.into_map();
    memo.findings.adopt(&outputs);
    timings.lap("render");
    // What the scan found in the outputs rendered again is theirs now; the
    // others' findings stand.
    diagnostics.retain(|d| {
        crate::check::rendered::output_of(d).is_none_or(|path| !outputs.contains_key(path))
    });
    diagnostics.extend(ds);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return (None, diagnostics, timings);
    }
    let rendered = outputs.len();
    let result = assemble_store(&last.ready, outputs, previous).map(|s| (s, rendered));
    (result, diagnostics, timings)
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
    let outputs = sink.into_map();
    memo.findings.adopt(&outputs);
    (outputs, ds)
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
