use super::*;
use crate::engine::Status;
use crate::view::grid::{Cell, Column, Line, Row};

/// A grid of one line: `label:kind` columns (`t` text, `n` name, `#`
/// figure, `s` status) and their cells.
fn grid(columns: &[&str], cells: &[&str]) -> Grid {
    let kind = |k: &str| match k {
        "t" => Kind::Text,
        "n" => Kind::Name,
        "#" => Kind::Number,
        _ => Kind::Status,
    };
    Grid {
        columns: (columns.iter())
            .map(|c| c.split_once(':').unwrap())
            .map(|(label, k)| Column::new(label, kind(k)))
            .collect(),
        rows: vec![Row::Line(Line {
            cells: cells.iter().map(|t| Cell::text(*t)).collect(),
            status: Status::Ahead,
            anchor: None,
            depth: 0,
        })],
    }
}

#[test]
fn a_wide_table_fits_the_page_names_wrapping_first() {
    let mut columns = vec![
        "序号:t",
        "类别:t",
        "指标（单位）:n",
        "属性:t",
        "2020年基期值:#",
    ];
    let mut cells = vec![
        "1",
        "人力资源开发",
        "劳动年龄人口平均受教育年限（年）",
        "预期性",
        "54% (2022年)",
    ];
    for year in ["2021年:#", "2022年:#", "2023年:#", "2024年:#", "2025年:#"] {
        columns.push(year);
        cells.push("88.1%");
    }
    columns.extend([
        "2025年目标值:#",
        "年均提高:#",
        "需年均提高:#",
        "序时进度:#",
        "完成进度:#",
        "进展情况:s",
    ]);
    cells.extend([
        "提高到90%以上",
        "+1.7个百分点",
        "+1.7个百分点",
        "100.0%",
        "100.0%",
        "提前实现",
    ]);
    let g = grid(&columns, &cells);
    let (size, widths) = column_widths(&g);
    assert_eq!(size, 16, "8 pt: at 9 pt the figures would wrap");
    let total: usize = widths.iter().sum();
    assert!(
        total <= page_text_width() && total + 16 > page_text_width(),
        "{widths:?}"
    );
    for (i, c) in cells.iter().enumerate() {
        if g.columns[i].kind == Kind::Number {
            let text = cell_twips(c) * size / 18;
            assert!(widths[i] >= text + CELL_PAD, "{c} in {}", widths[i]);
        }
    }
    assert!(
        widths[2] < cell_twips(cells[2]) * size / 18,
        "the name wraps"
    );

    let narrow = grid(
        &["序号:t", "指标（单位）:n", "进展情况:s"],
        &["1", "毛入园率（%）", "已实现"],
    );
    let (size, widths) = column_widths(&narrow);
    assert_eq!(size, 18);
    assert!(
        widths.iter().sum::<usize>() + 3 > page_text_width(),
        "stretched"
    );
}

#[test]
fn header_rows_are_marked_to_repeat() {
    let row = TableRow::new(vec![TableCell::new().add_paragraph(Paragraph::new())])
        .row_height(HEADER_HEIGHT)
        .height_rule(HeightRule::AtLeast);
    let data = TableRow::new(vec![TableCell::new().add_paragraph(Paragraph::new())]);
    let xml = Word::new()
        .add_table(Table::new(vec![row.clone(), data.clone()]))
        .add_table(Table::new(vec![row, data]))
        .build()
        .document;
    let patched = String::from_utf8(repeat_headers(&xml)).unwrap();
    assert_eq!(patched.matches("<w:tblHeader />").count(), 2, "{patched}");
    assert_eq!(patched.matches("<w:tr>").count(), 4, "{patched}");
}
