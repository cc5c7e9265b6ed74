//! The comparison: finds Hugo and Zola, and has `shared/bench/gen_corpus.py`
//! write the same-size corpus (same page bodies) for each of them and for
//! gazette.

use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Rival {
    Hugo,
    Zola,
}

impl Rival {
    pub const ALL: [Rival; 2] = [Rival::Hugo, Rival::Zola];

    pub fn name(self) -> &'static str {
        match self {
            Rival::Hugo => "hugo",
            Rival::Zola => "zola",
        }
    }

    /// The variable that names the binary (else it is looked up on `PATH`).
    pub fn variable(self) -> &'static str {
        match self {
            Rival::Hugo => "GAZETTE_BENCH_HUGO",
            Rival::Zola => "GAZETTE_BENCH_ZOLA",
        }
    }

    /// `$GAZETTE_BENCH_HUGO` / `$GAZETTE_BENCH_ZOLA`, else the first binary
    /// of that name on `PATH`.
    pub fn find(self) -> Option<PathBuf> {
        if let Some(path) = env::var_os(self.variable()) {
            return Some(PathBuf::from(path));
        }
        env::split_paths(&env::var_os("PATH")?)
            .map(|dir| dir.join(self.name()))
            .find(|p| p.is_file())
    }

    /// A full build of `site` into `out`.
    pub fn command(self, bin: &Path, site: &Path, out: &Path) -> Command {
        let mut cmd = Command::new(bin);
        match self {
            Rival::Hugo => {
                cmd.arg("--quiet")
                    .arg("--source")
                    .arg(site)
                    .arg("-d")
                    .arg(out);
            }
            Rival::Zola => {
                cmd.arg("--root")
                    .arg(site)
                    .arg("build")
                    .arg("--force")
                    .arg("--output-dir")
                    .arg(out);
            }
        }
        cmd
    }

    pub fn version(self, bin: &Path) -> String {
        let flag = match self {
            Rival::Hugo => "version",
            Rival::Zola => "--version",
        };
        let Ok(out) = Command::new(bin).arg(flag).output() else {
            return "version unknown".into();
        };
        let text = String::from_utf8_lossy(&out.stdout);
        let line = text.lines().next().unwrap_or("version unknown");
        line.split_whitespace()
            .take(2)
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Pagefind's extended binary (the one that segments Chinese), named by
/// `$GAZETTE_BENCH_PAGEFIND` or found as `pagefind_extended` on `PATH`. A
/// Hugo site searches with Pagefind run over its output; gazette's own
/// build makes its index, so `hugo+pagefind` is the row to hold gazette's
/// build with the index against.
pub fn pagefind() -> Option<PathBuf> {
    if let Some(path) = env::var_os("GAZETTE_BENCH_PAGEFIND") {
        let path = PathBuf::from(path);
        if !path.is_file() {
            println!(
                "GAZETTE_BENCH_PAGEFIND={}: no such file; no hugo+pagefind row",
                path.display()
            );
            return None;
        }
        return Some(path);
    }
    env::split_paths(&env::var_os("PATH")?)
        .map(|dir| dir.join("pagefind_extended"))
        .find(|p| p.is_file())
}

/// Hugo's full build of `site` into `out`, then Pagefind over `out`, as one
/// shell command: one wall time, and the larger of the two peak RSS (a
/// child's `rusage` holds the largest of the children it waited for).
pub fn hugo_pagefind(hugo: &Path, pagefind: &Path, site: &Path, out: &Path) -> Command {
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(r#""$1" --quiet --source "$2" -d "$3" && "$4" --site "$3""#)
        .arg("sh")
        .arg(hugo)
        .arg(site)
        .arg(out)
        .arg(pagefind);
    cmd
}

/// `../shared/bench/gen_corpus.py` beside the crate, if present.
pub fn generator() -> Option<PathBuf> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/gen_corpus.py");
    script.is_file().then_some(script)
}

/// Runs the generator for `format` (`hugo`, `zola` or `gazette`) into `out`.
pub fn generate(
    script: &Path,
    format: &str,
    pages: usize,
    seed: u64,
    out: &Path,
) -> Result<(), String> {
    let status = Command::new("python3")
        .arg(script)
        .args([
            "--format",
            format,
            "--pages",
            &pages.to_string(),
            "--seed",
            &seed.to_string(),
        ])
        .arg("--out")
        .arg(out)
        .stdout(std::process::Stdio::null())
        .status()
        .map_err(|e| format!("python3: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("gen_corpus.py --format {format} failed: {status}"))
    }
}
