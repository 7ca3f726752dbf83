//! Actual values: long ("tidy") CSV read into series (`docs/plan-format.md#actuals-csv`).
//!
//! A *series* is one indicator for one region and one combination of
//! breakdown values (any column that is not `indicator`, `period`/`year`,
//! `value`, `region`, `source` or `note`). Once read, every series' points
//! are sorted by period, one per period, and stored packed in one arena
//! ([`pack`]: 12 bytes a point), series after series; the series are
//! sorted by indicator, region name and breakdown name, which is the order
//! of every output, and region and breakdown ids are numbered in that
//! order too, so a series is found by binary search.
//!
//! Reading ([`reader`]) streams the file in blocks, parses chunks of a
//! block in parallel ([`parse`], [`split`]) and merges them in file order.

pub mod append;
mod breakdown;
mod fast;
mod pack;
mod parse;
mod reader;
pub mod revise;
mod split;
#[cfg(test)]
mod tests;

use std::collections::HashMap;

use rust_decimal::Decimal;

use crate::period::Period;

pub use breakdown::Breakdown;
pub use reader::{ActualsReader, Progress};

/// The columns of `docs/plan-format.md#columns` with a meaning of their own; any other column
/// is a breakdown dimension.
pub const PLAIN_COLUMNS: &[&str] = &[
    "indicator",
    "period",
    "year",
    "value",
    "region",
    "source",
    "note",
];

/// Where a value came from: file index and 1-based line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Origin {
    pub file: u32,
    pub line: u64,
}

/// One value of a series, with where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub period: Period,
    pub value: Decimal,
    /// Index into [`Actuals::texts`], if the row had a `source`.
    pub source: Option<u32>,
    /// Index into [`Actuals::texts`], if the row had a `note`.
    pub note: Option<u32>,
    pub origin: Origin,
}

/// Identifies a series: indices into the plan's indicators, the region
/// names and the breakdown combinations of [`Actuals`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SeriesKey {
    pub indicator: u32,
    pub region: u32,
    pub breakdown: u32,
}

/// A point as stored: packed period and value codes, and the row's line
/// as an ordinal over all files (see [`Actuals::origin`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Packed {
    period: u32,
    value: u32,
    ordinal: u32,
}

/// A series as stored: its points are `points[start..start + len]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Slot {
    key: SeriesKey,
    start: u32,
    len: u32,
}

/// Strings stored once and referred to by index.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Interner {
    names: Vec<String>,
    index: HashMap<String, u32>,
}

impl Interner {
    pub fn intern(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.index.get(s) {
            return i;
        }
        let i = self.names.len() as u32;
        self.names.push(s.to_string());
        self.index.insert(s.to_string(), i);
        i
    }

    pub fn get(&self, s: &str) -> Option<u32> {
        self.index.get(s).copied()
    }

    pub fn name(&self, i: u32) -> &str {
        &self.names[i as usize]
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Renumber in name order; returns `new[old]`.
    fn sort(&mut self) -> Vec<u32> {
        let mut order: Vec<u32> = (0..self.names.len() as u32).collect();
        order.sort_by(|&a, &b| self.names[a as usize].cmp(&self.names[b as usize]));
        let mut new = vec![0; order.len()];
        for (rank, &old) in order.iter().enumerate() {
            new[old as usize] = rank as u32;
        }
        let mut names = std::mem::take(&mut self.names);
        let mut sorted: Vec<String> = Vec::with_capacity(names.len());
        for &old in &order {
            sorted.push(std::mem::take(&mut names[old as usize]));
        }
        self.index = (sorted.iter().enumerate())
            .map(|(i, n)| (n.clone(), i as u32))
            .collect();
        self.names = sorted;
        new
    }
}

/// All actuals of one plan.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Actuals {
    /// Region ids; `""` is a row without a region in a plan without one.
    pub regions: Interner,
    /// Breakdown combinations as `dim=value;dim=value`; `""` is none.
    pub breakdowns: Interner,
    /// Breakdown dimension names, in the order first seen.
    pub dims: Vec<String>,
    /// Sources and notes.
    pub texts: Interner,
    /// The files read, as named to the user.
    pub files: Vec<String>,
    /// Ordinal of line 0 of each file ([`Packed::ordinal`]).
    file_bases: Vec<u64>,
    slots: Vec<Slot>,
    points: Vec<Packed>,
    /// Values too large for an inline code.
    overflow: Vec<Decimal>,
    /// Source and note of the rows that have them, by ordinal.
    notes: HashMap<u32, (Option<u32>, Option<u32>)>,
}

/// One series: its key and its points, sorted by period.
#[derive(Clone, Copy)]
pub struct Series<'a> {
    pub key: SeriesKey,
    actuals: &'a Actuals,
    points: &'a [Packed],
}

