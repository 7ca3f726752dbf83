//! Placement: every value cell of a table given its indicator, period and
//! region and parsed, as a [`LongRow`] of the long actuals CSV (`docs/plan-format.md#actuals-csv`);
//! then [`dedupe`] across all the tables imported.
//!
//! Invariants: every row returned names an indicator id and a region the
//! plan knows, a parsed period and an exact decimal; every cell that cannot
//! be placed becomes one error naming the cell Excel-style (`Sheet1!C5`,
//! with row and column numbers), with a "did you mean" from the plan's
//! names where one is close. A row label or column header that cannot be
//! placed is reported once, not once per value under it, and labels with no
//! values (section headings, footnotes) are passed over silently; sub-rows
//! (`其中:小学`) are matched through their parent ([`labels`](super::labels)).
//! A number is read as [`percent`](super::percent) says (a percentage cell
//! as shown for a `%` indicator). The layouts are walked in
//! [`walk`](super::walk). After
//! [`dedupe`], one row per indicator, region and period remains: the same
//! value twice is kept once; different values are an error at every cell
//! involved, and none of them is kept.

use std::collections::HashMap;
use std::path::Path;

use rust_decimal::Decimal;

use super::labels::Label;
use super::layout::{REGION_WORDS, detect, find_column};
use super::names::{Names, sub_row};
use super::percent::{self, Reading};
use super::table::{Cell, CellKind, Table, Value, parse_value};
use super::{Layout, RegionFrom};
use crate::diag::{Diagnostic, Location};
use crate::period::Period;
use crate::plan::Plan;

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
    /// Where the cell is: the index of its table among those imported
    /// (0 from [`place`]; the caller numbers them), its row and column.
    /// Its snippet is made from the table only if a message needs it: a
    /// copy of the line for every cell would grow with the square of a
    /// wide row.
    pub at: (usize, usize, usize),
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

pub(super) struct Placer<'a> {
    pub(super) t: &'a Table,
    pub(super) names: Names<'a>,
    pub(super) out: Placed,
    /// The region of rows that do not name one: the sheet's or the plan's.
    default_region: String,
    source: String,
}

impl Placer<'_> {
    pub(super) fn error(
        &mut self,
        r: usize,
        c: usize,
        message: &str,
        label: &str,
        help: Option<String>,
    ) {
        let mut d = self.t.error_at(r, c, message, label);
        if let Some(h) = help {
            d = d.help(h);
        }
        self.out.errors.push(d);
    }

    /// A label that names no one indicator: an error at its cell (`values`
    /// is how many values the label heads, said so the user knows the stake).
    pub(super) fn miss(&mut self, r: usize, c: usize, values: usize, label: Label) {
        let plan = self.names.plan;
        let text = self.t.cell(r, c).text.trim().to_string();
        let core = sub_row(&text).unwrap_or(&text).to_string();
        let what = match values {
            1 => "its value is not imported".to_string(),
            n => format!("its {n} values are not imported"),
        };
        let ids = |is: &[usize]| {
            let ids: Vec<&str> = is.iter().map(|&i| plan.indicators[i].id.as_str()).collect();
            ids.join(", ")
        };
        let (message, label, help) = match label {
            Label::One(_) => return,
            Label::Blank => (
                format!("no indicator is named here, but {what}"),
                "no indicator",
                Some("write the indicator's id, name or English name".into()),
            ),
            Label::Many {
                ids: is,
                under: Some(p),
                ..
            } => (
                format!(
                    "`{text}` under `{}` ({}) names several of its sub-indicators ({}); {what}",
                    plan.indicators[p.ind].name.zh,
                    p.at,
                    ids(&is)
                ),
                "ambiguous indicator",
                Some("write the sub-indicator's id instead".into()),
            ),
            Label::Many { ids: is, sub, .. } => (
                format!("`{text}` names several indicators ({}); {what}", ids(&is)),
                "ambiguous indicator",
                Some(if sub {
                    "a sub-row (其中) is matched through the row of its parent above it; put it under its parent's row, or write the indicator's id".into()
                } else {
                    "write the indicator's id instead".into()
                }),
            ),
            Label::Unknown { under: Some(p) } => {
                let parent = &plan.indicators[p.ind];
                (
                    format!(
                        "unknown indicator `{text}` under `{}` ({}): not a sub-indicator of `{}` in plan {}; {what}",
                        parent.name.zh, p.at, parent.id, plan.path
                    ),
                    "not a sub-indicator of the row above",
                    Some(self.names.sub_indicator_help(plan.children(p.ind))),
                )
            }
            Label::Unknown { under: None } => (
                format!(
                    "unknown indicator `{text}` (not in plan {}); {what}",
                    plan.path
                ),
                "not an indicator of the plan",
                self.names.indicator_help(&core),
            ),
        };
        self.error(r, c, &message, label, help);
    }

    /// The region of row `r`: its region cell, else the default.
    pub(super) fn region(&mut self, r: usize, col: Option<usize>) -> Option<String> {
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
    pub(super) fn value(&mut self, r: usize, c: usize, ind: usize, region: &str, period: Period) {
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
        let value = match percent::read(self.t, (r, c), cell.kind, value, indicator) {
            Reading::Value(v) => v,
            Reading::Noted(v, note) => {
                self.out.warnings.push(note);
                v
            }
            Reading::Refused(d) => {
                self.out.errors.push(d);
                return;
            }
        };
        let row = LongRow {
            indicator: indicator.id.clone(),
            region: region.to_string(),
            period,
            value,
            source: self.source.clone(),
            cell: format!("{}!{}", self.t.name(), self.t.reference(r, c)),
            at: (0, r, c),
        };
        self.out.rows.push(row);
    }
}

pub(super) fn plural_values(n: usize) -> String {
    match n {
        1 => "a value sits under it".to_string(),
        n => format!("{n} values sit under it"),
    }
}

// ---------------------------------------------------------------------------
// Duplicates across the imported cells

/// Keep one row per indicator, region and period: the same value twice is
/// kept once; different values are an error at every cell involved, and
/// none of them is kept (which one is right is for the user to say).
pub fn dedupe(rows: Vec<LongRow>, tables: &[Table]) -> (Vec<LongRow>, Vec<Diagnostic>) {
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
                .at(location(tables, row))
                .label("another value for the same period")
                .help("keep one value per indicator, region and period"),
            );
        }
    }
    (kept, errors)
}

/// The snippet of the cell a row came from.
fn location(tables: &[Table], row: &LongRow) -> Location {
    let (t, r, c) = row.at;
    match tables.get(t) {
        Some(t) => t.location(r, c),
        None => Location::file_line(&row.cell, 1),
    }
}
