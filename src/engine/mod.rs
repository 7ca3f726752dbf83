//! The engine: every figure and the status of a series, as of a period
//! (`docs/methods.md#figures`).
//!
//! Values, targets, gaps, changes, completion, time progress and `R` are
//! exact decimals, so a ratio of exactly 0.95 is graded up as written; only
//! growth rates (CAGR) are binary floats. Every operation on user numbers is
//! checked: a figure that would overflow is left empty, never a panic. The
//! engine reads nothing but its arguments: the same plan, actuals and as-of
//! give the same figures.

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

use std::cell::Cell;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

pub use cagr::roll_up;
pub use figures::{Change, Dated, Step};
pub use goal::Goal;
use line::Line;
pub use rows::{Unit, assess_units, plan_units};
pub use status::Status;

use crate::actuals::{Actuals, Series};
use crate::period::{Period, TICKS_PER_YEAR};
use crate::plan::{Direction, Indicator, Method, Plan, TargetExpr};

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

impl Context<'_> {
    /// Assess one series of an indicator. `series` is `None` for an
    /// indicator without any rows (its figures then come from the plan).
    pub fn assess(&self, ind_idx: usize, series: Option<Series>) -> Assessment {
        let ind = &self.plan.indicators[ind_idx];
        let (region, breakdown) = match series {
            Some(s) => (
                self.actuals.region_name(&s.key).to_string(),
                self.actuals.breakdown_name(&s.key).to_string(),
            ),
            None => (self.plan.region.clone().unwrap_or_default(), String::new()),
        };
        let headline =
            breakdown.is_empty() && region == self.plan.region.clone().unwrap_or_default();
        let plan_baseline = if headline { ind.baseline } else { None };
        let points = effective_points(series, ind.baseline_period, plan_baseline, self.as_of);
        let method = self.method.unwrap_or(ind.method);
        let mut a = Assessment::empty(ind_idx, region, breakdown, ind, method);

        // Baseline: the data at t0, else the plan's value, else the first later period.
        let base = points
            .iter()
            .find(|(p, _)| *p >= ind.baseline_period)
            .copied();
        a.baseline = base.map(|(t0, b)| Dated::new(t0, b));
        a.latest = points.last().map(|&(t, y)| Dated::new(t, y));
        if points.len() >= 2 {
            let (pp, pv) = points[points.len() - 2];
            a.previous = Some(Dated::new(pp, pv));
        }
        a.decimals = points.iter().map(|(_, v)| v.scale()).max().unwrap_or(0);
        self.figures(ind, &mut a, &points);
        if self.keep_points {
            a.points = points;
        }
        a
    }

    fn figures(&self, ind: &Indicator, a: &mut Assessment, points: &[(Period, Decimal)]) {
        if let (Some(latest), Some(previous)) = (a.latest, a.previous) {
            let figures = [
                "change on the previous period",
                "relative change on the previous period",
            ];
            a.yoy = change(ind, a, previous.value, latest.value, figures);
        }
        // Points are in period order: those since the baseline are a tail.
        let since: &[(Period, Decimal)] = match a.baseline {
            Some(b) => &points[points.partition_point(|(p, _)| *p < b.period)..],
            None => &[],
        };
        if let (Some(base), Some(latest)) = (a.baseline, a.latest)
            && latest.period > base.period
        {
            let figures = [
                "change since the baseline",
                "relative change since the baseline",
            ];
            a.change = change(ind, a, base.value, latest.value, figures);
            a.cagr = cagr(base.value, latest.value, base.period, latest.period);
        }
        let (b, y) = (a.baseline.map(|b| b.value), a.latest.map(|l| l.value));
        a.goal = Goal::resolve(ind, b, a.direction, |p| self.reference(ind, a, p));
        let zero_based =
            matches!(ind.target, TargetExpr::DeltaPercent(_)) && b.is_some_and(|b| b.is_zero());
        if a.goal.is_none()
            && b.is_some()
            && !zero_based
            && matches!(
                ind.target,
                TargetExpr::DeltaPoints(_) | TargetExpr::DeltaPercent(_)
            )
        {
            // Besides a percentage of a zero baseline (said below), the
            // only way a relative target fails to resolve from a baseline.
            overflowed(ind, a, "target");
        }
        a.target = a.goal.as_ref().and_then(|g| g.level(y.or(b)));
        let Some(goal) = a.goal.clone() else {
            a.status = self.status_without_goal(ind, a, since);
            a.milestones = self.milestones(ind, a, points);
            return;
        };
        let met = y.is_some_and(|y| goal.meets(y));
        if let Some(y) = y {
            a.gap = exact(ind, a, "gap", goal.gap(y));
        }
        let met_at_baseline = b.is_some_and(|b| goal.meets(b));
        a.met_at_baseline = met_at_baseline;
        let tt = ind.target_period;
        // A reference region's value is no level to make progress toward:
        // better_than has neither completion nor R (`docs/methods.md#reference-region-targets`).
        let progress = !matches!(goal, Goal::Better { .. });
        // R beyond what a decimal holds, as a float: it still grades.
        let float_ratio = if progress {
            self.progress_figures(ind, a)
        } else {
            None
        };
        if let (Some(latest), Some(t)) = (a.latest, a.target)
            && !met
            && !tt.ends_by(latest.period)
        {
            self.required(ind, a, latest, t);
        }
        self.project(a, &goal, since, tt);
        let cagr_grade = match (&goal, a.method) {
            (Goal::Better { .. }, _) | (_, Method::Time) => None,
            // "持续提高" asks for growth, not a level: graded as a trend
            // (its level, the baseline, needs no growth to reach).
            (_, Method::Cagr) if matches!(ind.target, TargetExpr::Improve(_)) => {
                Some(self.cagr_grade(ind, a, None))
            }
            (_, Method::Cagr) => Some(self.cagr_grade(ind, a, a.target)),
        };

        // Status: the first rule that holds (`docs/methods.md#status`).
        let deadline_value = points.iter().rev().find(|(p, _)| p.ends_by(tt)).copied();
        a.status = if met {
            // Early: reached before the deadline, not held since the
            // baseline (that is 已实现, not 提前实现).
            a.early = !met_at_baseline && a.latest.is_some_and(|l| l.period < tt);
            Status::Achieved
        } else if tt.ends_by(self.as_of)
            && deadline_value.is_some_and(|(p, v)| !self.deadline_goal(ind, a, &goal, p).meets(v))
        {
            Status::Missed
        } else if matches!(goal, Goal::Better { .. }) {
            // Judged against the reference alone (`docs/methods.md#reference-region-targets`): a baseline or
            // a path does not enter into it, a missing reference value does.
            if y.is_some() && a.target.is_some() {
                Status::OffTrack
            } else {
                Status::NoData
            }
        } else if b.is_none() || y.is_none() || a.latest_is_baseline() {
            Status::NoData
        } else if let Some(g) = cagr_grade {
            g
        } else if met_at_baseline {
            Status::Regressing
        } else if let Some(r) = a.ratio {
            grade(r, &self.plan.thresholds)
        } else if let Some(r) = float_ratio {
            grade(saturating_decimal(r), &self.plan.thresholds)
        } else if a.target == b {
            // A strict target level equal to the baseline: no completion to
            // measure; falling further is regressing, staying put is not progress.
            match (y, b) {
                (Some(y), Some(b)) if gap(b, y, goal.direction()) > Decimal::ZERO => {
                    Status::Regressing
                }
                _ => Status::OffTrack,
            }
        } else {
            Status::NoData
        };
        if a.method == Method::Cagr && a.status == Status::Achieved {
            a.score = Some(cagr::ACHIEVED_SCORE);
        }
        a.milestones = self.milestones(ind, a, points);
    }

    /// Completion, time progress and `R` (`docs/methods.md#method-time`) into the assessment.
    /// Returns `R` as a float where the values are too large for it to be
    /// computed in decimal (it then still grades the series; docs/methods.md#status).
    fn progress_figures(&self, ind: &Indicator, a: &mut Assessment) -> Option<f64> {
        let (Some(base), Some(t)) = (a.baseline, a.target) else {
            return None;
        };
        let (b, t0) = (base.value, base.period);
        let tt = ind.target_period;
        // Completion is the formula of §3 even where the baseline already
        // met the target (machine output carries it, as the peers do);
        // `met_at_baseline` tells displays that it means nothing there.
        if t != b
            && let Some(y) = a.latest.map(|l| l.value)
        {
            let c = y
                .checked_sub(b)
                .and_then(|d| d.checked_div(t.checked_sub(b)?));
            a.completion = exact(ind, a, "completion", c);
        }
        // Elapsed and planned time in exact ticks; R is one division of
        // exact products, so a ratio of exactly 0.95 or 0.60 stays so
        // (two rounded quotients divided can land just below it).
        let planned = Decimal::from(tt.ticks() - t0.ticks());
        let latest = a.latest.filter(|_| t0 < tt)?;
        let p = latest.period;
        let elapsed = Decimal::from(p.ticks() - t0.ticks());
        a.time_progress = time_progress(t0, p, tt);
        let y = Some(latest.value).filter(|_| elapsed > Decimal::ZERO && t != b)?;
        a.ratio = y
            .checked_sub(b)
            .and_then(|d| d.checked_mul(planned))
            .and_then(|n| n.checked_div(t.checked_sub(b)?.checked_mul(elapsed)?))
            // Too large for the exact products: completion × planned / elapsed.
            .or_else(|| a.completion?.checked_mul(planned)?.checked_div(elapsed));
        if a.ratio.is_some() {
            return None;
        }
        // Beyond a decimal even so: grade on floats, and say the figure is left empty.
        overflowed(ind, a, "progress ratio");
        let f = |d: Decimal| f64_of(d).unwrap_or(f64::NAN);
        let r = (f(y) - f(b)) / (f(t) - f(b)) * f(planned) / f(elapsed);
        r.is_finite().then_some(r)
    }

    /// The change per year and the rate still needed to reach `t` from
    /// the latest value by the deadline.
    fn required(&self, ind: &Indicator, a: &mut Assessment, latest: Dated, t: Decimal) {
        let (p, y) = (latest.period, latest.value);
        let tt = ind.target_period;
        let ticks = Decimal::from(tt.ticks() - p.ticks());
        let per_year = Decimal::from(TICKS_PER_YEAR);
        let change = t.checked_sub(y).and_then(|d| {
            (d.checked_mul(per_year).and_then(|n| n.checked_div(ticks)))
                // Too large for the exact product: divide first.
                .or_else(|| d.checked_div(ticks)?.checked_mul(per_year))
        });
        a.required_change = exact(ind, a, "change per year still needed", change);
        // Whole years (the usual deadline and periods) need no division.
        let years = match (tt.ticks() - p.ticks()) % TICKS_PER_YEAR {
            0 => Decimal::from((tt.ticks() - p.ticks()) / TICKS_PER_YEAR),
            _ => ticks / per_year,
        };
        a.required_rate = rate(y, t, years);
    }

    /// Method `cagr`: `R` (or `P`), `C` and the score into the assessment,
    /// and the grade they give (`no-data` when growth cannot be measured).
    fn cagr_grade(&self, ind: &Indicator, a: &mut Assessment, level: Option<Decimal>) -> Status {
        let f = f64_of;
        // The ratio is this method's R or P, or nothing: never the
        // `time` method's (a pair of opposite signs has none).
        a.ratio = None;
        let (Some(base), Some(latest)) = (a.baseline, a.latest) else {
            return Status::NoData;
        };
        let (b, y, t0, t) = (base.value, latest.value, base.period, latest.period);
        let inputs = (|| {
            Some(cagr::Inputs {
                b: f(b)?,
                y: f(y)?,
                t0: f(t0.position())?,
                t: f(t.position())?,
                target: match level {
                    Some(l) => Some((f(l)?, f(ind.target_period.position())?)),
                    None => None,
                },
                direction: a.direction,
                limit: match ind.limit {
                    Some(l) => Some(f(l)?),
                    None => None,
                },
            })
        })();
        let Some(Ok(p)) = inputs.map(|i| cagr::progress(&i)) else {
            return Status::NoData;
        };
        if p.replaced_zero {
            a.warnings.push(format!(
                "`{}`: a baseline, value or target of 0 was replaced by {} to compute growth (method cagr)",
                ind.id,
                cagr::ZERO_REPLACEMENT
            ));
        }
        // The float's shortest decimal form, not its binary expansion.
        a.ratio = p.ratio.to_string().parse().ok();
        a.limit_factor = ind.limit.map(|_| p.limit_factor);
        if a.method == Method::Cagr {
            a.score = Some(cagr::score(&p));
        }
        let th = &self.plan.thresholds;
        let th = cagr::Thresholds {
            ahead: th.ahead(Method::Cagr).and_then(f),
            on: f(th.on_track).unwrap_or(0.95),
            risk: f(th.at_risk).unwrap_or(0.6),
            off: f(th.off_track).unwrap_or(0.0),
        };
        cagr::grade(&p, th)
    }

    /// `better_than` is judged against the reference at the deadline's own
    /// period; every other goal is the same at every period.
    fn deadline_goal(&self, ind: &Indicator, a: &Assessment, goal: &Goal, p: Period) -> Goal {
        match goal {
            Goal::Better { .. } => Goal::resolve(ind, a.baseline_value(), a.direction, |_| {
                self.reference(ind, a, Some(p))
            })
            .unwrap_or_else(|| goal.clone()),
            _ => goal.clone(),
        }
    }

    /// The reference region's value for the same indicator and breakdown,
    /// at the series' latest period (or `at`).
    fn reference(&self, ind: &Indicator, a: &Assessment, at: Option<Period>) -> Option<Decimal> {
        let region = ind.target.region()?;
        // The reference region cannot beat itself: it has no target.
        if a.region == region {
            return None;
        }
        let period = at.or(a.latest.map(|l| l.period))?;
        let key = crate::actuals::SeriesKey {
            indicator: a.indicator as u32,
            region: self.actuals.regions.get(region)?,
            breakdown: self.actuals.breakdowns.get(&a.breakdown)?,
        };
        let s = self.actuals.get(&key)?;
        s.values().find(|(p, _)| *p == period).map(|(_, v)| v)
    }

    /// Statuses of targets that are not a level: `every_period`, or a
    /// target that needs a baseline the series lacks.
    fn status_without_goal(
        &self,
        ind: &Indicator,
        a: &mut Assessment,
        since: &[(Period, Decimal)],
    ) -> Status {
        match &ind.target {
            TargetExpr::EveryPeriod(m) => {
                if since.len() < 2 {
                    return Status::NoData;
                }
                for w in since.windows(2) {
                    if !m.holds(w[0].1, w[1].1) {
                        let (from, to) = (w[0], w[1]);
                        a.broken = Some(Step {
                            from: Dated::new(from.0, from.1),
                            to: Dated::new(to.0, to.1),
                        });
                        return Status::Missed;
                    }
                }
                a.early = a.latest.is_some_and(|l| l.period < ind.target_period);
                Status::Achieved
            }
            TargetExpr::DeltaPercent(p) if a.baseline.is_some_and(|b| b.value.is_zero()) => {
                a.warnings.push(format!(
                    "`{}`: a change of {p}% from a baseline of 0 is still 0: the target means nothing for this series",
                    ind.id
                ));
                Status::NoData
            }
            TargetExpr::Trend => {
                if a.baseline.is_none() || a.latest_is_baseline() {
                    return Status::NoData;
                }
                self.cagr_grade(ind, a, None)
            }
            _ => Status::NoData,
        }
    }

    fn project(&self, a: &mut Assessment, goal: &Goal, since: &[(Period, Decimal)], tt: Period) {
        let Some(line) = Line::fit(since) else { return };
        // An estimate: the last digits of a least-squares fit are noise
        // for a reader (30.057142857142857142857142857).
        a.projection = line.at(tt).map(|v| v.round_dp(PROJECTION_DP).normalize());
        let Some(Dated {
            period: t,
            value: y,
        }) = a.latest
        else {
            return;
        };
        if goal.meets(y) {
            return;
        }
        let Some(level) = a.target else { return };
        if line.rises() != Some(goal.direction() == Direction::Up) {
            return;
        }
        // Solve the line for the target level, then step to a period that meets it.
        let Some(x) = line.solve(level) else { return };
        let mut p = match Period::first_ending_at_or_after(x, t.granularity()) {
            Some(p) if p > t => p,
            _ => t.next(),
        };
        for _ in 0..4 {
            if p.year() > tt.year() + 100 {
                return;
            }
            if line.at(p).is_some_and(|v| goal.meets(v)) {
                a.projected_meet = Some(p);
                return;
            }
            p = p.next();
        }
    }

    fn milestones(
        &self,
        ind: &Indicator,
        a: &Assessment,
        points: &[(Period, Decimal)],
    ) -> Vec<MilestoneResult> {
        ind.milestones
            .iter()
            .map(|m| {
                let b = a.baseline_value();
                let goal = Goal::resolve_expr(&m.target, ind, b, a.direction, |_| None);
                let target = goal.as_ref().and_then(|g| g.level(b));
                let value = points
                    .iter()
                    .rev()
                    .find(|(p, _)| p.ends_by(m.period))
                    .map(|&(p, v)| Dated::new(p, v));
                let status = match (&goal, value) {
                    _ if !m.period.ends_by(self.as_of) => MilestoneStatus::Pending,
                    (Some(g), Some(v)) if g.meets(v.value) => MilestoneStatus::Met,
                    (Some(_), Some(_)) => MilestoneStatus::Missed,
                    _ => MilestoneStatus::NoData,
                };
                MilestoneResult {
                    period: m.period,
                    text: m.text.clone(),
                    target,
                    value,
                    status,
                }
            })
            .collect()
    }
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

