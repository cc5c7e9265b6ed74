//! The Hugo comparison: finds `hugo`, and has `shared/bench/gen_corpus.py`
//! write the same-size corpus (same bodies) for Hugo and for gazette.

use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

/// `$GAZETTE_BENCH_HUGO`, else the first `hugo` on `PATH`.
pub fn find() -> Option<PathBuf> {
    if let Some(path) = env::var_os("GAZETTE_BENCH_HUGO") {
        return Some(PathBuf::from(path));
    }
    env::split_paths(&env::var_os("PATH")?)
        .map(|dir| dir.join("hugo"))
        .find(|p| p.is_file())
}

/// `../shared/bench/gen_corpus.py` beside the crate, if present.
pub fn generator() -> Option<PathBuf> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/gen_corpus.py");
    script.is_file().then_some(script)
}

/// Runs the generator for `format` (`hugo` or `gazette`) into `out`.
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

/// `hugo --quiet --source SITE -d OUT`.
pub fn build_command(hugo: &Path, site: &Path, out: &Path) -> Command {
    let mut cmd = Command::new(hugo);
    cmd.arg("--quiet")
        .arg("--source")
        .arg(site)
        .arg("-d")
        .arg(out);
    cmd
}
