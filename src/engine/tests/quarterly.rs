//! Quarterly periods: time progress from the periods' end dates.

use super::{d, one_of, plan1, rows};
use crate::engine::Status;
use crate::period::Period;

#[test]
fn quarterly_time_progress_from_period_ends() {
    let toml = plan1(">= 70", Some("50"), None, "%")
        .replace("baseline = 2020\n", "baseline = \"2020-Q4\"\n")
        .replace("target = 2025\n", "target = \"2025-Q4\"\n");
    let a = one_of(&toml, &rows(&[("2023-Q2", "55")]), "2023-Q2");
    assert_eq!(a.baseline.map(|b| b.period), Some(Period::Quarter(2020, 4)));
    assert_eq!(a.target_period, Period::Quarter(2025, 4));
    assert_eq!(a.latest.map(|l| l.period), Some(Period::Quarter(2023, 2)));
    assert_eq!(a.time_progress, Some(d("0.5")));
    assert_eq!(a.completion, Some(d("0.25")));
    assert_eq!(a.ratio, Some(d("0.5")));
    assert_eq!(a.status, Status::OffTrack);
}
