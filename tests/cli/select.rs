//! `track status` with the selection options every command shares:
//! `--by` (region or a breakdown column), `--region`, `--group`, `--status`
//! and `--as-of`; unknown values are refused with exit 2.

use crate::{
    assert_has, assert_tables_aligned, basic, cells, csv_records, fixture, has, line_with, ok,
    one_file_workspace, root, run,
};
use insta::assert_snapshot;

#[test]
fn basic_by_region() {
    let out = basic(&["status", "--by", "region"]);
    assert_snapshot!("basic_by_region", out.stdout);
    // Two series for the indicators the county reports, one for the others.
    assert_eq!(out.stdout.matches("学前三年毛入园率").count(), 2);
    assert_eq!(out.stdout.matches("九年义务教育巩固率").count(), 2);
    assert_eq!(out.stdout.matches("山前县").count(), 2);
    let county = line_with(&out.stdout, "山前县      90%");
    assert!(
        county.contains("91% (2023)") && county.contains("20.0%"),
        "{county}"
    );
    assert!(county.trim_end().ends_with("明显滞后"), "{county}");
    assert!(
        out.stdout.ends_with(
            "8 个序列: 提前实现 1 · 快于预期 3 · 相对滞后 1 · 明显滞后 2 · 不升反降 1\n"
        )
    );
    assert_eq!(assert_tables_aligned(&out.stdout), 1);
}

#[test]
fn basic_region_filter() {
    let out = basic(&["status", "--region", "hill-county"]);
    assert_snapshot!("basic_region_hill_county", out.stdout);
    assert_eq!(
        cells(line_with(&out.stdout, "学前三年毛入园率")),
        [
            "学前三年毛入园率",
            "90%",
            "91%",
            "(2023)",
            "95%",
            "4",
            "20.0%",
            "60.0%",
            "+1个百分点",
            "明显滞后"
        ]
    );
    assert_eq!(
        cells(line_with(&out.stdout, "九年义务教育巩固率")),
        [
            "九年义务教育巩固率",
            "96%",
            "97.5%",
            "(2023)",
            "≥98%",
            "0.5",
            "75.0%",
            "60.0%",
            "+1.5个百分点",
            "快于预期"
        ]
    );
    // The city's own figures are not shown.
    assert!(!out.stdout.contains("94.4%"));
    assert!(!out.stdout.contains("初中辍学率"));
    assert!(out.stdout.ends_with("2 项指标: 快于预期 1 · 明显滞后 1\n"));
}

#[test]
fn basic_unknown_region_is_an_error() {
    let out = run(&fixture("basic"), &["status", "--region", "nowhere"]);
    assert_eq!(out.code, 2);
    has(&out.stderr, "nowhere");
    assert_eq!(out.stdout, "");
}

#[test]
fn basic_group_filter() {
    let out = basic(&["status", "--group", "义务教育"]);
    assert_snapshot!("basic_group_compulsory", out.stdout);
    assert!(out.stdout.contains("九年义务教育巩固率"));
    assert!(out.stdout.contains("初中辍学率"));
    assert!(!out.stdout.contains("学前"));
    assert!(!out.stdout.contains("高中"));
    assert!(out.stdout.ends_with("2 项指标: 明显滞后 1 · 不升反降 1\n"));
    // The English heading selects the same group.
    let en = basic(&["status", "--group", "Compulsory education", "--lang", "en"]);
    assert!(
        en.stdout
            .contains("Nine-year compulsory education consolidation rate")
    );
    assert!(en.stdout.contains("Junior secondary dropout rate"));
    assert!(!en.stdout.contains("preschool"));
}

#[test]
fn basic_unknown_group_is_an_error() {
    let out = run(&fixture("basic"), &["status", "--group", "学前教肓"]);
    assert_eq!(out.code, 2, "stdout:\n{}", out.stdout);
    has(&out.stderr, "学前教肓");
}

