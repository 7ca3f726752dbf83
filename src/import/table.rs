//! Tables as read, and their cells as typed. A [`Table`] is one sheet (or
//! CSV file) as a grid of [`Cell`]s, read by [`csv`](super::csv) or `xlsx`,
//! with the row numbers a spreadsheet shows and, for CSV, each line as
//! written. A value cell is read as people type numbers (`94.4`, `94.4%`,
//! `９４．４％`, `1,234`, blank, dashes or a slash for missing) and a period as written
//! in a header or a cell (`2020`, `2020年`, `2020年度`, `2021-Q1`, `2021-06`,
//! a date, full-width digits too).
//!
//! Invariants: nothing here touches the file system. An error about a cell
//! names it Excel-style (`Sheet1!C5 (row 5, column 3)`, or `C5` in a CSV
//! file) and, in CSV, shows its line with the field marked; a cell outside
//! the grid reads as blank. Every period form is ASCII once its suffix
//! (`年`, `年度`, `年末`, `年底`) is gone; other text is never handed to
//! `Period::parse`.

use std::ops::Range;
use std::path::Path;

use rust_decimal::Decimal;

use crate::diag::{Diagnostic, Location};
use crate::period::Period;
use crate::plan::parse_number;

// ---------------------------------------------------------------------------
// Tables

/// What a cell held: typed text, a spreadsheet number (its shortest decimal
/// form), a spreadsheet number formatted as a percentage (the fraction it
/// holds: 0.851 for a cell showing 85.1%), or a spreadsheet error such as
/// `#DIV/0!`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    Text,
    Number,
    Percent,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    pub kind: CellKind,
}

static EMPTY: Cell = Cell {
    text: String::new(),
    kind: CellKind::Text,
};

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell {
            text: s.into(),
            kind: CellKind::Text,
        }
    }

    pub fn number(s: impl Into<String>) -> Cell {
        Cell {
            text: s.into(),
            kind: CellKind::Number,
        }
    }

    pub fn percent(s: impl Into<String>) -> Cell {
        Cell {
            text: s.into(),
            kind: CellKind::Percent,
        }
    }

    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// The text of a CSV line, so that a problem can be shown in its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLine {
    /// 1-based line in the file.
    pub line: usize,
    pub text: String,
    /// Byte range of each field in `text`.
    pub spans: Vec<Range<usize>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// 1-based row number as a spreadsheet shows it.
    pub number: usize,
    pub cells: Vec<Cell>,
    /// The line as written, for CSV input.
    pub source: Option<SourceLine>,
}

/// One sheet (or CSV file) as a grid of cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The file as named to the user.
    pub file: String,
    /// The sheet, for workbooks.
    pub sheet: Option<String>,
    /// 1-based column of the first cell of every row.
    pub first_col: usize,
    pub rows: Vec<Row>,
}

impl Table {
    /// `t.xlsx!Sheet1`, or the file name for CSV.
    pub fn name(&self) -> String {
        match &self.sheet {
            Some(s) => format!("{}!{s}", self.file),
            None => self.file.clone(),
        }
    }

    /// The provenance written to the `source` column.
    pub fn source(&self) -> String {
        let file = Path::new(&self.file)
            .file_name()
            .map_or_else(|| self.file.clone(), |f| f.to_string_lossy().into_owned());
        match &self.sheet {
            Some(s) => format!("import: {file}!{s}"),
            None => format!("import: {file}"),
        }
    }

