//! Milestones: each judged at its own period, pending until due, relative to
//! the baseline.

use super::{d, one_of, plan_with, rows, year};
use crate::engine::{Assessment, Dated, MilestoneStatus};

fn with_milestone(points: &[(&str, &str)], as_of: &str) -> Assessment {
    let toml = plan_with(
        "95",
        Some("93"),
        None,
        "%",
        "milestones = { 2022 = \">= 94\" }\n",
    );
    one_of(&toml, &rows(points), as_of)
}

#[test]
fn milestone_missed_at_its_period() {
    let a = with_milestone(&[("2020", "93"), ("2022", "93.5")], "2023");
    assert_eq!(a.milestones.len(), 1);
    let m = &a.milestones[0];
    assert_eq!(m.period, year(2022));
    assert_eq!(m.target, Some(d("94")));
    assert_eq!(m.value, Some(Dated::new(year(2022), d("93.5"))));
    assert_eq!(m.status, MilestoneStatus::Missed);
    assert_eq!(a.missed_milestones().count(), 1);
}

#[test]
fn milestone_met_at_its_period() {
    let a = with_milestone(&[("2020", "93"), ("2022", "94")], "2023");
    assert_eq!(a.milestones[0].status, MilestoneStatus::Met);
    assert_eq!(a.missed_milestones().count(), 0);
}

#[test]
fn milestone_is_judged_at_its_own_period_not_the_latest() {
    // Met later (2023) does not unmiss the 2022 milestone.
    let a = with_milestone(
        &[("2020", "93"), ("2022", "93.5"), ("2023", "94.5")],
        "2023",
    );
    assert_eq!(
        a.milestones[0].value,
        Some(Dated::new(year(2022), d("93.5")))
    );
    assert_eq!(a.milestones[0].status, MilestoneStatus::Missed);
}

#[test]
fn milestone_due_after_as_of_is_pending() {
    let a = with_milestone(&[("2020", "93"), ("2021", "93.2")], "2021");
    assert_eq!(a.milestones[0].status, MilestoneStatus::Pending);
    assert_eq!(a.missed_milestones().count(), 0);
}

#[test]
fn milestone_relative_to_the_baseline() {
    let toml = plan_with(
        ">= 96",
        Some("93"),
        None,
        "%",
        "milestones = { 2022 = \"+1pp\" }\n",
    );
    let a = one_of(&toml, &rows(&[("2022", "94")]), "2023");
    assert_eq!(a.milestones[0].target, Some(d("94")));
    assert_eq!(a.milestones[0].status, MilestoneStatus::Met);
}
