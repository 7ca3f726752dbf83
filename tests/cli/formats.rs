//! `track status --format csv|json|markdown`: the columns and figures
//! machines read, status words in English whatever the language, and an
//! unknown format refused.

use crate::{
    REQUIRED_COLUMNS, STATUSES, assert_has, basic, bundled, close, csv_records, find, fixture,
    json_series, num, run,
};
use insta::assert_snapshot;

#[test]
fn bundled_status_csv() {
    let out = bundled(&["status", "--format", "csv"]);
    assert_snapshot!("bundled_status_csv", out.stdout);
    let records = csv_records(&out.stdout);
    assert_eq!(
        records.len(),
        26,
        "one row per indicator of the three plans"
    );
    for col in REQUIRED_COLUMNS {
        assert!(records[0].contains_key(col), "CSV lacks the column `{col}`");
    }
    let row = |plan: &str, ind: &str| {
        records
            .iter()
            .find(|r| r["plan"] == plan && r["indicator"] == ind)
            .unwrap_or_else(|| panic!("no row {plan} {ind}"))
    };
    // 92.0 in 2025 meets 提高到92%以上 (≥ 92, inclusive).
    let hs = row("china-edu-14fyp", "high_school_ger");
    assert_eq!(hs["status"], "achieved");
    assert_eq!(hs["value"], "92.0");
    assert_eq!(hs["target"], "92");
    assert_eq!(hs["target_op"], ">=");
    assert_eq!(hs["gap"], "0");
    // 96 (2022) of 97: the deadline 2025 has passed → missed.
    let dc = row("china-edu-14fyp", "disabled_children_compulsory_enrollment");
    assert_eq!(dc["status"], "missed");
    assert_eq!(dc["period"], "2022");
    assert_eq!(dc["value"], "96");
    assert_eq!(dc["gap"], "1");
    // Status words stay English whatever the language.
    for r in &records {
        assert!(
            STATUSES.contains(&r["status"].as_str()),
            "{:?}",
            r["status"]
        );
    }
}

#[test]
fn bundled_status_json() {
    let out = bundled(&["status", "--format", "json"]);
    assert_snapshot!("bundled_status_json", out.stdout);
    let series = json_series(&out.stdout);
    assert_eq!(series.len(), 26);
    let hs = find(&series, "high_school_ger", "national");
    assert_eq!(hs["status"], "achieved");
    assert!(close(num(hs, "value"), 92.0));
    let dc = find(
        &series,
        "disabled_children_compulsory_enrollment",
        "national",
    );
    assert_eq!(dc["status"], "missed");
    assert!(close(num(dc, "completion"), 0.5));
    assert!(close(num(dc, "time_progress"), 0.4));
}

#[test]
fn bundled_status_markdown() {
    let out = bundled(&["status", "--format", "markdown"]);
    assert_snapshot!("bundled_status_markdown", out.stdout);
    assert!(
        out.stdout
            .contains("## 全国“十四五”教育主要目标（截至2025年）")
    );
    assert!(out.stdout.contains(
        "| 适龄残疾儿童义务教育入学率 | 95% | 96% (2022) | 97% | 1 | 50.0% | 40.0% | +1个百分点 | 未实现 |"
    ));
}

