//! Layout detection, values as typed, and every placement error with its
//! cell and suggestion.

use super::*;
use crate::plan::parse_plan;

fn plan() -> Plan {
    let src = r#"
[plan]
id = "xl"
name = "锡林郭勒盟教育"
baseline = 2020
target = 2025
region = "xilingol"
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
id = "high_school_ger"
name = "高中阶段毛入学率"
name_en = "Senior secondary gross enrolment rate"
unit = "%"
baseline = 95.9
target = "≥97%"
[[indicator]]
id = "teachers"
name = "专任教师数"
unit = "人"
baseline = 12000
target = "+5%"
"#;
    parse_plan(src, "plan.toml").unwrap().0
}

/// A sheet from text rows: `=N` is a spreadsheet number cell, `pct:N` one
/// formatted as a percentage, `#ERR` a spreadsheet error, anything else
/// typed text.
pub(super) fn sheet(rows: &[&[&str]]) -> Table {
    Table {
        file: "t.xlsx".into(),
        sheet: Some("Sheet1".into()),
        first_col: 1,
        rows: rows
            .iter()
            .enumerate()
            .map(|(i, cells)| Row {
                number: i + 1,
                cells: cells
                    .iter()
                    .map(|c| {
                        if let Some(n) = c.strip_prefix('=') {
                            Cell::number(n)
                        } else if let Some(n) = c.strip_prefix("pct:") {
                            Cell::percent(n)
                        } else if c.starts_with('#') {
                            Cell {
                                text: c.to_string(),
                                kind: CellKind::Error,
                            }
                        } else {
                            Cell::text(*c)
                        }
                    })
                    .collect(),
                source: None,
            })
            .collect(),
    }
}

fn run(t: &Table, layout: Layout, region_from: Option<RegionFrom>) -> Placed {
    place(
        t,
        &plan(),
        &Options {
            layout,
            region_from,
        },
    )
}

fn auto(t: &Table) -> Placed {
    run(t, Layout::Auto, None)
}

/// (indicator, region, period, value) of every placed row.
pub(super) fn facts(p: &Placed) -> Vec<(String, String, String, String)> {
    p.rows
        .iter()
        .map(|r| {
            (
                r.indicator.clone(),
                r.region.clone(),
                r.period.to_string(),
                r.value.to_string(),
            )
        })
        .collect()
}

pub(super) fn fact(i: &str, r: &str, p: &str, v: &str) -> (String, String, String, String) {
    (i.into(), r.into(), p.into(), v.into())
}

pub(super) fn messages(p: &Placed) -> Vec<String> {
    p.errors.iter().map(|d| d.message.clone()).collect()
}

// --------------------------------------------------------------- values

#[test]
fn values_are_read_as_people_type_them() {
    let d = |s: &str| Value::Number(s.parse().unwrap());
    for (typed, want) in [
        ("94.4", d("94.4")),
        ("94.4%", d("94.4")),
        (" 94.4 % ", d("94.4")),
        ("９４．４％", d("94.4")),
        ("９４.４%", d("94.4")),
        ("1,234", d("1234")),
        ("１，２３４", d("1234")),
        ("12,345.6", d("12345.6")),
        ("-0.5", d("-0.5")),
        ("－0.5", d("-0.5")),
        ("\u{a0}93\u{3000}", d("93")),
        ("", Value::Missing),
        ("   ", Value::Missing),
        ("-", Value::Missing),
        ("—", Value::Missing),
        ("——", Value::Missing),
        ("–", Value::Missing),
        ("－", Value::Missing),
        ("abc", Value::Bad),
        ("94.4.1", Value::Bad),
        ("1,23", Value::Bad),
        ("约95", Value::Bad),
        ("95%以上", Value::Bad),
    ] {
        assert_eq!(parse_value(typed), want, "{typed:?}");
    }
    // Exactness: 94.4 stays 94.4, never 94.40000000000001.
    assert_eq!(parse_value(&format!("{}", 94.4f64)), d("94.4"));
    assert_eq!(format!("{}", 2020.0f64), "2020");
}

