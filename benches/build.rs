//! `cargo bench --bench build`: full builds of generated 1,000- and
//! 10,000-page sites with the release `gazette` binary (with and without
//! the search index), one no-change rebuild each, and the same corpus with
//! Hugo and Zola when they are installed; then the floor (read the inputs,
//! write the outputs) and the ratios. See bench/README.md.
//!
//! Environment: `GAZETTE_BENCH_PAGES` (default `1000,10000`),
//! `GAZETTE_BENCH_RUNS` (default 5), `GAZETTE_BENCH_SEED` (default 1),
//! `GAZETTE_BENCH_HUGO` / `GAZETTE_BENCH_ZOLA` (paths to the binaries;
//! default: `hugo` / `zola` on `PATH`), `GAZETTE_BENCH_PAGEFIND` (Pagefind's
//! extended binary, run over Hugo's output; default: `pagefind_extended` on
//! `PATH`), `GAZETTE_BENCH_OWN=1` (also the
//! crate's own corpus, `benches/corpus.rs`), `GAZETTE_BENCH_DIR` (an empty
//! folder to work in and keep; default: a temporary folder, removed
//! afterwards).

mod corpus;
mod floor;
mod measure;
mod rivals;

use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

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
    let script = rivals::generator();
    let rivals: Vec<(rivals::Rival, PathBuf)> = rivals::Rival::ALL
        .into_iter()
        .filter_map(|r| {
            let Some(bin) = r.find() else {
                println!(
                    "{}: not installed (nor {}); not compared",
                    r.name(),
                    r.variable()
                );
                return None;
            };
            println!("{}: {} ({})", r.name(), bin.display(), r.version(&bin));
            Some((r, bin))
        })
        .collect();
    let pagefind = rivals::pagefind();
    match &pagefind {
        Some(bin) => println!("pagefind: {}", bin.display()),
        None => println!(
            "pagefind_extended: not installed (nor GAZETTE_BENCH_PAGEFIND); no hugo+pagefind row"
        ),
    }
    let own = env::var("GAZETTE_BENCH_OWN").is_ok_and(|v| v == "1") || script.is_none();
    if script.is_none() {
        println!("../shared/bench/gen_corpus.py is missing: own corpus only, no comparison");
    }

    let mut rows = Vec::new();
    let mut floors = Vec::new();
    for &pages in &sizes {
        if own {
            let site = work.join(format!("site-{pages}"));
            let written =
                corpus::write_site(&site, pages, seed).map_err(|e| format!("corpus: {e}"))?;
            println!(
                "corpus.rs: {} pages, {:.1} MiB of source",
                written.pages,
                written.bytes as f64 / 1048576.0
            );
            let tool = Tool::new("gazette", "corpus.rs", pages, runs, &work);
            rows.extend(tool.bench(|out| gazette_command(&gazette, &site, out))?);
        }
        let Some(script) = &script else { continue };
        let site = work.join(format!("py-gazette-{pages}"));
        rivals::generate(script, "gazette", pages, seed, &site)?;
        let tool = Tool::new("gazette", "gen_corpus.py", pages, runs, &work);
        rows.extend(tool.bench(|out| gazette_command(&gazette, &site, out))?);
        let reference = work.join(format!("out-{}", tool.tag()));
        let floor_site = site.clone();

        // The same site without the search index, as Hugo and Zola build
        // none.
        let bare = work.join(format!("py-gazette-nosearch-{pages}"));
        rivals::generate(script, "gazette", pages, seed, &bare)?;
        let config = bare.join("gazette.toml");
        let text = fs::read_to_string(&config).map_err(|e| e.to_string())?;
        fs::write(&config, format!("{text}\n[build]\nsearch = false\n"))
            .map_err(|e| e.to_string())?;
        let tool = Tool::new("gazette-nosearch", "gen_corpus.py", pages, runs, &work);
        rows.extend(tool.bench(|out| gazette_command(&gazette, &bare, out))?);

        for (rival, bin) in &rivals {
            let site = work.join(format!("py-{}-{pages}", rival.name()));
            rivals::generate(script, rival.name(), pages, seed, &site)?;
            let tool = Tool::new(rival.name(), "gen_corpus.py", pages, runs, &work);
            rows.extend(tool.bench(|out| rival.command(bin, &site, out))?);
            if let (rivals::Rival::Hugo, Some(pagefind)) = (rival, &pagefind) {
                let tool = Tool::new("hugo+pagefind", "gen_corpus.py", pages, runs, &work);
                rows.extend(tool.bench(|out| rivals::hugo_pagefind(bin, pagefind, &site, out))?);
            }
        }

        // Last of this size: the floor reads every input and output into
        // this process, which keeps the memory, and a child's peak RSS as
        // `wait4` reports it starts from this process's size when it is
        // spawned (vfork, then exec): measured before the other tools, it
        // made a no-change build of 8 MiB read 141 MiB.
        let scratch = work.join("floor-scratch");
        floors.push((
            pages,
            floor::measure(&floor_site.join("content"), &reference, &scratch)?,
        ));
    }
    print_table(&rows);
    print_floors(&rows, &floors);
    print_ratios(&rows);
    print_exponents(&rows);
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

