//! The evaluation table (主要指标完成情况表) and the paragraphs around it:
//! what a planning office hands in at a mid-term or annual review
//! (`docs/outputs.md#evaluation-table`).
//!
//! One row per indicator in the plan's order, sub-indicators under their
//! parent (`其中：小学`), numbered 1, 2, … and (1), (2), …; one column per
//! period from the baseline to the as-of period; the target as the plan
//! writes it; the change a year so far and the change a year still needed;
//! time elapsed, completion and the status word. Before the table, the
//! count of indicators by status and by kind (约束性/预期性); after it, the
//! indicators that need attention with the figures that explain them.
//!
//! Invariants: every figure is the engine's (the per-period values are the
//! series' points), rounded only here for display; completion is clamped to
//! 0–100% ([`crate::display::completion_shown`]); numeric cells carry their
//! exact value and unit as a [`Number`] so spreadsheets get numbers.

use rust_decimal::Decimal;

use super::grid::{Cell, Column, Grid, Kind, Line, Number, Row};
use super::{PlanView, View, counted, narrative};
use crate::display::{self, Lang};
use crate::engine::{Assessment, Status};
use crate::period::{Period, TICKS_PER_YEAR};
use crate::plan::{Indicator, Kind as IndicatorKind, Plan};

/// How an indicator's change a year is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pace {
    /// Percentage points a year (`%`, `‰` units).
    Points,
    /// The unit a year (years of schooling, ratios, scores).
    Level,
    /// Compound growth a year, in % (amounts: people, schools, money).
    Growth,
}

impl Pace {
    /// The pace of an indicator's unit: amounts grow, levels and shares
    /// change (`docs/outputs.md#evaluation-table`).
    pub fn of(ind: &Indicator) -> Pace {
        const AMOUNTS: &[char] = &[
            '元', '人', '所', '个', '台', '件', '册', '次', '亩', '吨', '辆', '座', '张', '项',
            '家', '篇', '名', '套', '间', '户', '万', '亿',
        ];
        match ind.unit.zh.trim() {
            "%" | "‰" => Pace::Points,
            u if u.contains(AMOUNTS) || u.contains("m2") || u.contains("平方米") => Pace::Growth,
            _ => Pace::Level,
        }
    }
}

/// The periods with a column: after the baseline, up to the as-of period,
/// in the baseline's granularity (at most 12: a long monthly series keeps
/// its latest periods).
pub fn periods(plan: &Plan, as_of: Option<Period>) -> Vec<Period> {
    let Some(as_of) = as_of else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut p = plan.baseline.next();
    while p.ends_by(as_of) && out.len() < 400 {
        out.push(p);
        p = p.next();
    }
    let keep = out.len().saturating_sub(12);
    out.split_off(keep)
}

/// The column ids, in their default order (the ids name them in
/// `[report] columns`).
pub const COLUMN_IDS: &[&str] = &[
    "no",
    "group",
    "indicator",
    "kind",
    "baseline",
    "periods",
    "target",
    "annual_change",
    "required",
    "time_progress",
    "completion",
    "status",
];

/// A period as a column header: `2021年` / `2021`.
fn period_label(p: Period, lang: Lang) -> String {
    match (p, lang) {
        (Period::Year(y), Lang::Zh) => format!("{y}年"),
        (p, _) => p.to_string(),
    }
}

