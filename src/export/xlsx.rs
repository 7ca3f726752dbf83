//! The XLSX report (cargo feature `xlsx`, `docs/outputs.md#xlsx-report`):
//! per plan a sheet with its evaluation table (主要指标完成情况表) in the
//! reader's language — a title row, a bold frozen header row, the group
//! column merged down each group, sub-indicators indented, numbers as
//! numbers shown as the table shows them (`0.0"%"`, `+0.0"个百分点"`),
//! status cells coloured, columns as wide as their text (a CJK character
//! counts two), A4 landscape when printed, the summary and the paragraphs
//! on what needs attention below it — then one sheet, `data`, with every
//! row in the columns of [`super::record`]
//! (`docs/outputs.md#machine-readable-columns`), stable English as in CSV.
//!
//! Invariants: sheet names are valid for Excel (at most 31 characters, none
//! of `[]:*?/\`, no leading or trailing `'`) and unique ignoring case; text
//! cells that a spreadsheet could take for a formula are neutralised with
//! [`super::escape::neutralise`], as in CSV; numbers are never turned
//! into text (a period like `2023-Q2` is text, a year a number); a number's
//! display format shows exactly the table's text; the workbook holds no
//! date of its own, so the same input gives the same bytes.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
    XlsxError,
};

use std::io;

use super::escape::neutralise;
use super::office::{self, column_index, group_spans, status_colors, xml_text};
use super::record::{COLUMNS, Field, fields};
use super::{Document, Exported, Exporter};
use crate::display;
use crate::view::evaluation::{self, Layout};
use crate::view::grid::{Cell, Grid, Kind};
use crate::view::{PlanView, View};

/// A valid, unique sheet name from a plan's name.
pub fn sheet_name(name: &str, taken: &[String]) -> String {
    let clean: String = name
        .chars()
        .map(|c| {
            if matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    let clean = clean.trim().trim_matches('\'').trim().to_string();
    let base = if clean.is_empty() {
        "Sheet".to_string()
    } else {
        clean
    };
    let fits = |s: &str, room: usize| -> String { s.chars().take(room).collect() };
    let is_taken = |s: &str| taken.iter().any(|t| t.to_lowercase() == s.to_lowercase());
    let mut name = fits(&base, 31).trim_end_matches('\'').to_string();
    let mut n = 2;
    while is_taken(&name) || name.eq_ignore_ascii_case("history") {
        let suffix = format!(" ({n})");
        name = format!(
            "{}{suffix}",
            fits(&base, 31 - suffix.len()).trim_end_matches('\'')
        );
        n += 1;
    }
    name
}

pub struct Xlsx;

impl Exporter for Xlsx {
    fn export(&self, mut doc: Document, out: &mut dyn io::Write) -> Exported {
        let view = doc.view();
        let layout = doc.options.evaluation.clone().unwrap_or_default();
        out.write_all(&build(&view, &layout)?)?;
        Ok(Vec::new())
    }
}

/// Text as a cell can hold it: no formula, no character XML cannot hold.
fn safe(s: &str) -> String {
    neutralise(&xml_text(s)).into_owned()
}

/// A row or column number that fits Excel's grid.
fn at<T: TryFrom<usize>>(n: usize) -> Result<T, XlsxError> {
    T::try_from(n).map_err(|_| XlsxError::RowColumnLimitError)
}

fn build(view: &View, layout: &Layout) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    // The creation time would otherwise be now.
    wb.set_properties(
        &DocProperties::new().set_creation_datetime(&ExcelDateTime::from_ymd(2000, 1, 1)?),
    );
    let mut taken: Vec<String> = Vec::new();
    for pv in &view.plans {
        let name = sheet_name(pv.plan.name.get(view.lang), &taken);
        taken.push(name.clone());
        let ws = wb.add_worksheet();
        ws.set_name(&name)?;
        evaluation_sheet(ws, view, pv, layout)?;
    }
    let ws = wb.add_worksheet();
    ws.set_name(sheet_name("data", &taken))?;
    machine_sheet(ws, view)?;
    wb.save_to_buffer()
}

/// The formats of the evaluation sheet.
struct Styles {
    title: Format,
    header: Format,
    cell: Format,
    wrap: Format,
}

impl Styles {
    fn new() -> Styles {
        let cell = Format::new()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter);
        Styles {
            title: Format::new()
                .set_bold()
                .set_font_size(14)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            header: cell
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_background_color(Color::RGB(0xF2F2F2)),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            cell,
        }
    }
}

