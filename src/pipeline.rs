//! One build, start to finish: config → load → model → plan → render →
//! (check) → write. `check` runs the same pipeline without writing.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::config::{self, Config};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::{self, BuildOptions, Site};
use crate::render::{self, templates::Theme};
use crate::timing::Timings;
use crate::{check, load, plan, search, t, write};

pub struct Request {
    pub root: PathBuf,
    /// `None`: the profile's output folder, `root/public` by default.
    pub out: Option<PathBuf>,
    /// `None`: the config's `default_profile`.
    pub profile: Option<String>,
    pub options: BuildOptions,
    /// Show a progress bar (only on a terminal).
    pub progress: bool,
    /// Write the output (false for `gazette check`).
    pub write: bool,
}

pub struct Report {
    pub diagnostics: Diagnostics,
    /// The column report (`gazette check` only).
    pub columns: Vec<check::columns::Column>,
    pub outputs: usize,
    pub stats: write::Stats,
    pub elapsed: Duration,
    /// Nothing changed since the last build of this output: nothing done.
    pub skipped: bool,
    pub out: PathBuf,
}

impl Report {
    pub fn ok(&self) -> bool {
        !self.diagnostics.has_errors()
    }

    /// The one line every build ends with.
    pub fn summary(&self) -> String {
        let ms = self.elapsed.as_millis();
        if !self.ok() {
            return t!(
                format!(
                    "构建失败：{} 个错误，未写入任何文件（原有输出保持不变），用时 {ms} 毫秒",
                    self.diagnostics.error_count()
                ),
                format!(
                    "build failed: {} errors; nothing written (the previous output is untouched); {ms} ms",
                    self.diagnostics.error_count()
                )
            );
        }
        if self.skipped {
            return t!(
                format!(
                    "完成：输入与上次构建相同，输出已是最新（共 {} 个文件），未重新渲染（检查结果请用 gazette check 查看），用时 {ms} 毫秒 → {}",
                    self.outputs,
                    self.out.display()
                ),
                format!(
                    "done: the inputs are those of the last build and the output is up to date ({} files); nothing rendered (run gazette check for the findings); {ms} ms → {}",
                    self.outputs,
                    self.out.display()
                )
            );
        }
        t!(
            format!(
                "完成：共 {} 个文件，写入 {} 个，未变 {} 个，用时 {ms} 毫秒 → {}",
                self.outputs,
                self.stats.written,
                self.stats.unchanged,
                self.out.display()
            ),
            format!(
                "done: {} files, {} written, {} unchanged, {ms} ms → {}",
                self.outputs,
                self.stats.written,
                self.stats.unchanged,
                self.out.display()
            )
        )
    }
}

