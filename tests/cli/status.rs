//! `track status`: the table, in Chinese and in English, on the bundled data
//! (`track.toml` at the repository root) and on the fixtures `basic/` (one
//! indicator of each status), `exact/` (exact decimals and CSV forms) and
//! `quarterly/`; warnings on stderr; values at the edge of what a decimal
//! holds.

use crate::{
    assert_has, assert_tables_aligned, basic, bundled, cells, close, csv_records, fixture, has,
    json_series, line_with, ok, one_file_workspace, root, run, workspace_with,
};
use insta::assert_snapshot;

#[test]
fn bundled_status_zh_table() {
    let out = bundled(&["status"]);
    assert_snapshot!("bundled_status_zh", out.stdout);
    // Three plans, each with its as-of period.
    assert!(
        out.stdout
            .contains("全国“十四五”教育主要目标（截至2025年）")
    );
    assert!(
        out.stdout
            .contains("内蒙古自治区“十四五”教育事业发展规划（截至2022年）")
    );
    assert!(
        out.stdout
            .contains("锡林郭勒盟“十四五”教育事业发展规划（截至2020年）")
    );
    let hs = cells(line_with(&out.stdout, "高中阶段教育毛入学率"));
    assert_eq!(
        hs,
        [
            "高中阶段教育毛入学率",
            "91.2%",
            "92.0%",
            "(2025)",
            "≥92%",
            "0",
            "100.0%",
            "100.0%",
            "+0.8个百分点",
            "已实现"
        ]
    );
    let disabled = cells(line_with(&out.stdout, "适龄残疾儿童义务教育入学率"));
    assert_eq!(disabled.last(), Some(&"未实现"));
    assert!(
        out.stdout
            .ends_with("26 项指标: 提前实现 3 · 已实现 7 · 未实现 1 · 无数据 15\n")
    );
}

#[test]
fn bundled_status_en_table() {
    let out = bundled(&["status", "--lang", "en"]);
    assert_snapshot!("bundled_status_en", out.stdout);
    assert!(
        out.stdout
            .contains("China: 14th Five-Year Plan education targets (as of 2025)")
    );
    let disabled = line_with(
        &out.stdout,
        "Compulsory education enrolment rate of school-age children with disabilities",
    );
    assert!(disabled.trim_end().ends_with("missed"), "{disabled}");
    assert!(
        out.stdout
            .ends_with("26 indicators: achieved early 3 · achieved 7 · missed 1 · no data 15\n")
    );
}

#[test]
fn completion_is_shown_empty_but_kept_for_machines_when_the_baseline_meets_the_target() {
    // Inner Mongolia's 九年义务教育巩固率: first value 98.3 (2022), target 96%:
    // met at baseline, so completion means nothing to a reader (the table
    // shows —); CSV and JSON keep the formula's value, as the benchmark's
    // peers do (benches/peers/compare.py compares the column).
    let out = bundled(&["status"]);
    let row = cells(line_with(&out.stdout, "98.3% (2022)   98.3% (2022)"));
    assert_eq!(row[row.len() - 4], "—", "completion in the table: {row:?}");
    let out = bundled(&["status", "--format", "csv"]);
    let records = csv_records(&out.stdout);
    let r = records
        .iter()
        .find(|r| {
            r["plan"] == "inner-mongolia-edu-14fyp"
                && r["indicator"] == "compulsory_consolidation_rate"
        })
        .unwrap();
    assert_eq!(r["completion"], "0", "CSV completion");
    assert_eq!(r["status"], "achieved");
}

#[test]
fn bundled_data_raises_no_warning() {
    // The plans and their CSVs agree (data/README.md, quirk 2), so no
    // command says anything on stderr.
    for args in [
        &["status"][..],
        &["status", "--lang", "en"],
        &["status", "--by", "region"],
        &["show", "china/preschool_ger"],
        &["show", "xilingol/disabled_children_compulsory_enrollment"],
        &["validate"],
        &["check", "--format", "json"],
    ] {
        let out = run(&root(), args);
        assert!(
            !out.stderr.contains("warning"),
            "track {args:?} warned:\n{}",
            out.stderr
        );
    }
    let out = bundled(&["status"]);
    let row = line_with(&out.stdout, "义务教育残疾儿童少年入学率");
    assert!(row.contains("94.63%"), "{row}");
}