#[test]
fn periods_are_read_as_headers_write_them() {
    for (typed, want) in [
        ("2020", Some(Period::Year(2020))),
        ("2020年", Some(Period::Year(2020))),
        ("２０２０年", Some(Period::Year(2020))),
        ("2020年度", Some(Period::Year(2020))),
        (" 2020 ", Some(Period::Year(2020))),
        ("2021-Q1", Some(Period::Quarter(2021, 1))),
        ("2021-06", Some(Period::Month(2021, 6))),
        ("2021-06-30", Some(Period::Day(2021, 6, 30))),
        ("指标", None),
        ("二〇二一年", None),
        ("2O21", None),
        ("", None),
    ] {
        assert_eq!(parse_period(typed), want, "{typed:?}");
    }
}

#[test]
fn columns_are_named_like_a_spreadsheet() {
    assert_eq!(column_name(1), "A");
    assert_eq!(column_name(26), "Z");
    assert_eq!(column_name(27), "AA");
    assert_eq!(column_name(52), "AZ");
    assert_eq!(column_name(703), "AAA");
}

#[test]
fn labels_match_by_id_name_english_name_and_without_decoration() {
    let plan = plan();
    let names = Names::new(&plan);
    for label in [
        "preschool_ger",
        "学前三年毛入园率",
        "Three-year preschool gross enrolment rate",
        "three-year  PRESCHOOL gross enrolment rate",
        "学前三年毛入园率（%）",
        "1.学前三年毛入园率",
        "（一）学前三年毛入园率",
        "一、学前三年毛入园率",
        "学 前 三 年 毛 入 园 率",
        "学前三年毛入园率：",
    ] {
        assert!(matches!(names.indicator(label), Found::One(0)), "{label:?}");
    }
    assert!(matches!(names.indicator("学前教育"), Found::None));
    assert_eq!(names.region("锡林郭勒盟").as_deref(), Some("xilingol"));
    assert_eq!(
        names.region("Inner Mongolia").as_deref(),
        Some("inner_mongolia")
    );
    assert_eq!(names.region("锡盟"), None);
}

// --------------------------------------------------------------- layouts

#[test]
fn detects_a_wide_table_under_a_title_with_a_unit_column() {
    let t = sheet(&[
        &["表1 锡林郭勒盟教育事业发展主要指标", "", "", "", ""],
        &["指标", "单位", "2020年", "2021年", "2022年"],
        &["学前教育", "", "", "", ""],
        &["学前三年毛入园率", "%", "=93", "94.4%", "９４．８％"],
        &["高中阶段毛入学率", "%", "=95.9", "", "—"],
        &["专任教师数", "人", "=12000", "12,150", "=12310"],
        &["注: 2022年为快报数", "", "", "", ""],
    ]);
    let p = auto(&t);
    assert_eq!(p.layout, Some(Layout::Wide));
    assert!(p.errors.is_empty(), "{:?}", messages(&p));
    assert_eq!(
        facts(&p),
        vec![
            fact("preschool_ger", "xilingol", "2020", "93"),
            fact("preschool_ger", "xilingol", "2021", "94.4"),
            fact("preschool_ger", "xilingol", "2022", "94.8"),
            fact("high_school_ger", "xilingol", "2020", "95.9"),
            fact("teachers", "xilingol", "2020", "12000"),
            fact("teachers", "xilingol", "2021", "12150"),
            fact("teachers", "xilingol", "2022", "12310"),
        ]
    );
    assert_eq!(p.rows[1].cell, "t.xlsx!Sheet1!D4");
    assert_eq!(p.rows[1].source, "import: t.xlsx!Sheet1");
}

#[test]
fn detects_wide_with_year_numbers_and_quarters() {
    // Years typed as numbers come from Excel as 2020.0, written 2020.
    let t = sheet(&[
        &["indicator", "=2020", "=2021"],
        &["preschool_ger", "=93", "=94.4"],
    ]);
    assert_eq!(auto(&t).layout, Some(Layout::Wide));
    assert_eq!(auto(&t).rows.len(), 2);
    let t = sheet(&[
        &["", "2021-Q1", "2021-Q2"],
        &["preschool_ger", "93", "93.5"],
    ]);
    let p = auto(&t);
    assert_eq!(
        facts(&p)[1],
        fact("preschool_ger", "xilingol", "2021-Q2", "93.5")
    );
}