pub fn run(req: &Request) -> Report {
    let started = Instant::now();
    let mut diagnostics = Diagnostics::default();
    let mut out = req.out.clone().unwrap_or_else(|| req.root.join("public"));
    let mut report = Report {
        diagnostics: Diagnostics::default(),
        columns: Vec::new(),
        outputs: 0,
        stats: write::Stats::default(),
        elapsed: Duration::ZERO,
        out: PathBuf::new(),
        skipped: false,
    };
    let mut options = req.options.clone();
    let config = match config::load(&req.root).and_then(|mut c| {
        if let Some((profile, output)) = c.select_profile(req.profile.as_deref())? {
            if req.out.is_none() {
                let default = c.default_profile.as_deref() == Some(profile.name.as_str());
                let folder = output.unwrap_or_else(|| {
                    if default {
                        "public".into()
                    } else {
                        format!("public-{}", profile.name)
                    }
                });
                out = req.root.join(folder);
            }
            options.profile = Some(profile);
        }
        Ok(c)
    }) {
        Ok(c) => Arc::new(c),
        Err(d) => {
            diagnostics.push(d);
            report.diagnostics = diagnostics;
            report.elapsed = started.elapsed();
            return report;
        }
    };
    report.out = out.clone();
    // Same inputs, same clock range, output as left: nothing to do.
    let inputs = req.write.then(|| {
        let described = format!(
            "{:?}|{}|{}|{}",
            req.profile,
            options.drafts,
            options.future,
            out.display()
        );
        write::manifest::inputs(&req.root, &described)
    });
    if let Some(inputs) = inputs
        && let Some(last) = write::manifest::Record::read(&out)
        && last.still_holds(inputs, options.now.timestamp().as_second(), &out)
    {
        report.skipped = true;
        report.outputs = usize::try_from(last.files).unwrap_or(usize::MAX);
        report.stats.unchanged = report.outputs;
        report.elapsed = started.elapsed();
        return report;
    }
    let mut timings = Timings::default();
    if let Some(ready) = prepare(
        &req.root,
        config,
        &options,
        &mut diagnostics,
        &mut timings,
        None,
    ) && !diagnostics.has_errors()
    {
        if !req.write {
            let (columns, ds) =
                check::columns::report(&ready.site, &ready.freshness, options.now.date());
            diagnostics.extend(ds);
            report.columns = columns;
        }
        let bar = progress_bar(req.progress, ready.jobs.len());
        let result = if req.write {
            let record = |files, bytes| write::manifest::Record {
                inputs: inputs.unwrap_or_default(),
                built_at: options.now.timestamp().as_second(),
                until: ready.next_deadline.map(|t| t.as_second()),
                files,
                bytes,
            };
            write_site(&req.root, &out, &ready, &bar, &mut timings, &record)
        } else {
            Ok((
                write::Stats::default(),
                0,
                ready.render(&render::Discard, &bar, None),
            ))
        };
        bar.finish_and_clear();
        timings.lap("write");
        match result {
            Ok((stats, index_files, ds)) => {
                diagnostics.extend(ds);
                report.stats = stats;
                report.outputs = ready.jobs.len()
                    + ready.theme.statics.len()
                    + ready.site.assets.len()
                    + index_files;
            }
            Err(d) => diagnostics.push(d),
        }
        if req.write
            && !diagnostics.has_errors()
            && let Some(registry) = &ready.registry
            && let Err(d) = load::registry::write_atomic(&req.root, &registry.to_text())
        {
            diagnostics.push(d);
        }
        // Freeing the site, its values and the engine (about a million
        // allocations at 10,000 pages) took 60 ms on one core, with the
        // build already done; a thread of its own does it while the report
        // is printed, and the process exits without waiting for it.
        std::thread::spawn(move || drop(ready));
    }
    if Timings::enabled() {
        timings.print();
    }
    report.diagnostics = diagnostics;
    report.elapsed = started.elapsed();
    report
}

/// A site ready to render: model, plan, theme, templates and values.
pub struct Ready {
    /// The site folder (a report may read a source again: see
    /// [`load::Source::reloaded`]).
    root: PathBuf,
    /// Shared with a build's template values, which make each page's value
    /// when asked (see `render::values::Values::page_value`).
    pub site: std::sync::Arc<Site>,
    pub jobs: Vec<plan::Planned>,
    pub theme: Theme,
    pub prepared: render::Prepared,
    /// Personal data found in sources, for the scan of rendered pages.
    seen_values: std::collections::HashSet<String>,
    public: bool,
    host: String,
    /// The index-number registry to write when the build succeeds.
    pub registry: Option<load::registry::Registry>,
    /// When the clock alone would change this site (see
    /// [`model::next_deadline`]).
    pub next_deadline: Option<jiff::Timestamp>,
    /// Freshness limits of the columns, for the report of `gazette check`.
    pub freshness: std::collections::BTreeMap<String, config::conformance::Limit>,
}

impl Ready {
    /// Renders every job into `sink`, scanning the pages' text on the way.
    /// With a memo, only the outputs whose inputs changed reach the sink.
    pub fn render(
        &self,
        sink: &dyn render::Sink,
        bar: &indicatif::ProgressBar,
        memo: Option<&render::memo::Memo>,
    ) -> Vec<Diagnostic> {
        // Links are checked when every output passes (a build, a check),
        // not in the preview, where unchanged outputs are not rendered.
        let outputs = self.outputs();
        let links = memo
            .is_none()
            .then(|| check::links::LinkScan::new(sink, &self.site.config.base_url, &outputs));
        let sink: &dyn render::Sink = match &links {
            Some(l) => l,
            None => sink,
        };
        let mut ds = self.render_scanned(sink, bar, memo, render::Scope::All);
        if let Some(links) = links {
            ds.extend(self.broken_links(links));
        }
        ds
    }

