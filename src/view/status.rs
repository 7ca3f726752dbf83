//! The status table: one row per indicator (or series) with its baseline,
//! latest value, target, gap, completion, time elapsed, change and status,
//! under the plan's group headings, as a [`Grid`] every human format draws.

use super::grid::{Cell, Column, Grid, Kind, Line, Row};
use super::{PlanView, View, grouped};
use crate::display::{self, Lang, labels};
use crate::engine::Assessment;

/// The cells of one row, by name.
pub struct StatusRow {
    pub name: String,
    /// The series' region and breakdown (one row per series only).
    pub series: Option<String>,
    pub baseline: String,
    pub latest: String,
    pub target: String,
    pub gap: String,
    pub completion: String,
    pub time_progress: String,
    pub change: String,
    pub status: String,
}

impl StatusRow {
    /// The row of one assessed series.
    pub fn of(view: &View, pv: &PlanView, a: &Assessment) -> StatusRow {
        use crate::display::{change, percent, precision, series_name, target, value};
        let lang = view.lang;
        let ind = &pv.plan.indicators[a.indicator];
        let prec = precision(ind, a);
        let mut name = ind.name.get(lang).to_string();
        if ind.parent.is_some() {
            name = format!("{}{name}", lang.pick("其中：", "of which: "));
        }
        if !ind.is_percent() && !ind.unit.zh.is_empty() {
            name = format!("{name} ({})", ind.unit.get(lang));
        }
        if a.rollup > 0 {
            name = match lang {
                Lang::Zh => format!("{name} ({} 个序列)", a.rollup),
                Lang::En => format!("{name} ({} series)", a.rollup),
            };
        }
        let dash = || "—".to_string();
        if ind.is_heading() {
            // A heading: its sub-indicators carry the targets.
            return StatusRow {
                name,
                series: view.by_series.then(String::new),
                ..StatusRow::blank()
            };
        }
        let baseline = match a.baseline {
            Some(b) if b.period != ind.baseline_period => {
                format!("{} ({})", value(b.value, ind, prec), b.period)
            }
            Some(b) => value(b.value, ind, prec),
            _ => dash(),
        };
        let latest = match a.latest {
            Some(l) => format!("{} ({})", value(l.value, ind, prec), l.period),
            _ => dash(),
        };
        StatusRow {
            name,
            series: view.by_series.then(|| series_name(a, pv.plan, lang)),
            baseline,
            latest,
            target: target(ind, a, pv.plan, lang),
            gap: a.gap.map_or_else(dash, |g| display::number(g, ind, prec)),
            completion: display::completion_shown(a).map_or_else(dash, percent),
            time_progress: display::time_progress_shown(a).map_or_else(dash, percent),
            change: a
                .change
                .map_or_else(dash, |c| change(c.amount, ind, prec, lang)),
            status: a.status.word(a.direction, a.early, lang).to_string(),
        }
    }

    /// A row without figures.
    fn blank() -> StatusRow {
        StatusRow {
            name: String::new(),
            series: None,
            baseline: String::new(),
            latest: String::new(),
            target: String::new(),
            gap: String::new(),
            completion: String::new(),
            time_progress: String::new(),
            change: String::new(),
            status: String::new(),
        }
    }

    /// The cells in the order of [`columns`].
    fn cells(self) -> Vec<Cell> {
        let mut cells = vec![self.name];
        cells.extend(self.series);
        cells.extend([
            self.baseline,
            self.latest,
            self.target,
            self.gap,
            self.completion,
            self.time_progress,
            self.change,
            self.status,
        ]);
        cells.into_iter().map(Cell::from).collect()
    }
}

/// Whether a row is a sub-indicator's (indented under its parent).
fn ind_parent(pv: &PlanView, a: &Assessment) -> bool {
    pv.plan.indicators[a.indicator].parent.is_some()
}

/// The columns of the status table.
pub fn columns(view: &View) -> Vec<Column> {
    let l = labels(view.lang);
    let mut c = vec![Column::new(l.indicator, Kind::Name)];
    if view.by_series {
        c.push(Column::new(l.region, Kind::Text));
    }
    for label in [
        l.baseline,
        l.latest,
        l.target,
        l.gap,
        l.completion,
        l.time_progress,
        l.change,
    ] {
        c.push(Column::new(label, Kind::Number));
    }
    c.push(Column::new(l.status, Kind::Status));
    c
}

/// One plan's status table; `anchors` names each row's details (by row
/// index in `pv.rows`), where a report has them.
pub fn grid(view: &View, pv: &PlanView, anchors: Option<&[String]>) -> Grid {
    let mut rows = Vec::new();
    for (group, members) in grouped(pv, view.lang) {
        if let Some(g) = group {
            rows.push(Row::Heading(g.to_string()));
        }
        for i in members {
            let a = &pv.rows[i];
            rows.push(Row::Line(Line {
                cells: StatusRow::of(view, pv, a).cells(),
                status: a.status,
                anchor: anchors.and_then(|x| x.get(i)).cloned(),
                depth: u8::from(group.is_some()) + u8::from(ind_parent(pv, a)),
            }));
        }
    }
    Grid {
        columns: columns(view),
        rows,
    }
}
