//! `track generate`: shell completions and the man page.

use crate::{output as track, stderr_of as stderr, stdout_of as stdout};

#[test]
fn completions_for_bash_zsh_and_fish() {
    let tmp = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish"] {
        let o = track(tmp.path(), &["generate", "completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{shell}: {}", stderr(&o));
        let out = stdout(&o);
        assert!(out.contains("track"), "{shell}");
        // Subcommands and their options are in there.
        assert!(
            out.contains("import") && out.contains("skip-bad"),
            "{shell}"
        );
    }
}

#[test]
fn the_man_page_is_roff() {
    let tmp = tempfile::tempdir().unwrap();
    let o = track(tmp.path(), &["generate", "man"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with(".ie") || out.contains(".TH track"), "{out}");
    assert!(out.contains(".TH track 1"), "{out}");
    assert!(out.contains(".SH NAME"), "{out}");
}
