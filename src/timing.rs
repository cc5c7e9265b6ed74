//! Stage timings, printed with `GAZETTE_TIMINGS=1`: where a build's time
//! goes, and how much memory the process holds at the end of each stage
//! (resident now and the peak so far, from `/proc/self/status` on Linux).

use std::time::{Duration, Instant};

pub struct Timings {
    last: Instant,
    laps: Vec<(&'static str, Duration, Option<Memory>)>,
}

/// Resident memory in KiB: now (`VmRSS`) and the peak so far (`VmHWM`).
#[derive(Clone, Copy)]
struct Memory {
    now: u64,
    peak: u64,
}

fn memory() -> Option<Memory> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| {
        let line = status.lines().find(|l| l.starts_with(name))?;
        line[name.len()..]
            .trim()
            .trim_end_matches("kB")
            .trim()
            .parse()
            .ok()
    };
    Some(Memory {
        now: field("VmRSS:")?,
        peak: field("VmHWM:")?,
    })
}

impl Default for Timings {
    fn default() -> Self {
        Timings {
            last: Instant::now(),
            laps: Vec::new(),
        }
    }
}

impl Timings {
    /// Records the time since the previous lap under `stage`.
    pub fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        let memory = if Self::enabled() { memory() } else { None };
        self.laps.push((stage, now - self.last, memory));
        self.last = Instant::now();
    }

    pub fn enabled() -> bool {
        std::env::var_os("GAZETTE_TIMINGS").is_some_and(|v| v != "0")
    }

    pub fn print(&self) {
        for (stage, d, memory) in &self.laps {
            let ms = d.as_secs_f64() * 1000.0;
            match memory {
                Some(m) => eprintln!(
                    "  {stage:<10} {ms:>8.1} ms   {:>6} MiB resident, {:>6} MiB peak",
                    m.now / 1024,
                    m.peak / 1024
                ),
                None => eprintln!("  {stage:<10} {ms:>8.1} ms"),
            }
        }
    }
}
