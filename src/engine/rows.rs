//! Which rows a plan's assessment has, decided before any figure is
//! computed, and their assessment in parallel.
//!
//! A [`Unit`] is one output row: a series, an indicator without data, or
//! (method `cagr`) several series rolled up. Planning the units reads only
//! series keys and first periods, so commands can select rows (region,
//! breakdown, headline) without assessing what they drop; assessing a list
//! of units gives the rows in the units' order whatever the thread count.

use rayon::prelude::*;

use super::{Assessment, Context, roll_up_series};

/// One row of output, before assessment: a series, an indicator's own
/// series without data, or the roll-up of an indicator's series. Eight
/// bytes, as there is one per series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unit {
    indicator: u32,
    /// An index into [`crate::actuals::Actuals::series`], or a mark.
    series: u32,
}

impl Unit {
    const NO_DATA: u32 = u32::MAX;
    const ROLL_UP: u32 = u32::MAX - 1;

    /// A series (`None`: the indicator's own series, without data).
    pub fn series(indicator: usize, series: Option<usize>) -> Unit {
        Unit {
            indicator: indicator as u32,
            series: series.map_or(Unit::NO_DATA, |s| s as u32),
        }
    }

    /// All the series of an indicator with a value up to the as-of
    /// period, rolled up into one row.
    pub fn roll_up(indicator: usize) -> Unit {
        Unit {
            indicator: indicator as u32,
            series: Unit::ROLL_UP,
        }
    }

    pub fn indicator(&self) -> usize {
        self.indicator as usize
    }

    /// The series index, for a unit of one series with data.
    pub fn series_index(&self) -> Option<usize> {
        (self.series < Unit::ROLL_UP).then_some(self.series as usize)
    }

    /// Region and breakdown of the row (a roll-up has neither).
    pub fn names<'a>(&self, ctx: &'a Context) -> (&'a str, &'a str) {
        match (self.series_index(), self.series) {
            (Some(i), _) => {
                let key = ctx.actuals.series_at(i).key;
                (
                    ctx.actuals.region_name(&key),
                    ctx.actuals.breakdown_name(&key),
                )
            }
            (None, Unit::NO_DATA) => (ctx.plan.region.as_deref().unwrap_or(""), ""),
            (None, _) => ("", ""),
        }
    }
}

/// Every row of a plan, in plan order, then by region and breakdown: each
/// series with a value up to the as-of period (the plan's own series
/// always), and a row from the plan alone for an indicator whose own series
/// has no data but a plan baseline, or that has no row at all.
pub fn plan_units(ctx: &Context) -> Vec<Unit> {
    let mut out = Vec::with_capacity(ctx.actuals.series_count() + ctx.plan.indicators.len());
    for i in 0..ctx.plan.indicators.len() {
        indicator_units(ctx, i, &mut out);
    }
    out
}

/// Add the rows of one indicator to `out` (see [`plan_units`]).
fn indicator_units(ctx: &Context, i: usize, out: &mut Vec<Unit>) {
    let plan_region = ctx.plan.region.as_deref().unwrap_or("");
    let ind = &ctx.plan.indicators[i];
    // Series are sorted by indicator, region name, breakdown name.
    let range = ctx.actuals.indicator_range(i as u32);
    let own = ctx.actuals.total_ids(plan_region);
    let headline = |s: usize| {
        let key = ctx.actuals.series_at(s).key;
        Some((key.region, key.breakdown)) == own
    };
    let before = out.len();
    if !range.clone().any(headline) && ind.baseline.is_some() {
        out.push(Unit::series(i, None));
    }
    for s in range {
        // A series with nothing up to the as-of period is not shown,
        // but for the plan's own (headline) series.
        let first = ctx.actuals.series_at(s).first_period();
        if headline(s) || first.is_some_and(|p| p.ends_by(ctx.as_of)) {
            out.push(Unit::series(i, Some(s)));
        }
    }
    if out.len() == before {
        out.push(Unit::series(i, None)); // an indicator without data still has a row
    }
}

impl Context<'_> {
    /// The row of one unit.
    pub fn assess_unit(&self, u: &Unit) -> Assessment {
        let i = u.indicator();
        if u.series == Unit::ROLL_UP {
            // The series `plan_units` gives an indicator without a
            // headline: those with a value up to the as-of period.
            let range = self.actuals.indicator_range(u.indicator);
            let rows: Vec<Assessment> = range
                .into_par_iter()
                .map(|s| self.actuals.series_at(s))
                .filter(|s| s.first_period().is_some_and(|p| p.ends_by(self.as_of)))
                .map(|s| self.assess(i, Some(s)))
                .collect();
            let refs: Vec<&Assessment> = rows.iter().collect();
            return roll_up_series(&refs).unwrap_or_else(|| self.assess(i, None));
        }
        self.assess(i, u.series_index().map(|s| self.actuals.series_at(s)))
    }
}

/// The rows of `units`, in their order, assessed in parallel.
pub fn assess_units(ctx: &Context, units: &[Unit]) -> Vec<Assessment> {
    units.par_iter().map(|u| ctx.assess_unit(u)).collect()
}
