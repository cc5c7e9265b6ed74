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
    pub outputs: usize,
    pub stats: write::Stats,
    pub elapsed: Duration,
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
        outputs: 0,
        stats: write::Stats::default(),
        elapsed: Duration::ZERO,
        out: PathBuf::new(),
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
        let bar = progress_bar(req.progress, ready.jobs.len());
        let result = if req.write {
            write_site(&req.root, &out, &ready, &bar, &mut timings)
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
    pub site: Site,
    pub jobs: Vec<plan::Planned>,
    pub theme: Theme,
    pub prepared: render::Prepared,
    /// Personal data found in sources, for the scan of rendered pages.
    seen_values: std::collections::HashSet<String>,
    public: bool,
    host: String,
    /// The index-number registry to write when the build succeeds.
    pub registry: Option<load::registry::Registry>,
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
        let scanning =
            check::rendered::Scanning::new(sink, &self.seen_values, self.public, &self.host);
        let mut ds = self
            .prepared
            .render_jobs(&self.site, &self.jobs, &scanning, bar, memo);
        ds.extend(scanning.finish());
        ds
    }
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
    let (mut site, model_diags) = model::assemble(config, loaded, options);
    diagnostics.extend(model_diags);
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
    let (privacy, seen_values) = check::privacy::check(&site);
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
    let (prepared, ds) = render::prepare(&site, &jobs, &theme, markdown_cache, timings);
    diagnostics.extend(ds);
    Some(Ready {
        host: check::privacy::site_host(&site.config.base_url),
        public,
        site,
        jobs,
        theme,
        prepared: prepared?,
        seen_values,
        registry,
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
    let stats = staging
        .finish()
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
    let indexing = search::Indexing::start(
        sink,
        &ready.site.config.base_path(),
        ready.jobs.iter().map(|j| j.output.as_str()),
    );
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
