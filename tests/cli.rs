//! Integration tests: the `track` binary run on the bundled data (`data/`,
//! `track.toml`) and on the fixtures in `tests/fixtures/`, as a user runs it.
//!
//! Snapshots live in `tests/snapshots/`; refresh them with
//! `INSTA_UPDATE=always cargo test --test cli` and read every changed one.
//!
//! Fixtures:
//! - `basic/`: 湖滨市, baseline 2020, deadline 2025, data to 2023 (time
//!   progress 60.0%); one indicator of each status, a down-is-better one (‰),
//!   a relative target (−50%), a milestone, two regions, three groups.
//! - `quarterly/`: periods `2023-Q4` … `2024-Q4`.
//! - `breakdown/`: a `sex` column (男/女) besides the totals.
//! - `exact/`: exact decimals and CSV forms (BOM, `Year`, `%`, two files).
//! - `bad-target/`, `unknown-key/`, `bad-csv/`, `duplicate/`,
//!   `no-direction/`, `bad-toml/`: one kind of mistake each (exit 2).

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use insta::assert_snapshot;
use serde_json::Value;

// ---------------------------------------------------------------------------
// Helpers

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> PathBuf {
    root().join("tests").join("fixtures").join(name)
}

/// `track` in `dir`, without colour and without any colour-forcing variable
/// inherited from the environment.
fn track(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("track").expect("the track binary");
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CLICOLOR")
        .env_remove("FORCE_COLOR")
        .env_remove("CI");
    cmd
}

/// `track ARGS` in `dir`, as the command modules below run it.
fn output(dir: &Path, args: &[&str]) -> std::process::Output {
    track(dir).args(args).output().expect("run track")
}

fn stdout_of(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr_of(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Assert that `text` (a command's output) contains `needle`, showing it if not.
#[track_caller]
fn has(text: &str, needle: &str) {
    assert!(text.contains(needle), "expected {needle:?} in:\n{text}");
}

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run_cmd(mut cmd: Command, args: &[&str]) -> Out {
    let out = cmd.args(args).output().expect("run track");
    Out {
        code: out
            .status
            .code()
            .expect("exit code (not killed by a signal)"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

fn run(dir: &Path, args: &[&str]) -> Out {
    run_cmd(track(dir), args)
}

/// Runs and expects exit code 0, returning stdout.
fn ok(dir: &Path, args: &[&str]) -> Out {
    let out = run(dir, args);
    assert_eq!(
        out.code, 0,
        "track {args:?} failed\n--- stdout\n{}\n--- stderr\n{}",
        out.stdout, out.stderr
    );
    out
}

/// `track <args>` from the repository root (the bundled data).
fn bundled(args: &[&str]) -> Out {
    ok(&root(), args)
}

/// `track -C tests/fixtures/basic <args>` from the repository root.
fn basic(args: &[&str]) -> Out {
    let mut all = vec!["-C", "tests/fixtures/basic"];
    all.extend_from_slice(args);
    ok(&root(), &all)
}

/// The line of a table that names `needle` (exactly one).
fn line_with<'a>(text: &'a str, needle: &str) -> &'a str {
    let lines: Vec<&str> = text.lines().filter(|l| l.contains(needle)).collect();
    assert_eq!(
        lines.len(),
        1,
        "expected one line with {needle:?}, got {lines:?}\n{text}"
    );
    lines[0]
}

/// The whitespace-separated cells of a table line.
fn cells(line: &str) -> Vec<&str> {
    line.split_whitespace().collect()
}

/// A minimal CSV reader (quotes and doubled quotes), enough for our output.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for line in text.lines() {
        let mut row = Vec::new();
        let mut cell = String::new();
        let mut quoted = false;
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '"' if quoted && chars.peek() == Some(&'"') => {
                    cell.push('"');
                    chars.next();
                }
                '"' => quoted = !quoted,
                ',' if !quoted => row.push(std::mem::take(&mut cell)),
                _ => cell.push(c),
            }
        }
        row.push(cell);
        rows.push(row);
    }
    rows
}

/// CSV rows as (header → value) lookups.
fn csv_records(text: &str) -> Vec<std::collections::HashMap<String, String>> {
    let rows = parse_csv(text);
    let header = &rows[0];
    rows[1..]
        .iter()
        .map(|r| {
            assert_eq!(r.len(), header.len(), "ragged CSV row {r:?}");
            header.iter().cloned().zip(r.iter().cloned()).collect()
        })
        .collect()
}

/// The display width of a line: CJK (from U+2E80) counts 2, all else 1.
fn width(line: &str) -> usize {
    line.chars()
        .map(|c| {
            if (c as u32) >= 0x2E80 && !"“”".contains(c) {
                2
            } else {
                1
            }
        })
        .sum()
}

/// Every table in `text` (from its top rule `─` to its bottom rule) has
/// lines of one display width. Returns the number of tables checked.
fn assert_tables_aligned(text: &str) -> usize {
    let lines: Vec<&str> = text.lines().collect();
    let mut tables = 0;
    let mut i = 0;
    while i < lines.len() {
        if lines[i].starts_with('─') {
            let start = i;
            let mut end = i + 1;
            while end < lines.len() && !lines[end].starts_with('─') {
                end += 1;
            }
            assert!(end < lines.len(), "table without a bottom rule:\n{text}");
            let table = &lines[start..=end];
            let w = width(table[0]);
            for l in table {
                assert_eq!(
                    width(l),
                    w,
                    "line of width {} in a table of width {w}:\n{l}\n--- table\n{}",
                    width(l),
                    table.join("\n")
                );
            }
            assert!(table.len() >= 4, "a table has a header and rows");
            tables += 1;
            i = end + 1;
        } else {
            i += 1;
        }
    }
    tables
}

