//! The status thresholds, graded up and compared exactly: R at exactly 0.95 and
//! 0.6 (also over a seven-year and a monthly horizon), and a plan's own
//! thresholds.

use super::{d, one_of, plan_with, plan1, rows, run};
use crate::engine::Status;

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

/// One indicator 0 → 100 by 2025, a value in 2023 (time elapsed 0.6).
fn at_2023(value: &str) -> crate::engine::Assessment {
    run(
        "100",
        Some("0"),
        None,
        "%",
        &[("2020", "0"), ("2023", value)],
        "2023",
    )
}

#[test]
fn ratio_exactly_110_is_ahead_and_just_below_is_on_track() {
    // 66 of 100 at 0.6 of the time: R = 1.1 exactly, graded up.
    let a = at_2023("66");
    assert_eq!(a.ratio, Some(d("1.1")));
    assert_eq!(a.status, Status::Ahead);
    let a = at_2023("65.99");
    assert_eq!(a.status, Status::OnTrack);
    let a = at_2023("90");
    assert_eq!(a.status, Status::Ahead);
}

#[test]
fn a_plan_sets_its_own_ahead() {
    let toml = plan1("100", Some("0"), None, "%").replace(
        "target = 2025\n",
        "target = 2025\n[plan.thresholds]\nahead = 1.5\n",
    );
    // R = 0.66/0.6 = 1.1: ahead by default, on track under 1.5.
    let a = one_of(&toml, &rows(&[("2020", "0"), ("2023", "66")]), "2023");
    assert_eq!(a.status, Status::OnTrack);
    let a = one_of(&toml, &rows(&[("2020", "0"), ("2023", "90")]), "2023");
    assert_eq!(a.ratio, Some(d("1.5")));
    assert_eq!(a.status, Status::Ahead);
}

#[test]
fn method_cagr_has_no_ahead_unless_the_plan_sets_it() {
    let cagr = plan1("200", Some("100"), Some("up"), "人")
        .replace("target = 2025\n", "target = 2025\nmethod = \"cagr\"\n");
    // Far ahead of the growth needed: on track under Open SDG's grades.
    let data = rows(&[("2020", "100"), ("2023", "190")]);
    assert_eq!(one_of(&cagr, &data, "2023").status, Status::OnTrack);
    let with = cagr.replace(
        "method = \"cagr\"\n",
        "method = \"cagr\"\n[plan.thresholds]\nahead = 1.1\n",
    );
    assert_eq!(one_of(&with, &data, "2023").status, Status::Ahead);
}