#[test]
fn csv_baseline_differing_from_the_plan_warns_and_quiet_silences_it() {
    let dir = workspace_with(
        "[[indicator]]\nid = \"a\"\nname = \"入学率\"\nunit = \"%\"\nbaseline = 94.6\ntarget = \"95%\"\n",
        b"indicator,period,value\na,2020,94.63\na,2023,94.8\n",
    );
    // The CSV's 94.63 wins over the plan's 94.6, with a warning on stderr.
    let out = ok(dir.path(), &["status"]);
    assert_has(
        &out.stderr,
        &["warning:", "94.63", "94.6;", "actuals.csv:2"],
    );
    assert!(
        !out.stdout.contains("warning"),
        "warnings go to stderr only"
    );
    assert!(line_with(&out.stdout, "入学率").contains("94.63%"));
    // -q / --quiet: the same output, no warning.
    for q in ["-q", "--quiet"] {
        let quiet = ok(dir.path(), &[q, "status"]);
        assert_eq!(quiet.stderr, "", "{q}");
        assert_eq!(quiet.stdout, out.stdout, "{q}");
        let quiet = ok(dir.path(), &["show", "a", q]);
        assert_eq!(quiet.stderr, "", "{q}");
    }
    // Errors are still said, with their exit code.
    let bad = run(dir.path(), &["-q", "status", "--group", "nowhere"]);
    assert_eq!(bad.code, 2);
    assert_has(&bad.stderr, &["error: --group nowhere"]);
    let bad = run(dir.path(), &["-q", "add", "b", "1", "--period", "2024"]);
    assert_eq!(bad.code, 2);
    assert_has(&bad.stderr, &["unknown indicator `b`"]);
}

#[test]
fn bundled_zh_table_columns_aligned() {
    let out = bundled(&["status"]);
    assert_eq!(assert_tables_aligned(&out.stdout), 3);
    let out = bundled(&["status", "--lang", "en"]);
    assert_eq!(assert_tables_aligned(&out.stdout), 3);
}

