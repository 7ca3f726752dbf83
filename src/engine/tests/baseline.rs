//! The baseline: missing, from a later period, the plan's against the CSV's,
//! and a baseline value that is the only one.

use rust_decimal::Decimal;

use super::{d, run, year};
use crate::engine::{Dated, Status};
use crate::plan::Direction;

#[test]
fn no_baseline_anywhere_is_no_data() {
    // Only a row before the baseline period and no plan baseline.
    let a = run(">= 70", None, None, "%", &[("2019", "40")], "2023");
    assert_eq!(a.baseline, None);
    assert_eq!(a.status, Status::NoData);
    assert_eq!(a.completion, None);
    assert_eq!(a.ratio, None);
}

#[test]
fn an_indicator_without_rows_nor_baseline_is_no_data() {
    let a = run(">= 70", None, None, "%", &[], "2023");
    assert_eq!(a.baseline, None);
    assert_eq!(a.latest.map(|l| l.value), None);
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
    assert_eq!(a.baseline, Some(Dated::new(year(2021), d("50"))));
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

#[test]
fn plan_baseline_used_when_the_csv_lacks_the_baseline_period() {
    let a = run(">= 95", Some("93"), None, "%", &[("2023", "94.4")], "2023");
    assert_eq!(a.baseline, Some(Dated::new(year(2020), d("93"))));
    assert_eq!(a.change.map(|c| c.amount), Some(d("1.4")));
    assert_eq!(a.previous.map(|p| p.value), Some(d("93")));
    assert_eq!(a.yoy.map(|c| c.amount), Some(d("1.4")));
    assert_eq!(a.status, Status::Ahead);
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
    assert_eq!(a.baseline, Some(Dated::new(year(2020), d("93"))));
    assert_eq!(a.completion, Some(d("0.7")));
    assert_eq!(a.status, Status::Ahead);
}

#[test]
fn only_a_baseline_value_is_no_data() {
    let a = run(">= 95", None, None, "%", &[("2020", "93")], "2023");
    assert_eq!(a.baseline.map(|b| b.value), Some(d("93")));
    assert_eq!(a.latest.map(|l| l.period), a.baseline.map(|b| b.period));
    assert_eq!(a.status, Status::NoData);
}

#[test]
fn only_a_plan_baseline_is_no_data() {
    let a = run(">= 95", Some("93"), None, "%", &[], "2023");
    assert_eq!(a.baseline.map(|b| b.value), Some(d("93")));
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
    assert_eq!(a.baseline.map(|b| b.period), Some(year(2021)));
    assert_eq!(a.latest.map(|l| l.period), Some(year(2021)));
    assert_eq!(a.status, Status::NoData);
}
