//! Strict and inclusive comparators (`>`/`>=`, 高于/以上) at exactly the level.

use rust_decimal::Decimal;

use super::{d, run};
use crate::engine::{Assessment, Status};

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
    assert_eq!(a.latest.map(|l| l.value), Some(d("92.0")));
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
