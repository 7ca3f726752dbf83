//! Renderers of `track status`: one output format per file, all behind
//! [`Render`], all reading the same [`View`].
//!
//! Machine formats (JSON, CSV) share one [`record`] of the SPEC §5 columns,
//! stable and in English whatever the language; human formats (table,
//! Markdown) share the words of [`crate::display`].

pub mod chart;
pub mod csv;
pub mod json;
pub mod markdown;
pub mod record;
pub mod stream;
pub mod table;

use std::collections::BTreeSet;
use std::io;

use crate::actuals::Actuals;
use crate::display::Lang;
use crate::engine::{Assessment, Status};
use crate::period::Period;
use crate::plan::Plan;

/// One plan's assessed series, as of a period.
pub struct PlanView<'a> {
    pub plan: &'a Plan,
    pub actuals: &'a Actuals,
    pub as_of: Option<Period>,
    pub rows: Vec<Assessment>,
}

/// What a renderer draws.
pub struct View<'a> {
    pub plans: Vec<PlanView<'a>>,
    pub lang: Lang,
    /// Colour status words (ANSI; stripped later where not wanted).
    pub color: bool,
    /// Show the region column (one row per series).
    pub by_series: bool,
}

impl View<'_> {
    /// Counts of each status over every row, in status order.
    pub fn counts(&self) -> Vec<(Status, usize)> {
        let mut n = [0; Status::ALL.len()];
        for a in self.plans.iter().flat_map(|p| &p.rows) {
            n[a.status.index()] += 1;
        }
        Status::ALL
            .into_iter()
            .zip(n)
            .filter(|(_, n)| *n > 0)
            .collect()
    }
}

pub trait Render {
    fn render(&self, view: &View, out: &mut dyn io::Write) -> io::Result<()>;
}

/// The output formats of `status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Csv,
    Markdown,
}

impl Format {
    pub fn renderer(self) -> Box<dyn Render> {
        match self {
            Format::Table => Box::new(table::Table),
            Format::Json => Box::new(json::Json),
            Format::Csv => Box::new(csv::Csv),
            Format::Markdown => Box::new(markdown::Markdown),
        }
    }
}

/// The status summary line: `11 项指标: 已完成 3 · 符合进度 2 …`.
pub fn summary(view: &View) -> String {
    let total: usize = view.plans.iter().map(|p| p.rows.len()).sum();
    let parts: Vec<String> = view
        .counts()
        .into_iter()
        .map(|(s, n)| format!("{} {n}", s.label(view.lang.en(), false)))
        .collect();
    let what = if view.by_series {
        view.lang.pick("个序列", "series")
    } else {
        crate::display::labels(view.lang).indicators
    };
    let sep = view.lang.pick(": ", ": ");
    format!("{total} {what}{sep}{}", parts.join(" · "))
}

/// The header of the human formats.
pub fn human_header(view: &View) -> Vec<String> {
    let l = crate::display::labels(view.lang);
    let mut h = vec![l.indicator];
    if view.by_series {
        h.push(l.region);
    }
    h.extend([
        l.baseline,
        l.latest,
        l.target,
        l.gap,
        l.completion,
        l.time_progress,
        l.change,
        l.status,
    ]);
    h.into_iter().map(str::to_string).collect()
}

/// The cells of one row in the human formats (no colour).
pub fn human_row(view: &View, pv: &PlanView, a: &Assessment) -> Vec<String> {
    use crate::display::{change, percent, precision, series_name, target, value};
    let lang = view.lang;
    let ind = &pv.plan.indicators[a.indicator];
    let prec = precision(ind, a);
    let mut name = ind.name_in(lang.en()).to_string();
    if !ind.is_percent() && !ind.unit.is_empty() {
        name = format!("{name} ({})", ind.unit_in(lang.en()));
    }
    if a.rollup > 0 {
        name = match lang {
            crate::display::Lang::Zh => format!("{name} ({} 个序列)", a.rollup),
            crate::display::Lang::En => format!("{name} ({} series)", a.rollup),
        };
    }
    let mut row = vec![name];
    if view.by_series {
        row.push(series_name(a, pv.plan, lang));
    }
    let baseline = match (a.baseline, a.baseline_period) {
        (Some(b), Some(p)) if p != ind.baseline_period => format!("{} ({p})", value(b, ind, prec)),
        (Some(b), _) => value(b, ind, prec),
        _ => "—".into(),
    };
    let latest = match (a.value, a.period) {
        (Some(v), Some(p)) => format!("{} ({p})", value(v, ind, prec)),
        _ => "—".into(),
    };
    let dash = || "—".to_string();
    row.extend([
        baseline,
        latest,
        target(ind, a, pv.plan, lang),
        a.gap
            .map_or_else(dash, |g| crate::display::number(g, ind, prec)),
        crate::display::completion_shown(a).map_or_else(dash, percent),
        crate::display::time_progress_shown(a).map_or_else(dash, percent),
        a.change.map_or_else(dash, |c| change(c, ind, prec, lang)),
        a.status.label(lang.en(), a.early).to_string(),
    ]);
    row
}

/// Rows grouped under their plan's `group` headings, in plan order:
/// `(Some(group), rows)` per heading, `(None, rows)` for ungrouped ones.
pub fn grouped<'v>(pv: &'v PlanView, english: bool) -> Vec<(Option<&'v str>, Vec<&'v Assessment>)> {
    let mut out: Vec<(Option<&str>, Vec<&Assessment>)> = Vec::new();
    for a in &pv.rows {
        let g = pv.plan.indicators[a.indicator].group_in(english);
        match out.iter_mut().find(|(og, _)| *og == g) {
            Some((_, rows)) => rows.push(a),
            None => out.push((g, vec![a])),
        }
    }
    out
}

/// The title line of a plan: `name (截至 2023)`.
pub fn plan_title(view: &View, pv: &PlanView) -> String {
    let l = crate::display::labels(view.lang);
    match pv.as_of {
        Some(p) => format!("{} ({} {p})", pv.plan.name_in(view.lang.en()), l.as_of),
        None => pv.plan.name_in(view.lang.en()).to_string(),
    }
}

/// Warnings the engine attached to rows, handed on each once.
pub struct Warnings<'a> {
    seen: BTreeSet<String>,
    say: Box<dyn FnMut(&str) + 'a>,
}

impl<'a> Warnings<'a> {
    pub fn new(say: Box<dyn FnMut(&str) + 'a>) -> Warnings<'a> {
        Warnings {
            seen: BTreeSet::new(),
            say,
        }
    }

    /// Hand on the warnings of `rows` not said yet.
    pub fn rows(&mut self, rows: &[Assessment]) {
        for w in rows.iter().flat_map(|a| &a.warnings) {
            self.say(w);
        }
    }

    /// Hand on `w` unless it was said already.
    pub fn say(&mut self, w: &str) {
        if !self.seen.contains(w) {
            self.seen.insert(w.to_string());
            (self.say)(w);
        }
    }
}