/// The data points up to `as_of`, with the plan's baseline value added at
/// its period when the data has none there.
fn effective_points(
    series: Option<Series>,
    t0: Period,
    plan_baseline: Option<Decimal>,
    as_of: Period,
) -> Vec<(Period, Decimal)> {
    let mut pts: Vec<(Period, Decimal)> = Vec::with_capacity(series.map_or(0, |s| s.len()) + 1);
    if let Some(s) = series {
        // Sorted by period: stop at the first one after the as-of period.
        pts.extend(s.values_until(as_of));
    }
    if let Some(b) = plan_baseline
        && t0.ends_by(as_of)
        && !pts.iter().any(|(p, _)| *p == t0)
    {
        let at = pts.partition_point(|(p, _)| *p < t0);
        pts.insert(at, (t0, b));
    }
    pts
}

/// How far `y` is short of `level`, positive when short.
fn gap(level: Decimal, y: Decimal, d: Direction) -> Decimal {
    let g = match d {
        Direction::Up => level.checked_sub(y),
        Direction::Down => y.checked_sub(level),
    };
    g.unwrap_or(Decimal::ZERO)
}

fn grade(r: Decimal, th: &crate::plan::Thresholds) -> Status {
    if th.ahead(Method::Time).is_some_and(|a| r >= a) {
        Status::Ahead
    } else if r >= th.on_track {
        Status::OnTrack
    } else if r >= th.at_risk {
        Status::AtRisk
    } else if r >= th.off_track {
        Status::OffTrack
    } else {
        Status::Regressing
    }
}

