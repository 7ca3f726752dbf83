//! `every_period` targets: non-decreasing and non-increasing series, missed at
//! the first broken step.

use super::{run, year};
use crate::engine::Status;
use crate::plan::Direction;

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
    assert_eq!(a.broken.map(|s| (s.from.period, s.to.period)), None);
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
    assert_eq!(
        a.broken.map(|s| (s.from.period, s.to.period)),
        Some((year(2021), year(2022)))
    );
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
    assert_eq!(
        a.broken.map(|s| (s.from.period, s.to.period)),
        Some((year(2021), year(2022)))
    );
}
