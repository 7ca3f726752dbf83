//! A target resolved for one series: the level (or range, or reference
//! value) and the comparison that tells whether a value meets it.
//!
//! Targets written relative to the baseline (`+5pp`, `+10%`, `maintain`)
//! resolve only once the series' baseline is known, which may come from the
//! data rather than the plan; a series without one has no goal.

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
    /// Beat the reference region's value (strictly).
    Better {
        reference: Decimal,
        direction: Direction,
    },
}

impl Goal {
    /// Resolve an indicator's final target. `reference` gives the
    /// `better_than` region's value at a period (`None`: the latest).
    pub fn resolve(
        ind: &Indicator,
        baseline: Option<Decimal>,
        direction: Direction,
        reference: impl Fn(Option<Period>) -> Option<Decimal>,
    ) -> Option<Goal> {
        Goal::resolve_expr(&ind.target, baseline, direction, reference)
    }

    pub fn resolve_expr(
        expr: &TargetExpr,
        baseline: Option<Decimal>,
        direction: Direction,
        reference: impl Fn(Option<Period>) -> Option<Decimal>,
    ) -> Option<Goal> {
        let toward = |d: Direction| if d == Direction::Up { Op::Ge } else { Op::Le };
        Some(match expr {
            TargetExpr::Reach(v) => Goal::Cmp(toward(direction), *v),
            TargetExpr::Compare(op, v) => Goal::Cmp(*op, *v),
            TargetExpr::Range(lo, hi) => {
                let toward = match baseline {
                    Some(b) if b < *lo => Direction::Up,
                    Some(b) if b > *hi => Direction::Down,
                    _ => direction,
                };
                Goal::Range {
                    lo: *lo,
                    hi: *hi,
                    toward,
                }
            }
            TargetExpr::DeltaPoints(d) => {
                let level = baseline?.checked_add(*d)?;
                Goal::Cmp(if d.is_sign_negative() { Op::Le } else { Op::Ge }, level)
            }
            TargetExpr::DeltaPercent(p) => {
                let factor = Decimal::ONE.checked_add(p.checked_div(Decimal::ONE_HUNDRED)?)?;
                let level = baseline?.checked_mul(factor)?;
                Goal::Cmp(if p.is_sign_negative() { Op::Le } else { Op::Ge }, level)
            }
            TargetExpr::Maintain => Goal::Cmp(toward(direction), baseline?),
            TargetExpr::BetterThan(_) => Goal::Better {
                reference: reference(None)?,
                direction,
            },
            TargetExpr::EveryPeriod(_) | TargetExpr::Trend => return None,
        })
    }

    pub fn meets(&self, v: Decimal) -> bool {
        match *self {
            Goal::Cmp(op, level) => op.holds(v, level),
            Goal::Range { lo, hi, .. } => lo <= v && v <= hi,
            Goal::Better {
                reference,
                direction: Direction::Up,
            } => v > reference,
            Goal::Better {
                reference,
                direction: Direction::Down,
            } => v < reference,
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

    /// The comparison in machine output: `>=`, `>`, `<=`, `<`, `range`, `better_than`.
    pub fn op_str(&self) -> &'static str {
        match self {
            Goal::Cmp(op, _) => op.symbol(),
            Goal::Range { .. } => "range",
            Goal::Better { .. } => "better_than",
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
