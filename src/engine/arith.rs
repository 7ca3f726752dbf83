//! The arithmetic of figures: gaps, changes, growth rates, time progress
//! and the grading of `R` (`docs/methods.md#figures`).
//!
//! Invariants: every operation on user numbers is checked, and a result
//! beyond an exact decimal is `None` (said as a warning by [`exact`] and
//! [`overflowed`]); growth rates are the only binary floats.

use std::cell::Cell;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::{Assessment, Change, Status};
use crate::period::Period;
use crate::plan::{Direction, Indicator, Method};

/// How far `y` is short of `level`, positive when short.
pub(super) fn gap(level: Decimal, y: Decimal, d: Direction) -> Decimal {
    let g = match d {
        Direction::Up => level.checked_sub(y),
        Direction::Down => y.checked_sub(level),
    };
    g.unwrap_or(Decimal::ZERO)
}

pub(super) fn grade(r: Decimal, th: &crate::plan::Thresholds) -> Status {
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
pub(super) fn exact(
    ind: &Indicator,
    a: &mut Assessment,
    figure: &str,
    v: Option<Decimal>,
) -> Option<Decimal> {
    if v.is_none() {
        overflowed(ind, a, figure);
    }
    v
}

/// The change from `from` to `to` (`docs/methods.md#changes`): in the
/// unit, and relative for units other than `%`. `figures` name the two
/// for the warning when one is beyond an exact decimal.
pub(super) fn change(
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
pub(super) fn overflowed(ind: &Indicator, a: &mut Assessment, figure: &str) {
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
pub(super) fn saturating_decimal(r: f64) -> Decimal {
    use rust_decimal::prelude::FromPrimitive;
    Decimal::from_f64(r).unwrap_or(if r > 0.0 { Decimal::MAX } else { Decimal::MIN })
}

/// `(y − b) / |b| × 100`.
pub(super) fn relative(y: Decimal, b: Decimal) -> Option<Decimal> {
    if b.is_zero() {
        return None;
    }
    y.checked_sub(b)?
        .checked_div(b.abs())?
        .checked_mul(Decimal::ONE_HUNDRED)
}

/// Compound annual growth between two positive values.
pub(super) fn cagr(b: Decimal, y: Decimal, t0: Period, t: Period) -> Option<f64> {
    let years = f64_of(t.position() - t0.position())?;
    if years.fract() == 0.0 {
        // A whole number of years goes through a decimal and back
        // unchanged: skip the round trip (the common case, year periods).
        return growth(f64_of(b)?, f64_of(y)?, years);
    }
    rate(b, y, Decimal::from_f64_retain(years)?)
}

/// The annual rate that takes `from` to `to` in `years`.
pub(super) fn rate(from: Decimal, to: Decimal, years: Decimal) -> Option<f64> {
    growth(f64_of(from)?, f64_of(to)?, f64_of(years)?)
}

/// `(to/from)^(1/years) − 1`, for positive `from` and `years`.
pub(super) fn growth(from: f64, to: f64, years: f64) -> Option<f64> {
    (from > 0.0 && to >= 0.0 && years > 0.0).then(|| (to / from).powf(1.0 / years) - 1.0)
}

/// `d.to_f64()`, without its 128-bit division in the usual case: a
/// mantissa below 2^48 with at most 22 decimals is `m / 10^s`, both exact
/// as floats, and one correctly rounded division is what `to_f64` gives
/// there too (tested; for larger mantissas its own rounding can differ).
pub(super) fn f64_of(d: Decimal) -> Option<f64> {
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
pub(super) const PROJECTION_DP: u32 = 12;

/// `(t − t0) / (tT − t0)` (remembered, see [`TIME_PROGRESS`]).
pub(super) fn time_progress(t0: Period, t: Period, tt: Period) -> Option<Decimal> {
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
