//! Runs a command and measures it exactly: wall time around spawn and
//! `wait4`, and the child's own CPU time and peak RSS from its `rusage`.
//!
//! One catch: Linux counts in a child's peak RSS the memory of this process
//! at the moment it was spawned (fork or vfork, then exec: a `/bin/true`
//! spawned from a 200 MiB process reports 218 MiB). The bench keeps itself
//! small while it measures others; what reads much into memory here (the
//! floor) runs after them.

use std::fs::File;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

pub struct Sample {
    pub wall: Duration,
    /// User + system CPU time.
    pub cpu: Duration,
    pub max_rss_kib: u64,
}

/// Runs `cmd` with its output sent to `log`; an error if it fails.
pub fn run(cmd: &mut Command, log: &Path) -> Result<Sample, String> {
    let out = File::create(log).map_err(|e| format!("{}: {e}", log.display()))?;
    let err = out.try_clone().map_err(|e| e.to_string())?;
    cmd.stdin(Stdio::null()).stdout(out).stderr(err);
    let started = Instant::now();
    let child = cmd.spawn().map_err(|e| format!("{cmd:?}: {e}"))?;
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: a zeroed rusage is valid; wait4 reaps our own child exactly
    // once (the `Child` handle is never waited on).
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = started.elapsed();
    if reaped != pid {
        return Err(format!("wait4: {}", std::io::Error::last_os_error()));
    }
    if !libc::WIFEXITED(status) || libc::WEXITSTATUS(status) != 0 {
        let text = std::fs::read_to_string(log).unwrap_or_default();
        let tail: Vec<&str> = text.lines().rev().take(20).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        return Err(format!(
            "{cmd:?} failed ({status:#x}):\n{}",
            tail.join("\n")
        ));
    }
    let time = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    Ok(Sample {
        wall,
        cpu: time(usage.ru_utime) + time(usage.ru_stime),
        // Linux reports ru_maxrss in KiB.
        max_rss_kib: usage.ru_maxrss as u64,
    })
}

/// Median, min and max wall time, peak RSS and CPU/wall of several runs.
pub struct Summary {
    pub runs: usize,
    pub median_ms: f64,
    pub min_ms: f64,
    pub max_ms: f64,
    pub peak_rss_mib: f64,
    pub cpu_ratio: f64,
}

impl Summary {
    pub fn of(samples: &[Sample]) -> Summary {
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let mut walls: Vec<f64> = samples.iter().map(|s| ms(s.wall)).collect();
        walls.sort_by(f64::total_cmp);
        let mut ratios: Vec<f64> = samples
            .iter()
            .map(|s| s.cpu.as_secs_f64() / s.wall.as_secs_f64())
            .collect();
        ratios.sort_by(f64::total_cmp);
        let peak = samples.iter().map(|s| s.max_rss_kib).max().unwrap_or(0);
        Summary {
            runs: samples.len(),
            median_ms: median(&walls),
            min_ms: walls[0],
            max_ms: walls[walls.len() - 1],
            peak_rss_mib: peak as f64 / 1024.0,
            cpu_ratio: median(&ratios),
        }
    }
}

fn median(sorted: &[f64]) -> f64 {
    let n = sorted.len();
    if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    }
}
