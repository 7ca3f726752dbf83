//! Every target form of a real indicator table (`tests/fixtures/targets-zh/`:
//! 锡林郭勒盟“十四五”教育事业发展目标 with made-up values to 2023), written
//! verbatim as the table writes it, validated and graded as a user runs
//! `track`: `11.4年` and `——` baselines, `12.3年以上`, `100%` from 100%,
//! `达到全国平均水平`, `不低于全区水平`, `高于全国平均水平`, `优于全区水平`,
//! `持续提高`, `逐年提高`, `95%左右`, `基本消除`, `全覆盖`, `2.5万人`,
//! `翻一番`, and a heading with its sub-indicators.
//!
//! The statuses asserted by hand were worked out from the CSV rows (see
//! the plan's comments), not read off the output.

use insta::assert_snapshot;
use serde_json::Value;

use crate::{fixture, output as track, stderr_of as stderr, stdout_of as stdout};

fn dir() -> std::path::PathBuf {
    fixture("targets-zh")
}

/// Runs and expects exit code 0, returning stdout (and no warnings).
fn ok(args: &[&str]) -> String {
    let o = track(&dir(), args);
    assert_eq!(
        o.status.code(),
        Some(0),
        "track {args:?}\n--- stdout\n{}\n--- stderr\n{}",
        stdout(&o),
        stderr(&o)
    );
    assert_eq!(stderr(&o), "", "track {args:?}: nothing on stderr");
    stdout(&o)
}

#[test]
fn the_table_as_written_validates() {
    let out = ok(&["validate"]);
    assert_eq!(
        out,
        "ok: plan.toml (17 indicators, 20 series, 63 values in 1 file(s))\n"
    );
}

#[test]
fn status_zh() {
    assert_snapshot!("targets_status_zh", ok(&["status", "--lang", "zh"]));
}

#[test]
fn status_en() {
    assert_snapshot!("targets_status_en", ok(&["status", "--lang", "en"]));
}

#[test]
fn every_form_is_graded_as_the_docs_say() {
    let json: Value = serde_json::from_str(&ok(&["status", "--format", "json"])).expect("JSON");
    let series = json["series"].as_array().expect("series");
    let row = |id: &str| {
        series
            .iter()
            .find(|s| s["indicator"] == id && s["region"] == "xilingol")
            .unwrap_or_else(|| panic!("no series {id}"))
    };
    // (indicator, status, target_op, target as JSON)
    let expected = [
        // "11.4年" → "12.3年以上": 55.6% done at 60.0% of the time.
        ("schooling-years", "at-risk", ">=", "12.3"),
        // "——": the data's 2021 value is the baseline; 50.0% at 50.0%.
        ("balanced-counties", "on-track", ">=", "25"),
        // "100%" from 100%: kept at the ceiling.
        ("primary-enrolment", "achieved", ">=", "100"),
        // "达到全国平均水平": 94.5 ≥ 91.1 (全国, 2023).
        ("preschool-ger", "achieved", "at_least", "91.1"),
        // "不低于全区水平": 97.8 < 98.2 (全区 = 内蒙古自治区).
        ("consolidation", "off-track", "at_least", "98.2"),
        // "高于全国平均水平": 全国 has no 2023 value.
        ("senior-ger", "no-data", "null", "null"),
        // "优于全区水平": 13 > 12.4.
        ("postgraduate-teachers", "achieved", "better_than", "12.4"),
        // "持续提高": 84.5 > 82.
        ("graduate-teachers", "achieved", ">", "82"),
        // "逐年提高": 2022 → 2023 stays at 33.5.
        ("education-spending", "missed", "null", "null"),
        // "95%左右": 95.3 within 94–96.
        ("special-education", "achieved", "range", "94"),
        // "基本消除": ≤ 1 (a percentage point); 3 → 1.4 is 80.0% done at
        // 60.0% of the time: R 1.33, ahead.
        ("oversized-classes", "ahead", "<=", "1"),
        // "全覆盖": 60 → 78 of 100, 45.0% done.
        ("digital-campus", "at-risk", ">=", "100"),
        // "2.5万人": 1.2 → 1.5, 23.1% done.
        ("vocational-students", "off-track", ">=", "2.5"),
        // "翻一番": 2 → 3.4 of 4, 70.0% done: R 1.17, ahead.
        ("student-aid", "ahead", ">=", "4"),
        // The heading has no target; its sub-indicators do.
        ("standard-classes", "no-data", "null", "null"),
        ("standard-classes-primary", "ahead", ">=", "100"),
        ("standard-classes-junior", "at-risk", ">=", "100"),
    ];
    for (id, status, op, target) in expected {
        let s = row(id);
        let got = (
            s["status"].as_str().unwrap_or(""),
            s["target_op"].as_str().unwrap_or("null"),
            s["target"].to_string(),
        );
        assert_eq!(got, (status, op, target.to_string()), "{id}");
    }
    assert_eq!(row("education-spending")["period"], 2023);
}

#[test]
fn the_reference_regions_series_are_not_graded_against_themselves() {
    let json: Value =
        serde_json::from_str(&ok(&["status", "--by", "region", "--format", "json"])).expect("JSON");
    let series = json["series"].as_array().expect("series");
    let china = series
        .iter()
        .find(|s| s["indicator"] == "preschool-ger" && s["region"] == "china")
        .expect("全国's own series");
    assert_eq!(china["status"], "no-data");
}
