//! A target resolved for one series: the level (or range, or reference
//! value) and the comparison that tells whether a value meets it.
//!
//! Targets written relative to the baseline (`+5pp`, `+10%`, `maintain`,
//! `持续提高`) resolve only once the series' baseline is known, which may
//! come from the data rather than the plan; a series without one has no
//! goal. A reference region's level (`better_than`, `at_least`, `above`)
//! resolves to that region's value in the period judged; an approximate
//! level (`95%左右`) to the band of the indicator's tolerance. Targets
//! that are rules over the whole path (`every_period`), a trend or a
//! heading have no goal (docs/methods.md#other-targets).

use rust_decimal::Decimal;

use crate::period::Period;
use crate::plan::{Direction, Indicator, Op, TargetExpr};

#[derive(Debug, Clone, PartialEq)]
pub enum Goal {
    /// Meet `op level`.
    Cmp(Op, Decimal),
    /// Stay within `lo..=hi`; `toward` is where the series must move from
    /// its baseline (up to `lo`, down to `hi`).
    Range {
        lo: Decimal,
        hi: Decimal,
        toward: Direction,
    },
    /// Beat the reference region's value: strictly (`better_than`,
    /// `above`), or at least equal it (`at_least`, `strict: false`).
    Better {
        reference: Decimal,
        direction: Direction,
        strict: bool,
    },
}

impl Goal {
    /// Resolve an indicator's final target. `reference` gives the
    /// reference region's value at a period (`None`: the latest).
    pub fn resolve(
        ind: &Indicator,
        baseline: Option<Decimal>,
        direction: Direction,
        reference: impl Fn(Option<Period>) -> Option<Decimal>,
    ) -> Option<Goal> {
        Goal::resolve_expr(&ind.target, ind, baseline, direction, reference)
    }

    /// Resolve `expr` (the indicator's target or one of its milestones);
    /// `ind` gives the tolerance of an approximate level.
    pub fn resolve_expr(
        expr: &TargetExpr,
        ind: &Indicator,
        baseline: Option<Decimal>,
        direction: Direction,
        reference: impl Fn(Option<Period>) -> Option<Decimal>,
    ) -> Option<Goal> {
        let toward = |d: Direction| if d == Direction::Up { Op::Ge } else { Op::Le };
        let range = |lo: Decimal, hi: Decimal| {
            let toward = match baseline {
                Some(b) if b < lo => Direction::Up,
                Some(b) if b > hi => Direction::Down,
                _ => direction,
            };
            Goal::Range { lo, hi, toward }
        };
        Some(match expr {
            TargetExpr::Reach(v) => Goal::Cmp(toward(direction), *v),
            TargetExpr::Compare(op, v) => Goal::Cmp(*op, *v),
            TargetExpr::Range(lo, hi) => range(*lo, *hi),
            TargetExpr::About(v) => {
                let tolerance = ind.tolerance_for(*v);
                range(v.checked_sub(tolerance)?, v.checked_add(tolerance)?)
            }
            TargetExpr::DeltaPoints(d) => {
                let level = baseline?.checked_add(*d)?;
                Goal::Cmp(if d.is_sign_negative() { Op::Le } else { Op::Ge }, level)
            }
            TargetExpr::DeltaPercent(p) => {
                // A change in percent of 0 is no target at all: none, not "≥ 0".
                let baseline = baseline.filter(|b| !b.is_zero())?;
                let factor = Decimal::ONE.checked_add(p.checked_div(Decimal::ONE_HUNDRED)?)?;
                let level = baseline.checked_mul(factor)?;
                Goal::Cmp(if p.is_sign_negative() { Op::Le } else { Op::Ge }, level)
            }
            TargetExpr::Maintain => Goal::Cmp(toward(direction), baseline?),
            TargetExpr::Improve(d) => {
                let op = if *d == Direction::Up { Op::Gt } else { Op::Lt };
                Goal::Cmp(op, baseline?)
            }
            TargetExpr::FullCoverage => Goal::Cmp(Op::Ge, Decimal::ONE_HUNDRED),
            TargetExpr::Eliminate { nearly } => {
                let level = if *nearly {
                    ind.tolerance_for(Decimal::ZERO)
                } else {
                    Decimal::ZERO
                };
                Goal::Cmp(Op::Le, level)
            }
            TargetExpr::BetterThan(_) | TargetExpr::Above(_) | TargetExpr::AtLeast(_) => {
                Goal::Better {
                    reference: reference(None)?,
                    direction,
                    strict: !matches!(expr, TargetExpr::AtLeast(_)),
                }
            }
            TargetExpr::EveryPeriod(_) | TargetExpr::Trend | TargetExpr::Heading => return None,
        })
    }

    pub fn meets(&self, v: Decimal) -> bool {
        match *self {
            Goal::Cmp(op, level) => op.holds(v, level),
            Goal::Range { lo, hi, .. } => lo <= v && v <= hi,
            Goal::Better {
                reference,
                direction,
                strict,
            } => match (direction, strict) {
                (Direction::Up, true) => v > reference,
                (Direction::Up, false) => v >= reference,
                (Direction::Down, true) => v < reference,
                (Direction::Down, false) => v <= reference,
            },
        }
    }

    /// The level a value is measured against: for a range, the bound
    /// nearest to `near` (or the one the series moves toward).
    pub fn level(&self, near: Option<Decimal>) -> Option<Decimal> {
        Some(match *self {
            Goal::Cmp(_, level) => level,
            Goal::Range { lo, hi, toward } => match near {
                Some(v) if v > hi => hi,
                Some(v) if v < lo => lo,
                _ if toward == Direction::Up => lo,
                _ => hi,
            },
            Goal::Better { reference, .. } => reference,
        })
    }

    /// Which way is better for this goal.
    pub fn direction(&self) -> Direction {
        match *self {
            Goal::Cmp(Op::Ge | Op::Gt, _) => Direction::Up,
            Goal::Cmp(Op::Le | Op::Lt, _) => Direction::Down,
            Goal::Range { toward, .. } => toward,
            Goal::Better { direction, .. } => direction,
        }
    }

    /// The comparison in machine output: `>=`, `>`, `<=`, `<`, `range`,
    /// `better_than` (strictly better than a reference region, `above`
    /// too) or `at_least` (at least as good as one).
    pub fn op_str(&self) -> &'static str {
        match self {
            Goal::Cmp(op, _) => op.symbol(),
            Goal::Range { .. } => "range",
            Goal::Better { strict: true, .. } => "better_than",
            Goal::Better { strict: false, .. } => "at_least",
        }
    }

    /// How far `y` is from meeting the goal, in the unit; 0 once met.
    /// `None` when the difference is beyond what a decimal holds.
    pub fn gap(&self, y: Decimal) -> Option<Decimal> {
        if self.meets(y) {
            return Some(Decimal::ZERO);
        }
        let Some(level) = self.level(Some(y)) else {
            return Some(Decimal::ZERO);
        };
        let up = match self {
            Goal::Range { hi, .. } => y < *hi,
            _ => self.direction() == Direction::Up,
        };
        if up {
            level.checked_sub(y)
        } else {
            y.checked_sub(level)
        }
    }
}
