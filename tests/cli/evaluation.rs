//! The evaluation table (主要指标完成情况表) and the paragraphs around it,
//! `status --layout evaluation` in every format, on the bundled data and on
//! a plan with sub-indicators and reference regions.

use crate::{bundled, csv_records, fixture, has, ok};
use insta::assert_snapshot;
use serde_json::Value;

#[test]
fn bundled_evaluation_zh_and_en() {
    let out = bundled(&["status", "--layout", "evaluation"]);
    assert_snapshot!("evaluation_bundled_zh", out.stdout);
    // The columns of the table, one per year from the baseline on.
    for col in [
        "序号",
        "类别",
        "指标（单位）",
        "属性",
        "2020年基期值",
        "2021年",
        "2022年",
        "2023年",
        "2024年",
        "2025年",
        "2025年目标值",
        "年均提高",
        "需年均提高",
        "序时进度",
        "完成进度",
        "进展情况",
    ] {
        has(&out.stdout, col);
    }
    has(
        &out.stdout,
        "纳入监测的7项主要指标中，2项提前实现，3项已实现，1项未实现，1项无数据；其中约束性指标1项，1项已实现。",
    );
    has(
        &out.stdout,
        "【未实现】适龄残疾儿童义务教育入学率2022年达到96%",
    );
    let en = bundled(&["status", "--layout", "evaluation", "--lang", "en"]);
    assert_snapshot!("evaluation_bundled_en", en.stdout);
    has(
        &en.stdout,
        "Of the 7 main indicators monitored, 2 achieved early, 3 achieved, 1 missed, 1 no data; of the 1 binding indicators, 1 achieved.",
    );
}

#[test]
fn sub_indicators_sit_under_their_parent_and_count_once() {
    let dir = fixture("targets-zh");
    let out = ok(&dir, &["status", "--layout", "evaluation"]);
    assert_snapshot!("evaluation_targets_zh", out.stdout);
    // The heading has a number and no figures; its rows are (1), (2).
    let line = |needle: &str| {
        out.stdout
            .lines()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("no {needle:?} in\n{}", out.stdout))
            .to_string()
    };
    assert!(line("其中：小学").trim_start().starts_with("(1)"));
    assert!(line("其中：初中").trim_start().starts_with("(2)"));
    // 16 indicators with a target; the heading is not counted.
    has(&out.stdout, "纳入监测的16项主要指标中");
    // The reference region's level stands beside the words naming it.
    has(&out.stdout, "不低于全区水平（内蒙古自治区98.2%）");
    // Sentences name a sub-indicator under its parent.
    has(&out.stdout, "义务教育标准班额比例（初中）2023年达到95%");
    // `show PARENT` shows the sub-indicators; `--group` takes them along.
    let show = ok(&dir, &["show", "standard-classes"]);
    has(&show.stdout, "其中：小学");
    has(&show.stdout, "其中：初中");
    let group = ok(&dir, &["status", "--group", "义务教育"]);
    has(&group.stdout, "其中：初中");
}

#[test]
fn machine_evaluation_has_a_column_per_year() {
    let out = bundled(&["status", "--layout", "evaluation", "--format", "csv"]);
    let rows = csv_records(&out.stdout);
    let first = &rows[0];
    assert_eq!(first["plan"], "china-edu-14fyp");
    assert_eq!(first["no"], "1");
    assert_eq!(first["indicator"], "preschool_ger");
    assert_eq!(first["2021"], "88.1");
    assert_eq!(first["2024"], "92.0");
    assert_eq!(first["annual_change"], "1.7");
    assert_eq!(first["change_unit"], "pp");
    assert_eq!(first["status"], "achieved");
    let json = bundled(&["status", "--layout", "evaluation", "--format", "json"]);
    let v: Value = serde_json::from_str(&json.stdout).unwrap();
    let plan = &v["plans"][0];
    assert_eq!(plan["plan"], "china-edu-14fyp");
    assert!(
        plan["summary"]
            .as_str()
            .unwrap()
            .starts_with("纳入监测的7项主要指标中")
    );
    let row = &plan["rows"][0];
    assert_eq!(row["values"]["2022"], serde_json::json!(89.7));
    assert_eq!(row["status"], "achieved");
}

#[test]
fn markdown_evaluation_and_chosen_columns() {
    let md = bundled(&["status", "--layout", "evaluation", "--format", "markdown"]);
    has(
        &md.stdout,
        "| 序号 | 类别 | 指标（单位） | 属性 | 2020年基期值 |",
    );
    // Columns chosen and renamed in the manifest.
    let tmp = tempfile::tempdir().unwrap();
    for f in ["plan.toml", "actuals.csv"] {
        std::fs::copy(fixture("basic").join(f), tmp.path().join(f)).unwrap();
    }
    std::fs::write(
        tmp.path().join("track.toml"),
        "plans = [\"plan.toml\"]\n[report]\ncolumns = [\"no\", \"indicator\", \"periods\", \"status\"]\nlabels = { status = \"完成情况\" }\n",
    )
    .unwrap();
    let out = ok(
        tmp.path(),
        &["status", "--layout", "evaluation", "--format", "markdown"],
    );
    has(
        &out.stdout,
        "| 序号 | 指标（单位） | 2021年 | 2022年 | 2023年 | 完成情况 |",
    );
    // A column that does not exist is named with the ones that do.
    std::fs::write(
        tmp.path().join("track.toml"),
        "plans = [\"plan.toml\"]\n[report]\ncolumns = [\"no\", \"statuss\"]\n",
    )
    .unwrap();
    let o = crate::run(tmp.path(), &["status", "--layout", "evaluation"]);
    assert_eq!(o.code, 2);
    has(&o.stderr, "did you mean `status`?");
    has(&o.stderr, "track.toml:3:");
}
