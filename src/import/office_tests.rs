//! Tables as statistics offices save them: percentage-formatted cells,
//! sub-rows (`其中:小学`) under their parent, columns the actuals do not
//! need (`2025年目标`, `属性`, `单位`), `——` and `/` for no figure.

use super::tests::{fact, facts, messages, sheet};
use super::*;
use crate::plan::parse_plan;

/// A plan with sub-indicators: a heading with two (one named in full with
/// its bracket), and three teacher counts whose sub-indicators share a name
/// or end with the sub-row's words.
const PLAN: &str = r#"
[plan]
id = "xl"
name = "锡林郭勒盟教育"
baseline = 2020
target = 2025
region = "xilingol"
[[region]]
id = "xilingol"
name = "锡林郭勒盟"
[[indicator]]
id = "standard-classes"
name = "义务教育标准班额比例"
unit = "%"
[[indicator]]
id = "standard-classes-primary"
name = "小学"
parent = "standard-classes"
unit = "%"
baseline = 96
target = "100%"
[[indicator]]
id = "standard-classes-junior"
name = "义务教育标准班额比例(初中)"
parent = "standard-classes"
unit = "%"
baseline = 90
target = "100%"
[[indicator]]
id = "primary-teachers"
name = "小学专任教师数"
unit = "人"
baseline = 5000
target = "+5%"
[[indicator]]
id = "primary-teachers-degree"
name = "本科及以上学历比例"
parent = "primary-teachers"
unit = "%"
baseline = 76
target = ">= 80"
[[indicator]]
id = "junior-teachers"
name = "初中专任教师数"
unit = "人"
baseline = 3000
target = "+5%"
[[indicator]]
id = "junior-teachers-degree"
name = "本科及以上学历比例"
parent = "junior-teachers"
unit = "%"
baseline = 92
target = ">= 95"
[[indicator]]
id = "senior-teachers"
name = "普通高中专任教师数"
unit = "人"
baseline = 2000
target = "+5%"
[[indicator]]
id = "senior-teachers-postgraduate"
name = "普通高中研究生毕业教师比例"
parent = "senior-teachers"
unit = "%"
baseline = 13
target = ">= 15"
"#;

fn place_in(t: &Table) -> Placed {
    let plan = parse_plan(PLAN, "plan.toml").unwrap().0;
    place(
        t,
        &plan,
        &Options {
            layout: Layout::Auto,
            region_from: None,
        },
    )
}

fn warnings(p: &Placed) -> Vec<String> {
    p.warnings.iter().map(|d| d.message.clone()).collect()
}

fn xl(i: &str, p: &str, v: &str) -> (String, String, String, String) {
    fact(i, "xilingol", p, v)
}

#[test]
fn sub_rows_are_matched_through_their_parent_and_unneeded_columns_skipped() {
    let t = sheet(&[
        &["指标", "单位", "2020年", "2021年", "2025年目标", "属性"],
        &["4.义务教育标准班额比例", "%", "", "", "", "约束性"],
        &["其中:小学", "%", "96", "97", "100", ""],
        &["其中：初中", "%", "pct:0.9", "pct:0.925", "pct:1", ""],
        &["小学专任教师数", "人", "=5000", "=5100", "", "预期性"],
        &["其中:本科及以上学历比例(%)", "%", "76", "78.5", "", ""],
        &["初中专任教师数", "人", "3000", "3050", "", ""],
        &[
            "\u{3000}\u{3000}本科及以上学历比例",
            "%",
            "92",
            "93",
            "",
            "",
        ],
        &["普通高中专任教师数", "人", "2000", "2020", "", ""],
        &["其中:研究生毕业教师比例", "%", "13", "13.5", "", ""],
    ]);
    let p = place_in(&t);
    assert!(p.errors.is_empty(), "{:?}", messages(&p));
    assert_eq!(
        facts(&p),
        vec![
            xl("standard-classes-primary", "2020", "96"),
            xl("standard-classes-primary", "2021", "97"),
            xl("standard-classes-junior", "2020", "90"),
            xl("standard-classes-junior", "2021", "92.5"),
            xl("primary-teachers", "2020", "5000"),
            xl("primary-teachers", "2021", "5100"),
            xl("primary-teachers-degree", "2020", "76"),
            xl("primary-teachers-degree", "2021", "78.5"),
            xl("junior-teachers", "2020", "3000"),
            xl("junior-teachers", "2021", "3050"),
            xl("junior-teachers-degree", "2020", "92"),
            xl("junior-teachers-degree", "2021", "93"),
            xl("senior-teachers", "2020", "2000"),
            xl("senior-teachers", "2021", "2020"),
            xl("senior-teachers-postgraduate", "2020", "13"),
            xl("senior-teachers-postgraduate", "2021", "13.5"),
        ]
    );
    assert_eq!(
        warnings(&p),
        [
            "t.xlsx!Sheet1: columns not imported, as the actuals do not need them: `单位` (B1, units; the plan has them), `2025年目标` (E1, a target; targets come from the plan), `属性` (F1, the indicator's kind)"
        ]
    );
    assert_eq!(
        p.warnings[0].position().as_deref(),
        Some("t.xlsx!Sheet1:1:1")
    );
}

