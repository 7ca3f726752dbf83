//! What calamine does not tell about the cells of an `.xlsx` sheet: which
//! number cells are formatted as percentages (a cell showing 85.1% holds
//! 0.851) and which text cells are indented (a sub-row `小学` set in under
//! its parent), read from the workbook's styles and the sheet's XML
//! (docs/plan-format.md#track-import-input).
//!
//! Invariants: nothing here fails a read. A workbook whose styles cannot
//! be read (an `.xls` or `.ods`, a part missing or malformed) has no known
//! styles, and its cells are read as calamine gives them; the percentage
//! check of the values (docs/plan-format.md#values) still guards them.
//! Only cells with a style of interest are kept, so a large sheet costs
//! little memory. Positions are the sheet's own, 0-based (row, column), as
//! calamine numbers them.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::Read;
use std::path::Path;

use quick_xml::Reader;
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesStart, Event};

/// The styles of one sheet's cells that matter to an import.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SheetStyles {
    percent: HashSet<(u32, u32)>,
    indent: HashMap<(u32, u32), u8>,
}

impl SheetStyles {
    /// Whether the cell has a percentage number format (`0%`, `0.0%`).
    pub fn is_percent(&self, row: u32, col: u32) -> bool {
        self.percent.contains(&(row, col))
    }

    /// The cell's indent level (Excel's "Increase Indent"), 0 for none.
    pub fn indent(&self, row: u32, col: u32) -> u8 {
        self.indent.get(&(row, col)).copied().unwrap_or(0)
    }
}

/// A cell format (`xf`) of the workbook, as far as it matters here.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Xf {
    percent: bool,
    indent: u8,
}

/// A workbook's cell formats and where its sheets are, read once for all
/// the sheets imported.
pub struct BookStyles {
    zip: zip::ZipArchive<File>,
    xfs: Vec<Xf>,
    /// Sheet name to the path of its XML in the archive.
    sheets: HashMap<String, String>,
}

impl BookStyles {
    /// The styles of the workbook at `path`; `None` when it is not an
    /// `.xlsx`-style archive or its parts cannot be read.
    pub fn open(path: &Path) -> Option<BookStyles> {
        let mut zip = zip::ZipArchive::new(File::open(path).ok()?).ok()?;
        let workbook = part(&mut zip, "xl/workbook.xml")?;
        let rels = part(&mut zip, "xl/_rels/workbook.xml.rels")?;
        let sheets = sheet_paths(&workbook, &rels)?;
        // A workbook without styles has only the default format.
        let xfs = part(&mut zip, "xl/styles.xml").map_or_else(Vec::new, |s| cell_formats(&s));
        Some(BookStyles { zip, xfs, sheets })
    }

    /// The styles of the sheet named `name`; `None` when unknown.
    pub fn sheet(&mut self, name: &str) -> Option<SheetStyles> {
        let path = self.sheets.get(name)?.clone();
        let xml = part(&mut self.zip, &path)?;
        Some(sheet_styles(&xml, &self.xfs))
    }
}

/// The most of a part read: a sheet past it (or a compressed bomb) has its
/// styles unknown rather than the memory exhausted.
const PART_LIMIT: u64 = 512 << 20;

/// A part of the archive as text; `None` when absent, unreadable or
/// larger than [`PART_LIMIT`].
fn part(zip: &mut zip::ZipArchive<File>, name: &str) -> Option<String> {
    let f = zip.by_name(name).ok()?;
    let mut text = String::new();
    f.take(PART_LIMIT + 1).read_to_string(&mut text).ok()?;
    (text.len() as u64 <= PART_LIMIT).then_some(text)
}

/// The value of attribute `key` of an element, unescaped.
fn attr(e: &BytesStart, key: &[u8]) -> Option<String> {
    let a = e.attributes().flatten().find(|a| a.key.as_ref() == key)?;
    value(&a)
}

/// An attribute's value, unescaped (the parts are read as UTF-8 text).
fn value(a: &Attribute) -> Option<String> {
    let raw = std::str::from_utf8(&a.value).ok()?;
    Some(quick_xml::escape::unescape(raw).ok()?.into_owned())
}

