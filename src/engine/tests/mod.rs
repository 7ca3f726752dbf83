//! Tests of the engine: every status rule and edge case (`docs/methods.md#figures`).
//!
//! Each test builds a small plan (TOML) and actuals (CSV) as text, runs them
//! through the real readers and asserts exact decimal figures and statuses.
//!
//! One module per topic; this file holds the helpers they share.

use rust_decimal::Decimal;

use crate::actuals::{Actuals, ActualsReader};
use crate::engine::{Assessment, Context, assess_plan};
use crate::period::Period;
use crate::plan::{Plan, parse_plan};

mod as_of;
mod baseline;
mod better_than;
mod cagr;
mod changes;
mod comparators;
mod down;
mod edges;
mod every_period;
mod headline;
mod met_at_baseline;
mod milestones;
mod projection;
mod properties;
mod quarterly;
mod ranges;
mod relative;
mod thresholds;
mod worked_example;

/// A plan and its actuals, read from text (shared with `tests_targets`).
pub(super) fn setup(plan_toml: &str, csv: &str) -> (Plan, Actuals) {
    let (plan, _) = match parse_plan(plan_toml, "plan.toml") {
        Ok(p) => p,
        Err(e) => panic!("plan does not parse: {e:?}\n{plan_toml}"),
    };
    let mut r = ActualsReader::new(&plan);
    r.read(csv.as_bytes(), "a.csv");
    let (a, _) = match r.finish() {
        Ok(a) => a,
        Err(e) => panic!("actuals do not read: {e:?}\n{csv}"),
    };
    (plan, a)
}

fn assess(plan: &Plan, a: &Actuals, as_of: &str) -> Vec<Assessment> {
    assess_plan(&Context {
        plan,
        actuals: a,
        as_of: Period::parse(as_of).unwrap(),
        method: None,
        keep_points: true,
    })
}

/// An exact decimal as written.
fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

/// `a / b` in decimal, as the engine computes it.
fn div(a: &str, b: &str) -> Decimal {
    d(a) / d(b)
}

fn year(y: i32) -> Period {
    Period::Year(y)
}

/// A plan (baseline 2020, deadline 2025) with one indicator `x`. `target` is
/// a target string (quoted here) or a TOML inline table (`{ ... }`, as is);
/// `extra` is added verbatim to the indicator table.
fn plan_with(
    target: &str,
    baseline: Option<&str>,
    direction: Option<&str>,
    unit: &str,
    extra: &str,
) -> String {
    let target = if target.trim_start().starts_with('{') {
        target.to_string()
    } else {
        format!("\"{target}\"")
    };
    let mut s = format!(
        "[plan]\nid = \"p\"\nname = \"P\"\nbaseline = 2020\ntarget = 2025\n\n\
         [[indicator]]\nid = \"x\"\nunit = \"{unit}\"\ntarget = {target}\n"
    );
    if let Some(b) = baseline {
        s.push_str(&format!("baseline = {b}\n"));
    }
    if let Some(dir) = direction {
        s.push_str(&format!("direction = \"{dir}\"\n"));
    }
    s.push_str(extra);
    s
}

/// The one-indicator plan of [`plan_with`] without extra keys.
fn plan1(target: &str, baseline: Option<&str>, direction: Option<&str>, unit: &str) -> String {
    plan_with(target, baseline, direction, unit, "")
}

/// Actuals of indicator `x` in the plan's region: `(period, value)` rows.
fn rows(points: &[(&str, &str)]) -> String {
    let mut s = String::from("indicator,period,value\n");
    for (p, v) in points {
        s.push_str(&format!("x,{p},{v}\n"));
    }
    s
}

/// Assess a plan whose only indicator has only its headline series.
fn one_of(plan_toml: &str, csv: &str, as_of: &str) -> Assessment {
    let (plan, a) = setup(plan_toml, csv);
    let mut out = assess(&plan, &a, as_of);
    assert_eq!(out.len(), 1, "expected one series, got {out:#?}");
    out.pop().unwrap()
}

/// Assess a one-indicator plan built by [`plan1`].
fn run(
    target: &str,
    baseline: Option<&str>,
    direction: Option<&str>,
    unit: &str,
    points: &[(&str, &str)],
    as_of: &str,
) -> Assessment {
    one_of(
        &plan1(target, baseline, direction, unit),
        &rows(points),
        as_of,
    )
}

/// A plan with regions `xl` (the plan's own) and `im`.
fn regional_plan(target: &str, baseline: Option<&str>, direction: Option<&str>) -> String {
    let target = if target.trim_start().starts_with('{') {
        target.to_string()
    } else {
        format!("\"{target}\"")
    };
    let mut s = format!(
        "[plan]\nid = \"p\"\nname = \"P\"\nbaseline = 2020\ntarget = 2025\nregion = \"xl\"\n\n\
         [[region]]\nid = \"xl\"\n\n[[region]]\nid = \"im\"\n\n\
         [[indicator]]\nid = \"x\"\nunit = \"%\"\ntarget = {target}\n"
    );
    if let Some(b) = baseline {
        s.push_str(&format!("baseline = {b}\n"));
    }
    if let Some(dir) = direction {
        s.push_str(&format!("direction = \"{dir}\"\n"));
    }
    s
}

/// Actuals of indicator `x` by region: `(region, period, value)` rows.
fn regional_rows(points: &[(&str, &str, &str)]) -> String {
    let mut s = String::from("indicator,region,period,value\n");
    for (r, p, v) in points {
        s.push_str(&format!("x,{r},{p},{v}\n"));
    }
    s
}

fn region<'a>(out: &'a [Assessment], id: &str) -> &'a Assessment {
    out.iter()
        .find(|a| a.region == id)
        .unwrap_or_else(|| panic!("no series for region {id}: {out:#?}"))
}
