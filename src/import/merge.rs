//! Merging imported rows into an existing actuals CSV (pure: bytes in,
//! bytes out; the command does the locking and the atomic replace).
//!
//! Existing rows are kept byte for byte when the file already has the
//! columns the import writes (new rows are appended in its column order and
//! with its line ending); only a file missing `region` or `source` is
//! rewritten, with the columns added and every row kept. A period already
//! present with the same value is not written twice; with a different
//! value it is a conflict, reported with both places, and nothing is
//! overwritten.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::LongRow;
use super::csv::{fields_for, record_bytes, utf8, write_long};
use crate::diag::{Diagnostic, Location};
use crate::period::Period;
use crate::plan::{Plan, parse_number};

/// The merged file and what went into it.
#[derive(Debug)]
pub struct Merged {
    pub bytes: Vec<u8>,
    /// Rows appended.
    pub added: usize,
    /// Rows already there with the same value.
    pub present: usize,
}

/// Columns the reader does not count as breakdown dimensions.
const PLAIN: &[&str] = crate::actuals::PLAIN_COLUMNS;

/// Merge `rows` into `existing` (the current content of `out`, if any).
pub fn merge(
    existing: Option<&[u8]>,
    out: &str,
    plan: &Plan,
    rows: &[LongRow],
) -> Result<Merged, Vec<Diagnostic>> {
    let existing = existing.filter(|b| !b.iter().all(u8::is_ascii_whitespace));
    let Some(bytes) = existing else {
        return Ok(Merged {
            bytes: write_long(rows),
            added: rows.len(),
            present: 0,
        });
    };
    let had_bom = bytes.starts_with(b"\xEF\xBB\xBF");
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = utf8(body, out).map_err(|d| vec![d])?;
    let crlf = text
        .find('\n')
        .is_some_and(|i| i > 0 && text.as_bytes()[i - 1] == b'\r');
    let terminator: &[u8] = if crlf { b"\r\n" } else { b"\n" };

    let mut rdr = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = rdr.records();
    let header: Vec<String> = match records.next() {
        Some(Ok(h)) => h.iter().map(str::to_string).collect(),
        Some(Err(e)) => return Err(vec![Diagnostic::error(format!("cannot read {out}: {e}"))]),
        None => Vec::new(),
    };
    let names: Vec<String> = header.iter().map(|h| h.trim().to_lowercase()).collect();
    let col = |want: &[&str]| names.iter().position(|n| want.contains(&n.as_str()));
    let (Some(ind_col), Some(period_col), Some(value_col)) = (
        col(&["indicator"]),
        col(&["period", "year"]),
        col(&["value"]),
    ) else {
        return Err(vec![
            Diagnostic::error(format!(
                "{out} is not an actuals CSV: its header has no indicator, period and value columns"
            ))
            .at(Location::file_line(out, 1))
            .help("name another file with -o, or fix the header"),
        ]);
    };
    let region_col = col(&["region"]);
    let dims: Vec<usize> = (0..names.len())
        .filter(|&i| !PLAIN.contains(&names[i].as_str()) && !names[i].is_empty())
        .collect();
    let default_region = plan.region.clone().unwrap_or_default();

    // What the file already says, per indicator, region and period (rows of
    // a breakdown are other series and never conflict with an import).
    let mut have: HashMap<(String, String, Period), (Decimal, usize)> = HashMap::new();
    let mut kept: Vec<Vec<String>> = Vec::new();
    for rec in records {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => return Err(vec![Diagnostic::error(format!("cannot read {out}: {e}"))]),
        };
        kept.push(rec.iter().map(str::to_string).collect());
        let line = rec.position().map_or(0, |p| p.line() as usize);
        let field = |i: usize| rec.get(i).unwrap_or("").trim();
        if dims.iter().any(|&i| !field(i).is_empty()) {
            continue;
        }
        let region = match region_col.map(field) {
            Some(r) if !r.is_empty() => r.to_string(),
            _ => default_region.clone(),
        };
        let (Ok(period), Some(value)) = (
            Period::parse(field(period_col)),
            parse_number(field(value_col)),
        ) else {
            continue; // not this command's to judge: `track validate` is
        };
        have.entry((field(ind_col).to_string(), region, period))
            .or_insert((value, line));
    }

    let mut conflicts = Vec::new();
    let mut new_rows = Vec::new();
    let mut present = 0;
    for row in rows {
        let key = (row.indicator.clone(), row.region.clone(), row.period);
        match have.get(&key) {
            Some((value, _)) if *value == row.value => present += 1,
            Some((value, line)) => {
                let region = if row.region.is_empty() {
                    String::new()
                } else {
                    format!(" in {}", row.region)
                };
                conflicts.push(
                    Diagnostic::error(format!(
                        "conflict: {out}:{line} has {value} for `{}`{region} in {}, the import has {} ({})",
                        row.indicator, row.period, row.value, row.cell
                    ))
                    .at(Location::file_line(out, *line))
                    .help(format!(
                        "nothing was written; fix the table, or delete line {line} of {out} to take the imported value"
                    )),
                );
            }
            None => new_rows.push(row),
        }
    }
    if !conflicts.is_empty() {
        return Err(conflicts);
    }

    let complete = region_col.is_some() && names.iter().any(|n| n == "source");
    let (mut out_bytes, header) = if complete {
        let mut b = bytes.to_vec();
        if !b.is_empty() && !b.ends_with(b"\n") {
            b.extend_from_slice(terminator);
        }
        (b, header)
    } else {
        // Add the missing columns; every row is kept, padded to the header.
        let mut header = header;
        for want in ["region", "source"] {
            if !names.iter().any(|n| n == want) {
                header.push(want.to_string());
            }
        }
        let mut b = Vec::new();
        if had_bom {
            b.extend_from_slice(b"\xEF\xBB\xBF");
        }
        b.extend(record_bytes(&header, terminator));
        for mut r in kept {
            r.resize(header.len(), String::new());
            b.extend(record_bytes(&r, terminator));
        }
        (b, header)
    };
    for row in &new_rows {
        out_bytes.extend(record_bytes(&fields_for(&header, row), terminator));
    }
    Ok(Merged {
        bytes: out_bytes,
        added: new_rows.len(),
        present,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::parse_plan;

    fn plan() -> Plan {
        let src = r#"
[plan]
id = "p"
name = "P"
baseline = 2020
target = 2025
region = "xl"
[[indicator]]
id = "ger"
name = "毛入园率"
unit = "%"
target = ">= 95"
"#;
        parse_plan(src, "plan.toml").unwrap().0
    }

    fn row(period: i32, value: &str) -> LongRow {
        LongRow {
            indicator: "ger".into(),
            region: "xl".into(),
            period: Period::Year(period),
            value: value.parse().unwrap(),
            source: "import: t.xlsx!Sheet1".into(),
            cell: "t.xlsx!Sheet1!C2".into(),
            at: (0, 1, 2),
        }
    }

    #[test]
    fn creates_appends_keeps_bytes_and_skips_equal_values() {
        let m = merge(None, "out.csv", &plan(), &[row(2020, "93")]).unwrap();
        assert_eq!(
            String::from_utf8(m.bytes).unwrap(),
            "indicator,region,period,value,source\nger,xl,2020,93,import: t.xlsx!Sheet1\n"
        );
        // Existing rows untouched (odd quoting, CRLF, no final newline);
        // 93.0 is the same value as 93.
        let old = "Indicator,Period,Value,Region,Source,Note\r\n\"ger\",2020,93.0,,seed,\"a, b\"";
        let m = merge(
            Some(old.as_bytes()),
            "out.csv",
            &plan(),
            &[row(2020, "93"), row(2021, "94.4")],
        )
        .unwrap();
        assert_eq!((m.added, m.present), (1, 1));
        assert_eq!(
            String::from_utf8(m.bytes).unwrap(),
            format!("{old}\r\nger,2021,94.4,xl,import: t.xlsx!Sheet1,\r\n")
        );
    }

    #[test]
    fn a_different_value_is_a_conflict_and_missing_columns_are_added() {
        let old = "indicator,period,value\nger,2020,93\nger,2021,94\n";
        let err = merge(
            Some(old.as_bytes()),
            "out.csv",
            &plan(),
            &[row(2021, "94.4")],
        )
        .unwrap_err();
        assert_eq!(err.len(), 1);
        assert!(
            err[0].message.contains(
                "conflict: out.csv:3 has 94 for `ger` in xl in 2021, the import has 94.4 (t.xlsx!Sheet1!C2)"
            ),
            "{}",
            err[0].message
        );
        let m = merge(Some(old.as_bytes()), "out.csv", &plan(), &[row(2022, "95")]).unwrap();
        assert_eq!(
            String::from_utf8(m.bytes).unwrap(),
            "indicator,period,value,region,source\nger,2020,93,,\nger,2021,94,,\nger,2022,95,xl,import: t.xlsx!Sheet1\n"
        );
    }

    #[test]
    fn breakdown_rows_do_not_conflict() {
        let old = "indicator,region,period,value,source,sex\nger,xl,2021,90,,f\n";
        let m = merge(
            Some(old.as_bytes()),
            "out.csv",
            &plan(),
            &[row(2021, "94.4")],
        )
        .unwrap();
        assert_eq!(m.added, 1);
    }
}