#[test]
fn detects_a_transposed_table() {
    let t = sheet(&[
        &["年份", "学前三年毛入园率", "高中阶段毛入学率", "备注"],
        &["2020年", "=93", "=95.9", "基期"],
        &["2021年", "94.4%", "", ""],
        &["2022年", "—", "96.2", "快报"],
    ]);
    let p = auto(&t);
    assert_eq!(p.layout, Some(Layout::Transposed));
    assert!(p.errors.is_empty(), "{:?}", messages(&p));
    assert_eq!(
        facts(&p),
        vec![
            fact("preschool_ger", "xilingol", "2020", "93"),
            fact("high_school_ger", "xilingol", "2020", "95.9"),
            fact("preschool_ger", "xilingol", "2021", "94.4"),
            fact("high_school_ger", "xilingol", "2022", "96.2"),
        ]
    );
    // One data row: the numbers beside the period say it is transposed.
    let t = sheet(&[&["year", "preschool_ger"], &["=2021", "=94.4"]]);
    let p = auto(&t);
    assert_eq!(p.layout, Some(Layout::Transposed));
    assert_eq!(
        facts(&p),
        vec![fact("preschool_ger", "xilingol", "2021", "94.4")]
    );
    // ...and a header with one period and a name beside it is wide.
    let t = sheet(&[&["指标", "2021"], &["学前三年毛入园率", "=94.4"]]);
    assert_eq!(auto(&t).layout, Some(Layout::Wide));
}

#[test]
fn detects_a_long_table_with_names_regions_and_extra_columns() {
    let t = sheet(&[
        &["指标", "地区", "年份", "数值", "来源", "性别"],
        &[
            "学前三年毛入园率",
            "锡林郭勒盟",
            "2021",
            "94.4%",
            "年报",
            "",
        ],
        &["preschool_ger", "inner_mongolia", "2021年", "=92.1", "", ""],
        &["high_school_ger", "", "2021", "", "", ""],
    ]);
    let p = auto(&t);
    assert_eq!(p.layout, Some(Layout::Long));
    assert!(p.errors.is_empty(), "{:?}", messages(&p));
    assert_eq!(
        facts(&p),
        vec![
            fact("preschool_ger", "xilingol", "2021", "94.4"),
            fact("preschool_ger", "inner_mongolia", "2021", "92.1"),
        ]
    );
    assert_eq!(p.warnings.len(), 1);
    assert!(
        p.warnings[0].message.contains("`性别` (F1) not imported"),
        "{}",
        p.warnings[0].message
    );
}

#[test]
fn a_table_without_periods_cannot_be_placed() {
    let t = sheet(&[&["指标", "数"], &["学前三年毛入园率", "93"]]);
    let p = auto(&t);
    assert_eq!(p.layout, None);
    assert!(
        messages(&p)[0].contains("cannot tell the layout"),
        "{:?}",
        messages(&p)
    );
}

#[test]
fn forced_layouts_are_obeyed() {
    let t = sheet(&[&["year", "preschool_ger"], &["2021", "94.4"]]);
    assert_eq!(run(&t, Layout::Transposed, None).rows.len(), 1);
    let p = run(&t, Layout::Long, None);
    assert_eq!(p.layout, Some(Layout::Long));
    assert!(
        messages(&p)[0].contains("no column indicator, value"),
        "{:?}",
        messages(&p)
    );
}