const STATUSES: [&str; 7] = [
    "achieved",
    "on-track",
    "at-risk",
    "off-track",
    "regressing",
    "missed",
    "no-data",
];

/// The columns SPEC §5 requires in `--format json` and `--format csv`.
const SPEC_COLUMNS: [&str; 25] = [
    "plan",
    "indicator",
    "name",
    "region",
    "unit",
    "kind",
    "direction",
    "baseline_period",
    "baseline",
    "period",
    "value",
    "target",
    "target_op",
    "target_period",
    "gap",
    "change",
    "yoy",
    "cagr",
    "completion",
    "time_progress",
    "ratio",
    "score",
    "method",
    "projection",
    "status",
];

fn json_series(stdout: &str) -> Vec<Value> {
    let doc: Value = serde_json::from_str(stdout).expect("--format json is valid JSON");
    doc["series"].as_array().expect("a `series` array").clone()
}

fn find<'a>(series: &'a [Value], indicator: &str, region: &str) -> &'a Value {
    series
        .iter()
        .find(|s| s["indicator"] == indicator && s["region"] == region)
        .unwrap_or_else(|| panic!("no series {indicator} / {region}"))
}

fn num(v: &Value, key: &str) -> f64 {
    assert!(v[key].is_number(), "`{key}` is not a number: {}", v[key]);
    v[key].as_f64().unwrap()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

// ---------------------------------------------------------------------------
// Bundled data (track.toml at the repository root)

#[test]
fn bundled_status_zh_table() {
    let out = bundled(&["status"]);
    assert_snapshot!("bundled_status_zh", out.stdout);
    // Three plans, each with its as-of period.
    assert!(out.stdout.contains("全国“十四五”教育主要目标 (截至 2025)"));
    assert!(
        out.stdout
            .contains("内蒙古自治区“十四五”教育事业发展规划 (截至 2022)")
    );
    assert!(
        out.stdout
            .contains("锡林郭勒盟“十四五”教育事业发展规划 (截至 2020)")
    );
    let hs = cells(line_with(&out.stdout, "高中阶段教育毛入学率"));
    assert_eq!(
        hs,
        [
            "高中阶段教育毛入学率",
            "91.2%",
            "92.0%",
            "(2025)",
            "≥92%",
            "0",
            "100.0%",
            "100.0%",
            "+0.8个百分点",
            "已完成"
        ]
    );
    let disabled = cells(line_with(&out.stdout, "适龄残疾儿童义务教育入学率"));
    assert_eq!(disabled.last(), Some(&"未完成"));
    assert!(
        out.stdout
            .ends_with("26 项指标: 已完成 10 · 未完成 1 · 无数据 15\n")
    );
}

#[test]
fn bundled_status_en_table() {
    let out = bundled(&["status", "--lang", "en"]);
    assert_snapshot!("bundled_status_en", out.stdout);
    assert!(
        out.stdout
            .contains("China: 14th Five-Year Plan education targets (as of 2025)")
    );
    let disabled = line_with(
        &out.stdout,
        "Compulsory education enrolment rate of school-age children with disabilities",
    );
    assert!(disabled.trim_end().ends_with("missed"), "{disabled}");
    assert!(
        out.stdout
            .ends_with("26 indicators: achieved 10 · missed 1 · no data 15\n")
    );
}

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
    for col in SPEC_COLUMNS {
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
fn completion_is_shown_empty_but_kept_for_machines_when_the_baseline_meets_the_target() {
    // Inner Mongolia's 九年义务教育巩固率: first value 98.3 (2022), target 96%:
    // met at baseline, so completion means nothing to a reader (the table
    // shows —); CSV and JSON keep the formula's value, as the benchmark's
    // peers do (../shared/bench/compare.py compares the column).
    let out = bundled(&["status"]);
    let row = cells(line_with(&out.stdout, "98.3% (2022)   98.3% (2022)"));
    assert_eq!(row[row.len() - 4], "—", "completion in the table: {row:?}");
    let out = bundled(&["status", "--format", "csv"]);
    let records = csv_records(&out.stdout);
    let r = records
        .iter()
        .find(|r| {
            r["plan"] == "inner-mongolia-edu-14fyp"
                && r["indicator"] == "compulsory_consolidation_rate"
        })
        .unwrap();
    assert_eq!(r["completion"], "0", "CSV completion");
    assert_eq!(r["status"], "achieved");
}

#[test]
fn bundled_status_markdown() {
    let out = bundled(&["status", "--format", "markdown"]);
    assert_snapshot!("bundled_status_markdown", out.stdout);
    assert!(
        out.stdout
            .contains("## 全国“十四五”教育主要目标 (截至 2025)")
    );
    assert!(out.stdout.contains(
        "| 适龄残疾儿童义务教育入学率 | 95% | 96% (2022) | 97% | 1 | 50.0% | 40.0% | +1个百分点 | 未完成 |"
    ));
}

#[test]
fn bundled_warns_when_csv_baseline_differs_from_plan() {
    let out = bundled(&["status"]);
    // The CSV's 94.63 wins over the plan's 94.6, with a warning on stderr.
    assert!(
        out.stderr.contains("warning:")
            && out.stderr.contains("94.63")
            && out.stderr.contains("94.6;")
            && out.stderr.contains("data/xilingol/actuals.csv:10"),
        "stderr: {}",
        out.stderr
    );
    assert!(
        !out.stdout.contains("warning"),
        "warnings go to stderr only"
    );
    let row = line_with(&out.stdout, "义务教育残疾儿童少年入学率");
    assert!(row.contains("94.63%"), "{row}");
}

#[test]
fn bundled_validate_ok() {
    let out = bundled(&["validate"]);
    has(&out.stdout, "data/china/plan.toml");
    assert!(out.stdout.contains("data/inner-mongolia/plan.toml"));
    assert!(out.stdout.contains("data/xilingol/plan.toml"));
    assert!(!out.stderr.contains("error"), "{}", out.stderr);
}

#[test]
fn bundled_zh_table_columns_aligned() {
    let out = bundled(&["status"]);
    assert_eq!(assert_tables_aligned(&out.stdout), 3);
    let out = bundled(&["status", "--lang", "en"]);
    assert_eq!(assert_tables_aligned(&out.stdout), 3);
}

// ---------------------------------------------------------------------------
// basic/: one indicator of each status

#[test]
fn basic_status_zh() {
    let out = basic(&["status"]);
    assert_snapshot!("basic_status_zh", out.stdout);
    assert!(
        out.stdout
            .starts_with("湖滨市“十四五”教育事业发展规划 (截至 2023)\n")
    );
    // 93 → 94.4 of 95: 70.0% done at 60.0% of the time → on track.
    assert_eq!(
        cells(line_with(&out.stdout, "学前三年毛入园率")),
        [
            "学前三年毛入园率",
            "93%",
            "94.4%",
            "(2023)",
            "95%",
            "0.6",
            "70.0%",
            "60.0%",
            "+1.4个百分点",
            "符合进度"
        ]
    );
    // 85 → 87.5 of ≥ 90: 50.0% / 60.0% = 0.83 → at risk.
    assert_eq!(
        cells(line_with(&out.stdout, "普惠性幼儿园覆盖率")),
        [
            "普惠性幼儿园覆盖率",
            "85%",
            "87.5%",
            "(2023)",
            "≥90%",
            "2.5",
            "50.0%",
            "60.0%",
            "+2.5个百分点",
            "进度滞后"
        ]
    );
    // 97 → 96.8 of ≥ 98: moving away → regressing.
    assert_eq!(
        cells(line_with(&out.stdout, "九年义务教育巩固率")),
        [
            "九年义务教育巩固率",
            "97%",
            "96.8%",
            "(2023)",
            "≥98%",
            "1.2",
            "-20.0%",
            "60.0%",
            "-0.2个百分点",
            "倒退"
        ]
    );
    // Down is better: 5‰ → 4.6‰ of ≤ 3‰, 20.0% done → off track; gap 1.6.
    assert_eq!(
        cells(line_with(&out.stdout, "初中辍学率")),
        [
            "初中辍学率",
            "(‰)",
            "5",
            "4.6",
            "(2023)",
            "≤3",
            "1.6",
            "20.0%",
            "60.0%",
            "-0.4",
            "严重滞后"
        ]
    );
    // −50% of 40 is 20; 26 is 70.0% of the way.
    assert_eq!(
        cells(line_with(&out.stdout, "普通高中大班额数")),
        [
            "普通高中大班额数",
            "(个)",
            "40",
            "26",
            "(2023)",
            "-50%",
            "(→20)",
            "6",
            "70.0%",
            "60.0%",
            "-14",
            "符合进度"
        ]
    );
    // 95.3 ≥ 95 before the 2025 deadline → achieved early.
    assert_eq!(
        cells(line_with(&out.stdout, "高中阶段毛入学率")),
        [
            "高中阶段毛入学率",
            "92%",
            "95.3%",
            "(2023)",
            "≥95%",
            "0",
            "110.0%",
            "60.0%",
            "+3.3个百分点",
            "提前完成"
        ]
    );
    // Group headings in plan order.
    let groups: Vec<usize> = ["学前教育", "义务教育", "高中教育"]
        .iter()
        .map(|g| out.stdout.find(&format!(" {g} ")).expect(g))
        .collect();
    assert!(groups.windows(2).all(|w| w[0] < w[1]), "{groups:?}");
    assert!(
        out.stdout
            .ends_with("6 项指标: 已完成 1 · 符合进度 2 · 进度滞后 1 · 严重滞后 1 · 倒退 1\n")
    );
    assert_eq!(out.stderr, "", "no warnings on a clean workspace");
}

#[test]
fn basic_status_en() {
    let out = basic(&["status", "--lang", "en"]);
    assert_snapshot!("basic_status_en", out.stdout);
    assert!(
        out.stdout
            .starts_with("Lakeside City 14th Five-Year Education Plan (as of 2023)\n")
    );
    let l = line_with(&out.stdout, "Three-year preschool gross enrolment rate");
    assert!(
        l.contains("70.0%") && l.contains("60.0%") && l.contains("+1.4 pp"),
        "{l}"
    );
    assert!(l.trim_end().ends_with("on track"), "{l}");
    let l = line_with(&out.stdout, "Senior secondary gross enrolment rate");
    assert!(l.trim_end().ends_with("achieved early"), "{l}");
    assert!(
        out.stdout.contains(" Compulsory education "),
        "group_en heading"
    );
    assert!(out.stdout.ends_with(
        "6 indicators: achieved 1 · on track 2 · at risk 1 · off track 1 · regressing 1\n"
    ));
}

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
    assert!(county.trim_end().ends_with("严重滞后"), "{county}");
    assert!(
        out.stdout
            .ends_with("8 个序列: 已完成 1 · 符合进度 3 · 进度滞后 1 · 严重滞后 2 · 倒退 1\n")
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
            "严重滞后"
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
            "符合进度"
        ]
    );
    // The city's own figures are not shown.
    assert!(!out.stdout.contains("94.4%"));
    assert!(!out.stdout.contains("初中辍学率"));
    assert!(out.stdout.ends_with("2 项指标: 符合进度 1 · 严重滞后 1\n"));
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
    assert!(out.stdout.ends_with("2 项指标: 严重滞后 1 · 倒退 1\n"));
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
            .ends_with("进度滞后")
    );
    assert!(
        line_with(&out.stdout, "九年义务教育巩固率")
            .trim_end()
            .ends_with("倒退")
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
    assert!(out.stdout.ends_with("2 项指标: 进度滞后 1 · 倒退 1\n"));
    // `achieved` includes 提前完成.
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
            .starts_with("湖滨市“十四五”教育事业发展规划 (截至 2022)\n")
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
            "符合进度"
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
            "严重滞后"
        ]
    );
    // Not yet achieved in 2022: 93.1 (2021) of ≥ 95.
    let hs = line_with(&out.stdout, "高中阶段毛入学率");
    assert!(
        hs.contains("93.1% (2021)") && hs.trim_end().ends_with("符合进度"),
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
        out.stdout.ends_with("6 项指标: 已完成 1 · 未完成 5\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn basic_status_json() {
    let out = basic(&["status", "--format", "json"]);
    assert_snapshot!("basic_status_json", out.stdout);
    let series = json_series(&out.stdout);
    assert_eq!(series.len(), 6);
    for s in &series {
        for col in SPEC_COLUMNS {
            assert!(s.get(col).is_some(), "JSON series lacks `{col}`: {s}");
        }
        let status = s["status"].as_str().expect("status is a string");
        assert!(
            STATUSES.contains(&status),
            "status {status:?} is not in the SPEC's list"
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
    assert_eq!(p["status"], "on-track");
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
    assert_eq!(o["status"], "on-track");
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
            "on-track",
            "at-risk",
            "regressing",
            "off-track",
            "on-track",
            "achieved"
        ]
    );
    assert_eq!(st(&zh.stdout), st(&en.stdout));
}

#[test]
fn basic_zh_table_columns_aligned() {
    for args in [
        &["status"][..],
        &["status", "--as-of", "2022"],
        &["status", "--region", "hill-county"],
        &["status", "--lang", "en"],
    ] {
        let out = basic(args);
        assert_eq!(assert_tables_aligned(&out.stdout), 1, "{args:?}");
    }
}

#[test]
fn manifest_default_language() {
    let dir = tempfile::tempdir().unwrap();
    for f in ["plan.toml", "actuals.csv"] {
        std::fs::copy(fixture("basic").join(f), dir.path().join(f)).unwrap();
    }
    std::fs::write(
        dir.path().join("track.toml"),
        "plans = [\"plan.toml\"]\n[defaults]\nlang = \"en\"\n",
    )
    .unwrap();
    let out = ok(dir.path(), &["status"]);
    has(&out.stdout, "(as of 2023)");
    assert!(out.stdout.contains("on track"));
    // --lang wins over the manifest.
    let out = ok(dir.path(), &["status", "--lang", "zh"]);
    assert!(out.stdout.contains("(截至 2023)"));
    // A sub-directory finds the manifest by walking up.
    let sub = dir.path().join("reports").join("2024");
    std::fs::create_dir_all(&sub).unwrap();
    let out = ok(&sub, &["status"]);
    assert!(out.stdout.contains("(as of 2023)"));
}

// ---------------------------------------------------------------------------
// --plan / --actuals without a manifest

#[test]
fn plan_and_actuals_without_manifest() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("basic/plan.toml"), dir.path().join("lakeside.toml")).unwrap();
    std::fs::copy(
        fixture("basic/actuals.csv"),
        dir.path().join("data-2023.csv"),
    )
    .unwrap();
    let out = ok(
        dir.path(),
        &[
            "status",
            "--plan",
            "lakeside.toml",
            "--actuals",
            "data-2023.csv",
        ],
    );
    // Same figures as through the manifest (zh is the default language).
    assert_eq!(out.stdout, basic(&["status"]).stdout);
    // --plan alone reads the plan's own `actuals = ["actuals.csv"]`, which is
    // not there: a clear error, exit 2.
    let out = run(dir.path(), &["status", "--plan", "lakeside.toml"]);
    assert_eq!(out.code, 2);
    has(&out.stderr, "actuals.csv");
    // Several --actuals files are read as one table.
    let text = std::fs::read_to_string(fixture("basic/actuals.csv")).unwrap();
    let (head, rest) = text.split_once('\n').unwrap();
    let lines: Vec<&str> = rest.lines().collect();
    let (a, b) = lines.split_at(lines.len() / 2);
    std::fs::write(
        dir.path().join("a.csv"),
        format!("{head}\n{}\n", a.join("\n")),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.csv"),
        format!("{head}\n{}\n", b.join("\n")),
    )
    .unwrap();
    let out = ok(
        dir.path(),
        &[
            "status",
            "--plan",
            "lakeside.toml",
            "--actuals",
            "a.csv",
            "--actuals",
            "b.csv",
        ],
    );
    assert_eq!(out.stdout, basic(&["status"]).stdout);
}

