//! The tables of a Word document: `word/document.xml` out of the DOCX zip
//! (the `zip` crate), read as XML events (`quick-xml`).
//!
//! A cell's text is the text of its runs (`w:t`), paragraphs and line
//! breaks as spaces. A cell spanning columns (`w:gridSpan`) is repeated
//! into each of them, and one that continues a vertical merge
//! (`w:vMerge` without `restart`) takes the text of the cell above, so a
//! section cell that spans rows is in each of them, as in [`html`](super::html).
//! A nested table is a table of its own. The title is the last paragraph
//! before the table, when short.

use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::{Cell, Grid, Origin};

/// The most of `document.xml` read (a zip can inflate without end).
const MAX_XML: u64 = 256 * 1024 * 1024;

/// Every table of the document, in document order.
pub fn read(bytes: &[u8]) -> Result<Vec<Grid>, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("not a DOCX file (not a zip archive: {e})"))?;
    let part = zip
        .by_name("word/document.xml")
        .map_err(|_| "not a DOCX file (it has no word/document.xml)".to_string())?;
    let mut xml = String::new();
    part.take(MAX_XML)
        .read_to_string(&mut xml)
        .map_err(|e| format!("cannot read word/document.xml: {e}"))?;
    parse(&xml)
}

/// A cell being read: its text, the columns it spans, and whether it
/// continues a vertical merge.
#[derive(Default)]
struct RawCell {
    text: String,
    span: usize,
    continues: bool,
}

/// A table being read.
struct Building {
    n: usize,
    title: Option<String>,
    rows: Vec<Vec<RawCell>>,
    row: Option<Vec<RawCell>>,
    cell: Option<RawCell>,
}

/// The tables of a `document.xml`.
fn parse(xml: &str) -> Result<Vec<Grid>, String> {
    let mut reader = Reader::from_str(xml);
    let mut p = Parser::default();
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("word/document.xml is not valid XML: {e}"))?;
        match event {
            Event::Start(e) => p.start(&e),
            Event::Empty(e) => p.empty(&e),
            Event::End(e) => p.end(e.local_name().as_ref()),
            Event::Text(t) if p.in_text => {
                let text = t.decode().map_err(|e| e.to_string())?;
                p.push_text(&text);
            }
            Event::GeneralRef(r) if p.in_text => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match r.decode().as_deref() {
                        Ok("amp") => Some('&'),
                        Ok("lt") => Some('<'),
                        Ok("gt") => Some('>'),
                        Ok("quot") => Some('"'),
                        Ok("apos") => Some('\''),
                        _ => None,
                    },
                };
                if let Some(c) = c {
                    p.push_text(c.encode_utf8(&mut [0; 4]));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    p.done.sort_by_key(|(n, _)| *n);
    Ok(p.done.into_iter().map(|(_, g)| g).collect())
}

/// Where the reading of `document.xml` is.
#[derive(Default)]
struct Parser {
    /// The tables open, innermost last.
    open: Vec<Building>,
    /// The tables read, with their numbers in document order.
    done: Vec<(usize, Grid)>,
    count: usize,
    /// The text of the paragraph being read outside tables, and the last
    /// one that had text.
    para: String,
    last_para: Option<String>,
    /// Inside a `w:t`: its text is the document's.
    in_text: bool,
}

impl Parser {
    fn start(&mut self, e: &BytesStart) {
        match e.local_name().as_ref() {
            b"tbl" => {
                self.count += 1;
                self.open.push(Building {
                    n: self.count,
                    title: self.last_para.clone(),
                    rows: Vec::new(),
                    row: None,
                    cell: None,
                });
            }
            b"tr" => self.table(|b| b.row = Some(Vec::new())),
            b"tc" => self.table(|b| {
                b.cell = Some(RawCell {
                    span: 1,
                    ..RawCell::default()
                })
            }),
            b"t" => self.in_text = true,
            b"vMerge" => self.vmerge(e),
            _ => {}
        }
    }

    fn empty(&mut self, e: &BytesStart) {
        match e.local_name().as_ref() {
            b"gridSpan" => {
                let span = attr(e, b"val").and_then(|v| v.parse::<usize>().ok());
                self.table(|b| {
                    if let Some(c) = b.cell.as_mut() {
                        c.span = span.unwrap_or(1).clamp(1, 200);
                    }
                });
            }
            b"vMerge" => self.vmerge(e),
            b"br" | b"tab" | b"cr" => self.push_text(" "),
            _ => {}
        }
    }

