//! `track validate` and broken input: exit 2 and every problem with its
//! file:line:col (the fixtures `bad-target/`, `unknown-key/`, `bad-csv/`,
//! `duplicate/`, `no-direction/`, `bad-toml/`), refused alike by every
//! command; CSV that would be misread; paths relative to where the user is.

use crate::{
    assert_has, bundled, fixture, has, ok, one_file_workspace, output, root, run, stderr_of,
};

#[test]
fn bundled_validate_ok() {
    let out = bundled(&["validate"]);
    has(&out.stdout, "data/china/plan.toml");
    assert!(out.stdout.contains("data/inner-mongolia/plan.toml"));
    assert!(out.stdout.contains("data/xilingol/plan.toml"));
    assert!(!out.stderr.contains("error"), "{}", out.stderr);
}

/// `track validate` in a broken fixture: exit 2, nothing on stdout.
fn validate_broken(name: &str) -> String {
    let out = run(&fixture(name), &["validate"]);
    assert_eq!(out.code, 2, "{name}: stderr:\n{}", out.stderr);
    assert_eq!(out.stdout, "", "{name}: nothing on stdout");
    out.stderr
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
