//! The parts of a report around the table: its title, each series' title
//! and anchor (slug), the rows that need attention, where a value came
//! from, and the matrix of every region's status.
//!
//! Invariants: slugs are safe file names and fragment ids (no `/`, no
//! `..`, unique within a report); the matrix shows the same as-of period
//! and method as the report's table, from a second selection of every
//! region's total series (see [`crate::query::Rows::ByRegion`]).

use super::{PlanView, View};
use crate::display::{self, Lang};
use crate::engine::{Assessment, Dated, Status};
use crate::plan::Plan;

/// The document's title: the plans' names.
pub fn document_title(view: &View) -> String {
    let names: Vec<&str> = view
        .plans
        .iter()
        .map(|pv| pv.plan.name.get(view.lang))
        .collect();
    if names.is_empty() {
        view.lang
            .pick("指标监测报告", "Indicator report")
            .to_string()
    } else {
        names.join(" · ")
    }
}

/// A series' title: the indicator's name, and its region and breakdown
/// when it is not the plan's own series.
pub fn title(plan: &Plan, a: &Assessment, lang: Lang) -> String {
    let Some(ind) = plan.indicators.get(a.indicator) else {
        return String::new();
    };
    let mut name = ind.name.get(lang).to_string();
    let own = plan.region.as_deref().unwrap_or("");
    if a.region != own || !a.breakdown.is_empty() {
        let series = display::series_name(a, plan, lang);
        if !series.is_empty() {
            name = format!("{name} · {series}");
        }
    }
    name
}

/// A file-name and fragment-safe slug: ASCII letters, digits and `_`,
/// runs of anything else (`/`, `.`, CJK) as one `-`; never empty, never
/// `..` or a hidden file.
pub fn slug(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_alphanumeric() || c == '_' {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        "x".into()
    } else {
        out.to_string()
    }
}

/// One stable, unique slug per row of every plan: `plan-indicator`, with
/// the region and breakdown for series that are not the plan's own.
pub fn slugs(view: &View) -> Vec<Vec<String>> {
    let mut seen = std::collections::HashSet::new();
    view.plans
        .iter()
        .map(|pv| {
            let own = pv.plan.region.as_deref().unwrap_or("");
            pv.rows
                .iter()
                .map(|a| {
                    let ind = pv.plan.indicators.get(a.indicator);
                    let mut s = format!("{}-{}", pv.plan.id, ind.map_or("", |i| i.id.as_str()));
                    if a.region != own {
                        s = format!("{s}-{}", a.region);
                    }
                    if !a.breakdown.is_empty() {
                        s = format!("{s}-{}", a.breakdown);
                    }
                    let base = slug(&s);
                    let mut s = base.clone();
                    let mut n = 2;
                    while !seen.insert(s.clone()) {
                        s = format!("{base}-{n}");
                        n += 1;
                    }
                    s
                })
                .collect()
        })
        .collect()
}

/// The statuses that need attention, worst first.
pub const FLAGGED: [Status; 4] = [
    Status::Missed,
    Status::Regressing,
    Status::OffTrack,
    Status::AtRisk,
];

/// Rows needing attention, worst first, as `(plan index, row index)`.
pub fn flagged(view: &View) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for st in FLAGGED {
        for (i, pv) in view.plans.iter().enumerate() {
            for (j, a) in pv.rows.iter().enumerate() {
                if a.status == st {
                    out.push((i, j));
                }
            }
        }
    }
    out
}

/// A region × indicator table of statuses.
pub struct Matrix {
    /// Region names, the plan's own first.
    pub regions: Vec<String>,
    pub rows: Vec<MatrixRow>,
}

pub struct MatrixRow {
    pub indicator: String,
    /// One per region: `None` where the region has no series.
    pub cells: Vec<Option<MatrixCell>>,
}

pub struct MatrixCell {
    pub status: Status,
    pub label: &'static str,
    /// The latest value (`—` without one).
    pub value: String,
}