/// Sheet names to the paths of their XML, from `xl/workbook.xml` and its
/// relationships. `None` when either cannot be parsed.
fn sheet_paths(workbook: &str, rels: &str) -> Option<HashMap<String, String>> {
    let mut targets = HashMap::new();
    let mut r = Reader::from_str(rels);
    loop {
        match r.read_event().ok()? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"Relationship" => {
                if let (Some(id), Some(target)) = (attr(&e, b"Id"), attr(&e, b"Target")) {
                    // Relative to `xl/`, or absolute within the archive.
                    let path = match target.strip_prefix('/') {
                        Some(abs) => abs.to_string(),
                        None => format!("xl/{target}"),
                    };
                    targets.insert(id, path);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let mut sheets = HashMap::new();
    let mut r = Reader::from_str(workbook);
    loop {
        match r.read_event().ok()? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"sheet" => {
                // `r:id`, whatever the namespace's prefix.
                let id = e
                    .attributes()
                    .flatten()
                    .find(|a| a.key.local_name().as_ref() == b"id")
                    .and_then(|a| value(&a));
                if let (Some(name), Some(path)) =
                    (attr(&e, b"name"), id.and_then(|i| targets.get(&i)))
                {
                    sheets.insert(name, path.clone());
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Some(sheets)
}

/// The cell formats (`cellXfs`) of `xl/styles.xml`, in order: a cell's
/// `s` attribute is an index into them. Malformed XML ends the list.
fn cell_formats(styles: &str) -> Vec<Xf> {
    let mut custom: HashMap<String, String> = HashMap::new();
    let mut xfs = Vec::new();
    let mut in_cell_xfs = false;
    let mut r = Reader::from_str(styles);
    // Malformed XML ends the reading: what was read so far stands.
    while let Ok(event) = r.read_event() {
        match event {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                b"numFmt" => {
                    if let (Some(id), Some(code)) = (attr(&e, b"numFmtId"), attr(&e, b"formatCode"))
                    {
                        custom.insert(id, code);
                    }
                }
                b"cellXfs" => in_cell_xfs = true,
                b"xf" if in_cell_xfs => {
                    let id = attr(&e, b"numFmtId").unwrap_or_default();
                    let percent = match custom.get(&id) {
                        Some(code) => is_percent_code(code),
                        // Built-in formats 9 and 10 are `0%` and `0.00%`.
                        None => id == "9" || id == "10",
                    };
                    xfs.push(Xf { percent, indent: 0 });
                }
                b"alignment" if in_cell_xfs => {
                    let indent = attr(&e, b"indent").and_then(|i| i.parse().ok());
                    if let (Some(xf), Some(indent)) = (xfs.last_mut(), indent) {
                        xf.indent = indent;
                    }
                }
                _ => {}
            },
            Event::End(e) if e.local_name().as_ref() == b"cellXfs" => in_cell_xfs = false,
            Event::Eof => break,
            _ => {}
        }
    }
    xfs
}

/// Whether a number format code shows a percentage: a `%` in its first
/// section (positive numbers), not quoted (`"%"`), escaped (`\%`) or in
/// brackets (`[Red]`).
fn is_percent_code(code: &str) -> bool {
    let mut chars = code.chars();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match c {
            '"' => quoted = !quoted,
            _ if quoted => {}
            // The next character is shown (or padded) as is.
            '\\' | '_' | '*' => {
                chars.next();
            }
            '[' => {
                for c in chars.by_ref() {
                    if c == ']' {
                        break;
                    }
                }
            }
            ';' => return false,
            '%' => return true,
            _ => {}
        }
    }
    false
}

/// The percentage and indented cells of a sheet's XML. A cell without a
/// reference (`r`) follows the one before it, as Excel reads it.
fn sheet_styles(xml: &str, xfs: &[Xf]) -> SheetStyles {
    let mut out = SheetStyles::default();
    if !xfs.iter().any(|x| x.percent || x.indent > 0) {
        return out;
    }
    let (mut row, mut col) = (0u32, 0u32);
    let mut seen_row = false;
    let mut r = Reader::from_str(xml);
    // Malformed XML ends the reading: what was read so far stands.
    while let Ok(event) = r.read_event() {
        match event {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                b"row" => {
                    row = match attr(&e, b"r").and_then(|n| n.parse::<u32>().ok()) {
                        Some(n) => n.saturating_sub(1),
                        None if seen_row => row + 1,
                        None => 0,
                    };
                    seen_row = true;
                    col = 0;
                }
                b"c" => {
                    if let Some((r, c)) = attr(&e, b"r").as_deref().and_then(cell_position) {
                        (row, col) = (r, c);
                    }
                    let xf = attr(&e, b"s")
                        .and_then(|s| s.parse::<usize>().ok())
                        .and_then(|s| xfs.get(s));
                    if let Some(xf) = xf {
                        if xf.percent {
                            out.percent.insert((row, col));
                        }
                        if xf.indent > 0 {
                            out.indent.insert((row, col), xf.indent);
                        }
                    }
                    col += 1;
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// `B12` as the 0-based (row, column) (11, 1).
fn cell_position(reference: &str) -> Option<(u32, u32)> {
    let split = reference.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = reference.split_at(split);
    if letters.is_empty() || !letters.chars().all(|c| c.is_ascii_uppercase()) {
        return None;
    }
    let col = letters.bytes().try_fold(0u32, |n, b| {
        n.checked_mul(26)?.checked_add(u32::from(b - b'A') + 1)
    })?;
    let row: u32 = digits.parse().ok()?;
    Some((row.checked_sub(1)?, col - 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_xlsxwriter::{Format, Workbook};

    #[test]
    fn percent_format_codes() {
        for code in ["0%", "0.0%", "#,##0.00%", "0.0%;[Red]-0.0%", "[Blue]0%"] {
            assert!(is_percent_code(code), "{code}");
        }
        for code in [
            "0.0",
            "0.0\"%\"",
            "0.0\\%",
            "0;-0%",
            "[$%-409]0",
            "General",
            "0_%",
        ] {
            assert!(!is_percent_code(code), "{code}");
        }
    }

    #[test]
    fn cell_references() {
        assert_eq!(cell_position("A1"), Some((0, 0)));
        assert_eq!(cell_position("B12"), Some((11, 1)));
        assert_eq!(cell_position("AA3"), Some((2, 26)));
        assert_eq!(cell_position("a1"), None);
        assert_eq!(cell_position("A0"), None);
        assert_eq!(cell_position("12"), None);
    }

    #[test]
    fn styles_of_a_workbook_written_by_a_real_writer() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.xlsx");
        let mut wb = Workbook::new();
        let percent = Format::new().set_num_format("0.0%");
        let builtin = Format::new().set_num_format_index(10);
        let indent = Format::new().set_indent(1);
        let ws = wb.add_worksheet();
        ws.set_name("数据").unwrap();
        ws.write_string(0, 0, "指标").unwrap();
        ws.write_number_with_format(1, 1, 0.851, &percent).unwrap();
        ws.write_number_with_format(2, 27, 0.5, &builtin).unwrap();
        ws.write_number(3, 1, 85.1).unwrap();
        ws.write_string_with_format(4, 0, "小学", &indent).unwrap();
        wb.add_worksheet().set_name("Other").unwrap();
        wb.save(&path).unwrap();

        let mut book = BookStyles::open(&path).unwrap();
        let s = book.sheet("数据").unwrap();
        assert!(s.is_percent(1, 1) && s.is_percent(2, 27));
        assert!(!s.is_percent(3, 1) && !s.is_percent(0, 0));
        assert_eq!((s.indent(4, 0), s.indent(0, 0)), (1, 0));
        assert_eq!(book.sheet("Other"), Some(SheetStyles::default()));
        assert!(book.sheet("missing").is_none());
        // Not a workbook archive: no styles, no error.
        std::fs::write(&path, b"not a zip").unwrap();
        assert!(BookStyles::open(&path).is_none());
    }

    #[test]
    fn cells_without_references_follow_each_other() {
        let xfs = [
            Xf::default(),
            Xf {
                percent: true,
                indent: 0,
            },
        ];
        let xml = r#"<worksheet><sheetData>
            <row><c s="1"><v>0.5</v></c><c/><c s="1"/></row>
            <row r="5"><c r="D5" s="1"/><c s="1"/></row>
            </sheetData></worksheet>"#;
        let s = sheet_styles(xml, &xfs);
        let mut got: Vec<_> = s.percent.into_iter().collect();
        got.sort();
        assert_eq!(got, [(0, 0), (0, 2), (4, 3), (4, 4)]);
    }
}
