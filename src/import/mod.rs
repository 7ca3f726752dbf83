//! Importing the tables people keep (statistical-yearbook tables, Excel
//! sheets, wide CSV) into the long actuals rows of SPEC §1.4.
//!
//! This module is pure: a [`Table`] of cells (read by [`csv`] or `xlsx`)
//! goes in, [`LongRow`]s and diagnostics come out; nothing here touches the
//! file system. [`place`] detects the layout (wide: rows are indicators and
//! columns periods; transposed: rows are periods; long: indicator, period
//! and value columns), finds the indicator, period and region of every value
//! cell, and parses the value as people type it (`94.4`, `94.4%`,
//! `９４．４％`, `1,234`, blank or dashes for missing).
//!
//! Invariants: every row it returns names an indicator id and a region the
//! plan knows, a parsed period and an exact decimal; every cell it cannot
//! place becomes one error naming the cell Excel-style (`Sheet1!C5`, with
//! row and column numbers), with a "did you mean" from the plan's names
//! where one is close. A row label or column header that cannot be placed is
//! reported once, not once per value under it, and labels with no values
//! (section headings, footnotes) are passed over silently.

pub mod csv;
pub mod merge;
#[cfg(feature = "xlsx")]
pub mod xlsx;

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use rust_decimal::Decimal;

use crate::cli::{Layout, RegionFrom};
use crate::diag::{Diagnostic, Location};
use crate::period::Period;
use crate::plan::{Indicator, Plan, TargetExpr, load_suggest, parse_number};

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

// ---------------------------------------------------------------------------
// Tables

