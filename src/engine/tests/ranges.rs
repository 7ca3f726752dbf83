//! Range targets: inside, above or below the range, bounds inclusive.

use rust_decimal::Decimal;

use super::{d, run};
use crate::engine::Status;
use crate::plan::Direction;

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
