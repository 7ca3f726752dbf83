//! What people are shown, before any format: the assessed plans ([`View`])
//! and what is built from them — the status table as a [`grid::Grid`]
//! ([`status`]), the sentences of a progress report ([`narrative`]), the
//! report's summary, flagged rows and regional matrix ([`report`]), and
//! `show`'s one-indicator document ([`indicator`]).
//!
//! Invariants: everything here is in the reader's language ([`Lang`]) and
//! rounded for display only (with [`crate::display`]); nothing here
//! computes a figure (the engine does, through [`crate::query`]) or knows
//! a markup (the exporters of [`crate::export`] do).

pub mod evaluation;
pub mod grid;
pub mod indicator;
pub mod narrative;
pub mod report;
pub mod status;

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
    /// How many rows have each status word, in status order (achieved
    /// early before achieved): `(status, word, count)`.
    pub fn counts(&self) -> Vec<(Status, &'static str, usize)> {
        tally(self.plans.iter().flat_map(counted), self.lang)
    }
}

/// How many of `rows` have each status word, in status order (achieved
/// early before achieved; 不升反降 before 不降反升).
pub fn tally<'a>(
    rows: impl Iterator<Item = &'a Assessment>,
    lang: Lang,
) -> Vec<(Status, &'static str, usize)> {
    let mut out: Vec<(Status, bool, &'static str, usize)> = Vec::new();
    for a in rows {
        let word = a.status.word(a.direction, a.early, lang);
        match out.iter_mut().find(|(_, _, w, _)| *w == word) {
            Some((_, _, _, n)) => *n += 1,
            None => out.push((a.status, !a.early, word, 1)),
        }
    }
    out.sort_by_key(|&(s, late, w, _)| (s.index(), late, w));
    out.into_iter().map(|(s, _, w, n)| (s, w, n)).collect()
}

/// The rows a summary counts: all but a heading's (an indicator without a
/// target of its own, whose sub-indicators are counted instead).
pub fn counted<'v>(pv: &'v PlanView) -> impl Iterator<Item = &'v Assessment> {
    (pv.rows.iter()).filter(|a| !pv.plan.indicators[a.indicator].is_heading())
}

/// The status summary line: `11 项指标: 提前实现 3 · 基本符合预期 2 …`.
pub fn summary(view: &View) -> String {
    let total: usize = view.plans.iter().map(|p| counted(p).count()).sum();
    let parts: Vec<String> = view
        .counts()
        .into_iter()
        .map(|(_, w, n)| format!("{w} {n}"))
        .collect();
    let what = if view.by_series {
        view.lang.pick("个序列", "series")
    } else {
        crate::display::labels(view.lang).indicators
    };
    let sep = view.lang.pick(": ", ": ");
    format!("{total} {what}{sep}{}", parts.join(" · "))
}

/// An indicator's group; a sub-indicator without a group of its own is in
/// its parent's.
pub fn group_of(plan: &Plan, indicator: usize, lang: Lang) -> Option<&str> {
    std::iter::once(indicator)
        .chain(plan.ancestors(indicator))
        .find_map(|j| plan.indicators[j].group_in(lang))
}

/// Rows grouped under their plan's `group` headings, in plan order:
/// `(Some(group), row indices)` per heading, `(None, …)` for ungrouped ones.
pub fn grouped<'v>(pv: &'v PlanView, lang: Lang) -> Vec<(Option<&'v str>, Vec<usize>)> {
    let mut out: Vec<(Option<&str>, Vec<usize>)> = Vec::new();
    for (i, a) in pv.rows.iter().enumerate() {
        let g = group_of(pv.plan, a.indicator, lang);
        match out.iter_mut().find(|(og, _)| *og == g) {
            Some((_, rows)) => rows.push(i),
            None => out.push((g, vec![i])),
        }
    }
    out
}

/// The title line of a plan: `name（截至2023年）` / `name (as of 2023)`.
pub fn plan_title(view: &View, pv: &PlanView) -> String {
    let name = pv.plan.name.get(view.lang);
    let lang = view.lang;
    match (pv.as_of, lang) {
        (Some(p), Lang::Zh) => format!("{name}（{}）", crate::display::as_of(p, lang)),
        (Some(p), Lang::En) => format!("{name} ({})", crate::display::as_of(p, lang)),
        (None, _) => name.to_string(),
    }
}
