//! The as-of period: past the deadline, before the latest row, and as-of dates
//! at the end of a year in every granularity.

use super::{d, run, year};
use crate::engine::{Dated, Status};
use crate::period::Period;

#[test]
fn past_deadline_last_value_meeting_is_achieved() {
    let a = run(
        ">= 95",
        Some("90"),
        None,
        "%",
        &[("2020", "90"), ("2024", "96")],
        "2026",
    );
    assert_eq!(a.latest.map(|l| l.period), Some(year(2024)));
    assert_eq!(a.status, Status::Achieved);
}

#[test]
fn past_deadline_value_at_deadline_not_meeting_is_missed() {
    let a = run(
        ">= 95",
        Some("90"),
        None,
        "%",
        &[("2020", "90"), ("2025", "94")],
        "2026",
    );
    assert_eq!(a.status, Status::Missed);
    let a = run(
        ">= 95",
        Some("90"),
        None,
        "%",
        &[("2020", "90"), ("2023", "94")],
        "2026",
    );
    assert_eq!(
        a.status,
        Status::Missed,
        "the last value before the deadline"
    );
}

#[test]
fn past_deadline_a_later_value_that_meets_is_achieved_since_achieved_is_checked_first() {
    // At the deadline (2025) the target was not met, but the latest value
    // (2026) meets it: `achieved` is the first rule (`docs/methods.md#status`).
    let a = run(
        ">= 95",
        Some("90"),
        None,
        "%",
        &[("2020", "90"), ("2025", "94"), ("2026", "96")],
        "2026",
    );
    assert_eq!(a.latest.map(|l| l.period), Some(year(2026)));
    assert_eq!(a.status, Status::Achieved);
    assert!(!a.early);
}

#[test]
fn past_deadline_a_later_value_that_does_not_meet_is_still_missed() {
    let a = run(
        ">= 95",
        Some("90"),
        None,
        "%",
        &[("2020", "90"), ("2025", "94"), ("2026", "94.5")],
        "2026",
    );
    assert_eq!(a.status, Status::Missed);
}

#[test]
fn rows_after_the_as_of_period_are_ignored() {
    let a = run(
        ">= 95",
        Some("90"),
        None,
        "%",
        &[("2020", "90"), ("2022", "92"), ("2024", "96")],
        "2023",
    );
    assert_eq!(a.latest, Some(Dated::new(year(2022), d("92"))));
    assert!(a.points.iter().all(|(p, _)| *p <= year(2023)));
    assert_eq!(a.completion, Some(d("0.4")));
    assert_eq!(a.time_progress, Some(d("0.4")));
    assert_eq!(a.ratio, Some(d("1")));
    assert_eq!(a.status, Status::OnTrack);
}

#[test]
fn an_as_of_date_at_the_end_of_the_year_includes_that_year() {
    let points = [("2020", "90"), ("2023", "93"), ("2025", "94")];
    for as_of in ["2023", "2023-Q4", "2023-12", "2023-12-31"] {
        let a = run(">= 95", None, None, "%", &points, as_of);
        assert_eq!(
            a.latest.map(|l| l.period),
            Some(Period::parse("2023").unwrap()),
            "{as_of}"
        );
        assert_eq!(a.time_progress, Some(d("0.6")), "{as_of}");
    }
    // The deadline is reached at its end date, in any granularity.
    for as_of in ["2025", "2025-Q4", "2025-12-31"] {
        let a = run(">= 95", None, None, "%", &points, as_of);
        assert_eq!(a.status, Status::Missed, "{as_of}");
    }
    let a = run(">= 95", None, None, "%", &points, "2025-12-30");
    assert_ne!(a.status, Status::Missed);
}
