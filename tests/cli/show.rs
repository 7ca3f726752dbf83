//! `track show ID`: one indicator in depth, run as a user runs it, on the
//! bundled data (the repository root) and on the fixtures `basic/`
//! (湖滨市: a down-is-better ‰ indicator, a milestone, two regions) and
//! `breakdown/` (a `sex` column).
//!
//! The figures asserted by hand (see the comments) were worked out from
//! the CSV rows, not read off the output.

use std::path::Path;

use crate::{
    fixture, output as track, root, stderr_of as stderr, stdout_of as stdout, track as command,
};
use serde_json::Value;

/// Runs and expects exit code 0, returning stdout.
fn ok(dir: &Path, args: &[&str]) -> String {
    let o = track(dir, args);
    assert_eq!(
        o.status.code(),
        Some(0),
        "track {args:?}\n--- stdout\n{}\n--- stderr\n{}",
        stdout(&o),
        stderr(&o)
    );
    stdout(&o)
}

/// Runs and expects exit code 2 (bad input) with nothing on stdout,
/// returning stderr.
fn fails(dir: &Path, args: &[&str]) -> String {
    let o = track(dir, args);
    assert_eq!(o.status.code(), Some(2), "track {args:?}\n{}", stdout(&o));
    assert_eq!(stdout(&o), "", "nothing on stdout for bad input");
    stderr(&o)
}

fn json(dir: &Path, args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    serde_json::from_str(&ok(dir, &all)).expect("valid JSON")
}

/// A JSON number as written (exact with arbitrary precision), or `null`.
fn num(v: &Value) -> String {
    v.to_string()
}

/// One column of a series' per-period table, as [`num`] writes each cell.
fn per_period(series: &Value, key: &str) -> Vec<String> {
    let periods = series["periods"].as_array().expect("periods");
    periods.iter().map(|p| num(&p[key])).collect()
}

// ---------------------------------------------------------------------------
// The bundled data

#[test]
fn bundled_zh() {
    let out = ok(&root(), &["show", "china/preschool_ger"]);
    insta::assert_snapshot!("show_bundled_china_preschool_zh", out);
}

#[test]
fn bundled_en_non_percent_unit() {
    let out = ok(
        &root(),
        &[
            "show",
            "china-edu-14fyp/avg_schooling_years_working_age",
            "--lang",
            "en",
        ],
    );
    insta::assert_snapshot!("show_bundled_china_schooling_en", out);
}

#[test]
fn bundled_xilingol_with_data_before_the_baseline() {
    let out = ok(&root(), &["show", "xilingol/preschool_ger"]);
    insta::assert_snapshot!("show_bundled_xilingol_preschool_zh", out);
}

#[test]
fn bundled_figures_by_hand() {
    // National preschool GER: 85.2 (2020) … 92.0 (2024), target ≥ 90 by 2025.
    let v = json(&root(), &["show", "china/preschool_ger"]);
    assert_eq!(v["as_of"], "2025", "the plan's latest period");
    let s = &v["series"][0];
    assert_eq!(num(&s["value"]), "92.0", "as written");
    assert_eq!(num(&s["change"]), "6.8");
    // (92.0 − 85.2) / (90 − 85.2) = 6.8 / 4.8
    assert!(
        num(&s["completion"]).starts_with("1.41666"),
        "{}",
        s["completion"]
    );
    assert_eq!(num(&s["time_progress"]), "0.8");
    // Least squares through 2020..2024: slope 16.6 / 10 = 1.66, mean 89.22
    // at 2022, so 89.22 + 3 × 1.66 = 94.2 at 2025.
    assert_eq!(num(&s["projection"]), "94.2");
    assert_eq!(s["status"], "achieved");
    // The plan's path: 85.2 + 4.8 × k/5.
    let paths = per_period(s, "path");
    assert_eq!(paths, ["85.2", "86.16", "87.12", "88.08", "89.04"]);
    let yoy = per_period(s, "yoy");
    assert_eq!(yoy, ["null", "2.9", "1.6", "1.4", "0.9"]);
    assert_eq!(s["periods"][4]["note"], "bulletin writes 92.00");
    assert_eq!(v["definition"]["target"], "提高到90%以上");
    assert_eq!(v["definition"]["target_file"], "data/china/plan.toml");
    assert_eq!(v["definition"]["target_line"], 32);
}