    pub(super) fn width(&self) -> usize {
        self.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0)
    }

    pub(super) fn cell(&self, r: usize, c: usize) -> &Cell {
        self.rows
            .get(r)
            .and_then(|row| row.cells.get(c))
            .unwrap_or(&EMPTY)
    }

    pub(super) fn filled(&self, r: usize) -> usize {
        self.rows
            .get(r)
            .map_or(0, |row| row.cells.iter().filter(|c| !c.is_blank()).count())
    }

    /// `C5`, for the cell at row index `r` and column index `c`.
    pub fn reference(&self, r: usize, c: usize) -> String {
        let number = self.rows.get(r).map_or(r + 1, |row| row.number);
        format!("{}{number}", column_name(self.first_col + c))
    }

    /// `Sheet1!C5` (or `C5` in a CSV file).
    fn qualified(&self, r: usize, c: usize) -> String {
        match &self.sheet {
            Some(s) => format!("{s}!{}", self.reference(r, c)),
            None => self.reference(r, c),
        }
    }

    /// An error about one cell: the message names it (`Sheet1!C5 (row 5,
    /// column 3)`); in CSV the snippet shows its line with the field marked.
    pub(super) fn error_at(&self, r: usize, c: usize, message: &str, label: &str) -> Diagnostic {
        let number = self.rows.get(r).map_or(r + 1, |row| row.number);
        let col = self.first_col + c;
        let text = format!(
            "{} (row {number}, column {col}): {message}",
            self.qualified(r, c)
        );
        Diagnostic::error(text).at(self.location(r, c)).label(label)
    }

    /// A note about one cell, named as [`Table::error_at`] names it.
    pub(super) fn note_at(&self, r: usize, c: usize, message: &str) -> Diagnostic {
        let number = self.rows.get(r).map_or(r + 1, |row| row.number);
        let col = self.first_col + c;
        let text = format!(
            "{} (row {number}, column {col}): {message}",
            self.qualified(r, c)
        );
        Diagnostic::warning(text).at(self.location(r, c))
    }

    pub(super) fn location(&self, r: usize, c: usize) -> Location {
        match self.rows.get(r) {
            Some(Row {
                source: Some(src), ..
            }) => {
                let end = src.text.len();
                let span = src.spans.get(c).cloned().unwrap_or(end..end);
                // Only the part of a long line around the cell is copied.
                Location::window(&self.file, src.line, &src.text, span)
            }
            Some(row) => Location::file_line(&self.name(), row.number),
            None => Location::file_line(&self.name(), r + 1),
        }
    }

    /// An error about the table as a whole, pointing at row `r`.
    pub(super) fn error_table(&self, r: usize, message: String) -> Diagnostic {
        let number = self.rows.get(r).map_or(1, |row| row.number);
        Diagnostic::error(format!("{}: {message}", self.name()))
            .at(Location::file_line(&self.name(), number))
    }
}

/// Spreadsheet column letters: 1 → A, 26 → Z, 27 → AA.
pub fn column_name(mut col: usize) -> String {
    let mut out = Vec::new();
    while col > 0 {
        let rem = (col - 1) % 26;
        out.push(b'A' + rem as u8);
        col = (col - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

// ---------------------------------------------------------------------------
// Values and periods as typed

/// A value cell, read as people type numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Value {
    /// Blank, a dash (`-`, `—`, `——`, `–`) or a slash (`/`): no figure.
    Missing,
    Number(Decimal),
    /// Something else: not a number.
    Bad,
}

/// Full-width ASCII forms (`９４．４％`, `，`, `－`) and the ideographic
/// space as their ASCII counterparts; tables typed with a Chinese input
/// method mix both.
pub fn halfwidth(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect()
}

/// Read a value as typed: `94.4`, `94.4%`, `９４．４％`, `1,234`, ` 94.4 `;
/// blank, only dashes (`——`) or a slash is missing.
pub fn parse_value(text: &str) -> Value {
    let t = halfwidth(text);
    let t = t.trim();
    if t.is_empty() || t == "/" || t.chars().all(|c| matches!(c, '-' | '—' | '–' | '―' | '─'))
    {
        return Value::Missing;
    }
    match parse_number(t) {
        Some(d) => Value::Number(d),
        None => Value::Bad,
    }
}

/// A period as written in a header or a cell: `2020`, `2020年`, `2020年度`,
/// `2021-Q1`, `2021-06`, a date, full-width digits too.
pub fn parse_period(text: &str) -> Option<Period> {
    let t = halfwidth(text);
    let t = t.trim();
    let t = ["年度", "年末", "年底", "年"]
        .iter()
        .find_map(|s| t.strip_suffix(s))
        .unwrap_or(t)
        .trim();
    // Every period form is ASCII once the suffix is gone; `Period::parse`
    // slices bytes and must not be handed other text.
    if !t.is_ascii() {
        return None;
    }
    // Four-digit years only: `0486` would be written back as `486`, which
    // no reader takes for a period (found by fuzzing the importer).
    Period::parse(t)
        .ok()
        .filter(|p| (1000..=9999).contains(&p.year()))
}

/// A period that plausibly heads a column or a row: used to tell layouts
/// apart, so that a count such as 1500 in a value cell is not taken for one.
pub(super) fn plausible_period(cell: &Cell) -> Option<Period> {
    parse_period(&cell.text).filter(|p| (1900..=2200).contains(&p.year()))
}

/// A cell that holds a figure (or a spreadsheet error where one should
/// be): what makes a label or a header matter.
pub(super) fn is_number(cell: &Cell) -> bool {
    matches!(parse_value(&cell.text), Value::Number(_)) || cell.kind == CellKind::Error
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_are_read_as_they_are_written_back() {
        assert_eq!(parse_period("2020年"), Some(Period::Year(2020)));
        for p in ["0486", "0486年", "0999-Q1"] {
            assert_eq!(parse_period(p), None, "{p}");
        }
    }
}
