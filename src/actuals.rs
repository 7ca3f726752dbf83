//! Reading actual values: long ("tidy") CSV into series (SPEC §1.4).
//!
//! The reader streams records through one reused `ByteRecord`, resolves the
//! header once, and keeps per series only its points (period, exact decimal
//! value, where it came from). A *series* is one indicator for one region
//! and one combination of breakdown values (any column that is not
//! `indicator`, `period`/`year`, `value`, `region`, `source` or `note`).
//! Problems are collected with file, line and column; duplicates are checked
//! once all files are read, so several files act as one table.

use std::collections::HashMap;
use std::io::Read;

use rust_decimal::Decimal;

use crate::diag::{Diagnostic, Diagnostics, InputError, Location};
use crate::period::Period;
use crate::plan::{Plan, parse_number};

/// At most this many errors are kept per file; the rest are counted.
const MAX_ERRORS_PER_FILE: usize = 50;

/// Where a value came from: file index and 1-based line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Origin {
    pub file: u32,
    pub line: u64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub period: Period,
    pub value: Decimal,
    /// Index into [`Actuals::texts`], if the row had a `source`.
    pub source: Option<u32>,
    /// Index into [`Actuals::texts`], if the row had a `note`.
    pub note: Option<u32>,
    pub origin: Origin,
}

/// Identifies a series: indices into the plan's indicators, the region
/// names and the breakdown combinations of [`Actuals`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SeriesKey {
    pub indicator: u32,
    pub region: u32,
    pub breakdown: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub key: SeriesKey,
    /// Sorted by period, one point per period.
    pub points: Vec<Point>,
}

/// Strings stored once and referred to by index.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Interner {
    names: Vec<String>,
    index: HashMap<String, u32>,
}

impl Interner {
    pub fn intern(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.index.get(s) {
            return i;
        }
        let i = self.names.len() as u32;
        self.names.push(s.to_string());
        self.index.insert(s.to_string(), i);
        i
    }

    pub fn get(&self, s: &str) -> Option<u32> {
        self.index.get(s).copied()
    }

    pub fn name(&self, i: u32) -> &str {
        &self.names[i as usize]
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

/// All actuals of one plan.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Actuals {
    /// Region ids; `""` is a row without a region in a plan without one.
    pub regions: Interner,
    /// Breakdown combinations as `dim=value;dim=value`; `""` is none.
    pub breakdowns: Interner,
    /// Breakdown dimension names, in the order first seen.
    pub dims: Vec<String>,
    /// Sources and notes.
    pub texts: Interner,
    /// The files read, as named to the user.
    pub files: Vec<String>,
    pub series: Vec<Series>,
    index: HashMap<SeriesKey, usize>,
}

impl Actuals {
    pub fn get(&self, key: &SeriesKey) -> Option<&Series> {
        self.index.get(key).map(|&i| &self.series[i])
    }

    /// The latest period with a value, over every series.
    pub fn latest_period(&self) -> Option<Period> {
        self.series
            .iter()
            .filter_map(|s| s.points.last().map(|p| p.period))
            .max()
    }

    pub fn region_name(&self, key: &SeriesKey) -> &str {
        self.regions.name(key.region)
    }

    pub fn breakdown_name(&self, key: &SeriesKey) -> &str {
        self.breakdowns.name(key.breakdown)
    }

    /// The value of `dim` in a series' breakdown, if it has one.
    pub fn breakdown_value<'a>(&'a self, key: &SeriesKey, dim: &str) -> Option<&'a str> {
        self.breakdown_name(key)
            .split(';')
            .filter_map(|kv| kv.split_once('='))
            .find(|(k, _)| *k == dim)
            .map(|(_, v)| v)
    }
}

/// Reads one or more CSV files into [`Actuals`] for a plan.
pub struct ActualsReader<'p> {
    plan: &'p Plan,
    out: Actuals,
    diags: Diagnostics,
    /// Region id used for rows without one.
    default_region: String,
}

struct Columns {
    indicator: usize,
    period: usize,
    value: usize,
    region: Option<usize>,
    source: Option<usize>,
    note: Option<usize>,
    /// (column index, dimension name)
    dims: Vec<(usize, String)>,
}

