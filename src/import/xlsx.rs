//! Reading workbooks (.xlsx, .xlsm, .xlsb, .xls, .ods) with calamine, into
//! [`Table`]s for `track import` and into CSV bytes for plans that list a
//! workbook among their actuals.
//!
//! Cells keep what the user sees as far as the file tells: a number cell
//! becomes the shortest decimal that reads back as the same binary double
//! (`format!("{}", f)`), so `94.4` stays 94.4 and the year `2020.0` is
//! `2020`; a date cell becomes `2023-06-30`; an error cell (`#DIV/0!`)
//! stays an error. Row and column numbers are the sheet's own, so `C5` in
//! a message is the cell the user can click.
//!
//! Two styles calamine does not give are read beside it ([`styles`](super::styles),
//! `.xlsx` only): a number cell formatted as a percentage is
//! [`CellKind::Percent`] (its text the fraction it holds, 0.851 for 85.1%),
//! and an indented text cell reads with two spaces per indent level before
//! it, as a sub-row looks on screen (`  小学` under its parent). A long
//! sheet read as actuals writes a percentage cell as shown (`85.1%`).

use std::path::Path;

use calamine::{Data, Range, Reader, Sheets, open_workbook_auto};

use rust_decimal::Decimal;

use super::styles::{BookStyles, SheetStyles};
use super::{Cell, CellKind, Row, Table};
use crate::diag::Diagnostic;
use crate::plan::load_suggest;

type Workbook = Sheets<std::io::BufReader<std::fs::File>>;

fn open(path: &Path) -> Result<Workbook, String> {
    open_workbook_auto(path).map_err(|e| format!("not a workbook calamine can read: {e}"))
}

/// The sheet named `wanted` (exactly, else ignoring case and spaces), or an
/// error listing the sheets with the closest one.
fn pick(names: &[String], wanted: &str) -> Result<String, String> {
    if let Some(n) = names.iter().find(|n| *n == wanted) {
        return Ok(n.clone());
    }
    let loose = |s: &str| s.trim().to_lowercase();
    if let Some(n) = names.iter().find(|n| loose(n) == loose(wanted)) {
        return Ok(n.clone());
    }
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let hint = match load_suggest(wanted, &refs) {
        Some(s) => format!("; did you mean `{s}`?"),
        None => String::new(),
    };
    Err(format!(
        "no sheet `{wanted}` (the sheets: {}){hint}",
        names.join(", ")
    ))
}

fn range(wb: &mut Workbook, sheet: &str) -> Result<Range<Data>, String> {
    wb.worksheet_range(sheet)
        .map_err(|e| format!("cannot read sheet `{sheet}`: {e}"))
}

/// Read the sheets of a workbook as tables: the one named, else every sheet
/// when `every` (one sheet per region), else the first. Warnings (a
/// workbook with more sheets than read) come back beside the tables.
pub fn read_tables(
    path: &Path,
    shown: &str,
    sheet: Option<&str>,
    every: bool,
) -> Result<(Vec<Table>, Vec<Diagnostic>), Diagnostic> {
    let err = |m: String| Diagnostic::error(format!("cannot read {shown}: {m}"));
    let mut wb = open(path).map_err(err)?;
    let names = wb.sheet_names();
    let mut warnings = Vec::new();
    let chosen: Vec<String> = match sheet {
        Some(s) => vec![pick(&names, s).map_err(err)?],
        None if every => names.clone(),
        None => {
            let first = names
                .first()
                .cloned()
                .ok_or_else(|| err("the workbook has no sheets".into()))?;
            if names.len() > 1 {
                warnings.push(
                    Diagnostic::warning(format!(
                        "{shown} has {} sheets; reading the first, `{first}`",
                        names.len()
                    ))
                    .help("--sheet NAME reads another; --region-from sheet reads every sheet, one per region"),
                );
            }
            vec![first]
        }
    };
    let mut book = BookStyles::open(path);
    let mut tables = Vec::new();
    for name in chosen {
        let r = range(&mut wb, &name).map_err(err)?;
        let styles = book.as_mut().and_then(|b| b.sheet(&name));
        tables.push(table(&r, shown, &name, styles.as_ref()));
    }
    Ok((tables, warnings))
}

