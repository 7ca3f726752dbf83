//! The direction a target implies, direction names, and the comparators'
//! symbols and boundaries.

use super::*;

#[test]
fn implied_directions() {
    use Direction::{Down, Up};
    assert_eq!(reach("95").implied_direction(), None);
    assert_eq!(cmp(Op::Ge, "92").implied_direction(), Some(Up));
    assert_eq!(cmp(Op::Gt, "92").implied_direction(), Some(Up));
    assert_eq!(cmp(Op::Le, "60").implied_direction(), Some(Down));
    assert_eq!(cmp(Op::Lt, "60").implied_direction(), Some(Down));
    assert_eq!(
        TargetExpr::Range(d("90"), d("95")).implied_direction(),
        None
    );
    assert_eq!(
        TargetExpr::DeltaPoints(d("5")).implied_direction(),
        Some(Up)
    );
    assert_eq!(
        TargetExpr::DeltaPoints(d("-2")).implied_direction(),
        Some(Down)
    );
    assert_eq!(TargetExpr::DeltaPoints(d("0")).implied_direction(), None);
    assert_eq!(
        TargetExpr::DeltaPercent(d("10")).implied_direction(),
        Some(Up)
    );
    assert_eq!(
        TargetExpr::DeltaPercent(d("-20")).implied_direction(),
        Some(Down)
    );
    assert_eq!(TargetExpr::DeltaPercent(d("0.0")).implied_direction(), None);
    assert_eq!(TargetExpr::Maintain.implied_direction(), None);
    assert_eq!(
        TargetExpr::BetterThan("inner-mongolia".into()).implied_direction(),
        None
    );
    assert_eq!(
        TargetExpr::EveryPeriod(Monotone::NonDecreasing).implied_direction(),
        Some(Up)
    );
    assert_eq!(
        TargetExpr::EveryPeriod(Monotone::NonIncreasing).implied_direction(),
        Some(Down)
    );
    assert_eq!(ok("-0pp").implied_direction(), None);
    assert_eq!(ok("降低2个百分点").implied_direction(), Some(Down));
}

#[test]
fn direction_strings() {
    assert_eq!(Direction::Up.as_str(), "up");
    assert_eq!(Direction::Down.as_str(), "down");
}

#[test]
fn op_symbols() {
    assert_eq!(Op::Ge.symbol(), ">=");
    assert_eq!(Op::Gt.symbol(), ">");
    assert_eq!(Op::Le.symbol(), "<=");
    assert_eq!(Op::Lt.symbol(), "<");
}

#[test]
fn op_holds_at_boundaries() {
    assert!(Op::Ge.holds(d("92"), d("92")));
    assert!(Op::Ge.holds(d("92.0"), d("92")));
    assert!(!Op::Ge.holds(d("91.99"), d("92")));
    assert!(!Op::Gt.holds(d("92.0"), d("92")));
    assert!(Op::Gt.holds(d("92.01"), d("92")));
    assert!(Op::Le.holds(d("60"), d("60")));
    assert!(!Op::Le.holds(d("60.01"), d("60")));
    assert!(!Op::Lt.holds(d("60.00"), d("60")));
    assert!(Op::Lt.holds(d("59.99"), d("60")));
}
