//! The three layouts walked cell by cell (docs/plan-format.md#track-import-input):
//! wide (rows are indicators, columns periods), transposed (rows are
//! periods, columns indicators) and long (indicator, period and value
//! columns). Each finds the indicator, period and region of every value
//! cell and hands it to [`Placer::value`].
//!
//! Invariants: labels are read in order through [`Labels`], so that a
//! sub-row is matched through its parent; a label or header that cannot
//! be placed is one error, and only where values sit under it. A column
//! (or, transposed, a row) the actuals do not need — a target such as
//! `2025年目标`, `属性`, `备注`, `单位`, `序号` — is skipped and named in
//! one note per table, never refused.

use std::collections::HashSet;

use super::labels::{Label, Labels};
use super::layout::{
    DESCRIPTIVE_WORDS, INDICATOR_WORDS, PERIOD_WORDS, VALUE_WORDS, find_column, not_needed,
};
use super::names::{Found, label_keys};
use super::place::{Placer, plural_values};
use super::table::{CellKind, Value, is_number, parse_period, parse_value, plausible_period};
use crate::diag::{Diagnostic, Location};
use crate::period::Period;

impl Placer<'_> {
    /// Rows are indicators, columns periods.
    pub(super) fn wide(&mut self, h: usize, region_col: Option<usize>) {
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
        // The label column: of the columns before the periods, the one that
        // names the most indicators (a 序号 or 单位 column names none).
        let label_col = (0..first_period)
            .filter(|&c| Some(c) != region_col)
            .max_by_key(|&c| {
                let hits = (h + 1..t.rows.len())
                    .filter(|&r| matches!(self.names.indicator(&t.cell(r, c).text), Found::One(_)))
                    .count();
                (hits, std::cmp::Reverse(c))
            });
        let keys = [region_col, label_col];
        self.other_columns(h, &periods, first_period, keys);
        let Some(label_col) = label_col else {
            self.out.errors.push(
                t.error_table(
                    h,
                    "no column names the indicators: the periods start in the first column".into(),
                )
                .help("put the indicators' ids or names in the first column, left of the periods"),
            );
            return;
        };
        let mut labels = Labels::default();
        for r in h + 1..t.rows.len() {
            let numbers = periods
                .iter()
                .filter(|&&(c, _)| is_number(t.cell(r, c)))
                .count();
            let label = labels.next(&self.names, &t.cell(r, label_col).text, &|| {
                t.reference(r, label_col)
            });
            let ind = match label {
                Label::One(i) => i,
                // A section heading, a note, a blank row: nothing at stake.
                _ if numbers == 0 => continue,
                miss => {
                    self.miss(r, label_col, numbers, miss);
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

    /// The columns of a wide table that are neither periods nor `keys`
    /// (label, region): one the actuals do not need is skipped with a note;
    /// among the periods, a typo in one is an error.
    fn other_columns(
        &mut self,
        h: usize,
        periods: &[(usize, Period)],
        first_period: usize,
        keys: [Option<usize>; 2],
    ) {
        let is_period: HashSet<usize> = periods.iter().map(|&(c, _)| c).collect();
        let mut skipped = Vec::new();
        for c in 0..self.t.width() {
            if keys.contains(&Some(c)) || is_period.contains(&c) {
                continue;
            }
            if let Some(what) = not_needed(&self.t.cell(h, c).text) {
                if self.column_filled(h, c) {
                    skipped.push((h, c, what));
                }
            } else if c > first_period {
                self.not_a_period_column(h, c);
            }
        }
        self.note_skipped(h, "column", &skipped);
    }

    /// A column among the periods that is not one: a typo in a period is
    /// an error where values sit under it; a column of text is passed over.
    fn not_a_period_column(&mut self, h: usize, c: usize) {
        let t = self.t;
        let values = (h + 1..t.rows.len())
            .filter(|&r| is_number(t.cell(r, c)))
            .count();
        if values == 0 {
            return;
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

    /// One note at header row `h` naming the columns (or rows) the
    /// actuals do not need, by their header cells (`r`, `c`, what they hold).
    fn note_skipped(&mut self, h: usize, noun: &str, cells: &[(usize, usize, &str)]) {
        let t = self.t;
        if cells.is_empty() {
            return;
        }
        let named: Vec<String> = cells
            .iter()
            .map(|&(r, c, what)| {
                format!(
                    "`{}` ({}, {what})",
                    t.cell(r, c).text.trim(),
                    t.reference(r, c)
                )
            })
            .collect();
        let (noun, them) = match named.len() {
            1 => (noun.to_string(), "it"),
            _ => (format!("{noun}s"), "them"),
        };
        self.out.warnings.push(
            Diagnostic::warning(format!(
                "{}: {noun} not imported, as the actuals do not need {them}: {}",
                t.name(),
                named.join(", ")
            ))
            .at(Location::file_line(&t.name(), t.rows[h].number)),
        );
    }

    /// Whether anything is written under the header of column `c`.
    fn column_filled(&self, h: usize, c: usize) -> bool {
        (h + 1..self.t.rows.len()).any(|r| !self.t.cell(r, c).is_blank())
    }

    /// Rows are periods, columns indicators.
    pub(super) fn transposed(&mut self, h: usize, region_col: Option<usize>) {
        let t = self.t;
        let width = t.width();
        // The period column: the one with the most periods below the header
        // (plausible ones: a count of 5000 is not the year 5000).
        let Some(period_col) = (0..width)
            .filter(|&c| Some(c) != region_col)
            .max_by_key(|&c| {
                let n = (h + 1..t.rows.len())
                    .filter(|&r| plausible_period(t.cell(r, c)).is_some())
                    .count();
                (n, std::cmp::Reverse(c))
            })
        else {
            return;
        };
        let mut columns: Vec<(usize, usize)> = Vec::new(); // (column, indicator)
        let mut skipped = Vec::new();
        let mut labels = Labels::default();
        for c in 0..width {
            if c == period_col || Some(c) == region_col {
                continue;
            }
            let values = (h + 1..t.rows.len())
                .filter(|&r| is_number(t.cell(r, c)))
                .count();
            let header = &t.cell(h, c).text;
            match labels.next(&self.names, header, &|| t.reference(h, c)) {
                Label::One(i) => columns.push((c, i)),
                _ if not_needed(header).is_some() => {
                    if self.column_filled(h, c) {
                        skipped.push((h, c, not_needed(header).unwrap_or_default()));
                    }
                }
                // A heading over no figures, or a column of text.
                _ if values == 0 => {}
                _ if DESCRIPTIVE_WORDS.contains(&label_keys(header)[0].as_str()) => {}
                miss => self.miss(h, c, values, miss),
            }
        }
        self.note_skipped(h, "column", &skipped);
        let mut skipped = Vec::new();
        for r in h + 1..t.rows.len() {
            let values = columns
                .iter()
                .filter(|&&(c, _)| is_number(t.cell(r, c)))
                .count();
            let text = t.cell(r, period_col).text.trim().to_string();
            let Some(period) = parse_period(&text) else {
                if let Some(what) = not_needed(&text) {
                    skipped.push((r, period_col, what)); // a row of targets
                } else if values > 0 {
                    self.not_a_period_row(r, period_col, values);
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
        self.note_skipped(h, "row", &skipped);
    }

    /// A row of a transposed table whose period cell is not one, with
    /// `values` beside it.
    fn not_a_period_row(&mut self, r: usize, period_col: usize, values: usize) {
        let text = self.t.cell(r, period_col).text.trim().to_string();
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
            let help = self
                .names
                .period_help(&text)
                .or_else(|| Some("expected a period such as 2020, 2020年 or 2021-Q1".into()));
            self.error(
                r,
                period_col,
                &format!("`{text}` is not a period; {what}"),
                "not a period",
                help,
            );
        }
    }

    /// Already long: indicator, period (or year) and value columns.
    pub(super) fn long(&mut self, h: usize, region_col: Option<usize>) {
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
        self.note_left_out(
            h,
            [Some(ind_col), Some(period_col), Some(value_col), region_col],
        );
        let mut labels = Labels::default();
        for r in h + 1..t.rows.len() {
            // Every label is read, so that a parent's row without a value
            // still opens its sub-rows.
            let label = labels.next(&self.names, &t.cell(r, ind_col).text, &|| {
                t.reference(r, ind_col)
            });
            let value = t.cell(r, value_col);
            if parse_value(&value.text) == Value::Missing && value.kind != CellKind::Error {
                continue; // a missing value, or a blank row
            }
            let ind = match label {
                Label::One(i) => Some(i),
                miss => {
                    self.miss(r, ind_col, 1, miss);
                    None
                }
            };
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

    /// The note naming the columns of a long table left out (other than
    /// the `used` ones and those expected, such as `source` or `备注`).
    fn note_left_out(&mut self, h: usize, used: [Option<usize>; 4]) {
        let t = self.t;
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
    }
}
