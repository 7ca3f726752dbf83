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