    /// Renders the jobs of `scope` into `sink`, scanning rendered text for
    /// personal data on the way.
    fn render_scanned(
        &self,
        sink: &dyn render::Sink,
        bar: &indicatif::ProgressBar,
        memo: Option<&render::memo::Memo>,
        scope: render::Scope<'_>,
    ) -> Vec<Diagnostic> {
        let scanning =
            check::rendered::Scanning::new(sink, &self.seen_values, self.public, &self.host)
                .recording(memo.map(|m| &m.findings));
        let mut ds = self
            .prepared
            .render_jobs(&self.site, &self.jobs, &scanning, bar, memo, scope);
        ds.extend(scanning.finish());
        ds
    }

    /// The links of the rendered pages that name no output of this build.
    fn broken_links(&self, links: check::links::LinkScan<'_>) -> Vec<Diagnostic> {
        let sources: std::collections::HashMap<&str, &load::Source> = self
            .jobs
            .iter()
            .filter_map(|j| {
                let source = match j.job {
                    plan::Job::Page(id) => Some(&self.site.page(id).source),
                    plan::Job::Section { section, .. } => {
                        self.site.section(section).source.as_ref()
                    }
                    _ => None,
                }?;
                Some((j.output.as_str(), source))
            })
            .collect();
        // A build dropped the bodies; the few sources a broken link is
        // reported against are read again to find its line.
        let content = self.root.join("content");
        let reloaded: std::collections::HashMap<&str, std::borrow::Cow<'_, load::Source>> = links
            .pages()
            .into_iter()
            .filter_map(|output| {
                let (key, source) = sources.get_key_value(output.as_str())?;
                Some((*key, source.reloaded(&content)))
            })
            .collect();
        links.finish(self.public, |output| reloaded.get(output).map(|s| &**s))
    }

    /// Every file this build writes: rendered outputs, theme files, assets.
    fn outputs(&self) -> check::links::Outputs<'_> {
        self.jobs
            .iter()
            .map(|j| j.output.as_str())
            .chain(self.theme.statics.iter().map(|s| s.output.as_str()))
            .chain(self.site.assets.iter().map(|a| a.output.as_str()))
            .collect()
    }

    /// Renders what a patch of page bodies can have changed (see
    /// [`render::Scope::Patched`]); the memo skips what did not change.
    pub fn render_patched(
        &self,
        sink: &dyn render::Sink,
        memo: &render::memo::Memo,
        patched: &Patched,
    ) -> Vec<Diagnostic> {
        self.render_scanned(
            sink,
            &indicatif::ProgressBar::hidden(),
            Some(memo),
            render::Scope::Patched(&patched.scope),
        )
    }
}

/// What the fast path of the preview server redoes after an edit of page
/// bodies alone: the diagnostics of those checks that read the text.
pub struct Patched {
    /// New findings: broken links and anchors, personal data, sensitive
    /// words and the length of bulletin issues holding an edited item.
    pub diagnostics: Vec<Diagnostic>,
    /// The edited pages, whose personal-data and sensitive-word findings
    /// of the last build these replace.
    scanned: Vec<std::path::PathBuf>,
    /// The issues holding an edited item, whose length warnings of the
    /// last build these replace.
    measured: Vec<std::path::PathBuf>,
    /// What changed in the values, for the outputs to look at.
    scope: render::PatchScope,
}

impl Patched {
    /// Whether findings of `rule` in an edited page are made again by a
    /// patch (see [`Patched::replaces`]).
    pub fn redoes(rule: Option<&str>) -> bool {
        matches!(
            rule,
            Some(check::privacy::RULE | check::sensitive_words::RULE)
        )
    }

