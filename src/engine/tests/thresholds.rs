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
