//! The documentation, run as written: every ```console block of
//! `README.md` and `docs/*.md` is run by trycmd from the repository root,
//! on the bundled data (read-only), and the output shown under each `$`
//! line (standard output and error together) must be the output.
//! `tests/readme/*.trycmd` hold the examples that write files (`init`,
//! `add`, `report`…), each run in a scratch folder (the `.out` folder beside
//! it lists files expected afterwards, compared with what was written); a
//! document shows such a block as ```console,ignore, and it must be, byte
//! for byte, a block of one of those files. A command shown in a ```sh
//! block (where shell redirection is needed) must be run, without its
//! redirection, by one of the tested blocks. So a README that drifts from
//! the program fails here.
//!
//! Outputs change: when they should (new status words, new columns),
//! regenerate them in place with
//! `TRYCMD=overwrite cargo test --test cli readme` and read the diff of
//! `README.md`, `docs/` and `tests/readme/`. `...` on a line of its own
//! (any lines) and `[..]` (any text on a line) are elisions; use them only
//! for output that varies from run to run, never to shorten.

use std::path::Path;

use crate::root;

#[test]
fn readme_and_docs_run_as_written() {
    trycmd::TestCases::new()
        // Full width and no colour, as into a pipe; a fixed day for the
        // commands that use the date (`add` without `--period`, revisions).
        .env("NO_COLOR", "1")
        .env("TRACK_WIDTH", "0")
        .env("TRACK_TODAY", "2026-03-01")
        .env("LANG", "C.UTF-8")
        .case(root().join("README.md"))
        .case(root().join("docs/*.md"))
        .case(root().join("tests/readme/*.trycmd"));
}

/// The ```LANG blocks of a Markdown file, as (info string, body).
fn blocks(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut open: Option<(String, String)> = None;
    for line in text.lines() {
        match (&mut open, line.strip_prefix("```")) {
            (None, Some(info)) => open = Some((info.trim().to_string(), String::new())),
            (Some(_), Some(_)) => out.extend(open.take()),
            (Some((_, body)), None) => {
                body.push_str(line);
                body.push('\n');
            }
            (None, None) => {}
        }
    }
    out
}

/// The documents whose examples are run: README.md and docs/*.md.
fn documents() -> Vec<(String, String)> {
    let mut docs = vec![root().join("README.md")];
    let mut more: Vec<_> = std::fs::read_dir(root().join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    more.sort();
    docs.extend(more);
    (docs.iter())
        .map(|p| {
            let name = p.strip_prefix(root()).unwrap_or(p).display().to_string();
            (name, std::fs::read_to_string(p).unwrap())
        })
        .collect()
}

/// The text of every case file of `tests/readme/`.
fn case_files() -> Vec<String> {
    let dir = root().join("tests/readme");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "trycmd"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p: &std::path::PathBuf| std::fs::read_to_string(Path::new(p)).unwrap())
        .collect()
}

#[test]
fn the_init_from_example_reads_the_fixture() {
    // tests/readme/init-from.in holds the seed text at the path the README
    // names; it must stay the fixture the init --from tests read.
    let copy = "tests/readme/init-from.in/tests/fixtures/init-from/xilingol.txt";
    assert_eq!(
        std::fs::read(root().join(copy)).unwrap(),
        std::fs::read(root().join("tests/fixtures/init-from/xilingol.txt")).unwrap(),
        "{copy} differs from the fixture: copy it again"
    );
}