    /// Whether `old`, a finding of the last build, is superseded by this
    /// patch's (the other findings still hold: the front matter of every
    /// file but for edited titles, and the text of the others, are as they
    /// were).
    pub fn replaces(&self, old: &Diagnostic) -> bool {
        let Some(file) = &old.file else {
            return false;
        };
        match old.rule {
            Some(check::bulletins::contents::LENGTH_RULE) => self.measured.contains(file),
            rule if Self::redoes(rule) => self.scanned.contains(file),
            _ => false,
        }
    }
}

impl Ready {
    /// The personal-data findings of the outputs an incremental render
    /// skipped (the memo found their inputs unchanged), in their `previous`
    /// bytes: what the scanner finds in the same bytes is kept in the memo,
    /// but the report is made again, as it also depends on the values the
    /// sources report themselves.
    pub fn scan_unrendered(
        &self,
        rendered: &std::collections::HashMap<String, Arc<[u8]>>,
        previous: &(dyn Fn(&str) -> Option<Arc<[u8]>> + Sync),
        memo: &render::memo::Memo,
    ) -> Vec<Diagnostic> {
        use rayon::prelude::*;
        let scanning = check::rendered::Scanning::new(
            &render::Discard,
            &self.seen_values,
            self.public,
            &self.host,
        );
        self.jobs
            .par_iter()
            .filter(|j| !rendered.contains_key(&j.output))
            .for_each(|j| {
                if let Some(bytes) = previous(&j.output) {
                    scanning.kept(&j.output, &bytes, &memo.findings);
                }
            });
        scanning.finish()
    }

    /// After an edit of templates only: the theme read and parsed again,
    /// the model, the values and the Markdown kept. `Err` with the problems
    /// when the templates cannot be used; this build is then as it was.
    /// `Ok` with the problems of the templates' use and the templates whose
    /// outputs can have changed (see [`Ready::render_templates`]).
    pub fn reload_templates(
        &mut self,
    ) -> Result<(Vec<Diagnostic>, std::collections::HashSet<String>), Vec<Diagnostic>> {
        let theme = Theme::load(&self.root, &self.site.config.theme)?;
        let reloaded = self.prepared.reparse_templates(&self.site, &theme)?;
        self.theme = theme;
        Ok(reloaded)
    }

    /// Renders the outputs of the templates `changed` (see
    /// [`render::Scope::Templates`]): after an edit of templates alone no
    /// other output can differ, so they are not even fingerprinted.
    pub fn render_templates(
        &self,
        sink: &dyn render::Sink,
        memo: &render::memo::Memo,
        changed: &std::collections::HashSet<String>,
    ) -> Vec<Diagnostic> {
        self.render_scanned(
            sink,
            &indicatif::ProgressBar::hidden(),
            Some(memo),
            render::Scope::Templates(changed),
        )
    }

    /// Puts the new sources of `edits` (same front matter but for the
    /// titles, dates and terms it names, new body) in place of their
    /// pages', moves the redated pages in their lists and the retermed ones
    /// in their terms, and redoes what reads their text, titles, places and
    /// terms: Markdown, values, fingerprints and the text checks. `None`
    /// when this site cannot be patched; the caller builds afresh.
    pub fn patch_bodies(
        &mut self,
        root: &Path,
        edits: PageEdits,
        markdown: &render::markdown::cache::Cache,
    ) -> Option<Patched> {
        let edited: Vec<model::PageId> = edits.sources.iter().map(|(id, _)| *id).collect();
        // The preview's values are all made up front and hold no second
        // reference to its site.
        let site = std::sync::Arc::get_mut(&mut self.site)?;
        for (id, source) in edits.sources {
            site.pages[id.index()].source = source;
        }
        let mut moved = (!edits.redated.is_empty()).then(model::Moved::default);
        for (id, date) in edits.redated {
            let m = site.redate(id, date);
            if let Some(all) = moved.as_mut() {
                all.shifted.extend(m.shifted);
                all.relinked.extend(m.relinked);
            }
        }
        let mut termed = std::collections::BTreeSet::new();
        for id in edits.retermed {
            termed.extend(site.reterm(id));
        }
        let site = &self.site;
        let changes = render::PageChanges {
            edited: &edited,
            retitled: &edits.retitled,
            moved: moved.as_ref(),
            terms: &termed,
        };
        let (mut diagnostics, scope) = self.prepared.patch_bodies(site, &changes, markdown)?;
        let texts: Vec<&load::Source> = edited.iter().map(|id| &site.page(*id).source).collect();
        let (privacy, seen) = check::privacy::check_sources(site, &texts, None);
        diagnostics.extend(privacy);
        self.seen_values.extend(seen);
        diagnostics.extend(check::sensitive_words::check_sources(
            root,
            &texts,
            self.public,
        ));
        let (measured, length) = check::bulletins::contents::recheck_length(site, &edited);
        diagnostics.extend(length);
        Some(Patched {
            diagnostics,
            scanned: texts
                .iter()
                .map(|s| format!("content/{}", s.rel).into())
                .collect(),
            measured: measured.into_iter().map(Into::into).collect(),
            scope,
        })
    }
}