#[test]
fn a_sub_row_that_names_no_sub_indicator_is_an_error_naming_its_parent() {
    let t = sheet(&[
        &["指标", "2020", "2021"],
        &["其中:本科及以上学历比例", "76", "77"],
        &["4.义务教育标准班额比例", "", ""],
        &["其中:高中", "88", ""],
        &["本科及以上学历比例", "1", "2"],
    ]);
    let p = place_in(&t);
    assert!(p.rows.is_empty());
    assert_eq!(
        messages(&p),
        [
            "Sheet1!A2 (row 2, column 1): `其中:本科及以上学历比例` names several indicators (primary-teachers-degree, junior-teachers-degree); its 2 values are not imported",
            "Sheet1!A4 (row 4, column 1): unknown indicator `其中:高中` under `义务教育标准班额比例` (A3): not a sub-indicator of `standard-classes` in plan plan.toml; its value is not imported",
            "Sheet1!A5 (row 5, column 1): `本科及以上学历比例` names several indicators (primary-teachers-degree, junior-teachers-degree); its 2 values are not imported",
        ]
    );
    let helps: Vec<&str> = p
        .errors
        .iter()
        .map(|d| d.help.as_deref().unwrap_or(""))
        .collect();
    assert!(
        helps[0].starts_with("a sub-row (其中) is matched through the row of its parent above it")
    );
    assert_eq!(
        helps[1],
        "its sub-indicators: `小学` (standard-classes-primary), `义务教育标准班额比例(初中)` (standard-classes-junior)"
    );
    assert_eq!(helps[2], "write the indicator's id instead");
}

#[test]
fn a_parent_name_is_not_taken_for_a_child_named_with_it() {
    let plan = parse_plan(PLAN, "plan.toml").unwrap().0;
    let names = Names::new(&plan);
    // `义务教育标准班额比例(初中)` without its bracket is the parent's name.
    assert!(matches!(
        names.indicator("义务教育标准班额比例"),
        Found::One(0)
    ));
    assert!(matches!(
        names.indicator("义务教育标准班额比例（初中）"),
        Found::One(2)
    ));
    assert!(matches!(
        names.indicator("本科及以上学历比例"),
        Found::Many(_)
    ));
}

#[test]
fn each_form_of_a_label_names_by_a_name_as_written_first() {
    let src = r#"
[plan]
id = "p"
name = "p"
baseline = 2020
target = 2025
[[indicator]]
id = "teachers"
name = "专任教师"
unit = "人"
baseline = 100
target = "120"
[[indicator]]
id = "primary-share"
name = "专任教师(小学)(%)"
unit = "%"
baseline = 40
target = "50"
"#;
    let plan = parse_plan(src, "p.toml").unwrap().0;
    let names = Names::new(&plan);
    assert!(matches!(names.indicator("专任教师"), Found::One(0)));
    // Without its unit, the second name is the label as written: not the
    // first name, which is only the label without its bracket.
    assert!(matches!(names.indicator("专任教师(小学)"), Found::One(1)));
    assert!(matches!(names.indicator("专任教师（小学）"), Found::One(1)));
}

#[test]
fn sub_rows_in_long_and_transposed_tables() {
    let t = sheet(&[
        &["指标", "年份", "数值"],
        &["义务教育标准班额比例", "2021", ""],
        &["其中:小学", "2021", "97"],
        &["其中:初中", "2021", "92"],
    ]);
    let p = place_in(&t);
    assert_eq!(p.layout, Some(Layout::Long));
    assert!(p.errors.is_empty(), "{:?}", messages(&p));
    assert_eq!(
        facts(&p),
        vec![
            xl("standard-classes-primary", "2021", "97"),
            xl("standard-classes-junior", "2021", "92"),
        ]
    );

    let t = sheet(&[
        &[
            "年份",
            "小学专任教师数",
            "其中:本科及以上学历比例",
            "初中专任教师数",
            "其中:本科及以上学历比例",
            "备注",
        ],
        &["2020", "5000", "76", "3000", "92", "基期"],
        &["2021", "5100", "78", "3050", "93", ""],
        &["2025年目标", "5250", "80", "3150", "95", ""],
    ]);
    let p = place_in(&t);
    assert_eq!(p.layout, Some(Layout::Transposed));
    assert!(p.errors.is_empty(), "{:?}", messages(&p));
    assert_eq!(
        facts(&p)[..4],
        [
            xl("primary-teachers", "2020", "5000"),
            xl("primary-teachers-degree", "2020", "76"),
            xl("junior-teachers", "2020", "3000"),
            xl("junior-teachers-degree", "2020", "92"),
        ]
    );
    assert_eq!(p.rows.len(), 8);
    assert_eq!(
        warnings(&p),
        [
            "t.xlsx!Sheet1: column not imported, as the actuals do not need it: `备注` (F1, notes)",
            "t.xlsx!Sheet1: row not imported, as the actuals do not need it: `2025年目标` (A4, a target; targets come from the plan)",
        ]
    );
}

