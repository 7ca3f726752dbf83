//! The machine-readable record of one series (`docs/outputs.md#machine-readable-columns`): column names and
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

/// A field of the record, borrowed: what [`each_field`] hands out.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FieldRef<'a> {
    Null,
    Text(&'a str),
    Decimal(Decimal),
    Float(f64),
    Int(i64),
}

impl FieldRef<'_> {
    pub fn to_owned(self) -> Field {
        match self {
            FieldRef::Null => Field::Null,
            FieldRef::Text(s) => Field::Text(s.to_string()),
            FieldRef::Decimal(d) => Field::Decimal(d),
            FieldRef::Float(x) => Field::Float(x),
            FieldRef::Int(i) => Field::Int(i),
        }
    }
}

/// The fields of one series, in [`COLUMNS`] order.
pub fn fields(plan: &Plan, a: &Assessment) -> Vec<Field> {
    let mut f = Vec::with_capacity(COLUMNS.len());
    each_field(plan, a, |x| f.push(x.to_owned()));
    debug_assert_eq!(f.len(), COLUMNS.len(), "a field for every column");
    f
}

fn text_ref(s: &str) -> FieldRef<'_> {
    if s.is_empty() {
        FieldRef::Null
    } else {
        FieldRef::Text(s)
    }
}

/// A period as a number when it is a year (so `2023` compares as a year),
/// else as text (`2023-Q2`), given to `f`.
fn period_ref(p: Option<crate::period::Period>, f: &mut impl FnMut(FieldRef<'_>)) {
    match p {
        Some(crate::period::Period::Year(y)) => f(FieldRef::Int(i64::from(y))),
        Some(p) => f(FieldRef::Text(&p.to_string())),
        None => f(FieldRef::Null),
    }
}

/// Give each field of one series to `f`, in [`COLUMNS`] order, without
/// copying any text (the one list of columns both formats follow).
pub fn each_field(plan: &Plan, a: &Assessment, mut f: impl FnMut(FieldRef<'_>)) {
    let ind = &plan.indicators[a.indicator];
    let dec = |d: Option<Decimal>| d.map_or(FieldRef::Null, FieldRef::Decimal);
    // Computed figures lose the trailing zeros that division leaves.
    let computed =
        |d: Option<Decimal>| d.map_or(FieldRef::Null, |d| FieldRef::Decimal(d.normalize()));
    let float = |x: Option<f64>| x.map_or(FieldRef::Null, FieldRef::Float);
    f(FieldRef::Text(&plan.id));
    f(FieldRef::Text(&ind.id));
    f(FieldRef::Text(&ind.name.zh));
    f(text_ref(&a.region));
    f(text_ref(&a.breakdown));
    f(text_ref(&ind.unit.zh));
    f(FieldRef::Text(ind.kind.as_str()));
    f(FieldRef::Text(a.direction.as_str()));
    period_ref(a.baseline.map(|b| b.period), &mut f);
    f(dec(a.baseline.map(|b| b.value)));
    period_ref(a.latest.map(|l| l.period), &mut f);
    f(dec(a.latest.map(|l| l.value)));
    f(dec(a.previous.map(|p| p.value)));
    f(dec(a.target));
    f(a.goal
        .as_ref()
        .map_or(FieldRef::Null, |g| FieldRef::Text(g.op_str())));
    period_ref(Some(a.target_period), &mut f);
    f(dec(a.gap));
    f(dec(a.change.map(|c| c.amount)));
    f(computed(a.change.and_then(|c| c.percent)));
    f(dec(a.yoy.map(|c| c.amount)));
    f(computed(a.yoy.and_then(|c| c.percent)));
    f(float(a.cagr));
    f(computed(a.required_change));
    f(computed(a.completion));
    f(computed(a.time_progress));
    f(computed(a.ratio));
    f(float(a.score));
    f(FieldRef::Text(a.method.as_str()));
    f(dec(ind.limit));
    f(float(a.limit_factor));
    f(computed(a.projection));
    period_ref(a.projected_meet, &mut f);
    f(FieldRef::Text(a.status.as_str()));
}

/// The evaluation table as data (`--layout evaluation` in JSON and CSV):
/// stable English columns, the values of each period under the period's
/// own name (`2021`, `2022`, …).
pub mod evaluation {
    use super::{Field, FieldRef};
    use crate::engine::Assessment;
    use crate::period::Period;
    use crate::view::PlanView;
    use crate::view::evaluation::{Pace, PerYear, annual_change, required};

    /// The columns before the periods' and after them.
    pub const BEFORE: &[&str] = &[
        "plan",
        "no",
        "group",
        "indicator",
        "name",
        "parent",
        "unit",
        "kind",
        "baseline_period",
        "baseline",
    ];
    pub const AFTER: &[&str] = &[
        "target",
        "target_period",
        "annual_change",
        "required_change",
        "change_unit",
        "time_progress",
        "completion",
        "status",
    ];

    /// Every column, the periods' between.
    pub fn columns(periods: &[Period]) -> Vec<String> {
        let mut c: Vec<String> = BEFORE.iter().map(|s| s.to_string()).collect();
        c.extend(periods.iter().map(Period::to_string));
        c.extend(AFTER.iter().map(|s| s.to_string()));
        c
    }

    fn per_year(p: Option<PerYear>) -> Field {
        match p {
            Some(PerYear::Change(d)) => Field::Decimal(d.normalize()),
            Some(PerYear::Rate(r)) => Field::Float(r),
            None => Field::Null,
        }
    }

    /// The fields of one row, in [`columns`] order; `no` is its number in
    /// the table (`1`, `(1)`).
    pub fn fields(pv: &PlanView, a: &Assessment, no: &str, periods: &[Period]) -> Vec<Field> {
        let plan = pv.plan;
        let ind = &plan.indicators[a.indicator];
        let mut f = Vec::new();
        let mut push = |x: FieldRef| f.push(x.to_owned());
        push(FieldRef::Text(&plan.id));
        push(FieldRef::Text(no));
        push(super::text_ref(ind.group.as_ref().map_or("", |g| &g.zh)));
        push(FieldRef::Text(&ind.id));
        push(FieldRef::Text(&ind.name.zh));
        push(super::text_ref(
            ind.parent.map_or("", |p| plan.indicators[p].id.as_str()),
        ));
        push(super::text_ref(&ind.unit.zh));
        push(FieldRef::Text(ind.kind.as_str()));
        super::period_ref(a.baseline.map(|b| b.period), &mut push);
        push(
            a.baseline
                .map_or(FieldRef::Null, |b| FieldRef::Decimal(b.value)),
        );
        for p in periods {
            let v = a.points.iter().find(|(q, _)| q == p).map(|(_, v)| *v);
            push(v.map_or(FieldRef::Null, FieldRef::Decimal));
        }
        push(FieldRef::Text(&ind.target_text));
        super::period_ref(Some(a.target_period), &mut push);
        f.push(per_year(annual_change(ind, a)));
        f.push(per_year(required(ind, a)));
        f.push(Field::Text(Pace::of(ind).as_str().to_string()));
        let computed = |d: Option<rust_decimal::Decimal>| {
            d.map_or(Field::Null, |d| Field::Decimal(d.normalize()))
        };
        f.push(computed(a.time_progress));
        f.push(computed(a.completion));
        f.push(Field::Text(a.status.as_str().to_string()));
        f
    }
}