/// Edits of pages of the last build that the preview's fast path puts in
/// (see `serve::patch`): every page's new source, and those of them whose
/// title, date or terms changed too.
#[derive(Default)]
pub struct PageEdits {
    pub sources: Vec<(model::PageId, load::Source)>,
    pub retitled: Vec<model::PageId>,
    pub redated: Vec<(model::PageId, jiff::Zoned)>,
    pub retermed: Vec<model::PageId>,
}

/// Everything before rendering the jobs: load, model, plan, theme, Markdown,
/// values and templates. `None` when there is nothing sensible to render.
pub fn prepare(
    root: &Path,
    config: Arc<Config>,
    options: &BuildOptions,
    diagnostics: &mut Diagnostics,
    timings: &mut Timings,
    mut cache: Option<&mut render::Incremental>,
) -> Option<Ready> {
    let taxonomies: Vec<String> = config.taxonomies.iter().map(|t| t.name.clone()).collect();
    let theme = Theme::load(root, &config.theme);
    let loaded = load::load_cached(root, &taxonomies, cache.as_deref_mut().map(|c| &mut c.load));
    timings.lap("load");
    diagnostics.extend(loaded.diagnostics.iter().cloned());
    let mut loaded = load::Loaded {
        diagnostics: Vec::new(),
        ..loaded
    };
    // Index numbers over every loaded document, before a profile filters them.
    let (registry, ds) =
        load::index_numbers::run(root, &config, &mut loaded.sources, options.now.year());
    diagnostics.extend(ds);
    let (calendar, ds) = load::holidays::Calendar::load(root);
    diagnostics.extend(ds);
    diagnostics.extend(check::bulletins::check(root, &config, &loaded.sources));
    let config_text = std::fs::read_to_string(root.join(config::CONFIG_FILE)).unwrap_or_default();
    diagnostics.extend(config::government::check(&config, &config_text));
    let (freshness, ds) = config::conformance::limits(&config, &config_text);
    diagnostics.extend(ds);
    diagnostics.extend(config::scoring::check(&config.scoring, &config_text));
    diagnostics.extend(config::statistics::check(&config, &config_text));
    let (statistics, ds) = load::data::load_statistics(root);
    diagnostics.extend(ds);
    diagnostics.extend(check::statistics::check(
        &config,
        &loaded.sources,
        &statistics,
        options.now.date(),
    ));
    let next_deadline = model::next_deadline(&loaded.sources, config.offset(), &options.now);
    let (mut site, model_diags) = model::assemble(config, loaded, options);
    diagnostics.extend(model_diags);
    site.statistics = model::statistics::build(&site, &statistics);
    timings.lap("model");
    let (page_data, data_diags) = load::data::load_pages(root);
    diagnostics.extend(data_diags);
    let (disclosure, disclosure_diags) = model::disclosure::resolve(page_data, &site);
    site.disclosure = disclosure;
    diagnostics.extend(disclosure_diags);
    diagnostics.extend(check::annual_report::check(&site));
    diagnostics.extend(check::publishing::check(&site));
    diagnostics.extend(check::documents::check(&site));
    diagnostics.extend(check::validity::check(root, &site));
    diagnostics.extend(check::working_days::check(&site, &calendar));
    let scans = cache.as_deref().map(|c| &c.source_scans);
    let (privacy, seen_values) = check::privacy::check(&site, scans);
    diagnostics.extend(privacy);
    let public = check::privacy::reaches_public(&site);
    diagnostics.extend(check::sensitive_words::check(root, &site, public));
    timings.lap("check");
    let (jobs, plan_diags) = plan::plan(&site);
    diagnostics.extend(plan_diags);
    timings.lap("plan");
    let theme = match theme {
        Ok(t) => t,
        Err(ds) => {
            diagnostics.extend(ds);
            return None;
        }
    };
    let markdown_cache = cache.as_deref().map(|c| &c.markdown);
    // A build frees the Markdown bodies as it renders them; the preview
    // keeps them (it patches single pages).
    let keep = markdown_cache.is_some();
    let content = root.join("content");
    let free_bodies = (!keep).then_some(content.as_path());
    let markdown = render::markdown_all(&mut site, markdown_cache, free_bodies);
    timings.lap("markdown");
    let site = std::sync::Arc::new(site);
    let reuse = cache.map(|c| &mut c.page_values);
    let (prepared, ds) = render::prepare(&site, &jobs, &theme, markdown, reuse, timings);
    diagnostics.extend(ds);
    Some(Ready {
        root: root.to_path_buf(),
        host: check::privacy::site_host(&site.config.base_url),
        public,
        site,
        jobs,
        theme,
        prepared: prepared?,
        seen_values,
        registry,
        next_deadline,
        freshness,
    })
}