/// The header of the evaluation table of `pv`.
fn columns(pv: &PlanView, lang: Lang) -> Vec<(&'static str, Column)> {
    let zh = lang == Lang::Zh;
    let t0 = pv.plan.baseline;
    let tt = pv.plan.target;
    let mut c = vec![
        ("no", Column::new(lang.pick("序号", "No."), Kind::Text)),
        ("group", Column::new(lang.pick("类别", "Group"), Kind::Text)),
        (
            "indicator",
            Column::new(lang.pick("指标（单位）", "Indicator (unit)"), Kind::Name),
        ),
        ("kind", Column::new(lang.pick("属性", "Type"), Kind::Text)),
        (
            "baseline",
            Column::new(
                if zh {
                    format!("{}基期值", period_label(t0, lang))
                } else {
                    format!("{t0} baseline")
                },
                Kind::Number,
            ),
        ),
    ];
    for p in periods(pv.plan, pv.as_of) {
        c.push(("periods", Column::new(period_label(p, lang), Kind::Number)));
    }
    c.extend([
        (
            "target",
            Column::new(
                if zh {
                    format!("{}目标值", period_label(tt, lang))
                } else {
                    format!("{tt} target")
                },
                Kind::Text,
            ),
        ),
        (
            "annual_change",
            Column::new(lang.pick("年均提高", "Annual change"), Kind::Number),
        ),
        (
            "required",
            Column::new(lang.pick("需年均提高", "Required a year"), Kind::Number),
        ),
        (
            "time_progress",
            Column::new(lang.pick("序时进度", "Time elapsed"), Kind::Number),
        ),
        (
            "completion",
            Column::new(lang.pick("完成进度", "Completion"), Kind::Number),
        ),
        (
            "status",
            Column::new(lang.pick("进展情况", "Assessment"), Kind::Status),
        ),
    ]);
    c
}

/// Which columns to show and what to call them (`[report]` of the
/// manifest): ids of [`COLUMN_IDS`] in order, and labels by id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Layout {
    /// Empty: every column, in the default order.
    pub columns: Vec<String>,
    pub labels: Vec<(String, String)>,
}

/// The evaluation table of one plan.
pub fn grid(view: &View, pv: &PlanView, layout: &Layout, anchors: Option<&[String]>) -> Grid {
    let lang = view.lang;
    let all = columns(pv, lang);
    let mut rows = Vec::new();
    let mut last_group: Option<&str> = None;
    for (i, no) in order(pv, lang).into_iter().zip(numbers(pv, lang)) {
        let a = &pv.rows[i];
        let ind = &pv.plan.indicators[a.indicator];
        let group = ind.group_in(lang);
        let first_of_group = group.is_some() && group != last_group;
        last_group = group;
        let cells = cells(pv, a, lang, no, first_of_group);
        rows.push(Row::Line(Line {
            cells,
            status: a.status,
            anchor: anchors.and_then(|x| x.get(i)).cloned(),
            depth: u8::from(ind.parent.is_some()),
        }));
    }
    let grid = Grid {
        columns: all.iter().map(|(_, c)| c.clone()).collect(),
        rows,
    };
    choose(grid, &all, layout)
}