#[test]
fn an_id_in_several_plans_must_be_qualified() {
    let err = fails(&root(), &["show", "preschool_ger"]);
    assert!(
        err.contains("error: indicator `preschool_ger` is defined in 3 plans"),
        "{err}"
    );
    for q in [
        "`china-edu-14fyp/preschool_ger`",
        "`inner-mongolia-edu-14fyp/preschool_ger`",
        "`xilingol-edu-14fyp/preschool_ger`",
    ] {
        assert!(err.contains(q), "{err}");
    }
    // The plan's full id, a prefix of it, or --plan all pick one plan.
    let full = ok(&root(), &["show", "china-edu-14fyp/preschool_ger"]);
    assert_eq!(full, ok(&root(), &["show", "china/preschool_ger"]));
    assert_eq!(
        full,
        ok(
            &root(),
            &["show", "preschool_ger", "--plan", "data/china/plan.toml"]
        )
    );
    let err = fails(&root(), &["show", "nope/preschool_ger"]);
    assert!(err.contains("error: no plan `nope`"), "{err}");
}

#[test]
fn unknown_indicator_is_exit_2_with_a_suggestion() {
    let err = fails(&root(), &["show", "preschol_ger"]);
    assert!(
        err.contains("error: unknown indicator `preschol_ger`: no plan defines it"),
        "{err}"
    );
    assert!(err.contains("help: did you mean `preschool_ger`?"), "{err}");
    let err = fails(&root(), &["show", "china/higher_ed_gr"]);
    assert!(
        err.contains(
            "error: unknown indicator `higher_ed_gr`: plan `china-edu-14fyp` does not define it"
        ),
        "{err}"
    );
    assert!(
        err.contains("help: did you mean `china-edu-14fyp/higher_ed_ger`?"),
        "{err}"
    );
    let err = fails(&fixture("basic"), &["show", "dropout"]);
    assert!(err.contains("unknown indicator `dropout`"), "{err}");
}

// ---------------------------------------------------------------------------
// The basic fixture

#[test]
fn down_is_better_per_mille_zh() {
    let out = ok(&fixture("basic"), &["show", "dropout_rate"]);
    insta::assert_snapshot!("show_basic_dropout_zh", out);
}

#[test]
fn milestone_en() {
    let out = ok(
        &fixture("basic"),
        &["show", "inclusive_kindergarten", "--lang", "en"],
    );
    insta::assert_snapshot!("show_basic_inclusive_en", out);
}

#[test]
fn ascii_chart() {
    let out = ok(&fixture("basic"), &["show", "dropout_rate", "--ascii"]);
    insta::assert_snapshot!("show_basic_dropout_ascii", out);
    let chart: String = out
        .lines()
        .skip_while(|l| !l.starts_with("5 +"))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(!chart.is_empty(), "{out}");
    // Every chart line is ASCII, but the legend's (Chinese) names.
    for line in chart.lines().filter(|l| !l.starts_with('*')) {
        assert!(line.is_ascii(), "{line:?}");
    }
}

#[test]
fn piped_output_ignores_the_terminal_environment() {
    // Not a terminal: TERM and the locale are not consulted (Unicode), so
    // the same command writes the same bytes everywhere.
    let plain = ok(&fixture("basic"), &["show", "preschool_ger"]);
    let o = command(&fixture("basic"))
        .env("TERM", "dumb")
        .env("LC_ALL", "C")
        .args(["show", "preschool_ger"])
        .output()
        .unwrap();
    assert_eq!(stdout(&o), plain);
    assert!(plain.contains('●') && plain.contains('┤'), "{plain}");
}

