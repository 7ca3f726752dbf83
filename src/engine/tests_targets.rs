//! Tests of the targets the plans' own tables write (docs/methods.md#other-targets):
//! a reference region's level (`at_least`, `above`), `持续提高`, `逐年提高`,
//! approximate levels (`95%左右`), `全覆盖`, `消除`, multiples of the
//! baseline, `保持100%` and headings. Each builds a plan and actuals as
//! text, runs the real readers, and asserts exact statuses and figures.

use rust_decimal::Decimal;

use super::tests::setup;
use crate::engine::{Assessment, Context, Dated, Goal, Status, Step, assess_plan};
use crate::period::Period;
use crate::plan::Direction;

const REGIONS: &str = "[[region]]\nid = \"xilingol\"\nname = \"锡林郭勒盟\"\n\n\
     [[region]]\nid = \"inner-mongolia\"\nname = \"内蒙古自治区\"\naliases = [\"全区\"]\n\n\
     [[region]]\nid = \"china\"\nname = \"全国\"\n";

/// A plan (baseline 2020, deadline 2025, region `xilingol`) with one
/// indicator `x`: `target` is a TOML value as written, `extra` more keys.
fn plan(target: &str, unit: &str, extra: &str) -> String {
    format!(
        "[plan]\nid = \"p\"\nname = \"P\"\nbaseline = 2020\ntarget = 2025\nregion = \"xilingol\"\n\n\
         {REGIONS}\n[[indicator]]\nid = \"x\"\nunit = \"{unit}\"\ntarget = {target}\n{extra}"
    )
}

/// The series of `region` as of `as_of`.
fn series(plan_toml: &str, csv: &str, as_of: i32, region: &str) -> Assessment {
    let (plan, actuals) = setup(plan_toml, csv);
    let rows = assess_plan(&Context {
        plan: &plan,
        actuals: &actuals,
        as_of: Period::Year(as_of),
        method: None,
        keep_points: false,
    });
    match rows.into_iter().find(|a| a.region == region) {
        Some(a) => a,
        None => panic!("no series for {region}"),
    }
}

/// Rows `indicator,region,period,value` of indicator `x`.
fn rows(points: &[(&str, i32, &str)]) -> String {
    let mut s = String::from("indicator,region,period,value\n");
    for (region, period, value) in points {
        s.push_str(&format!("x,{region},{period},{value}\n"));
    }
    s
}

/// The plan's own series of `x` with these values.
fn own(target: &str, unit: &str, extra: &str, points: &[(i32, &str)], as_of: i32) -> Assessment {
    let points: Vec<(&str, i32, &str)> = points.iter().map(|&(p, v)| ("xilingol", p, v)).collect();
    series(
        &plan(target, unit, extra),
        &rows(&points),
        as_of,
        "xilingol",
    )
}

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

// --- A reference region's level ---------------------------------------------

/// 锡林郭勒盟 against 内蒙古自治区 (全区): `mine` and `theirs` in 2023.
fn against_the_region(target: &str, mine: &str, theirs: &str) -> Assessment {
    let csv = rows(&[
        ("xilingol", 2020, "90"),
        ("xilingol", 2023, mine),
        ("inner-mongolia", 2023, theirs),
    ]);
    series(&plan(target, "%", ""), &csv, 2023, "xilingol")
}

#[test]
fn at_least_the_regions_level_is_met_by_equalling_it() {
    let a = against_the_region("\"不低于全区水平\"", "95", "95");
    assert_eq!(a.status, Status::Achieved);
    assert!(a.early);
    assert_eq!(a.target, Some(d("95")));
    assert_eq!(a.gap, Some(Decimal::ZERO));
    assert_eq!(a.goal.as_ref().map(Goal::op_str), Some("at_least"));
    // Below it, before the deadline: off track (no completion, no R).
    let a = against_the_region("\"达到全国平均水平\"", "94", "95");
    assert_eq!(a.status, Status::NoData, "全国 has no value: {a:?}");
    let a = against_the_region("\"达到全区平均水平\"", "94", "95");
    assert_eq!(a.status, Status::OffTrack);
    assert_eq!(a.gap, Some(d("1")));
    assert_eq!((a.completion, a.ratio), (None, None));
}