#[test]
fn percentage_cells_are_read_as_shown_for_percent_indicators_only() {
    let t = sheet(&[
        &["指标", "2020", "2021", "2022"],
        &["义务教育标准班额比例", "", "", ""],
        &["其中:小学", "pct:0.96", "pct:0.9705", "=0.98"],
        &["小学专任教师数", "pct:0.5", "=5100", ""],
        &["其中:本科及以上学历比例", "pct:1.005", "pct:0.004", ""],
    ]);
    let p = place_in(&t);
    assert_eq!(
        facts(&p),
        vec![
            xl("standard-classes-primary", "2020", "96"),
            xl("standard-classes-primary", "2021", "97.05"),
            xl("primary-teachers", "2020", "0.5"),
            xl("primary-teachers", "2021", "5100"),
            xl("primary-teachers-degree", "2020", "100.5"),
            xl("primary-teachers-degree", "2021", "0.4"),
        ]
    );
    // A plain 0.98 where 96 was the baseline: a fraction, refused.
    assert_eq!(
        messages(&p),
        [
            "Sheet1!D3 (row 3, column 4): the cell holds 0.98 for `standard-classes-primary` (unit %, baseline or target 96): a fraction, where the percentage 98 is expected"
        ]
    );
    assert!(
        p.errors[0]
            .help
            .as_deref()
            .unwrap_or("")
            .starts_with("type 98 (or 98%)")
    );
    // For a count, the number the cell holds, with a note naming the cell.
    assert_eq!(
        warnings(&p),
        [
            "Sheet1!B4 (row 4, column 2): the cell is formatted as a percentage (shows 50%), but `primary-teachers` is in 人, not %: read as 0.5, the number it holds"
        ]
    );
    assert_eq!(
        p.warnings[0].position().as_deref(),
        Some("t.xlsx!Sheet1:4:1")
    );
}

#[test]
fn dashes_and_slashes_are_no_figure() {
    for typed in ["——", "—", "-", "/", "／", " / ", "－－"] {
        assert_eq!(parse_value(typed), Value::Missing, "{typed:?}");
    }
    let t = sheet(&[
        &["指标", "2020", "2021", "2022", "2023"],
        &["小学专任教师数", "——", "/", "—", "=5100"],
    ]);
    let p = place_in(&t);
    assert!(p.errors.is_empty(), "{:?}", messages(&p));
    assert_eq!(facts(&p), vec![xl("primary-teachers", "2023", "5100")]);
}

#[test]
fn columns_the_actuals_do_not_need() {
    use super::layout::not_needed;
    for (header, want) in [
        ("2025年目标", Some("a target; targets come from the plan")),
        ("目标值", Some("a target; targets come from the plan")),
        ("2025 target", Some("a target; targets come from the plan")),
        ("属性", Some("the indicator's kind")),
        ("指标属性", Some("the indicator's kind")),
        ("备注", Some("notes")),
        ("单位（万人）", Some("units; the plan has them")),
        ("序号", Some("row numbers")),
        ("责任单位", Some("who is responsible")),
        ("2025年", None),
        ("指标", None),
        ("年均增长", None),
    ] {
        assert_eq!(not_needed(header), want, "{header:?}");
    }
}

proptest::proptest! {
    /// A percentage cell is read exactly as shown: a figure with up to 4
    /// decimals, stored by Excel as the double nearest its hundredth and
    /// given by calamine as that double's shortest decimal, comes back as
    /// the figure, never as 97.05000000000001.
    #[test]
    fn a_percentage_cell_reads_back_as_the_figure_shown(units in 0i64..100_000_000, scale in 0u32..=4) {
        let shown = rust_decimal::Decimal::new(units, scale);
        let held: f64 = (shown / rust_decimal::Decimal::ONE_HUNDRED).to_string().parse().unwrap();
        let cell = format!("pct:{held}");
        let t = sheet(&[&["指标", "2021"], &["义务教育标准班额比例", ""], &["其中:小学", &cell]]);
        let p = place_in(&t);
        proptest::prop_assert!(p.errors.is_empty(), "{:?}", messages(&p));
        proptest::prop_assert_eq!(p.rows[0].value.normalize(), shown.normalize());
    }
}
