//! Spreadsheet numbers where a percentage is meant
//! (docs/plan-format.md#track-import-input). A cell formatted as a
//! percentage holds the fraction: 0.851 for a cell showing 85.1%. For a
//! `%` indicator it is read as shown (85.1); for any other unit it is read
//! as it holds (0.851), with a note naming the cell, since a share of 1 is
//! then what the figure may well mean.
//!
//! Invariants: a value is never scaled on a guess. A plain number cell in
//! (0, 1] for a `%` indicator whose baseline or target is at least 10 is
//! almost surely a percentage cell whose format could not be read (`.xls`,
//! `.ods`) or a fraction typed by hand: it is refused, with the figure
//! that was probably meant, not imported.

use rust_decimal::Decimal;

use super::table::{CellKind, Table};
use crate::diag::Diagnostic;
use crate::plan::{Indicator, TargetExpr};

/// What a number cell is read as.
#[derive(Debug)]
pub(super) enum Reading {
    Value(Decimal),
    /// Read, with a note to show.
    Noted(Decimal, Diagnostic),
    Refused(Diagnostic),
}

/// The number `value` of the cell at (`r`, `c`) of kind `kind`, read for
/// indicator `ind`.
pub(super) fn read(
    t: &Table,
    (r, c): (usize, usize),
    kind: CellKind,
    value: Decimal,
    ind: &Indicator,
) -> Reading {
    let shown = (value * Decimal::ONE_HUNDRED).normalize();
    match kind {
        CellKind::Percent if ind.is_percent() => Reading::Value(shown),
        CellKind::Percent => {
            let unit = if ind.unit.zh.is_empty() {
                "has no unit".to_string()
            } else {
                format!("is in {}", ind.unit.zh)
            };
            let note = t
                .note_at(
                    r,
                    c,
                    &format!(
                        "the cell is formatted as a percentage (shows {shown}%), but `{}` {unit}, not %: read as {value}, the number it holds",
                        ind.id
                    ),
                )
                .help(format!(
                    "if {shown} is meant, type it, or give `{}` unit = \"%\" in the plan",
                    ind.id
                ));
            Reading::Noted(value, note)
        }
        CellKind::Number => match looks_like_a_fraction(ind, value) {
            Some(scale) => Reading::Refused(
                t.error_at(
                    r,
                    c,
                    &format!(
                        "the cell holds {value} for `{}` (unit %, baseline or target {scale}): a fraction, where the percentage {shown} is expected",
                        ind.id
                    ),
                    "a fraction where percent is expected",
                )
                .help(format!(
                    "type {shown} (or {shown}%); a cell formatted as a percentage is read as shown in an .xlsx workbook (save an .xls or .ods as .xlsx); a figure under 1% can be typed as text, such as {value}%"
                )),
            ),
            None => Reading::Value(value),
        },
        CellKind::Text | CellKind::Error => Reading::Value(value),
    }
}

/// A number in (0, 1] for a `%` indicator whose baseline or target is at
/// least 10: almost surely a fraction where the percentage is meant.
/// Returns the plan's figure that tells.
fn looks_like_a_fraction(ind: &Indicator, value: Decimal) -> Option<Decimal> {
    if !ind.is_percent() || value <= Decimal::ZERO || value > Decimal::ONE {
        return None;
    }
    let scale = ind.baseline.or(match ind.target {
        TargetExpr::Reach(v) | TargetExpr::Compare(_, v) | TargetExpr::Range(_, v) => Some(v),
        _ => None,
    })?;
    (scale.abs() >= Decimal::TEN).then_some(scale)
}
