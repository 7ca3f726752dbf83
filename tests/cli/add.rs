//! `track add`: appending actuals as a user or a script would, validated;
//! bad values leave the file untouched; concurrent adds neither tear nor lose
//! a row; workbooks are never written into; line endings are kept; a full
//! disk or a file size limit part-way through a row leaves the file byte for
//! byte as it was; `--revise` replaces a value and keeps the old one.

use crate::{output as track, stderr_of as stderr, stdout_of as stdout};
use assert_cmd::Command;

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
fn day_to_date(n: usize) -> String {
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

/// `track ARGS` in `dir` on 6 May 2024.
fn on_day(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    assert_cmd::Command::cargo_bin("track")
        .unwrap()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("TRACK_TODAY", "2024-05-06")
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn revise_replaces_a_value_and_keeps_the_old_one_in_the_note() {
    let dir = add_workspace();
    let csv = dir.path().join("actuals.csv");
    std::fs::write(
        &csv,
        "indicator,period,value,source,note\r\nger,2021,91,,\r\nger,2022,92.1,快报,初值\r\n",
    )
    .unwrap();
    // Without --revise a different value is refused, as ever.
    let o = on_day(dir.path(), &["add", "ger", "92.5", "--period", "2022"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let args = [
        "add", "ger", "92.5", "--period", "2022", "--revise", "--source", "公报",
    ];
    let o = on_day(dir.path(), &args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("revised ger for 2022 in actuals.csv: 92.1 → 92.5"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read_to_string(&csv).unwrap(),
        "indicator,period,value,source,note\r\nger,2021,91,,\r\n\
         ger,2022,92.5,公报,初值 [修订 2024-05-06: 92.1 → 92.5]\r\n"
    );
    // The same again: nothing to do.
    let before = std::fs::read_to_string(&csv).unwrap();
    let o = on_day(dir.path(), &args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("already recorded"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&csv).unwrap(), before);
    // A period not yet recorded: an ordinary add.
    let o = on_day(
        dir.path(),
        &["add", "ger", "93", "--period", "2023", "--revise"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        std::fs::read_to_string(&csv)
            .unwrap()
            .ends_with("ger,2023,93,,\r\n")
    );
    // `show` marks the revised value.
    let o = on_day(dir.path(), &["show", "ger"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    let line = out.lines().find(|l| l.contains("2022")).unwrap_or_default();
    assert!(line.contains("92.5% (修订)"), "{out}");
    assert!(line.contains("[修订 2024-05-06: 92.1 → 92.5]"), "{out}");
}

#[test]
fn revise_refuses_what_it_cannot_record_and_changes_nothing() {
    let dir = add_workspace();
    let csv = dir.path().join("actuals.csv");
    for (before, args, expect) in [
        (
            "indicator,period,value\nger,2021,91\n",
            vec!["add", "ger", "92", "--period", "2021", "--revise"],
            "actuals.csv: the file has no note column",
        ),
        (
            "indicator,period,value,note\nger,2021,91,\n",
            vec!["add", "ger", "9x", "--period", "2021", "--revise"],
            "`9x` is not a number",
        ),
    ] {
        std::fs::write(&csv, before).unwrap();
        let o = on_day(dir.path(), &args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(expect), "{args:?}: {}", stderr(&o));
        assert_eq!(std::fs::read_to_string(&csv).unwrap(), before);
    }
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names.len(), 3, "no temporary file left: {names:?}");
}

#[test]
fn concurrent_revisions_keep_every_row_and_every_revision() {
    let dir = add_workspace();
    let plan = std::fs::read_to_string(dir.path().join("plan.toml")).unwrap();
    let plan = plan.replace(
        "baseline = 2020\ntarget = 2025",
        "baseline = \"2020-01-01\"\ntarget = \"2025-12-31\"",
    );
    std::fs::write(dir.path().join("plan.toml"), plan).unwrap();
    let csv = dir.path().join("actuals.csv");
    let mut seed = String::from("indicator,period,value,note\n");
    for r in 0..4 {
        seed.push_str(&format!("ger,{},50,\n", day_to_date(r)));
    }
    std::fs::write(&csv, seed).unwrap();
    const ROUNDS: usize = 6;
    let bin = assert_cmd::cargo::cargo_bin("track");
    let workers: Vec<_> = (0..8)
        .map(|w| {
            let (bin, cwd) = (bin.clone(), dir.path().to_path_buf());
            std::thread::spawn(move || {
                for i in 0..ROUNDS {
                    // Two writers revise each seeded row; each also adds rows of its own.
                    let revise = [
                        "add".to_string(),
                        "ger".into(),
                        format!("{}", w * 100 + i),
                        "--period".into(),
                        day_to_date(w % 4),
                        "--revise".into(),
                    ];
                    let add = [
                        "add".to_string(),
                        "ger".into(),
                        "1".into(),
                        "--period".into(),
                        day_to_date(100 + w * ROUNDS + i),
                    ];
                    for args in [&revise[..], &add[..]] {
                        let o = std::process::Command::new(&bin)
                            .current_dir(&cwd)
                            .env("TRACK_TODAY", "2024-05-06")
                            .env("NO_COLOR", "1")
                            .args(args)
                            .output()
                            .unwrap();
                        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
                    }
                }
            })
        })
        .collect();
    for w in workers {
        w.join().unwrap();
    }
    let text = std::fs::read_to_string(&csv).unwrap();
    let rows: Vec<csv::StringRecord> = csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(|r| r.expect("every row parses"))
        .collect();
    assert_eq!(rows.len(), 4 + 8 * ROUNDS, "{text}");
    for r in 0..4 {
        let row = rows.iter().find(|row| row[1] == day_to_date(r)).unwrap();
        // Every revision is in the note, each from the value the one before left.
        let stamps: Vec<(&str, &str)> = row[3]
            .split(" [")
            .map(|s| {
                let s = s.trim_start_matches('[').trim_end_matches(']');
                let (old, new) = s.split_once(": ").unwrap().1.split_once(" → ").unwrap();
                (old, new)
            })
            .collect();
        assert_eq!(stamps.len(), 2 * ROUNDS, "{}", &row[3]);
        assert_eq!(stamps[0].0, "50");
        for pair in stamps.windows(2) {
            assert_eq!(pair[0].1, pair[1].0, "{}", &row[3]);
        }
        assert_eq!(stamps.last().unwrap().1, &row[2]);
        let mut written: Vec<usize> = stamps.iter().map(|s| s.1.parse().unwrap()).collect();
        written.sort();
        let mut want: Vec<usize> = [r, r + 4]
            .iter()
            .flat_map(|w| (0..ROUNDS).map(move |i| w * 100 + i))
            .collect();
        want.sort();
        assert_eq!(written, want);
    }
    let o = on_day(dir.path(), &["validate"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
#[cfg(unix)]
fn a_revision_past_a_file_size_limit_leaves_the_file_as_it_was() {
    let dir = add_workspace();
    let csv = dir.path().join("actuals.csv");
    let head = "indicator,period,value,note\nger,2021,91,";
    let before = format!("{head}{}\n", "x".repeat(500 - head.len() - 1));
    std::fs::write(&csv, &before).unwrap();
    let o = limited(
        dir.path(),
        true,
        &["add", "ger", "92", "--period", "2021", "--revise"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("cannot write actuals.csv (the file is left as it was)"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read_to_string(&csv).unwrap(), before);
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names.len(), 3, "no temporary file left: {names:?}");
}

/// `track ARGS` in `dir` on `day` (YYYY-MM-DD).
fn on(day: &str, dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    assert_cmd::Command::cargo_bin("track")
        .unwrap()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("TRACK_TODAY", day)
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn add_without_period_records_this_year_up_to_the_plan_s_deadline_and_says_so() {
    // A fresh `init` workspace: deadline 2025, data to 2023.
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(
        on("2026-03-01", dir.path(), &["init"]).status.code(),
        Some(0)
    );
    let csv = dir.path().join("actuals.csv");
    // In 2026 the plan is over: the value is its last deadline's, and said so.
    let o = on("2026-03-01", dir.path(), &["add", "preschool_ger", "92.5"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stderr(&o),
        "已记录 92.5: preschool_ger, 2025 (actuals.csv); \
         2025 年是规划的最后期限 (今年是 2026 年; 其他时期请用 --period)\n"
    );
    assert!(
        std::fs::read_to_string(&csv)
            .unwrap()
            .ends_with("preschool_ger,,2025,92.5,,\n")
    );
    let o = on("2026-03-01", dir.path(), &["status"]);
    assert!(stdout(&o).contains("（截至2025年）"), "{}", stdout(&o));
    // In English; and within the plan's years, this year, with no more said.
    let o = on(
        "2024-11-30",
        dir.path(),
        &["add", "high_school_ger", "91.2", "--lang", "en"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stderr(&o),
        "recorded 91.2 for high_school_ger, 2024 (in actuals.csv)\n"
    );
    // --period is taken as given, even after the deadline.
    let o = on(
        "2026-03-01",
        dir.path(),
        &[
            "add",
            "high_school_ger",
            "92.4",
            "--period",
            "2026",
            "--lang",
            "en",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stderr(&o),
        "recorded 92.4 for high_school_ger, 2026 (in actuals.csv)\n"
    );
}

#[test]
fn add_after_an_indicator_s_deadline_needs_period() {
    // `a` is due in 2022, `b` (and so the plan) in 2025.
    let dir = add_workspace();
    std::fs::write(
        dir.path().join("plan.toml"),
        "[plan]\nid = \"p\"\nname = \"P\"\nbaseline = 2020\ntarget = 2025\nactuals = [\"actuals.csv\"]\n\
         [[indicator]]\nid = \"a\"\nunit = \"%\"\nbaseline = 90\ntarget = \">= 95\"\ntarget_period = 2022\n\
         [[indicator]]\nid = \"b\"\nunit = \"%\"\nbaseline = 90\ntarget = \">= 95\"\n",
    )
    .unwrap();
    let csv = dir.path().join("actuals.csv");
    std::fs::write(&csv, "indicator,period,value\na,2021,91\n").unwrap();
    let o = on("2024-05-06", dir.path(), &["add", "a", "94"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(
            "--period is required: `a`'s deadline is 2022 and this year is 2024; \
             give --period 2022 for the value at the deadline, or --period 2024 to record one after it"
        ),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read_to_string(&csv).unwrap(),
        "indicator,period,value\na,2021,91\n"
    );
    let o = on(
        "2024-05-06",
        dir.path(),
        &["add", "a", "94", "--period", "2022"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = on("2024-05-06", dir.path(), &["add", "b", "93"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&csv).unwrap(),
        "indicator,period,value\na,2021,91\na,2022,94\nb,2024,93\n"
    );
}

#[test]
fn add_takes_plan_slash_id_where_several_plans_define_the_indicator() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("track.toml"),
        "plans = [\"city/plan.toml\", \"county/plan.toml\"]\n",
    )
    .unwrap();
    for id in ["city", "county"] {
        std::fs::create_dir(dir.path().join(id)).unwrap();
        std::fs::write(
            dir.path().join(id).join("plan.toml"),
            format!(
                "[plan]\nid = \"{id}-plan\"\nname = \"{id}\"\nbaseline = 2020\ntarget = 2025\n\
                 region = \"{id}\"\nactuals = [\"actuals.csv\"]\n\
                 [[indicator]]\nid = \"ger\"\nunit = \"%\"\nbaseline = 90\ntarget = \">= 95\"\n"
            ),
        )
        .unwrap();
    }
    let o = on(
        "2024-05-06",
        dir.path(),
        &["add", "ger", "92", "--period", "2023"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("indicator `ger` is defined in 2 plans")
            && stderr(&o).contains("`city-plan/ger`, `county-plan/ger`"),
        "{}",
        stderr(&o)
    );
    // The plan's id, or a prefix that names one plan, as `show` takes it.
    for (named, plan) in [("county-plan/ger", "county"), ("ci/ger", "city")] {
        let o = on(
            "2024-05-06",
            dir.path(),
            &["add", named, "92", "--lang", "en"],
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert_eq!(
            stderr(&o),
            format!("recorded 92 for ger, 2024 (in {plan}/actuals.csv)\n")
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join(plan).join("actuals.csv")).unwrap(),
            "indicator,region,period,value,source,note\nger,,2024,92,,\n"
        );
    }
    let o = on("2024-05-06", dir.path(), &["add", "town/ger", "92"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no plan `town`"), "{}", stderr(&o));
}