#[test]
fn regions_from_a_column_or_the_sheet_name() {
    let t = sheet(&[
        &["地区", "指标", "2020", "2021"],
        &["锡林郭勒盟", "学前三年毛入园率", "93", "94.4"],
        &["Inner Mongolia", "学前三年毛入园率", "91", "92.1"],
        &["", "高中阶段毛入学率", "95.9", ""],
    ]);
    let p = run(&t, Layout::Auto, Some(RegionFrom::Column));
    assert!(p.errors.is_empty(), "{:?}", messages(&p));
    let regions: Vec<String> = p.rows.iter().map(|r| r.region.clone()).collect();
    assert_eq!(
        regions,
        [
            "xilingol",
            "xilingol",
            "inner_mongolia",
            "inner_mongolia",
            "xilingol"
        ]
    );

    let mut t = sheet(&[&["指标", "2020"], &["学前三年毛入园率", "91"]]);
    t.sheet = Some("内蒙古自治区".into());
    let p = run(&t, Layout::Auto, Some(RegionFrom::Sheet));
    assert_eq!(
        facts(&p),
        vec![fact("preschool_ger", "inner_mongolia", "2020", "91")]
    );

    // --region-from column without one.
    let p = run(&t, Layout::Auto, Some(RegionFrom::Column));
    assert!(
        messages(&p)[0].contains("no region column"),
        "{:?}",
        messages(&p)
    );
}

// --------------------------------------------------------------- errors

#[test]
fn an_unknown_indicator_is_reported_once_at_its_label_with_a_suggestion() {
    let t = sheet(&[
        &["指标", "2020年", "2021年"],
        &["学前三年毛入学率", "93", "94"],
        &["学前教育", "", ""],
        &["Senior secondary gross enrollment rate", "95.9", ""],
    ]);
    let p = auto(&t);
    assert_eq!(p.rows.len(), 0);
    assert_eq!(p.errors.len(), 2, "{:?}", messages(&p));
    let d = &p.errors[0];
    assert_eq!(
        d.message,
        "Sheet1!A2 (row 2, column 1): unknown indicator `学前三年毛入学率` (not in plan plan.toml); its 2 values are not imported"
    );
    assert_eq!(
        d.help.as_deref(),
        Some("did you mean `学前三年毛入园率` (preschool_ger)?")
    );
    assert_eq!(d.position().as_deref(), Some("t.xlsx!Sheet1:2:1"));
    assert_eq!(
        p.errors[1].help.as_deref(),
        Some("did you mean `Senior secondary gross enrolment rate` (high_school_ger)?")
    );
}

#[test]
fn a_value_that_is_not_a_number_is_reported_at_its_cell() {
    let t = sheet(&[
        &["指标", "2020年", "2021年", "2022年"],
        &["学前三年毛入园率", "93", "约94", "#DIV/0!"],
    ]);
    let p = auto(&t);
    assert_eq!(
        facts(&p),
        vec![fact("preschool_ger", "xilingol", "2020", "93")]
    );
    assert_eq!(
        messages(&p),
        [
            "Sheet1!C2 (row 2, column 3): `约94` is not a number",
            "Sheet1!D2 (row 2, column 4): the cell holds the spreadsheet error `#DIV/0!`, not a number",
        ]
    );
}

#[test]
fn an_unknown_period_is_reported_at_its_header_with_a_suggestion() {
    let t = sheet(&[
        &["指标", "2020年", "2O21年", "备注"],
        &["学前三年毛入园率", "93", "94.4", "快报"],
    ]);
    let p = auto(&t);
    assert_eq!(p.rows.len(), 1);
    assert_eq!(
        messages(&p),
        ["Sheet1!C1 (row 1, column 3): `2O21年` is not a period; a value sits under it"]
    );
    assert_eq!(p.errors[0].help.as_deref(), Some("did you mean `2021`?"));
    // Transposed: at the row's period cell.
    let t = sheet(&[
        &["年份", "学前三年毛入园率"],
        &["2020", "93"],
        &["2O21", "94.4"],
    ]);
    let p = auto(&t);
    assert_eq!(
        messages(&p),
        ["Sheet1!A3 (row 3, column 1): `2O21` is not a period; a value sits under it"]
    );
}

