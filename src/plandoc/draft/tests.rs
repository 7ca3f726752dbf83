use super::*;
use crate::plandoc::{Grid, rows};

fn sheet(rows: &[&[&str]]) -> Table {
    let rows = rows
        .iter()
        .enumerate()
        .map(|(r, cells)| {
            let at = |c: usize| Origin::Sheet {
                sheet: "Sheet1".into(),
                row: r + 1,
                col: c + 1,
            };
            cells
                .iter()
                .enumerate()
                .map(|(c, t)| Cell::new(t, at(c)))
                .collect()
        })
        .collect();
    let grid = Grid {
        rows,
        title: None,
        name: "sheet `Sheet1`".into(),
    };
    rows::table_of(&grid).unwrap()
}

#[test]
fn percent_formatted_cells_are_said() {
    let t = sheet(&[
        &["指标", "2020年", "2025年"],
        &["学前三年毛入园率（%）", "0.93", "0.95"],
        &["普惠性幼儿园覆盖率（%）", "92", "95"],
    ]);
    let d = draft(&t).unwrap();
    assert_eq!(d.entries[0].baseline.as_deref(), Some("0.93"));
    assert_eq!(d.notes.len(), 1);
    assert_eq!(
        d.notes[0].at,
        Some(Origin::Sheet {
            sheet: "Sheet1".into(),
            row: 2,
            col: 2
        })
    );
    assert!(
        d.notes[0]
            .message
            .starts_with("0.93 and 0.95 for a % indicator")
    );
}

#[test]
fn without_years_a_five_year_plan_in_the_title_tells() {
    let mut t = sheet(&[
        &["指标", "基期值", "目标值"],
        &["学前三年毛入园率", "93%", "95%"],
    ]);
    assert!(draft(&t).is_err());
    t.title = Some("某县“十四五”教育发展主要指标".into());
    let d = draft(&t).unwrap();
    assert_eq!((d.baseline_year, d.target_year), (2020, 2025));
}

#[test]
fn numbering_comes_off_names() {
    assert_eq!(strip_numbering("一、学前教育"), "学前教育");
    assert_eq!(strip_numbering("（二）义务教育"), "义务教育");
    assert_eq!(strip_numbering("1.学前三年毛入园率"), "学前三年毛入园率");
    assert_eq!(strip_numbering("①小学"), "小学");
    assert_eq!(strip_numbering("56人以上大班额比例"), "56人以上大班额比例");
    assert_eq!(strip_numbering("（含民办）幼儿园"), "（含民办）幼儿园");
    assert_eq!(strip_numbering("十四五"), "十四五");
}

#[test]
fn a_unit_in_brackets_comes_off_the_name() {
    assert_eq!(
        split_unit("劳动年龄人口平均受教育年限(年)"),
        ("劳动年龄人口平均受教育年限", Some("年"))
    );
    assert_eq!(
        split_unit("学前三年毛入园率（%）"),
        ("学前三年毛入园率", Some("%"))
    );
    assert_eq!(
        split_unit("每千人口医生数（人/千人）"),
        ("每千人口医生数", Some("人/千人"))
    );
    assert_eq!(
        split_unit("在园幼儿（含民办）"),
        ("在园幼儿（含民办）", None)
    );
    assert_eq!(split_unit("(%)"), ("(%)", None));
}