#[test]
fn basic_status_zh() {
    let out = basic(&["status"]);
    assert_snapshot!("basic_status_zh", out.stdout);
    assert!(
        out.stdout
            .starts_with("湖滨市“十四五”教育事业发展规划（截至2023年）\n")
    );
    // 93 → 94.4 of 95: 70.0% done at 60.0% of the time → R 1.17, ahead.
    assert_eq!(
        cells(line_with(&out.stdout, "学前三年毛入园率")),
        [
            "学前三年毛入园率",
            "93%",
            "94.4%",
            "(2023)",
            "95%",
            "0.6",
            "70.0%",
            "60.0%",
            "+1.4个百分点",
            "快于预期"
        ]
    );
    // 85 → 87.5 of ≥ 90: 50.0% / 60.0% = 0.83 → at risk.
    assert_eq!(
        cells(line_with(&out.stdout, "普惠性幼儿园覆盖率")),
        [
            "普惠性幼儿园覆盖率",
            "85%",
            "87.5%",
            "(2023)",
            "≥90%",
            "2.5",
            "50.0%",
            "60.0%",
            "+2.5个百分点",
            "相对滞后"
        ]
    );
    // 97 → 96.8 of ≥ 98: moving away → regressing (completion −20%, shown
    // clamped to 0.0%).
    assert_eq!(
        cells(line_with(&out.stdout, "九年义务教育巩固率")),
        [
            "九年义务教育巩固率",
            "97%",
            "96.8%",
            "(2023)",
            "≥98%",
            "1.2",
            "0.0%",
            "60.0%",
            "-0.2个百分点",
            "不升反降"
        ]
    );
    // Down is better: 5‰ → 4.6‰ of ≤ 3‰, 20.0% done → off track; gap 1.6.
    assert_eq!(
        cells(line_with(&out.stdout, "初中辍学率")),
        [
            "初中辍学率",
            "(‰)",
            "5",
            "4.6",
            "(2023)",
            "≤3",
            "1.6",
            "20.0%",
            "60.0%",
            "-0.4",
            "明显滞后"
        ]
    );
    // −50% of 40 is 20; 26 is 70.0% of the way.
    assert_eq!(
        cells(line_with(&out.stdout, "普通高中大班额数")),
        [
            "普通高中大班额数",
            "(个)",
            "40",
            "26",
            "(2023)",
            "-50%",
            "(→20)",
            "6",
            "70.0%",
            "60.0%",
            "-14",
            "快于预期"
        ]
    );
    // 95.3 ≥ 95 before the 2025 deadline → achieved early.
    assert_eq!(
        cells(line_with(&out.stdout, "高中阶段毛入学率")),
        [
            "高中阶段毛入学率",
            "92%",
            "95.3%",
            "(2023)",
            "≥95%",
            "0",
            "100.0%",
            "60.0%",
            "+3.3个百分点",
            "提前实现"
        ]
    );
    // Group headings in plan order.
    let groups: Vec<usize> = ["学前教育", "义务教育", "高中教育"]
        .iter()
        .map(|g| out.stdout.find(&format!(" {g} ")).expect(g))
        .collect();
    assert!(groups.windows(2).all(|w| w[0] < w[1]), "{groups:?}");
    assert!(
        out.stdout.ends_with(
            "6 项指标: 提前实现 1 · 快于预期 2 · 相对滞后 1 · 明显滞后 1 · 不升反降 1\n"
        )
    );
    assert_eq!(out.stderr, "", "no warnings on a clean workspace");
}

#[test]
fn basic_status_en() {
    let out = basic(&["status", "--lang", "en"]);
    assert_snapshot!("basic_status_en", out.stdout);
    assert!(
        out.stdout
            .starts_with("Lakeside City 14th Five-Year Education Plan (as of 2023)\n")
    );
    let l = line_with(&out.stdout, "Three-year preschool gross enrolment rate");
    assert!(
        l.contains("70.0%") && l.contains("60.0%") && l.contains("+1.4 pp"),
        "{l}"
    );
    assert!(l.trim_end().ends_with("ahead of schedule"), "{l}");
    let l = line_with(&out.stdout, "Senior secondary gross enrolment rate");
    assert!(l.trim_end().ends_with("achieved early"), "{l}");
    assert!(
        out.stdout.contains(" Compulsory education "),
        "group_en heading"
    );
    assert!(out.stdout.ends_with(
        "6 indicators: achieved early 1 · ahead of schedule 2 · lagging 1 · well behind 1 · moving away 1\n"
    ));
}

#[test]
fn basic_zh_table_columns_aligned() {
    for args in [
        &["status"][..],
        &["status", "--as-of", "2022"],
        &["status", "--region", "hill-county"],
        &["status", "--lang", "en"],
    ] {
        let out = basic(args);
        assert_eq!(assert_tables_aligned(&out.stdout), 1, "{args:?}");
    }
}

#[test]
fn exact_decimals_and_csv_forms() {
    // BOM, `Year` instead of `period`, upper-case headers, columns in any
    // order, `95.1%`, two files, the same value written twice.
    let out = ok(&fixture("exact"), &["status", "--plan", "plan.toml"]);
    assert_snapshot!("exact_status", out.stdout);
    let out = ok(
        &fixture("exact"),
        &["status", "--plan", "plan.toml", "--format", "csv"],
    );
    let records = csv_records(&out.stdout);
    let row = |id: &str| {
        records
            .iter()
            .find(|r| r["indicator"] == id)
            .unwrap()
            .clone()
    };
    // 95.1 meets 90.1 + 5pp exactly.
    let p = row("plus_pp");
    assert_eq!((p["target"].as_str(), p["gap"].as_str()), ("95.1", "0"));
    assert_eq!(p["status"], "achieved");
    // 92.0 is not more than 92 (高于), but is 92%以上.
    assert_ne!(row("strict")["status"], "achieved");
    assert_eq!(row("strict")["target_op"], ">");
    assert_eq!(row("inclusive")["status"], "achieved");
    assert_eq!(row("inclusive")["target_op"], ">=");
}