#[test]
fn basic_status_filter() {
    let out = basic(&["status", "--status", "at-risk,regressing"]);
    assert_snapshot!("basic_status_at_risk_regressing", out.stdout);
    assert!(
        line_with(&out.stdout, "普惠性幼儿园覆盖率")
            .trim_end()
            .ends_with("相对滞后")
    );
    assert!(
        line_with(&out.stdout, "九年义务教育巩固率")
            .trim_end()
            .ends_with("不升反降")
    );
    for other in [
        "学前三年毛入园率",
        "初中辍学率",
        "普通高中大班额数",
        "高中阶段毛入学率",
    ] {
        assert!(
            !out.stdout.contains(other),
            "{other} should be filtered out"
        );
    }
    assert!(out.stdout.ends_with("2 项指标: 相对滞后 1 · 不升反降 1\n"));
    // `achieved` includes 提前实现.
    let out = basic(&["status", "--status", "achieved", "--format", "csv"]);
    let records = csv_records(&out.stdout);
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["indicator"], "high_school_ger");
}

#[test]
fn basic_as_of_2022() {
    let out = basic(&["status", "--as-of", "2022"]);
    assert_snapshot!("basic_as_of_2022", out.stdout);
    assert!(
        out.stdout
            .starts_with("湖滨市“十四五”教育事业发展规划（截至2022年）\n")
    );
    // 93 → 94.0 of 95 is 50.0% done at 40.0% of the time.
    assert_eq!(
        cells(line_with(&out.stdout, "学前三年毛入园率")),
        [
            "学前三年毛入园率",
            "93%",
            "94.0%",
            "(2022)",
            "95%",
            "1.0",
            "50.0%",
            "40.0%",
            "+1.0个百分点",
            "快于预期"
        ]
    );
    // The dropout rate has no 2022 value: its latest is 2021 (20.0% of the time).
    assert_eq!(
        cells(line_with(&out.stdout, "初中辍学率")),
        [
            "初中辍学率",
            "(‰)",
            "5",
            "4.9",
            "(2021)",
            "≤3",
            "1.9",
            "5.0%",
            "20.0%",
            "-0.1",
            "明显滞后"
        ]
    );
    // Not yet achieved in 2022: 93.1 (2021) of ≥ 95.
    let hs = line_with(&out.stdout, "高中阶段毛入学率");
    assert!(
        hs.contains("93.1% (2021)") && hs.trim_end().ends_with("快于预期"),
        "{hs}"
    );
    assert!(
        !out.stdout.contains("2023"),
        "nothing after the as-of period"
    );
}