/// What a cell held: typed text, a spreadsheet number (its shortest decimal
/// form), or a spreadsheet error such as `#DIV/0!`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    Text,
    Number,
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

    fn width(&self) -> usize {
        self.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0)
    }

    fn cell(&self, r: usize, c: usize) -> &Cell {
        self.rows
            .get(r)
            .and_then(|row| row.cells.get(c))
            .unwrap_or(&EMPTY)
    }

    fn filled(&self, r: usize) -> usize {
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
    fn error_at(&self, r: usize, c: usize, message: &str, label: &str) -> Diagnostic {
        let number = self.rows.get(r).map_or(r + 1, |row| row.number);
        let col = self.first_col + c;
        let text = format!(
            "{} (row {number}, column {col}): {message}",
            self.qualified(r, c)
        );
        Diagnostic::error(text).at(self.location(r, c)).label(label)
    }

    fn location(&self, r: usize, c: usize) -> Location {
        match self.rows.get(r) {
            Some(Row {
                source: Some(src), ..
            }) => {
                let end = src.text.len();
                let span = src.spans.get(c).cloned().unwrap_or(end..end);
                Location::in_line(&self.file, src.line, src.text.clone(), span)
            }
            Some(row) => Location::file_line(&self.name(), row.number),
            None => Location::file_line(&self.name(), r + 1),
        }
    }

    /// An error about the table as a whole, pointing at row `r`.
    fn error_table(&self, r: usize, message: String) -> Diagnostic {
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
    /// Blank, or a dash (`-`, `—`, `——`, `–`): no figure.
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
/// blank or only dashes is missing.
pub fn parse_value(text: &str) -> Value {
    let t = halfwidth(text);
    let t = t.trim();
    if t.is_empty() || t.chars().all(|c| matches!(c, '-' | '—' | '–' | '―' | '─')) {
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
    Period::parse(t).ok()
}

/// A period that plausibly heads a column or a row: used to tell layouts
/// apart, so that a count such as 1500 in a value cell is not taken for one.
fn plausible_period(cell: &Cell) -> Option<Period> {
    parse_period(&cell.text).filter(|p| (1900..=2200).contains(&p.year()))
}

/// A cell that holds a figure (or a spreadsheet error where one should
/// be): what makes a label or a header matter.
fn is_number(cell: &Cell) -> bool {
    matches!(parse_value(&cell.text), Value::Number(_)) || cell.kind == CellKind::Error
}

// ---------------------------------------------------------------------------
// Names: indicators and regions by id, Chinese name or English name

/// The forms a label is matched by: as written (normalised), without
/// decoration (numbering `1.`, `（一）`, `一、`; a unit `（%）`; a colon),
/// and without spaces (`学 前 教 育` is aligned, not different).
fn label_keys(s: &str) -> Vec<String> {
    let norm = halfwidth(s)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let bare = strip_decoration(&norm);
    let tight: String = bare.chars().filter(|c| !c.is_whitespace()).collect();
    let mut keys = vec![norm];
    for k in [bare, tight] {
        if !k.is_empty() && !keys.contains(&k) {
            keys.push(k);
        }
    }
    keys
}

fn strip_decoration(s: &str) -> String {
    const NUMERALS: &str = "一二三四五六七八九十";
    let mut t = s.trim();
    // Leading numbering: "(1)", "(一)", "1.", "1、", "1)", "一、".
    if let Some(rest) = t.strip_prefix('(')
        && let Some(close) = rest.find(')')
        && close <= 9
        && rest[..close]
            .chars()
            .all(|c| c.is_ascii_digit() || NUMERALS.contains(c))
    {
        t = rest[close + 1..].trim_start();
    } else {
        let digits = t
            .char_indices()
            .find(|&(_, c)| !(c.is_ascii_digit() || NUMERALS.contains(c)))
            .map_or(t.len(), |(i, _)| i);
        if digits > 0
            && let Some(rest) = t[digits..]
                .strip_prefix(['.', '、', ')'])
                .filter(|r| !r.trim().is_empty())
        {
            t = rest.trim_start();
        }
    }
    // Trailing unit or note in brackets, a colon, a bare percent sign.
    let mut t = t.trim_end_matches([':', '：']).trim_end();
    if t.ends_with(')')
        && let Some(open) = t.rfind('(')
        && open > 0
    {
        t = t[..open].trim_end();
    }
    if let Some(rest) = t.strip_suffix('%').filter(|r| !r.trim().is_empty()) {
        t = rest.trim_end();
    }
    t.to_string()
}

enum Found<T> {
    One(T),
    Many(Vec<T>),
    None,
}

struct Names<'p> {
    plan: &'p Plan,
    indicators: HashMap<String, Vec<usize>>,
    /// (normalised form, as written, indicator index)
    indicator_words: Vec<(String, String, usize)>,
    regions: HashMap<String, String>,
    /// (normalised form, as written, region id)
    region_words: Vec<(String, String, String)>,
    /// A plan that declares no regions accepts any (SPEC §1.4).
    any_region: bool,
}

impl<'p> Names<'p> {
    fn new(plan: &'p Plan) -> Names<'p> {
        let mut indicators: HashMap<String, Vec<usize>> = HashMap::new();
        let mut indicator_words = Vec::new();
        for (i, ind) in plan.indicators.iter().enumerate() {
            let names = [Some(&ind.id), Some(&ind.name), ind.name_en.as_ref()];
            for name in names.into_iter().flatten() {
                for k in label_keys(name) {
                    let list = indicators.entry(k).or_default();
                    if !list.contains(&i) {
                        list.push(i);
                    }
                }
                indicator_words.push((label_keys(name).remove(0), name.clone(), i));
            }
        }
        let mut regions = HashMap::new();
        let mut region_words = Vec::new();
        let mut add = |name: &str, id: &str| {
            for k in label_keys(name) {
                regions.entry(k).or_insert_with(|| id.to_string());
            }
            region_words.push((label_keys(name).remove(0), name.to_string(), id.to_string()));
        };
        if let Some(own) = &plan.region {
            add(own, own);
        }
        for r in &plan.regions {
            add(&r.id, &r.id);
            add(&r.name, &r.id);
            if let Some(en) = &r.name_en {
                add(en, &r.id);
            }
        }
        Names {
            plan,
            indicators,
            indicator_words,
            regions,
            region_words,
            any_region: plan.regions.is_empty() && plan.region.is_none(),
        }
    }

    fn indicator(&self, label: &str) -> Found<usize> {
        for k in label_keys(label) {
            match self.indicators.get(&k).map(Vec::as_slice) {
                Some([one]) => return Found::One(*one),
                Some(many) if many.len() > 1 => return Found::Many(many.to_vec()),
                _ => {}
            }
        }
        Found::None
    }

    fn indicator_help(&self, label: &str) -> Option<String> {
        let keys = label_keys(label);
        let word = keys.get(1).unwrap_or(&keys[0]);
        let candidates: Vec<&str> = self
            .indicator_words
            .iter()
            .map(|(k, _, _)| k.as_str())
            .collect();
        let hit = load_suggest(word, &candidates)?;
        let (_, written, i) = self.indicator_words.iter().find(|(k, _, _)| k == hit)?;
        let id = &self.plan.indicators[*i].id;
        Some(if written == id {
            format!("did you mean `{id}`?")
        } else {
            format!("did you mean `{written}` ({id})?")
        })
    }

    fn region(&self, label: &str) -> Option<String> {
        if self.any_region {
            return Some(label.trim().to_string());
        }
        label_keys(label)
            .into_iter()
            .find_map(|k| self.regions.get(&k).cloned())
    }

    fn region_help(&self, label: &str) -> String {
        let keys = label_keys(label);
        let candidates: Vec<&str> = self
            .region_words
            .iter()
            .map(|(k, _, _)| k.as_str())
            .collect();
        let hit = load_suggest(&keys[0], &candidates)
            .and_then(|h| self.region_words.iter().find(|(k, _, _)| k == h));
        match hit {
            Some((_, written, id)) if written == id => format!("did you mean `{id}`?"),
            Some((_, written, id)) => format!("did you mean `{written}` ({id})?"),
            None => {
                let ids: Vec<&str> = self
                    .region_words
                    .iter()
                    .map(|(_, w, _)| w.as_str())
                    .collect();
                format!("the plan's regions: {}", ids.join(", "))
            }
        }
    }

    /// "Did you mean" for a period header: the plan's years around its span.
    fn period_help(&self, text: &str) -> Option<String> {
        let t = halfwidth(text);
        let t = t.trim().trim_end_matches('年');
        let (from, to) = (self.plan.baseline.year() - 10, self.plan.target.year() + 5);
        let years: Vec<String> = (from..=to).map(|y| y.to_string()).collect();
        let refs: Vec<&str> = years.iter().map(String::as_str).collect();
        load_suggest(t, &refs).map(|y| format!("did you mean `{y}`?"))
    }
}

// ---------------------------------------------------------------------------
// Header words

const INDICATOR_WORDS: &[&str] = &[
    "indicator",
    "indicator id",
    "指标",
    "指标名称",
    "指标名",
    "项目",
    "id",
    "name",
    "名称",
];
const PERIOD_WORDS: &[&str] = &[
    "period",
    "year",
    "年份",
    "年度",
    "时期",
    "期间",
    "年",
    "统计年度",
    "date",
    "日期",
];
const VALUE_WORDS: &[&str] = &["value", "数值", "值", "数据", "指标值", "实际值", "actual"];
const REGION_WORDS: &[&str] = &[
    "region",
    "area",
    "地区",
    "区域",
    "地区名称",
    "行政区",
    "行政区划",
    "省份",
    "地市",
    "盟市",
    "旗县",
    "旗县区",
    "旗县市区",
];
/// Columns of a long sheet that are expected and left out quietly.
const DESCRIPTIVE_WORDS: &[&str] = &[
    "source",
    "note",
    "unit",
    "name",
    "name_en",
    "名称",
    "指标名称",
    "单位",
    "来源",
    "数据来源",
    "备注",
    "说明",
    "注",
];

/// The column of row `r` whose header is the first of `words` found.
fn find_column(t: &Table, r: usize, words: &[&str]) -> Option<usize> {
    let names: Vec<String> = (0..t.width())
        .map(|c| label_keys(&t.cell(r, c).text).remove(0))
        .collect();
    words.iter().find_map(|w| names.iter().position(|n| n == w))
}

// ---------------------------------------------------------------------------
// Layout detection

/// Where a table's header and key column are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Shape {
    layout: Layout,
    /// Row index of the header.
    header: usize,
}

/// Rows searched for a header: titles and notes may sit above it.
const HEADER_SCAN: usize = 30;

/// The row of a long header (indicator, period and value columns), if any.
fn long_header(t: &Table) -> Option<usize> {
    (0..t.rows.len().min(HEADER_SCAN)).find(|&r| {
        find_column(t, r, INDICATOR_WORDS).is_some()
            && find_column(t, r, PERIOD_WORDS).is_some()
            && find_column(t, r, VALUE_WORDS).is_some()
    })
}

/// The row with the most period cells (the first such), and their count.
fn period_row(t: &Table) -> (usize, usize) {
    let mut best = (0, 0);
    for r in 0..t.rows.len().min(HEADER_SCAN) {
        let n = (0..t.width())
            .filter(|&c| plausible_period(t.cell(r, c)).is_some())
            .count();
        if n > best.1 && t.filled(r) >= 2 {
            best = (r, n);
        }
    }
    best
}

/// The column with the most period cells, and their count.
fn period_column(t: &Table) -> (usize, usize) {
    let mut best = (0, 0);
    for c in 0..t.width() {
        let n = (0..t.rows.len())
            .filter(|&r| plausible_period(t.cell(r, c)).is_some())
            .count();
        if n > best.1 {
            best = (c, n);
        }
    }
    best
}

/// The header of a transposed table: the nearest filled row above the
/// first period in the period column.
fn transposed_header(t: &Table, col: usize) -> Option<usize> {
    let first = (0..t.rows.len()).find(|&r| plausible_period(t.cell(r, col)).is_some())?;
    (0..first).rev().find(|&r| t.filled(r) > 0)
}

fn detect(t: &Table, forced: Layout) -> Result<Shape, Diagnostic> {
    let long = long_header(t);
    let (prow, hp) = period_row(t);
    let (pcol, cp) = period_column(t);
    let layout = match forced {
        Layout::Auto if long.is_some() => Layout::Long,
        Layout::Auto if hp == 0 && cp == 0 => {
            return Err(t
                .error_table(
                    0,
                    "cannot tell the layout: no periods (2020, 2020年, 2021-Q1) in a header row or a column".into(),
                )
                .help("name the periods in the header row (wide) or the first column (transposed), or use --layout long with indicator, period and value columns"));
        }
        Layout::Auto if cp > hp => Layout::Transposed,
        Layout::Auto if cp == hp && hp == 1 => {
            // One period in all: a header "指标 | 2020" (wide) or a single
            // data row "2020 | 93" (transposed) — the numbers beside it tell.
            let numbers = (0..t.width())
                .filter(|&c| {
                    c != pcol && matches!(parse_value(&t.cell(prow, c).text), Value::Number(_))
                })
                .count();
            if numbers > 0 {
                Layout::Transposed
            } else {
                Layout::Wide
            }
        }
        Layout::Auto => Layout::Wide,
        other => other,
    };
    let header = match layout {
        Layout::Long => long.unwrap_or_else(|| first_filled(t)),
        Layout::Transposed => transposed_header(t, pcol).unwrap_or_else(|| first_filled(t)),
        _ if hp > 0 => prow,
        _ => first_filled(t),
    };
    Ok(Shape { layout, header })
}

fn first_filled(t: &Table) -> usize {
    (0..t.rows.len()).find(|&r| t.filled(r) > 0).unwrap_or(0)
}

// ---------------------------------------------------------------------------
// Placement

/// A value placed: one row of the long actuals CSV.
#[derive(Debug, Clone, PartialEq)]
pub struct LongRow {
    pub indicator: String,
    pub region: String,
    pub period: Period,
    pub value: Decimal,
    /// `import: FILE[!SHEET]`.
    pub source: String,
    /// The cell it came from, `t.xlsx!Sheet1!C5`, for messages.
    pub cell: String,
    pub location: Location,
}

/// How to read a table.
#[derive(Debug, Clone)]
pub struct Options {
    pub layout: Layout,
    pub region_from: Option<RegionFrom>,
}

/// What [`place`] made of a table.
#[derive(Debug, Default)]
pub struct Placed {
    /// The layout used (detected or forced); `None` when none could be.
    pub layout: Option<Layout>,
    pub rows: Vec<LongRow>,
    /// Every cell (or header, or table) that could not be placed.
    pub errors: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
}

/// Place every value of a table: layout detection, indicator, period and
/// region of each value, the value itself.
pub fn place(t: &Table, plan: &Plan, opts: &Options) -> Placed {
    let mut placer = Placer {
        t,
        names: Names::new(plan),
        out: Placed::default(),
        default_region: plan.region.clone().unwrap_or_default(),
        source: t.source(),
    };
    if t.rows.iter().all(|r| r.cells.iter().all(Cell::is_blank)) {
        return placer.out; // an empty sheet: nothing to place
    }
    if opts.region_from == Some(RegionFrom::Sheet) {
        // A CSV file stands for one sheet, named by its file name.
        let sheet = t.sheet.clone().unwrap_or_else(|| {
            Path::new(&t.file)
                .file_stem()
                .map_or_else(|| t.file.clone(), |s| s.to_string_lossy().into_owned())
        });
        match placer.names.region(&sheet) {
            Some(id) => placer.default_region = id,
            None => {
                let d = t
                    .error_table(
                        0,
                        format!("the sheet `{sheet}` names no region of plan {}", plan.path),
                    )
                    .help(format!(
                        "{}; with --region-from sheet every sheet is named by a region id or name",
                        placer.names.region_help(&sheet)
                    ));
                placer.out.errors.push(d);
                return placer.out;
            }
        }
    }
    let shape = match detect(t, opts.layout) {
        Ok(s) => s,
        Err(d) => {
            placer.out.errors.push(d);
            return placer.out;
        }
    };
    placer.out.layout = Some(shape.layout);
    let region_col = if opts.region_from == Some(RegionFrom::Sheet) {
        None
    } else {
        find_column(t, shape.header, REGION_WORDS)
    };
    if opts.region_from == Some(RegionFrom::Column) && region_col.is_none() {
        let words = REGION_WORDS[..3].join("`, `");
        placer.out.errors.push(
            t.error_table(shape.header, "no region column in the header".into())
                .help(format!(
                    "--region-from column needs a column headed `{words}`"
                )),
        );
        return placer.out;
    }
    match shape.layout {
        Layout::Long => placer.long(shape.header, region_col),
        Layout::Transposed => placer.transposed(shape.header, region_col),
        _ => placer.wide(shape.header, region_col),
    }
    placer.out
}

struct Placer<'a> {
    t: &'a Table,
    names: Names<'a>,
    out: Placed,
    /// The region of rows that do not name one: the sheet's or the plan's.
    default_region: String,
    source: String,
}

impl Placer<'_> {
    fn error(&mut self, r: usize, c: usize, message: &str, label: &str, help: Option<String>) {
        let mut d = self.t.error_at(r, c, message, label);
        if let Some(h) = help {
            d = d.help(h);
        }
        self.out.errors.push(d);
    }

    /// The indicator a label names, or an error at its cell (`values` is
    /// how many values the label heads, said so the user knows the stake).
    fn indicator(&mut self, r: usize, c: usize, values: usize) -> Option<usize> {
        let label = self.t.cell(r, c).text.trim().to_string();
        let what = match values {
            1 => "its value is not imported".to_string(),
            n => format!("its {n} values are not imported"),
        };
        match self.names.indicator(&label) {
            Found::One(i) => Some(i),
            Found::Many(is) => {
                let ids: Vec<&str> = is
                    .iter()
                    .map(|&i| self.names.plan.indicators[i].id.as_str())
                    .collect();
                self.error(
                    r,
                    c,
                    &format!(
                        "`{label}` names several indicators ({}); {what}",
                        ids.join(", ")
                    ),
                    "ambiguous indicator",
                    Some("write the indicator's id instead".into()),
                );
                None
            }
            Found::None if label.is_empty() => {
                self.error(
                    r,
                    c,
                    &format!("no indicator is named here, but {what}"),
                    "no indicator",
                    Some("write the indicator's id, name or English name".into()),
                );
                None
            }
            Found::None => {
                let help = self.names.indicator_help(&label);
                self.error(
                    r,
                    c,
                    &format!(
                        "unknown indicator `{label}` (not in plan {}); {what}",
                        self.names.plan.path
                    ),
                    "not an indicator of the plan",
                    help,
                );
                None
            }
        }
    }

    /// The region of row `r`: its region cell, else the default.
    fn region(&mut self, r: usize, col: Option<usize>) -> Option<String> {
        let Some(c) = col else {
            return Some(self.default_region.clone());
        };
        let text = self.t.cell(r, c).text.trim().to_string();
        if text.is_empty() {
            return Some(self.default_region.clone());
        }
        match self.names.region(&text) {
            Some(id) => Some(id),
            None => {
                let help = self.names.region_help(&text);
                self.error(
                    r,
                    c,
                    &format!(
                        "unknown region `{text}` (not in plan {}); the row is not imported",
                        self.names.plan.path
                    ),
                    "not a region of the plan",
                    Some(help),
                );
                None
            }
        }
    }

    /// Read the value cell at (`r`, `c`) and keep it.
    fn value(&mut self, r: usize, c: usize, ind: usize, region: &str, period: Period) {
        let cell = self.t.cell(r, c);
        let value = match (cell.kind, parse_value(&cell.text)) {
            (CellKind::Error, _) => {
                let text = cell.text.clone();
                self.error(
                    r,
                    c,
                    &format!("the cell holds the spreadsheet error `{text}`, not a number"),
                    "spreadsheet error",
                    Some("fix the formula, or empty the cell if there is no figure".into()),
                );
                return;
            }
            (_, Value::Missing) => return,
            (_, Value::Bad) => {
                let text = cell.text.trim().to_string();
                self.error(
                    r,
                    c,
                    &format!("`{text}` is not a number"),
                    "not a number",
                    Some(
                        "expected a number such as 94.4, 94.4% or 1,234; leave the cell empty or write — when there is no figure".into(),
                    ),
                );
                return;
            }
            (_, Value::Number(v)) => v,
        };
        let indicator = &self.names.plan.indicators[ind];
        if cell.kind == CellKind::Number
            && let Some(scale) = looks_like_percent_cell(indicator, value)
        {
            let shown = value * Decimal::ONE_HUNDRED;
            self.error(
                r,
                c,
                &format!(
                    "the cell holds {value} for `{}` (unit %, baseline or target {scale}): a cell formatted as a percentage shows {}% but holds {value}",
                    indicator.id,
                    shown.normalize()
                ),
                "a fraction where percent is expected",
                Some(format!(
                    "type the figure itself ({}) or as text ({}%); a figure under 1% can be typed as text, such as {value}%",
                    shown.normalize(),
                    shown.normalize()
                )),
            );
            return;
        }
        let row = LongRow {
            indicator: indicator.id.clone(),
            region: region.to_string(),
            period,
            value,
            source: self.source.clone(),
            cell: format!("{}!{}", self.t.name(), self.t.reference(r, c)),
            location: self.t.location(r, c),
        };
        self.out.rows.push(row);
    }

    /// Rows are indicators, columns periods.
    fn wide(&mut self, h: usize, region_col: Option<usize>) {
        let t = self.t;
        let width = t.width();
        let mut periods: Vec<(usize, Period)> = Vec::new();
        let mut first_period = None;
        for c in 0..width {
            if Some(c) == region_col {
                continue;
            }
            if let Some(p) = parse_period(&t.cell(h, c).text) {
                periods.push((c, p));
                first_period.get_or_insert(c);
            }
        }
        let Some(first_period) = first_period else {
            self.out.errors.push(
                t.error_table(
                    h,
                    "no periods (2020, 2020年, 2021-Q1) in the header row".into(),
                )
                .help("a wide table has rows of indicators and a header of periods; see --layout"),
            );
            return;
        };
        // Columns after the first period that are not periods: a typo in a
        // period is an error where values sit under it; a notes column is not.
        for c in first_period..width {
            if Some(c) == region_col || periods.iter().any(|&(pc, _)| pc == c) {
                continue;
            }
            let values = (h + 1..t.rows.len())
                .filter(|&r| is_number(t.cell(r, c)))
                .count();
            if values == 0 {
                continue;
            }
            let text = t.cell(h, c).text.trim().to_string();
            let what = plural_values(values);
            if text.is_empty() {
                self.error(
                    h,
                    c,
                    &format!("no period heads this column, but {what}"),
                    "no period",
                    Some("write the period (2020, 2020年, 2021-Q1) in the header".into()),
                );
            } else {
                let help = self.names.period_help(&text).or_else(|| {
                    Some("expected a period such as 2020, 2020年 or 2021-Q1; use --skip-bad to leave the column out".into())
                });
                self.error(
                    h,
                    c,
                    &format!("`{text}` is not a period; {what}"),
                    "not a period",
                    help,
                );
            }
        }
        // The label column: of the columns before the periods, the one that
        // names the most indicators (a 序号 or 单位 column names none).
        let candidates: Vec<usize> = (0..first_period)
            .filter(|&c| Some(c) != region_col)
            .collect();
        let Some(label_col) = candidates.iter().copied().max_by_key(|&c| {
            let hits = (h + 1..t.rows.len())
                .filter(|&r| matches!(self.names.indicator(&t.cell(r, c).text), Found::One(_)))
                .count();
            (hits, std::cmp::Reverse(c))
        }) else {
            self.out.errors.push(
                t.error_table(
                    h,
                    "no column names the indicators: the periods start in the first column".into(),
                )
                .help("put the indicators' ids or names in the first column, left of the periods"),
            );
            return;
        };
        for r in h + 1..t.rows.len() {
            let numbers = periods
                .iter()
                .filter(|&&(c, _)| is_number(t.cell(r, c)))
                .count();
            let ind = match self.names.indicator(&t.cell(r, label_col).text) {
                Found::One(i) => i,
                // A section heading, a note, a blank row: nothing at stake.
                _ if numbers == 0 => continue,
                _ => {
                    let _ = self.indicator(r, label_col, numbers);
                    continue;
                }
            };
            let Some(region) = self.region(r, region_col) else {
                continue;
            };
            for &(c, p) in &periods {
                self.value(r, c, ind, &region, p);
            }
        }
    }

    /// Rows are periods, columns indicators.
    fn transposed(&mut self, h: usize, region_col: Option<usize>) {
        let t = self.t;
        let width = t.width();
        // The period column: the one with the most periods below the header.
        let Some(period_col) = (0..width)
            .filter(|&c| Some(c) != region_col)
            .max_by_key(|&c| {
                let n = (h + 1..t.rows.len())
                    .filter(|&r| parse_period(&t.cell(r, c).text).is_some())
                    .count();
                (n, std::cmp::Reverse(c))
            })
        else {
            return;
        };
        let mut columns: Vec<(usize, usize)> = Vec::new(); // (column, indicator)
        for c in 0..width {
            if c == period_col || Some(c) == region_col {
                continue;
            }
            let values = (h + 1..t.rows.len())
                .filter(|&r| is_number(t.cell(r, c)))
                .count();
            let header = &t.cell(h, c).text;
            match self.names.indicator(header) {
                Found::One(i) => columns.push((c, i)),
                // A notes column, or a heading over no figures.
                _ if values == 0 => {}
                _ if DESCRIPTIVE_WORDS.contains(&label_keys(header)[0].as_str()) => {}
                _ => {
                    let _ = self.indicator(h, c, values);
                }
            }
        }
        for r in h + 1..t.rows.len() {
            let values = columns
                .iter()
                .filter(|&&(c, _)| is_number(t.cell(r, c)))
                .count();
            let text = t.cell(r, period_col).text.trim().to_string();
            let Some(period) = parse_period(&text) else {
                if values == 0 {
                    continue; // a blank row, or a note under the table
                }
                let what = plural_values(values);
                if text.is_empty() {
                    self.error(
                        r,
                        period_col,
                        &format!("no period is named here, but {what}"),
                        "no period",
                        Some("write the period (2020, 2020年, 2021-Q1)".into()),
                    );
                } else {
                    let help = self.names.period_help(&text).or_else(|| {
                        Some("expected a period such as 2020, 2020年 or 2021-Q1".into())
                    });
                    self.error(
                        r,
                        period_col,
                        &format!("`{text}` is not a period; {what}"),
                        "not a period",
                        help,
                    );
                }
                continue;
            };
            let Some(region) = self.region(r, region_col) else {
                continue;
            };
            for &(c, ind) in &columns {
                self.value(r, c, ind, &region, period);
            }
        }
    }

    /// Already long: indicator, period (or year) and value columns.
    fn long(&mut self, h: usize, region_col: Option<usize>) {
        let t = self.t;
        let ind_col = find_column(t, h, INDICATOR_WORDS);
        let period_col = find_column(t, h, PERIOD_WORDS);
        let value_col = find_column(t, h, VALUE_WORDS);
        let (Some(ind_col), Some(period_col), Some(value_col)) = (ind_col, period_col, value_col)
        else {
            let mut missing = Vec::new();
            for (col, name) in [
                (ind_col, "indicator"),
                (period_col, "period"),
                (value_col, "value"),
            ] {
                if col.is_none() {
                    missing.push(name);
                }
            }
            self.out.errors.push(
                t.error_table(h, format!("no column {} in the header", missing.join(", ")))
                    .help("a long table needs indicator, period (or year) and value columns"),
            );
            return;
        };
        let used = [Some(ind_col), Some(period_col), Some(value_col), region_col];
        let mut left_out = Vec::new();
        for c in 0..t.width() {
            let name = label_keys(&t.cell(h, c).text).remove(0);
            if !used.contains(&Some(c))
                && !name.is_empty()
                && !DESCRIPTIVE_WORDS.contains(&name.as_str())
            {
                left_out.push(format!(
                    "`{}` ({})",
                    t.cell(h, c).text.trim(),
                    t.reference(h, c)
                ));
            }
        }
        if !left_out.is_empty() {
            self.out.warnings.push(
                Diagnostic::warning(format!(
                    "{}: column(s) {} not imported: import writes indicator, region, period, value and source",
                    t.name(),
                    left_out.join(", ")
                ))
                .at(Location::file_line(&t.name(), t.rows[h].number)),
            );
        }
        for r in h + 1..t.rows.len() {
            let value = t.cell(r, value_col);
            if parse_value(&value.text) == Value::Missing && value.kind != CellKind::Error {
                continue; // a missing value, or a blank row
            }
            let ind = self.indicator(r, ind_col, 1);
            let text = t.cell(r, period_col).text.trim().to_string();
            let period = parse_period(&text);
            if period.is_none() {
                let help = self.names.period_help(&text).unwrap_or_else(|| {
                    "expected 2023, 2023年, 2023-Q2, 2023-06 or 2023-06-30".into()
                });
                let message = if text.is_empty() {
                    "no period is named here; the row is not imported".to_string()
                } else {
                    format!("`{text}` is not a period; the row is not imported")
                };
                self.error(r, period_col, &message, "not a period", Some(help));
            }
            let region = self.region(r, region_col);
            if let (Some(ind), Some(period), Some(region)) = (ind, period, region) {
                self.value(r, value_col, ind, &region, period);
            }
        }
    }
}