#[test]
fn basic_status_json() {
    let out = basic(&["status", "--format", "json"]);
    assert_snapshot!("basic_status_json", out.stdout);
    let series = json_series(&out.stdout);
    assert_eq!(series.len(), 6);
    for s in &series {
        for col in REQUIRED_COLUMNS {
            assert!(s.get(col).is_some(), "JSON series lacks `{col}`: {s}");
        }
        let status = s["status"].as_str().expect("status is a string");
        assert!(
            STATUSES.contains(&status),
            "status {status:?} is not in the documented list"
        );
        for key in ["baseline", "value", "target", "gap", "time_progress"] {
            num(s, key);
        }
        assert!(s["score"].is_null(), "no score under method time");
        assert_eq!(s["method"], "time");
        assert_eq!(s["plan"], "lakeside-edu");
        assert_eq!(s["region"], "lakeside");
    }
    let p = find(&series, "preschool_ger", "lakeside");
    assert_eq!(p["unit"], "%");
    assert_eq!(p["direction"], "up");
    assert_eq!(p["target_op"], ">=");
    assert_eq!(p["status"], "ahead");
    assert!(p["baseline_period"].is_number() && p["period"].is_number());
    assert!(close(num(p, "baseline"), 93.0));
    assert!(close(num(p, "value"), 94.4));
    assert!(close(num(p, "target"), 95.0));
    assert!(close(num(p, "gap"), 0.6));
    assert!(close(num(p, "change"), 1.4));
    assert!(close(num(p, "completion"), 0.7));
    assert!(close(num(p, "time_progress"), 0.6));
    assert!((num(p, "ratio") - 7.0 / 6.0).abs() < 1e-12);
    // Least squares through 93, 93.5, 94.0, 94.4 (2020..2023) at 2025.
    assert!(close(num(p, "projection"), 95.37));

    let d = find(&series, "dropout_rate", "lakeside");
    assert_eq!(d["direction"], "down");
    assert_eq!(d["target_op"], "<=");
    assert_eq!(d["status"], "off-track");
    assert!(close(num(d, "gap"), 1.6));
    assert!(close(num(d, "change"), -0.4));
    assert!(
        close(num(d, "change_pct"), -8.0),
        "not a % unit: relative change too"
    );

    let k = find(&series, "inclusive_kindergarten", "lakeside");
    assert_eq!(k["kind"], "binding");
    assert_eq!(k["status"], "at-risk");
    let m = &k["milestones"][0];
    assert_eq!(
        m["status"], "missed",
        "87 in 2022 misses the ≥ 88 milestone"
    );
    assert!(close(num(m, "value"), 87.0));

    assert_eq!(
        find(&series, "consolidation_rate", "lakeside")["status"],
        "regressing"
    );
    assert_eq!(
        find(&series, "high_school_ger", "lakeside")["status"],
        "achieved"
    );
    let o = find(&series, "oversized_classes", "lakeside");
    assert!(close(num(o, "target"), 20.0), "−50% of 40");
    // 70.0% of the way at 60.0% of the time.
    assert_eq!(o["status"], "ahead");
}

#[test]
fn machine_output_is_english_whatever_the_language() {
    let zh = basic(&["status", "--format", "json"]);
    let en = basic(&["status", "--format", "json", "--lang", "en"]);
    let (zh, en) = (json_series(&zh.stdout), json_series(&en.stdout));
    assert_eq!(zh.len(), en.len());
    for (a, b) in zh.iter().zip(&en) {
        let ka: Vec<&String> = a.as_object().unwrap().keys().collect();
        let kb: Vec<&String> = b.as_object().unwrap().keys().collect();
        assert_eq!(ka, kb);
        assert_eq!(a["status"], b["status"]);
    }
    let zh = basic(&["status", "--format", "csv"]);
    let en = basic(&["status", "--format", "csv", "--lang", "en"]);
    assert_eq!(
        zh.stdout.lines().next(),
        en.stdout.lines().next(),
        "same header"
    );
    let st = |t: &str| -> Vec<String> {
        csv_records(t)
            .into_iter()
            .map(|r| r["status"].clone())
            .collect()
    };
    assert_eq!(
        st(&zh.stdout),
        [
            "ahead",
            "at-risk",
            "regressing",
            "off-track",
            "ahead",
            "achieved"
        ]
    );
    assert_eq!(st(&zh.stdout), st(&en.stdout));
}

#[test]
fn bad_format() {
    let out = run(&fixture("basic"), &["status", "--format", "nope"]);
    assert_eq!(out.code, 2);
    assert_eq!(out.stdout, "");
    assert_has(
        &out.stderr,
        &["'nope'", "--format", "table, json, csv, markdown"],
    );
}
