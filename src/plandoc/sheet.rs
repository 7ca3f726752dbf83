//! The sheets of a workbook (XLSX, XLSM, XLSB, XLS, ODS) through calamine,
//! from the bytes, each sheet a grid with its cells named as the sheet
//! names them (`Sheet1!B3`). Cells read as `track import` reads them
//! ([`crate::import::xlsx::cell`]): a number as its shortest decimal
//! (`93`, `95.9`), text as typed (`≥92%`). A merged cell holds its text in
//! its first cell only: the rows under a section cell have it blank there,
//! and the section is carried down (see [`draft`](super::draft)). The title
//! is the first row of the sheet when it holds one text alone.

use std::io::Cursor;

use calamine::{Reader, open_workbook_auto_from_rs};

use super::{Cell, Grid, Origin};
use crate::import::xlsx::cell;

/// Every sheet of the workbook, in order.
pub fn read(bytes: &[u8]) -> Result<Vec<Grid>, String> {
    let mut wb = open_workbook_auto_from_rs(Cursor::new(bytes.to_vec()))
        .map_err(|e| format!("not a workbook calamine can read: {e}"))?;
    let mut grids = Vec::new();
    for name in wb.sheet_names() {
        let range = wb
            .worksheet_range(&name)
            .map_err(|e| format!("cannot read sheet `{name}`: {e}"))?;
        let (row0, col0) = range.start().unwrap_or((0, 0));
        let rows: Vec<Vec<Cell>> = range
            .rows()
            .enumerate()
            .map(|(r, cells)| {
                cells
                    .iter()
                    .enumerate()
                    .map(|(c, d)| {
                        let at = Origin::Sheet {
                            sheet: name.clone(),
                            row: row0 as usize + r + 1,
                            col: col0 as usize + c + 1,
                        };
                        Cell::new(&cell(d).text, at)
                    })
                    .collect()
            })
            .collect();
        let title = rows
            .iter()
            .find(|r| r.iter().any(|c| !c.is_blank()))
            .and_then(|r| {
                let texts: Vec<&Cell> = r.iter().filter(|c| !c.is_blank()).collect();
                (texts.len() == 1 && super::columns::classify(&texts[0].text).is_none())
                    .then(|| super::untitled(&texts[0].text).to_string())
            });
        grids.push(Grid {
            rows,
            title,
            name: format!("sheet `{name}`"),
        });
    }
    Ok(grids)
}