/// One plan's evaluation table, the paragraphs around it below it.
fn evaluation_sheet(
    ws: &mut Worksheet,
    view: &View,
    pv: &PlanView,
    layout: &Layout,
) -> Result<(), XlsxError> {
    let st = Styles::new();
    let grid = evaluation::grid(view, pv, layout, None);
    let last_col: u16 = at(grid.columns.len().saturating_sub(1))?;
    let title = xml_text(&evaluation::title(view, pv));
    if last_col > 0 {
        ws.merge_range(0, 0, 0, last_col, &title, &st.title)?;
    } else {
        ws.write_string_with_format(0, 0, &title, &st.title)?;
    }
    ws.set_row_height(0, 24)?;
    for (c, col) in grid.columns.iter().enumerate() {
        ws.write_string_with_format(1, at(c)?, xml_text(&col.label), &st.header)?;
    }
    ws.set_row_height(1, 30)?;
    table_body(ws, &grid, pv, layout, view.lang, &st)?;
    let widths = column_widths(&grid);
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(at(c)?, *w)?;
    }
    // The summary and the paragraphs after the table, each across it.
    let first: u32 = at(grid.lines().count() + 3)?;
    let across: f64 = widths.iter().sum();
    let paragraphs =
        std::iter::once(evaluation::summary(view, pv)).chain(evaluation::attention(view, pv));
    for (row, p) in (first..).zip(paragraphs) {
        let p = safe(&p);
        if last_col > 0 {
            ws.merge_range(row, 0, row, last_col, &p, &st.wrap)?;
        } else {
            ws.write_string_with_format(row, 0, &p, &st.wrap)?;
        }
        let lines = (office::width(&p) as f64 / across.max(1.0)).ceil().max(1.0);
        ws.set_row_height(row, 15.0 * lines)?;
    }
    ws.set_freeze_panes(2, 0)?;
    ws.set_landscape();
    ws.set_paper_size(9); // A4
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_repeat_rows(1, 1)?;
    Ok(())
}

/// The table's lines from the third row on.
fn table_body(
    ws: &mut Worksheet,
    grid: &Grid,
    pv: &PlanView,
    layout: &Layout,
    lang: crate::display::Lang,
    st: &Styles,
) -> Result<(), XlsxError> {
    let group_col = column_index(pv, layout, "group");
    // Merging needs the lines to be the plan's rows, one for one.
    let spans = match grid.lines().count() == pv.rows.len() {
        true => group_spans(pv, lang),
        false => Vec::new(),
    };
    for (j, line) in grid.lines().enumerate() {
        let row: u32 = at(j + 2)?;
        for (i, (col, cell)) in grid.columns.iter().zip(&line.cells).enumerate() {
            let c: u16 = at(i)?;
            if Some(i) == group_col {
                match spans.iter().find(|(f, l)| (*f..=*l).contains(&j)) {
                    Some(&(first, last)) if first == j => {
                        let text = safe(&cell.text);
                        ws.merge_range(row, c, at(last + 2)?, c, &text, &st.cell)?;
                        continue;
                    }
                    Some(_) => continue,
                    None => {}
                }
            }
            let format = match col.kind {
                Kind::Status => {
                    let (bg, fg) = status_colors(line.status);
                    st.cell
                        .clone()
                        .set_align(FormatAlign::Center)
                        .set_background_color(Color::RGB(bg))
                        .set_font_color(Color::RGB(fg))
                }
                Kind::Name if line.depth > 1 => st.cell.clone().set_indent(1).set_text_wrap(),
                Kind::Name => st.cell.clone().set_text_wrap(),
                Kind::Number => st.cell.clone().set_align(FormatAlign::Right),
                Kind::Text => st.cell.clone(),
            };
            match shown_number(cell) {
                Some((x, num_format)) => {
                    ws.write_number_with_format(row, c, x, &format.set_num_format(num_format))?;
                }
                None if cell.text.is_empty() => {
                    ws.write_blank(row, c, &format)?;
                }
                None => {
                    let text = safe(&cell.text);
                    ws.write_string_with_format(row, c, text, &format)?;
                }
            }
        }
    }
    Ok(())
}

