//! `track import` of what statistics offices save, without edits: a
//! monitoring workbook with percentage-formatted cells, a sub-row block
//! under its parent (`其中:小学`, an indented `初中`), a `2025年目标`
//! column and a `属性` column, written here with rust_xlsxwriter; the same
//! table as a GB18030 CSV (Excel on Chinese Windows, written with
//! encoding_rs) and as UTF-16 text. The plan is the one of
//! `tests/fixtures/targets-zh`, whose sub-indicators `standard-classes-*`
//! sit under the heading `义务教育标准班额比例`; what is imported must be
//! graded by `track status` exactly as the fixture's own actuals are.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::{fixture, output as track, stderr_of as stderr, stdout_of as stdout};

/// A temporary directory holding the fixture's plan, without its actuals.
fn workspace() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().to_path_buf();
    std::fs::copy(
        fixture("targets-zh").join("plan.toml"),
        dir.join("plan.toml"),
    )
    .unwrap();
    (tmp, dir)
}

/// Each indicator's (latest value, status) from `status --format json`.
fn graded(dir: &Path, args: &[&str]) -> BTreeMap<String, (String, String)> {
    let mut all = vec!["status", "--format", "json", "--plan", "plan.toml"];
    all.extend(args);
    let o = track(dir, &all);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    v["series"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["region"] == "xilingol")
        .map(|s| {
            let id = s["indicator"].as_str().unwrap_or("").to_string();
            let status = s["status"].as_str().unwrap_or("").to_string();
            (id, (s["value"].to_string(), status))
        })
        .collect()
}