#[test]
fn exact_decimals_and_csv_forms() {
    // BOM, `Year` instead of `period`, upper-case headers, columns in any
    // order, `95.1%`, two files, the same value written twice.
    let out = ok(&fixture("exact"), &["status", "--plan", "plan.toml"]);
    assert_snapshot!("exact_status", out.stdout);
    let out = ok(
        &fixture("exact"),
        &["status", "--plan", "plan.toml", "--format", "csv"],
    );
    let records = csv_records(&out.stdout);
    let row = |id: &str| {
        records
            .iter()
            .find(|r| r["indicator"] == id)
            .unwrap()
            .clone()
    };
    // 95.1 meets 90.1 + 5pp exactly.
    let p = row("plus_pp");
    assert_eq!((p["target"].as_str(), p["gap"].as_str()), ("95.1", "0"));
    assert_eq!(p["status"], "achieved");
    // 92.0 is not more than 92 (高于), but is 92%以上.
    assert_ne!(row("strict")["status"], "achieved");
    assert_eq!(row("strict")["target_op"], ">");
    assert_eq!(row("inclusive")["status"], "achieved");
    assert_eq!(row("inclusive")["target_op"], ">=");
}

// ---------------------------------------------------------------------------
// Periods and breakdowns

#[test]
fn quarterly_periods() {
    let dir = root();
    let out = ok(&dir, &["-C", "tests/fixtures/quarterly", "status"]);
    assert_snapshot!("quarterly_status_zh", out.stdout);
    assert!(
        out.stdout
            .starts_with("热线服务质量提升计划 (截至 2024-Q2)\n")
    );
    // 2023-Q4 → 2024-Q2 of a 2024-Q4 deadline: half of the time.
    assert_eq!(
        cells(line_with(&out.stdout, "热线接通率")),
        [
            "热线接通率",
            "80%",
            "84%",
            "(2024-Q2)",
            "≥90%",
            "6",
            "40.0%",
            "50.0%",
            "+4个百分点",
            "进度滞后"
        ]
    );
    assert_eq!(
        cells(line_with(&out.stdout, "平均等待时长")),
        [
            "平均等待时长",
            "(分钟)",
            "6",
            "3.5",
            "(2024-Q2)",
            "≤2",
            "1.5",
            "62.5%",
            "50.0%",
            "-2.5",
            "符合进度"
        ]
    );
    let out = ok(
        &dir,
        &[
            "-C",
            "tests/fixtures/quarterly",
            "status",
            "--as-of",
            "2024-Q1",
            "--lang",
            "en",
        ],
    );
    assert_snapshot!("quarterly_as_of_q1_en", out.stdout);
    let l = line_with(&out.stdout, "Call answer rate");
    assert!(l.contains("83% (2024-Q1)") && l.contains("25.0%"), "{l}");

    let out = ok(
        &dir,
        &[
            "-C",
            "tests/fixtures/quarterly",
            "status",
            "--format",
            "csv",
        ],
    );
    let records = csv_records(&out.stdout);
    let a = &records[0];
    assert_eq!(a["baseline_period"], "2023-Q4");
    assert_eq!(a["period"], "2024-Q2");
    assert_eq!(a["target_period"], "2024-Q4");
    assert_eq!(a["time_progress"], "0.5");
    // Annual rates: 80 → 84 in half a year is 10.25% a year; 6 more points
    // in the half year left is 12 a year.
    assert!(close(a["cagr"].parse::<f64>().unwrap(), 0.1025));
    assert_eq!(a["required_change"], "12");
    // The trend (+2 a quarter from 82.33) reaches 90 in 2025-Q1.
    assert_eq!(a["projected_meet"], "2025-Q1");
    assert_eq!(records[1]["projected_meet"], "2024-Q4");

    let out = ok(
        &dir,
        &[
            "-C",
            "tests/fixtures/quarterly",
            "status",
            "--format",
            "json",
        ],
    );
    let series = json_series(&out.stdout);
    assert_eq!(series[0]["period"], "2024-Q2");
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
    assert!(f.trim_end().ends_with("提前完成"), "{f}");
    let m = line_with(&out.stdout, "sex=男");
    assert!(
        m.contains("89%") && m.contains("90% (2023)") && m.contains("16.7%"),
        "{m}"
    );
    assert!(m.trim_end().ends_with("严重滞后"), "{m}");
    assert!(out.stdout.ends_with("2 个序列: 已完成 1 · 严重滞后 1\n"));
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
            "进度滞后"
        ]
    );

    // A column that does not exist.
    let out = run(&fixture("breakdown"), &["status", "--by", "gender"]);
    assert_eq!(out.code, 2);
    has(&out.stderr, "gender");
}