#[test]
fn above_the_regions_level_is_strict() {
    let a = against_the_region("\"高于全区水平\"", "95", "95");
    assert_eq!(a.status, Status::OffTrack);
    assert_eq!(a.goal.as_ref().map(Goal::op_str), Some("better_than"));
    let a = against_the_region("\"高于全区水平\"", "95.1", "95");
    assert_eq!(a.status, Status::Achieved);
    // The table forms are the same targets.
    let a = against_the_region("{ above = \"inner-mongolia\" }", "95", "95");
    assert_eq!(a.status, Status::OffTrack);
    let a = against_the_region("{ at_least = \"全区\" }", "95", "95");
    assert_eq!(a.status, Status::Achieved);
    // 优于 does not say which way is better: the plan says it.
    let csv = rows(&[
        ("xilingol", 2020, "90"),
        ("xilingol", 2023, "95"),
        ("inner-mongolia", 2023, "95"),
    ]);
    let better = plan("\"优于全区水平\"", "%", "direction = \"up\"\n");
    assert_eq!(
        series(&better, &csv, 2023, "xilingol").status,
        Status::OffTrack
    );
}

#[test]
fn a_reference_without_a_value_that_period_gives_no_data() {
    let csv = rows(&[
        ("xilingol", 2020, "90"),
        ("xilingol", 2023, "96"),
        ("inner-mongolia", 2022, "95"),
    ]);
    let a = series(&plan("\"不低于全区水平\"", "%", ""), &csv, 2023, "xilingol");
    assert_eq!(a.status, Status::NoData);
    assert_eq!(a.target, None);
    // The reference region's own series is never compared with itself.
    let a = series(
        &plan("\"不低于全区水平\"", "%", ""),
        &csv,
        2023,
        "inner-mongolia",
    );
    assert_eq!(a.status, Status::NoData);
}

#[test]
fn at_the_deadline_below_the_reference_is_missed() {
    let csv = rows(&[
        ("xilingol", 2020, "90"),
        ("xilingol", 2025, "94"),
        ("inner-mongolia", 2025, "95"),
    ]);
    let a = series(
        &plan("\"达到全区平均水平\"", "%", ""),
        &csv,
        2025,
        "xilingol",
    );
    assert_eq!(a.status, Status::Missed);
}

#[test]
fn at_least_a_reference_when_lower_is_better() {
    let target = "\"达到全国平均水平\"";
    let plan = plan(target, "%", "direction = \"down\"\n");
    let csv = |mine: &str| {
        rows(&[
            ("xilingol", 2020, "0.9"),
            ("xilingol", 2023, mine),
            ("china", 2023, "0.6"),
        ])
    };
    assert_eq!(
        series(&plan, &csv("0.6"), 2023, "xilingol").status,
        Status::Achieved
    );
    assert_eq!(
        series(&plan, &csv("0.7"), 2023, "xilingol").status,
        Status::OffTrack
    );
}

// --- 持续提高: above the baseline -------------------------------------------

#[test]
fn keep_improving_is_strictly_above_the_baseline() {
    let run =
        |v: &str, as_of: i32| own("\"持续提高\"", "%", "baseline = 93\n", &[(as_of, v)], as_of);
    let a = run("93.1", 2023);
    assert_eq!(a.status, Status::Achieved);
    assert!(a.early);
    assert_eq!(a.target, Some(d("93")));
    assert_eq!(a.goal, Some(Goal::Cmp(crate::plan::Op::Gt, d("93"))));
    // Staying put is no progress; falling back is regressing.
    let a = run("93", 2023);
    assert_eq!(a.status, Status::OffTrack);
    assert_eq!((a.completion, a.ratio), (None, None));
    assert_eq!(run("92.5", 2023).status, Status::Regressing);
    assert_eq!(run("93", 2025).status, Status::Missed);
    // Down: 持续下降 from 5.
    let a = own(
        "\"持续下降\"",
        "‰",
        "baseline = 5\n",
        &[(2023, "4.9")],
        2023,
    );
    assert_eq!(a.status, Status::Achieved);
    assert_eq!(a.direction, Direction::Down);
}

#[test]
fn keep_improving_under_cagr_is_graded_on_the_trend() {
    let extra = "baseline = 93\nmethod = \"cagr\"\n";
    let a = own("\"持续提高\"", "%", extra, &[(2023, "93")], 2023);
    assert_eq!(a.status, Status::OffTrack);
    assert_eq!(a.ratio, Some(Decimal::ZERO));
    let a = own("\"持续提高\"", "%", extra, &[(2023, "92")], 2023);
    assert_eq!(a.status, Status::Regressing);
    let a = own("\"持续提高\"", "%", extra, &[(2023, "94")], 2023);
    assert_eq!(a.status, Status::Achieved);
}

