//! `better_than` targets: beating another region's value of the same period.

use super::{assess, d, region, regional_plan, regional_rows, setup};
use crate::engine::{Assessment, Status};

fn better_than(points: &[(&str, &str, &str)], as_of: &str) -> Assessment {
    let toml = regional_plan("{ better_than = \"im\" }", None, Some("up"));
    let (plan, a) = setup(&toml, &regional_rows(points));
    let out = assess(&plan, &a, as_of);
    region(&out, "xl").clone()
}

#[test]
fn better_than_beating_the_reference_is_achieved() {
    let a = better_than(&[("xl", "2022", "11.9"), ("im", "2022", "11.8")], "2022");
    assert_eq!(a.target, Some(d("11.8")));
    assert_eq!(a.status, Status::Achieved);
}

#[test]
fn better_than_not_beating_the_reference_is_off_track() {
    let a = better_than(&[("xl", "2022", "11.7"), ("im", "2022", "11.8")], "2022");
    assert_eq!(a.target, Some(d("11.8")));
    assert_eq!(a.status, Status::OffTrack);
}

#[test]
fn better_than_not_beating_the_reference_after_the_baseline_is_off_track() {
    let a = better_than(
        &[
            ("xl", "2020", "11.0"),
            ("im", "2020", "11.5"),
            ("xl", "2022", "11.7"),
            ("im", "2022", "11.8"),
        ],
        "2022",
    );
    assert_eq!(a.target, Some(d("11.8")));
    assert_eq!(a.status, Status::OffTrack);
}

#[test]
fn better_than_equal_to_the_reference_does_not_beat_it() {
    let a = better_than(
        &[
            ("xl", "2020", "11.0"),
            ("xl", "2022", "11.8"),
            ("im", "2022", "11.8"),
        ],
        "2022",
    );
    assert_eq!(a.status, Status::OffTrack);
}

#[test]
fn better_than_without_a_reference_value_for_the_period_is_no_data() {
    let a = better_than(&[("xl", "2022", "11.9"), ("im", "2021", "11.8")], "2022");
    assert_eq!(a.status, Status::NoData);
    let a = better_than(
        &[
            ("xl", "2020", "11.0"),
            ("xl", "2022", "11.9"),
            ("im", "2021", "11.8"),
        ],
        "2022",
    );
    assert_eq!(a.status, Status::NoData);
}

#[test]
fn better_than_lower_is_better() {
    let toml = regional_plan("{ better_than = \"im\" }", None, Some("down"));
    let csv = regional_rows(&[
        ("xl", "2020", "6"),
        ("xl", "2022", "5"),
        ("im", "2022", "5.5"),
    ]);
    let (plan, a) = setup(&toml, &csv);
    let out = assess(&plan, &a, "2022");
    assert_eq!(region(&out, "xl").status, Status::Achieved);
}

#[test]
fn better_than_not_beating_the_reference_at_the_deadline_is_missed() {
    let a = better_than(
        &[
            ("xl", "2020", "11.0"),
            ("xl", "2025", "11.7"),
            ("im", "2025", "11.8"),
        ],
        "2026",
    );
    assert_eq!(a.status, Status::Missed);
}

#[test]
fn better_than_the_reference_region_itself_has_no_target() {
    let toml = regional_plan("{ better_than = \"im\" }", None, Some("up"));
    let csv = regional_rows(&[
        ("xl", "2020", "11.0"),
        ("im", "2020", "11.5"),
        ("xl", "2022", "11.9"),
        ("im", "2022", "12.1"),
    ]);
    let (plan, a) = setup(&toml, &csv);
    let out = assess(&plan, &a, "2022");
    assert_eq!(
        region(&out, "xl").completion,
        None,
        "no progress toward a reference"
    );
    assert_eq!(region(&out, "xl").ratio, None);
    let im = region(&out, "im");
    assert_eq!(im.target, None);
    assert_eq!(im.status, Status::NoData);
    assert_eq!(region(&out, "xl").status, Status::OffTrack);
}