/// Keep, order and rename the columns as `layout` says.
fn choose(grid: Grid, all: &[(&'static str, Column)], layout: &Layout) -> Grid {
    let order: Vec<usize> = if layout.columns.is_empty() {
        (0..all.len()).collect()
    } else {
        let mut v = Vec::new();
        for id in &layout.columns {
            v.extend((0..all.len()).filter(|&i| all[i].0 == id));
        }
        v
    };
    let columns = (order.iter())
        .map(|&i| {
            let (id, c) = &all[i];
            match layout.labels.iter().find(|(k, _)| k == id) {
                Some((_, label)) if *id != "periods" => Column::new(label.clone(), c.kind),
                _ => c.clone(),
            }
        })
        .collect();
    let rows = (grid.rows.into_iter())
        .map(|r| match r {
            Row::Line(mut l) => {
                let mut cells = std::mem::take(&mut l.cells);
                l.cells = order
                    .iter()
                    .map(|&i| std::mem::take(&mut cells[i]))
                    .collect();
                Row::Line(l)
            }
            h => h,
        })
        .collect();
    Grid { columns, rows }
}

/// The rows in the table's order: group by group, in the order the plan's
/// groups first appear (as the status table shows them), each group's
/// indicators in plan order with sub-indicators under their parent.
pub fn order(pv: &PlanView, lang: Lang) -> Vec<usize> {
    super::grouped(pv, lang)
        .into_iter()
        .flat_map(|(_, rows)| rows)
        .collect()
}

/// The number of each row of [`order`]: 1, 2, … for indicators, (1), (2),
/// … for the sub-indicators after one (a row of the same indicator again —
/// another region's — takes the same number).
pub fn numbers(pv: &PlanView, lang: Lang) -> Vec<String> {
    let (mut top, mut sub) = (0, 0);
    let mut last: Option<usize> = None;
    let mut out: Vec<String> = Vec::with_capacity(pv.rows.len());
    for a in order(pv, lang).into_iter().map(|i| &pv.rows[i]) {
        if last == Some(a.indicator) {
            let again = out.last().cloned().unwrap_or_default();
            out.push(again);
            continue;
        }
        last = Some(a.indicator);
        if pv.plan.indicators[a.indicator].parent.is_some() {
            sub += 1;
            out.push(format!("({sub})"));
        } else {
            top += 1;
            sub = 0;
            out.push(top.to_string());
        }
    }
    out
}

/// One row's cells, in the order of [`columns`].
// Long by design: one cell per column, in the order of [`columns`], so the
// two are read side by side; each cell is a few lines of formatting.
fn cells(pv: &PlanView, a: &Assessment, lang: Lang, no: String, first: bool) -> Vec<Cell> {
    let ind = &pv.plan.indicators[a.indicator];
    let prec = display::precision(ind, a);
    let value = |v: Decimal| value_cell(v, ind, prec);
    let mut name = ind.name.get(lang).to_string();
    if ind.parent.is_some() {
        name = format!("{}{name}", lang.pick("其中：", "of which: "));
    }
    let unit = ind.unit.get(lang);
    if !unit.is_empty() {
        name = format!("{name}（{unit}）");
        if lang == Lang::En {
            name = name.replace('（', " (").replace('）', ")");
        }
    }
    let own = pv.plan.region.as_deref().unwrap_or("");
    if a.region != own || !a.breakdown.is_empty() {
        let series = display::series_name(a, pv.plan, lang);
        if !series.is_empty() {
            name = format!("{name} · {series}");
        }
    }
    if ind.is_heading() {
        // A heading: its sub-indicators carry the targets.
        let mut cells = vec![Cell::default(); 5 + periods(pv.plan, pv.as_of).len() + 7];
        cells[0] = Cell::text(no);
        cells[1] = Cell::text(if first {
            ind.group_in(lang).unwrap_or("").to_string()
        } else {
            String::new()
        });
        cells[2] = Cell::text(name);
        cells[3] = Cell::text(kind_word(ind.kind, lang));
        return cells;
    }
    let mut cells = vec![
        Cell::text(no),
        Cell::text(if first {
            ind.group_in(lang).unwrap_or("").to_string()
        } else {
            String::new()
        }),
        Cell::text(name),
        Cell::text(kind_word(ind.kind, lang)),
        match a.baseline {
            Some(b) if b.period != pv.plan.baseline => {
                let mut c = value(b.value);
                c.text = format!("{} ({})", c.text, period_label(b.period, lang));
                c
            }
            Some(b) => value(b.value),
            _ => Cell::default(),
        },
    ];
    for p in periods(pv.plan, pv.as_of) {
        let at = a.points.iter().find(|(q, _)| *q == p).map(|(_, v)| *v);
        cells.push(at.map_or_else(Cell::default, value));
    }
    let mut target = target_as_written(ind, a, pv.plan, lang);
    // A reference region's level, beside the words that name it.
    if let (Some(r), Some(level)) = (ind.target.region(), a.target) {
        let region = pv.plan.region_name(r, lang);
        let level = display::value(level, ind, prec);
        target = match lang {
            Lang::Zh => format!("{target}（{region}{level}）"),
            Lang::En => format!("{target} ({region}: {level})"),
        };
    }
    if a.target_period != pv.plan.target {
        target = format!("{target} ({})", period_label(a.target_period, lang));
    }
    cells.push(Cell::text(target));
    for per_year in [annual_change(ind, a), required(ind, a)] {
        cells.push(
            per_year
                .and_then(|p| per_year_cell(p, ind, lang))
                .unwrap_or_default(),
        );
    }
    cells.push(display::time_progress_shown(a).map_or_else(Cell::default, share));
    cells.push(display::completion_shown(a).map_or_else(Cell::default, share));
    cells.push(Cell::text(a.status.word(a.direction, a.early, lang)));
    cells
}

/// 约束性 / 预期性.
pub fn kind_word(k: IndicatorKind, lang: Lang) -> &'static str {
    match k {
        IndicatorKind::Binding => lang.pick("约束性", "binding"),
        IndicatorKind::Expected => lang.pick("预期性", "expected"),
    }
}

/// The target as the plan writes it in words (`提高到90%以上`,
/// `优于全区水平`); a target written as a formula (`>= 60`, `95`, a table)
/// in the table's own notation (`≥60%`, `95%`).
fn target_as_written(ind: &Indicator, a: &Assessment, plan: &Plan, lang: Lang) -> String {
    let text = ind.target_text.trim();
    let words = !text.is_ascii() && !text.starts_with('{');
    if words && lang == Lang::Zh {
        text.to_string()
    } else {
        display::target(ind, a, plan, lang)
    }
}

/// A value in the indicator's unit as a cell.
fn value_cell(v: Decimal, ind: &Indicator, prec: u32) -> Cell {
    Cell::number(
        display::value(v, ind, prec),
        Number {
            value: v,
            decimals: display::shown_decimals(v, ind, prec),
            suffix: if ind.is_percent() {
                "%".into()
            } else {
                String::new()
            },
        },
    )
}

/// A share (0.6) as a percentage cell (60.0%).
fn share(d: Decimal) -> Cell {
    let pct = d.checked_mul(Decimal::ONE_HUNDRED).unwrap_or(d);
    Cell::number(
        display::percent(d),
        Number {
            value: display::round(pct, 1),
            decimals: 1,
            suffix: "%".into(),
        },
    )
}

/// Whole years from `t0` to `t`, exactly.
fn years(t0: Period, t: Period) -> Option<Decimal> {
    Decimal::from(t.ticks() - t0.ticks()).checked_div(Decimal::from(TICKS_PER_YEAR))
}

/// A change a year, exact: in percentage points or the unit, or a
/// compound growth rate (a fraction: 0.035 is 3.5% a year).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PerYear {
    Change(Decimal),
    Rate(f64),
}

