//! Records to rows: the work done on each chunk of a file, in parallel.
//!
//! A chunk turns its records into compact [`Row`]s naming a chunk-local
//! series, and collects its problems with lines counted from the chunk's
//! start; [`super::reader`] merges chunks in file order, adding each
//! chunk's first line. Rows in the common shape (ASCII number, a period,
//! the same series as the row before) take a path without allocation;
//! every other row, and every row with a problem, takes the general path,
//! which alone decides what is an error, so both paths accept exactly the
//! same rows with the same values.

use std::collections::{HashMap, HashSet};

use rust_decimal::Decimal;

use super::fast;
use super::pack::{period_code, small_value, value_code};
use super::split::{Record, Splitter, line_breaks, lines};
use crate::diag::{Diagnostic, Location};
use crate::period::Period;
use crate::plan::{Plan, parse_number};

mod fields;
mod fx;

use fields::*;
pub use fields::{field_span, line_text};
use fx::Fx;

/// At most this many problems are kept per file; the rest are counted.
pub const MAX_ERRORS_PER_FILE: usize = 50;

/// The longest record read (bytes as written, its line end included): a
/// longer one is no table row, and reading stops there (docs/outputs.md#limits).
pub const MAX_RECORD: usize = 1 << 20;

/// The problem of a record longer than [`MAX_RECORD`] at 1-based `line`.
pub fn too_long(path: &str, line: usize) -> Problem {
    Problem::Diag(
        Diagnostic::error(format!(
            "{path}: a row longer than 1 MiB, the most track reads in one row; \
             the rest of the file is not read"
        ))
        .at(Location::file_line(path, line))
        .help(
            "a row this long is no table row: is this the right file, and is every quote closed?",
        ),
    )
}

/// Where the columns of `docs/plan-format.md#columns` are in a file.
#[derive(Debug, Clone)]
pub struct Columns {
    pub indicator: usize,
    pub period: usize,
    pub value: usize,
    pub region: Option<usize>,
    pub source: Option<usize>,
    pub note: Option<usize>,
    /// (column index, dimension name)
    pub dims: Vec<(usize, String)>,
}

/// What every chunk of one file reads with.
pub struct Shared<'p> {
    pub plan: &'p Plan,
    pub path: &'p str,
    pub cols: Columns,
    pub width: usize,
    pub indicators: HashMap<&'p [u8], u32>,
    /// The regions rows may name; `None`: any.
    pub regions: Option<HashSet<&'p str>>,
    pub default_region: &'p str,
}

impl<'p> Shared<'p> {
    pub fn new(plan: &'p Plan, path: &'p str, cols: Columns, width: usize) -> Shared<'p> {
        let indicators = (plan.indicators.iter().enumerate())
            .map(|(i, ind)| (ind.id.as_bytes(), i as u32))
            .collect();
        let regions = (!plan.regions.is_empty() || plan.region.is_some()).then(|| {
            let mut set: HashSet<&str> = plan.regions.iter().map(|r| r.id.as_str()).collect();
            set.extend(plan.region.as_deref());
            set
        });
        Shared {
            plan,
            path,
            cols,
            width,
            indicators,
            regions,
            default_region: plan.region.as_deref().unwrap_or(""),
        }
    }

    fn knows_region(&self, r: &str) -> bool {
        self.regions.as_ref().is_none_or(|s| s.contains(r))
    }
}

/// One value of a chunk-local series; `line` counts newlines from the
/// chunk's start to the row.
#[derive(Debug, Clone, Copy)]
pub struct Row {
    pub series: u32,
    pub period: u32,
    pub value: u32,
    pub line: u32,
}

/// A problem of a chunk; lines count from the chunk's start.
pub enum Problem {
    /// Its location's line is 1-based within the chunk.
    Diag(Diagnostic),
    /// The first bytes of the chunk that are not UTF-8 (kept once a file).
    NotUtf8(Diagnostic),
}

/// What a chunk hands to the merge.
#[derive(Default)]
pub struct Chunk {
    pub newlines: u64,
    /// Bytes read (the rest is an incomplete record, for the next buffer).
    pub consumed: usize,
    pub rows: Vec<Row>,
    /// (indicator, index in `regions`, index in `breakdowns`)
    pub series: Vec<(u32, u32, u32)>,
    pub regions: Vec<String>,
    pub breakdowns: Vec<String>,
    /// Values too large for an inline code (see [`super::pack`]).
    pub overflow: Vec<Decimal>,
    /// (line, source, note) of rows that have either.
    pub texts: Vec<(u32, Option<String>, Option<String>)>,
    pub problems: Vec<Problem>,
    /// Problems beyond those kept.
    pub more_problems: usize,
    /// Reading stops after this chunk (a record longer than [`MAX_RECORD`]).
    pub last: bool,
}

