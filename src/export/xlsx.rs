//! The XLSX report (cargo feature `xlsx`): one sheet per plan with the
//! columns of [`super::record`] (`docs/outputs.md#machine-readable-columns`), a bold frozen header row,
//! numbers as numbers and status cells coloured by status.
//!
//! Invariants: sheet names are valid for Excel (at most 31 characters, none
//! of `[]:*?/\`, no leading or trailing `'`) and unique ignoring case; text
//! cells that a spreadsheet could take for a formula are neutralised with
//! [`super::escape::neutralise`], as in CSV; numbers are never turned
//! into text (a period like `2023-Q2` is text, a year a number).

use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Color, Format, FormatBorder, Workbook, Worksheet, XlsxError};

use std::io;

use super::escape::neutralise;
use super::record::{COLUMNS, Field, fields};
use super::{Attachment, Document, Exporter};
use crate::engine::Status;
use crate::view::View;

/// Fill and font colours of a status cell.
fn status_colors(s: Status) -> (u32, u32) {
    match s {
        Status::Achieved => (0x1A7F37, 0xFFFFFF),
        Status::Ahead => (0xACEEBB, 0x116329),
        Status::OnTrack => (0xDAFBE1, 0x116329),
        Status::AtRisk => (0xFFF8C5, 0x7D4E00),
        Status::OffTrack => (0xFFEBE9, 0xA40E26),
        Status::Regressing => (0xFBEFFF, 0x6639BA),
        Status::Missed => (0xA40E26, 0xFFFFFF),
        Status::NoData => (0xEAEEF2, 0x57606A),
    }
}

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
    fn export(
        &self,
        mut doc: Document,
        out: &mut dyn io::Write,
    ) -> anyhow::Result<Vec<Attachment>> {
        let view = doc.view();
        out.write_all(&build(&view)?)?;
        Ok(Vec::new())
    }
}

fn build(view: &View) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xF6F8FA))
        .set_border_bottom(FormatBorder::Thin);
    let mut taken: Vec<String> = Vec::new();
    if view.plans.is_empty() {
        // A workbook needs a sheet; an empty report still has its header.
        let ws = wb.add_worksheet();
        write_header(ws, &header)?;
    }
    for pv in &view.plans {
        let name = sheet_name(pv.plan.name.get(view.lang), &taken);
        taken.push(name.clone());
        let ws = wb.add_worksheet();
        ws.set_name(&name)?;
        write_header(ws, &header)?;
        for (r, a) in pv.rows.iter().enumerate() {
            let row = u32::try_from(r + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
            for (c, field) in fields(pv.plan, a).into_iter().enumerate() {
                let col = u16::try_from(c).map_err(|_| XlsxError::RowColumnLimitError)?;
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
                        ws.write_string(row, col, neutralise(&s))?;
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
        let last = u32::try_from(pv.rows.len()).map_err(|_| XlsxError::RowColumnLimitError)?;
        let cols = u16::try_from(COLUMNS.len().saturating_sub(1))
            .map_err(|_| XlsxError::RowColumnLimitError)?;
        ws.autofilter(0, 0, last, cols)?;
    }
    wb.save_to_buffer()
}

fn write_header(ws: &mut Worksheet, header: &Format) -> Result<(), XlsxError> {
    for (c, name) in COLUMNS.iter().enumerate() {
        let col = u16::try_from(c).map_err(|_| XlsxError::RowColumnLimitError)?;
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