impl Pace {
    /// The word machine output names the pace by: `pp`, `unit`, `rate`.
    pub fn as_str(self) -> &'static str {
        match self {
            Pace::Points => "pp",
            Pace::Level => "unit",
            Pace::Growth => "rate",
        }
    }

    fn pick(self, change: Option<Decimal>, rate: Option<f64>) -> Option<PerYear> {
        match self {
            Pace::Growth => rate.map(PerYear::Rate),
            Pace::Points | Pace::Level => change.map(PerYear::Change),
        }
    }
}

/// The change a year since the baseline (年均提高).
pub fn annual_change(ind: &Indicator, a: &Assessment) -> Option<PerYear> {
    let (t0, t) = (a.baseline?.period, a.latest?.period);
    if t <= t0 {
        return None;
    }
    let per_year = a.change.and_then(|c| c.amount.checked_div(years(t0, t)?));
    Pace::of(ind).pick(per_year, a.cagr)
}

/// The change a year still needed to meet the target by its deadline
/// (需年均提高); none once achieved or past the deadline.
pub fn required(ind: &Indicator, a: &Assessment) -> Option<PerYear> {
    if matches!(a.status, Status::Achieved | Status::Missed) {
        return None;
    }
    Pace::of(ind).pick(a.required_change, a.required_rate)
}

