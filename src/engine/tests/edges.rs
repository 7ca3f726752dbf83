//! Tests of the engine at its edges: method `cagr` against Open SDG's own
//! figures (zero values, exact threshold hits, opposite signs) and values
//! too large for an exact decimal (docs/methods.md#cagr, #status).

use crate::engine::Status;

use super::{d, one_of, plan_with, rows, run};

/// A one-indicator plan under method `cagr`, deadline `deadline`.
fn cagr_plan(target: Option<&str>, direction: &str, deadline: u32) -> String {
    let target = target.map_or(String::new(), |t| format!("target = \"{t}\"\n"));
    format!(
        "[plan]\nid = \"p\"\nname = \"P\"\nbaseline = 2020\ntarget = {deadline}\nmethod = \"cagr\"\n\n\
         [[indicator]]\nid = \"x\"\nunit = \"人\"\ndirection = \"{direction}\"\n{target}"
    )
}

#[test]
fn cagr_an_exact_hit_of_095_is_on_track() {
    // 100 → 109.5 in a year toward 100 × 1.1^10 by 2030: R = 0.95 exactly.
    let plan = cagr_plan(Some(">= 259.37424601"), "up", 2030);
    let a = one_of(&plan, &rows(&[("2020", "100"), ("2021", "109.5")]), "2021");
    assert_eq!(a.status, Status::OnTrack, "{a:#?}");
}

#[test]
fn cagr_p_of_exactly_one_and_a_half_percent_is_on_track() {
    let plan = cagr_plan(None, "up", 2030);
    let a = one_of(&plan, &rows(&[("2020", "200"), ("2021", "203")]), "2021");
    assert_eq!(a.status, Status::OnTrack, "{a:#?}");
}

#[test]
fn cagr_a_fall_to_zero_is_a_fall_of_all_of_it() {
    // Up, no target, 10 → 0 in five years: P = −1 (Open SDG), not −0.8415.
    let plan = cagr_plan(None, "up", 2030);
    let a = one_of(&plan, &rows(&[("2020", "10"), ("2025", "0")]), "2025");
    assert_eq!(a.ratio, Some(d("-1")));
    assert_eq!(a.status, Status::Regressing);
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
}

#[test]
fn cagr_down_to_a_zero_target_uses_the_latest_value_as_is() {
    // 50 → 10 → 0 by 2025, target 0 by 2035: R from 0, the target's 0.001 only.
    let plan = cagr_plan(Some("0"), "down", 2035);
    let a = one_of(&plan, &rows(&[("2020", "50"), ("2025", "0")]), "2025");
    assert_eq!(a.status, Status::Achieved);
    let r: f64 = a.ratio.unwrap().to_string().parse().unwrap();
    assert!((r - 1.9459).abs() < 1e-4, "{r}");
}

#[test]
fn cagr_a_zero_target_is_not_met_by_its_replacement() {
    // 0.0005 is below the 0.001 that stands in for 0, but not at 0.
    let plan = cagr_plan(Some("0"), "down", 2030);
    let a = one_of(&plan, &rows(&[("2020", "10"), ("2022", "0.0005")]), "2022");
    assert_ne!(a.status, Status::Achieved);
    assert_eq!(a.gap, Some(d("0.0005")));
}

#[test]
fn cagr_opposite_signs_have_no_ratio_even_when_met() {
    let plan = cagr_plan(Some(">= 5"), "up", 2030);
    let a = one_of(&plan, &rows(&[("2020", "-2"), ("2022", "6")]), "2022");
    assert_eq!(a.status, Status::Achieved);
    assert_eq!(a.ratio, None, "{a:#?}");
    let plan = cagr_plan(Some(">= 50"), "up", 2030);
    let a = one_of(&plan, &rows(&[("2020", "-2"), ("2022", "6")]), "2022");
    assert_eq!(a.status, Status::NoData);
    assert_eq!(a.ratio, None);
}

#[test]
fn huge_values_falling_from_a_relative_target_are_regressing() {
    // 1e24 → 9e23 against +10%: completion −100%, R = −1 / (1/5) = −5.
    let a = run(
        "+10%",
        None,
        Some("up"),
        "人",
        &[
            ("2020", "1000000000000000000000000"),
            ("2021", "900000000000000000000000"),
        ],
        "2021",
    );
    assert_eq!(a.completion, Some(d("-1")));
    assert_eq!(a.ratio, Some(d("-5")));
    assert_eq!(a.status, Status::Regressing);
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
}

#[test]
fn a_value_beyond_a_decimals_range_is_graded_and_its_empty_figures_told() {
    let plan = plan_with(">= 95", Some("90"), None, "%", "");
    let a = one_of(
        &plan,
        &rows(&[("2021", "-79228162514264337593543950335")]),
        "2021",
    );
    assert_eq!(a.status, Status::Regressing, "{a:#?}");
    assert_eq!(a.gap, None);
    let told = |figure: &str| {
        a.warnings
            .iter()
            .any(|w| w.starts_with("`x`") && w.contains(&format!("the {figure} is beyond")))
    };
    assert!(told("gap"), "{:?}", a.warnings);
    assert!(told("progress ratio"), "{:?}", a.warnings);
    assert!(told("change since the baseline"), "{:?}", a.warnings);
}

#[test]
fn a_relative_target_beyond_a_decimal_is_told() {
    let a = run(
        "+50%",
        None,
        Some("up"),
        "人",
        &[("2020", "70000000000000000000000000000"), ("2021", "1")],
        "2021",
    );
    assert_eq!(a.status, Status::NoData);
    assert!(
        a.warnings
            .iter()
            .any(|w| w.contains("the target is beyond")),
        "{:?}",
        a.warnings
    );
}