#[test]
fn blocks_not_run_in_place_are_run_elsewhere() {
    let cases = case_files();
    let docs = documents();
    // Every `$ track …` line of a tested block.
    let mut run: Vec<String> = Vec::new();
    for text in docs.iter().map(|(_, t)| t).chain(&cases) {
        for (info, body) in blocks(text) {
            if info == "console" || info == "trycmd" {
                run.extend(
                    body.lines()
                        .filter_map(|l| l.strip_prefix("$ "))
                        .map(String::from),
                );
            }
        }
    }
    let mut missing = Vec::new();
    for (name, text) in &docs {
        for (info, body) in blocks(text) {
            if info == "console,ignore" && !cases.iter().any(|c| c.contains(&body)) {
                missing.push(format!(
                    "{name}: a ```console,ignore block in no tests/readme/*.trycmd:\n{body}"
                ));
            }
            // (The reference pages' command lists: see the test below.)
            if info != "sh" || name != "README.md" {
                continue;
            }
            for line in body.lines().map(str::trim) {
                let Some(cmd) = command_of(line) else {
                    continue;
                };
                if !run.iter().any(|r| r == &cmd) {
                    missing.push(format!("{name}: `{cmd}` is run by no tested block"));
                }
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

/// The `track` command of a shell line, without a comment, a redirection
/// or a pipe; `None` for other commands (`cargo`, `mkdir`) and for
/// `track generate`, whose output is a script for the shell or a man page
/// (`tests/cli/generate.rs` checks them).
fn command_of(line: &str) -> Option<String> {
    if !line.starts_with("track ") || line.starts_with("track generate ") {
        return None;
    }
    let mut cmd = line;
    for cut in [" #", " > ", " >> ", " | ", " || ", " 2>"] {
        if let Some(i) = cmd.find(cut) {
            cmd = &cmd[..i];
        }
    }
    Some(cmd.trim().to_string())
}

/// Commands of `docs/*.md` that cannot run as written yet, each with why.
/// A command that starts to work must leave this list (the test says so).
const NOT_YET: &[(&str, &str)] = &[
    (
        "track show preschool_ger",
        "three bundled plans define it: PLAN/ID",
    ),
    (
        "track show preschool_ger --format json",
        "three bundled plans define it: PLAN/ID",
    ),
    (
        "track validate --plan plan.toml --actuals data.csv",
        "names files of the reader's own",
    ),
    (
        "track status --plan plan.toml --actuals data.csv",
        "names files of the reader's own",
    ),
    (
        "track init --from 规划全文.txt",
        "names a file of the reader's own",
    ),
    (
        "track init xilingol --from 规划全文.txt --lang en",
        "names a file of the reader's own",
    ),
    (
        "track init --from 规划.docx",
        "names a file of the reader's own",
    ),
    (
        "track add preschool-ger 94.4 --period 2023 --source \"2023年统计公报\"",
        "the docs' ids are hyphenated, the bundled data's are not",
    ),
    (
        "track add preschool-ger 94.6 --period 2023 --revise --note \"统计部门修订\"",
        "the docs' ids are hyphenated, the bundled data's are not",
    ),
    (
        "track import 统计年鉴.xlsx --plan plan.toml -o actuals.csv",
        "names files of the reader's own",
    ),
    (
        "track import 各盟市.xlsx --plan plan.toml --region-from sheet -o actuals.csv",
        "names files of the reader's own",
    ),
];

/// The words of a shell command line: spaces separate, double quotes group.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let (mut quoted, mut any) = (false, false);
    for c in line.chars() {
        match c {
            '"' => (quoted, any) = (!quoted, true),
            ' ' if !quoted => {
                if any {
                    out.push(std::mem::take(&mut word));
                }
                any = false;
            }
            _ => {
                word.push(c);
                any = true;
            }
        }
    }
    if any {
        out.push(word);
    }
    out
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

#[test]
fn docs_commands_run_on_the_bundled_data() {
    // The reference pages list commands in ```sh blocks, without output:
    // each block runs, line after line, in a scratch copy of the bundled
    // workspace (`track init` in an empty folder), a `> FILE` written
    // there, and each command exits 0 (or 1, for `check`'s findings),
    // unless listed in NOT_YET.
    let mut problems = Vec::new();
    for (name, text) in documents().iter().filter(|(n, _)| n.starts_with("docs")) {
        for (info, body) in blocks(text) {
            if info != "sh" {
                continue;
            }
            let bundled = tempfile::tempdir().unwrap();
            std::fs::copy(root().join("track.toml"), bundled.path().join("track.toml")).unwrap();
            copy_dir(&root().join("data"), &bundled.path().join("data"));
            for line in body.lines().map(str::trim) {
                let Some(cmd) = command_of(line) else {
                    continue;
                };
                let empty = tempfile::tempdir().unwrap();
                let dir = match cmd.starts_with("track init") {
                    true => empty.path(),
                    false => bundled.path(),
                };
                let args = words(&cmd);
                let out = crate::track(dir)
                    .env("TRACK_TODAY", "2026-03-01")
                    .args(&args[1..])
                    .output()
                    .unwrap();
                if let Some((_, file)) = line.split_once(" > ") {
                    let file = file.split(" #").next().unwrap_or_default().trim();
                    std::fs::write(dir.join(file), &out.stdout).unwrap();
                }
                let ran = matches!(out.status.code(), Some(0 | 1));
                match (ran, NOT_YET.iter().find(|(c, _)| *c == cmd)) {
                    (true, Some(_)) => problems.push(format!(
                        "{name}: `{cmd}` runs now: take it out of NOT_YET in tests/cli/readme.rs"
                    )),
                    (false, None) => problems.push(format!(
                        "{name}: `{cmd}` fails:\n{}",
                        String::from_utf8_lossy(&out.stderr)
                    )),
                    _ => {}
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