/// The matrix of a plan whose data has regions other than its own:
/// `regions` holds every region's series of the plan, assessed as the
/// report's rows are; the matrix shows the indicators of the report's rows.
// Long by design: the regions' order (the plan's region first, then as
// the data names them) and the cells are built in one walk over the
// regional rows, which both need.
pub fn matrix(view: &View, pv: &PlanView, regions: &PlanView) -> Option<Matrix> {
    if !display::has_other_regions(pv.plan, pv.actuals) {
        return None;
    }
    let as_of = pv.as_of?;
    let all = &regions.rows;
    let own = pv.plan.region.as_deref().unwrap_or("");
    let mut regions: Vec<String> = Vec::new();
    let mut push = |r: &str| {
        if !regions.iter().any(|x| x == r) {
            regions.push(r.to_string());
        }
    };
    if all
        .iter()
        .any(|a| a.region == own && a.breakdown.is_empty())
    {
        push(own);
    }
    for r in &pv.plan.regions {
        if all
            .iter()
            .any(|a| a.region == r.id && a.breakdown.is_empty())
        {
            push(&r.id);
        }
    }
    let mut rest: Vec<&str> = all
        .iter()
        .filter(|a| a.breakdown.is_empty())
        .map(|a| a.region.as_str())
        .collect();
    rest.sort_unstable();
    for r in rest {
        push(r);
    }
    let mut indicators: Vec<usize> = Vec::new();
    for a in &pv.rows {
        if !indicators.contains(&a.indicator) {
            indicators.push(a.indicator);
        }
    }
    let lang = view.lang;
    let rows = indicators
        .into_iter()
        .filter_map(|i| {
            let ind = pv.plan.indicators.get(i)?;
            let cells = regions
                .iter()
                .map(|r| {
                    let a = all
                        .iter()
                        .find(|a| a.indicator == i && a.region == *r && a.breakdown.is_empty())?;
                    let value = match a.latest {
                        Some(Dated {
                            period: p,
                            value: v,
                        }) => {
                            let v = display::value(v, ind, display::precision(ind, a));
                            if p == as_of { v } else { format!("{v} ({p})") }
                        }
                        _ => "—".into(),
                    };
                    Some(MatrixCell {
                        status: a.status,
                        label: a.status.word(a.direction, a.early, lang),
                        value,
                    })
                })
                .collect();
            Some(MatrixRow {
                indicator: ind.name.get(lang).to_string(),
                cells,
            })
        })
        .collect();
    Some(Matrix {
        regions: regions
            .iter()
            .map(|r| pv.plan.region_name(r, lang))
            .collect(),
        rows,
    })
}

/// Where a series' latest value comes from (the actuals' `source` and
/// `note` of that row), if the data says.
pub fn provenance(pv: &PlanView, a: &Assessment) -> (Option<String>, Option<String>) {
    let act = pv.actuals;
    let Some(series) = act.series_named(a.indicator, &a.region, &a.breakdown) else {
        return (None, None);
    };
    let latest = a.latest.map(|l| l.period);
    let Some(point) = series.points().rev().find(|p| Some(p.period) == latest) else {
        return (None, None);
    };
    let text = |i: Option<u32>| {
        i.filter(|&i| (i as usize) < act.texts.len())
            .map(|i| act.texts.name(i).to_string())
            .filter(|s| !s.is_empty())
    };
    (text(point.source), text(point.note))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_safe_file_names() {
        assert_eq!(
            slug("china-edu-14fyp-preschool_ger"),
            "china-edu-14fyp-preschool_ger"
        );
        assert_eq!(slug("p-x-../../etc/passwd"), "p-x-etc-passwd");
        assert_eq!(slug("p-x-sex=女"), "p-x-sex");
        assert_eq!(slug("edu.ger"), "edu-ger");
        assert_eq!(slug("..."), "x");
        assert_eq!(slug("A B"), "a-b");
    }
}