/// Parse the records of `buf` (`eof`: the input ends with it).
pub fn parse(sh: &Shared, buf: &[u8], eof: bool) -> Chunk {
    let mut p = Parser {
        sh,
        chunk: Chunk::default(),
        key: Vec::new(),
        last_key: Vec::new(),
        last: None,
        region_ids: Map::default(),
        breakdown_ids: Map::default(),
        series_ids: Map::default(),
        last_indicator: None,
        last_breakdown: None,
    };
    let mut sp = Splitter::new(buf, eof);
    let mut rec = Record::default();
    // Where the records read end: all of them, or the start of one too long.
    let mut end = None;
    while sp.next_record(&mut rec) {
        if sp.consumed() - rec.start > MAX_RECORD {
            p.problem(too_long(sh.path, rec.line as usize + 1));
            end = Some((rec.start, rec.line));
            p.chunk.last = true;
            break;
        }
        p.record(&rec);
    }
    (p.chunk.consumed, p.chunk.newlines) = end.unwrap_or((sp.consumed(), sp.newlines()));
    p.check_utf8(&buf[..p.chunk.consumed]);
    p.chunk
}

struct Parser<'s, 'p> {
    sh: &'s Shared<'p>,
    chunk: Chunk,
    /// The raw key fields of this row and of the last row read well.
    key: Vec<u8>,
    last_key: Vec<u8>,
    last: Option<u32>,
    region_ids: Map<String, u32>,
    breakdown_ids: Map<String, u32>,
    series_ids: Map<(u32, u32, u32), u32>,
    /// The raw indicator field last resolved, and its index.
    last_indicator: Option<(Vec<u8>, u32)>,
    /// The breakdown of the last series (index into the chunk's).
    last_breakdown: Option<u32>,
}

/// A hash map with a fast hash (FxHash's rounds, splitmix64's finaliser):
/// keys here are short, local to one chunk, and not chosen by an adversary
/// who could profit from collisions.
type Map<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<Fx>>;

impl Parser<'_, '_> {
    /// Text that is not UTF-8 (a file saved as GBK by Excel, say) can pass
    /// for other characters or vanish from optional columns: the first bad
    /// byte of the chunk is an error, naming its line.
    fn check_utf8(&mut self, bytes: &[u8]) {
        let Err(e) = std::str::from_utf8(bytes) else {
            return;
        };
        let at = e.valid_up_to();
        let line_start = memchr::memrchr2(b'\n', b'\r', &bytes[..at]).map_or(0, |i| i + 1);
        let line_end = memchr::memchr2(b'\n', b'\r', &bytes[at..]).map_or(bytes.len(), |i| at + i);
        let newlines = line_breaks(&bytes[..line_start]);
        let text = String::from_utf8_lossy(&bytes[line_start..line_end]).to_string();
        let col = String::from_utf8_lossy(&bytes[line_start..at]).len();
        // In line order among the chunk's problems, whatever the chunks (as
        // a sequential read finds it), and beside the chunk's cap: the
        // merge keeps it once a file.
        let line = newlines as usize + 1;
        let at = self.chunk.problems.iter().position(|q| match q {
            Problem::Diag(d) | Problem::NotUtf8(d) => {
                d.location.as_ref().is_some_and(|l| l.line > line)
            }
        });
        let at = at.unwrap_or(self.chunk.problems.len());
        self.chunk.problems.insert(at, Problem::NotUtf8(
            Diagnostic::error(format!("{} is not UTF-8 text", self.sh.path))
                .at(Location::in_line(self.sh.path, newlines + 1, text, col..col + 1))
                .label("not UTF-8")
                .help(format!(
                    "the file starts as UTF-8 text but this line is not (a file that is GB18030 \
                     from its first MiB is read as such): save it all as UTF-8 (Excel: CSV UTF-8), \
                     or convert it: iconv -f GB18030 -t UTF-8 {} > utf8.csv",
                    self.sh.path
                )),
        ));
    }

    fn record(&mut self, rec: &Record) {
        if rec.unterminated {
            // Reading on would take the rest of the file as one field (and
            // `track add` would append rows into it): refuse.
            let text = line_text(rec);
            let text = lines(&text).next().unwrap_or("").to_string();
            let at = text.find('"').unwrap_or(0);
            self.problem(Problem::Diag(
                Diagnostic::error(format!(
                    "{}: a quoted field opened here is never closed",
                    self.sh.path
                ))
                .at(Location::in_line(
                    self.sh.path,
                    rec.line as usize + 1,
                    text,
                    at..at + 1,
                ))
                .label("this quote has no closing quote before the end of the file")
                .help("close the quote (a quote inside a quoted field is written \"\")"),
            ));
            return;
        }
        if rec.len() == 1 && rec.get(0).is_some_and(|f| f.trim_ascii().is_empty()) {
            return; // a blank line
        }
        if rec.len() != self.sh.width {
            self.wrong_width(rec);
            return;
        }
        if !self.fast(rec) {
            self.general(rec);
        }
    }

