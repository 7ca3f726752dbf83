//! CSV in and out for `track import`: a CSV file as a [`Table`] (every line
//! kept, so a problem is shown in its line with the field marked), and
//! placed rows as the long actuals CSV of `docs/plan-format.md#actuals-csv`.
//!
//! Input is UTF-8 (a BOM is accepted); a file saved in a legacy encoding
//! (GBK from a Chinese Excel) is refused with how to re-save it, never read
//! as mojibake. Comma-separated, or tab-separated when the first line has
//! tabs and no commas (a table pasted out of a spreadsheet).

use super::{Cell, LongRow, Row, SourceLine, Table};
use crate::diag::{Diagnostic, Location};

/// The header `track import` writes.
pub const LONG_HEADER: [&str; 5] = ["indicator", "region", "period", "value", "source"];

/// Read a CSV file's bytes as a table; `file` is how it is named to the user.
pub fn read_table(bytes: &[u8], file: &str) -> Result<Table, Diagnostic> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = utf8(bytes, file)?;
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
        let t = read_table(
            "\u{feff}指标,2020年,2021年\n学前三年毛入园率,93,\"94,4\"\n".as_bytes(),
            "t.csv",
        )
        .unwrap();
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0].cells[0].text, "指标");
        let src = t.rows[1].source.as_ref().unwrap();
        assert_eq!(src.line, 2);
        assert_eq!(&src.text[src.spans[2].clone()], "\"94,4\"");
        let t = read_table(b"a\tb\n1\t2\n", "t.tsv").unwrap();
        assert_eq!(t.rows[1].cells[1].text, "2");
    }

    #[test]
    fn legacy_encodings_are_refused_with_the_line() {
        // "指标" in GBK on line 2.
        let err = read_table(b"a,b\n\xd6\xb8\xb1\xea,1\n", "gbk.csv").unwrap_err();
        assert_eq!(err.position().as_deref(), Some("gbk.csv:2:1"));
        assert!(err.help.as_deref().unwrap_or("").contains("UTF-8"));
    }
}
