//! Stage timings, printed with `GAZETTE_TIMINGS=1`: where a build's time goes.

use std::time::{Duration, Instant};

pub struct Timings {
    last: Instant,
    laps: Vec<(&'static str, Duration)>,
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
        self.laps.push((stage, now - self.last));
        self.last = now;
    }

    pub fn enabled() -> bool {
        std::env::var_os("GAZETTE_TIMINGS").is_some_and(|v| v != "0")
    }

    pub fn print(&self) {
        for (stage, d) in &self.laps {
            eprintln!("  {stage:<10} {:>8.1} ms", d.as_secs_f64() * 1000.0);
        }
    }
}
