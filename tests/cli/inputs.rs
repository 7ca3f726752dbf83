//! Input that is wrong in a way a hostile user or a failing machine would
//! make it: endless or enormous files, names that match nothing, encodings.
//! Every such input ends in an error naming the file (exit 2), never a
//! hang, a flood of output or a silent success.

use crate::{fixture, output as track, stderr_of as stderr, stdout_of as stdout};

#[test]
#[cfg(unix)]
fn endless_actuals_end_in_an_error() {
    let o = track(&fixture("basic"), &["validate", "--actuals", "/dev/zero"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("/dev/zero: a row longer than 1 MiB"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).len() < 1000);
    assert_eq!(stdout(&o), "");
}

#[test]
fn a_huge_bad_row_prints_a_window_of_it() {
    let dir = tempfile::tempdir().unwrap();
    let basic = fixture("basic");
    std::fs::copy(basic.join("plan.toml"), dir.path().join("plan.toml")).unwrap();
    let long = "x".repeat(900 << 10);
    std::fs::write(
        dir.path().join("a.csv"),
        format!("indicator,period,value,note\nger,2021,9x,{long}\n"),
    )
    .unwrap();
    let o = track(
        dir.path(),
        &["validate", "--plan", "plan.toml", "--actuals", "a.csv"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("--> a.csv:2:10"),
        "{}",
        &stderr(&o)[..2000.min(stderr(&o).len())]
    );
    assert!(stderr(&o).len() < 2000, "{} bytes", stderr(&o).len());
}

/// A copy of the `basic` fixture whose plan's `actuals` line is `actuals`.
fn basic_with_actuals(actuals: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let basic = fixture("basic");
    for f in ["track.toml", "actuals.csv"] {
        std::fs::copy(basic.join(f), dir.path().join(f)).unwrap();
    }
    let plan = std::fs::read_to_string(basic.join("plan.toml")).unwrap();
    let plan = plan.replace("actuals = [\"actuals.csv\"]", actuals);
    std::fs::write(dir.path().join("plan.toml"), plan).unwrap();
    dir
}

#[test]
fn an_actuals_pattern_matching_no_file_is_an_error_at_it() {
    let dir = basic_with_actuals("actuals = [\"actual*.cvs\"]");
    let o = track(dir.path(), &["validate"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("error: no actuals file matches `actual*.cvs`"),
        "{err}"
    );
    assert!(err.contains("--> plan.toml:11:12"), "{err}");
    assert_eq!(stdout(&o), "");
}

#[test]
fn a_directory_as_actuals_is_named_once() {
    let dir = basic_with_actuals("actuals = [\".\"]");
    let o = track(dir.path(), &["validate"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("cannot read actuals . (listed by plan.toml): it is a directory"),
        "{err}"
    );
    assert_eq!(
        err.matches("error:").count(),
        2,
        "one problem and the tally: {err}"
    );
    std::fs::create_dir(dir.path().join("data")).unwrap();
    let o = track(dir.path(), &["validate", "--actuals", "data"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("cannot read actuals data (given with --actuals): it is a directory"),
        "{err}"
    );
    assert!(!err.contains("empty"), "{err}");
    assert_eq!(err.matches("error:").count(), 2, "{err}");
}

#[test]
fn a_plan_that_is_not_utf8_is_an_error_at_its_line() {
    let dir = basic_with_actuals("actuals = [\"actuals.csv\"]");
    let plan = std::fs::read_to_string(dir.path().join("plan.toml")).unwrap();
    let (gbk, _, _) = encoding_rs::GB18030.encode(&plan);
    std::fs::write(dir.path().join("plan.toml"), &gbk).unwrap();
    let o = track(dir.path(), &["validate"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("error: plan.toml is not UTF-8 text"), "{err}");
    // The first line is a comment with Chinese in it, after `# `.
    assert!(err.contains("--> plan.toml:1:3"), "{err}");
    // UTF-16 (Notepad's "Unicode") is read, with a note.
    let mut utf16 = vec![0xFF, 0xFE];
    for u in plan.encode_utf16() {
        utf16.extend(u.to_le_bytes());
    }
    std::fs::write(dir.path().join("plan.toml"), &utf16).unwrap();
    let o = track(dir.path(), &["validate"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("plan.toml is UTF-16 text"),
        "{}",
        stderr(&o)
    );
}
