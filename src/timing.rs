//! Stage timings, printed with `GAZETTE_TIMINGS=1`: where a build's time
//! goes, and how much memory the process holds at the end of each stage
//! (resident now and the peak so far, from `/proc/self/status` on Linux)
//! and how busy the cores were (CPU time over wall time, from
//! `/proc/self/stat`: 2.0 is both cores of this machine the whole stage).

use std::time::{Duration, Instant};

pub struct Timings {
    last: Instant,
    /// CPU time of the process when these timings started: a preview
    /// server's first lap must not count the rebuilds before it.
    cpu_at_start: Duration,
    laps: Vec<(&'static str, Duration, Option<Memory>)>,
}

/// Resident memory in KiB: now (`VmRSS`) and the peak so far (`VmHWM`),
/// and the CPU time used so far.
#[derive(Clone, Copy)]
struct Memory {
    now: u64,
    peak: u64,
    cpu: Duration,
}

/// User plus system time of the process so far (clock ticks of 10 ms).
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is in parentheses.
    let rest = &stat[stat.rfind(')')? + 2..];
    let mut fields = rest.split(' ').skip(11);
    let user: u64 = fields.next()?.parse().ok()?;
    let system: u64 = fields.next()?.parse().ok()?;
    Some(Duration::from_millis((user + system) * 10))
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
        cpu: cpu_time().unwrap_or_default(),
    })
}

impl Default for Timings {
    fn default() -> Self {
        let cpu_at_start = if Self::enabled() {
            cpu_time().unwrap_or_default()
        } else {
            Duration::ZERO
        };
        Timings {
            last: Instant::now(),
            cpu_at_start,
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
        let mut cpu_before = self.cpu_at_start;
        for (stage, d, memory) in &self.laps {
            let ms = d.as_secs_f64() * 1000.0;
            match memory {
                Some(m) => {
                    let cores = (m.cpu.saturating_sub(cpu_before)).as_secs_f64()
                        / d.as_secs_f64().max(1e-9);
                    cpu_before = m.cpu;
                    eprintln!(
                        "  {stage:<10} {ms:>8.1} ms  {cores:>4.1} cores  {:>6} MiB resident, {:>6} MiB peak",
                        m.now / 1024,
                        m.peak / 1024
                    )
                }
                None => eprintln!("  {stage:<10} {ms:>8.1} ms"),
            }
        }
    }
}
