//! The small figures an [`Assessment`](super::Assessment) is made of: a
//! value at its period, a change in the unit and in %, a step between two
//! periods (`docs/methods.md#figures`).
//!
//! Invariants: a figure is whole or absent — a value never travels without
//! its period, a step never without both its ends — so a renderer names
//! fields and never pairs up parallel options. A change's `percent` is
//! absent for `%` units (the change is then in percentage points) and
//! where the figure it is relative to is 0.

use rust_decimal::Decimal;

use crate::period::Period;

/// A value of a series and the period it is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dated {
    pub period: Period,
    pub value: Decimal,
}

impl Dated {
    pub fn new(period: Period, value: Decimal) -> Dated {
        Dated { period, value }
    }
}

/// A change between two values (`docs/methods.md#changes`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change {
    /// In the indicator's unit: percentage points for `%` indicators.
    pub amount: Decimal,
    /// Relative to the earlier value, in %: only for units other than `%`,
    /// and never from 0.
    pub percent: Option<Decimal>,
}

/// One step of a series, from one value to the next (the step of an
/// `every_period` target that broke its rule).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    pub from: Dated,
    pub to: Dated,
}