/// A cell's number and the display format that shows it as the table
/// does: `0.0"%"`, `+0.0"个百分点";-0.0"个百分点";"持平"`, `0"% (2022年)"`;
/// `None` where the text is not the number (it is written as text).
pub fn shown_number(cell: &Cell) -> Option<(f64, String)> {
    let n = cell.number.as_ref()?;
    let x = n.value.to_f64().filter(|x| x.is_finite())?;
    let text = cell.text.as_str();
    let lead = text
        .char_indices()
        .find(|&(i, ch)| !(ch.is_ascii_digit() || ch == '.' || (i == 0 && "+-".contains(ch))))
        .map_or(text.len(), |(i, _)| i);
    let (figure, tail) = text.split_at(lead);
    let digits = match n.decimals {
        0 => "0".to_string(),
        d => format!("0.{}", "0".repeat(d as usize)),
    };
    let quoted = |s: &str| match s.replace('"', "") {
        s if s.is_empty() => String::new(),
        s => format!("\"{s}\""),
    };
    let body = format!("{digits}{}", quoted(tail));
    if figure.is_empty() {
        // A word for nothing (持平, unchanged) stands for zero only.
        return n.value.is_zero().then(|| {
            let suffix = quoted(&n.suffix);
            (
                x,
                format!("{digits}{suffix};-{digits}{suffix};{}", quoted(text)),
            )
        });
    }
    let shown: Decimal = figure.trim_start_matches('+').parse().ok()?;
    if shown != display::round(n.value, n.decimals) {
        return None;
    }
    Some(match figure.starts_with('+') {
        true => (x, format!("+{body};-{body};{body}")),
        false => (x, body),
    })
}

/// Column widths in Excel's units (about one Latin letter): the longest
/// cell, a header wrapping onto two lines, a long name wrapping.
fn column_widths(grid: &Grid) -> Vec<f64> {
    (grid.columns.iter().enumerate())
        .map(|(i, c)| {
            let cells = (grid.lines())
                .filter_map(|l| l.cells.get(i))
                .map(|c| office::width(&c.text))
                .max()
                .unwrap_or(0);
            let cells = match c.kind {
                Kind::Name => cells.min(40),
                _ => cells,
            };
            let header = office::width(&c.label).div_ceil(2).max(4);
            (header.max(cells) + 2) as f64
        })
        .collect()
}

/// Every plan's rows in the machine columns (`docs/outputs.md#machine-readable-columns`).
fn machine_sheet(ws: &mut Worksheet, view: &View) -> Result<(), XlsxError> {
    let header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xF6F8FA))
        .set_border_bottom(FormatBorder::Thin);
    write_header(ws, &header)?;
    let mut row: u32 = 0;
    for pv in &view.plans {
        for a in &pv.rows {
            row += 1;
            for (c, field) in fields(pv.plan, a).into_iter().enumerate() {
                let col: u16 = at(c)?;
                match field {
                    Field::Null => {}
                    Field::Text(s) if COLUMNS.get(c) == Some(&"status") => {
                        let (bg, fg) = status_colors(a.status);
                        let f = Format::new()
                            .set_background_color(Color::RGB(bg))
                            .set_font_color(Color::RGB(fg))
                            .set_bold();
                        ws.write_string_with_format(row, col, neutralise(&s), &f)?;
                    }
                    Field::Text(s) => {
                        ws.write_string(row, col, safe(&s))?;
                    }
                    Field::Decimal(d) => match d.to_f64() {
                        Some(x) if x.is_finite() => {
                            ws.write_number(row, col, x)?;
                        }
                        // Beyond a double: keep the exact digits as text.
                        _ => {
                            ws.write_string(row, col, d.to_string())?;
                        }
                    },
                    Field::Float(x) if x.is_finite() => {
                        ws.write_number(row, col, x)?;
                    }
                    Field::Float(_) => {}
                    Field::Int(i) => {
                        ws.write_number(row, col, i as f64)?;
                    }
                }
            }
        }
    }
    ws.autofilter(0, 0, row, at(COLUMNS.len().saturating_sub(1))?)?;
    Ok(())
}

