//! `track check` (the CI gate), run as a user or a CI job would run it.

use std::path::PathBuf;

use crate::{output as track, root, stderr_of as stderr, stdout_of as stdout};

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
