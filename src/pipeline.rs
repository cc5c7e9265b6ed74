//! One build, start to finish: config → load → model → plan → render →
//! (check) → write. `check` runs the same pipeline without writing.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::config::{self, Config};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::{self, BuildOptions, Site};
use crate::render::{self, Output, templates::Theme};
use crate::timing::Timings;
use crate::{load, plan, t, write};

pub struct Request {
    pub root: PathBuf,
    /// `None`: `root/public`.
    pub out: Option<PathBuf>,
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
    let out = req.out.clone().unwrap_or_else(|| req.root.join("public"));
    let mut report = Report {
        diagnostics: Diagnostics::default(),
        outputs: 0,
        stats: write::Stats::default(),
        elapsed: Duration::ZERO,
        out: out.clone(),
    };
    let config = match config::load(&req.root) {
        Ok(c) => Arc::new(c),
        Err(d) => {
            diagnostics.push(d);
            report.diagnostics = diagnostics;
            report.elapsed = started.elapsed();
            return report;
        }
    };
    let mut timings = Timings::default();
    let built = build_in_memory(
        &req.root,
        config,
        &req.options,
        req.progress,
        &mut diagnostics,
        &mut timings,
    );
    if let (Some((outputs, theme, site)), false) = (built, diagnostics.has_errors()) {
        report.outputs = outputs.len() + theme.statics.len() + site.assets.len();
        if req.write {
            match write_out(&req.root, &out, &outputs, &theme, &site) {
                Ok(stats) => report.stats = stats,
                Err(d) => diagnostics.push(d),
            }
            timings.lap("write");
        }
    }
    if Timings::enabled() {
        timings.print();
    }
    report.diagnostics = diagnostics;
    report.elapsed = started.elapsed();
    report
}

/// Everything up to the bytes of every output; no file is written.
pub fn build_in_memory(
    root: &Path,
    config: Arc<Config>,
    options: &BuildOptions,
    progress: bool,
    diagnostics: &mut Diagnostics,
    timings: &mut Timings,
) -> Option<(Vec<Output>, Theme, Site)> {
    let taxonomies: Vec<String> = config.taxonomies.iter().map(|t| t.name.clone()).collect();
    let theme = Theme::load(root, &config.theme);
    let loaded = load::load(root, &taxonomies);
    timings.lap("load");
    diagnostics.extend(loaded.diagnostics.iter().cloned());
    let loaded = load::Loaded {
        diagnostics: Vec::new(),
        ..loaded
    };
    let (site, model_diags) = model::assemble(config, loaded, options);
    diagnostics.extend(model_diags);
    timings.lap("model");
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
    let bar = progress_bar(progress, jobs.len());
    let (outputs, render_diags) = render::render_all(&site, &jobs, &theme, &bar, timings);
    bar.finish_and_clear();
    diagnostics.extend(render_diags);
    Some((outputs, theme, site))
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

fn write_out(
    root: &Path,
    out: &Path,
    outputs: &[Output],
    theme: &Theme,
    site: &Site,
) -> Result<write::Stats, Diagnostic> {
    write::check_target(out, root)?;
    let items = write::items(outputs, &theme.statics, &site.assets);
    write::write(out, &items).map_err(|e| {
        Diagnostic::error(t!(
            format!(
                "写入输出目录 {} 失败：{e}（原有输出保持不变）",
                out.display()
            ),
            format!(
                "writing the output folder {} failed: {e} (the previous output is untouched)",
                out.display()
            )
        ))
    })
}
