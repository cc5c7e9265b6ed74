//! The floor: what any generator must spend on a site, with no parsing and
//! no rendering — read every input file, and write as many output files of
//! the same sizes as gazette wrote, on two threads. A build can approach
//! this time, not beat it.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Every file under `dir`.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// Reads every file under `site`, then writes every file of `reference`
/// (read beforehand, not timed) below `scratch`; returns the time taken.
pub fn measure(site: &Path, reference: &Path, scratch: &Path) -> Result<Duration, String> {
    let outputs: Vec<(PathBuf, Vec<u8>)> = files(reference)
        .into_iter()
        .filter_map(|p| {
            let bytes = fs::read(&p).ok()?;
            Some((p.strip_prefix(reference).ok()?.to_path_buf(), bytes))
        })
        .collect();
    let inputs = files(site);
    if scratch.exists() {
        fs::remove_dir_all(scratch).map_err(|e| e.to_string())?;
    }
    let started = Instant::now();
    std::thread::scope(|s| {
        for half in 0..2 {
            let (inputs, outputs) = (&inputs, &outputs);
            s.spawn(move || {
                let mut read = 0usize;
                for p in inputs.iter().skip(half).step_by(2) {
                    read += fs::read(p).map_or(0, |b| b.len());
                }
                for (rel, bytes) in outputs.iter().skip(half).step_by(2) {
                    let path = scratch.join(rel);
                    if let Some(parent) = path.parent() {
                        let _ = fs::create_dir_all(parent);
                    }
                    let _ = fs::write(&path, bytes);
                }
                read
            });
        }
    });
    let took = started.elapsed();
    fs::remove_dir_all(scratch).map_err(|e| e.to_string())?;
    Ok(took)
}