fn plural_values(n: usize) -> String {
    match n {
        1 => "a value sits under it".to_string(),
        n => format!("{n} values sit under it"),
    }
}

/// A spreadsheet number in (0, 1] for a `%` indicator whose baseline or
/// target is at least 10: almost surely a cell formatted as a percentage,
/// which shows 94.4% and holds 0.944. Returns the plan's figure that tells.
fn looks_like_percent_cell(ind: &Indicator, value: Decimal) -> Option<Decimal> {
    if !ind.is_percent() || value <= Decimal::ZERO || value > Decimal::ONE {
        return None;
    }
    let scale = ind.baseline.or(match ind.target {
        TargetExpr::Reach(v) | TargetExpr::Compare(_, v) | TargetExpr::Range(_, v) => Some(v),
        _ => None,
    })?;
    (scale.abs() >= Decimal::TEN).then_some(scale)
}

// ---------------------------------------------------------------------------
// Duplicates across the imported cells

/// Keep one row per indicator, region and period: the same value twice is
/// kept once; different values are an error at every cell involved, and
/// none of them is kept (which one is right is for the user to say).
pub fn dedupe(rows: Vec<LongRow>) -> (Vec<LongRow>, Vec<Diagnostic>) {
    let mut index: HashMap<(String, String, Period), usize> = HashMap::new();
    let mut groups: Vec<Vec<LongRow>> = Vec::new();
    for row in rows {
        let key = (row.indicator.clone(), row.region.clone(), row.period);
        match index.get(&key) {
            Some(&g) => groups[g].push(row),
            None => {
                index.insert(key, groups.len());
                groups.push(vec![row]);
            }
        }
    }
    let mut kept = Vec::with_capacity(groups.len());
    let mut errors = Vec::new();
    for mut group in groups {
        if group.iter().all(|r| r.value == group[0].value) {
            kept.push(group.swap_remove(0));
            continue;
        }
        for row in &group {
            let others: Vec<String> = group
                .iter()
                .filter(|o| o.value != row.value)
                .map(|o| format!("{} in {}", o.value, o.cell))
                .collect();
            let region = if row.region.is_empty() {
                String::new()
            } else {
                format!(" in {}", row.region)
            };
            errors.push(
                Diagnostic::error(format!(
                    "{}: two values for `{}`{region} in {}: {} here, {} elsewhere; neither is imported",
                    row.cell,
                    row.indicator,
                    row.period,
                    row.value,
                    others.join(", ")
                ))
                .at(row.location.clone())
                .label("another value for the same period")
                .help("keep one value per indicator, region and period"),
            );
        }
    }
    (kept, errors)
}

#[cfg(test)]
mod tests;