// ---------------------------------------------------------------------------
// Colour

#[test]
fn no_ansi_with_no_color() {
    let out = basic(&["status"]);
    assert!(
        !out.stdout.contains('\x1b'),
        "NO_COLOR=1 must disable colour"
    );
    assert!(!out.stderr.contains('\x1b'));
    let out = run_cmd(track(&root()), &["status"]);
    assert!(
        !out.stderr.contains('\x1b'),
        "the warning is not coloured either"
    );
}

#[test]
fn no_ansi_when_piped() {
    let mut cmd = track(&root());
    cmd.env_remove("NO_COLOR");
    let out = run_cmd(cmd, &["-C", "tests/fixtures/basic", "status"]);
    assert_eq!(out.code, 0);
    assert!(!out.stdout.contains('\x1b'), "stdout is a pipe: no colour");
    assert!(!out.stderr.contains('\x1b'));
}

fn strip_ansi(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            // CSI: ESC [ params final-byte
            if chars.next() == Some('[') {
                for c in chars.by_ref() {
                    if ('@'..='~').contains(&c) {
                        break;
                    }
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn ansi_with_color_always() {
    let mut cmd = track(&root());
    cmd.env_remove("NO_COLOR");
    let out = run_cmd(
        cmd,
        &["-C", "tests/fixtures/basic", "status", "--color", "always"],
    );
    assert_eq!(out.code, 0);
    assert!(out.stdout.contains("\x1b["), "--color always must colour");
    // The status words are coloured; the text is otherwise the same.
    let l = line_with(&out.stdout, "九年义务教育巩固率");
    assert!(l.contains("\x1b[") && l.contains("倒退\x1b[0m"), "{l:?}");
    assert_eq!(strip_ansi(&out.stdout), basic(&["status"]).stdout);
    // --color never wins over a terminal-less --color always default.
    let mut cmd = track(&root());
    cmd.env_remove("NO_COLOR").env("CLICOLOR_FORCE", "1");
    let out = run_cmd(
        cmd,
        &["-C", "tests/fixtures/basic", "status", "--color", "never"],
    );
    assert!(!out.stdout.contains('\x1b'));
}

#[test]
fn color_always_in_json_stays_plain() {
    let mut cmd = track(&root());
    cmd.env_remove("NO_COLOR");
    let out = run_cmd(
        cmd,
        &[
            "-C",
            "tests/fixtures/basic",
            "status",
            "--color",
            "always",
            "--format",
            "json",
        ],
    );
    assert_eq!(out.code, 0);
    serde_json::from_str::<Value>(&out.stdout).expect("JSON is never coloured");
}

// ---------------------------------------------------------------------------
// Broken input: exit 2, every problem with file:line:col

/// `track validate` in a broken fixture: exit 2, nothing on stdout.
fn validate_broken(name: &str) -> String {
    let out = run(&fixture(name), &["validate"]);
    assert_eq!(out.code, 2, "{name}: stderr:\n{}", out.stderr);
    assert_eq!(out.stdout, "", "{name}: nothing on stdout");
    out.stderr
}

fn assert_has(stderr: &str, needles: &[&str]) {
    for n in needles {
        assert!(stderr.contains(n), "expected {n:?} in stderr:\n{stderr}");
    }
}

#[test]
fn validate_bad_target() {
    let err = validate_broken("bad-target");
    assert_has(
        &err,
        &[
            "error: cannot read the target of indicator `preschool_ger`",
            "--> plan.toml:14:11",
            "14 | target = \"around 95\"",
            "^^^^^^ unexpected \"around\"",
            "1 problem found",
        ],
    );
    // The carets sit under `around`.
    let src = err.lines().find(|l| l.contains("| target = ")).unwrap();
    let carets = err.lines().find(|l| l.contains("^^^^^^")).unwrap();
    assert_eq!(src.find("around"), carets.find('^'), "\n{src}\n{carets}");
}

#[test]
fn validate_unknown_key() {
    let err = validate_broken("unknown-key");
    assert_has(
        &err,
        &[
            "error: unknown key `tagret` in indicator `preschool_ger`",
            "--> plan.toml:14:1",
            "14 | tagret = \"95\"",
            "did you mean `target`?",
        ],
    );
}

#[test]
fn validate_bad_csv_reports_every_problem() {
    let err = validate_broken("bad-csv");
    assert_has(
        &err,
        &[
            // an unknown indicator, with a suggestion
            "unknown indicator `preschol_ger`",
            "--> actuals.csv:3:1",
            "did you mean `preschool_ger`?",
            // a value that is not a number, at its column
            "`9x.4` is not a number",
            "--> actuals.csv:4:20",
            // a period that does not parse
            "`2023-13` is not a period",
            "--> actuals.csv:5:17",
            "3 problems found",
        ],
    );
    assert_eq!(
        err.matches("error: ").count(),
        4,
        "three errors and a summary:\n{err}"
    );
    // In file order.
    let p = |s: &str| err.find(s).unwrap();
    assert!(p("actuals.csv:3:1") < p("actuals.csv:4:20"));
    assert!(p("actuals.csv:4:20") < p("actuals.csv:5:17"));
}

#[test]
fn validate_duplicate_names_both_lines() {
    let err = validate_broken("duplicate");
    assert_has(
        &err,
        &[
            "`preschool_ger` in 2023",
            "94.4",
            "actuals.csv:3",
            "94.6",
            "actuals.csv:5",
            "1 problem found",
        ],
    );
    // 94.0 and 94 for 2022 are the same value: accepted once.
    assert!(!err.contains("actuals.csv:4"), "{err}");
    assert!(!err.contains("2022"), "{err}");
}

#[test]
fn validate_duplicate_points_at_the_value() {
    let err = validate_broken("duplicate");
    assert_has(
        &err,
        &[
            "--> actuals.csv:5:20",
            "5 | preschool_ger,2023,94.6,另一来源",
        ],
    );
}

#[test]
fn validate_no_direction() {
    let err = validate_broken("no-direction");
    assert_has(
        &err,
        &[
            "indicator `teacher_ratio`: cannot tell whether a higher or a lower value is better",
            "--> plan.toml:13:10",
            "13 | target = \"95\"",
            "direction = \"up\"",
            "direction = \"down\"",
        ],
    );
}

#[test]
fn validate_bad_toml() {
    let err = validate_broken("bad-toml");
    assert_has(
        &err,
        &[
            "plan.toml is not valid TOML",
            "--> plan.toml:11:17",
            "11 | name = \"学前三年毛入园率",
        ],
    );
}

#[test]
fn every_command_rejects_broken_input_alike() {
    for (name, pos) in [
        ("bad-target", "plan.toml:14:11"),
        ("unknown-key", "plan.toml:14:1"),
        ("bad-csv", "actuals.csv:5:17"),
        ("duplicate", "actuals.csv:5"),
        ("no-direction", "plan.toml:13:10"),
        ("bad-toml", "plan.toml:11:17"),
    ] {
        for format in ["table", "json", "csv"] {
            let out = run(&fixture(name), &["status", "--format", format]);
            assert_eq!(out.code, 2, "{name} --format {format}: {}", out.stderr);
            assert_eq!(out.stdout, "", "{name}: nothing is assessed");
            assert!(
                out.stderr.contains(pos),
                "{name}: expected {pos} in\n{}",
                out.stderr
            );
            assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
        }
    }
}

#[test]
fn broken_input_paths_are_relative_to_where_the_user_is() {
    let out = run(&root(), &["-C", "tests/fixtures/bad-target", "validate"]);
    assert_eq!(out.code, 2);
    has(&out.stderr, "--> tests/fixtures/bad-target/plan.toml:14:11");
    let out = run(
        &root(),
        &["validate", "--plan", "tests/fixtures/bad-csv/plan.toml"],
    );
    assert_eq!(out.code, 2);
    has(&out.stderr, "--> tests/fixtures/bad-csv/actuals.csv:4:20");
}

#[test]
fn fixtures_that_are_fine_validate() {
    for name in ["basic", "quarterly", "breakdown"] {
        let out = ok(&fixture(name), &["validate"]);
        assert!(out.stdout.contains("plan.toml"), "{name}: {}", out.stdout);
        assert_eq!(out.stderr, "", "{name}");
    }
    ok(&fixture("exact"), &["validate", "--plan", "plan.toml"]);
}

// ---------------------------------------------------------------------------
// Bad usage: exit 2 with a clear message

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
fn no_manifest() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(&root(), &["-C", dir.path().to_str().unwrap(), "status"]);
    assert_eq!(out.code, 2);
    assert_eq!(out.stdout, "");
    assert_has(&out.stderr, &["no track.toml", "track init", "--plan"]);
    // The same when started there.
    let out = run(dir.path(), &["status"]);
    assert_eq!(out.code, 2);
    assert_has(&out.stderr, &["track init", "--plan"]);
}

#[test]
fn missing_directory() {
    let dir = tempfile::tempdir().unwrap();
    let gone = dir.path().join("gone");
    let out = run(&root(), &["-C", gone.to_str().unwrap(), "status"]);
    assert_eq!(out.code, 2);
    has(&out.stderr, "gone");
}

// ---------------------------------------------------------------------------
// Values at the edge of what a decimal holds: figures, never a panic.

#[test]
fn values_near_the_decimal_limit_never_panic() {
    let dir = workspace_with(
        "[[indicator]]\nid = \"a\"\nunit = \"x\"\ntarget = \">= 2\"\n",
        b"",
    );
    for v in [
        "1000000000000000000000000000",
        "79228162514264337593543950335",
        "-79228162514264337593543950335",
        "0.0000000000000000000000000001",
    ] {
        std::fs::write(
            dir.path().join("actuals.csv"),
            format!("indicator,period,value\na,2020,1\na,2023,{v}\n"),
        )
        .unwrap();
        for args in [
            &["status"][..],
            &["status", "--format", "csv"],
            &["status", "--method", "cagr"],
            &["show", "a"],
            &["check"],
            &["report", "-o", "r.html"],
        ] {
            let out = run(dir.path(), args);
            assert!(
                out.code == 0 || out.code == 1,
                "{v} {args:?}: exit {}\n{}",
                out.code,
                out.stderr
            );
        }
    }
}

#[test]
fn a_manifest_names_each_plan_once_with_its_own_id() {
    let dir = tempfile::tempdir().unwrap();
    let basic = fixture("basic");
    for f in ["plan.toml", "actuals.csv"] {
        std::fs::copy(basic.join(f), dir.path().join(f)).unwrap();
    }
    // The same file twice is read once.
    std::fs::write(
        dir.path().join("track.toml"),
        "plans = [\"plan.toml\", \"./plan.toml\"]\n",
    )
    .unwrap();
    let once = run(dir.path(), &["status", "--format", "csv"]);
    let direct = run(&basic, &["status", "--format", "csv"]);
    assert_eq!(once.stdout, direct.stdout);
    // Two files with one plan id are an error naming both.
    std::fs::copy(basic.join("plan.toml"), dir.path().join("copy.toml")).unwrap();
    std::fs::write(
        dir.path().join("track.toml"),
        "plans = [\"plan.toml\", \"copy.toml\"]\n",
    )
    .unwrap();
    let out = run(dir.path(), &["validate"]);
    assert_eq!(out.code, 2);
    has(
        &out.stderr,
        "plan id `lakeside-edu` is used by both plan.toml and copy.toml",
    );
    std::fs::write(dir.path().join("track.toml"), "plans = []\n").unwrap();
    let out = run(dir.path(), &["status"]);
    assert_eq!(out.code, 2);
    has(&out.stderr, "track.toml lists no plans");
}

#[test]
fn the_data_s_baseline_gives_the_direction_when_the_plan_has_none() {
    let dir = workspace_with(
        "[[indicator]]\nid = \"up\"\nunit = \"%\"\ntarget = \"95\"\n\
         [[indicator]]\nid = \"down\"\nunit = \"‰\"\ntarget = \"1..2\"\n",
        b"indicator,period,value\nup,2020,80\nup,2023,85\ndown,2020,5\ndown,2023,4\n",
    );
    let out = ok(dir.path(), &["status", "--format", "csv"]);
    let rows = csv_records(&out.stdout);
    assert_eq!(rows[0]["direction"], "up");
    assert_eq!(rows[0]["completion"], "0.3333333333333333333333333333");
    assert_eq!(rows[1]["direction"], "down");
    assert_eq!(rows[1]["target"], "2");
}

/// A workspace of one plan (2020 → 2025) with these `[[indicator]]` tables
/// and `actuals.csv` as given.
fn workspace_with(indicators: &str, csv: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("track.toml"), "plans = [\"plan.toml\"]\n").unwrap();
    std::fs::write(
        dir.path().join("plan.toml"),
        format!(
            "[plan]\nid = \"p\"\nname = \"P\"\nbaseline = 2020\ntarget = 2025\n\
             actuals = [\"actuals.csv\"]\n{indicators}"
        ),
    )
    .unwrap();
    std::fs::write(dir.path().join("actuals.csv"), csv).unwrap();
    dir
}

/// [`workspace_with`] indicator `a` (%, baseline 93, target ≥95).
fn one_file_workspace(csv: &[u8]) -> tempfile::TempDir {
    workspace_with(
        "[[indicator]]\nid = \"a\"\nunit = \"%\"\nbaseline = 93\ntarget = \">= 95\"\n",
        csv,
    )
}

#[test]
fn lines_ending_in_a_lone_carriage_return_are_counted() {
    // Old Mac files (Excel's "CSV (Macintosh)"): each problem on its own line.
    let dir = one_file_workspace(
        b"indicator,period,value\ra,2020,93\ra,2021,9x\r\ra,2022,\"95\rb\"\ra,20233,96\r",
    );
    let o = output(dir.path(), &["validate"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr_of(&o);
    assert!(err.contains("actuals.csv:3:"), "{err}");
    assert!(err.contains("a,2021,9x"), "{err}");
    // The quoted value spans lines 5 and 6; the bad period is on line 7.
    assert!(err.contains("actuals.csv:5:"), "{err}");
    assert!(err.contains("actuals.csv:7:"), "{err}");
    assert!(!err.contains("actuals.csv:1:"), "{err}");
}

#[test]
fn rows_of_the_wrong_width_point_at_the_extra_or_missing_fields() {
    let dir = one_file_workspace(b"indicator,period,value\na,2020,93,extra,more\na,2021\n");
    let o = output(dir.path(), &["validate"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr_of(&o);
    assert!(
        err.contains("error: this row has 5 fields but the header has 3\n --> actuals.csv:2:11"),
        "{err}"
    );
    assert!(
        err.contains("^^^^^^^^^^ more fields than the header"),
        "{err}"
    );
    assert!(
        err.contains("error: this row has 2 fields but the header has 3\n --> actuals.csv:3:7"),
        "{err}"
    );
    assert!(err.contains("^ fewer fields than the header"), "{err}");
}

#[test]
fn csv_that_would_be_misread_is_refused_with_its_place() {
    // An unclosed quote swallows the rest of the file (and would swallow
    // rows `track add` appends).
    let dir =
        one_file_workspace(b"indicator,period,value,note\na,2020,93,\"unclosed\na,2023,94,\n");
    let out = run(dir.path(), &["validate"]);
    assert_eq!(out.code, 2);
    has(&out.stderr, "a quoted field opened here is never closed");
    has(&out.stderr, "--> actuals.csv:2:11");
    let out = run(dir.path(), &["add", "a", "95", "--period", "2024"]);
    assert_eq!(out.code, 2);
    assert!(
        !std::fs::read_to_string(dir.path().join("actuals.csv"))
            .unwrap()
            .contains("2024")
    );

    // GBK, as Excel saves a CSV on a Chinese Windows: 县统计公报. Read as
    // GB18030, with a note.
    let dir =
        one_file_workspace(b"indicator,period,value,source\na,2020,93,\xcf\xd8\xcd\xb3\xbc\xc6\n");
    let out = run(dir.path(), &["validate"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    has(
        &out.stderr,
        "actuals.csv is GB18030 text, not UTF-8: read as GB18030",
    );
    // Past the first MiB, which was UTF-8, such bytes are an error.
    let mut csv = b"indicator,period,value,source\n".to_vec();
    let rows = (1 << 20) / 11 + 1;
    csv.extend(b"a,2020,93,\n".repeat(rows));
    csv.extend(b"a,2020,93,\xcf\xd8\xcd\xb3\xbc\xc6\na,2021,\xcf\n");
    let dir = one_file_workspace(&csv);
    let out = run(dir.path(), &["validate"]);
    assert_eq!(out.code, 2);
    has(&out.stderr, "actuals.csv is not UTF-8 text");
    has(&out.stderr, &format!("--> actuals.csv:{}:11", rows + 2));
    has(&out.stderr, "iconv -f GB18030 -t UTF-8");
    assert!(
        out.stderr.contains("error: 2 problems found"),
        "not UTF-8 once a file (and the width of line 2 after it): {}",
        out.stderr
    );

    let dir =
        one_file_workspace(b"indicator,period,value\na,2020,0.00000000000000000000000000011\n");
    let out = run(dir.path(), &["validate"]);
    assert_eq!(out.code, 2);
    has(&out.stderr, "has more digits than track keeps exactly (28)");

    let dir = one_file_workspace(b"indicator,period,value,value\na,2020,93,94\n");
    let out = run(dir.path(), &["validate"]);
    assert_eq!(out.code, 2);
    has(&out.stderr, "actuals.csv has the column `value` twice");
    has(&out.stderr, "--> actuals.csv:1:24");
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
fn periods_ending_on_one_day_are_kept_with_a_warning() {
    let dir =
        one_file_workspace(b"indicator,period,value\na,2020,90\na,2023,93\na,2023-12-31,94\n");
    let out = ok(dir.path(), &["status", "--format", "csv"]);
    assert!(
        out.stderr.contains(
            "warning: `a`: 2023-12-31 and 2023 end on the same day; both are kept and 2023 counts as the later"
        ),
        "{}",
        out.stderr
    );
    assert_eq!(csv_records(&out.stdout)[0]["value"], "93");
}

// ---------------------------------------------------------------------------
// Commands with their own files (one test binary for all of them).

#[path = "cli/add.rs"]
mod add;
#[path = "cli/check.rs"]
mod check;
#[path = "cli/import.rs"]
mod import;
#[path = "cli/init.rs"]
mod init;
#[path = "cli/inputs.rs"]
mod inputs;
#[path = "cli/report.rs"]
mod report;
#[path = "cli/show.rs"]
mod show;