impl<'a> Tool<'a> {
    fn new(
        name: &'static str,
        corpus: &'static str,
        pages: usize,
        runs: usize,
        work: &'a Path,
    ) -> Self {
        Tool {
            name,
            corpus,
            pages,
            runs,
            work,
        }
    }

    fn tag(&self) -> String {
        format!(
            "{}-{}-{}",
            self.name,
            self.corpus.replace('.', "_"),
            self.pages
        )
    }

    /// `runs` full builds into a fresh output folder, then one rebuild over
    /// the last output with nothing changed.
    fn bench(&self, command: impl Fn(&Path) -> Command) -> Result<[Row; 2], String> {
        let tag = self.tag();
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
        "{:<16} {:<14} {:<10} {:>6} {:>4} {:>10} {:>9} {:>9} {:>8} {:>8} {:>9} {:>8}",
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
            "{:<16} {:<14} {:<10} {:>6} {:>4} {:>10.0} {:>9.0} {:>9.0} {:>8.1} {:>8.2} {:>9} {:>8.1}",
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

fn find<'r>(rows: &'r [Row], tool: &str, kind: &str, pages: usize) -> Option<&'r Row> {
    rows.iter().find(|r| {
        r.tool == tool && r.corpus == "gen_corpus.py" && r.kind == kind && r.pages == pages
    })
}

/// gazette's full build against the floor: reading the inputs and writing
/// its outputs, nothing else.
fn print_floors(rows: &[Row], floors: &[(usize, std::time::Duration)]) {
    println!();
    for (pages, floor) in floors {
        let floor_ms = floor.as_secs_f64() * 1000.0;
        if let Some(g) = find(rows, "gazette", "full", *pages) {
            println!(
                "{pages} pages: floor (read inputs, write outputs) {floor_ms:.0} ms; gazette full build {:.0} ms = {:.1} x the floor",
                g.summary.median_ms,
                g.summary.median_ms / floor_ms
            );
        }
    }
}

/// gazette's median and peak memory over each rival's, same corpus.
fn print_ratios(rows: &[Row]) {
    println!();
    for r in rows
        .iter()
        .filter(|r| r.tool != "gazette" && r.tool != "gazette-nosearch")
    {
        // Hugo with Pagefind makes a search index: against gazette's with one.
        let mine: &[&str] = if r.tool == "hugo+pagefind" {
            &["gazette"]
        } else {
            &["gazette", "gazette-nosearch"]
        };
        for &mine in mine {
            if let Some(g) = find(rows, mine, r.kind, r.pages) {
                println!(
                    "{} pages, {}: {mine}/{} wall = {:.2} ({:.0} vs {:.0} ms), peak RSS = {:.2} ({:.0} vs {:.0} MiB)",
                    r.pages,
                    r.kind,
                    r.tool,
                    g.summary.median_ms / r.summary.median_ms,
                    g.summary.median_ms,
                    r.summary.median_ms,
                    g.summary.peak_rss_mib / r.summary.peak_rss_mib,
                    g.summary.peak_rss_mib,
                    r.summary.peak_rss_mib
                );
            }
        }
    }
}

/// How time grows with size: `t ~ pages^k` between consecutive sizes.
fn print_exponents(rows: &[Row]) {
    let full: Vec<&Row> = rows
        .iter()
        .filter(|r| r.kind == "full" && r.corpus == "gen_corpus.py")
        .collect();
    for a in &full {
        let next = full
            .iter()
            .filter(|b| b.tool == a.tool && b.pages > a.pages)
            .min_by_key(|b| b.pages);
        if let Some(b) = next {
            let k = (b.summary.median_ms / a.summary.median_ms).ln()
                / (b.pages as f64 / a.pages as f64).ln();
            println!(
                "{}: {} -> {} pages, time grows as pages^{k:.2}",
                a.tool, a.pages, b.pages
            );
        }
    }
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
