//! `cargo bench --bench build`: full builds of generated 1,000- and
//! 10,000-page sites with the release `gazette` binary, one no-change
//! rebuild each, and the same with Hugo when it is on `PATH`.
//!
//! Environment: `GAZETTE_BENCH_PAGES` (default `1000,10000`),
//! `GAZETTE_BENCH_RUNS` (default 5), `GAZETTE_BENCH_SEED` (default 1),
//! `GAZETTE_BENCH_HUGO` (path to a `hugo` binary; default: `hugo` on `PATH`),
//! `GAZETTE_BENCH_DIR` (an empty folder to work in and keep; default: a
//! temporary folder, removed afterwards).

mod corpus;
mod hugo;
mod measure;

use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use measure::{Sample, Summary};

struct Row {
    tool: &'static str,
    corpus: &'static str,
    kind: &'static str,
    pages: usize,
    summary: Summary,
    out_files: usize,
    out_mib: f64,
}

fn main() {
    // `cargo test --all-targets` runs bench binaries without `--bench`: skip.
    if !env::args().any(|a| a == "--bench") {
        println!("build bench: skipped (run it with `cargo bench --bench build`)");
        return;
    }
    if let Err(e) = run() {
        eprintln!("build bench failed: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let sizes: Vec<usize> = env_list("GAZETTE_BENCH_PAGES", "1000,10000")?;
    let runs = env_list("GAZETTE_BENCH_RUNS", "5")?[0].max(1);
    let seed = env_list("GAZETTE_BENCH_SEED", "1")?[0] as u64;
    let gazette = PathBuf::from(env!("CARGO_BIN_EXE_gazette"));
    let (work, _cleanup) = work_dir()?;
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("gazette build bench: {cpus} CPUs, {runs} runs per size, seed {seed}");
    println!("binary: {}", gazette.display());
    println!("work dir: {}", work.as_path().display());
    let comparison = match (hugo::find(), hugo::generator()) {
        (Some(h), Some(script)) => {
            println!("hugo: {} ({})", h.display(), hugo_version(&h));
            Some((h, script))
        }
        (None, _) => {
            println!("hugo: not on PATH (nor GAZETTE_BENCH_HUGO); no Hugo comparison");
            None
        }
        (Some(_), None) => {
            println!(
                "hugo: found, but ../shared/bench/gen_corpus.py is missing; no Hugo comparison"
            );
            None
        }
    };

    let mut rows = Vec::new();
    for &pages in &sizes {
        let site = work.join(format!("site-{pages}"));
        let started = Instant::now();
        let written = corpus::write_site(&site, pages, seed).map_err(|e| format!("corpus: {e}"))?;
        println!(
            "corpus.rs: {} pages, {:.1} MiB of source in {:.1} s",
            written.pages,
            written.bytes as f64 / 1048576.0,
            started.elapsed().as_secs_f64()
        );
        let tool = Tool {
            name: "gazette",
            corpus: "corpus.rs",
            pages,
            runs,
            work: work.as_path(),
        };
        rows.extend(tool.bench(|out| gazette_command(&gazette, &site, out))?);

        if let Some((hugo_bin, script)) = &comparison {
            let py_gazette = work.join(format!("py-gazette-{pages}"));
            let py_hugo = work.join(format!("py-hugo-{pages}"));
            hugo::generate(script, "gazette", pages, seed, &py_gazette)?;
            hugo::generate(script, "hugo", pages, seed, &py_hugo)?;
            let tool = Tool {
                name: "gazette",
                corpus: "gen_corpus.py",
                pages,
                runs,
                work: work.as_path(),
            };
            rows.extend(tool.bench(|out| gazette_command(&gazette, &py_gazette, out))?);
            let tool = Tool {
                name: "hugo",
                corpus: "gen_corpus.py",
                pages,
                runs,
                work: work.as_path(),
            };
            rows.extend(tool.bench(|out| hugo::build_command(hugo_bin, &py_hugo, out))?);
        }
    }
    print_table(&rows);
    print_ratios(&rows);
    Ok(())
}

/// `$GAZETTE_BENCH_DIR` (created if needed, must be empty, kept), or a
/// temporary folder that is removed when the returned guard drops.
fn work_dir() -> Result<(PathBuf, Option<tempfile::TempDir>), String> {
    let err = |e: std::io::Error| format!("work dir: {e}");
    let Some(dir) = env::var_os("GAZETTE_BENCH_DIR") else {
        let temp = tempfile::Builder::new()
            .prefix("gazette-bench-")
            .tempdir()
            .map_err(err)?;
        return Ok((temp.path().to_path_buf(), Some(temp)));
    };
    let dir = PathBuf::from(dir);
    fs::create_dir_all(&dir).map_err(err)?;
    if fs::read_dir(&dir).map_err(err)?.next().is_some() {
        return Err(format!("GAZETTE_BENCH_DIR={} is not empty", dir.display()));
    }
    Ok((dir, None))
}

fn gazette_command(gazette: &Path, site: &Path, out: &Path) -> Command {
    let mut cmd = Command::new(gazette);
    cmd.arg("build")
        .arg("--root")
        .arg(site)
        .arg("--out")
        .arg(out);
    cmd
}

struct Tool<'a> {
    name: &'static str,
    corpus: &'static str,
    pages: usize,
    runs: usize,
    work: &'a Path,
}

impl Tool<'_> {
    /// `runs` full builds into a fresh output folder, then one rebuild over
    /// the last output with nothing changed.
    fn bench(&self, command: impl Fn(&Path) -> Command) -> Result<[Row; 2], String> {
        let tag = format!(
            "{}-{}-{}",
            self.name,
            self.corpus.replace('.', "_"),
            self.pages
        );
        let out = self.work.join(format!("out-{tag}"));
        let log = self.work.join(format!("{tag}.log"));
        let mut full: Vec<Sample> = Vec::new();
        for _ in 0..self.runs {
            if out.exists() {
                fs::remove_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
            }
            full.push(measure::run(&mut command(&out), &log)?);
        }
        let (out_files, out_bytes) = tree_size(&out);
        let rebuild = measure::run(&mut command(&out), &log)?;
        let row = |kind, summary| Row {
            tool: self.name,
            corpus: self.corpus,
            kind,
            pages: self.pages,
            summary,
            out_files,
            out_mib: out_bytes as f64 / 1048576.0,
        };
        eprintln!(
            "  done: {} on {} pages ({})",
            self.name, self.pages, self.corpus
        );
        Ok([
            row("full", Summary::of(&full)),
            row("no-change", Summary::of(&[rebuild])),
        ])
    }
}

