//! Layout detection: which layout a table is in and where its header row
//! is. Wide: rows are indicators and columns periods; transposed: rows are
//! periods and columns indicators; long: indicator, period and value
//! columns, found by the header words here (English or Chinese).
//!
//! Invariants: a header row is looked for in the first `HEADER_SCAN` rows
//! (titles and notes may sit above it); only plausible periods (years
//! 1900–2200) tell layouts apart, so that a count such as 1500 in a value
//! cell is not taken for one; a forced `--layout` is obeyed as given; left
//! to detect, a table with no periods in a header row or a column is
//! refused with one error, not guessed at.

use super::Layout;
use super::names::label_keys;
use super::table::{Table, Value, parse_value, plausible_period};
use crate::diag::Diagnostic;

// ---------------------------------------------------------------------------
// Header words

pub(super) const INDICATOR_WORDS: &[&str] = &[
    "indicator",
    "indicator id",
    "指标",
    "指标名称",
    "指标名",
    "项目",
    "id",
    "name",
    "名称",
];
pub(super) const PERIOD_WORDS: &[&str] = &[
    "period",
    "year",
    "年份",
    "年度",
    "时期",
    "期间",
    "年",
    "统计年度",
    "date",
    "日期",
];
pub(super) const VALUE_WORDS: &[&str] =
    &["value", "数值", "值", "数据", "指标值", "实际值", "actual"];
pub(super) const REGION_WORDS: &[&str] = &[
    "region",
    "area",
    "地区",
    "区域",
    "地区名称",
    "行政区",
    "行政区划",
    "省份",
    "地市",
    "盟市",
    "旗县",
    "旗县区",
    "旗县市区",
];
/// Columns of a long sheet that are expected and left out quietly.
pub(super) const DESCRIPTIVE_WORDS: &[&str] = &[
    "source",
    "note",
    "unit",
    "name",
    "name_en",
    "名称",
    "指标名称",
    "单位",
    "来源",
    "数据来源",
    "备注",
    "说明",
    "注",
];

/// What a column the actuals do not need holds, by its header (a target
/// such as `2025年目标` or `目标值`, `属性`, `备注`, `单位`, `序号`, `来源`,
/// `责任单位`): said in the note that it is skipped. `None` for others.
pub(super) fn not_needed(header: &str) -> Option<&'static str> {
    const WORDS: &[(&[&str], &str)] = &[
        (
            &["属性", "指标属性", "性质", "指标性质", "类型", "kind"],
            "the indicator's kind",
        ),
        (
            &["备注", "说明", "注", "附注", "note", "notes", "remarks"],
            "notes",
        ),
        (
            &["单位", "计量单位", "unit", "units"],
            "units; the plan has them",
        ),
        (&["序号", "编号", "no.", "no"], "row numbers"),
        (&["来源", "数据来源", "source"], "sources"),
        (
            &["责任单位", "牵头单位", "责任部门", "牵头部门"],
            "who is responsible",
        ),
    ];
    let keys = label_keys(header);
    if keys
        .iter()
        .any(|k| k.contains("目标") || k.contains("target") || k == "规划值" || k == "预期值")
    {
        return Some("a target; targets come from the plan");
    }
    let tight = keys.last()?;
    WORDS
        .iter()
        .find(|(words, _)| words.contains(&tight.as_str()))
        .map(|&(_, what)| what)
}

/// The column of row `r` whose header is the first of `words` found.
pub(super) fn find_column(t: &Table, r: usize, words: &[&str]) -> Option<usize> {
    let names: Vec<String> = (0..t.width())
        .map(|c| label_keys(&t.cell(r, c).text).remove(0))
        .collect();
    words.iter().find_map(|w| names.iter().position(|n| n == w))
}

// ---------------------------------------------------------------------------
// Layout detection

/// Where a table's header and key column are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Shape {
    pub(super) layout: Layout,
    /// Row index of the header.
    pub(super) header: usize,
}

/// Rows searched for a header: titles and notes may sit above it.
const HEADER_SCAN: usize = 30;

/// The row of a long header (indicator, period and value columns), if any.
fn long_header(t: &Table) -> Option<usize> {
    (0..t.rows.len().min(HEADER_SCAN)).find(|&r| {
        find_column(t, r, INDICATOR_WORDS).is_some()
            && find_column(t, r, PERIOD_WORDS).is_some()
            && find_column(t, r, VALUE_WORDS).is_some()
    })
}

/// The row with the most period cells (the first such), and their count.
fn period_row(t: &Table) -> (usize, usize) {
    let mut best = (0, 0);
    for r in 0..t.rows.len().min(HEADER_SCAN) {
        let n = (0..t.width())
            .filter(|&c| plausible_period(t.cell(r, c)).is_some())
            .count();
        if n > best.1 && t.filled(r) >= 2 {
            best = (r, n);
        }
    }
    best
}

/// The column with the most period cells, and their count.
fn period_column(t: &Table) -> (usize, usize) {
    let mut best = (0, 0);
    for c in 0..t.width() {
        let n = (0..t.rows.len())
            .filter(|&r| plausible_period(t.cell(r, c)).is_some())
            .count();
        if n > best.1 {
            best = (c, n);
        }
    }
    best
}

/// The header of a transposed table: the nearest filled row above the
/// first period in the period column.
fn transposed_header(t: &Table, col: usize) -> Option<usize> {
    let first = (0..t.rows.len()).find(|&r| plausible_period(t.cell(r, col)).is_some())?;
    (0..first).rev().find(|&r| t.filled(r) > 0)
}

pub(super) fn detect(t: &Table, forced: Layout) -> Result<Shape, Diagnostic> {
    let long = long_header(t);
    let (prow, hp) = period_row(t);
    let (pcol, cp) = period_column(t);
    let layout = match forced {
        Layout::Auto if long.is_some() => Layout::Long,
        Layout::Auto if hp == 0 && cp == 0 => {
            return Err(t
                .error_table(
                    0,
                    "cannot tell the layout: no periods (2020, 2020年, 2021-Q1) in a header row or a column".into(),
                )
                .help("name the periods in the header row (wide) or the first column (transposed), or use --layout long with indicator, period and value columns"));
        }
        Layout::Auto if cp > hp => Layout::Transposed,
        Layout::Auto if cp == hp && hp == 1 => {
            // One period in all: a header "指标 | 2020" (wide) or a single
            // data row "2020 | 93" (transposed) — the numbers beside it tell.
            let numbers = (0..t.width())
                .filter(|&c| {
                    c != pcol && matches!(parse_value(&t.cell(prow, c).text), Value::Number(_))
                })
                .count();
            if numbers > 0 {
                Layout::Transposed
            } else {
                Layout::Wide
            }
        }
        Layout::Auto => Layout::Wide,
        other => other,
    };
    let header = match layout {
        Layout::Long => long.unwrap_or_else(|| first_filled(t)),
        Layout::Transposed => transposed_header(t, pcol).unwrap_or_else(|| first_filled(t)),
        _ if hp > 0 => prow,
        _ => first_filled(t),
    };
    Ok(Shape { layout, header })
}

fn first_filled(t: &Table) -> usize {
    (0..t.rows.len()).find(|&r| t.filled(r) > 0).unwrap_or(0)
}