fn write_header(ws: &mut Worksheet, header: &Format) -> Result<(), XlsxError> {
    for (c, name) in COLUMNS.iter().enumerate() {
        let col: u16 = at(c)?;
        ws.write_string_with_format(0, col, *name, header)?;
        let width = match *name {
            "plan" | "name" => 28.0,
            "indicator" => 22.0,
            _ => (name.len() as f64 + 3.0).max(9.0),
        };
        ws.set_column_width(col, width)?;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::grid::Number;

    fn cell(text: &str, value: &str, decimals: u32, suffix: &str) -> Cell {
        Cell::number(
            text,
            Number {
                value: value.parse().unwrap(),
                decimals,
                suffix: suffix.into(),
            },
        )
    }

    #[test]
    fn numbers_are_shown_as_the_table_shows_them() {
        let f = |c: Cell| shown_number(&c);
        assert_eq!(
            f(cell("85.2%", "85.2", 1, "%")),
            Some((85.2, r#"0.0"%""#.into()))
        );
        assert_eq!(
            f(cell("10.93", "10.93", 2, "")),
            Some((10.93, "0.00".into()))
        );
        assert_eq!(
            f(cell("+1.7个百分点", "1.7", 1, "个百分点")),
            Some((1.7, r#"+0.0"个百分点";-0.0"个百分点";0.0"个百分点""#.into()))
        );
        assert_eq!(
            f(cell("-0.3 pp", "-0.3", 1, " pp")),
            Some((-0.3, r#"0.0" pp""#.into()))
        );
        assert_eq!(
            f(cell("持平", "0", 1, "个百分点")),
            Some((0.0, r#"0.0"个百分点";-0.0"个百分点";"持平""#.into()))
        );
        assert_eq!(
            f(cell("54% (2022年)", "54", 0, "%")),
            Some((54.0, r#"0"% (2022年)""#.into()))
        );
        assert_eq!(
            f(cell("+2.45%", "2.45", 2, "%")),
            Some((2.45, r#"+0.00"%";-0.00"%";0.00"%""#.into()))
        );
        // Text that is not the number stays text.
        assert_eq!(f(cell("×12", "1200", 1, "%")), None);
        assert_eq!(f(cell("持平", "0.5", 1, "年")), None);
        assert_eq!(f(Cell::text("≥92%")), None);
    }

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let taken = vec!["Plan".to_string()];
        assert_eq!(sheet_name("a/b[c]:d*e?f\\g", &[]), "a_b_c__d_e_f_g");
        assert_eq!(sheet_name("plan", &taken), "plan (2)");
        assert_eq!(sheet_name("'quoted'", &[]), "quoted");
        assert_eq!(sheet_name("", &[]), "Sheet");
        assert_eq!(sheet_name("History", &[]), "History (2)");
        let long = "锡林郭勒盟“十四五”教育事业发展规划和2035年远景目标纲要的实施情况";
        let n = sheet_name(long, &[]);
        assert_eq!(n.chars().count(), 31);
        let taken = vec![n.clone()];
        let m = sheet_name(long, &taken);
        assert_eq!(m.chars().count(), 31);
        assert!(m.ends_with(" (2)"));
    }
}
