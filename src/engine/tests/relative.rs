//! Targets relative to the baseline: `+N` percentage points, `+N%`, `-N%` and
//! maintain.

use rust_decimal::Decimal;

use super::{d, run};
use crate::engine::Status;
use crate::plan::Direction;

#[test]
fn plus_pp_is_met_exactly_in_decimal() {
    // `docs/methods.md#exact-numbers`: `95.1` read from CSV meets a target of `90.1 + 5pp`.
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
