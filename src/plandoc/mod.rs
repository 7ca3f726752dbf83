//! From a published plan to a plan file: `track init --from FILE` finds the
//! indicator table (主要指标表) in a plan document and writes it as plan TOML
//! (`docs/plan-format.md#starting-from-a-published-plan`).
//!
//! One reader per kind of document turns its bytes into cells with their
//! places: [`text`] (copied from a web page or a PDF viewer, one cell per
//! line or tab-separated), [`html`] (`<table>`s, through a real HTML
//! parser), [`docx`] (`w:tbl` in `word/document.xml`) and `sheet` (XLSX, XLS,
//! ODS through calamine). [`columns`] reads a table's header, [`rows`] turns
//! the table into rows of cells by role, [`draft`] makes indicators of them
//! and [`write`] writes the TOML and checks it with the plan loader.
//!
//! Invariants: nothing here touches the file system or a terminal (the
//! bytes come in, the TOML and its diagnostics go out); bad input never
//! panics; baselines and targets are written as the table writes them,
//! never rewritten; a row that cannot be read is written as a commented-out
//! block and reported with its line or cell, never guessed; and the TOML
//! returned always loads as a plan (it has been loaded before it is
//! returned). The same table always gives the same text, ids included.

mod columns;
mod docx;
mod draft;
mod html;
mod rows;
#[cfg(feature = "xlsx")]
mod sheet;
mod text;
mod write;

use std::fmt;

use crate::diag::Diagnostic;

pub use write::Written;

/// The kinds of document read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text: one cell per line, or tab-separated cells.
    Text,
    Html,
    Docx,
    /// A workbook: XLSX, XLSM, XLSB, XLS or ODS.
    Workbook,
}

impl Format {
    /// The format of a file: by its extension, else by its first bytes (a
    /// zip holding `word/` is DOCX, another zip a workbook; markup is HTML).
    pub fn of(file_name: &str, bytes: &[u8]) -> Format {
        let ext = file_name
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "html" | "htm" | "xhtml" | "shtml" => return Format::Html,
            "docx" | "docm" => return Format::Docx,
            "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => return Format::Workbook,
            "txt" | "text" | "tsv" => return Format::Text,
            _ => {}
        }
        if bytes.starts_with(b"PK") {
            let has_word = bytes.windows(5).any(|w| w == b"word/");
            return if has_word {
                Format::Docx
            } else {
                Format::Workbook
            };
        }
        // The OLE header of an .xls file.
        if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            return Format::Workbook;
        }
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
        if head.contains("<html") || head.contains("<table") || head.contains("<!doctype html") {
            return Format::Html;
        }
        Format::Text
    }

    pub fn name(&self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "HTML",
            Format::Docx => "DOCX",
            Format::Workbook => "workbook",
        }
    }
}

/// Where a cell is in its document, as a user finds it there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A line of a text file (1-based).
    Line(usize),
    /// A cell of the n-th table of an HTML or DOCX document (all 1-based).
    Table {
        table: usize,
        row: usize,
        col: usize,
    },
    /// A cell of a sheet, numbered as the sheet numbers it (1-based).
    Sheet {
        sheet: String,
        row: usize,
        col: usize,
    },
}

impl Origin {
    /// The row this cell is in: `line 26`, `table 1, row 3`, `Sheet1 row 3`.
    pub fn row_label(&self) -> String {
        match self {
            Origin::Line(n) => format!("line {n}"),
            Origin::Table { table, row, .. } => format!("table {table}, row {row}"),
            Origin::Sheet { sheet, row, .. } => format!("{sheet} row {row}"),
        }
    }

    /// The line of a text file, if that is where the cell is.
    pub fn line(&self) -> Option<usize> {
        match self {
            Origin::Line(n) => Some(*n),
            _ => None,
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Line(n) => write!(f, "line {n}"),
            Origin::Table { table, row, col } => {
                write!(f, "table {table}, row {row}, column {col}")
            }
            Origin::Sheet { sheet, row, col } => {
                write!(f, "{sheet}!{}{row}", crate::import::column_name(*col))
            }
        }
    }
}

/// One cell: its text (trimmed, with the layout's spaces inside CJK text
/// taken out), how far the text was indented, and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    /// Leading whitespace in the document (an indented `其中` row).
    pub indent: usize,
    pub at: Origin,
}

impl Cell {
    pub fn new(raw: &str, at: Origin) -> Cell {
        let indent = raw.chars().take_while(|c| c.is_whitespace()).count();
        Cell {
            text: tidy(raw),
            indent,
            at,
        }
    }

    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }
}

/// A table of a document: rows of cells (spans repeated into every row and
/// column they cover), and the title written above it, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grid {
    pub rows: Vec<Vec<Cell>>,
    pub title: Option<String>,
    /// `table 2`, `Sheet1`, `lines 70–96`: how a message names the table.
    pub name: String,
}

/// What to write.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The plan's id (default: from the file name).
    pub id: Option<String>,
    /// The actuals file the plan lists.
    pub actuals: String,
    /// The plan file as messages name it (`plan.toml`).
    pub plan_path: String,
    /// Comments in English (else Chinese).
    pub lang: crate::display::Lang,
}

