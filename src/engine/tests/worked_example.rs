//! The worked example: 学前三年毛入园率 (preschool GER), 93 → 95% over
//! 2020–2025, on track, off track and regressing.

use super::{d, div, run, year};
use crate::engine::{Dated, Status};
use crate::plan::Direction;

#[test]
fn preschool_ger_worked_example_is_ahead() {
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
    assert_eq!(a.baseline, Some(Dated::new(year(2020), d("93"))));
    assert_eq!(a.latest, Some(Dated::new(year(2023), d("94.4"))));
    assert_eq!(a.target, Some(d("95")));
    assert_eq!(a.target_period, year(2025));
    assert_eq!(a.change.map(|c| c.amount), Some(d("1.4")));
    assert_eq!(a.gap, Some(d("0.6")));
    assert_eq!(a.completion, Some(d("0.7")));
    assert_eq!(a.time_progress, Some(d("0.6")));
    assert_eq!(a.ratio, Some(div("0.7", "0.6")));
    assert_eq!(a.status, Status::Ahead);
    assert!(!a.met_at_baseline);
}

#[test]
fn preschool_ger_with_the_plan_baseline_only_is_the_same() {
    let a = run("95%", Some("93"), None, "%", &[("2023", "94.4")], "2023");
    assert_eq!(a.baseline, Some(Dated::new(year(2020), d("93"))));
    assert_eq!(a.completion, Some(d("0.7")));
    assert_eq!(a.time_progress, Some(d("0.6")));
    assert_eq!(a.ratio, Some(div("0.7", "0.6")));
    assert_eq!(a.status, Status::Ahead);
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
    assert_eq!(a.change.map(|c| c.amount), Some(d("0.5")));
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
    assert_eq!(a.change.map(|c| c.amount), Some(d("-1")));
    assert_eq!(a.gap, Some(d("3")));
    assert_eq!(a.completion, Some(d("-0.5")));
    assert_eq!(a.ratio, Some(div("-0.5", "0.6")));
    assert_eq!(a.status, Status::Regressing);
}