    /// A row with more or fewer fields than the header.
    #[cold]
    fn wrong_width(&mut self, rec: &Record) {
        let text = line_text(rec);
        let (fields, width) = (rec.len(), self.sh.width);
        // The first field too many, or the end of a row too short.
        let span = match fields > width {
            true => field_span(rec, width).start..text.len(),
            false => text.len()..text.len(),
        };
        self.problem(Problem::Diag(
            Diagnostic::error(format!(
                "this row has {fields} fields but the header has {width}"
            ))
            .at(Location::in_line(
                self.sh.path,
                rec.line as usize + 1,
                text,
                span,
            ))
            .label(if fields > width {
                "more fields than the header"
            } else {
                "fewer fields than the header"
            }),
        ));
    }

    fn problem(&mut self, p: Problem) {
        if self.chunk.problems.len() < MAX_ERRORS_PER_FILE {
            self.chunk.problems.push(p);
        } else {
            self.chunk.more_problems += 1;
        }
    }

    /// The common shape, without allocation; false: take the general path.
    fn fast(&mut self, rec: &Record) -> bool {
        let c = &self.sh.cols;
        let value = rec.get(c.value).unwrap_or(b"");
        if value.is_empty() {
            return true; // an empty value is a missing value
        }
        let period = rec.get(c.period).unwrap_or(b"");
        let (Some((m, scale)), Some(period)) = (fast::number(value), fast_period(period)) else {
            return false;
        };
        let Some(series) = self.key(rec) else {
            return false;
        };
        let value = match small_value(m, scale) {
            Some(v) => v,
            None => value_code(Decimal::new(m, scale), &mut self.chunk.overflow),
        };
        self.push(rec, series, period, value);
        true
    }

    fn push(&mut self, rec: &Record, series: u32, period: Period, value: u32) {
        let Some(period) = period_code(period) else {
            return;
        };
        let line = rec.line as u32;
        self.chunk.rows.push(Row {
            series,
            period,
            value,
            line,
        });
        let c = &self.sh.cols;
        let text = |i: Option<usize>| -> Option<String> {
            let s = std::str::from_utf8(rec.get(i?)?).ok()?.trim();
            (!s.is_empty()).then(|| s.to_string())
        };
        let (source, note) = (text(c.source), text(c.note));
        if source.is_some() || note.is_some() {
            self.chunk.texts.push((line, source, note));
        }
    }

    /// The series of a row whose key fields are well formed and known.
    fn key(&mut self, rec: &Record) -> Option<u32> {
        let c = &self.sh.cols;
        let fields = || {
            std::iter::once(Some(c.indicator))
                .chain(std::iter::once(c.region))
                .chain(c.dims.iter().map(|(i, _)| Some(*i)))
                .map(|f| f.and_then(|i| rec.get(i)).unwrap_or(b""))
        };
        // Rows come by series: most have the last row's key, which is
        // compared in place, without building this row's.
        if let Some(s) = self.last
            && same_key(&self.last_key, fields())
        {
            return Some(s);
        }
        self.key.clear();
        for b in fields() {
            self.key.extend_from_slice(&(b.len() as u32).to_le_bytes());
            self.key.extend_from_slice(b);
        }
        let text = |i: usize| {
            std::str::from_utf8(rec.get(i).unwrap_or(b""))
                .ok()
                .map(str::trim)
        };
        // The indicator changes seldom (rows come by series): compare first.
        let raw = rec.get(c.indicator).unwrap_or(b"");
        let indicator = match &self.last_indicator {
            Some((bytes, i)) if same(bytes, raw) => *i,
            _ => {
                let i = *self.sh.indicators.get(text(c.indicator)?.as_bytes())?;
                self.last_indicator = Some((raw.to_vec(), i));
                i
            }
        };
        let region = match c.region {
            Some(i) => text(i)?,
            None => "",
        };
        let region = if region.is_empty() {
            self.sh.default_region
        } else {
            region
        };
        if !region.is_empty() && !self.sh.knows_region(region) {
            return None;
        }
        let mut breakdown = String::new();
        for (i, dim) in &c.dims {
            push_dim(&mut breakdown, dim, text(*i)?);
        }
        let s = self.series(indicator, region, &breakdown);
        std::mem::swap(&mut self.key, &mut self.last_key);
        self.last = Some(s);
        Some(s)
    }