#[test]
fn colour_follows_the_option() {
    let plain = ok(&fixture("basic"), &["show", "preschool_ger"]);
    assert!(!plain.contains('\x1b'), "NO_COLOR: no escapes");
    let o = command(&fixture("basic"))
        .env_remove("NO_COLOR")
        .args(["--color", "always", "show", "preschool_ger"])
        .output()
        .unwrap();
    let coloured = stdout(&o);
    assert!(coloured.contains("\x1b["), "{coloured}");
    assert_eq!(
        anstream::adapter::strip_str(&coloured).to_string(),
        plain,
        "colour only adds escapes"
    );
}

#[test]
fn json_figures_are_exact() {
    // 85 (plan) → 86, 87, 87.5 (2021–2023), target ≥ 90 by 2025; the
    // 2022 milestone ≥ 88 was missed with 87.
    let v = json(&fixture("basic"), &["show", "inclusive_kindergarten"]);
    assert_eq!(v["plan"], "lakeside-edu");
    assert_eq!(v["indicator"], "inclusive_kindergarten");
    assert_eq!(v["as_of"], "2023");
    let d = &v["definition"];
    assert_eq!(d["kind"], "binding");
    assert_eq!(d["direction"], "up");
    assert_eq!(d["target_file"], "plan.toml");
    assert_eq!(d["target_line"], 47);
    assert_eq!(d["milestones"][0]["target"], ">= 88");
    let series = v["series"].as_array().unwrap();
    assert_eq!(series.len(), 1, "the plan's own series");
    let s = &series[0];
    assert_eq!(s["region"], "lakeside");
    for (key, want) in [
        ("baseline", "85"),
        ("value", "87.5"),
        ("previous", "87"),
        ("target", "90"),
        ("gap", "2.5"),
        ("change", "2.5"),
        ("yoy", "0.5"),
        ("completion", "0.5"),       // 2.5 / 5
        ("time_progress", "0.6"),    // 3 / 5 years
        ("required_change", "1.25"), // (90 − 87.5) / 2
        // Least squares through 85, 86, 87, 87.5: slope 4.25 / 5 = 0.85,
        // mean 86.375 at 2021.5, so 86.375 + 3.5 × 0.85 = 89.35 at 2025;
        // it meets 90 at 2021.5 + 3.625 / 0.85 = 2025.76, so in 2026.
        ("projection", "89.35"),
        ("projected_meet", "2026"),
    ] {
        assert_eq!(num(&s[key]), want, "{key}");
    }
    assert_eq!(s["status"], "at-risk");
    assert_eq!(s["milestones"][0]["status"], "missed");
    assert_eq!(num(&s["milestones"][0]["value"]), "87");
    let col = |k: &str| per_period(s, k);
    assert_eq!(col("period"), ["2020", "2021", "2022", "2023"]);
    assert_eq!(col("value"), ["85", "86", "87", "87.5"]);
    assert_eq!(col("change"), ["null", "1", "2", "2.5"]);
    assert_eq!(col("path"), ["85", "86", "87", "88"]);
    assert_eq!(col("from_plan"), ["true", "false", "false", "false"]);
    assert_eq!(s["periods"][1]["source"], "2021年教育统计公报");
}

#[test]
fn json_relative_changes_of_other_units() {
    // ‰, down: 5 (plan) → 4.9 (2021) → 4.6 (2023), target ≤ 3.
    let v = json(&fixture("basic"), &["show", "dropout_rate", "--lang", "en"]);
    let s = &v["series"][0];
    assert_eq!(s["direction"], "down");
    assert_eq!(num(&s["change"]), "-0.4");
    assert_eq!(num(&s["change_pct"]), "-8"); // −0.4 / 5
    assert_eq!(num(&s["yoy_pct"]), s["periods"][2]["yoy_pct"].to_string());
    assert!(num(&s["yoy_pct"]).starts_with("-6.122448"), "−0.3 / 4.9");
    assert_eq!(num(&s["completion"]), "0.2"); // −0.4 / −2
    assert_eq!(num(&s["required_change"]), "-0.8"); // (3 − 4.6) / 2
    assert_eq!(num(&s["gap"]), "1.6");
    assert_eq!(num(&s["projected_meet"]), "2035");
    assert_eq!(s["status"], "off-track");
    let paths = per_period(s, "path");
    assert_eq!(paths, ["5", "4.6", "3.8"], "5 − 2 × k/5");
    // The keys do not follow the language.
    let zh = json(&fixture("basic"), &["show", "dropout_rate"]);
    assert_eq!(v, zh);
}