/// Read the indicator table of a plan document and write it as plan TOML.
/// `file` is the document as the user named it (for the format, the plan's
/// id, comments and messages). An error means no indicator table was found
/// (or the document cannot be read at all); rows that cannot be read are
/// warnings in [`Written::diagnostics`].
pub fn plan_from(bytes: &[u8], file: &str, opts: &Options) -> Result<Written, Diagnostic> {
    let format = Format::of(file, bytes);
    let err = |m: String| Diagnostic::error(format!("cannot read {file}: {m}"));
    let mut notes = Vec::new();
    let mut note_encoding = |encoding: Option<&str>| {
        if let Some(name) = encoding {
            notes.push(Diagnostic::warning(format!(
                "{file} is not UTF-8: read as {name}"
            )));
        }
    };
    let mut text = None;
    let found = match format {
        Format::Text => {
            let (s, encoding) = decode(bytes, None).map_err(err)?;
            note_encoding(encoding);
            let found = text::read(&s);
            text = Some(s);
            found
        }
        Format::Html => {
            let (s, encoding) = decode(bytes, html::charset(bytes).as_deref()).map_err(err)?;
            note_encoding(encoding);
            rows::best_of_grids(html::read(&s))
        }
        Format::Docx => rows::best_of_grids(docx::read(bytes).map_err(err)?),
        Format::Workbook => {
            #[cfg(feature = "xlsx")]
            {
                rows::best_of_grids(sheet::read(bytes).map_err(err)?)
            }
            #[cfg(not(feature = "xlsx"))]
            {
                return Err(err(crate::import::NO_EXCEL.to_string()));
            }
        }
    };
    let Some(table) = found else {
        return Err(Diagnostic::error(format!(
            "no indicator table found in {file} (read as {})",
            format.name()
        ))
        .help(
            "the table needs a header with the indicator column and the years \
             (指标 | 2020年 | 2025年), and rows of baselines and targets under it",
        ));
    };
    let draft = draft::draft(&table)?;
    let mut written = write::write(&draft, &table, file, text.as_deref(), opts)?;
    notes.append(&mut written.diagnostics);
    written.diagnostics = notes;
    Ok(written)
}

/// The text of the bytes: UTF-8 (a byte-order mark is dropped), UTF-16
/// with its byte-order mark, the declared character set, else GB18030
/// (what Chinese Windows saves). Returns the encoding's name when it is
/// not UTF-8.
fn decode(bytes: &[u8], declared: Option<&str>) -> Result<(String, Option<&'static str>), String> {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, bad) = enc.decode_without_bom_handling(&bytes[bom..]);
        if bad {
            return Err(format!("the text is not valid {}", enc.name()));
        }
        let name = (enc != encoding_rs::UTF_8).then_some(enc.name());
        return Ok((text.into_owned(), name));
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok((s.to_string(), None));
    }
    let enc = declared
        .and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes()))
        .filter(|e| *e != encoding_rs::UTF_8)
        .unwrap_or(encoding_rs::GB18030);
    let (text, _, bad) = enc.decode(bytes);
    if bad {
        return Err(format!("the text is neither UTF-8 nor {}", enc.name()));
    }
    Ok((text.into_owned(), Some(enc.name())))
}

/// A table's title without its number (`表1`, `附表 2：`, `表一`).
pub fn untitled(title: &str) -> &str {
    let t = title.trim();
    let Some(rest) = t.strip_prefix("附表").or_else(|| t.strip_prefix('表')) else {
        return t;
    };
    let rest = rest.trim_start();
    let number = rest.trim_start_matches(|c: char| {
        c.is_ascii_digit() || ('０'..='９').contains(&c) || "一二三四五六七八九十-.".contains(c)
    });
    if number.len() == rest.len() {
        return t;
    }
    let after = number.trim_start_matches([' ', '\u{3000}', ':', '：', '、', '.']);
    if after.is_empty() { t } else { after }
}

/// Trim a cell and take out the spaces a layout puts between CJK
/// characters (`指  标`, a line broken inside a name); other runs of
/// spaces become one (`≥ 92%` keeps its space).
pub fn tidy(raw: &str) -> String {
    let chars: Vec<char> = raw.trim().chars().collect();
    let mut out = String::with_capacity(raw.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if !c.is_whitespace() {
            out.push(c);
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_whitespace() {
            i += 1;
        }
        let before = chars[start - 1];
        let after = chars.get(i).copied().unwrap_or(' ');
        if before.is_ascii() || after.is_ascii() {
            out.push(' ');
        }
    }
    out
}

#[cfg(test)]
mod tests;

/// The text of each cell of a grid, row by row (for the readers' tests).
#[cfg(test)]
fn cell_texts(g: &Grid) -> Vec<Vec<&str>> {
    (g.rows.iter())
        .map(|r| r.iter().map(|c| c.text.as_str()).collect())
        .collect()
}