#[test]
fn basic_as_of_past_the_deadline() {
    // In 2030 the 2025 deadline has passed: whatever was not met by then
    // (the last value at or before 2025, here 2023's) is missed.
    let out = basic(&["status", "--as-of", "2030", "--format", "csv"]);
    let st: Vec<(String, String)> = csv_records(&out.stdout)
        .into_iter()
        .map(|r| (r["indicator"].clone(), r["status"].clone()))
        .collect();
    let st: Vec<(&str, &str)> = st.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    assert_eq!(
        st,
        [
            ("preschool_ger", "missed"),
            ("inclusive_kindergarten", "missed"),
            ("consolidation_rate", "missed"),
            ("dropout_rate", "missed"),
            ("oversized_classes", "missed"),
            ("high_school_ger", "achieved"),
        ]
    );
    let out = basic(&["status", "--as-of", "2030"]);
    assert!(
        out.stdout.ends_with("6 项指标: 提前实现 1 · 未实现 5\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn breakdown_by_sex() {
    let dir = root();
    let out = ok(
        &dir,
        &["-C", "tests/fixtures/breakdown", "status", "--by", "sex"],
    );
    assert_snapshot!("breakdown_by_sex", out.stdout);
    let f = line_with(&out.stdout, "sex=女");
    assert!(f.contains("91%") && f.contains("95.5% (2023)"), "{f}");
    assert!(f.trim_end().ends_with("提前实现"), "{f}");
    let m = line_with(&out.stdout, "sex=男");
    assert!(
        m.contains("89%") && m.contains("90% (2023)") && m.contains("16.7%"),
        "{m}"
    );
    assert!(m.trim_end().ends_with("明显滞后"), "{m}");
    assert!(out.stdout.ends_with("2 个序列: 提前实现 1 · 明显滞后 1\n"));
    assert_eq!(assert_tables_aligned(&out.stdout), 1);

    let out = ok(
        &dir,
        &[
            "-C",
            "tests/fixtures/breakdown",
            "status",
            "--by",
            "sex",
            "--format",
            "csv",
        ],
    );
    let records = csv_records(&out.stdout);
    let mut b: Vec<(String, String)> = records
        .iter()
        .map(|r| (r["breakdown"].clone(), r["status"].clone()))
        .collect();
    b.sort();
    assert_eq!(
        b,
        [
            ("sex=女".to_string(), "achieved".to_string()),
            ("sex=男".to_string(), "off-track".to_string())
        ]
    );

    // Without --by: the totals (rows with an empty `sex`).
    let out = ok(&dir, &["-C", "tests/fixtures/breakdown", "status"]);
    assert_eq!(
        cells(line_with(&out.stdout, "高中阶段毛入学率")),
        [
            "高中阶段毛入学率",
            "90%",
            "92.7%",
            "(2023)",
            "≥95%",
            "2.3",
            "54.0%",
            "60.0%",
            "+2.7个百分点",
            "相对滞后"
        ]
    );

    // A column that does not exist.
    let out = run(&fixture("breakdown"), &["status", "--by", "gender"]);
    assert_eq!(out.code, 2);
    has(&out.stderr, "gender");
}

#[test]
fn regions_with_only_breakdown_rows_still_show() {
    let dir = one_file_workspace(
        b"indicator,region,period,value,school\na,r0,2020,90,s0\na,r0,2023,93,s0\na,r1,2020,80,s0\na,r1,2023,85,s0\n",
    );
    let rows = |args: &[&str]| -> Vec<String> {
        let out = ok(dir.path(), args);
        csv_records(&out.stdout)
            .iter()
            .filter(|r| r["indicator"] == "a")
            .map(|r| format!("{} {} {}", r["region"], r["breakdown"], r["value"]))
            .collect()
    };
    let base = ["status", "--format", "csv"];
    let with = |extra: &[&'static str]| [&base[..], extra].concat();
    assert_eq!(rows(&with(&["--region", "r1"])), ["r1 school=s0 85"]);
    // The plan's own series (no region, from the plan's baseline) first.
    assert_eq!(
        rows(&with(&["--by", "region"])),
        ["  93", "r0 school=s0 93", "r1 school=s0 85"]
    );
    assert_eq!(
        rows(&with(&["--by", "school"])),
        ["r0 school=s0 93", "r1 school=s0 85"]
    );
}

#[test]
fn bad_as_of() {
    let out = run(&fixture("basic"), &["status", "--as-of", "20x3"]);
    assert_eq!(out.code, 2);
    assert_eq!(out.stdout, "");
    assert_has(
        &out.stderr,
        &["--as-of", "`20x3` is not a period", "2023-Q2"],
    );
}

#[test]
fn bad_status() {
    let out = run(&fixture("basic"), &["status", "--status", "at-risk,bogus"]);
    assert_eq!(out.code, 2);
    assert_eq!(out.stdout, "");
    assert_has(
        &out.stderr,
        &["bogus", "unknown status", "on-track", "no-data"],
    );
}

#[test]
fn filters_leave_out_the_plans_they_match_nothing_of() {
    // Only the Xilingol plan has a `xilingol` row: one table, not three.
    let out = ok(&root(), &["status", "--region", "xilingol"]);
    assert!(
        out.stdout
            .starts_with("锡林郭勒盟“十四五”教育事业发展规划（截至2020年）\n"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("全国“十四五”"), "{}", out.stdout);
    assert!(
        !out.stdout.contains("内蒙古自治区“十四五”"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.ends_with("11 项指标: 已实现 2 · 无数据 9\n"),
        "{}",
        out.stdout
    );
    assert_eq!(assert_tables_aligned(&out.stdout), 1);
    // A group two plans have: their two tables.
    let out = ok(&root(), &["status", "--group", "高等教育"]);
    assert_eq!(out.stdout.matches("（截至").count(), 2, "{}", out.stdout);
    assert!(!out.stdout.contains("锡林郭勒盟"), "{}", out.stdout);
    assert!(!out.stdout.contains("0 项指标"), "{}", out.stdout);
    // The same in the machine formats: no plan without rows.
    let out = ok(
        &root(),
        &["status", "--region", "xilingol", "--format", "csv"],
    );
    assert!(
        csv_records(&out.stdout)
            .iter()
            .all(|r| r["plan"] == "xilingol-edu-14fyp")
    );
    // A region no plan knows is still an error.
    let out = run(&root(), &["status", "--region", "atlantis"]);
    assert_eq!(out.code, 2);
    assert_has(&out.stderr, &["--region atlantis: no plan has this region"]);
}