impl<'p> ActualsReader<'p> {
    pub fn new(plan: &'p Plan) -> ActualsReader<'p> {
        let mut out = Actuals::default();
        out.breakdowns.intern("");
        ActualsReader {
            plan,
            out,
            diags: Diagnostics::default(),
            default_region: plan.region.clone().unwrap_or_default(),
        }
    }

    /// Read one CSV file; `path` is how it is named in messages.
    pub fn read(&mut self, input: impl Read, path: &str) {
        let file = self.out.files.len() as u32;
        self.out.files.push(path.to_string());
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(input);
        let mut record = csv::ByteRecord::new();
        let mut errors = 0usize;
        let mut dropped = 0usize;
        let mut report = |diags: &mut Diagnostics, d: Diagnostic| {
            errors += 1;
            if errors <= MAX_ERRORS_PER_FILE {
                diags.push(d);
            } else {
                dropped += 1;
            }
        };
        // Header.
        let cols = match rdr.read_byte_record(&mut record) {
            Ok(true) => match self.columns(&record, path) {
                Ok(c) => c,
                Err(d) => {
                    self.diags.push(d);
                    return;
                }
            },
            Ok(false) => {
                self.diags.push(Diagnostic::error(format!(
                    "{path} is empty: expected a header such as indicator,period,value"
                )));
                return;
            }
            Err(e) => {
                self.diags.push(csv_error(path, &e));
                return;
            }
        };
        let width = record.len();
        let mut indicator_ids: HashMap<Vec<u8>, u32> = HashMap::new();
        for (i, ind) in self.plan.indicators.iter().enumerate() {
            indicator_ids.insert(ind.id.as_bytes().to_vec(), i as u32);
        }
        loop {
            match rdr.read_byte_record(&mut record) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => {
                    report(&mut self.diags, csv_error(path, &e));
                    if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                        break;
                    }
                    continue;
                }
            }
            let line = record.position().map_or(0, |p| p.line());
            if record.len() == 1 && record.get(0).is_some_and(|f| f.trim_ascii().is_empty()) {
                continue; // a blank line
            }
            if record.len() != width {
                let d = Diagnostic::error(format!(
                    "{path}:{line}: this row has {} fields but the header has {width}",
                    record.len()
                ))
                .at(Location::in_line(
                    path,
                    line as usize,
                    line_text(&record),
                    0..0,
                ))
                .label("wrong number of fields");
                report(&mut self.diags, d);
                continue;
            }
            match self.row(&record, &cols, &indicator_ids, path, Origin { file, line }) {
                Ok(()) => {}
                Err(ds) => {
                    for d in ds {
                        report(&mut self.diags, d);
                    }
                }
            }
        }
        if dropped > 0 {
            self.diags.push(Diagnostic::error(format!(
                "{path}: {dropped} more problem(s) not shown"
            )));
        }
    }

    fn columns(&mut self, header: &csv::ByteRecord, path: &str) -> Result<Columns, Diagnostic> {
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
            let text = line_text(header);
            return Err(Diagnostic::error(format!("{path} has no column {}", missing.join(", ")))
                .at(Location::in_line(path, 1, text.clone(), 0..text.len()))
                .label("header")
                .help("the header needs indicator, period (or year) and value; region, source, note and breakdown columns are optional"));
        }
        let known = [
            "indicator",
            "period",
            "year",
            "value",
            "region",
            "source",
            "note",
        ];
        let mut dims = Vec::new();
        for (i, n) in names.iter().enumerate() {
            if !known.contains(&n.as_str()) && !n.is_empty() {
                dims.push((i, n.clone()));
                if !self.out.dims.contains(n) {
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

    fn row(
        &mut self,
        rec: &csv::ByteRecord,
        cols: &Columns,
        indicator_ids: &HashMap<Vec<u8>, u32>,
        path: &str,
        origin: Origin,
    ) -> Result<(), Vec<Diagnostic>> {
        let mut problems = Vec::new();
        let field = |i: usize| -> Result<&str, usize> {
            std::str::from_utf8(rec.get(i).unwrap_or(b""))
                .map(str::trim)
                .map_err(|_| i)
        };
        let at = |i: usize, message: String, label: &str| -> Diagnostic {
            let text = line_text(rec);
            let span = field_span(rec, i);
            Diagnostic::error(message)
                .at(Location::in_line(path, origin.line as usize, text, span))
                .label(label)
        };
        let get = |i: usize, problems: &mut Vec<Diagnostic>| -> Option<&str> {
            match field(i) {
                Ok(s) => Some(s),
                Err(i) => {
                    problems.push(at(
                        i,
                        "this field is not valid UTF-8".into(),
                        "save the file as UTF-8",
                    ));
                    None
                }
            }
        };
        let value_text = get(cols.value, &mut problems);
        if value_text == Some("") {
            return Ok(()); // an empty value is a missing value
        }
        let indicator_text = get(cols.indicator, &mut problems).unwrap_or("");
        let indicator = indicator_ids.get(indicator_text.as_bytes()).copied();
        if indicator.is_none() && problems.is_empty() {
            let ids: Vec<&str> = self.plan.indicators.iter().map(|i| i.id.as_str()).collect();
            let mut d = at(
                cols.indicator,
                format!(
                    "unknown indicator `{indicator_text}` (not in plan {})",
                    self.plan.path
                ),
                "not an indicator of the plan",
            );
            if let Some(s) = crate::plan::load_suggest(indicator_text, &ids) {
                d = d.help(format!("did you mean `{s}`?"));
            }
            problems.push(d);
        }
        let period_text = get(cols.period, &mut problems).unwrap_or("");
        let period = Period::parse(period_text).ok();
        if period.is_none() {
            problems.push(at(
                cols.period,
                format!("`{period_text}` is not a period"),
                "expected 2023, 2023-Q2, 2023-06 or 2023-06-30",
            ));
        }
        let value = value_text.and_then(parse_number);
        if value.is_none()
            && let Some(v) = value_text
        {
            problems.push(at(
                cols.value,
                format!("`{v}` is not a number"),
                "expected a number such as 94.4 or 94.4%",
            ));
        }
        let region_text = match cols.region {
            Some(i) => get(i, &mut problems).unwrap_or(""),
            None => "",
        };
        let region_text = if region_text.is_empty() {
            self.default_region.as_str()
        } else {
            region_text
        };
        if !region_text.is_empty() && !self.plan.knows_region(region_text) {
            let mut ids: Vec<&str> = self.plan.regions.iter().map(|r| r.id.as_str()).collect();
            ids.extend(self.plan.region.as_deref());
            let mut d = at(
                cols.region.unwrap_or(0),
                format!(
                    "unknown region `{region_text}` (not in plan {})",
                    self.plan.path
                ),
                "not a region of the plan",
            );
            if let Some(s) = crate::plan::load_suggest(region_text, &ids) {
                d = d.help(format!("did you mean `{s}`?"));
            }
            problems.push(d);
        }
        let mut breakdown = String::new();
        for (i, dim) in &cols.dims {
            let v = get(*i, &mut problems).unwrap_or("");
            if !v.is_empty() {
                if !breakdown.is_empty() {
                    breakdown.push(';');
                }
                breakdown.push_str(dim);
                breakdown.push('=');
                breakdown.push_str(v);
            }
        }
        let text_of = |i: Option<usize>, out: &mut Actuals| -> Option<u32> {
            let s = std::str::from_utf8(rec.get(i?)?).ok()?.trim();
            (!s.is_empty()).then(|| out.texts.intern(s))
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        let (Some(indicator), Some(period), Some(value)) = (indicator, period, value) else {
            return Ok(());
        };
        let source = text_of(cols.source, &mut self.out);
        let note = text_of(cols.note, &mut self.out);
        let key = SeriesKey {
            indicator,
            region: self.out.regions.intern(region_text),
            breakdown: self.out.breakdowns.intern(&breakdown),
        };
        let idx = *self.out.index.entry(key).or_insert_with(|| {
            self.out.series.push(Series {
                key,
                points: Vec::new(),
            });
            self.out.series.len() - 1
        });
        self.out.series[idx].points.push(Point {
            period,
            value,
            source,
            note,
            origin,
        });
        Ok(())
    }

    /// Sort every series by period, drop repeated equal values and report
    /// conflicting ones.
    pub fn finish(mut self) -> Result<(Actuals, Diagnostics), InputError> {
        let plan = self.plan;
        for s in &mut self.out.series {
            s.points
                .sort_by_key(|p| (p.period, p.origin.file, p.origin.line));
            let mut kept: Vec<Point> = Vec::with_capacity(s.points.len());
            for p in s.points.drain(..) {
                match kept.last() {
                    Some(prev) if prev.period == p.period => {
                        if prev.value != p.value {
                            let ind = &plan.indicators[s.key.indicator as usize];
                            let region = self.out.regions.name(s.key.region);
                            let mut what = format!("`{}`", ind.id);
                            if !region.is_empty() {
                                what.push_str(&format!(" in {region}"));
                            }
                            let b = self.out.breakdowns.name(s.key.breakdown);
                            if !b.is_empty() {
                                what.push_str(&format!(" ({b})"));
                            }
                            let first = format!(
                                "{}:{}",
                                self.out.files[prev.origin.file as usize], prev.origin.line
                            );
                            let file = &self.out.files[p.origin.file as usize];
                            self.diags.push(
                                Diagnostic::error(format!(
                                    "two different values for {what} in {}: {} ({first}) and {} ({file}:{})",
                                    p.period, prev.value, p.value, p.origin.line
                                ))
                                .at(Location::file_line(file, p.origin.line as usize))
                                .help("keep one row per indicator, region and period"),
                            );
                        }
                    }
                    _ => kept.push(p),
                }
            }
            s.points = kept;
        }
        if self.diags.has_errors() {
            return Err(InputError(self.diags));
        }
        Ok((self.out, self.diags))
    }

    /// Problems found so far (for callers that read several plans).
    pub fn diagnostics(&self) -> &Diagnostics {
        &self.diags
    }
}

fn csv_error(path: &str, e: &csv::Error) -> Diagnostic {
    let line = e.position().map_or(0, |p| p.line() as usize);
    let d = Diagnostic::error(format!("cannot read {path}: {e}"));
    if line > 0 {
        d.at(Location::file_line(path, line))
    } else {
        d
    }
}

/// The record as one CSV line (quoting as needed), for snippets.
fn line_text(rec: &csv::ByteRecord) -> String {
    let mut out = String::new();
    for (i, f) in rec.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&quote(&String::from_utf8_lossy(f)));
    }
    out
}

fn quote(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Byte span of field `idx` inside [`line_text`] of the record.
fn field_span(rec: &csv::ByteRecord, idx: usize) -> std::ops::Range<usize> {
    let mut start = 0;
    for (i, f) in rec.iter().enumerate() {
        let len = quote(&String::from_utf8_lossy(f)).len();
        if i == idx {
            return start..start + len.max(1);
        }
        start += len + 1;
    }
    start..start
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
[[region]]
id = "xl"
name = "锡林郭勒盟"
[[region]]
id = "im"
name = "内蒙古"
[[indicator]]
id = "ger"
name = "毛入园率"
unit = "%"
target = ">= 95"
"#;
        parse_plan(src, "plan.toml").unwrap().0
    }

    fn read(csv: &str) -> Result<Actuals, InputError> {
        let plan = plan();
        let mut r = ActualsReader::new(&plan);
        r.read(csv.as_bytes(), "a.csv");
        r.finish().map(|(a, _)| a)
    }

    #[test]
    fn reads_any_column_order_bom_percent_and_regions() {
        let a = read("\u{feff}Value,Year,INDICATOR,region,source\n94.4%,2021,ger,,seed\n93,2020,ger,im,x\n\n").unwrap();
        assert_eq!(a.series.len(), 2);
        let xl = &a.series[0];
        assert_eq!(a.region_name(&xl.key), "xl");
        assert_eq!(xl.points[0].value, Decimal::new(944, 1));
        assert_eq!(xl.points[0].period, Period::Year(2021));
        assert_eq!(a.texts.name(xl.points[0].source.unwrap()), "seed");
        assert_eq!(a.region_name(&a.series[1].key), "im");
    }

    #[test]
    fn breakdown_columns_make_series_and_duplicates_are_checked() {
        let a = read("indicator,period,value,sex\nger,2020,90,f\nger,2020,91,m\nger,2020,90.0,f\nger,2021,,m\n").unwrap();
        assert_eq!(a.series.len(), 2);
        assert_eq!(a.dims, vec!["sex".to_string()]);
        assert_eq!(a.breakdown_value(&a.series[0].key, "sex"), Some("f"));
        assert_eq!(a.series[0].points.len(), 1);
        let err = read("indicator,period,value\nger,2020,90\nger,2020,91\n").unwrap_err();
        let text = err.0.0[0].render(false);
        assert!(
            text.contains(
                "two different values for `ger` in xl in 2020: 90 (a.csv:2) and 91 (a.csv:3)"
            ),
            "{text}"
        );
    }

    #[test]
    fn every_bad_row_is_reported_with_line_and_column() {
        let err =
            read("indicator,period,value\ngr,2020,90\nger,20x0,90\nger,2021,abc\n").unwrap_err();
        let all: Vec<String> = err.0.iter().map(|d| d.position().unwrap()).collect();
        assert_eq!(all, ["a.csv:2:1", "a.csv:3:5", "a.csv:4:10"]);
        assert_eq!(err.0.0[0].help.as_deref(), Some("did you mean `ger`?"));
        let err = read("indicator,value\n").unwrap_err();
        assert!(err.0.0[0].message.contains("has no column period"));
    }
}