/// A figure that a checked operation left empty, told rather than left
/// silently empty: `None` here means beyond what an exact decimal holds.
fn exact(ind: &Indicator, a: &mut Assessment, figure: &str, v: Option<Decimal>) -> Option<Decimal> {
    if v.is_none() {
        overflowed(ind, a, figure);
    }
    v
}

/// The change from `from` to `to` (`docs/methods.md#changes`): in the
/// unit, and relative for units other than `%`. `figures` name the two
/// for the warning when one is beyond an exact decimal.
fn change(
    ind: &Indicator,
    a: &mut Assessment,
    from: Decimal,
    to: Decimal,
    figures: [&str; 2],
) -> Option<Change> {
    let amount = exact(ind, a, figures[0], to.checked_sub(from));
    let percent = if !ind.is_percent() && !from.is_zero() {
        exact(ind, a, figures[1], relative(to, from))
    } else {
        None
    };
    amount.map(|amount| Change { amount, percent })
}

/// Warn that `figure` of the series is beyond an exact decimal (±7.9 × 10^28).
fn overflowed(ind: &Indicator, a: &mut Assessment, figure: &str) {
    let mut series = format!("`{}`", ind.id);
    for part in [&a.region, &a.breakdown] {
        if !part.is_empty() {
            series.push_str(&format!(" ({part})"));
        }
    }
    a.warnings.push(format!(
        "{series}: the {figure} is beyond what an exact decimal holds (±7.9 × 10^28) and is left empty"
    ));
}