fn print_table(rows: &[Row]) {
    println!();
    println!(
        "{:<8} {:<14} {:<10} {:>6} {:>4} {:>10} {:>9} {:>9} {:>8} {:>8} {:>9} {:>8}",
        "tool",
        "corpus",
        "build",
        "pages",
        "runs",
        "median ms",
        "min ms",
        "max ms",
        "RSS MiB",
        "cpu/wall",
        "out files",
        "out MiB"
    );
    for r in rows {
        let s = &r.summary;
        println!(
            "{:<8} {:<14} {:<10} {:>6} {:>4} {:>10.0} {:>9.0} {:>9.0} {:>8.1} {:>8.2} {:>9} {:>8.1}",
            r.tool,
            r.corpus,
            r.kind,
            r.pages,
            s.runs,
            s.median_ms,
            s.min_ms,
            s.max_ms,
            s.peak_rss_mib,
            s.cpu_ratio,
            r.out_files,
            r.out_mib
        );
    }
}

/// gazette's median over Hugo's, on the same gen_corpus.py corpus.
fn print_ratios(rows: &[Row]) {
    let find = |tool, kind, pages| {
        rows.iter().find(|r| {
            r.tool == tool && r.corpus == "gen_corpus.py" && r.kind == kind && r.pages == pages
        })
    };
    for r in rows.iter().filter(|r| r.tool == "hugo") {
        if let Some(g) = find("gazette", r.kind, r.pages) {
            let ratio = g.summary.median_ms / r.summary.median_ms;
            println!(
                "{} pages, {}: gazette/hugo wall = {ratio:.2} (gazette {:.0} ms, hugo {:.0} ms); RSS {:.0} vs {:.0} MiB",
                r.pages,
                r.kind,
                g.summary.median_ms,
                r.summary.median_ms,
                g.summary.peak_rss_mib,
                r.summary.peak_rss_mib
            );
        }
    }
}

fn hugo_version(hugo: &Path) -> String {
    let Ok(out) = Command::new(hugo).arg("version").output() else {
        return "version unknown".into();
    };
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text
        .lines()
        .find(|l| l.starts_with("hugo v"))
        .unwrap_or("version unknown");
    line.split_whitespace()
        .take(2)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Comma-separated numbers from `name`, or `default`.
fn env_list(name: &str, default: &str) -> Result<Vec<usize>, String> {
    let value = env::var(name).unwrap_or_else(|_| default.into());
    let list: Result<Vec<usize>, _> = value.split(',').map(|s| s.trim().parse()).collect();
    match list {
        Ok(list) if !list.is_empty() => Ok(list),
        _ => Err(format!("{name}={value:?}: expected numbers like {default}")),
    }
}

/// Number of files and their total size under `dir`.
fn tree_size(dir: &Path) -> (usize, u64) {
    let mut total = (0, 0);
    let Ok(entries) = fs::read_dir(dir) else {
        return total;
    };
    for entry in entries.flatten() {
        let Ok(meta) = entry.metadata() else { continue };
        if meta.is_dir() {
            let (files, bytes) = tree_size(&entry.path());
            total = (total.0 + files, total.1 + bytes);
        } else {
            total = (total.0 + 1, total.1 + meta.len());
        }
    }
    total
}
