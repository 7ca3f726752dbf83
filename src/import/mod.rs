//! Importing the tables people keep (statistical-yearbook tables, Excel
//! sheets, wide CSV) into the long actuals rows of `docs/plan-format.md#actuals-csv`.
//!
//! This module is pure: a [`Table`] of cells (read by [`csv`] or `xlsx`) goes
//! in, [`LongRow`]s and diagnostics come out; nothing here touches the file
//! system. [`place`](fn@place) detects the layout (wide: rows are indicators
//! and columns periods; transposed: rows are periods; long: indicator, period
//! and value columns), finds the indicator, period and region of every value
//! cell, and parses the value as people type it (`94.4`, `94.4%`, `９４．４％`,
//! `1,234`, blank, dashes or a slash for missing; a cell formatted as a
//! percentage as shown for a `%` indicator). Sub-rows (`其中:小学`) are
//! matched through their parent; columns the actuals do not need
//! (`2025年目标`, `属性`) are skipped with a note.
//!
//! Invariants: every row it returns names an indicator id and a region the
//! plan knows, a parsed period and an exact decimal; every cell it cannot
//! place becomes one error naming the cell Excel-style (`Sheet1!C5`, with
//! row and column numbers), with a "did you mean" from the plan's names
//! where one is close. A row label or column header that cannot be placed is
//! reported once, not once per value under it, and labels with no values
//! (section headings, footnotes) are passed over silently.

pub mod csv;
mod labels;
mod layout;
pub mod merge;
mod names;
mod percent;
mod place;
#[cfg(feature = "xlsx")]
mod styles;
mod table;
mod walk;
#[cfg(feature = "xlsx")]
pub mod xlsx;

use std::path::Path;

pub use place::{LongRow, Options, Placed, dedupe, place};

/// How a table is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layout {
    /// Detect from the table.
    #[default]
    Auto,
    /// Rows are indicators, columns are periods.
    Wide,
    /// Rows are periods, columns are indicators.
    Transposed,
    /// Already long: indicator, period and value columns.
    Long,
}

/// Where a table's regions come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegionFrom {
    /// A region column in the table.
    Column,
    /// One sheet per region, named by region id or name.
    Sheet,
}
pub use table::{
    Cell, CellKind, Row, SourceLine, Table, Value, column_name, halfwidth, parse_period,
    parse_value,
};

// The unit tests (`use super::*`) reach these through this module too.
#[cfg(test)]
use crate::{period::Period, plan::Plan};
#[cfg(test)]
use names::{Found, Names};

/// Said wherever Excel is needed and the binary was built without it.
pub const NO_EXCEL: &str = "this track was built without Excel support (cargo feature `xlsx`)";

/// The extensions read as spreadsheets (calamine); anything else is CSV.
const SPREADSHEET_EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xlsb", "xls", "ods"];

/// Whether `path` names a spreadsheet (by its extension, any case).
pub fn is_spreadsheet(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| SPREADSHEET_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// A long-format sheet of a workbook as CSV bytes, for the actuals reader:
/// the named sheet or the first. Returns the sheet's name and the bytes.
#[cfg(feature = "xlsx")]
pub fn sheet_as_csv(path: &Path, sheet: Option<&str>) -> Result<(String, Vec<u8>), String> {
    xlsx::sheet_as_csv(path, sheet)
}

/// Without Excel support, every spreadsheet is refused with one clear reason.
#[cfg(not(feature = "xlsx"))]
pub fn sheet_as_csv(_path: &Path, _sheet: Option<&str>) -> Result<(String, Vec<u8>), String> {
    Err(NO_EXCEL.to_string())
}

#[cfg(test)]
mod office_tests;
#[cfg(test)]
mod tests;