#[test]
fn quarterly_periods() {
    let dir = root();
    let out = ok(&dir, &["-C", "tests/fixtures/quarterly", "status"]);
    assert_snapshot!("quarterly_status_zh", out.stdout);
    assert!(
        out.stdout
            .starts_with("热线服务质量提升计划（截至2024-Q2）\n")
    );
    // 2023-Q4 → 2024-Q2 of a 2024-Q4 deadline: half of the time.
    assert_eq!(
        cells(line_with(&out.stdout, "热线接通率")),
        [
            "热线接通率",
            "80%",
            "84%",
            "(2024-Q2)",
            "≥90%",
            "6",
            "40.0%",
            "50.0%",
            "+4个百分点",
            "相对滞后"
        ]
    );
    assert_eq!(
        cells(line_with(&out.stdout, "平均等待时长")),
        [
            "平均等待时长",
            "(分钟)",
            "6",
            "3.5",
            "(2024-Q2)",
            "≤2",
            "1.5",
            "62.5%",
            "50.0%",
            "-2.5",
            "快于预期"
        ]
    );
    let out = ok(
        &dir,
        &[
            "-C",
            "tests/fixtures/quarterly",
            "status",
            "--as-of",
            "2024-Q1",
            "--lang",
            "en",
        ],
    );
    assert_snapshot!("quarterly_as_of_q1_en", out.stdout);
    let l = line_with(&out.stdout, "Call answer rate");
    assert!(l.contains("83% (2024-Q1)") && l.contains("25.0%"), "{l}");

    let out = ok(
        &dir,
        &[
            "-C",
            "tests/fixtures/quarterly",
            "status",
            "--format",
            "csv",
        ],
    );
    let records = csv_records(&out.stdout);
    let a = &records[0];
    assert_eq!(a["baseline_period"], "2023-Q4");
    assert_eq!(a["period"], "2024-Q2");
    assert_eq!(a["target_period"], "2024-Q4");
    assert_eq!(a["time_progress"], "0.5");
    // Annual rates: 80 → 84 in half a year is 10.25% a year; 6 more points
    // in the half year left is 12 a year.
    assert!(close(a["cagr"].parse::<f64>().unwrap(), 0.1025));
    assert_eq!(a["required_change"], "12");
    // The trend (+2 a quarter from 82.33) reaches 90 in 2025-Q1.
    assert_eq!(a["projected_meet"], "2025-Q1");
    assert_eq!(records[1]["projected_meet"], "2024-Q4");

    let out = ok(
        &dir,
        &[
            "-C",
            "tests/fixtures/quarterly",
            "status",
            "--format",
            "json",
        ],
    );
    let series = json_series(&out.stdout);
    assert_eq!(series[0]["period"], "2024-Q2");
}

#[test]
fn values_near_the_decimal_limit_never_panic() {
    let dir = workspace_with(
        "[[indicator]]\nid = \"a\"\nunit = \"x\"\ntarget = \">= 2\"\n",
        b"",
    );
    for v in [
        "1000000000000000000000000000",
        "79228162514264337593543950335",
        "-79228162514264337593543950335",
        "0.0000000000000000000000000001",
    ] {
        std::fs::write(
            dir.path().join("actuals.csv"),
            format!("indicator,period,value\na,2020,1\na,2023,{v}\n"),
        )
        .unwrap();
        for args in [
            &["status"][..],
            &["status", "--format", "csv"],
            &["status", "--method", "cagr"],
            &["show", "a"],
            &["check"],
            &["report", "-o", "r.html"],
        ] {
            let out = run(dir.path(), args);
            assert!(
                out.code == 0 || out.code == 1,
                "{v} {args:?}: exit {}\n{}",
                out.code,
                out.stderr
            );
        }
    }
}

