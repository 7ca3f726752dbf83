//! A deterministic generator of benchmark input: a long CSV
//! `indicator,region,year,value` sorted by series (years 2016..2025, about
//! 5% of rows missing, values with one decimal moving toward a target), and
//! the plan that goes with it. `benches/peers.sh` times `track` against the
//! DuckDB and Polars peers in `benches/peers/` on it.
//!
//! Shared by the benchmarks, the example `gen` and the tests (included
//! with `#[path]`); it depends on nothing but `std`.

#![allow(dead_code)]

use std::fmt::Write as _;

/// A small, fast, deterministic generator (xorshift64*).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Indicator `i`'s id and whether lower is better.
fn indicator(i: usize) -> (String, bool) {
    (format!("ind_{:04}", i + 1), i % 4 == 3)
}

/// The plan of `indicators` indicators (`docs/plan-format.md#plan-file`), baseline 2020, deadline 2025.
pub fn plan_toml(indicators: usize) -> String {
    let mut s = String::from(
        "[plan]\nid = \"bench\"\nname = \"Benchmark plan\"\nbaseline = 2020\ntarget = 2025\n\n",
    );
    for i in 0..indicators {
        let (id, down) = indicator(i);
        let (op, target, dir) = if down {
            ("<=", 5 + 5 * (i % 4), "down")
        } else {
            (">=", 80 + 5 * (i % 4), "up")
        };
        let _ = write!(
            s,
            "[[indicator]]\nid = \"{id}\"\nname = \"Indicator {}\"\nunit = \"%\"\ntarget = \"{op} {target}\"\ndirection = \"{dir}\"\n\n",
            i + 1
        );
    }
    s
}

/// Options of [`csv`].
#[derive(Clone, Copy, Default)]
pub struct Shape {
    /// Add a `note` column, quoted, with commas, quotes and newlines.
    pub quoted_notes: bool,
    /// End lines with `\r\n`.
    pub crlf: bool,
}

/// About `indicators × regions × 9.5` rows of actuals.
pub fn csv(indicators: usize, regions: usize, seed: u64, shape: Shape) -> Vec<u8> {
    let mut rng = Rng::new(seed);
    let nl = if shape.crlf { "\r\n" } else { "\n" };
    let mut out = String::with_capacity(indicators * regions * 300);
    out.push_str("indicator,region,year,value");
    if shape.quoted_notes {
        out.push_str(",note");
    }
    out.push_str(nl);
    for i in 0..indicators {
        let (id, down) = indicator(i);
        let target = if down { 5.0 } else { 90.0 };
        for r in 0..regions {
            let start = if down { 20.0 } else { 60.0 } + rng.unit() * 20.0;
            let pace = (target - start) / (6.0 + rng.unit() * 14.0);
            for (k, year) in (2016..=2025).enumerate() {
                if rng.unit() < 0.05 {
                    continue; // a missing cell
                }
                let noise = (rng.unit() - 0.5) * 3.0;
                let v = (start + pace * k as f64 + noise).clamp(0.0, 100.0);
                let tenths = (v * 10.0).round() as i64;
                let _ = write!(
                    out,
                    "{id},reg_{:05},{year},{}.{}",
                    r + 1,
                    tenths / 10,
                    tenths % 10
                );
                if shape.quoted_notes {
                    match rng.next() % 4 {
                        0 => out.push_str(",\"a, b\""),
                        1 => out.push_str(",\"two\nlines, \"\"quoted\"\"\""),
                        2 => out.push_str(",plain"),
                        _ => out.push(','),
                    }
                }
                out.push_str(nl);
            }
        }
    }
    out.into_bytes()
}
