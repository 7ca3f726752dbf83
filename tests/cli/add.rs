//! `track add` when the machine fails it: a full disk or a file size limit
//! part-way through a row leaves the file byte for byte as it was.

use crate::check::add_workspace;
use crate::stderr_of as stderr;

/// An actuals file of exactly `len` bytes (the source column pads it).
fn actuals_of_length(len: usize) -> String {
    let head = "indicator,period,value,source\nger,2021,91,";
    let mut s = head.to_string();
    s.push_str(&"x".repeat(len - head.len() - 1));
    s.push('\n');
    assert_eq!(s.len(), len);
    s
}

/// `track ARGS` in `dir` under a file size limit of 512 bytes (`ulimit -f
/// 1`: 512-byte blocks in POSIX sh), with `SIGXFSZ` ignored or not.
fn limited(dir: &std::path::Path, ignore_xfsz: bool, args: &[&str]) -> std::process::Output {
    let bin = assert_cmd::cargo::cargo_bin("track");
    let trap = if ignore_xfsz { "trap '' XFSZ; " } else { "" };
    std::process::Command::new("sh")
        .current_dir(dir)
        .arg("-c")
        .arg(format!("ulimit -f 1; {trap}exec \"$0\" \"$@\""))
        .arg(bin)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run track under sh")
}

#[test]
#[cfg(unix)]
fn add_past_a_file_size_limit_leaves_the_file_as_it_was() {
    // 500 bytes: the row fits partly (a short write); 512: not at all
    // (with SIGXFSZ ignored, the write fails with EFBIG).
    for (len, ignore) in [(500, false), (500, true), (512, true)] {
        let dir = add_workspace();
        let csv = dir.path().join("actuals.csv");
        let before = actuals_of_length(len);
        std::fs::write(&csv, &before).unwrap();
        let o = limited(
            dir.path(),
            ignore,
            &["add", "ger", "92.5", "--period", "2022"],
        );
        assert_eq!(o.status.code(), Some(2), "{len} {ignore}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("cannot write to actuals.csv (the file is left as it was"),
            "{}",
            stderr(&o)
        );
        assert_eq!(
            std::fs::read_to_string(&csv).unwrap(),
            before,
            "{len} {ignore}"
        );
    }
}
