//! `track import` and spreadsheet actuals, run as a user would: workbooks
//! made here with rust_xlsxwriter (a wide Chinese yearbook table, a
//! transposed one, a long one, one sheet per region), imported, then read
//! back by `track status`.

use std::path::{Path, PathBuf};

use crate::{output as track, stderr_of as stderr, stdout_of as stdout};

const PLAN: &str = r#"
[plan]
id = "xilingol-edu"
name = "锡林郭勒盟“十四五”教育事业发展规划"
baseline = 2020
target = 2025
region = "xilingol"
actuals = ["actuals.csv"]

[[region]]
id = "xilingol"
name = "锡林郭勒盟"
name_en = "Xilingol League"
parent = "inner_mongolia"

[[region]]
id = "inner_mongolia"
name = "内蒙古自治区"
name_en = "Inner Mongolia"

[[indicator]]
id = "preschool_ger"
name = "学前三年毛入园率"
name_en = "Three-year preschool gross enrolment rate"
unit = "%"
baseline = 93
target = "95%"

[[indicator]]
id = "inclusive_kindergarten_coverage"
name = "普惠性幼儿园覆盖率"
name_en = "Coverage rate of inclusive kindergartens"
unit = "%"
baseline = 92
target = "≥92%"

[[indicator]]
id = "compulsory_consolidation_rate"
name = "九年义务教育巩固率"
name_en = "Nine-year compulsory education consolidation rate"
unit = "%"
baseline = 98
target = "≥98%"

[[indicator]]
id = "high_school_ger"
name = "高中阶段毛入学率"
name_en = "Senior secondary gross enrolment rate"
unit = "%"
baseline = 95.9
target = "≥97%"
"#;

/// A temporary directory holding the plan.
fn workspace() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().to_path_buf();
    std::fs::write(dir.join("plan.toml"), PLAN).unwrap();
    (tmp, dir)
}

