//! Wall-clock timing shared by the benches: run a step n times, report median, p95 and max.

use std::hint::black_box;
use std::time::{Duration, Instant};

/// The durations of the runs of one step.
pub struct Stats(pub Vec<Duration>);

impl Stats {
    /// Prints `what` with the median, p95 and max of the runs.
    #[allow(clippy::disallowed_macros)]
    pub fn report(mut self, what: &str) {
        self.0.sort();
        let at = |q: f64| self.0[((self.0.len() - 1) as f64 * q).round() as usize];
        println!(
            "{what:<58} n={:<5} median {:>9.3?}  p95 {:>9.3?}  max {:>9.3?}",
            self.0.len(),
            at(0.5),
            at(0.95),
            self.0[self.0.len() - 1]
        );
    }
}

/// Times `n` runs of `f`.
pub fn time<T>(n: usize, mut f: impl FnMut() -> T) -> Stats {
    Stats(
        (0..n)
            .map(|_| {
                let start = Instant::now();
                black_box(f());
                start.elapsed()
            })
            .collect(),
    )
}
