//! Finding the data: `track.toml` (its default language, found from a
//! sub-directory, each plan read once), `--plan`/`--actuals` without a
//! manifest, no manifest at all, and `-C` to a missing directory.

use crate::{assert_has, basic, fixture, has, ok, root, run};

#[test]
fn manifest_default_language() {
    let dir = tempfile::tempdir().unwrap();
    for f in ["plan.toml", "actuals.csv"] {
        std::fs::copy(fixture("basic").join(f), dir.path().join(f)).unwrap();
    }
    std::fs::write(
        dir.path().join("track.toml"),
        "plans = [\"plan.toml\"]\n[defaults]\nlang = \"en\"\n",
    )
    .unwrap();
    let out = ok(dir.path(), &["status"]);
    has(&out.stdout, "(as of 2023)");
    assert!(out.stdout.contains("ahead of schedule"));
    // --lang wins over the manifest.
    let out = ok(dir.path(), &["status", "--lang", "zh"]);
    assert!(out.stdout.contains("（截至2023年）"));
    // A sub-directory finds the manifest by walking up.
    let sub = dir.path().join("reports").join("2024");
    std::fs::create_dir_all(&sub).unwrap();
    let out = ok(&sub, &["status"]);
    assert!(out.stdout.contains("(as of 2023)"));
}

#[test]
fn plan_and_actuals_without_manifest() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("basic/plan.toml"), dir.path().join("lakeside.toml")).unwrap();
    std::fs::copy(
        fixture("basic/actuals.csv"),
        dir.path().join("data-2023.csv"),
    )
    .unwrap();
    let out = ok(
        dir.path(),
        &[
            "status",
            "--plan",
            "lakeside.toml",
            "--actuals",
            "data-2023.csv",
        ],
    );
    // Same figures as through the manifest (zh is the default language).
    assert_eq!(out.stdout, basic(&["status"]).stdout);
    // --plan alone reads the plan's own `actuals = ["actuals.csv"]`, which is
    // not there: a clear error, exit 2.
    let out = run(dir.path(), &["status", "--plan", "lakeside.toml"]);
    assert_eq!(out.code, 2);
    has(&out.stderr, "actuals.csv");
    // Several --actuals files are read as one table.
    let text = std::fs::read_to_string(fixture("basic/actuals.csv")).unwrap();
    let (head, rest) = text.split_once('\n').unwrap();
    let lines: Vec<&str> = rest.lines().collect();
    let (a, b) = lines.split_at(lines.len() / 2);
    std::fs::write(
        dir.path().join("a.csv"),
        format!("{head}\n{}\n", a.join("\n")),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.csv"),
        format!("{head}\n{}\n", b.join("\n")),
    )
    .unwrap();
    let out = ok(
        dir.path(),
        &[
            "status",
            "--plan",
            "lakeside.toml",
            "--actuals",
            "a.csv",
            "--actuals",
            "b.csv",
        ],
    );
    assert_eq!(out.stdout, basic(&["status"]).stdout);
}

#[test]
fn a_manifest_names_each_plan_once_with_its_own_id() {
    let dir = tempfile::tempdir().unwrap();
    let basic = fixture("basic");
    for f in ["plan.toml", "actuals.csv"] {
        std::fs::copy(basic.join(f), dir.path().join(f)).unwrap();
    }
    // The same file twice is read once.
    std::fs::write(
        dir.path().join("track.toml"),
        "plans = [\"plan.toml\", \"./plan.toml\"]\n",
    )
    .unwrap();
    let once = run(dir.path(), &["status", "--format", "csv"]);
    let direct = run(&basic, &["status", "--format", "csv"]);
    assert_eq!(once.stdout, direct.stdout);
    // Two files with one plan id are an error naming both.
    std::fs::copy(basic.join("plan.toml"), dir.path().join("copy.toml")).unwrap();
    std::fs::write(
        dir.path().join("track.toml"),
        "plans = [\"plan.toml\", \"copy.toml\"]\n",
    )
    .unwrap();
    let out = run(dir.path(), &["validate"]);
    assert_eq!(out.code, 2);
    has(
        &out.stderr,
        "plan id `lakeside-edu` is used by both plan.toml and copy.toml",
    );
    std::fs::write(dir.path().join("track.toml"), "plans = []\n").unwrap();
    let out = run(dir.path(), &["status"]);
    assert_eq!(out.code, 2);
    has(&out.stderr, "track.toml lists no plans");
}

#[test]
fn no_manifest() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(&root(), &["-C", dir.path().to_str().unwrap(), "status"]);
    assert_eq!(out.code, 2);
    assert_eq!(out.stdout, "");
    assert_has(&out.stderr, &["no track.toml", "track init", "--plan"]);
    // The same when started there.
    let out = run(dir.path(), &["status"]);
    assert_eq!(out.code, 2);
    assert_has(&out.stderr, &["track init", "--plan"]);
}

#[test]
fn missing_directory() {
    let dir = tempfile::tempdir().unwrap();
    let gone = dir.path().join("gone");
    let out = run(&root(), &["-C", gone.to_str().unwrap(), "status"]);
    assert_eq!(out.code, 2);
    has(&out.stderr, "gone");
}