#[test]
fn a_wide_csv_goes_to_stdout_as_long_rows() {
    let (_tmp, dir) = workspace();
    std::fs::write(
        dir.join("wide.csv"),
        "指标,2020年,2021年,2022年\n学前三年毛入园率,93,94.4%,\"1,0\"\n高中阶段毛入学率,95.9,—,96.2\n",
    )
    .unwrap();
    // "1,0" is not a number (a decimal comma): reported, nothing printed.
    let o = track(&dir, &["import", "wide.csv", "--plan", "plan.toml"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stdout(&o), "");
    assert!(
        stderr(&o)
            .contains("error: D2 (row 2, column 4): `1,0` is not a number\n --> wide.csv:2:19"),
        "{}",
        stderr(&o)
    );
    std::fs::write(
        dir.join("wide.csv"),
        "指标,2020年,2021年,2022年\n学前三年毛入园率,93,94.4%,\n高中阶段毛入学率,95.9,—,96.2\n",
    )
    .unwrap();
    let o = track(&dir, &["import", "wide.csv", "--plan", "plan.toml"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "indicator,region,period,value,source\n\
         preschool_ger,xilingol,2020,93,import: wide.csv\n\
         preschool_ger,xilingol,2021,94.4,import: wide.csv\n\
         high_school_ger,xilingol,2020,95.9,import: wide.csv\n\
         high_school_ger,xilingol,2022,96.2,import: wide.csv\n"
    );
    assert!(
        stderr(&o).contains("imported 4 value(s) from wide.csv"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_missing_file_or_plan_is_an_input_error() {
    let (_tmp, dir) = workspace();
    let o = track(&dir, &["import", "none.xlsx", "--plan", "plan.toml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("none.xlsx: no such file"),
        "{}",
        stderr(&o)
    );
    let o = track(&dir, &["import", "none.csv", "--plan", "nope.toml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("cannot read plan nope.toml"),
        "{}",
        stderr(&o)
    );
}

#[cfg(not(feature = "xlsx"))]
#[test]
fn without_excel_support_workbooks_are_refused_clearly() {
    let (_tmp, dir) = workspace();
    std::fs::write(dir.join("t.xlsx"), b"PK").unwrap();
    let o = track(&dir, &["import", "t.xlsx", "--plan", "plan.toml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("this track was built without Excel support (cargo feature `xlsx`)"),
        "{}",
        stderr(&o)
    );
}

#[cfg(feature = "xlsx")]
mod xlsx {
    use super::*;
    use rust_xlsxwriter::{Format, Workbook};

    fn read(path: &Path) -> String {
        std::fs::read_to_string(path).unwrap()
    }

    /// Each series' (indicator, region, value, status) from `status --format json`.
    fn statuses(dir: &Path, args: &[&str]) -> Vec<(String, String, String, String)> {
        let mut all = vec!["status", "--format", "json"];
        all.extend(args);
        let o = track(dir, &all);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        v["series"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                (
                    s["indicator"].as_str().unwrap_or("").to_string(),
                    s["region"].as_str().unwrap_or("").to_string(),
                    s["value"].to_string(),
                    s["status"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect()
    }

    fn series(i: &str, r: &str, v: &str, s: &str) -> (String, String, String, String) {
        (i.into(), r.into(), v.into(), s.into())
    }

    /// Write a workbook: per sheet, rows of cells where `=93` is a number
    /// cell, `pct:0.944` a number formatted as a percentage, `` a blank and
    /// anything else typed text.
    pub fn workbook(path: &Path, sheets: &[(&str, &[&[&str]])]) {
        let mut wb = Workbook::new();
        let percent = Format::new().set_num_format("0.0%");
        for (name, rows) in sheets {
            let ws = wb.add_worksheet();
            ws.set_name(*name).unwrap();
            for (r, cells) in rows.iter().enumerate() {
                for (c, cell) in cells.iter().enumerate() {
                    let (r, c) = (r as u32, c as u16);
                    if let Some(n) = cell.strip_prefix('=') {
                        ws.write_number(r, c, n.parse::<f64>().unwrap()).unwrap();
                    } else if let Some(n) = cell.strip_prefix("pct:") {
                        ws.write_number_with_format(r, c, n.parse::<f64>().unwrap(), &percent)
                            .unwrap();
                    } else if !cell.is_empty() {
                        ws.write_string(r, c, *cell).unwrap();
                    }
                }
            }
        }
        wb.save(path).unwrap();
    }

    /// A table as a statistical yearbook has it: a title, a unit column,
    /// section headings, years as `2020年`, a typed `94.4%`, a full-width
    /// `９４．８％`, a blank and a `—`.
    pub const WIDE: &[&[&str]] = &[
        &["锡林郭勒盟教育事业发展主要指标", "", "", "", "", ""],
        &["指标", "单位", "2020年", "2021年", "2022年", "2023年"],
        &["学前教育", "", "", "", "", ""],
        &[
            "学前三年毛入园率",
            "%",
            "=93",
            "94.4%",
            "９４．８％",
            "=95.1",
        ],
        &["普惠性幼儿园覆盖率", "%", "=92", "", "—", "=93.5"],
        &["义务教育", "", "", "", "", ""],
        &["九年义务教育巩固率", "%", "=98", "=98.2", "=98.3", "=98.5"],
        &["高中阶段毛入学率", "%", "=95.9", "=96.1", "=96.2", "=96.4"],
    ];

    const WIDE_LONG: &str = "indicator,region,period,value,source
preschool_ger,xilingol,2020,93,import: wide.xlsx!主要指标
preschool_ger,xilingol,2021,94.4,import: wide.xlsx!主要指标
preschool_ger,xilingol,2022,94.8,import: wide.xlsx!主要指标
preschool_ger,xilingol,2023,95.1,import: wide.xlsx!主要指标
inclusive_kindergarten_coverage,xilingol,2020,92,import: wide.xlsx!主要指标
inclusive_kindergarten_coverage,xilingol,2023,93.5,import: wide.xlsx!主要指标
compulsory_consolidation_rate,xilingol,2020,98,import: wide.xlsx!主要指标
compulsory_consolidation_rate,xilingol,2021,98.2,import: wide.xlsx!主要指标
compulsory_consolidation_rate,xilingol,2022,98.3,import: wide.xlsx!主要指标
compulsory_consolidation_rate,xilingol,2023,98.5,import: wide.xlsx!主要指标
high_school_ger,xilingol,2020,95.9,import: wide.xlsx!主要指标
high_school_ger,xilingol,2021,96.1,import: wide.xlsx!主要指标
high_school_ger,xilingol,2022,96.2,import: wide.xlsx!主要指标
high_school_ger,xilingol,2023,96.4,import: wide.xlsx!主要指标
";

    #[test]
    fn a_wide_chinese_workbook_round_trips_into_status() {
        let (_tmp, dir) = workspace();
        workbook(&dir.join("wide.xlsx"), &[("主要指标", WIDE)]);
        let o = track(
            &dir,
            &[
                "import",
                "wide.xlsx",
                "--plan",
                "plan.toml",
                "-o",
                "out.csv",
            ],
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert!(
            stderr(&o).contains("imported 14 value(s) from wide.xlsx!主要指标 into out.csv"),
            "{}",
            stderr(&o)
        );
        assert_eq!(read(&dir.join("out.csv")), WIDE_LONG);
        assert_eq!(
            statuses(&dir, &["--plan", "plan.toml", "--actuals", "out.csv"]),
            vec![
                series("preschool_ger", "xilingol", "95.1", "achieved"),
                series(
                    "inclusive_kindergarten_coverage",
                    "xilingol",
                    "93.5",
                    "achieved"
                ),
                series(
                    "compulsory_consolidation_rate",
                    "xilingol",
                    "98.5",
                    "achieved"
                ),
                series("high_school_ger", "xilingol", "96.4", "at-risk"),
            ]
        );
        // Importing again adds nothing and leaves the file as it was.
        let o = track(
            &dir,
            &[
                "import",
                "wide.xlsx",
                "--plan",
                "plan.toml",
                "-o",
                "out.csv",
            ],
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert!(
            stderr(&o).contains(
                "imported 0 value(s) from wide.xlsx!主要指标 into out.csv (14 already there)"
            ),
            "{}",
            stderr(&o)
        );
        assert_eq!(read(&dir.join("out.csv")), WIDE_LONG);
    }

    #[test]
    fn a_transposed_workbook_with_english_names_and_year_numbers() {
        let (_tmp, dir) = workspace();
        workbook(
            &dir.join("t.xlsx"),
            &[(
                "Sheet1",
                &[
                    &[
                        "Year",
                        "Three-year preschool gross enrolment rate",
                        "Senior secondary gross enrolment rate",
                    ],
                    &["=2020", "=93", "=95.9"],
                    &["=2021", "=94.4", ""],
                    &["=2022", "=94.8", "=96.2"],
                ],
            )],
        );
        let o = track(&dir, &["import", "t.xlsx", "--plan", "plan.toml"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert_eq!(
            stdout(&o),
            "indicator,region,period,value,source
preschool_ger,xilingol,2020,93,import: t.xlsx!Sheet1
high_school_ger,xilingol,2020,95.9,import: t.xlsx!Sheet1
preschool_ger,xilingol,2021,94.4,import: t.xlsx!Sheet1
preschool_ger,xilingol,2022,94.8,import: t.xlsx!Sheet1
high_school_ger,xilingol,2022,96.2,import: t.xlsx!Sheet1
"
        );
        // Forced wide, the same table cannot be placed: every problem named.
        let o = track(
            &dir,
            &[
                "import",
                "t.xlsx",
                "--plan",
                "plan.toml",
                "--layout",
                "wide",
            ],
        );
        assert_eq!(o.status.code(), Some(2));
        assert!(
            stderr(&o).contains("t.xlsx!Sheet1: no column names the indicators"),
            "{}",
            stderr(&o)
        );
    }

    #[test]
    fn a_long_sheet_is_imported_and_read_directly_as_plan_actuals() {
        let (_tmp, dir) = workspace();
        let long: &[&[&str]] = &[
            &["indicator", "region", "year", "value", "note"],
            &["preschool_ger", "", "=2020", "=93", "基期"],
            &["学前三年毛入园率", "锡林郭勒盟", "=2021", "94.4%", ""],
            &["preschool_ger", "inner_mongolia", "=2021", "=91.2", ""],
            &["high_school_ger", "", "=2021", "", "未公布"],
        ];
        workbook(
            &dir.join("data.xlsx"),
            &[("说明", &[&["本表为示例"]]), ("数据", long)],
        );
        let o = track(
            &dir,
            &[
                "import",
                "data.xlsx",
                "--plan",
                "plan.toml",
                "--sheet",
                "数据",
            ],
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert_eq!(
            stdout(&o),
            "indicator,region,period,value,source
preschool_ger,xilingol,2020,93,import: data.xlsx!数据
preschool_ger,xilingol,2021,94.4,import: data.xlsx!数据
preschool_ger,inner_mongolia,2021,91.2,import: data.xlsx!数据
"
        );
        let o = track(
            &dir,
            &[
                "import",
                "data.xlsx",
                "--plan",
                "plan.toml",
                "--sheet",
                "数剧",
            ],
        );
        assert_eq!(o.status.code(), Some(2));
        assert!(
            stderr(&o).contains("no sheet `数剧` (the sheets: 说明, 数据); did you mean `数据`?"),
            "{}",
            stderr(&o)
        );

        // A plan may list the workbook itself; `actuals_sheet` picks the
        // sheet, read as actuals CSV is (ids, `docs/plan-format.md#actuals-csv`).
        let ids: &[&[&str]] = &[
            &["indicator", "region", "year", "value", "note"],
            &["preschool_ger", "", "=2020", "=93", "基期"],
            &["preschool_ger", "xilingol", "=2021", "94.4%", ""],
            &["preschool_ger", "inner_mongolia", "=2021", "=91.2", ""],
        ];
        workbook(
            &dir.join("data.xlsx"),
            &[("说明", &[&["本表为示例"]]), ("数据", ids)],
        );
        let plan = PLAN.replace(
            "actuals = [\"actuals.csv\"]",
            "actuals = [\"data.xlsx\"]\nactuals_sheet = \"数据\"",
        );
        std::fs::write(dir.join("xplan.toml"), plan).unwrap();
        assert_eq!(
            statuses(&dir, &["--plan", "xplan.toml"])[0],
            series("preschool_ger", "xilingol", "94.4", "ahead")
        );
        // The sheet is checked like any actuals, at the sheet's own rows.
        let bad: &[&[&str]] = &[
            &["indicator", "period", "value"],
            &["preschool_ger", "=2020", "=93"],
            &["preschol_ger", "=2021", "=94"],
        ];
        workbook(&dir.join("data.xlsx"), &[("数据", bad)]);
        let o = track(&dir, &["validate", "--plan", "xplan.toml"]);
        assert_eq!(o.status.code(), Some(2));
        assert!(
            stderr(&o).contains("--> data.xlsx!数据:3:1"),
            "{}",
            stderr(&o)
        );
        assert!(
            stderr(&o).contains("did you mean `preschool_ger`?"),
            "{}",
            stderr(&o)
        );
    }

    #[test]
    fn one_sheet_per_region() {
        let (_tmp, dir) = workspace();
        let table = |a: &'static str, b: &'static str| -> Vec<&'static [&'static str]> {
            vec![
                &["指标", "2020年", "2021年"][..],
                Box::leak(Box::new(["学前三年毛入园率", a, b])),
            ]
        };
        let xl = table("=93", "=94.4");
        let im = table("=90.5", "=91.2");
        workbook(
            &dir.join("regions.xlsx"),
            &[("锡林郭勒盟", &xl), ("Inner Mongolia", &im)],
        );
        let o = track(
            &dir,
            &[
                "import",
                "regions.xlsx",
                "--plan",
                "plan.toml",
                "--region-from",
                "sheet",
                "-o",
                "out.csv",
            ],
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert_eq!(
            read(&dir.join("out.csv")),
            "indicator,region,period,value,source
preschool_ger,xilingol,2020,93,import: regions.xlsx!锡林郭勒盟
preschool_ger,xilingol,2021,94.4,import: regions.xlsx!锡林郭勒盟
preschool_ger,inner_mongolia,2020,90.5,import: regions.xlsx!Inner Mongolia
preschool_ger,inner_mongolia,2021,91.2,import: regions.xlsx!Inner Mongolia
"
        );
        // Without --region-from sheet, only the first sheet is read, and it says so.
        let o = track(&dir, &["import", "regions.xlsx", "--plan", "plan.toml"]);
        assert!(
            stderr(&o).contains("regions.xlsx has 2 sheets; reading the first, `锡林郭勒盟`"),
            "{}",
            stderr(&o)
        );
        // A sheet that names no region.
        workbook(&dir.join("regions.xlsx"), &[("锡林郭勒", &xl)]);
        let o = track(
            &dir,
            &[
                "import",
                "regions.xlsx",
                "--plan",
                "plan.toml",
                "--region-from",
                "sheet",
            ],
        );
        assert_eq!(o.status.code(), Some(2));
        assert!(
            stderr(&o).contains("the sheet `锡林郭勒` names no region of plan plan.toml"),
            "{}",
            stderr(&o)
        );
        assert!(
            stderr(&o).contains("did you mean `锡林郭勒盟` (xilingol)?"),
            "{}",
            stderr(&o)
        );
    }

    /// Every kind of cell that cannot be placed, in one sheet.
    const BAD: &[&[&str]] = &[
        &["指标", "2020年", "2021年", "2O22年"],
        &["学前三年毛入园率", "=93", "94.4%", "=94.8"],
        &["学前三年毛入学率", "=93", "=94", ""],
        &["高中阶段毛入学率", "=95.9", "约96", ""],
        &["普惠性幼儿园覆盖率", "=0.92", "=92.5", ""],
    ];

    #[test]
    fn every_cell_that_cannot_be_placed_is_named_and_nothing_is_written() {
        let (_tmp, dir) = workspace();
        workbook(&dir.join("bad.xlsx"), &[("Sheet1", BAD)]);
        let o = track(
            &dir,
            &["import", "bad.xlsx", "--plan", "plan.toml", "-o", "out.csv"],
        );
        assert_eq!(o.status.code(), Some(2));
        let err = stderr(&o);
        for want in [
            "error: Sheet1!D1 (row 1, column 4): `2O22年` is not a period; a value sits under it",
            "help: did you mean `2022`?",
            "error: Sheet1!A3 (row 3, column 1): unknown indicator `学前三年毛入学率` (not in plan plan.toml); its 2 values are not imported",
            "note: bad.xlsx!Sheet1:3",
            "help: did you mean `学前三年毛入园率` (preschool_ger)?",
            "error: Sheet1!C4 (row 4, column 3): `约96` is not a number",
            "error: Sheet1!B5 (row 5, column 2): the cell holds 0.92 for `inclusive_kindergarten_coverage` (unit %, baseline or target 92): a fraction, where the percentage 92 is expected",
            "error: 4 problems found in the input",
        ] {
            assert!(err.contains(want), "missing {want:?} in\n{err}");
        }
        assert!(!dir.join("out.csv").exists());
    }

    #[test]
    fn skip_bad_lists_the_skipped_cells_and_imports_the_rest() {
        let (_tmp, dir) = workspace();
        workbook(&dir.join("bad.xlsx"), &[("Sheet1", BAD)]);
        let o = track(
            &dir,
            &[
                "import",
                "bad.xlsx",
                "--plan",
                "plan.toml",
                "-o",
                "out.csv",
                "--skip-bad",
            ],
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let err = stderr(&o);
        assert!(
            err.contains("warning: skipped: Sheet1!C4 (row 4, column 3): `约96` is not a number"),
            "{err}"
        );
        assert!(
            err.contains("warning: 4 problems skipped (--skip-bad); the rest is imported"),
            "{err}"
        );
        assert_eq!(
            read(&dir.join("out.csv")),
            "indicator,region,period,value,source
preschool_ger,xilingol,2020,93,import: bad.xlsx!Sheet1
preschool_ger,xilingol,2021,94.4,import: bad.xlsx!Sheet1
high_school_ger,xilingol,2020,95.9,import: bad.xlsx!Sheet1
inclusive_kindergarten_coverage,xilingol,2021,92.5,import: bad.xlsx!Sheet1
"
        );
    }

    #[test]
    fn a_different_value_already_in_the_output_is_a_conflict() {
        let (_tmp, dir) = workspace();
        workbook(&dir.join("wide.xlsx"), &[("主要指标", WIDE)]);
        let before = "indicator,region,period,value,source,note\n\
                      preschool_ger,xilingol,2020,93,年报,\n\
                      preschool_ger,xilingol,2021,94.5,快报,\n";
        std::fs::write(dir.join("out.csv"), before).unwrap();
        let o = track(
            &dir,
            &[
                "import",
                "wide.xlsx",
                "--plan",
                "plan.toml",
                "-o",
                "out.csv",
            ],
        );
        assert_eq!(o.status.code(), Some(2));
        assert!(
            stderr(&o).contains(
                "error: conflict: out.csv:3 has 94.5 for `preschool_ger` in xilingol in 2021, the import has 94.4 (wide.xlsx!主要指标!D4)"
            ),
            "{}",
            stderr(&o)
        );
        assert_eq!(read(&dir.join("out.csv")), before);

        // Without the conflict, the existing rows are kept as they are and
        // the equal 2020 value is not repeated.
        let before = "indicator,region,period,value,source,note\npreschool_ger,xilingol,2020,93.0,年报,基期\n";
        std::fs::write(dir.join("out.csv"), before).unwrap();
        let o = track(
            &dir,
            &[
                "import",
                "wide.xlsx",
                "--plan",
                "plan.toml",
                "-o",
                "out.csv",
            ],
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let after = read(&dir.join("out.csv"));
        assert!(after.starts_with(before), "{after}");
        assert_eq!(after.lines().count(), 2 + 13);
        assert!(after.contains("\npreschool_ger,xilingol,2021,94.4,import: wide.xlsx!主要指标,\n"));
        assert_eq!(after.matches("preschool_ger,xilingol,2020,").count(), 1);
    }
}
