//! `track show`'s document: one indicator's series, each with every period
//! up to the as-of period — its value, the change since the baseline and
//! from the period before (the engine's figures as of that period), the
//! plan's path, and where the value came from.
//!
//! Invariants: every figure comes from the engine, assessed as the other
//! commands assess (the same as-of); the one number computed here is the
//! plan's path, a straight line from the baseline to the target level at
//! the deadline.

use rust_decimal::Decimal;

use crate::display::Lang;
use crate::engine::{Assessment, Change, Goal};
use crate::period::Period;
use crate::plan::Plan;
use crate::query::Selected;

/// One period of a series, with the engine's figures as of that period.
#[derive(Debug, Clone)]
pub struct Row {
    pub period: Period,
    pub value: Decimal,
    /// Since the baseline (none at or before it).
    pub change: Option<Change>,
    /// From the period before.
    pub yoy: Option<Change>,
    /// The plan's path at this period.
    pub path: Option<Decimal>,
    pub source: Option<String>,
    pub note: Option<String>,
    /// The value is the plan's `baseline`, not a row of the data.
    pub from_plan: bool,
}

/// One series: its assessment and its periods.
pub struct Block {
    pub a: Assessment,
    pub rows: Vec<Row>,
}

/// Everything `show` prints.
pub struct Shown<'w> {
    pub plan: &'w Plan,
    pub indicator: usize,
    pub as_of: Option<Period>,
    pub blocks: Vec<Block>,
    pub lang: Lang,
}

/// The document of one indicator's selected series: a block each.
pub fn shown<'w>(selected: &Selected<'w>, indicator: usize, lang: Lang) -> Shown<'w> {
    let blocks = (selected.assessed().into_iter())
        .map(|a| Block {
            rows: rows(selected, &a),
            a,
        })
        .collect();
    Shown {
        plan: selected.plan,
        indicator,
        as_of: selected.as_of,
        blocks,
        lang,
    }
}

/// Every period of a series up to the as-of period, with the engine's
/// figures as of that period and the row's source and note.
fn rows(selected: &Selected, a: &Assessment) -> Vec<Row> {
    let actuals = selected.actuals;
    let series = actuals.series_named(a.indicator, &a.region, &a.breakdown);
    let history = selected.history(a);
    (a.points.iter().zip(history))
        .map(|(&(period, value), at)| {
            let point = series.and_then(|s| s.points().find(|p| p.period == period));
            let text = |i: Option<u32>| i.map(|i| actuals.texts.name(i).to_string());
            Row {
                period,
                value,
                change: at.change,
                yoy: at.yoy,
                path: path_at(a, period),
                source: text(point.as_ref().and_then(|p| p.source)),
                note: text(point.as_ref().and_then(|p| p.note)),
                from_plan: point.is_none(),
            }
        })
        .collect()
}

/// The plan's path at `p`: the straight line from the baseline to the
/// target level at the deadline, between the two. None where there is no
/// path to follow: a target the baseline already met, a reference
/// region's value (`better_than`), or no level.
pub fn path_at(a: &Assessment, p: Period) -> Option<Decimal> {
    if a.met_at_baseline || matches!(a.goal, Some(Goal::Better { .. })) {
        return None;
    }
    let (b, t0, level) = (a.baseline?.value, a.baseline?.period, a.target?);
    let tt = a.target_period;
    if p < t0 || p > tt || t0 >= tt {
        return None;
    }
    let share = (p.position() - t0.position()).checked_div(tt.position() - t0.position())?;
    b.checked_add(level.checked_sub(b)?.checked_mul(share)?)
        .map(|d| d.normalize())
}
