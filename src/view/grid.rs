//! The tables people read, as data: a [`Grid`] is a header of typed
//! columns and rows of text cells under group headings. Every human format
//! (terminal, Markdown, HTML, XLSX, Word) draws a grid the same way — its
//! own markup, the same cells — so a table is built once, by name, and
//! drawn everywhere without any renderer knowing which column is which.
//!
//! Invariants: every row has one cell per column; a cell's text is final
//! (rounded, with its unit), so renderers only escape and align it; a
//! cell's [`Number`] is the exact figure it shows. Where a grid is wider
//! than its medium (a terminal), the renderer wraps names and leaves whole
//! columns out in [`Grid::drop_order`], never a cell.

use crate::engine::Status;

/// What a column holds: how it is aligned and styled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The row's name (indented under a heading; linked in HTML).
    Name,
    /// Text, left-aligned.
    Text,
    /// A figure, right-aligned.
    Number,
    /// The status word, coloured by the row's status.
    Status,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub label: String,
    pub kind: Kind,
    /// Where a table is narrower than its cells (a terminal), the columns
    /// that give way, lowest rank first, the rightmost first among equals;
    /// `None`: always shown. [`Column::new`] keeps the name and the status
    /// and lets text and figures go, from the right.
    pub drop_rank: Option<u8>,
}

impl Column {
    pub fn new(label: impl Into<String>, kind: Kind) -> Column {
        let drop_rank = match kind {
            Kind::Name | Kind::Status => None,
            Kind::Text | Kind::Number => Some(Column::DROP_RANK),
        };
        Column {
            label: label.into(),
            kind,
            drop_rank,
        }
    }

    /// The rank [`Column::new`] gives text and figures.
    pub const DROP_RANK: u8 = 100;

    /// The column gives way at `rank` (lower first) where the table is too wide.
    pub fn drop_rank(mut self, rank: u8) -> Column {
        self.drop_rank = Some(rank);
        self
    }

    /// The column is shown however narrow the table must be.
    pub fn always_shown(mut self) -> Column {
        self.drop_rank = None;
        self
    }
}

/// A figure behind a cell, for formats that keep numbers as numbers
/// (a spreadsheet shows `value` with `decimals` and `suffix`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Number {
    pub value: rust_decimal::Decimal,
    pub decimals: u32,
    /// Shown after the number: `%`, `个百分点`, `年`.
    pub suffix: String,
}

/// A cell: its text, and the number it shows where it shows one.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Cell {
    pub text: String,
    pub number: Option<Number>,
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            number: None,
        }
    }

    pub fn number(text: impl Into<String>, number: Number) -> Cell {
        Cell {
            text: text.into(),
            number: Some(number),
        }
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell::text(text)
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        Cell::text(text)
    }
}

/// A data row.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub cells: Vec<Cell>,
    /// Colours the [`Kind::Status`] cell.
    pub status: Status,
    /// Where the row's details are (an HTML fragment id), if anywhere.
    pub anchor: Option<String>,
    /// How far the name is indented: 1 under a group heading, 2 for a
    /// sub-indicator under its parent.
    pub depth: u8,
}

/// A row of the grid.
#[derive(Debug, Clone, PartialEq)]
pub enum Row {
    /// A group heading (a plan's `group`), spanning the table.
    Heading(String),
    Line(Line),
}

/// A table: typed columns, rows under headings.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Grid {
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
}

impl Grid {
    /// The data rows, without headings.
    pub fn lines(&self) -> impl Iterator<Item = &Line> {
        self.rows.iter().filter_map(|r| match r {
            Row::Line(l) => Some(l),
            Row::Heading(_) => None,
        })
    }

    /// The column labels.
    pub fn header(&self) -> Vec<&str> {
        self.columns.iter().map(|c| c.label.as_str()).collect()
    }

    /// The columns that may give way, in the order they do: by
    /// [`Column::drop_rank`], the rightmost first among equals.
    pub fn drop_order(&self) -> Vec<usize> {
        let mut order: Vec<(u8, usize)> = (self.columns.iter().enumerate())
            .filter_map(|(i, c)| Some((c.drop_rank?, i)))
            .collect();
        order.sort_by_key(|&(rank, i)| (rank, std::cmp::Reverse(i)));
        order.into_iter().map(|(_, i)| i).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_give_way_by_rank_then_from_the_right() {
        let grid = Grid {
            columns: vec![
                Column::new("name", Kind::Name),
                Column::new("region", Kind::Text).drop_rank(200),
                Column::new("baseline", Kind::Number).drop_rank(10),
                Column::new("latest", Kind::Number),
                Column::new("target", Kind::Number).always_shown(),
                Column::new("change", Kind::Number),
                Column::new("status", Kind::Status),
            ],
            rows: Vec::new(),
        };
        assert_eq!(grid.drop_order(), [2, 5, 3, 1]);
    }
}
