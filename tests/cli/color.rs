//! Colour: none under `NO_COLOR` or when stdout is a pipe; the status words
//! coloured with `--color always`; JSON never coloured.

use crate::{basic, line_with, root, run_cmd, track};
use serde_json::Value;

#[test]
fn no_ansi_with_no_color() {
    let out = basic(&["status"]);
    assert!(
        !out.stdout.contains('\x1b'),
        "NO_COLOR=1 must disable colour"
    );
    assert!(!out.stderr.contains('\x1b'));
    let out = run_cmd(track(&root()), &["status"]);
    assert!(
        !out.stderr.contains('\x1b'),
        "the warning is not coloured either"
    );
}

#[test]
fn no_ansi_when_piped() {
    let mut cmd = track(&root());
    cmd.env_remove("NO_COLOR");
    let out = run_cmd(cmd, &["-C", "tests/fixtures/basic", "status"]);
    assert_eq!(out.code, 0);
    assert!(!out.stdout.contains('\x1b'), "stdout is a pipe: no colour");
    assert!(!out.stderr.contains('\x1b'));
}

fn strip_ansi(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            // CSI: ESC [ params final-byte
            if chars.next() == Some('[') {
                for c in chars.by_ref() {
                    if ('@'..='~').contains(&c) {
                        break;
                    }
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn ansi_with_color_always() {
    let mut cmd = track(&root());
    cmd.env_remove("NO_COLOR");
    let out = run_cmd(
        cmd,
        &["-C", "tests/fixtures/basic", "status", "--color", "always"],
    );
    assert_eq!(out.code, 0);
    assert!(out.stdout.contains("\x1b["), "--color always must colour");
    // The status words are coloured; the text is otherwise the same.
    let l = line_with(&out.stdout, "九年义务教育巩固率");
    assert!(
        l.contains("\x1b[") && l.contains("不升反降\x1b[0m"),
        "{l:?}"
    );
    assert_eq!(strip_ansi(&out.stdout), basic(&["status"]).stdout);
    // --color never wins over a terminal-less --color always default.
    let mut cmd = track(&root());
    cmd.env_remove("NO_COLOR").env("CLICOLOR_FORCE", "1");
    let out = run_cmd(
        cmd,
        &["-C", "tests/fixtures/basic", "status", "--color", "never"],
    );
    assert!(!out.stdout.contains('\x1b'));
}

#[test]
fn color_always_in_json_stays_plain() {
    let mut cmd = track(&root());
    cmd.env_remove("NO_COLOR");
    let out = run_cmd(
        cmd,
        &[
            "-C",
            "tests/fixtures/basic",
            "status",
            "--color",
            "always",
            "--format",
            "json",
        ],
    );
    assert_eq!(out.code, 0);
    serde_json::from_str::<Value>(&out.stdout).expect("JSON is never coloured");
}
