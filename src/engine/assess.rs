//! Assessing one series: its points as of a period, then every figure in
//! the order they depend on one another (changes, the goal and its gap,
//! completion, time progress and `R`, what is still required, the
//! projection), then the status (`docs/methods.md#figures`,
//! `docs/methods.md#status`).
//!
//! Invariants: nothing here reads anything but the [`Context`] and the
//! series; a figure a checked operation cannot hold is left empty with a
//! warning on the assessment, never a panic.

use rust_decimal::Decimal;

use super::arith::*;
use super::cagr;
use super::line::Line;
use super::{Assessment, Context, Dated, Goal, MilestoneResult, MilestoneStatus, Status, Step};
use crate::actuals::Series;
use crate::period::{Period, TICKS_PER_YEAR};
use crate::plan::{Direction, Indicator, Method, TargetExpr};

/// What the figures found that the status is decided on.
struct Facts<'g> {
    goal: &'g Goal,
    /// The latest value meets the goal.
    met: bool,
    /// The baseline already met it.
    met_at_baseline: bool,
    /// Method `cagr`'s grade, where that method grades the series.
    cagr_grade: Option<Status>,
    /// `R` as a float where it is beyond a decimal.
    float_ratio: Option<f64>,
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

    /// Every figure of the series, in the order they depend on one another.
    fn figures(&self, ind: &Indicator, a: &mut Assessment, points: &[(Period, Decimal)]) {
        Self::changes(ind, a);
        // Points are in period order: those since the baseline are a tail.
        let since: &[(Period, Decimal)] = match a.baseline {
            Some(b) => &points[points.partition_point(|(p, _)| *p < b.period)..],
            None => &[],
        };
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

        a.status = self.status(
            ind,
            a,
            points,
            Facts {
                goal: &goal,
                met,
                met_at_baseline,
                cagr_grade,
                float_ratio,
            },
        );
        if a.method == Method::Cagr && a.status == Status::Achieved {
            a.score = Some(cagr::ACHIEVED_SCORE);
        }
        a.milestones = self.milestones(ind, a, points);
    }

    /// The changes on the previous period and since the baseline, and the
    /// growth rate (`docs/methods.md#changes`).
    fn changes(ind: &Indicator, a: &mut Assessment) {
        if let (Some(latest), Some(previous)) = (a.latest, a.previous) {
            let figures = [
                "change on the previous period",
                "relative change on the previous period",
            ];
            a.yoy = change(ind, a, previous.value, latest.value, figures);
        }
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
    }

    /// The status: the first rule that holds (`docs/methods.md#status`).
    fn status(
        &self,
        ind: &Indicator,
        a: &mut Assessment,
        points: &[(Period, Decimal)],
        facts: Facts,
    ) -> Status {
        let Facts {
            goal,
            met,
            met_at_baseline,
            cagr_grade,
            float_ratio,
        } = facts;
        let tt = ind.target_period;
        let (b, y) = (a.baseline.map(|b| b.value), a.latest.map(|l| l.value));
        let deadline_value = points.iter().rev().find(|(p, _)| p.ends_by(tt)).copied();
        if met {
            // Early: reached before the deadline, not held since the
            // baseline (that is 已实现, not 提前实现).
            a.early = !met_at_baseline && a.latest.is_some_and(|l| l.period < tt);
            Status::Achieved
        } else if tt.ends_by(self.as_of)
            && deadline_value.is_some_and(|(p, v)| !self.deadline_goal(ind, a, goal, p).meets(v))
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
        }
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
