//! `track check` (the CI gate) and `track add` (appending actuals), run as
//! a user or a CI job would run them.

use std::path::PathBuf;

use crate::{output as track, root, stderr_of as stderr, stdout_of as stdout};
use assert_cmd::Command;

fn fixture() -> PathBuf {
    root().join("tests/fixtures/check")
}

#[test]
fn check_fails_on_missed_targets_and_milestones() {
    let o = track(&fixture(), &["check"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    insta::assert_snapshot!("check_text", stdout(&o));
    assert!(
        stderr(&o).contains("check: 7 cases, 4 findings: 4 missed; 4 failing"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn check_passes_when_nothing_is_flagged() {
    // The bundled data has one missed national target (disabled children, 96 < 97).
    let o = track(
        &root(),
        &["check", "--plan", "data/inner-mongolia/plan.toml"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn fail_on_lower_statuses_and_kind_binding() {
    let o = track(&fixture(), &["check", "--fail-on", "at-risk"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("error: gate: off-track 进度滞后: 30% in 2023, target ≥100%, gap 70"),
        "{}",
        stdout(&o)
    );
    // Only the binding indicator gates; the others are printed as warnings.
    let o = track(&fixture(), &["check", "--kind", "binding"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert_eq!(
        out.lines().filter(|l| l.starts_with("error: ")).count(),
        1,
        "{out}"
    );
    assert!(out.contains("error: gate: missed 未完成指标"), "{out}");
    assert_eq!(
        out.lines().filter(|l| l.starts_with("warning: ")).count(),
        3,
        "{out}"
    );
}

#[test]
fn bad_input_or_usage_exits_2_and_assesses_nothing() {
    let o = track(&fixture(), &["check", "--fail-on", "sometimes"]);
    assert_eq!(o.status.code(), Some(2));
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("track.toml"), "plans = [\"plan.toml\"]\n").unwrap();
    std::fs::write(dir.path().join("plan.toml"), "[plan]\nid = \"x\"\nname = \"X\"\nbaseline = 2020\ntarget = 2025\n[[indicator]]\nid = \"a\"\ntarget = \"about 5\"\n").unwrap();
    let o = track(dir.path(), &["check"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stdout(&o), "");
    assert!(stderr(&o).contains("--> plan.toml:8:11"), "{}", stderr(&o));
    let o = track(&fixture(), &["check", "--baseline", "no-such.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("cannot read --baseline no-such.json"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn json_output_is_stable_and_feeds_the_baseline() {
    let o = track(&fixture(), &["check", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    insta::assert_snapshot!("check_json", stdout(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["failing"], 4);
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.json");
    std::fs::write(&base, stdout(&o)).unwrap();
    // Everything known: exit 0, findings listed as known.
    let o = track(&fixture(), &["check", "--baseline", base.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o)
            .lines()
            .filter(|l| l.starts_with("known: "))
            .count(),
        4,
        "{}",
        stdout(&o)
    );
    // A baseline without the milestone finding: only that one is new.
    let mut v2 = v.clone();
    let list = v2["findings"].as_array_mut().unwrap();
    list.retain(|f| f["rule"] != "milestone:2022");
    std::fs::write(&base, serde_json::to_string(&v2).unwrap()).unwrap();
    let o = track(&fixture(), &["check", "--baseline", base.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let errors: Vec<&str> = stdout(&o)
        .lines()
        .filter(|l| l.starts_with("error: "))
        .map(str::to_owned)
        .map(|s| Box::leak(s.into_boxed_str()) as &str)
        .collect();
    assert_eq!(errors.len(), 1, "{}", stdout(&o));
    assert!(errors[0].contains("milestone 2022"), "{}", errors[0]);
    // A finding that got worse than in the baseline counts again.
    let mut v3 = v.clone();
    for f in v3["findings"].as_array_mut().unwrap() {
        if f["indicator"] == "missed" {
            f["status"] = "at-risk".into();
        }
    }
    std::fs::write(&base, serde_json::to_string(&v3).unwrap()).unwrap();
    let o = track(&fixture(), &["check", "--baseline", base.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("error: gate: missed 未完成指标"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn github_annotations_point_at_the_target_lines() {
    let o = track(&fixture(), &["check", "--format", "github"]);
    assert_eq!(o.status.code(), Some(1));
    insta::assert_snapshot!("check_github", stdout(&o));
    let plan = std::fs::read_to_string(fixture().join("plan.toml")).unwrap();
    let lines: Vec<&str> = plan.lines().collect();
    for l in stdout(&o).lines() {
        assert!(l.starts_with("::error file=plan.toml,line="), "{l}");
        let line: usize = l["::error file=plan.toml,line=".len()..]
            .split(',')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let col: usize = l
            .split(",col=")
            .nth(1)
            .unwrap()
            .split(',')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!(
            lines[line - 1].starts_with("target = "),
            "line {line}: {}",
            lines[line - 1]
        );
        assert_eq!(col, "target = ".len() + 1);
        // Properties escape ':' and ','; the message escapes '%'.
        let title = l
            .split(",title=")
            .nth(1)
            .unwrap()
            .split("::")
            .next()
            .unwrap();
        assert!(!title.contains(':') && !title.contains(','), "{title}");
    }
    assert!(stdout(&o).contains("88%25 in 2023"), "{}", stdout(&o));
    // Not gated: warnings.
    let o = track(
        &fixture(),
        &["check", "--format", "github", "--kind", "binding"],
    );
    assert_eq!(
        stdout(&o)
            .lines()
            .filter(|l| l.starts_with("::warning "))
            .count(),
        3
    );
}

#[test]
fn junit_loads_in_a_junit_parser() {
    let o = track(&fixture(), &["check", "--format", "junit"]);
    assert_eq!(o.status.code(), Some(1));
    insta::assert_snapshot!("check_junit", stdout(&o));
    let suites =
        junit_parser::from_reader(std::io::Cursor::new(o.stdout.clone())).expect("valid JUnit XML");
    assert_eq!(suites.suites.len(), 1);
    let suite = &suites.suites[0];
    assert_eq!(suite.name, "gate");
    assert_eq!(suite.tests, 7);
    assert_eq!(suite.failures, 4);
    assert_eq!(suite.cases.len(), 7);
    let failed: Vec<&str> = suite
        .cases
        .iter()
        .filter(|c| c.status.is_failure())
        .map(|c| c.original_name.as_str())
        .collect();
    assert_eq!(
        failed,
        [
            "missed",
            "missed-expected",
            "milestone milestone:2022",
            "steady"
        ]
    );
    let passed = suite.cases.iter().filter(|c| c.status.is_success()).count();
    assert_eq!(passed, 3);
}

pub(crate) fn add_workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("track.toml"), "plans = [\"plan.toml\"]\n").unwrap();
    std::fs::write(
        dir.path().join("plan.toml"),
        "[plan]\nid = \"p\"\nname = \"P\"\nbaseline = 2020\ntarget = 2025\nactuals = [\"actuals.csv\"]\n\
         [[indicator]]\nid = \"ger\"\nname = \"毛入园率\"\nunit = \"%\"\nbaseline = 90\ntarget = \">= 95\"\n",
    )
    .unwrap();
    dir
}

#[test]
fn add_appends_validated_rows() {
    let dir = add_workspace();
    let csv = dir.path().join("actuals.csv");
    // A file without a final newline, in its own column order.
    std::fs::write(&csv, "period,indicator,value,source\n2021,ger,91,seed").unwrap();
    let o = track(
        dir.path(),
        &[
            "add",
            "ger",
            "92.5%",
            "--period",
            "2022",
            "--source",
            "公报, 2023",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&csv).unwrap(),
        "period,indicator,value,source\n2021,ger,91,seed\n2022,ger,92.5%,\"公报, 2023\"\n"
    );
    // The default period is this year when the plan's periods are years.
    let o = Command::cargo_bin("track")
        .unwrap()
        .current_dir(dir.path())
        .env("TRACK_TODAY", "2023-05-01")
        .args(["add", "ger", "93"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        std::fs::read_to_string(&csv)
            .unwrap()
            .ends_with("2023,ger,93,\n")
    );
    // The same value again: nothing written.
    let before = std::fs::read_to_string(&csv).unwrap();
    let o = track(dir.path(), &["add", "ger", "93.0", "--period", "2023"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stderr(&o).contains("already recorded"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&csv).unwrap(), before);
    let o = track(dir.path(), &["status", "--format", "csv"]);
    assert!(stdout(&o).contains(",2023,93,"), "{}", stdout(&o));
}

#[test]
fn add_refuses_bad_values_and_leaves_the_file_untouched() {
    let dir = add_workspace();
    let csv = dir.path().join("actuals.csv");
    std::fs::write(&csv, "indicator,period,value\nger,2021,91\n").unwrap();
    for (args, expect) in [
        (
            vec!["add", "ger", "9x", "--period", "2022"],
            "`9x` is not a number",
        ),
        (
            vec!["add", "ger", "92", "--period", "2022-13"],
            "`2022-13` is not a period",
        ),
        (
            vec!["add", "gr", "92", "--period", "2022"],
            "did you mean `ger`?",
        ),
        (
            vec!["add", "ger", "95", "--period", "2021"],
            "two different values for `ger` in 2021: 91 (actuals.csv:2) and 95",
        ),
        (
            vec!["add", "ger", "95", "--period", "2022", "--region", "x"],
            "no region column",
        ),
    ] {
        let o = track(dir.path(), &args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(expect), "{args:?}: {}", stderr(&o));
        assert_eq!(
            std::fs::read_to_string(&csv).unwrap(),
            "indicator,period,value\nger,2021,91\n"
        );
    }
    // Periods that are not years need --period.
    std::fs::write(
        dir.path().join("plan.toml"),
        std::fs::read_to_string(dir.path().join("plan.toml"))
            .unwrap()
            .replace(
                "baseline = 2020\ntarget = 2025",
                "baseline = \"2020-Q4\"\ntarget = \"2025-Q4\"",
            ),
    )
    .unwrap();
    let o = track(dir.path(), &["add", "ger", "92"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--period is required"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn concurrent_adds_never_tear_or_lose_a_row() {
    let dir = add_workspace();
    let plan = std::fs::read_to_string(dir.path().join("plan.toml")).unwrap();
    // Daily periods, so that 8 × 500 rows are all distinct.
    let plan = plan.replace(
        "baseline = 2020\ntarget = 2025",
        "baseline = \"2020-01-01\"\ntarget = \"2025-12-31\"",
    );
    std::fs::write(dir.path().join("plan.toml"), plan).unwrap();
    let csv = dir.path().join("actuals.csv");
    std::fs::write(&csv, "indicator,period,value").unwrap(); // no final newline
    let bin = assert_cmd::cargo::cargo_bin("track");
    let workers: Vec<_> = (0..8)
        .map(|w| {
            let bin = bin.clone();
            let cwd = dir.path().to_path_buf();
            std::thread::spawn(move || {
                for i in 0..500 {
                    let day = w * 500 + i; // 0..4000: distinct days from 2020-01-01
                    let period = day_to_date(day);
                    let ok = std::process::Command::new(&bin)
                        .current_dir(&cwd)
                        .args([
                            "add",
                            "ger",
                            &format!("{}.{}", 90 + w, i % 10),
                            "--period",
                            &period,
                        ])
                        .output()
                        .unwrap();
                    assert!(
                        ok.status.success(),
                        "{}",
                        String::from_utf8_lossy(&ok.stderr)
                    );
                }
            })
        })
        .collect();
    for w in workers {
        w.join().unwrap();
    }
    let text = std::fs::read_to_string(&csv).unwrap();
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = rdr
        .records()
        .map(|r| r.expect("every row parses"))
        .collect();
    assert_eq!(rows.len(), 4000);
    assert!(rows.iter().all(|r| r.len() == 3 && &r[0] == "ger"));
    let o = track(dir.path(), &["validate"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("4000 values"), "{}", stdout(&o));
}

/// `YYYY-MM-DD` of the `n`th day from 2020-01-01.
pub(crate) fn day_to_date(n: usize) -> String {
    let mut days = n;
    let mut y = 2020;
    loop {
        let len = if y % 4 == 0 { 366 } else { 365 };
        if days < len {
            break;
        }
        days -= len;
        y += 1;
    }
    let months = [
        31,
        if y % 4 == 0 { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    let mut m = 0;
    while days >= months[m] {
        days -= months[m];
        m += 1;
    }
    format!("{y}-{:02}-{:02}", m + 1, days + 1)
}

#[test]
#[cfg(feature = "xlsx")]
fn add_never_writes_into_a_workbook() {
    let dir = add_workspace();
    let plan = dir.path().join("plan.toml");
    std::fs::write(
        &plan,
        std::fs::read_to_string(&plan)
            .unwrap()
            .replace("actuals.csv", "actuals.xlsx"),
    )
    .unwrap();
    let book = dir.path().join("actuals.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["indicator", "period", "value"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "ger").unwrap();
    ws.write_number(1, 1, 2021).unwrap();
    ws.write_number(1, 2, 91).unwrap();
    wb.save(&book).unwrap();
    let before = std::fs::read(&book).unwrap();

    let o = track(dir.path(), &["add", "ger", "92", "--period", "2022"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("actuals.xlsx is a workbook; `track add` appends to CSV files only"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(&book).unwrap(), before);

    // With --file, the new row goes to a CSV and is checked against the
    // workbook's values.
    let o = track(
        dir.path(),
        &["add", "ger", "95", "--period", "2021", "--file", "more.csv"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("two different values"),
        "{}",
        stderr(&o)
    );
    assert!(
        !dir.path().join("more.csv").exists()
            || std::fs::read_to_string(dir.path().join("more.csv"))
                .unwrap()
                .is_empty()
    );
    let o = track(
        dir.path(),
        &["add", "ger", "92", "--period", "2022", "--file", "more.csv"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("more.csv")).unwrap(),
        "indicator,region,period,value,source,note\nger,,2022,92,,\n"
    );
    assert_eq!(std::fs::read(&book).unwrap(), before);
}

#[test]
fn add_keeps_the_file_s_line_endings_and_drops_nothing_silently() {
    let dir = add_workspace();
    let csv = dir.path().join("actuals.csv");
    std::fs::write(&csv, "indicator,period,value\r\nger,2021,91\r\n").unwrap();
    let o = track(dir.path(), &["add", "ger", "92", "--period", "2022"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&csv).unwrap(),
        "indicator,period,value\r\nger,2021,91\r\nger,2022,92\r\n"
    );
    // Old Mac files (Excel's "CSV (Macintosh)") end lines with a lone CR.
    let mac = dir.path().join("mac.csv");
    std::fs::write(&mac, "indicator,period,value\rger,2019,89\r").unwrap();
    let o = track(
        dir.path(),
        &[
            "add", "ger", "92.5", "--period", "2024", "--file", "mac.csv",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&mac).unwrap(),
        "indicator,period,value\rger,2019,89\rger,2024,92.5\r"
    );
    for (args, expect) in [
        (
            vec!["add", "ger", "93", "--period", "2023", "--source", "公报"],
            "the file has no source column, so --source cannot be recorded",
        ),
        (
            vec!["add", "ger", "93", "--period", "2023", "--note", "估计"],
            "the file has no note column",
        ),
        (
            vec!["add", "ger", " ", "--period", "2023"],
            "no value given",
        ),
    ] {
        let o = track(dir.path(), &args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains(expect), "{args:?}: {}", stderr(&o));
    }
    // A file the plan does not read: written, with a warning.
    let o = track(
        dir.path(),
        &[
            "add",
            "ger",
            "93",
            "--period",
            "2023",
            "--file",
            "other.csv",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("other.csv is not among the actuals of plan.toml"),
        "{}",
        stderr(&o)
    );
}