/// A change a year as a cell: `+1.2个百分点`, `+0.1年`, `+3.50%`, `持平`.
fn per_year_cell(per_year: PerYear, ind: &Indicator, lang: Lang) -> Option<Cell> {
    match per_year {
        PerYear::Rate(r) => {
            let pct = Decimal::from_f64_retain(r * 100.0)?;
            let text = format!("{}{}", if r > 0.0 { "+" } else { "" }, display::rate(r));
            Some(Cell::number(
                text,
                Number {
                    value: display::round(pct, 2),
                    decimals: 2,
                    suffix: "%".into(),
                },
            ))
        }
        PerYear::Change(d) => {
            // One decimal, or two where one would round a change to nothing.
            let dp = if display::round(d, 1).is_zero() && !d.is_zero() {
                2
            } else {
                1
            };
            let v = display::round(d, dp);
            let suffix = match Pace::of(ind) {
                Pace::Points => lang.pick("个百分点", " pp").to_string(),
                _ => display::unit_suffix(ind, lang),
            };
            let sign = if v > Decimal::ZERO { "+" } else { "" };
            let text = if v.is_zero() {
                lang.pick("持平", "unchanged").to_string()
            } else {
                format!("{sign}{:.*}{suffix}", dp as usize, v)
            };
            Some(Cell::number(
                text,
                Number {
                    value: v,
                    decimals: dp,
                    suffix,
                },
            ))
        }
    }
}

/// `6项提前实现，5项快于预期` / `6 achieved early, 5 ahead of schedule`.
fn tally<'a>(rows: impl Iterator<Item = &'a Assessment>, lang: Lang) -> String {
    let parts: Vec<String> = (super::tally(rows, lang).into_iter())
        .map(|(_, w, n)| match lang {
            Lang::Zh => format!("{n}项{w}"),
            Lang::En => format!("{n} {w}"),
        })
        .collect();
    parts.join(lang.pick("，", ", "))
}

/// The paragraph before a plan's table: how many indicators stand how,
/// all and the binding ones.
pub fn summary(view: &View, pv: &PlanView) -> String {
    let lang = view.lang;
    let rows: Vec<&Assessment> = counted(pv).collect();
    let binding: Vec<&Assessment> = counted(pv)
        .filter(|a| pv.plan.indicators[a.indicator].kind == IndicatorKind::Binding)
        .collect();
    let n = rows.len();
    let all = tally(rows.iter().copied(), lang);
    let mut s = match lang {
        Lang::Zh => format!("纳入监测的{n}项主要指标中，{all}"),
        Lang::En => format!("Of the {n} main indicators monitored, {all}"),
    };
    if !binding.is_empty() {
        let m = binding.len();
        let b = tally(binding.iter().copied(), lang);
        s.push_str(&match lang {
            Lang::Zh => format!("；其中约束性指标{m}项，{b}"),
            Lang::En => format!("; of the {m} binding indicators, {b}"),
        });
    }
    s.push_str(lang.pick("。", "."));
    s
}

/// The statuses the paragraphs after the table name, worst first.
const ATTENTION: [Status; 5] = [
    Status::Missed,
    Status::Regressing,
    Status::OffTrack,
    Status::AtRisk,
    Status::NoData,
];

/// The paragraphs after a plan's table: each indicator that needs
/// attention, its status and the sentence that explains it (年均需提高…，
/// 按目前趋势…).
pub fn attention(view: &View, pv: &PlanView) -> Vec<String> {
    let lang = view.lang;
    let mut out = Vec::new();
    for st in ATTENTION {
        for a in counted(pv).filter(|a| a.status == st) {
            let word = a.status.word(a.direction, a.early, lang);
            let sentence = narrative::sentence(pv.plan, a, pv.as_of, lang);
            out.push(match lang {
                Lang::Zh => format!("【{word}】{sentence}"),
                Lang::En => format!("[{word}] {sentence}"),
            });
        }
    }
    out
}

/// The table's title: `锡林郭勒盟“十四五”教育事业发展规划主要指标完成情况（截至2023年）`.
pub fn title(view: &View, pv: &PlanView) -> String {
    let name = pv.plan.name.get(view.lang);
    // A plan named for its targets (`…主要目标`) is not named twice.
    let what = if name.ends_with("主要目标") || name.ends_with("主要指标") {
        "完成情况"
    } else {
        "主要指标完成情况"
    };
    match (view.lang, pv.as_of) {
        (Lang::Zh, Some(p)) => format!("{name}{what}（截至{}）", period_label(p, Lang::Zh)),
        (Lang::Zh, None) => format!("{name}{what}"),
        (Lang::En, Some(p)) => format!("{name}: main indicators as of {p}"),
        (Lang::En, None) => format!("{name}: main indicators"),
    }
}
