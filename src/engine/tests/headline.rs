//! The headline series and other regions: which series get the plan's baseline,
//! which are shown.

use super::{assess, d, region, regional_plan, regional_rows, setup, year};
use crate::engine::{Dated, Status};

#[test]
fn plan_baseline_applies_only_to_the_headline_series() {
    let toml = regional_plan("95", Some("93"), None);
    let csv = regional_rows(&[
        ("xl", "2023", "94.4"),
        ("im", "2021", "80"),
        ("im", "2023", "85"),
    ]);
    let (plan, a) = setup(&toml, &csv);
    let out = assess(&plan, &a, "2023");
    assert_eq!(out.len(), 2, "{out:#?}");
    let xl = region(&out, "xl");
    assert_eq!(xl.baseline, Some(Dated::new(year(2020), d("93"))));
    assert_eq!(xl.completion, Some(d("0.7")));
    assert_eq!(xl.status, Status::Ahead);
    let im = region(&out, "im");
    assert_eq!(im.baseline, Some(Dated::new(year(2021), d("80"))));
    assert_eq!(im.change.map(|c| c.amount), Some(d("5")));
    assert_eq!(im.completion, Some(d("5") / d("15")));
}

#[test]
fn a_region_without_any_row_of_its_own_gets_no_plan_baseline() {
    // im has only a pre-baseline row: no baseline (the plan's is xl's).
    let toml = regional_plan(">= 95", Some("93"), None);
    let csv = regional_rows(&[("xl", "2023", "94.4"), ("im", "2019", "80")]);
    let (plan, a) = setup(&toml, &csv);
    let out = assess(&plan, &a, "2023");
    let im = region(&out, "im");
    assert_eq!(im.baseline, None);
    assert_eq!(im.status, Status::NoData);
}

#[test]
fn a_headline_without_rows_still_has_its_plan_baseline_row() {
    let toml = regional_plan(">= 95", Some("93"), None);
    let csv = regional_rows(&[("im", "2021", "80"), ("im", "2023", "85")]);
    let (plan, a) = setup(&toml, &csv);
    let out = assess(&plan, &a, "2023");
    assert_eq!(out.len(), 2, "{out:#?}");
    let xl = region(&out, "xl");
    assert_eq!(xl.baseline.map(|b| b.value), Some(d("93")));
    assert_eq!(xl.latest.map(|l| l.value), Some(d("93")));
    assert_eq!(xl.status, Status::NoData);
    assert_eq!(region(&out, "im").baseline.map(|b| b.value), Some(d("80")));
}

#[test]
fn a_region_whose_rows_all_come_after_as_of_is_not_shown() {
    let toml = regional_plan(">= 95", Some("93"), None);
    let csv = regional_rows(&[("xl", "2023", "94.4"), ("im", "2024", "85")]);
    let (plan, a) = setup(&toml, &csv);
    let out = assess(&plan, &a, "2023");
    assert_eq!(out.len(), 1, "{out:#?}");
    assert_eq!(out[0].region, "xl");
}