/// A sheet as a [`Table`], numbered as the sheet numbers its rows and
/// columns, with the styles of its cells where known.
pub fn table(range: &Range<Data>, file: &str, sheet: &str, styles: Option<&SheetStyles>) -> Table {
    let (row0, col0) = range.start().unwrap_or((0, 0));
    let rows = range
        .rows()
        .enumerate()
        .map(|(i, cells)| Row {
            number: row0 as usize + i + 1,
            cells: cells
                .iter()
                .enumerate()
                .map(|(j, d)| styled(d, styles, row0 + i as u32, col0 + j as u32))
                .collect(),
            source: None,
        })
        .collect();
    Table {
        file: file.to_string(),
        sheet: Some(sheet.to_string()),
        first_col: col0 as usize + 1,
        rows,
    }
}

/// The cell at the sheet's 0-based (`row`, `col`), with its style.
fn styled(d: &Data, styles: Option<&SheetStyles>, row: u32, col: u32) -> Cell {
    let mut cell = cell(d);
    let Some(s) = styles else { return cell };
    match cell.kind {
        CellKind::Number if s.is_percent(row, col) => cell.kind = CellKind::Percent,
        CellKind::Text if !cell.is_blank() => {
            let indent = s.indent(row, col);
            if indent > 0 {
                cell.text = format!("{}{}", "  ".repeat(usize::from(indent)), cell.text);
            }
        }
        _ => {}
    }
    cell
}

/// A cell's text for the actuals reader: a percentage cell as it shows,
/// 0.851 as `85.1%` (exactly, from the shortest decimal of the double).
fn as_shown(d: &Data, styles: Option<&SheetStyles>, row: u32, col: u32) -> String {
    let cell = cell(d);
    let percent = cell.kind == CellKind::Number && styles.is_some_and(|s| s.is_percent(row, col));
    match cell.text.parse::<Decimal>() {
        Ok(v) if percent => format!("{}%", (v * Decimal::ONE_HUNDRED).normalize()),
        _ => cell.text,
    }
}

/// One cell as text, the way the user reads it.
pub fn cell(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::text(""),
        Data::String(s) => Cell::text(s.as_str()),
        // The shortest text that reads back as the same double: 94.4, 2020.
        Data::Float(f) => Cell::number(format!("{f}")),
        Data::Int(i) => Cell::number(i.to_string()),
        Data::Bool(b) => Cell::text(if *b { "TRUE" } else { "FALSE" }),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, h, mi, s, ms) = dt.to_ymd_hms_milli();
            if (h, mi, s, ms) == (0, 0, 0, 0) {
                Cell::text(format!("{y:04}-{m:02}-{d:02}"))
            } else {
                Cell::text(format!("{y:04}-{m:02}-{d:02} {h:02}:{mi:02}:{s:02}"))
            }
        }
        Data::DateTime(dt) => Cell::number(format!("{}", dt.as_f64())),
        Data::DateTimeIso(s) => Cell::text(s.strip_suffix("T00:00:00").unwrap_or(s)),
        Data::DurationIso(s) => Cell::text(s.as_str()),
        Data::Error(e) => Cell {
            text: e.to_string(),
            kind: CellKind::Error,
        },
    }
}

/// A long-format sheet (the named one, else the first) as CSV bytes, with
/// one line per sheet row so that the actuals reader's line numbers are the
/// sheet's row numbers.
pub fn sheet_as_csv(path: &Path, sheet: Option<&str>) -> Result<(String, Vec<u8>), String> {
    let mut wb = open(path)?;
    let names = wb.sheet_names();
    let name = match sheet {
        Some(s) => pick(&names, s)?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| "the workbook has no sheets".to_string())?,
    };
    let r = range(&mut wb, &name)?;
    let styles = BookStyles::open(path).and_then(|mut b| b.sheet(&name));
    let (row0, col0) = r.start().unwrap_or((0, 0));
    // Blank lines are skipped by the CSV reader but still counted.
    let mut out = vec![b'\n'; row0 as usize];
    let mut w = ::csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    for (i, cells) in r.rows().enumerate() {
        let fields: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(j, d)| as_shown(d, styles.as_ref(), row0 + i as u32, col0 + j as u32))
            .collect();
        w.write_record(&fields)
            .map_err(|e| format!("cannot convert sheet `{name}`: {e}"))?;
    }
    let body = w
        .into_inner()
        .map_err(|e| format!("cannot convert sheet `{name}`: {e}"))?;
    out.extend(body);
    Ok((name, out))
}