#[test]
fn an_unknown_region_is_reported_with_a_suggestion() {
    let t = sheet(&[
        &["地区", "指标", "2020"],
        &["锡林郭勒", "学前三年毛入园率", "93"],
    ]);
    let p = auto(&t);
    assert_eq!(
        messages(&p),
        [
            "Sheet1!A2 (row 2, column 1): unknown region `锡林郭勒` (not in plan plan.toml); the row is not imported"
        ]
    );
    assert_eq!(
        p.errors[0].help.as_deref(),
        Some("did you mean `锡林郭勒盟` (xilingol)?")
    );
    let mut t = sheet(&[&["指标", "2020"], &["学前三年毛入园率", "91"]]);
    t.sheet = Some("Sheet2".into());
    let p = run(&t, Layout::Auto, Some(RegionFrom::Sheet));
    assert_eq!(
        messages(&p),
        ["t.xlsx!Sheet2: the sheet `Sheet2` names no region of plan plan.toml"]
    );
}

#[test]
fn a_fraction_in_a_percent_formatted_cell_is_caught() {
    // Excel shows 94.4% and stores 0.944; typed "0.5%" text is taken as is.
    let t = sheet(&[
        &["指标", "2020", "2021", "2022"],
        &["学前三年毛入园率", "=0.944", "0.5%", "=94.4"],
    ]);
    let p = auto(&t);
    assert_eq!(
        facts(&p),
        vec![
            fact("preschool_ger", "xilingol", "2021", "0.5"),
            fact("preschool_ger", "xilingol", "2022", "94.4"),
        ]
    );
    assert_eq!(p.errors.len(), 1);
    assert!(
        p.errors[0]
            .message
            .starts_with("Sheet1!B2 (row 2, column 2): the cell holds 0.944")
    );
    assert!(p.errors[0].help.as_deref().unwrap_or("").contains("94.4"));
}

#[test]
fn csv_cells_point_into_their_line() {
    let (t, _) =
        super::csv::read_table("指标,2020\n学前三年毛入园率,abc\n".as_bytes(), "w.csv").unwrap();
    let p = auto(&t);
    assert_eq!(
        messages(&p),
        ["B2 (row 2, column 2): `abc` is not a number"]
    );
    assert_eq!(p.errors[0].position().as_deref(), Some("w.csv:2:10"));
    assert!(p.errors[0].render(false).contains("^^^ not a number"));
    assert_eq!(p.rows.len(), 0);
}

#[test]
fn duplicates_are_kept_once_and_conflicts_drop_both() {
    let t = sheet(&[
        &["指标", "2020", "2021"],
        &["学前三年毛入园率", "93", "94.4"],
        &["preschool_ger", "93.0", "94.5"],
    ]);
    let p = auto(&t);
    assert!(p.errors.is_empty());
    let (rows, errors) = dedupe(p.rows, std::slice::from_ref(&t));
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].period, Period::Year(2020));
    assert_eq!(errors.len(), 2);
    assert_eq!(
        errors[0].message,
        "t.xlsx!Sheet1!C2: two values for `preschool_ger` in xilingol in 2021: 94.4 here, 94.5 in t.xlsx!Sheet1!C3 elsewhere; neither is imported"
    );
}

#[test]
fn empty_sheets_and_ragged_rows_do_not_panic() {
    let p = auto(&sheet(&[]));
    assert!(p.rows.is_empty() && p.errors.is_empty());
    let p = auto(&sheet(&[&["", ""], &[""]]));
    assert!(p.rows.is_empty() && p.errors.is_empty());
    // Values beyond the header: each headless column is reported once.
    let p = auto(&sheet(&[
        &["指标", "2020", "2021"],
        &["学前三年毛入园率"],
        &["x", "1", "2", "3", "4"],
    ]));
    assert_eq!(
        messages(&p),
        [
            "Sheet1!D1 (row 1, column 4): no period heads this column, but a value sits under it",
            "Sheet1!E1 (row 1, column 5): no period heads this column, but a value sits under it",
            "Sheet1!A3 (row 3, column 1): unknown indicator `x` (not in plan plan.toml); its 2 values are not imported",
        ]
    );
    for forced in [Layout::Wide, Layout::Transposed, Layout::Long] {
        let _ = run(&sheet(&[&["a"], &["指标"], &["", "", "９"]]), forced, None);
    }
}
