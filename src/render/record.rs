//! The machine-readable record of one series (SPEC §5): column names and
//! values shared by JSON and CSV, in a fixed order.

use rust_decimal::Decimal;

use crate::engine::Assessment;
use crate::plan::Plan;

/// A field of the record.
#[derive(Debug, Clone, PartialEq)]
pub enum Field {
    Null,
    Text(String),
    Decimal(Decimal),
    Float(f64),
    Int(i64),
}

/// Column names, in output order.
pub const COLUMNS: &[&str] = &[
    "plan",
    "indicator",
    "name",
    "region",
    "breakdown",
    "unit",
    "kind",
    "direction",
    "baseline_period",
    "baseline",
    "period",
    "value",
    "previous",
    "target",
    "target_op",
    "target_period",
    "gap",
    "change",
    "change_pct",
    "yoy",
    "yoy_pct",
    "cagr",
    "required_change",
    "completion",
    "time_progress",
    "ratio",
    "score",
    "method",
    "limit",
    "limit_factor",
    "projection",
    "projected_meet",
    "status",
];

fn opt<T>(v: Option<T>, f: impl FnOnce(T) -> Field) -> Field {
    v.map_or(Field::Null, f)
}

fn text(s: &str) -> Field {
    if s.is_empty() {
        Field::Null
    } else {
        Field::Text(s.to_string())
    }
}

/// A period as a number when it is a year (so `2023` compares as a year),
/// else as text (`2023-Q2`).
fn period(p: Option<crate::period::Period>) -> Field {
    match p {
        Some(crate::period::Period::Year(y)) => Field::Int(i64::from(y)),
        Some(p) => Field::Text(p.to_string()),
        None => Field::Null,
    }
}

/// The fields of one series, in [`COLUMNS`] order.
pub fn fields(plan: &Plan, a: &Assessment) -> Vec<Field> {
    let f = fields_unchecked(plan, a);
    debug_assert_eq!(f.len(), COLUMNS.len(), "a field for every column");
    f
}

fn fields_unchecked(plan: &Plan, a: &Assessment) -> Vec<Field> {
    let ind = &plan.indicators[a.indicator];
    let dec = |d: Option<Decimal>| opt(d, Field::Decimal);
    // Computed figures lose the trailing zeros that division leaves.
    let computed = |d: Option<Decimal>| opt(d, |d| Field::Decimal(d.normalize()));
    vec![
        Field::Text(plan.id.clone()),
        Field::Text(ind.id.clone()),
        Field::Text(ind.name.clone()),
        text(&a.region),
        text(&a.breakdown),
        text(&ind.unit),
        Field::Text(ind.kind.as_str().into()),
        Field::Text(a.direction.as_str().into()),
        period(a.baseline_period),
        dec(a.baseline),
        period(a.period),
        dec(a.value),
        dec(a.previous),
        dec(a.target),
        opt(a.goal.as_ref(), |g| Field::Text(g.op_str().into())),
        period(Some(a.target_period)),
        dec(a.gap),
        dec(a.change),
        computed(a.change_pct),
        dec(a.yoy),
        computed(a.yoy_pct),
        opt(a.cagr, Field::Float),
        computed(a.required_change),
        computed(a.completion),
        computed(a.time_progress),
        computed(a.ratio),
        opt(a.score, Field::Float),
        Field::Text(a.method.as_str().into()),
        dec(ind.limit),
        opt(a.limit_factor, Field::Float),
        computed(a.projection),
        period(a.projected_meet),
        Field::Text(a.status.as_str().into()),
    ]
}
