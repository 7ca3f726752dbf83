//! The engine: every figure and the status of a series, as of a period
//! (`docs/methods.md#figures`).
//!
//! Values, targets, gaps, changes, completion, time progress and `R` are
//! exact decimals, so a ratio of exactly 0.95 is graded up as written; only
//! growth rates (CAGR) are binary floats. Every operation on user numbers is
//! checked: a figure that would overflow is left empty, never a panic. The
//! engine reads nothing but its arguments: the same plan, actuals and as-of
//! give the same figures.

mod arith;
mod assess;
mod cagr;
mod figures;
mod goal;
mod line;
mod rows;
mod status;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_targets;

use rust_decimal::Decimal;

pub use cagr::roll_up;
pub use figures::{Change, Dated, Step};
pub use goal::Goal;
pub use rows::{Unit, assess_units, plan_units};
pub use status::Status;

use crate::actuals::Actuals;
use crate::period::Period;
use crate::plan::{Direction, Indicator, Method, Plan};

/// What a series is compared against, resolved for that series.
#[derive(Debug, Clone, PartialEq)]
pub struct MilestoneResult {
    pub period: Period,
    pub text: String,
    pub target: Option<Decimal>,
    /// The value it was judged on.
    pub value: Option<Dated>,
    pub status: MilestoneStatus,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MilestoneStatus {
    Met,
    Missed,
    /// Due after the as-of period.
    Pending,
    NoData,
}

impl MilestoneStatus {
    pub fn as_str(&self) -> &'static str {
        match self {
            MilestoneStatus::Met => "met",
            MilestoneStatus::Missed => "missed",
            MilestoneStatus::Pending => "pending",
            MilestoneStatus::NoData => "no-data",
        }
    }
}

/// Every figure of one series (`docs/methods.md#figures`, `docs/outputs.md#machine-readable-columns`).
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    /// Index of the indicator in the plan.
    pub indicator: usize,
    /// Region id, `""` when the plan has none.
    pub region: String,
    /// Breakdown as `dim=value;dim=value`, `""` for none.
    pub breakdown: String,
    pub method: Method,
    pub direction: Direction,
    /// The value the series is measured from: the data at the baseline
    /// period, else the plan's `baseline`, else the first later value.
    pub baseline: Option<Dated>,
    /// The last value up to the as-of period.
    pub latest: Option<Dated>,
    /// The value before the latest.
    pub previous: Option<Dated>,
    /// The level the series is judged against (the nearest bound of a
    /// range; the reference region's value for `better_than`).
    pub target: Option<Decimal>,
    pub goal: Option<Goal>,
    pub target_period: Period,
    pub gap: Option<Decimal>,
    /// From the baseline to the latest value.
    pub change: Option<Change>,
    /// From the previous value to the latest.
    pub yoy: Option<Change>,
    pub cagr: Option<f64>,
    /// Change per year still needed to reach the target by the deadline.
    pub required_change: Option<Decimal>,
    pub required_rate: Option<f64>,
    pub completion: Option<Decimal>,
    pub time_progress: Option<Decimal>,
    pub ratio: Option<Decimal>,
    pub score: Option<f64>,
    /// The least-squares line since baseline, at the deadline.
    pub projection: Option<Decimal>,
    /// The first period at which that line meets the target.
    pub projected_meet: Option<Period>,
    /// Method `cagr`: the `limit` factor `C` (`docs/methods.md#limit-factor`).
    pub limit_factor: Option<f64>,
    /// For a roll-up row: how many series it stands for (0: a series).
    pub rollup: usize,
    /// Things to tell the user about this series' figures (stderr).
    pub warnings: Vec<String>,
    pub status: Status,
    /// The baseline already met the target: completion means nothing.
    pub met_at_baseline: bool,
    /// Achieved before the deadline (提前完成).
    pub early: bool,
    pub milestones: Vec<MilestoneResult>,
    /// For `every_period`: the first step that broke the rule.
    pub broken: Option<Step>,
    /// The series' points up to the as-of period (the plan's baseline
    /// value included when the data lacks it); filled only when the
    /// [`Context`] asks for them (charts), the figures never need them here.
    pub points: Vec<(Period, Decimal)>,
    /// The most decimals of those points (display precision).
    pub decimals: u32,
}

/// Everything a series is assessed against.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    pub plan: &'a Plan,
    pub actuals: &'a Actuals,
    pub as_of: Period,
    /// `--method`, overriding the plan and the indicator.
    pub method: Option<Method>,
    /// Keep each series' points in its [`Assessment`] (for charts).
    pub keep_points: bool,
}

impl Assessment {
    fn empty(
        indicator: usize,
        region: String,
        breakdown: String,
        ind: &Indicator,
        method: Method,
    ) -> Assessment {
        let mut a =
            Assessment::empty_like_parts(indicator, method, ind.direction, ind.target_period);
        a.region = region;
        a.breakdown = breakdown;
        a
    }

    /// The baseline's value.
    pub fn baseline_value(&self) -> Option<Decimal> {
        self.baseline.map(|b| b.value)
    }

    /// No value since the baseline: the latest value is the baseline's,
    /// or there is neither.
    pub fn latest_is_baseline(&self) -> bool {
        self.latest.map(|l| l.period) == self.baseline.map(|b| b.period)
    }

    /// A milestone that was due and missed.
    pub fn missed_milestones(&self) -> impl Iterator<Item = &MilestoneResult> {
        self.milestones
            .iter()
            .filter(|m| m.status == MilestoneStatus::Missed)
    }
}

/// Assess every series of a plan (every indicator without rows too), in
/// plan order, then by region and breakdown.
pub fn assess_plan(ctx: &Context) -> Vec<Assessment> {
    assess_units(ctx, &plan_units(ctx))
}

/// One row standing for several series of an indicator (method `cagr`,
/// `docs/methods.md#scores-and-roll-ups`): the mean of their scores, graded 2.5 / 0 / −2.5, and
/// `achieved` only when every series is.
pub fn roll_up_series(series: &[&Assessment]) -> Option<Assessment> {
    let first = series.first()?;
    let scores: Vec<f64> = series.iter().filter_map(|a| a.score).collect();
    let all_achieved = series.iter().all(|a| a.status == Status::Achieved);
    let mut row = Assessment::empty_like(first);
    row.rollup = series.len();
    match roll_up(&scores, all_achieved) {
        Some((mean, status)) => {
            row.score = Some(mean);
            row.status = status;
        }
        None => row.status = Status::NoData,
    }
    Some(row)
}

impl Assessment {
    fn empty_like(a: &Assessment) -> Assessment {
        Assessment::empty_like_parts(a.indicator, a.method, a.direction, a.target_period)
    }

    fn empty_like_parts(
        indicator: usize,
        method: Method,
        direction: Direction,
        target_period: Period,
    ) -> Assessment {
        Assessment {
            indicator,
            region: String::new(),
            breakdown: String::new(),
            method,
            direction,
            baseline: None,
            latest: None,
            previous: None,
            target: None,
            goal: None,
            target_period,
            gap: None,
            change: None,
            yoy: None,
            cagr: None,
            required_change: None,
            required_rate: None,
            completion: None,
            time_progress: None,
            ratio: None,
            score: None,
            projection: None,
            projected_meet: None,
            limit_factor: None,
            rollup: 0,
            warnings: Vec::new(),
            status: Status::NoData,
            met_at_baseline: false,
            early: false,
            milestones: Vec::new(),
            broken: None,
            points: Vec::new(),
            decimals: 0,
        }
    }
}