/// Renders into a staging folder and swaps it in; on any error the staging
/// folder is dropped and the previous output stays.
fn write_site(
    root: &Path,
    out: &Path,
    ready: &Ready,
    bar: &indicatif::ProgressBar,
    timings: &mut Timings,
    record: &dyn Fn(u64, u64) -> write::manifest::Record,
) -> Result<(write::Stats, usize, Vec<Diagnostic>), Diagnostic> {
    write::check_target(out, root)?;
    let staging = write::Staging::begin(out).map_err(|e| write::write_error(out, "", &e))?;
    let rendered: std::collections::HashSet<&str> =
        ready.jobs.iter().map(|j| j.output.as_str()).collect();
    write::copy_statics(
        &staging,
        &ready.theme.statics,
        &ready.site.assets,
        &rendered,
    )?;
    let (ds, index_files) = render_indexed(ready, &staging, bar, timings);
    if ds.iter().any(Diagnostic::is_error) {
        return Ok((write::Stats::default(), 0, ds));
    }
    let (files, bytes) = staging.size();
    let stats = staging
        .finish(&record(files, bytes).to_text())
        .map_err(|e| write::write_error(out, "", &e))?;
    Ok((stats, index_files, ds))
}

/// Renders every job into `sink` and, unless the site turned search off,
/// indexes the pages on the way and adds the index files to `sink`.
/// Returns the problems and the number of index files.
fn render_indexed(
    ready: &Ready,
    sink: &dyn render::Sink,
    bar: &indicatif::ProgressBar,
    timings: &mut Timings,
) -> (Vec<Diagnostic>, usize) {
    if !ready.site.config.build.search {
        return (ready.render(sink, bar, None), 0);
    }
    let indexing = search::Indexing::start(sink, &ready.site.config.base_path());
    let mut ds = ready.render(&indexing, bar, None);
    if ds.iter().any(Diagnostic::is_error) {
        return (ds, 0);
    }
    timings.lap("render");
    let files = match indexing.finish() {
        Ok(n) => n,
        Err(d) => {
            ds.push(d);
            0
        }
    };
    // What indexing adds after the last page is rendered.
    timings.lap("search");
    (ds, files)
}

fn progress_bar(enabled: bool, len: usize) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if !enabled || len < 2000 || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{spinner} 渲染 {pos}/{len} {wide_bar} {eta}")
    {
        bar.set_style(style);
    }
    bar
}
