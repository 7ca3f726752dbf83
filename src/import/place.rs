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
//! values (section headings, footnotes) are passed over silently. A
//! spreadsheet number that is almost surely a cell formatted as a
//! percentage (0.944 for a `%` indicator) is refused, not imported. After
//! [`dedupe`], one row per indicator, region and period remains: the same
//! value twice is kept once; different values are an error at every cell
//! involved, and none of them is kept.

use std::collections::HashMap;
use std::path::Path;

use rust_decimal::Decimal;

use super::layout::{
    DESCRIPTIVE_WORDS, INDICATOR_WORDS, PERIOD_WORDS, REGION_WORDS, VALUE_WORDS, detect,
    find_column,
};
use super::names::{Found, Names, label_keys};
use super::table::{Cell, CellKind, Table, Value, is_number, parse_period, parse_value};
use super::{Layout, RegionFrom};
use crate::diag::{Diagnostic, Location};
use crate::period::Period;
use crate::plan::{Indicator, Plan, TargetExpr};

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
            at: (0, r, c),
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
        let is_period: std::collections::HashSet<usize> = periods.iter().map(|&(c, _)| c).collect();
        for c in first_period..width {
            if Some(c) == region_col || is_period.contains(&c) {
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