/// A float as a decimal, the largest decimal of its sign beyond the range
/// (for grading only: the order of thresholds is all that matters there).
fn saturating_decimal(r: f64) -> Decimal {
    use rust_decimal::prelude::FromPrimitive;
    Decimal::from_f64(r).unwrap_or(if r > 0.0 { Decimal::MAX } else { Decimal::MIN })
}

/// `(y − b) / |b| × 100`.
fn relative(y: Decimal, b: Decimal) -> Option<Decimal> {
    if b.is_zero() {
        return None;
    }
    y.checked_sub(b)?
        .checked_div(b.abs())?
        .checked_mul(Decimal::ONE_HUNDRED)
}

/// Compound annual growth between two positive values.
fn cagr(b: Decimal, y: Decimal, t0: Period, t: Period) -> Option<f64> {
    let years = f64_of(t.position() - t0.position())?;
    if years.fract() == 0.0 {
        // A whole number of years goes through a decimal and back
        // unchanged: skip the round trip (the common case, year periods).
        return growth(f64_of(b)?, f64_of(y)?, years);
    }
    rate(b, y, Decimal::from_f64_retain(years)?)
}

/// The annual rate that takes `from` to `to` in `years`.
fn rate(from: Decimal, to: Decimal, years: Decimal) -> Option<f64> {
    growth(f64_of(from)?, f64_of(to)?, f64_of(years)?)
}