    fn end(&mut self, name: &[u8]) {
        match name {
            b"t" => self.in_text = false,
            b"p" if self.open.is_empty() => {
                let t = super::tidy(&self.para);
                if !t.is_empty() {
                    self.last_para = Some(super::untitled(&t).to_string());
                }
                self.para.clear();
            }
            b"p" => self.push_text(" "),
            b"tc" => self.table(|b| {
                if let (Some(c), Some(row)) = (b.cell.take(), b.row.as_mut()) {
                    row.push(c);
                }
            }),
            b"tr" => self.table(|b| {
                if let Some(row) = b.row.take() {
                    b.rows.push(row);
                }
            }),
            b"tbl" => {
                if let Some(b) = self.open.pop() {
                    self.done.push((b.n, grid(b)));
                }
            }
            _ => {}
        }
    }

    /// Apply `f` to the innermost open table.
    fn table(&mut self, f: impl FnOnce(&mut Building)) {
        if let Some(b) = self.open.last_mut() {
            f(b);
        }
    }

    /// Text goes to the innermost open cell, else to the paragraph
    /// outside tables.
    fn push_text(&mut self, text: &str) {
        match self.open.last_mut() {
            Some(b) => {
                if let Some(c) = b.cell.as_mut() {
                    c.text.push_str(text);
                }
            }
            None => self.para.push_str(text),
        }
    }

    fn vmerge(&mut self, e: &BytesStart) {
        let restart = attr(e, b"val").is_some_and(|v| v == "restart");
        self.table(|b| {
            if let Some(c) = b.cell.as_mut() {
                c.continues = !restart;
            }
        });
    }
}

/// An attribute's value by its local name (`w:val`).
fn attr(e: &BytesStart, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
}

/// The grid of a table read: spans repeated, merges filled from above.
fn grid(b: Building) -> Grid {
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    for (r, raw) in b.rows.into_iter().enumerate() {
        let mut row: Vec<Cell> = Vec::new();
        for c in raw {
            let col = row.len();
            let at = Origin::Table {
                table: b.n,
                row: r + 1,
                col: col + 1,
            };
            let above = rows.last().and_then(|prev| prev.get(col));
            let cell = match (c.continues, above) {
                (true, Some(up)) => Cell {
                    at: up.at.clone(),
                    ..up.clone()
                },
                _ => Cell::new(&c.text, at),
            };
            for _ in 0..c.span {
                row.push(cell.clone());
            }
        }
        rows.push(row);
    }
    Grid {
        rows,
        title: b.title,
        name: format!("table {}", b.n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_and_merges_are_filled() {
        let xml = r#"<?xml version="1.0"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:r><w:t>锡林郭勒盟“十四五”教育事业发展目标</w:t></w:r></w:p>
<w:tbl>
<w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t xml:space="preserve">指  标</w:t></w:r></w:p></w:tc>
<w:tc><w:p><w:r><w:t>2020年</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>2025年</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>学前教育</w:t></w:r></w:p></w:tc>
<w:tc><w:p><w:r><w:t>学前三年</w:t></w:r><w:r><w:t>毛入园率</w:t></w:r></w:p></w:tc>
<w:tc><w:p><w:r><w:t>93%</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>95%</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>
<w:tc><w:p><w:r><w:t>普惠性幼儿园覆盖率</w:t></w:r></w:p></w:tc>
<w:tc><w:p><w:r><w:t>92%</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>&#8805;92%</w:t></w:r></w:p></w:tc></w:tr>
</w:tbl></w:body></w:document>"#;
        let grids = parse(xml).unwrap();
        assert_eq!(grids.len(), 1);
        let g = &grids[0];
        assert_eq!(
            g.title.as_deref(),
            Some("锡林郭勒盟“十四五”教育事业发展目标")
        );
        let texts = crate::plandoc::cell_texts(g);
        assert_eq!(texts[0], ["指标", "指标", "2020年", "2025年"]);
        assert_eq!(texts[1], ["学前教育", "学前三年毛入园率", "93%", "95%"]);
        assert_eq!(texts[2], ["学前教育", "普惠性幼儿园覆盖率", "92%", "≥92%"]);
    }

    #[test]
    fn what_is_not_a_docx_is_refused() {
        assert!(read(b"not a zip").is_err());
        // Broken XML is an error or no table, never a panic.
        let _ = parse("<w:document><w:body><w:tbl><w:tc></w:body>");
    }
}
