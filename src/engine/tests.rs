//! Tests of the engine: every status rule and edge case (SPEC §3).
//!
//! Each test builds a small plan (TOML) and actuals (CSV) as text, runs them
//! through the real readers and asserts exact decimal figures and statuses.

use proptest::prelude::*;
use rust_decimal::Decimal;

use crate::actuals::{Actuals, ActualsReader};
use crate::engine::{Assessment, Context, MilestoneStatus, Status, assess_plan};
use crate::period::Period;
use crate::plan::{Direction, Plan, parse_plan};

// --- helpers ---------------------------------------------------------------

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

pub(super) fn assess(plan: &Plan, a: &Actuals, as_of: &str) -> Vec<Assessment> {
    assess_plan(&Context {
        plan,
        actuals: a,
        as_of: Period::parse(as_of).unwrap(),
        method: None,
        keep_points: true,
    })
}

/// An exact decimal as written.
pub(super) fn d(s: &str) -> Decimal {
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
pub(super) fn plan_with(
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
pub(super) fn rows(points: &[(&str, &str)]) -> String {
    let mut s = String::from("indicator,period,value\n");
    for (p, v) in points {
        s.push_str(&format!("x,{p},{v}\n"));
    }
    s
}

/// Assess a plan whose only indicator has only its headline series.
pub(super) fn one_of(plan_toml: &str, csv: &str, as_of: &str) -> Assessment {
    let (plan, a) = setup(plan_toml, csv);
    let mut out = assess(&plan, &a, as_of);
    assert_eq!(out.len(), 1, "expected one series, got {out:#?}");
    out.pop().unwrap()
}

/// Assess a one-indicator plan built by [`plan1`].
pub(super) fn run(
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

// --- 1. the worked example of the seeds --------------------------------------

#[test]
fn preschool_ger_worked_example_is_on_track() {
    // 学前三年毛入园率: 93 (2020) → 95% (2025), 94.4 in 2023.
    let a = run(
        "95%",
        Some("93"),
        None,
        "%",
        &[("2020", "93"), ("2023", "94.4")],
        "2023",
    );
    assert_eq!(a.direction, Direction::Up);
    assert_eq!(a.baseline_period, Some(year(2020)));
    assert_eq!(a.baseline, Some(d("93")));
    assert_eq!(a.period, Some(year(2023)));
    assert_eq!(a.value, Some(d("94.4")));
    assert_eq!(a.target, Some(d("95")));
    assert_eq!(a.target_period, year(2025));
    assert_eq!(a.change, Some(d("1.4")));
    assert_eq!(a.gap, Some(d("0.6")));
    assert_eq!(a.completion, Some(d("0.7")));
    assert_eq!(a.time_progress, Some(d("0.6")));
    assert_eq!(a.ratio, Some(div("0.7", "0.6")));
    assert_eq!(a.status, Status::OnTrack);
    assert!(!a.met_at_baseline);
}

#[test]
fn preschool_ger_with_the_plan_baseline_only_is_the_same() {
    let a = run("95%", Some("93"), None, "%", &[("2023", "94.4")], "2023");
    assert_eq!(a.baseline_period, Some(year(2020)));
    assert_eq!(a.baseline, Some(d("93")));
    assert_eq!(a.completion, Some(d("0.7")));
    assert_eq!(a.time_progress, Some(d("0.6")));
    assert_eq!(a.ratio, Some(div("0.7", "0.6")));
    assert_eq!(a.status, Status::OnTrack);
}

#[test]
fn preschool_ger_slow_progress_is_off_track() {
    let a = run(
        "95%",
        Some("93"),
        None,
        "%",
        &[("2020", "93"), ("2023", "93.5")],
        "2023",
    );
    assert_eq!(a.change, Some(d("0.5")));
    assert_eq!(a.gap, Some(d("1.5")));
    assert_eq!(a.completion, Some(d("0.25")));
    assert_eq!(a.time_progress, Some(d("0.6")));
    assert_eq!(a.ratio, Some(div("0.25", "0.6")));
    assert_eq!(a.status, Status::OffTrack);
}

#[test]
fn preschool_ger_falling_below_baseline_is_regressing() {
    let a = run(
        "95%",
        Some("93"),
        None,
        "%",
        &[("2020", "93"), ("2023", "92")],
        "2023",
    );
    assert_eq!(a.change, Some(d("-1")));
    assert_eq!(a.gap, Some(d("3")));
    assert_eq!(a.completion, Some(d("-0.5")));
    assert_eq!(a.ratio, Some(div("-0.5", "0.6")));
    assert_eq!(a.status, Status::Regressing);
}

// --- 2. thresholds graded up, exactly -----------------------------------------

#[test]
fn ratio_exactly_095_is_on_track() {
    let a = run(
        "100",
        Some("0"),
        None,
        "%",
        &[("2020", "0"), ("2023", "57")],
        "2023",
    );
    assert_eq!(a.completion, Some(d("0.57")));
    assert_eq!(a.time_progress, Some(d("0.6")));
    assert_eq!(a.ratio, Some(d("0.95")));
    assert_eq!(a.status, Status::OnTrack);
}

#[test]
fn ratio_exactly_060_is_at_risk() {
    let a = run(
        "100",
        Some("0"),
        None,
        "%",
        &[("2020", "0"), ("2023", "36")],
        "2023",
    );
    assert_eq!(a.completion, Some(d("0.36")));
    assert_eq!(a.ratio, Some(d("0.6")));
    assert_eq!(a.status, Status::AtRisk);
}

#[test]
fn ratio_just_below_060_is_off_track() {
    let a = run(
        "100",
        Some("0"),
        None,
        "%",
        &[("2020", "0"), ("2023", "35.9")],
        "2023",
    );
    assert!(a.ratio.unwrap() < d("0.6"));
    assert_eq!(a.status, Status::OffTrack);
}

#[test]
fn bench_case_two_of_five_years_ratio_060_is_at_risk() {
    // 75 → 90, 78.6 after two of five years: 3.6/15 = 0.24, 0.24/0.4 = 0.6.
    let a = run(
        "90",
        Some("75"),
        None,
        "%",
        &[("2020", "75"), ("2022", "78.6")],
        "2022",
    );
    assert_eq!(a.completion, Some(d("0.24")));
    assert_eq!(a.time_progress, Some(d("0.4")));
    assert_eq!(a.ratio, Some(d("0.6")));
    assert_eq!(a.status, Status::AtRisk);
}

#[test]
fn plan_thresholds_replace_the_defaults() {
    let toml = plan1("100", Some("0"), None, "%").replace(
        "target = 2025\n",
        "target = 2025\n[plan.thresholds]\non_track = 0.9\nat_risk = 0.5\noff_track = 0\n",
    );
    // R = 0.54/0.6 = 0.9: on-track under 0.9, at-risk under the defaults.
    let a = one_of(&toml, &rows(&[("2020", "0"), ("2023", "54")]), "2023");
    assert_eq!(a.ratio, Some(d("0.9")));
    assert_eq!(a.status, Status::OnTrack);
    let a = run(
        "100",
        Some("0"),
        None,
        "%",
        &[("2020", "0"), ("2023", "54")],
        "2023",
    );
    assert_eq!(a.status, Status::AtRisk);
}

// --- 3. a target the baseline already meets -----------------------------------

#[test]
fn target_met_at_baseline_is_achieved_while_it_holds() {
    let a = run(
        "≥98",
        Some("98"),
        None,
        "%",
        &[("2020", "98"), ("2023", "98.2")],
        "2023",
    );
    assert!(a.met_at_baseline);
    assert_eq!(a.status, Status::Achieved);
    assert!(a.early);
    assert_eq!(a.gap, Some(Decimal::ZERO));
    assert_eq!(a.completion, None);
    assert_eq!(a.ratio, None);
}

#[test]
fn target_met_at_baseline_is_regressing_once_it_does_not_hold() {
    let a = run(
        "≥98",
        Some("98"),
        None,
        "%",
        &[("2020", "98"), ("2023", "97.9")],
        "2023",
    );
    assert!(a.met_at_baseline);
    assert_eq!(a.status, Status::Regressing);
    assert_eq!(a.gap, Some(d("0.1")));
    assert_eq!(a.completion, None);
    assert_eq!(a.ratio, None);
}

#[test]
fn target_met_at_a_baseline_beyond_it_keeps_the_formula_for_machine_output() {
    // SPEC §3.2 calls completion meaningless here; the peers of the
    // benchmark (../shared/bench) still compute the formula, and machine
    // output must agree with them (compare.py), so the engine keeps it and
    // only the people-facing table and report show "—" (see display.rs).
    // The status does not depend on it.
    let a = run(
        "≥95",
        Some("96"),
        None,
        "%",
        &[("2020", "96"), ("2023", "94")],
        "2023",
    );
    assert!(a.met_at_baseline);
    assert_eq!(a.status, Status::Regressing);
    assert_eq!(a.completion, Some(d("2")));
}

#[test]
fn target_met_at_a_baseline_beyond_it_is_achieved_then_regressing() {
    let a = run(
        "≥95",
        Some("96"),
        None,
        "%",
        &[("2020", "96"), ("2023", "95.5")],
        "2023",
    );
    assert!(a.met_at_baseline);
    assert_eq!(a.status, Status::Achieved);
    let a = run(
        "≥95",
        Some("96"),
        None,
        "%",
        &[("2020", "96"), ("2023", "94")],
        "2023",
    );
    assert_eq!(a.status, Status::Regressing);
    assert_eq!(a.gap, Some(d("1")));
}

// --- 4. strict and inclusive comparators ------------------------------------

fn at_92(target: &str) -> Assessment {
    run(
        target,
        None,
        None,
        "%",
        &[("2020", "91.2"), ("2025", "92.0")],
        "2025",
    )
}

#[test]
fn strict_greater_than_at_exactly_the_level_is_missed() {
    let a = at_92("> 92");
    assert_eq!(a.value, Some(d("92.0")));
    assert_eq!(a.status, Status::Missed);
}

#[test]
fn inclusive_at_least_at_exactly_the_level_is_achieved() {
    let a = at_92(">= 92");
    assert_eq!(a.status, Status::Achieved);
    assert!(!a.early, "achieved at the deadline is not early");
    assert_eq!(a.gap, Some(Decimal::ZERO));
}

#[test]
fn chinese_strict_comparator_at_exactly_the_level_is_missed() {
    assert_eq!(at_92("大于92%").status, Status::Missed);
    assert_eq!(at_92("超过92%").status, Status::Missed);
    assert_eq!(at_92("高于92%").status, Status::Missed);
}

#[test]
fn chinese_inclusive_comparator_at_exactly_the_level_is_achieved() {
    assert_eq!(at_92("提高到92%以上").status, Status::Achieved);
    assert_eq!(at_92("92%以上").status, Status::Achieved);
    assert_eq!(at_92("不低于92%").status, Status::Achieved);
}

// --- 5. the baseline: missing, or from a later period -------------------------

#[test]
fn no_baseline_anywhere_is_no_data() {
    // Only a row before the baseline period and no plan baseline.
    let a = run(">= 70", None, None, "%", &[("2019", "40")], "2023");
    assert_eq!(a.baseline, None);
    assert_eq!(a.baseline_period, None);
    assert_eq!(a.status, Status::NoData);
    assert_eq!(a.completion, None);
    assert_eq!(a.ratio, None);
}

#[test]
fn an_indicator_without_rows_nor_baseline_is_no_data() {
    let a = run(">= 70", None, None, "%", &[], "2023");
    assert_eq!(a.baseline, None);
    assert_eq!(a.value, None);
    assert_eq!(a.status, Status::NoData);
}

#[test]
fn baseline_from_the_first_later_period() {
    let a = run(
        ">= 70",
        None,
        None,
        "%",
        &[("2021", "50"), ("2023", "56")],
        "2023",
    );
    assert_eq!(a.direction, Direction::Up);
    assert_eq!(a.baseline_period, Some(year(2021)));
    assert_eq!(a.baseline, Some(d("50")));
    assert_eq!(a.time_progress, Some(d("0.5")));
    assert_eq!(a.completion, Some(d("0.3")));
    assert_eq!(a.ratio, Some(d("0.6")));
    assert_eq!(a.gap, Some(d("14")));
    assert_eq!(a.status, Status::AtRisk);
}

#[test]
fn baseline_from_a_later_period_must_be_at_or_before_as_of() {
    // The only row after the baseline period is after the as-of period.
    let a = run(">= 70", None, None, "%", &[("2024", "50")], "2023");
    assert_eq!(a.baseline, None);
    assert_eq!(a.status, Status::NoData);
}

// --- 6. plan baseline vs CSV baseline -----------------------------------------

#[test]
fn plan_baseline_used_when_the_csv_lacks_the_baseline_period() {
    let a = run(">= 95", Some("93"), None, "%", &[("2023", "94.4")], "2023");
    assert_eq!(a.baseline_period, Some(year(2020)));
    assert_eq!(a.baseline, Some(d("93")));
    assert_eq!(a.change, Some(d("1.4")));
    assert_eq!(a.previous, Some(d("93")));
    assert_eq!(a.yoy, Some(d("1.4")));
    assert_eq!(a.status, Status::OnTrack);
}

#[test]
fn csv_baseline_wins_over_a_different_plan_baseline() {
    let a = run(
        ">= 95",
        Some("90"),
        None,
        "%",
        &[("2020", "93"), ("2023", "94.4")],
        "2023",
    );
    assert_eq!(a.baseline_period, Some(year(2020)));
    assert_eq!(a.baseline, Some(d("93")));
    assert_eq!(a.completion, Some(d("0.7")));
    assert_eq!(a.status, Status::OnTrack);
}

// --- 7. as-of past the deadline, or before the latest row ------------------------

#[test]
fn past_deadline_last_value_meeting_is_achieved() {
    let a = run(
        ">= 95",
        Some("90"),
        None,
        "%",
        &[("2020", "90"), ("2024", "96")],
        "2026",
    );
    assert_eq!(a.period, Some(year(2024)));
    assert_eq!(a.status, Status::Achieved);
}

#[test]
fn past_deadline_value_at_deadline_not_meeting_is_missed() {
    let a = run(
        ">= 95",
        Some("90"),
        None,
        "%",
        &[("2020", "90"), ("2025", "94")],
        "2026",
    );
    assert_eq!(a.status, Status::Missed);
    let a = run(
        ">= 95",
        Some("90"),
        None,
        "%",
        &[("2020", "90"), ("2023", "94")],
        "2026",
    );
    assert_eq!(
        a.status,
        Status::Missed,
        "the last value before the deadline"
    );
}

#[test]
fn past_deadline_a_later_value_that_meets_is_achieved_since_achieved_is_checked_first() {
    // At the deadline (2025) the target was not met, but the latest value
    // (2026) meets it: `achieved` is the first rule (SPEC §3.1).
    let a = run(
        ">= 95",
        Some("90"),
        None,
        "%",
        &[("2020", "90"), ("2025", "94"), ("2026", "96")],
        "2026",
    );
    assert_eq!(a.period, Some(year(2026)));
    assert_eq!(a.status, Status::Achieved);
    assert!(!a.early);
}

#[test]
fn past_deadline_a_later_value_that_does_not_meet_is_still_missed() {
    let a = run(
        ">= 95",
        Some("90"),
        None,
        "%",
        &[("2020", "90"), ("2025", "94"), ("2026", "94.5")],
        "2026",
    );
    assert_eq!(a.status, Status::Missed);
}

#[test]
fn rows_after_the_as_of_period_are_ignored() {
    let a = run(
        ">= 95",
        Some("90"),
        None,
        "%",
        &[("2020", "90"), ("2022", "92"), ("2024", "96")],
        "2023",
    );
    assert_eq!(a.period, Some(year(2022)));
    assert_eq!(a.value, Some(d("92")));
    assert!(a.points.iter().all(|(p, _)| *p <= year(2023)));
    assert_eq!(a.completion, Some(d("0.4")));
    assert_eq!(a.time_progress, Some(d("0.4")));
    assert_eq!(a.ratio, Some(d("1")));
    assert_eq!(a.status, Status::OnTrack);
}

// --- 8. only a baseline value ------------------------------------------------------

#[test]
fn only_a_baseline_value_is_no_data() {
    let a = run(">= 95", None, None, "%", &[("2020", "93")], "2023");
    assert_eq!(a.baseline, Some(d("93")));
    assert_eq!(a.period, a.baseline_period);
    assert_eq!(a.status, Status::NoData);
}

#[test]
fn only_a_plan_baseline_is_no_data() {
    let a = run(">= 95", Some("93"), None, "%", &[], "2023");
    assert_eq!(a.baseline, Some(d("93")));
    assert_eq!(a.status, Status::NoData);
}

#[test]
fn only_a_baseline_value_that_already_meets_is_achieved() {
    let a = run(">= 90", None, None, "%", &[("2020", "93")], "2023");
    assert_eq!(a.status, Status::Achieved);
    assert_eq!(a.gap, Some(Decimal::ZERO));
}

#[test]
fn only_a_later_baseline_value_is_no_data() {
    let a = run(">= 70", None, None, "%", &[("2021", "50")], "2023");
    assert_eq!(a.baseline_period, Some(year(2021)));
    assert_eq!(a.period, Some(year(2021)));
    assert_eq!(a.status, Status::NoData);
}

// --- 9. down is better ---------------------------------------------------------------

#[test]
fn down_is_better_at_risk() {
    let a = run(
        "<= 10",
        Some("20"),
        None,
        "%",
        &[("2020", "20"), ("2023", "16")],
        "2023",
    );
    assert_eq!(a.direction, Direction::Down);
    assert_eq!(a.change, Some(d("-4")));
    assert_eq!(a.gap, Some(d("6")));
    assert_eq!(a.completion, Some(d("0.4")));
    assert_eq!(a.ratio, Some(div("0.4", "0.6")));
    assert_eq!(a.status, Status::AtRisk);
}

#[test]
fn down_is_better_rising_is_regressing() {
    let a = run(
        "<= 10",
        Some("20"),
        None,
        "%",
        &[("2020", "20"), ("2023", "21")],
        "2023",
    );
    assert_eq!(a.gap, Some(d("11")));
    assert_eq!(a.status, Status::Regressing);
}

#[test]
fn strict_less_than_at_exactly_the_level_is_not_met() {
    let a = run(
        "低于10",
        Some("20"),
        None,
        "%",
        &[("2020", "20"), ("2023", "10")],
        "2023",
    );
    assert_eq!(a.direction, Direction::Down);
    assert_ne!(a.status, Status::Achieved);
    let a = run(
        "低于10",
        Some("20"),
        None,
        "%",
        &[("2020", "20"), ("2025", "10")],
        "2025",
    );
    assert_eq!(a.status, Status::Missed);
    let a = run(
        "低于10",
        Some("20"),
        None,
        "%",
        &[("2020", "20"), ("2025", "9.9")],
        "2025",
    );
    assert_eq!(a.status, Status::Achieved);
}

#[test]
fn reach_downward_is_met_at_the_level() {
    let a = run(
        "10",
        Some("20"),
        None,
        "%",
        &[("2020", "20"), ("2023", "10")],
        "2023",
    );
    assert_eq!(a.direction, Direction::Down);
    assert_eq!(a.status, Status::Achieved);
    assert_eq!(a.gap, Some(Decimal::ZERO));
}

#[test]
fn maintain_downward_regresses_when_rising() {
    let a = run(
        "保持",
        Some("5"),
        Some("down"),
        "%",
        &[("2020", "5"), ("2023", "5.1")],
        "2023",
    );
    assert_eq!(a.status, Status::Regressing);
    assert_eq!(a.gap, Some(d("0.1")));
}

// --- 10. targets relative to the baseline ---------------------------------------------

#[test]
fn plus_pp_is_met_exactly_in_decimal() {
    // SPEC §3: `95.1` read from CSV meets a target of `90.1 + 5pp`.
    let a = run(
        "+5pp",
        Some("90.1"),
        None,
        "%",
        &[("2020", "90.1"), ("2023", "95.1")],
        "2023",
    );
    assert_eq!(a.target, Some(d("95.1")));
    assert_eq!(a.status, Status::Achieved);
    assert_eq!(a.gap, Some(Decimal::ZERO));
}

#[test]
fn plus_percent_is_relative_to_the_baseline() {
    let a = run(
        "+10%",
        Some("50"),
        None,
        "人",
        &[("2020", "50"), ("2023", "53")],
        "2023",
    );
    assert_eq!(a.direction, Direction::Up);
    assert_eq!(a.target, Some(d("55")));
    assert_eq!(a.gap, Some(d("2")));
    assert_eq!(a.completion, Some(d("0.6")));
}

#[test]
fn minus_percent_is_a_lower_target() {
    let a = run(
        "-20%",
        Some("50"),
        None,
        "人",
        &[("2020", "50"), ("2023", "44")],
        "2023",
    );
    assert_eq!(a.direction, Direction::Down);
    assert_eq!(
        a.goal.as_ref().map(|g| g.direction()),
        Some(Direction::Down)
    );
    assert_eq!(a.target, Some(d("40")));
    assert_eq!(a.gap, Some(d("4")));
    assert_eq!(a.completion, Some(d("0.6")));
    assert_eq!(a.ratio, Some(d("1")));
    assert_eq!(a.status, Status::OnTrack);
}

#[test]
fn maintain_holds_then_regresses() {
    let a = run(
        "maintain",
        Some("80"),
        Some("up"),
        "%",
        &[("2020", "80"), ("2023", "80")],
        "2023",
    );
    assert_eq!(a.target, Some(d("80")));
    assert_eq!(a.status, Status::Achieved);
    let a = run(
        "maintain",
        Some("80"),
        Some("up"),
        "%",
        &[("2020", "80"), ("2023", "79.9")],
        "2023",
    );
    assert_eq!(a.status, Status::Regressing);
    assert_eq!(a.gap, Some(d("0.1")));
}

// --- 11. ranges ---------------------------------------------------------------------------

#[test]
fn range_inside_is_achieved() {
    let a = run(
        "90..95",
        Some("80"),
        None,
        "%",
        &[("2020", "80"), ("2023", "92")],
        "2023",
    );
    assert_eq!(a.status, Status::Achieved);
    assert_eq!(a.gap, Some(Decimal::ZERO));
}

#[test]
fn range_above_is_measured_against_the_upper_bound() {
    let a = run(
        "90..95",
        Some("80"),
        None,
        "%",
        &[("2020", "80"), ("2023", "97")],
        "2023",
    );
    assert_ne!(a.status, Status::Achieved);
    assert_eq!(a.target, Some(d("95")));
    assert_eq!(a.gap, Some(d("2")));
    // From above the range: moving down toward 95.
    let a = run(
        "90..95",
        Some("100"),
        None,
        "%",
        &[("2020", "100"), ("2023", "97")],
        "2023",
    );
    assert_eq!(a.direction, Direction::Down);
    assert_eq!(a.target, Some(d("95")));
    assert_eq!(a.gap, Some(d("2")));
    assert_eq!(a.completion, Some(d("0.6")));
    assert_eq!(a.ratio, Some(d("1")));
    assert_eq!(a.status, Status::OnTrack);
}

#[test]
fn range_below_is_measured_against_the_lower_bound() {
    let a = run(
        "90..95",
        Some("80"),
        None,
        "%",
        &[("2020", "80"), ("2023", "85")],
        "2023",
    );
    assert_eq!(a.target, Some(d("90")));
    assert_eq!(a.gap, Some(d("5")));
    assert_eq!(a.completion, Some(d("0.5")));
    assert_eq!(a.status, Status::AtRisk);
}

#[test]
fn range_bounds_are_inclusive() {
    for v in ["90", "95"] {
        let a = run(
            "90..95",
            Some("80"),
            None,
            "%",
            &[("2020", "80"), ("2023", v)],
            "2023",
        );
        assert_eq!(a.status, Status::Achieved, "value {v}");
    }
}

// --- 12. better_than ------------------------------------------------------------------

fn better_than(points: &[(&str, &str, &str)], as_of: &str) -> Assessment {
    let toml = regional_plan("{ better_than = \"im\" }", None, Some("up"));
    let (plan, a) = setup(&toml, &regional_rows(points));
    let out = assess(&plan, &a, as_of);
    region(&out, "xl").clone()
}

#[test]
fn better_than_beating_the_reference_is_achieved() {
    let a = better_than(&[("xl", "2022", "11.9"), ("im", "2022", "11.8")], "2022");
    assert_eq!(a.target, Some(d("11.8")));
    assert_eq!(a.status, Status::Achieved);
}

#[test]
fn better_than_not_beating_the_reference_is_off_track() {
    let a = better_than(&[("xl", "2022", "11.7"), ("im", "2022", "11.8")], "2022");
    assert_eq!(a.target, Some(d("11.8")));
    assert_eq!(a.status, Status::OffTrack);
}

#[test]
fn better_than_not_beating_the_reference_after_the_baseline_is_off_track() {
    let a = better_than(
        &[
            ("xl", "2020", "11.0"),
            ("im", "2020", "11.5"),
            ("xl", "2022", "11.7"),
            ("im", "2022", "11.8"),
        ],
        "2022",
    );
    assert_eq!(a.target, Some(d("11.8")));
    assert_eq!(a.status, Status::OffTrack);
}

#[test]
fn better_than_equal_to_the_reference_does_not_beat_it() {
    let a = better_than(
        &[
            ("xl", "2020", "11.0"),
            ("xl", "2022", "11.8"),
            ("im", "2022", "11.8"),
        ],
        "2022",
    );
    assert_eq!(a.status, Status::OffTrack);
}

#[test]
fn better_than_without_a_reference_value_for_the_period_is_no_data() {
    let a = better_than(&[("xl", "2022", "11.9"), ("im", "2021", "11.8")], "2022");
    assert_eq!(a.status, Status::NoData);
    let a = better_than(
        &[
            ("xl", "2020", "11.0"),
            ("xl", "2022", "11.9"),
            ("im", "2021", "11.8"),
        ],
        "2022",
    );
    assert_eq!(a.status, Status::NoData);
}

#[test]
fn better_than_lower_is_better() {
    let toml = regional_plan("{ better_than = \"im\" }", None, Some("down"));
    let csv = regional_rows(&[
        ("xl", "2020", "6"),
        ("xl", "2022", "5"),
        ("im", "2022", "5.5"),
    ]);
    let (plan, a) = setup(&toml, &csv);
    let out = assess(&plan, &a, "2022");
    assert_eq!(region(&out, "xl").status, Status::Achieved);
}

#[test]
fn better_than_not_beating_the_reference_at_the_deadline_is_missed() {
    let a = better_than(
        &[
            ("xl", "2020", "11.0"),
            ("xl", "2025", "11.7"),
            ("im", "2025", "11.8"),
        ],
        "2026",
    );
    assert_eq!(a.status, Status::Missed);
}

#[test]
fn better_than_the_reference_region_itself_has_no_target() {
    let toml = regional_plan("{ better_than = \"im\" }", None, Some("up"));
    let csv = regional_rows(&[
        ("xl", "2020", "11.0"),
        ("im", "2020", "11.5"),
        ("xl", "2022", "11.9"),
        ("im", "2022", "12.1"),
    ]);
    let (plan, a) = setup(&toml, &csv);
    let out = assess(&plan, &a, "2022");
    assert_eq!(
        region(&out, "xl").completion,
        None,
        "no progress toward a reference"
    );
    assert_eq!(region(&out, "xl").ratio, None);
    let im = region(&out, "im");
    assert_eq!(im.target, None);
    assert_eq!(im.status, Status::NoData);
    assert_eq!(region(&out, "xl").status, Status::OffTrack);
}

// --- 13. every_period --------------------------------------------------------------------

#[test]
fn every_period_non_decreasing_holding_is_achieved() {
    let a = run(
        "{ every_period = \"non-decreasing\" }",
        None,
        None,
        "%",
        &[("2020", "1"), ("2021", "2"), ("2022", "2"), ("2023", "3")],
        "2023",
    );
    assert_eq!(a.direction, Direction::Up);
    assert_eq!(a.status, Status::Achieved);
    assert_eq!(a.broken_step, None);
}

#[test]
fn every_period_non_decreasing_broken_is_missed_at_the_first_broken_step() {
    let a = run(
        "{ every_period = \"non-decreasing\" }",
        None,
        None,
        "%",
        &[("2020", "1"), ("2021", "3"), ("2022", "2")],
        "2022",
    );
    assert_eq!(a.status, Status::Missed);
    assert_eq!(a.broken_step, Some((year(2021), year(2022))));
}

#[test]
fn every_period_non_increasing() {
    let a = run(
        "{ every_period = \"non-increasing\" }",
        None,
        None,
        "%",
        &[("2020", "5"), ("2021", "4"), ("2022", "4.1"), ("2023", "3")],
        "2023",
    );
    assert_eq!(a.direction, Direction::Down);
    assert_eq!(a.status, Status::Missed);
    assert_eq!(a.broken_step, Some((year(2021), year(2022))));
}

// --- 14. milestones -------------------------------------------------------------------------

fn with_milestone(points: &[(&str, &str)], as_of: &str) -> Assessment {
    let toml = plan_with(
        "95",
        Some("93"),
        None,
        "%",
        "milestones = { 2022 = \">= 94\" }\n",
    );
    one_of(&toml, &rows(points), as_of)
}

#[test]
fn milestone_missed_at_its_period() {
    let a = with_milestone(&[("2020", "93"), ("2022", "93.5")], "2023");
    assert_eq!(a.milestones.len(), 1);
    let m = &a.milestones[0];
    assert_eq!(m.period, year(2022));
    assert_eq!(m.target, Some(d("94")));
    assert_eq!(m.value, Some((year(2022), d("93.5"))));
    assert_eq!(m.status, MilestoneStatus::Missed);
    assert_eq!(a.missed_milestones().count(), 1);
}

#[test]
fn milestone_met_at_its_period() {
    let a = with_milestone(&[("2020", "93"), ("2022", "94")], "2023");
    assert_eq!(a.milestones[0].status, MilestoneStatus::Met);
    assert_eq!(a.missed_milestones().count(), 0);
}

#[test]
fn milestone_is_judged_at_its_own_period_not_the_latest() {
    // Met later (2023) does not unmiss the 2022 milestone.
    let a = with_milestone(
        &[("2020", "93"), ("2022", "93.5"), ("2023", "94.5")],
        "2023",
    );
    assert_eq!(a.milestones[0].value, Some((year(2022), d("93.5"))));
    assert_eq!(a.milestones[0].status, MilestoneStatus::Missed);
}

#[test]
fn milestone_due_after_as_of_is_pending() {
    let a = with_milestone(&[("2020", "93"), ("2021", "93.2")], "2021");
    assert_eq!(a.milestones[0].status, MilestoneStatus::Pending);
    assert_eq!(a.missed_milestones().count(), 0);
}

#[test]
fn milestone_relative_to_the_baseline() {
    let toml = plan_with(
        ">= 96",
        Some("93"),
        None,
        "%",
        "milestones = { 2022 = \"+1pp\" }\n",
    );
    let a = one_of(&toml, &rows(&[("2022", "94")]), "2023");
    assert_eq!(a.milestones[0].target, Some(d("94")));
    assert_eq!(a.milestones[0].status, MilestoneStatus::Met);
}

// --- 15. YoY and change -----------------------------------------------------------------------

#[test]
fn yoy_and_change_in_percentage_points_for_percent_units() {
    let a = run(
        ">= 95",
        None,
        None,
        "%",
        &[("2020", "80"), ("2021", "90"), ("2022", "91.5")],
        "2022",
    );
    assert_eq!(a.previous_period, Some(year(2021)));
    assert_eq!(a.previous, Some(d("90")));
    assert_eq!(a.yoy, Some(d("1.5")));
    assert_eq!(a.yoy_pct, None);
    assert_eq!(a.change, Some(d("11.5")));
    assert_eq!(a.change_pct, None);
}

#[test]
fn yoy_and_change_also_relative_for_other_units() {
    let a = run(
        ">= 200",
        None,
        None,
        "人",
        &[("2020", "80"), ("2022", "100"), ("2023", "107.2")],
        "2023",
    );
    assert_eq!(a.yoy, Some(d("7.2")));
    assert_eq!(a.yoy_pct, Some(d("7.2")));
    assert_eq!(a.change, Some(d("27.2")));
    assert_eq!(a.change_pct, Some(d("34")));
}

// --- 16. CAGR and the required change ----------------------------------------------------------

#[test]
fn cagr_since_baseline_and_required_change() {
    let a = run(
        ">= 150",
        None,
        None,
        "人",
        &[("2020", "100"), ("2022", "121")],
        "2022",
    );
    let cagr = a.cagr.expect("cagr");
    assert!((cagr - 0.1).abs() < 1e-12, "cagr {cagr}");
    assert_eq!(a.required_change, Some(d("29") / d("3")));
    let rate = a.required_rate.expect("required rate");
    let want = (150.0f64 / 121.0).powf(1.0 / 3.0) - 1.0;
    assert!((rate - want).abs() < 1e-12, "rate {rate} vs {want}");
}

#[test]
fn no_required_change_once_met() {
    let a = run(
        ">= 150",
        None,
        None,
        "人",
        &[("2020", "100"), ("2022", "151")],
        "2022",
    );
    assert_eq!(a.status, Status::Achieved);
    assert_eq!(a.required_change, None);
}

// --- 17. projection -------------------------------------------------------------------------------

const RISING: &[(&str, &str)] = &[("2020", "90"), ("2021", "91"), ("2022", "92")];

#[test]
fn projection_meets_the_target_at_the_deadline() {
    let a = run(">= 95", None, None, "%", RISING, "2022");
    assert_eq!(a.projection, Some(d("95")));
    assert_eq!(a.projected_meet, Some(year(2025)));
}

#[test]
fn projection_meets_a_higher_target_after_the_deadline() {
    let a = run(">= 96", None, None, "%", RISING, "2022");
    assert_eq!(a.projection, Some(d("95")));
    assert_eq!(a.projected_meet, Some(year(2026)));
}

#[test]
fn projection_of_a_falling_series_never_meets() {
    let a = run(
        ">= 95",
        None,
        None,
        "%",
        &[("2020", "92"), ("2021", "91"), ("2022", "90")],
        "2022",
    );
    assert_eq!(a.projection, Some(d("87")));
    assert_eq!(a.projected_meet, None);
}

#[test]
fn projection_of_a_strict_target_meets_after_the_level() {
    // The line reaches 95 at 2025, but "> 95" needs more: 96 at 2026.
    let a = run("> 95", None, None, "%", RISING, "2022");
    assert_eq!(a.projected_meet, Some(year(2026)));
}

#[test]
fn projection_that_reaches_the_level_exactly_meets_it_then() {
    // 81.0, 82.5, 81.0 at 2020, 2022, 2023: the line is 90 at 2101 exactly
    // (and 89.89… at 2100); a fit through a rounded mean and slope put the
    // meeting a year late.
    let pts = &[("2020", "81.0"), ("2022", "82.5"), ("2023", "81.0")];
    let a = run(">= 90", None, None, "%", pts, "2023");
    assert_eq!(a.projection, Some(d("81.857142857143")));
    assert_eq!(a.projected_meet, Some(year(2101)));
    let pts = &[("2020", "33.0"), ("2022", "30.4"), ("2023", "27.0")];
    let a = run("<= 20", None, None, "%", pts, "2023");
    assert_eq!(a.projection, Some(d("23.8")));
    assert_eq!(a.projected_meet, Some(year(2027)));
}

#[test]
fn projection_of_large_daily_values_over_leap_years() {
    // Days of 2023 and 2024 (365 and 366 a year) step by 12 ticks: the
    // exact terms of the line no longer fit a decimal, its slope does.
    let start = Period::Day(2023, 1, 1);
    let mut p = start;
    let mut rows = String::from("indicator,period,value\n");
    for k in 0..730 {
        rows.push_str(&format!("x,{p},{}\n", 1_000_000 + 100_000 * k));
        p = p.next();
    }
    let plan = plan1(">= 1000000000", None, None, "");
    let a = one_of(&plan, &rows, "2025-12-31");
    // Checked with exact fractions.
    assert_eq!(a.projection, Some(d("110525000.222806322532")));
    assert_eq!(a.projected_meet, Some(Period::Day(2050, 5, 3)));
}

#[test]
fn monthly_projection_counts_months_exactly() {
    let pts = &[("2023-01", "10"), ("2023-02", "11"), ("2023-03", "12")];
    let a = run(">= 19", None, None, "", pts, "2023-03");
    // One a month: 2025 ends 33 months after 2023-03, at 12 + 33.
    assert_eq!(a.projection, Some(d("45")));
    assert_eq!(a.projected_meet, Some(Period::Month(2023, 10)));
}

// --- 18. quarterly periods ----------------------------------------------------------------------

#[test]
fn quarterly_time_progress_from_period_ends() {
    let toml = plan1(">= 70", Some("50"), None, "%")
        .replace("baseline = 2020\n", "baseline = \"2020-Q4\"\n")
        .replace("target = 2025\n", "target = \"2025-Q4\"\n");
    let a = one_of(&toml, &rows(&[("2023-Q2", "55")]), "2023-Q2");
    assert_eq!(a.baseline_period, Some(Period::Quarter(2020, 4)));
    assert_eq!(a.target_period, Period::Quarter(2025, 4));
    assert_eq!(a.period, Some(Period::Quarter(2023, 2)));
    assert_eq!(a.time_progress, Some(d("0.5")));
    assert_eq!(a.completion, Some(d("0.25")));
    assert_eq!(a.ratio, Some(d("0.5")));
    assert_eq!(a.status, Status::OffTrack);
}

// --- 19. the headline series and other regions -----------------------------------------------------

#[test]
fn plan_baseline_applies_only_to_the_headline_series() {
    let toml = regional_plan("95", Some("93"), None);
    let csv = regional_rows(&[
        ("xl", "2023", "94.4"),
        ("im", "2021", "80"),
        ("im", "2023", "85"),
    ]);
    let (plan, a) = setup(&toml, &csv);
    let out = assess(&plan, &a, "2023");
    assert_eq!(out.len(), 2, "{out:#?}");
    let xl = region(&out, "xl");
    assert_eq!(xl.baseline_period, Some(year(2020)));
    assert_eq!(xl.baseline, Some(d("93")));
    assert_eq!(xl.completion, Some(d("0.7")));
    assert_eq!(xl.status, Status::OnTrack);
    let im = region(&out, "im");
    assert_eq!(im.baseline_period, Some(year(2021)));
    assert_eq!(im.baseline, Some(d("80")));
    assert_eq!(im.change, Some(d("5")));
    assert_eq!(im.completion, Some(d("5") / d("15")));
}

#[test]
fn a_region_without_any_row_of_its_own_gets_no_plan_baseline() {
    // im has only a pre-baseline row: no baseline (the plan's is xl's).
    let toml = regional_plan(">= 95", Some("93"), None);
    let csv = regional_rows(&[("xl", "2023", "94.4"), ("im", "2019", "80")]);
    let (plan, a) = setup(&toml, &csv);
    let out = assess(&plan, &a, "2023");
    let im = region(&out, "im");
    assert_eq!(im.baseline, None);
    assert_eq!(im.status, Status::NoData);
}

#[test]
fn a_headline_without_rows_still_has_its_plan_baseline_row() {
    let toml = regional_plan(">= 95", Some("93"), None);
    let csv = regional_rows(&[("im", "2021", "80"), ("im", "2023", "85")]);
    let (plan, a) = setup(&toml, &csv);
    let out = assess(&plan, &a, "2023");
    assert_eq!(out.len(), 2, "{out:#?}");
    let xl = region(&out, "xl");
    assert_eq!(xl.baseline, Some(d("93")));
    assert_eq!(xl.value, Some(d("93")));
    assert_eq!(xl.status, Status::NoData);
    assert_eq!(region(&out, "im").baseline, Some(d("80")));
}

#[test]
fn a_region_whose_rows_all_come_after_as_of_is_not_shown() {
    let toml = regional_plan(">= 95", Some("93"), None);
    let csv = regional_rows(&[("xl", "2023", "94.4"), ("im", "2024", "85")]);
    let (plan, a) = setup(&toml, &csv);
    let out = assess(&plan, &a, "2023");
    assert_eq!(out.len(), 1, "{out:#?}");
    assert_eq!(out[0].region, "xl");
}

// --- properties -----------------------------------------------------------------------------------

/// A decimal with one decimal place in 0.0..=100.0.
fn tenth(i: i64) -> Decimal {
    Decimal::new(i, 1)
}

fn prop_assess(target: &str, b: Decimal, y: Decimal, as_of: &str) -> Assessment {
    let toml = plan1(target, Some(&b.to_string()), Some("up"), "%");
    one_of(&toml, &rows(&[("2023", &y.to_string())]), as_of)
}

fn rank(s: Status) -> Option<u8> {
    match s {
        Status::Achieved => Some(0),
        Status::OnTrack => Some(1),
        Status::AtRisk => Some(2),
        Status::OffTrack => Some(3),
        Status::Regressing => Some(4),
        Status::Missed => Some(5),
        Status::NoData => None,
    }
}

proptest! {
    #[test]
    fn gap_is_never_negative_and_zero_when_achieved(
        (b, t) in (0i64..1000).prop_flat_map(|b| (Just(b), (b + 1)..=1000)),
        y in 0i64..=1000,
    ) {
        let (b, t, y) = (tenth(b), tenth(t), tenth(y));
        let a = prop_assess(&format!(">= {t}"), b, y, "2023");
        let gap = a.gap.expect("a gap");
        prop_assert!(gap >= Decimal::ZERO, "gap {} for b {} T {} y {}", gap, b, t, y);
        if a.status == Status::Achieved {
            prop_assert_eq!(gap, Decimal::ZERO);
        }
        if y >= t {
            prop_assert_eq!(a.status, Status::Achieved);
        } else {
            prop_assert_eq!(gap, t - y);
        }
    }

    #[test]
    fn raising_the_latest_value_never_worsens_the_status(
        b in 0i64..=1000,
        t in 0i64..=1000,
        y1 in 0i64..=1000,
        y2 in 0i64..=1000,
        form in 0usize..3,
        as_of in prop::sample::select(vec!["2023", "2026"]),
    ) {
        let (y1, y2) = (y1.min(y2), y1.max(y2));
        let (b, t, y1, y2) = (tenth(b), tenth(t), tenth(y1), tenth(y2));
        let target = match form {
            0 => format!(">= {t}"),
            1 => format!("> {t}"),
            _ => format!("{t}"),
        };
        let low = prop_assess(&target, b, y1, as_of);
        let high = prop_assess(&target, b, y2, as_of);
        if let (Some(rl), Some(rh)) = (rank(low.status), rank(high.status)) {
            prop_assert!(
                rh <= rl,
                "target {} from {} as of {}: {} gives {} but {} gives {}",
                target, b, as_of, y1, low.status, y2, high.status
            );
        }
    }
}

// ---------------------------------------------------------------------------
// Exact R and end-date comparisons (found by exploratory testing).

#[test]
fn ratio_exactly_060_with_a_seven_year_horizon_is_at_risk() {
    // R = (18/70) / (3/7) = 0.6 exactly; two rounded quotients gave
    // 0.5999…9 and off-track.
    let a = one_of(
        &plan_with(">= 70", Some("0"), None, "个", "target_period = 2027\n"),
        &rows(&[("2023", "18")]),
        "2023",
    );
    assert_eq!(a.ratio, Some(d("0.6")));
    assert_eq!(a.status, Status::AtRisk);
}

#[test]
fn ratio_exactly_095_between_months_is_on_track() {
    let plan = "[plan]\nid = \"p\"\nname = \"P\"\nbaseline = \"2024-01\"\ntarget = \"2024-04\"\n\n\
                [[indicator]]\nid = \"x\"\nunit = \"个\"\nbaseline = 0\ntarget = \">= 3\"\n";
    let a = one_of(plan, &rows(&[("2024-02", "0.95")]), "2024-02");
    assert_eq!(a.ratio, Some(d("0.95")));
    assert_eq!(a.status, Status::OnTrack);
    // 3 − 0.95 in the two months left: 12.3 a year, exactly.
    assert_eq!(a.required_change, Some(d("12.3")));
}

#[test]
fn an_as_of_date_at_the_end_of_the_year_includes_that_year() {
    let points = [("2020", "90"), ("2023", "93"), ("2025", "94")];
    for as_of in ["2023", "2023-Q4", "2023-12", "2023-12-31"] {
        let a = run(">= 95", None, None, "%", &points, as_of);
        assert_eq!(a.period, Some(Period::parse("2023").unwrap()), "{as_of}");
        assert_eq!(a.time_progress, Some(d("0.6")), "{as_of}");
    }
    // The deadline is reached at its end date, in any granularity.
    for as_of in ["2025", "2025-Q4", "2025-12-31"] {
        let a = run(">= 95", None, None, "%", &points, as_of);
        assert_eq!(a.status, Status::Missed, "{as_of}");
    }
    let a = run(">= 95", None, None, "%", &points, "2025-12-30");
    assert_ne!(a.status, Status::Missed);
}

#[test]
fn a_negative_toml_number_is_a_level_to_reach() {
    let plan = "[plan]\nid = \"p\"\nname = \"P\"\nbaseline = 2020\ntarget = 2025\n\n\
                [[indicator]]\nid = \"x\"\nunit = \"℃\"\nbaseline = -2\ntarget = -5\n";
    let a = one_of(plan, &rows(&[("2023", "-5.5")]), "2023");
    assert_eq!(a.target, Some(d("-5")));
    assert_eq!(a.direction, crate::plan::Direction::Down);
    assert_eq!(a.status, Status::Achieved);
}

proptest! {
    #[test]
    fn floats_of_decimals_are_to_f64s(m in -(1i64 << 49)..(1i64 << 49), scale in 0u32..=28) {
        let d = Decimal::new(m, scale);
        let slow = rust_decimal::prelude::ToPrimitive::to_f64(&d);
        prop_assert_eq!(super::f64_of(d).map(f64::to_bits), slow.map(f64::to_bits));
    }

    #[test]
    fn floats_of_short_decimals_are_to_f64s(m in -1_000_000i64..1_000_000, scale in 0u32..=28) {
        let d = Decimal::new(m, scale);
        let slow = rust_decimal::prelude::ToPrimitive::to_f64(&d);
        prop_assert_eq!(super::f64_of(d).map(f64::to_bits), slow.map(f64::to_bits));
    }
}