impl<'a> Series<'a> {
    /// How many periods have a value.
    pub fn len(&self) -> usize {
        self.points.len()
    }

    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }

    pub fn first_period(&self) -> Option<Period> {
        self.points.first().map(|p| pack::period_of(p.period))
    }

    /// (period, value) of every point, in period order.
    pub fn values(&self) -> impl DoubleEndedIterator<Item = (Period, Decimal)> + 'a {
        let overflow = &self.actuals.overflow;
        (self.points.iter()).map(|p| (pack::period_of(p.period), pack::value_of(p.value, overflow)))
    }

    /// (period, value) of the points up to `until` (inclusive), in order:
    /// the points are sorted, so this compares packed codes and stops at
    /// the first later one.
    pub fn values_until(&self, until: Period) -> impl Iterator<Item = (Period, Decimal)> + 'a {
        // Every period that ends by `until`'s end (`2023` by `2023-12-31`).
        let until = until.last_ending_with();
        let overflow = &self.actuals.overflow;
        let n = match pack::period_code(until) {
            Some(code) => self.points.partition_point(|p| p.period <= code),
            None => (self.points.iter())
                .take_while(|p| pack::period_of(p.period) <= until)
                .count(),
        };
        (self.points[..n].iter())
            .map(|p| (pack::period_of(p.period), pack::value_of(p.value, overflow)))
    }

    /// Every point with where it came from (slower than [`Series::values`]).
    pub fn points(&self) -> impl DoubleEndedIterator<Item = Point> + 'a {
        let a = self.actuals;
        self.points.iter().map(move |p| {
            let (source, note) = a.notes.get(&p.ordinal).copied().unwrap_or_default();
            Point {
                period: pack::period_of(p.period),
                value: pack::value_of(p.value, &a.overflow),
                source,
                note,
                origin: a.origin(p.ordinal),
            }
        })
    }
}

impl Actuals {
    fn series_of(&self, s: &Slot) -> Series<'_> {
        let start = s.start as usize;
        Series {
            key: s.key,
            actuals: self,
            points: &self.points[start..start + s.len as usize],
        }
    }

    /// Every series, by indicator, region name and breakdown name.
    pub fn series(&self) -> impl ExactSizeIterator<Item = Series<'_>> {
        self.slots.iter().map(|s| self.series_of(s))
    }

    /// The `i`-th series of [`Actuals::series`].
    pub fn series_at(&self, i: usize) -> Series<'_> {
        self.series_of(&self.slots[i])
    }

    pub fn series_count(&self) -> usize {
        self.slots.len()
    }

    /// How many values were read (after duplicates).
    pub fn point_count(&self) -> usize {
        self.slots.iter().map(|s| s.len as usize).sum()
    }

    /// The range of [`Actuals::series`] that belongs to an indicator.
    pub fn indicator_range(&self, indicator: u32) -> std::ops::Range<usize> {
        let lo = self.slots.partition_point(|s| s.key.indicator < indicator);
        let hi = self.slots.partition_point(|s| s.key.indicator <= indicator);
        lo..hi
    }

    pub fn get(&self, key: &SeriesKey) -> Option<Series<'_>> {
        let i = self.slots.binary_search_by(|s| s.key.cmp(key)).ok()?;
        Some(self.series_at(i))
    }

    /// The latest period with a value, over every series.
    pub fn latest_period(&self) -> Option<Period> {
        (self.slots.iter())
            .filter(|s| s.len > 0)
            .map(|s| self.points[(s.start + s.len - 1) as usize].period)
            .max()
            .map(pack::period_of)
    }

    /// The (region, breakdown) ids of a region's total series (no
    /// breakdown), if any series has that region: a key compares with it
    /// without reading any name.
    pub fn total_ids(&self, region: &str) -> Option<(u32, u32)> {
        Some((self.regions.get(region)?, self.breakdowns.get("")?))
    }

    /// The series of an indicator with this region and breakdown, if any.
    pub fn series_named(
        &self,
        indicator: usize,
        region: &str,
        breakdown: &str,
    ) -> Option<Series<'_>> {
        self.get(&SeriesKey {
            indicator: u32::try_from(indicator).ok()?,
            region: self.regions.get(region)?,
            breakdown: self.breakdowns.get(breakdown)?,
        })
    }

    /// An indicator's total series (no breakdown) in a region, if any.
    pub fn total_series(&self, indicator: usize, region: &str) -> Option<Series<'_>> {
        let (region, breakdown) = self.total_ids(region)?;
        self.get(&SeriesKey {
            indicator: u32::try_from(indicator).ok()?,
            region,
            breakdown,
        })
    }

    pub fn region_name(&self, key: &SeriesKey) -> &str {
        self.regions.name(key.region)
    }

    pub fn breakdown_name(&self, key: &SeriesKey) -> &str {
        self.breakdowns.name(key.breakdown)
    }

    /// The value of `dim` in a series' breakdown, if it has one.
    #[cfg(test)]
    pub fn breakdown_value<'a>(&'a self, key: &SeriesKey, dim: &str) -> Option<&'a str> {
        Breakdown::new(self.breakdown_name(key)).value(dim)
    }

    /// File and line of an ordinal.
    fn origin(&self, ordinal: u32) -> Origin {
        let o = u64::from(ordinal);
        let file = self
            .file_bases
            .partition_point(|&b| b < o)
            .saturating_sub(1);
        Origin {
            file: file as u32,
            line: o - self.file_bases.get(file).copied().unwrap_or(0),
        }
    }
}