#[test]
fn the_data_s_baseline_gives_the_direction_when_the_plan_has_none() {
    let dir = workspace_with(
        "[[indicator]]\nid = \"up\"\nunit = \"%\"\ntarget = \"95\"\n\
         [[indicator]]\nid = \"down\"\nunit = \"‰\"\ntarget = \"1..2\"\n",
        b"indicator,period,value\nup,2020,80\nup,2023,85\ndown,2020,5\ndown,2023,4\n",
    );
    let out = ok(dir.path(), &["status", "--format", "csv"]);
    let rows = csv_records(&out.stdout);
    assert_eq!(rows[0]["direction"], "up");
    assert_eq!(rows[0]["completion"], "0.3333333333333333333333333333");
    assert_eq!(rows[1]["direction"], "down");
    assert_eq!(rows[1]["target"], "2");
}

#[test]
fn periods_ending_on_one_day_are_kept_with_a_warning() {
    let dir =
        one_file_workspace(b"indicator,period,value\na,2020,90\na,2023,93\na,2023-12-31,94\n");
    let out = ok(dir.path(), &["status", "--format", "csv"]);
    assert!(
        out.stderr.contains(
            "warning: `a`: 2023-12-31 and 2023 end on the same day; both are kept and 2023 counts as the later"
        ),
        "{}",
        out.stderr
    );
    assert_eq!(csv_records(&out.stdout)[0]["value"], "93");
}

/// `track status` as on a terminal `width` columns wide.
fn at_width(width: &str, args: &[&str]) -> crate::Out {
    let mut cmd = crate::track(&root());
    cmd.env("TRACK_WIDTH", width);
    crate::run_cmd(cmd, args)
}

#[test]
fn tables_fit_the_terminal_and_say_what_they_leave_out() {
    let full = bundled(&["status"]);
    for (lang, width) in [("zh", 60), ("en", 60), ("zh", 100), ("en", 120)] {
        let out = at_width(&width.to_string(), &["status", "--lang", lang]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        // The tables' lines (a plan's title and the summary are text, which
        // a terminal wraps itself).
        let table = |l: &&str| l.starts_with([' ', '─', '═']);
        for line in out.stdout.lines().filter(table) {
            assert!(
                crate::width(line) <= width,
                "{lang} at {width}: a line of {}:\n{line}\n{}",
                crate::width(line),
                out.stdout
            );
        }
        assert_eq!(assert_tables_aligned(&out.stdout), 3, "{}", out.stdout);
        // The status is always there.
        has(
            &out.stdout,
            if lang == "zh" { " 状态 " } else { " Status " },
        );
    }
    // At 60 columns the columns on the right give way, said once on stderr.
    let out = at_width("60", &["status"]);
    assert_eq!(
        out.stderr,
        "warning: the table is wider than the terminal (60 columns): left out 较基期, 序时进度, \
         完成进度, 差距, 目标 (a pipe or a file gets every column: `track status | less -S`)\n"
    );
    has(
        &out.stdout,
        "   学前教育毛        85.2%   92.0% (2024)   ≥90%   ",
    );
    has(&out.stdout, "\n   入园率        ");
    // -q: no note; a width that fits (or none, as into a pipe): the full table.
    assert_eq!(at_width("60", &["-q", "status"]).stderr, "");
    assert_eq!(at_width("200", &["status"]).stdout, full.stdout);
    assert_eq!(at_width("0", &["status"]).stdout, full.stdout);
    // The chart of `show` is drawn narrower too.
    let out = at_width("50", &["show", "china/preschool_ger"]);
    let chart: Vec<&str> = out.stdout.lines().filter(|l| l.contains('┤')).collect();
    assert!(!chart.is_empty(), "{}", out.stdout);
    assert!(
        chart.iter().all(|l| crate::width(l) <= 50),
        "{}",
        out.stdout
    );
}