// --- 逐年提高: every period strictly better -----------------------------------

#[test]
fn every_period_strictly_higher() {
    let run = |target: &str, values: &[&str]| {
        let points: Vec<(i32, &str)> = (2020..).zip(values.iter().copied()).collect();
        own(target, "%", "", &points, 2023)
    };
    let a = run("\"逐年提高\"", &["93", "94", "94", "95"]);
    assert_eq!(a.status, Status::Missed);
    assert_eq!(
        a.broken,
        Some(Step {
            from: Dated::new(Period::Year(2021), d("94")),
            to: Dated::new(Period::Year(2022), d("94")),
        })
    );
    let a = run("\"逐年提高\"", &["93", "94", "95", "95.5"]);
    assert_eq!(a.status, Status::Achieved);
    assert!(a.early);
    // Level steps keep "逐年只增不减", not "逐年提高".
    let a = run("\"逐年只增不减\"", &["93", "94", "94", "95"]);
    assert_eq!(a.status, Status::Achieved);
    assert_eq!(
        run("\"逐年下降\"", &["5", "4", "3", "2"]).status,
        Status::Achieved
    );
    let a = run("{ every_period = \"decreasing\" }", &["5", "4", "4", "2"]);
    assert_eq!(a.status, Status::Missed);
    assert_eq!(run("\"逐年下降\"", &["5"]).status, Status::NoData);
}

// --- 95%左右: within the tolerance -------------------------------------------

#[test]
fn about_a_level_is_met_within_the_tolerance() {
    let run = |v: &str, extra: &str| {
        own(
            "\"95%左右\"",
            "%",
            &format!("baseline = 93\n{extra}"),
            &[(2023, v)],
            2023,
        )
    };
    // Default band in % units: ± 1 percentage point.
    assert_eq!(run("94", "").status, Status::Achieved);
    assert_eq!(run("96", "").status, Status::Achieved);
    let a = run("93.9", "");
    assert_eq!(
        a.goal,
        Some(Goal::Range {
            lo: d("94"),
            hi: d("96"),
            toward: Direction::Up
        })
    );
    assert_eq!(a.gap, Some(d("0.1")));
    // 0.9 of the way to 94 at 0.6 of the time.
    assert_eq!(a.completion, Some(d("0.9")));
    assert_eq!(a.ratio, Some(d("1.5")));
    assert_eq!(a.status, Status::Ahead);
    let a = run("96.5", "");
    assert_ne!(a.status, Status::Achieved);
    assert_eq!(a.gap, Some(d("0.5")));
    // A stated tolerance.
    assert_ne!(run("94.4", "tolerance = 0.5\n").status, Status::Achieved);
    assert_eq!(run("94.5", "tolerance = 0.5\n").status, Status::Achieved);
}

#[test]
fn about_a_count_is_met_within_two_percent() {
    let run = |v: &str| {
        own(
            "\"2.5万人左右\"",
            "万人",
            "baseline = 2\n",
            &[(2023, v)],
            2023,
        )
    };
    let a = run("2.45");
    assert_eq!(a.status, Status::Achieved);
    assert_eq!(
        a.goal,
        Some(Goal::Range {
            lo: d("2.45"),
            hi: d("2.55"),
            toward: Direction::Up
        })
    );
    let a = run("2.44");
    assert_ne!(a.status, Status::Achieved);
    assert_eq!(a.gap, Some(d("0.01")));
}

// --- 全覆盖, 消除, multiples, 保持100% ---------------------------------------

#[test]
fn full_coverage_is_100_percent() {
    let run = |v: &str| own("\"实现全覆盖\"", "%", "baseline = 90\n", &[(2023, v)], 2023);
    let a = run("99.9");
    assert_eq!(a.target, Some(d("100")));
    assert_eq!(a.completion, Some(d("0.99")));
    assert_eq!(a.ratio, Some(d("1.65")));
    assert_eq!(a.status, Status::Ahead);
    assert_eq!(run("100").status, Status::Achieved);
}

