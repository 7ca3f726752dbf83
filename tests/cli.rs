//! Integration tests: the `track` binary run on the bundled data (`data/`,
//! `track.toml`) and on the fixtures in `tests/fixtures/`, as a user runs it.
//!
//! This file holds the helpers; each command has its own module in
//! `tests/cli/` (the `mod` lines at the end), all in one test binary (one
//! link instead of one per file: the first `cargo test` is shorter), with
//! the reader at scale (`scale.rs`).
//! Snapshots live in `tests/cli/snapshots/` (the report's in
//! `tests/snapshots/`); refresh them with
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
//! - `init-from/`: a published plan's indicator table as text, HTML and
//!   DOCX, for `track init --from` (see `cli/init_from.rs`).

use std::path::{Path, PathBuf};

use assert_cmd::Command;
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

const STATUSES: [&str; 8] = [
    "achieved",
    "ahead",
    "on-track",
    "at-risk",
    "off-track",
    "regressing",
    "missed",
    "no-data",
];

/// The columns `docs/outputs.md#machine-readable-columns` promises in `--format json` and `--format csv`.
const REQUIRED_COLUMNS: [&str; 25] = [
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

fn assert_has(stderr: &str, needles: &[&str]) {
    for n in needles {
        assert!(stderr.contains(n), "expected {n:?} in stderr:\n{stderr}");
    }
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

// ---------------------------------------------------------------------------
// One module per command (one test binary for all of them).

#[path = "cli/add.rs"]
mod add;
#[path = "cli/check.rs"]
mod check;
#[path = "cli/color.rs"]
mod color;
#[path = "cli/evaluation.rs"]
mod evaluation;
#[path = "cli/formats.rs"]
mod formats;
#[path = "cli/generate.rs"]
mod generate;
#[path = "cli/import.rs"]
mod import;
#[path = "cli/import_offices.rs"]
mod import_offices;
#[path = "cli/init.rs"]
mod init;
#[path = "cli/init_from.rs"]
mod init_from;
#[path = "cli/inputs.rs"]
mod inputs;
#[path = "cli/office.rs"]
mod office;
#[path = "cli/readme.rs"]
mod readme;
#[path = "cli/report.rs"]
mod report;
#[path = "cli/scale.rs"]
mod scale;
#[path = "cli/select.rs"]
mod select;
#[path = "cli/show.rs"]
mod show;
#[path = "cli/status.rs"]
mod status;
#[path = "cli/targets.rs"]
mod targets;
#[path = "cli/validate.rs"]
mod validate;
#[path = "cli/workspace.rs"]
mod workspace;
