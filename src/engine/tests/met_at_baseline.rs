//! A target the baseline already meets: achieved while it holds, regressing
//! once it does not.

use rust_decimal::Decimal;

use super::{d, run};
use crate::engine::Status;

#[test]
fn target_met_at_baseline_is_achieved_while_it_holds() {
    let a = run(
        "≥98",
        Some("98"),
        None,
        "%",
        &[("2020", "98"), ("2023", "98.2")],
        "2023",
    );
    assert!(a.met_at_baseline);
    assert_eq!(a.status, Status::Achieved);
    // Held since the baseline: achieved (已实现), not achieved early.
    assert!(!a.early);
    assert_eq!(a.gap, Some(Decimal::ZERO));
    assert_eq!(a.completion, None);
    assert_eq!(a.ratio, None);
}

#[test]
fn target_met_at_baseline_is_regressing_once_it_does_not_hold() {
    let a = run(
        "≥98",
        Some("98"),
        None,
        "%",
        &[("2020", "98"), ("2023", "97.9")],
        "2023",
    );
    assert!(a.met_at_baseline);
    assert_eq!(a.status, Status::Regressing);
    assert_eq!(a.gap, Some(d("0.1")));
    assert_eq!(a.completion, None);
    assert_eq!(a.ratio, None);
}

#[test]
fn target_met_at_a_baseline_beyond_it_keeps_the_formula_for_machine_output() {
    // `docs/methods.md#method-time` calls completion meaningless here; the peers of the
    // benchmark (benches/peers/) still compute the formula, and machine
    // output must agree with them (compare.py), so the engine keeps it and
    // only the people-facing table and report show "—" (see display.rs).
    // The status does not depend on it.
    let a = run(
        "≥95",
        Some("96"),
        None,
        "%",
        &[("2020", "96"), ("2023", "94")],
        "2023",
    );
    assert!(a.met_at_baseline);
    assert_eq!(a.status, Status::Regressing);
    assert_eq!(a.completion, Some(d("2")));
}

#[test]
fn target_met_at_a_baseline_beyond_it_is_achieved_then_regressing() {
    let a = run(
        "≥95",
        Some("96"),
        None,
        "%",
        &[("2020", "96"), ("2023", "95.5")],
        "2023",
    );
    assert!(a.met_at_baseline);
    assert_eq!(a.status, Status::Achieved);
    let a = run(
        "≥95",
        Some("96"),
        None,
        "%",
        &[("2020", "96"), ("2023", "94")],
        "2023",
    );
    assert_eq!(a.status, Status::Regressing);
    assert_eq!(a.gap, Some(d("1")));
}