#[test]
fn elimination_is_zero_and_nearly_is_within_the_tolerance() {
    let run = |target: &str, unit: &str, extra: &str, v: &str| {
        own(
            target,
            unit,
            &format!("baseline = 10\n{extra}"),
            &[(2023, v)],
            2023,
        )
    };
    assert_eq!(run("\"消除\"", "所", "", "0").status, Status::Achieved);
    let a = run("\"清零\"", "所", "", "4");
    assert_eq!(a.target, Some(Decimal::ZERO));
    assert_eq!(a.completion, Some(d("0.6")));
    assert_eq!(a.ratio, Some(d("1")));
    assert_eq!(a.status, Status::OnTrack);
    let nearly = "\"基本消除\"";
    assert_eq!(
        run(nearly, "所", "tolerance = 2\n", "2").status,
        Status::Achieved
    );
    assert_ne!(
        run(nearly, "所", "tolerance = 2\n", "3").status,
        Status::Achieved
    );
    // Without a tolerance a count has none to spare (2% of 0); % units 1 point.
    assert_ne!(run(nearly, "所", "", "1").status, Status::Achieved);
    assert_eq!(run(nearly, "%", "", "1").status, Status::Achieved);
    assert_ne!(run(nearly, "%", "", "1.1").status, Status::Achieved);
}

#[test]
fn multiples_of_the_baseline() {
    let run = |target: &str, v: &str| own(target, "万元", "baseline = 10\n", &[(2023, v)], 2023);
    assert_eq!(run("\"翻一番\"", "20").status, Status::Achieved);
    let a = run("\"翻一番\"", "15");
    assert_eq!(a.target, Some(d("20")));
    assert_eq!(a.completion, Some(d("0.5")));
    assert_eq!(a.status, Status::AtRisk);
    assert_eq!(run("\"翻两番\"", "15").target, Some(d("40")));
    assert_eq!(run("\"增长1倍\"", "15").target, Some(d("20")));
    assert_eq!(run("\"增长50%\"", "15").status, Status::Achieved);
}

#[test]
fn keeping_100_percent_is_at_least_100() {
    for target in ["\"保持100%\"", "\"100%\"", "\"保持\""] {
        let a = own(target, "%", "baseline = 100\n", &[(2023, "100")], 2023);
        assert_eq!(a.status, Status::Achieved, "{target}");
        assert_eq!(a.direction, Direction::Up, "{target}");
        let a = own(target, "%", "baseline = 100\n", &[(2023, "99.5")], 2023);
        assert_eq!(a.status, Status::Regressing, "{target}");
    }
    // 0% kept is at most 0.
    let a = own("\"0%\"", "%", "baseline = 0\n", &[(2023, "0.5")], 2023);
    assert_eq!(a.direction, Direction::Down);
    assert_eq!(a.status, Status::Regressing);
}

#[test]
fn a_relative_change_of_a_zero_baseline_in_the_data_is_no_target() {
    let a = own("\"+5%\"", "万元", "", &[(2020, "0"), (2023, "-3")], 2023);
    assert_eq!(a.status, Status::NoData);
    assert_eq!(a.goal, None);
    assert_eq!(
        a.warnings,
        vec![
            "`x`: a change of 5% from a baseline of 0 is still 0: the target means nothing for this series"
        ]
    );
}

#[test]
fn a_heading_is_not_assessed() {
    let toml = "[plan]\nid = \"p\"\nname = \"P\"\nbaseline = 2020\ntarget = 2025\n\n\
        [[indicator]]\nid = \"class-size\"\nname = \"义务教育标准班额比例\"\nunit = \"%\"\n\n\
        [[indicator]]\nid = \"primary\"\nname = \"小学\"\nunit = \"%\"\nparent = \"class-size\"\ntarget = \"100%\"\n";
    let csv = "indicator,period,value\nclass-size,2020,80\nclass-size,2023,90\nprimary,2020,85\nprimary,2023,100\n";
    let (plan, actuals) = setup(toml, csv);
    let rows = assess_plan(&Context {
        plan: &plan,
        actuals: &actuals,
        as_of: Period::Year(2023),
        method: None,
        keep_points: false,
    });
    let heading = rows.iter().find(|a| a.indicator == 0).unwrap();
    assert_eq!(
        (heading.status, &heading.goal, heading.target),
        (Status::NoData, &None, None)
    );
    let child = rows.iter().find(|a| a.indicator == 1).unwrap();
    assert_eq!(child.status, Status::Achieved);
}
