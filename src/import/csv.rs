//! CSV in and out for `track import`: a CSV file as a [`Table`] (every line
//! kept, so a problem is shown in its line with the field marked), and
//! placed rows as the long actuals CSV of `docs/plan-format.md#actuals-csv`.
//!
//! Input is UTF-8 (a BOM is accepted), GB18030 (what Excel on Chinese
//! Windows saves) or UTF-16 with a BOM, told apart as the actuals reader
//! does ([`crate::encoding`]) and named in a note; bytes of none of these
//! are refused with the line, never read as mojibake. Comma-separated, or
//! tab-separated when the first line has tabs and no commas (a table
//! pasted out of a spreadsheet; Excel's "Unicode text" is UTF-16 and tabs).

use super::{Cell, LongRow, Row, SourceLine, Table};
use crate::diag::{Diagnostic, Location};

/// The header `track import` writes.
pub const LONG_HEADER: [&str; 5] = ["indicator", "region", "period", "value", "source"];

/// Read a CSV file's bytes as a table; `file` is how it is named to the
/// user. With the table, the note of a file that was not UTF-8.
pub fn read_table(bytes: &[u8], file: &str) -> Result<(Table, Option<Diagnostic>), Diagnostic> {
    let (text, enc) = crate::encoding::csv_text(bytes, file)?;
    let note = (enc != crate::encoding::Text::Utf8).then(|| enc.note(file));
    let table = table_of(&text, file)?;
    Ok((table, note))
}

/// The table of a CSV file's text.
fn table_of(text: &str, file: &str) -> Result<Table, Diagnostic> {
    let first_line = text.lines().next().unwrap_or("");
    let delimiter = if first_line.contains('\t') && !first_line.contains(',') {
        b'\t'
    } else {
        b','
    };
    let mut rdr = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut record = ::csv::StringRecord::new();
    loop {
        match rdr.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                let d = Diagnostic::error(format!("cannot read {file}: {e}"));
                return Err(if line > 0 {
                    d.at(Location::file_line(file, line))
                } else {
                    d
                });
            }
        }
        let line = record
            .position()
            .map_or(rows.len() + 1, |p| p.line() as usize);
        let (text, spans) = crate::diag::csv_snippet(&record, delimiter as char);
        rows.push(Row {
            number: line,
            cells: record.iter().map(Cell::text).collect(),
            source: Some(SourceLine { line, text, spans }),
        });
    }
    Ok(Table {
        file: file.to_string(),
        sheet: None,
        first_col: 1,
        rows,
    })
}

/// The bytes as UTF-8, or an error at the first line that is not.
pub fn utf8<'b>(bytes: &'b [u8], file: &str) -> Result<&'b str, Diagnostic> {
    std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        Diagnostic::error(format!("{file} is not UTF-8 text (line {line})"))
            .at(Location::file_line(file, line))
            .help("save it as “CSV UTF-8” in Excel or WPS, or convert it: iconv -f GBK -t UTF-8")
    })
}

/// Placed rows as a long CSV with [`LONG_HEADER`].
pub fn write_long(rows: &[LongRow]) -> Vec<u8> {
    let header: Vec<String> = LONG_HEADER.iter().map(|s| s.to_string()).collect();
    let mut out = record_bytes(&header, b"\n");
    for row in rows {
        out.extend(record_bytes(&fields_for(&header, row), b"\n"));
    }
    out
}

/// A row's fields in the order of `header` (columns it has no value for
/// are left empty).
pub fn fields_for(header: &[String], row: &LongRow) -> Vec<String> {
    let mut filled = [false; 5];
    header
        .iter()
        .map(|h| {
            let name = h.trim().trim_start_matches('\u{feff}').to_lowercase();
            let (slot, text) = match name.as_str() {
                "indicator" => (0, row.indicator.clone()),
                "region" => (1, row.region.clone()),
                "period" | "year" => (2, row.period.to_string()),
                "value" => (3, row.value.to_string()),
                "source" => (4, row.source.clone()),
                _ => return String::new(),
            };
            // A second `period`/`year` column stays empty, as the reader
            // reads only the first.
            if std::mem::replace(&mut filled[slot], true) {
                String::new()
            } else {
                text
            }
        })
        .collect()
}

/// One CSV record, quoted as needed, with its line terminator.
pub fn record_bytes(fields: &[String], terminator: &[u8]) -> Vec<u8> {
    let mut out = crate::diag::csv_snippet(fields, ',').0.into_bytes();
    out.extend_from_slice(terminator);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_lines_with_spans_bom_and_tabs() {
        let (t, note) = read_table(
            "\u{feff}指标,2020年,2021年\n学前三年毛入园率,93,\"94,4\"\n".as_bytes(),
            "t.csv",
        )
        .unwrap();
        assert_eq!(note, None);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0].cells[0].text, "指标");
        let src = t.rows[1].source.as_ref().unwrap();
        assert_eq!(src.line, 2);
        assert_eq!(&src.text[src.spans[2].clone()], "\"94,4\"");
        let (t, _) = read_table(b"a\tb\n1\t2\n", "t.tsv").unwrap();
        assert_eq!(t.rows[1].cells[1].text, "2");
    }

    #[test]
    fn gb18030_and_utf16_are_read_with_a_note() {
        // "指标" in GBK on line 2: what Excel on Chinese Windows saves.
        let (t, note) = read_table(b"a,b\n\xd6\xb8\xb1\xea,1\n", "gbk.csv").unwrap();
        assert_eq!(t.rows[1].cells[0].text, "指标");
        assert_eq!(
            note.unwrap().message,
            "gbk.csv is GB18030 text, not UTF-8: read as GB18030"
        );
        // Excel's "Unicode text": UTF-16 with tabs.
        let mut le = vec![0xFF, 0xFE];
        le.extend(crate::encoding::Text::Utf16Le.encode("指标\t2020\n毛入园率\t93\n"));
        let (t, note) = read_table(&le, "u.txt").unwrap();
        assert_eq!(t.rows[1].cells[1].text, "93");
        assert!(note.unwrap().message.contains("UTF-16LE"));
    }

    #[test]
    fn bytes_of_no_known_encoding_are_refused_with_the_line() {
        let err = read_table(b"a,b\n\x81\x30x,1\n", "bad.csv").unwrap_err();
        assert_eq!(err.position().as_deref(), Some("bad.csv:2:1"));
        assert!(err.help.as_deref().unwrap_or("").contains("UTF-8"));
    }
}