#[test]
fn region_picks_that_series() {
    let out = ok(
        &fixture("basic"),
        &[
            "show",
            "preschool_ger",
            "--region",
            "hill-county",
            "--ascii",
        ],
    );
    insta::assert_snapshot!("show_basic_region_hill_county", out);
    let v = json(
        &fixture("basic"),
        &["show", "preschool_ger", "--region", "hill-county"],
    );
    let s = &v["series"][0];
    assert_eq!(s["region"], "hill-county");
    // 90 (2020) → 91 (2023): its own baseline, not the plan's 93.
    assert_eq!(num(&s["baseline"]), "90");
    assert_eq!(num(&s["completion"]), "0.2");
    let err = fails(
        &fixture("basic"),
        &["show", "preschool_ger", "--region", "hill"],
    );
    assert!(
        err.contains("error: --region hill: plan `lakeside-edu` has no such region"),
        "{err}"
    );
    assert!(err.contains("hill-county, lakeside"), "{err}");
}

#[test]
fn by_region_gives_one_block_per_region() {
    let out = ok(
        &fixture("basic"),
        &["show", "preschool_ger", "--by", "region", "--lang", "en"],
    );
    let headings: Vec<&str> = out.lines().filter(|l| l.contains("(as of 2023)")).collect();
    assert_eq!(
        headings,
        ["Hill County (as of 2023)", "Lakeside City (as of 2023)"]
    );
    let v = json(
        &fixture("basic"),
        &["show", "preschool_ger", "--by", "region"],
    );
    let regions: Vec<&str> = v["series"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["region"].as_str().unwrap())
        .collect();
    assert_eq!(regions, ["hill-county", "lakeside"]);
    let err = fails(&fixture("basic"), &["show", "preschool_ger", "--by", "sex"]);
    assert!(
        err.contains("--by sex: the actuals of plan `lakeside-edu` have no column `sex`"),
        "{err}"
    );
}

#[test]
fn by_a_breakdown_column() {
    let out = ok(
        &fixture("breakdown"),
        &["show", "high_school_ger", "--by", "sex"],
    );
    insta::assert_snapshot!("show_breakdown_by_sex", out);
    let v = json(
        &fixture("breakdown"),
        &["show", "high_school_ger", "--by", "sex"],
    );
    let by: Vec<(String, String, String)> = v["series"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["breakdown"].as_str().unwrap().to_string(),
                num(&s["value"]),
                s["status"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    // 女 91 → 95.5 meets ≥ 95; 男 89 → 90 is 1/6 done at 60% of the time.
    assert_eq!(
        by,
        [
            ("sex=女".into(), "95.5".into(), "achieved".into()),
            ("sex=男".into(), "90".into(), "off-track".into()),
        ]
    );
    // Without --by: the totals only.
    let v = json(&fixture("breakdown"), &["show", "high_school_ger"]);
    assert_eq!(v["series"].as_array().unwrap().len(), 1);
    assert_eq!(v["series"][0]["breakdown"], Value::Null);
    assert_eq!(num(&v["series"][0]["value"]), "92.7");
}

#[test]
fn as_of_cuts_the_periods() {
    let v = json(
        &fixture("basic"),
        &["show", "preschool_ger", "--as-of", "2022"],
    );
    assert_eq!(v["as_of"], "2022");
    let s = &v["series"][0];
    assert_eq!(s["periods"].as_array().unwrap().len(), 3);
    assert_eq!(num(&s["value"]), "94.0");
    assert_eq!(num(&s["time_progress"]), "0.4");
}
