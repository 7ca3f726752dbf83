//! Getting started: `track init` in an empty directory (zh and en) and
//! `track status` at once; `init` refusing to overwrite.

use std::collections::BTreeSet;
use std::path::Path;

use crate::{output as track, stderr_of as stderr, stdout_of as stdout};

/// The statuses `track status --format json` reports in `dir`.
fn statuses(dir: &Path) -> BTreeSet<String> {
    let o = track(dir, &["status", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    v["series"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["status"].as_str().unwrap_or("").to_string())
        .collect()
}

const EVERY_STATUS: [&str; 8] = [
    "achieved",
    "ahead",
    "at-risk",
    "missed",
    "no-data",
    "off-track",
    "on-track",
    "regressing",
];

#[test]
fn init_then_status_works_at_once_in_chinese() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let o = track(dir, &["init"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("track status"), "{}", stderr(&o));
    for f in ["track.toml", "plan.toml", "actuals.csv"] {
        assert!(dir.join(f).is_file(), "{f}");
    }
    assert!(
        std::fs::read_to_string(dir.join("track.toml"))
            .unwrap()
            .contains("lang = \"zh\"")
    );
    // No temporary files are left behind.
    assert_eq!(std::fs::read_dir(dir).unwrap().count(), 3);

    let o = track(dir, &["status"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
    let out = stdout(&o);
    for want in [
        "示例县“十四五”教育事业发展规划（截至2023年）",
        "学前三年毛入园率",
        "基本符合预期",
        "不升反降",
        "未实现",
    ] {
        assert!(out.contains(want), "missing {want:?} in\n{out}");
    }
    assert_eq!(
        statuses(dir),
        EVERY_STATUS.iter().map(|s| s.to_string()).collect()
    );
    let o = track(dir, &["validate"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn init_in_a_new_directory_in_english() {
    let tmp = tempfile::tempdir().unwrap();
    let o = track(tmp.path(), &["--lang", "en", "init", "edu/plan"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("next: cd edu/plan && track status"),
        "{}",
        stderr(&o)
    );
    let dir = tmp.path().join("edu/plan");
    assert!(
        std::fs::read_to_string(dir.join("track.toml"))
            .unwrap()
            .contains("lang = \"en\"")
    );
    let o = track(&dir, &["status"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    for want in [
        "Example County 14th Five-Year Education Development Plan (as of 2023)",
        "on track",
        "moving away",
    ] {
        assert!(out.contains(want), "missing {want:?} in\n{out}");
    }
    assert_eq!(
        statuses(&dir),
        EVERY_STATUS.iter().map(|s| s.to_string()).collect()
    );
    // The plan shows every target form of `docs/plan-format.md#target-expressions`.
    let plan = std::fs::read_to_string(dir.join("plan.toml")).unwrap();
    for form in [
        "target = 92",
        "\">= 85\"",
        "\"≥96%\"",
        "\"> 92\"",
        "\"<= 17\"",
        "\"< 2\"",
        "\"45..50\"",
        "\"+5pp\"",
        "\"+10%\"",
        "\"maintain\"",
        "better_than",
        "every_period",
        "milestones",
    ] {
        assert!(plan.contains(form), "{form}");
    }
}

#[test]
fn init_refuses_to_overwrite_and_names_the_files() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::write(dir.join("plan.toml"), "# mine\n").unwrap();
    std::fs::write(dir.join("actuals.csv"), "indicator,period,value\n").unwrap();
    let o = track(dir, &["init"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("error: plan.toml already exists; not overwriting it"),
        "{err}"
    );
    assert!(
        err.contains("error: actuals.csv already exists; not overwriting it"),
        "{err}"
    );
    assert!(err.contains("--force"), "{err}");
    // Nothing was written, not even the file that was free.
    assert!(!dir.join("track.toml").exists());
    assert_eq!(
        std::fs::read_to_string(dir.join("plan.toml")).unwrap(),
        "# mine\n"
    );

    let o = track(dir, &["init", "--force"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        std::fs::read_to_string(dir.join("plan.toml"))
            .unwrap()
            .contains("[plan]")
    );
    let o = track(dir, &["status"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}