/// `(to/from)^(1/years) − 1`, for positive `from` and `years`.
fn growth(from: f64, to: f64, years: f64) -> Option<f64> {
    (from > 0.0 && to >= 0.0 && years > 0.0).then(|| (to / from).powf(1.0 / years) - 1.0)
}

/// `d.to_f64()`, without its 128-bit division in the usual case: a
/// mantissa below 2^48 with at most 22 decimals is `m / 10^s`, both exact
/// as floats, and one correctly rounded division is what `to_f64` gives
/// there too (tested; for larger mantissas its own rounding can differ).
fn f64_of(d: Decimal) -> Option<f64> {
    const POW10: [f64; 23] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];
    let m = d.mantissa();
    match POW10.get(d.scale() as usize) {
        Some(p) if m != 0 && m.unsigned_abs() < 1 << 48 => Some(m as f64 / p),
        _ => d.to_f64(),
    }
}

thread_local! {
    /// The last time progress computed on this thread: the series of an
    /// indicator mostly share their periods, and it depends on nothing else.
    static TIME_PROGRESS: Cell<Option<([Period; 3], Option<Decimal>)>> = const { Cell::new(None) };
}

/// Decimal places a projection keeps.
const PROJECTION_DP: u32 = 12;

/// `(t − t0) / (tT − t0)` (remembered, see [`TIME_PROGRESS`]).
fn time_progress(t0: Period, t: Period, tt: Period) -> Option<Decimal> {
    let key = [t0, t, tt];
    if let Some((k, tp)) = TIME_PROGRESS.get()
        && k == key
    {
        return tp;
    }
    // Exact ticks: one rounding, in the division.
    let tp =
        Decimal::from(t.ticks() - t0.ticks()).checked_div(Decimal::from(tt.ticks() - t0.ticks()));
    TIME_PROGRESS.set(Some((key, tp)));
    tp
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
