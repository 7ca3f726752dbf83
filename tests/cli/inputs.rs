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

/// `text` as Excel on Chinese Windows saves it.
fn gb18030(text: &str) -> Vec<u8> {
    encoding_rs::GB18030.encode(text).0.into_owned()
}

#[test]
fn gb18030_and_utf16_actuals_are_read_with_a_note() {
    let dir = basic_with_actuals("actuals = [\"actuals.csv\"]");
    let csv = dir.path().join("actuals.csv");
    let utf8 = std::fs::read_to_string(&csv).unwrap();
    let reference = track(dir.path(), &["status", "--format", "csv"]);
    assert_eq!(reference.status.code(), Some(0), "{}", stderr(&reference));
    let mut utf16 = vec![0xFF, 0xFE];
    for u in utf8.encode_utf16() {
        utf16.extend(u.to_le_bytes());
    }
    for (bytes, name) in [(gb18030(&utf8), "GB18030"), (utf16, "UTF-16LE")] {
        std::fs::write(&csv, &bytes).unwrap();
        let o = track(dir.path(), &["status", "--format", "csv"]);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", stderr(&o));
        assert!(
            stderr(&o).contains(&format!(
                "actuals.csv is {name} text, not UTF-8: read as {name}"
            )),
            "{}",
            stderr(&o)
        );
        assert_eq!(stdout(&o), stdout(&reference), "{name}");
    }
}

#[test]
fn add_writes_a_gb18030_file_in_gb18030() {
    let dir = crate::add::add_workspace();
    let csv = dir.path().join("actuals.csv");
    std::fs::write(
        &csv,
        gb18030("indicator,period,value,note\nger,2021,91,初值\n"),
    )
    .unwrap();
    let o = track(
        dir.path(),
        &["add", "ger", "92", "--period", "2022", "--note", "快报"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        std::fs::read(&csv).unwrap(),
        gb18030("indicator,period,value,note\nger,2021,91,初值\nger,2022,92,快报\n")
    );
    let o = assert_cmd::Command::cargo_bin("track")
        .unwrap()
        .current_dir(dir.path())
        .env("TRACK_TODAY", "2024-05-06")
        .args(["add", "ger", "91.5", "--period", "2021", "--revise"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        std::fs::read(&csv).unwrap(),
        gb18030(
            "indicator,period,value,note\nger,2021,91.5,初值 [修订 2024-05-06: 91 → 91.5]\nger,2022,92,快报\n"
        )
    );
    // UTF-16: refused, untouched.
    let mut utf16 = vec![0xFF, 0xFE];
    for u in "indicator,period,value\nger,2021,91\n".encode_utf16() {
        utf16.extend(u.to_le_bytes());
    }
    std::fs::write(&csv, &utf16).unwrap();
    let o = track(dir.path(), &["add", "ger", "92", "--period", "2022"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("actuals.csv is UTF-16LE text"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(&csv).unwrap(), utf16);
}

#[test]
fn import_reads_a_gb18030_csv() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixture("basic").join("plan.toml"),
        dir.path().join("plan.toml"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("wide.csv"),
        gb18030("指标,2020年,2021年,2022年\n学前三年毛入园率,93,——,94\n"),
    )
    .unwrap();
    let o = track(dir.path(), &["import", "wide.csv", "--plan", "plan.toml"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("wide.csv is GB18030 text, not UTF-8: read as GB18030"),
        "{}",
        stderr(&o)
    );
    assert!(
        stdout(&o).contains("preschool_ger,lakeside,2022,94,import: wide.csv"),
        "{}",
        stdout(&o)
    );
    assert!(!stdout(&o).contains(",2021,"), "{}", stdout(&o));
}
