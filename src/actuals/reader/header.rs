//! The header of an actuals file: which column is which, and the problems
//! of a header (`docs/plan-format.md#columns`). A child of the reader, so
//! that it fills the reader's own state.

use super::*;

impl ActualsReader<'_> {
    /// The columns of a file, from its header record.
    pub(super) fn columns(&mut self, header: &Record, path: &str) -> Result<Columns, Diagnostic> {
        let names: Vec<String> = header
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let s = String::from_utf8_lossy(f);
                let s = if i == 0 {
                    s.trim_start_matches('\u{feff}')
                } else {
                    &s
                };
                s.trim().to_lowercase()
            })
            .collect();
        let find = |want: &[&str]| names.iter().position(|n| want.contains(&n.as_str()));
        let mut missing = Vec::new();
        let indicator = find(&["indicator"]);
        let period = find(&["period", "year"]);
        let value = find(&["value"]);
        for (col, name) in [
            (indicator, "indicator"),
            (period, "period"),
            (value, "value"),
        ] {
            if col.is_none() {
                missing.push(name);
            }
        }
        if !missing.is_empty() {
            let text = parse::line_text(header);
            return Err(Diagnostic::error(format!("{path} has no column {}", missing.join(", ")))
                .at(Location::in_line(path, header.line as usize + 1, text.clone(), 0..text.len()))
                .label("header")
                .help("the header needs indicator, period (or year) and value; region, source, note and breakdown columns are optional"));
        }
        // A column named twice: one of its values would be silently ignored.
        let mut seen: HashSet<&str> = HashSet::with_capacity(names.len());
        for (i, n) in names.iter().enumerate() {
            let canon = if n == "year" { "period" } else { n.as_str() };
            if canon.is_empty() {
                continue;
            }
            if !seen.insert(canon) {
                let text = parse::line_text(header);
                return Err(
                    Diagnostic::error(format!("{path} has the column `{n}` twice"))
                        .at(Location::in_line(
                            path,
                            header.line as usize + 1,
                            text,
                            parse::field_span(header, i),
                        ))
                        .label("named before")
                        .help("keep one column of each name (period and year are the same column)"),
                );
            }
        }
        let known = crate::actuals::PLAIN_COLUMNS;
        let mut dims = Vec::new();
        // The dimensions of the files read so far, looked up, not scanned.
        let mut dims_so_far: HashSet<String> = self.out.dims.iter().cloned().collect();
        for (i, n) in names.iter().enumerate() {
            if !known.contains(&n.as_str()) && !n.is_empty() {
                dims.push((i, n.clone()));
                if dims_so_far.insert(n.clone()) {
                    self.out.dims.push(n.clone());
                }
            }
        }
        Ok(Columns {
            indicator: indicator.unwrap_or(0),
            period: period.unwrap_or(0),
            value: value.unwrap_or(0),
            region: find(&["region"]),
            source: find(&["source"]),
            note: find(&["note"]),
            dims,
        })
    }
}