/// `ids` are graded on the imported `out.csv` as on the fixture's actuals.
fn graded_as_the_fixture(dir: &Path, ids: &[&str]) {
    let imported = graded(dir, &["--actuals", "out.csv"]);
    let fixture = graded(&fixture("targets-zh"), &[]);
    for id in ids {
        assert!(imported.contains_key(*id), "{id} not graded: {imported:?}");
        assert_eq!(imported.get(*id), fixture.get(*id), "{id}");
    }
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

/// The wide table a statistics office keeps, as CSV text: units, a target
/// column and a kind column, a heading with its sub-rows, `——` and `/`.
const TABLE: &str = "指标,单位,2020年,2021年,2022年,2023年,2025年目标,属性
劳动年龄人口平均受教育年限,年,11.4,11.6,11.8,11.9,12.3年以上,预期性
县域义务教育优质均衡达标率,%,——,5%,10%,15%,25%,预期性
义务教育标准班额比例,%,,,,,,
其中:小学,%,96%,——,/,99%,100%,
其中：初中,%,90%,—,-,95%,100%,
中等职业学校在校生规模,万人,1.2,1.3,1.4,1.5,2.5万人,预期性
";

const TABLE_LONG: &str = "indicator,region,period,value,source
schooling-years,xilingol,2020,11.4,import: 监测表.csv
schooling-years,xilingol,2021,11.6,import: 监测表.csv
schooling-years,xilingol,2022,11.8,import: 监测表.csv
schooling-years,xilingol,2023,11.9,import: 监测表.csv
balanced-counties,xilingol,2021,5,import: 监测表.csv
balanced-counties,xilingol,2022,10,import: 监测表.csv
balanced-counties,xilingol,2023,15,import: 监测表.csv
standard-classes-primary,xilingol,2020,96,import: 监测表.csv
standard-classes-primary,xilingol,2023,99,import: 监测表.csv
standard-classes-junior,xilingol,2020,90,import: 监测表.csv
standard-classes-junior,xilingol,2023,95,import: 监测表.csv
vocational-students,xilingol,2020,1.2,import: 监测表.csv
vocational-students,xilingol,2021,1.3,import: 监测表.csv
vocational-students,xilingol,2022,1.4,import: 监测表.csv
vocational-students,xilingol,2023,1.5,import: 监测表.csv
";

const TABLE_SKIPPED: &str = "监测表.csv: columns not imported, as the actuals do not need them: `单位` (B1, units; the plan has them), `2025年目标` (G1, a target; targets come from the plan), `属性` (H1, the indicator's kind)";

#[test]
fn a_gb18030_csv_from_excel_imports_without_edits() {
    let (_tmp, dir) = workspace();
    // Excel on Chinese Windows saves "CSV" in GB18030 (GBK), lines in CRLF.
    let crlf = TABLE.replace('\n', "\r\n");
    let (bytes, _, unmappable) = encoding_rs::GB18030.encode(&crlf);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&bytes).is_err());
    std::fs::write(dir.join("监测表.csv"), &bytes).unwrap();
    let o = track(
        &dir,
        &[
            "import",
            "监测表.csv",
            "--plan",
            "plan.toml",
            "-o",
            "out.csv",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    for want in [
        "warning: 监测表.csv is GB18030 text, not UTF-8: read as GB18030",
        TABLE_SKIPPED,
        "imported 15 value(s) from 监测表.csv into out.csv",
    ] {
        assert!(err.contains(want), "missing {want:?} in\n{err}");
    }
    assert_eq!(read(&dir.join("out.csv")), TABLE_LONG);
    graded_as_the_fixture(
        &dir,
        &[
            "schooling-years",
            "balanced-counties",
            "standard-classes-primary",
            "standard-classes-junior",
            "vocational-students",
        ],
    );
}

#[test]
fn utf16_text_from_excel_imports_without_edits() {
    let (_tmp, dir) = workspace();
    // Excel's "Unicode text": UTF-16LE with a byte order mark, tab-separated.
    let mut bytes = vec![0xFF, 0xFE];
    for u in TABLE.replace(',', "\t").encode_utf16() {
        bytes.extend(u.to_le_bytes());
    }
    std::fs::write(dir.join("监测表.csv"), &bytes).unwrap();
    let o = track(&dir, &["import", "监测表.csv", "--plan", "plan.toml"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("监测表.csv is UTF-16LE text, not UTF-8: read as UTF-16LE"),
        "{}",
        stderr(&o)
    );
    assert_eq!(stdout(&o), TABLE_LONG);
}

#[test]
fn a_sub_row_that_names_no_sub_indicator_is_refused_and_nothing_written() {
    let (_tmp, dir) = workspace();
    let table = TABLE.replace("其中：初中", "其中：高中");
    let (bytes, _, _) = encoding_rs::GB18030.encode(&table);
    std::fs::write(dir.join("监测表.csv"), &bytes).unwrap();
    let before = "indicator,region,period,value\nschooling-years,xilingol,2020,11.4\n";
    std::fs::write(dir.join("out.csv"), before).unwrap();
    let o = track(
        &dir,
        &[
            "import",
            "监测表.csv",
            "--plan",
            "plan.toml",
            "-o",
            "out.csv",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    for want in [
        "error: A6 (row 6, column 1): unknown indicator `其中：高中` under `义务教育标准班额比例` (A4): not a sub-indicator of `standard-classes` in plan plan.toml; its 2 values are not imported",
        " --> 监测表.csv:6:1",
        "help: its sub-indicators: `小学` (standard-classes-primary), `初中` (standard-classes-junior)",
    ] {
        assert!(err.contains(want), "missing {want:?} in\n{err}");
    }
    assert_eq!(read(&dir.join("out.csv")), before);
}

#[cfg(feature = "xlsx")]
mod xlsx {
    use super::*;
    use rust_xlsxwriter::{Format, Workbook};

    /// Write one sheet: `=93` is a number cell, `pct:0.944` a number
    /// formatted as a percentage (`0.0%`), `indent:初中` text indented
    /// with Excel's Increase Indent, `` a blank, anything else text.
    fn workbook(path: &Path, sheet: &str, rows: &[&[&str]]) {
        let mut wb = Workbook::new();
        let percent = Format::new().set_num_format("0.0%");
        let indent = Format::new().set_indent(1);
        let ws = wb.add_worksheet();
        ws.set_name(sheet).unwrap();
        for (r, cells) in rows.iter().enumerate() {
            for (c, cell) in cells.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                if let Some(n) = cell.strip_prefix('=') {
                    ws.write_number(r, c, n.parse::<f64>().unwrap()).unwrap();
                } else if let Some(n) = cell.strip_prefix("pct:") {
                    ws.write_number_with_format(r, c, n.parse::<f64>().unwrap(), &percent)
                        .unwrap();
                } else if let Some(s) = cell.strip_prefix("indent:") {
                    ws.write_string_with_format(r, c, s, &indent).unwrap();
                } else if !cell.is_empty() {
                    ws.write_string(r, c, *cell).unwrap();
                }
            }
        }
        wb.save(path).unwrap();
    }

    /// A monitoring workbook: a title, 序号 and 单位 columns, percentages
    /// as formatted cells (and one typed as text), a heading with a
    /// `其中:小学` row and an indented `初中` row, `——`, `/`, `-`, `—`,
    /// a target column, a kind column, and one count formatted as a
    /// percentage by mistake (shows 200%, holds 2).
    const MONITORING: &[&[&str]] = &[
        &["锡林郭勒盟“十四五”教育事业发展主要指标监测表"],
        &[
            "序号",
            "指标",
            "单位",
            "2020年",
            "2021年",
            "2022年",
            "2023年",
            "2025年目标",
            "属性",
        ],
        &["一", "义务教育"],
        &[
            "",
            "县域义务教育优质均衡达标率",
            "%",
            "——",
            "pct:0.05",
            "pct:0.1",
            "pct:0.15",
            "25%",
            "预期性",
        ],
        &[
            "1",
            "小学适龄儿童入学率",
            "%",
            "pct:1",
            "pct:1",
            "pct:1",
            "pct:1",
            "100%",
            "约束性",
        ],
        &[
            "2",
            "56人以上大班额比例",
            "%",
            "pct:0.03",
            "pct:0.021",
            "pct:0.016",
            "pct:0.014",
            "基本消除",
            "约束性",
        ],
        &[
            "3",
            "义务教育标准班额比例",
            "%",
            "",
            "",
            "",
            "",
            "",
            "预期性",
        ],
        &[
            "",
            "其中:小学",
            "%",
            "pct:0.96",
            "——",
            "/",
            "pct:0.99",
            "100%",
            "",
        ],
        &[
            "",
            "indent:初中",
            "%",
            "pct:0.9",
            "-",
            "—",
            "pct:0.95",
            "100%",
            "",
        ],
        &["二", "师资队伍"],
        &[
            "4",
            "义务教育学校本科毕业及以上教师比例",
            "%",
            "=82",
            "=82.9",
            "=83.6",
            "=84.5",
            "持续提高",
            "预期性",
        ],
        &[
            "5",
            "数字校园覆盖率",
            "%",
            "60%",
            "pct:0.66",
            "pct:0.71",
            "pct:0.78",
            "全覆盖",
            "预期性",
        ],
        &[
            "6",
            "学生资助资金",
            "亿元",
            "pct:2",
            "=2.4",
            "=2.9",
            "=3.4",
            "翻一番",
            "预期性",
        ],
    ];

    #[test]
    fn a_monitoring_workbook_imports_without_edits_and_grades_as_the_plan_says() {
        let (_tmp, dir) = workspace();
        workbook(&dir.join("监测表.xlsx"), "监测表", MONITORING);
        let o = track(
            &dir,
            &[
                "import",
                "监测表.xlsx",
                "--plan",
                "plan.toml",
                "-o",
                "out.csv",
            ],
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let err = stderr(&o);
        for want in [
            "warning: 监测表!D13 (row 13, column 4): the cell is formatted as a percentage (shows 200%), but `student-aid` is in 亿元, not %: read as 2, the number it holds",
            " = note: 监测表.xlsx!监测表:13",
            "监测表.xlsx!监测表: columns not imported, as the actuals do not need them: `序号` (A2, row numbers), `单位` (C2, units; the plan has them), `2025年目标` (H2, a target; targets come from the plan), `属性` (I2, the indicator's kind)",
            "imported 27 value(s) from 监测表.xlsx!监测表 into out.csv",
        ] {
            assert!(err.contains(want), "missing {want:?} in\n{err}");
        }
        let out = read(&dir.join("out.csv"));
        let rows: Vec<&str> = out
            .lines()
            .map(|l| l.trim_end_matches(",import: 监测表.xlsx!监测表"))
            .collect();
        assert_eq!(
            rows,
            [
                "indicator,region,period,value,source",
                "balanced-counties,xilingol,2021,5",
                "balanced-counties,xilingol,2022,10",
                "balanced-counties,xilingol,2023,15",
                "primary-enrolment,xilingol,2020,100",
                "primary-enrolment,xilingol,2021,100",
                "primary-enrolment,xilingol,2022,100",
                "primary-enrolment,xilingol,2023,100",
                "oversized-classes,xilingol,2020,3",
                "oversized-classes,xilingol,2021,2.1",
                "oversized-classes,xilingol,2022,1.6",
                "oversized-classes,xilingol,2023,1.4",
                "standard-classes-primary,xilingol,2020,96",
                "standard-classes-primary,xilingol,2023,99",
                "standard-classes-junior,xilingol,2020,90",
                "standard-classes-junior,xilingol,2023,95",
                "graduate-teachers,xilingol,2020,82",
                "graduate-teachers,xilingol,2021,82.9",
                "graduate-teachers,xilingol,2022,83.6",
                "graduate-teachers,xilingol,2023,84.5",
                "digital-campus,xilingol,2020,60",
                "digital-campus,xilingol,2021,66",
                "digital-campus,xilingol,2022,71",
                "digital-campus,xilingol,2023,78",
                "student-aid,xilingol,2020,2",
                "student-aid,xilingol,2021,2.4",
                "student-aid,xilingol,2022,2.9",
                "student-aid,xilingol,2023,3.4",
            ]
        );
        let graded = graded(&dir, &["--actuals", "out.csv"]);
        let latest = |id: &str| (graded[id].0.as_str(), graded[id].1.as_str());
        assert_eq!(latest("standard-classes-primary"), ("99", "ahead"));
        assert_eq!(latest("standard-classes-junior"), ("95", "at-risk"));
        assert_eq!(latest("oversized-classes"), ("1.4", "ahead"));
        graded_as_the_fixture(
            &dir,
            &[
                "balanced-counties",
                "primary-enrolment",
                "oversized-classes",
                "standard-classes-primary",
                "standard-classes-junior",
                "graduate-teachers",
                "digital-campus",
                "student-aid",
            ],
        );
    }

    #[test]
    fn a_workbook_listed_as_actuals_reads_percentage_cells_as_shown() {
        let (_tmp, dir) = workspace();
        let long: &[&[&str]] = &[
            &["indicator", "period", "value"],
            &["standard-classes-primary", "=2020", "pct:0.96"],
            &["standard-classes-primary", "=2023", "pct:0.99"],
            &["balanced-counties", "=2021", "pct:0.05"],
            &["balanced-counties", "=2023", "pct:0.15"],
        ];
        workbook(&dir.join("data.xlsx"), "数据", long);
        let plan = read(&dir.join("plan.toml"))
            .replace("actuals = [\"actuals.csv\"]", "actuals = [\"data.xlsx\"]");
        std::fs::write(dir.join("plan.toml"), plan).unwrap();
        let graded = graded(&dir, &[]);
        assert_eq!(
            graded["standard-classes-primary"],
            graded_as_in_fixture("standard-classes-primary")
        );
    }

    fn graded_as_in_fixture(id: &str) -> (String, String) {
        graded(&fixture("targets-zh"), &[])[id].clone()
    }
}
