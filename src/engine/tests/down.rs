//! Down is better: at risk, regressing when rising, strict `<` at the level,
//! reach and maintain downward, a negative level.

use rust_decimal::Decimal;

use super::{d, div, one_of, rows, run};
use crate::engine::Status;
use crate::plan::Direction;

#[test]
fn down_is_better_at_risk() {
    let a = run(
        "<= 10",
        Some("20"),
        None,
        "%",
        &[("2020", "20"), ("2023", "16")],
        "2023",
    );
    assert_eq!(a.direction, Direction::Down);
    assert_eq!(a.change.map(|c| c.amount), Some(d("-4")));
    assert_eq!(a.gap, Some(d("6")));
    assert_eq!(a.completion, Some(d("0.4")));
    assert_eq!(a.ratio, Some(div("0.4", "0.6")));
    assert_eq!(a.status, Status::AtRisk);
}

#[test]
fn down_is_better_rising_is_regressing() {
    let a = run(
        "<= 10",
        Some("20"),
        None,
        "%",
        &[("2020", "20"), ("2023", "21")],
        "2023",
    );
    assert_eq!(a.gap, Some(d("11")));
    assert_eq!(a.status, Status::Regressing);
}

#[test]
fn strict_less_than_at_exactly_the_level_is_not_met() {
    let a = run(
        "低于10",
        Some("20"),
        None,
        "%",
        &[("2020", "20"), ("2023", "10")],
        "2023",
    );
    assert_eq!(a.direction, Direction::Down);
    assert_ne!(a.status, Status::Achieved);
    let a = run(
        "低于10",
        Some("20"),
        None,
        "%",
        &[("2020", "20"), ("2025", "10")],
        "2025",
    );
    assert_eq!(a.status, Status::Missed);
    let a = run(
        "低于10",
        Some("20"),
        None,
        "%",
        &[("2020", "20"), ("2025", "9.9")],
        "2025",
    );
    assert_eq!(a.status, Status::Achieved);
}

#[test]
fn reach_downward_is_met_at_the_level() {
    let a = run(
        "10",
        Some("20"),
        None,
        "%",
        &[("2020", "20"), ("2023", "10")],
        "2023",
    );
    assert_eq!(a.direction, Direction::Down);
    assert_eq!(a.status, Status::Achieved);
    assert_eq!(a.gap, Some(Decimal::ZERO));
}

#[test]
fn maintain_downward_regresses_when_rising() {
    let a = run(
        "保持",
        Some("5"),
        Some("down"),
        "%",
        &[("2020", "5"), ("2023", "5.1")],
        "2023",
    );
    assert_eq!(a.status, Status::Regressing);
    assert_eq!(a.gap, Some(d("0.1")));
}

#[test]
fn a_negative_toml_number_is_a_level_to_reach() {
    let plan = "[plan]\nid = \"p\"\nname = \"P\"\nbaseline = 2020\ntarget = 2025\n\n\
                [[indicator]]\nid = \"x\"\nunit = \"℃\"\nbaseline = -2\ntarget = -5\n";
    let a = one_of(plan, &rows(&[("2023", "-5.5")]), "2023");
    assert_eq!(a.target, Some(d("-5")));
    assert_eq!(a.direction, crate::plan::Direction::Down);
    assert_eq!(a.status, Status::Achieved);
}