    fn series(&mut self, indicator: u32, region: &str, breakdown: &str) -> u32 {
        let ch = &mut self.chunk;
        let id = |ids: &mut Map<String, u32>, names: &mut Vec<String>, s: &str| match ids.get(s) {
            Some(&i) => i,
            None => {
                names.push(s.to_string());
                ids.insert(s.to_string(), names.len() as u32 - 1);
                names.len() as u32 - 1
            }
        };
        let r = id(&mut self.region_ids, &mut ch.regions, region);
        // The breakdown is mostly the same as the last one (often none).
        let b = match self.last_breakdown {
            Some(b) if same(ch.breakdowns[b as usize].as_bytes(), breakdown.as_bytes()) => b,
            _ => id(&mut self.breakdown_ids, &mut ch.breakdowns, breakdown),
        };
        self.last_breakdown = Some(b);
        *self.series_ids.entry((indicator, r, b)).or_insert_with(|| {
            ch.series.push((indicator, r, b));
            ch.series.len() as u32 - 1
        })
    }

    /// Every row the fast path does not take: reads it field by field and
    /// reports each problem with its column.
    fn general(&mut self, rec: &Record) {
        let sh = self.sh;
        let (c, plan, path) = (&sh.cols, sh.plan, sh.path);
        let line = rec.line as usize + 1;
        let mut problems = Vec::new();
        let at = |i: usize, message: String, label: &str| -> Diagnostic {
            Diagnostic::error(message)
                .at(Location::in_line(
                    path,
                    line,
                    line_text(rec),
                    field_span(rec, i),
                ))
                .label(label)
        };
        // A field that is not UTF-8 is reported once for the file, by
        // `check_utf8`; here it is only absent.
        let get = |i: usize| -> Option<&str> {
            std::str::from_utf8(rec.get(i).unwrap_or(b""))
                .ok()
                .map(str::trim)
        };
        let value_text = get(c.value);
        if value_text.is_some_and(is_missing) {
            return; // an empty value, or a dash or slash as tables write it, is missing
        }
        let indicator_text = get(c.indicator).unwrap_or("");
        let indicator = sh.indicators.get(indicator_text.as_bytes()).copied();
        if indicator.is_none() {
            let ids: Vec<&str> = plan.indicators.iter().map(|i| i.id.as_str()).collect();
            let mut d = at(
                c.indicator,
                format!(
                    "unknown indicator `{indicator_text}` (not in plan {})",
                    plan.path
                ),
                "not an indicator of the plan",
            );
            if let Some(s) = crate::plan::load_suggest(indicator_text, &ids) {
                d = d.help(format!("did you mean `{s}`?"));
            }
            problems.push(d);
        }
        let period_text = get(c.period).unwrap_or("");
        let period = Period::parse(period_text)
            .ok()
            .filter(|p| period_code(*p).is_some());
        if period.is_none() {
            problems.push(at(
                c.period,
                format!("`{period_text}` is not a period"),
                "expected 2023, 2023-Q2, 2023-06 or 2023-06-30",
            ));
        }
        let value = value_text.and_then(parse_number);
        if value.is_none()
            && let Some(v) = value_text
        {
            // A number all the same, but beyond the 28 significant digits
            // (or ±7.9e28) a decimal holds: say so, not "not a number".
            let digits = v.bytes().filter(u8::is_ascii_digit).count();
            let numeric = v
                .trim_end_matches('%')
                .bytes()
                .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b','));
            let (message, label) = if numeric && digits > 28 {
                (
                    format!("`{v}` has more digits than track keeps exactly (28)"),
                    "too many digits",
                )
            } else {
                (
                    format!("`{v}` is not a number"),
                    "expected a number such as 94.4 or 94.4%",
                )
            };
            problems.push(at(c.value, message, label));
        }
        let region_text = match c.region {
            Some(i) => get(i).unwrap_or(""),
            None => "",
        };
        let region_text = if region_text.is_empty() {
            sh.default_region
        } else {
            region_text
        };
        if !region_text.is_empty() && !sh.knows_region(region_text) {
            let mut ids: Vec<&str> = plan.regions.iter().map(|r| r.id.as_str()).collect();
            ids.extend(plan.region.as_deref());
            let mut d = at(
                c.region.unwrap_or(0),
                format!("unknown region `{region_text}` (not in plan {})", plan.path),
                "not a region of the plan",
            );
            if let Some(s) = crate::plan::load_suggest(region_text, &ids) {
                d = d.help(format!("did you mean `{s}`?"));
            }
            problems.push(d);
        }
        let mut breakdown = String::new();
        for (i, dim) in &c.dims {
            let v = get(*i).unwrap_or("");
            push_dim(&mut breakdown, dim, v);
        }
        if !problems.is_empty() {
            for d in problems {
                self.problem(Problem::Diag(d));
            }
            return;
        }
        let (Some(indicator), Some(period), Some(value)) = (indicator, period, value) else {
            return;
        };
        let series = self.series(indicator, region_text, &breakdown);
        let value = value_code(value, &mut self.chunk.overflow);
        self.push(rec, series, period, value);
    }
}
