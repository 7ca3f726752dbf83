//! `track show ID`: one indicator in depth — its definition, every period
//! of its series with the change since baseline, the change from the
//! period before and the plan's linear path, then the summary figures,
//! the narrative sentence and a terminal chart ([`text`]), or the same
//! figures as JSON ([`json`]).
//!
//! Which indicator: `ID`, or `PLAN/ID` when several plans define it (the
//! plan's id, or a prefix of it that names one plan); `--plan FILE` works
//! too, as for every command. Which series: the plan's own (its region,
//! no breakdown) unless `--region R` names another; `--by region` gives
//! one block per region, `--by DIM` one per value of a breakdown column.
//! A name that does not exist is an input error (exit 2) with a
//! "did you mean".
//!
//! Invariants: every figure comes from the engine, assessed as the other
//! commands assess (the same as-of: `--as-of`, else the manifest's, else
//! the plan's latest period); the figures of a row are the engine's, as of
//! that row's period. The one number computed here is the plan's path, a
//! straight line from the baseline to the target level at the deadline.

mod json;
mod text;

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context as _;
use rust_decimal::Decimal;

use super::select::{Selection, select};
use crate::actuals::{Actuals, SeriesKey};
use crate::cli::{Global, MethodArg, ShowArgs, ShowFormat};
use crate::diag::{Diagnostic, Diagnostics, InputError};
use crate::display::Lang;
use crate::engine::{Assessment, Context, Goal};
use crate::period::Period;
use crate::plan::{Method, Plan};
use crate::render::PlanView;

/// One period of a series, with the engine's figures as of that period.
#[derive(Debug, Clone)]
pub struct Row {
    pub period: Period,
    pub value: Decimal,
    /// Since the baseline (none at or before it).
    pub change: Option<Decimal>,
    pub change_pct: Option<Decimal>,
    /// From the period before.
    pub yoy: Option<Decimal>,
    pub yoy_pct: Option<Decimal>,
    /// The plan's path at this period.
    pub path: Option<Decimal>,
    pub source: Option<String>,
    pub note: Option<String>,
    /// The value is the plan's `baseline`, not a row of the data.
    pub from_plan: bool,
}

/// One series: its assessment and its periods.
pub struct Block {
    pub a: Assessment,
    pub rows: Vec<Row>,
}

/// Everything `show` prints.
pub struct Shown<'w> {
    pub plan: &'w Plan,
    pub indicator: usize,
    pub as_of: Option<Period>,
    pub blocks: Vec<Block>,
    pub lang: Lang,
}

pub fn run(args: &ShowArgs, global: &Global) -> anyhow::Result<ExitCode> {
    let as_of = match &args.as_of {
        Some(s) => Some(Period::parse(s).with_context(|| format!("--as-of {s}"))?),
        None => None,
    };
    let method = args.method.map(|m| match m {
        MethodArg::Time => Method::Time,
        MethodArg::Cagr => Method::Cagr,
    });
    let ws = super::load(&args.input, global)?;
    let (plan_idx, ind_idx) = resolve(&ws.plans, &args.id)?;
    // Every series of every plan, assessed as `status` would: the same as-of.
    let sel = Selection {
        as_of,
        region: None,
        by: Some("*".into()),
        group: None,
        statuses: Vec::new(),
        method,
    };
    // The indicator's series only; every period is shown and charted:
    // keep the points.
    let pv = select(&ws, &sel)?
        .swap_remove(plan_idx)
        .only_indicator(ind_idx)
        .keep_points()
        .view();
    let lang = super::status::lang(global, ws.defaults.lang);
    let series = pick(&pv, ind_idx, args.region.as_deref(), args.by.as_deref())?;
    let blocks = series
        .into_iter()
        .map(|a| Block {
            rows: rows(&pv, &a, method),
            a,
        })
        .collect();
    let shown = Shown {
        plan: pv.plan,
        indicator: ind_idx,
        as_of: pv.as_of,
        blocks,
        lang,
    };
    let mut seen = std::collections::BTreeSet::new();
    for w in shown.blocks.iter().flat_map(|b| &b.a.warnings) {
        if seen.insert(w) {
            super::print_diagnostics([&Diagnostic::warning(w.clone())]);
        }
    }
    let mut out = super::stdout();
    match args.format {
        ShowFormat::Json => json::write(&shown, &mut out)?,
        ShowFormat::Table => {
            let terminal = std::io::IsTerminal::is_terminal(&std::io::stdout());
            let opts = text::Options {
                color: super::stdout_styled(),
                ascii: crate::render::chart::use_ascii(args.ascii, terminal, |k| {
                    std::env::var(k).ok()
                }),
            };
            text::write(&shown, opts, &mut out)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn input_error(d: Diagnostic) -> anyhow::Error {
    InputError(Diagnostics(vec![d])).into()
}

/// The plan and indicator `id` names (`ID` or `PLAN/ID`), as indices.
fn resolve(plans: &[crate::workspace::Loaded], id: &str) -> anyhow::Result<(usize, usize)> {
    let (plan_part, ind_id) = match id.rsplit_once('/') {
        Some((p, i)) => (Some(p), i),
        None => (None, id),
    };
    let candidates: Vec<usize> = match plan_part {
        None => (0..plans.len()).collect(),
        Some(p) => {
            let exact: Vec<usize> = (0..plans.len())
                .filter(|&i| plans[i].plan.id == p)
                .collect();
            let chosen = if exact.is_empty() {
                (0..plans.len())
                    .filter(|&i| !p.is_empty() && plans[i].plan.id.starts_with(p))
                    .collect()
            } else {
                exact
            };
            if chosen.len() != 1 {
                let ids: Vec<&str> = plans.iter().map(|l| l.plan.id.as_str()).collect();
                let what = if chosen.is_empty() {
                    format!("no plan `{p}` (in `{id}`)")
                } else {
                    format!("`{p}` (in `{id}`) names several plans")
                };
                let mut d = Diagnostic::error(what);
                d = match crate::plan::load_suggest(p, &ids) {
                    Some(s) if chosen.is_empty() => d.help(format!("did you mean `{s}/{ind_id}`?")),
                    _ => d.help(format!("the plans are: {}", ids.join(", "))),
                };
                return Err(input_error(d));
            }
            chosen
        }
    };
    let found: Vec<(usize, usize)> = candidates
        .iter()
        .filter_map(|&p| Some((p, plans[p].plan.indicator_index(ind_id)?)))
        .collect();
    let qualified = |p: usize| format!("{}/{ind_id}", plans[p].plan.id);
    match found.as_slice() {
        [one] => Ok(*one),
        [] => {
            // Suggest among the ids of the plans searched (bare ids: a
            // long qualified name would let a distant one look near).
            let ids: Vec<&str> = candidates
                .iter()
                .flat_map(|&p| plans[p].plan.indicators.iter().map(|i| i.id.as_str()))
                .collect();
            // Qualified, the plan is the one candidate.
            let named = candidates.first().filter(|_| plan_part.is_some());
            let (what, prefix) = match named {
                Some(&p) => {
                    let plan = &plans[p].plan.id;
                    (
                        format!("unknown indicator `{ind_id}`: plan `{plan}` does not define it"),
                        format!("{plan}/"),
                    )
                }
                None => (
                    format!("unknown indicator `{id}`: no plan defines it"),
                    String::new(),
                ),
            };
            let mut d = Diagnostic::error(what);
            if let Some(s) = crate::plan::load_suggest(ind_id, &ids) {
                d = d.help(format!("did you mean `{prefix}{s}`?"));
            }
            Err(input_error(d))
        }
        many => {
            let names: Vec<String> = many
                .iter()
                .map(|(p, _)| format!("`{}`", qualified(*p)))
                .collect();
            Err(input_error(
                Diagnostic::error(format!(
                    "indicator `{id}` is defined in {} plans",
                    many.len()
                ))
                .help(format!(
                    "name one as PLAN/ID: {} (or pick the plan file with --plan)",
                    names.join(", ")
                )),
            ))
        }
    }
}

/// The series to show, in the engine's order (region, then breakdown).
fn pick(
    pv: &PlanView,
    ind_idx: usize,
    region: Option<&str>,
    by: Option<&str>,
) -> anyhow::Result<Vec<Assessment>> {
    let plan = pv.plan;
    let ind = &plan.indicators[ind_idx];
    let own = plan.region.as_deref().unwrap_or("");
    let rows: Vec<&Assessment> = pv.rows.iter().filter(|a| a.indicator == ind_idx).collect();
    if let Some(r) = region
        && !plan.knows_region(r)
        && !rows.iter().any(|a| a.region == r)
    {
        let mut ids: Vec<&str> = plan.regions.iter().map(|x| x.id.as_str()).collect();
        ids.extend(plan.region.as_deref());
        ids.sort_unstable();
        ids.dedup();
        let mut d = Diagnostic::error(format!(
            "--region {r}: plan `{}` has no such region",
            plan.id
        ));
        d = match crate::plan::load_suggest(r, &ids) {
            Some(s) => d.help(format!("did you mean `{s}`?")),
            None if !ids.is_empty() => d.help(format!("its regions: {}", ids.join(", "))),
            None => d,
        };
        return Err(input_error(d));
    }
    if let Some(dim) = by
        && dim != "region"
        && !pv.actuals.dims.iter().any(|d| d == dim)
    {
        let mut ids: Vec<&str> = pv.actuals.dims.iter().map(String::as_str).collect();
        ids.push("region");
        let mut d = Diagnostic::error(format!(
            "--by {dim}: the actuals of plan `{}` have no column `{dim}`",
            plan.id
        ));
        d = match crate::plan::load_suggest(dim, &ids) {
            Some(s) => d.help(format!("did you mean `{s}`?")),
            None => d.help(format!("use --by {}", ids.join(", --by "))),
        };
        return Err(input_error(d));
    }
    let only_dim = |a: &Assessment, dim: &str| {
        !a.breakdown.is_empty()
            && a.breakdown
                .split(';')
                .all(|kv| kv.split_once('=').is_some_and(|(k, _)| k == dim))
    };
    let keep = |a: &&Assessment| match (by, region) {
        (Some("region"), Some(r)) | (None, Some(r)) => a.region == r && a.breakdown.is_empty(),
        (Some("region"), None) => a.breakdown.is_empty(),
        (Some(dim), r) => a.region == r.unwrap_or(own) && only_dim(a, dim),
        (None, None) => true,
    };
    let mut chosen: Vec<&Assessment> = rows.iter().copied().filter(keep).collect();
    if by.is_none() && region.is_none() {
        // The plan's own series where it has one, else every series.
        let headline = |a: &&Assessment| a.region == own && a.breakdown.is_empty();
        if chosen.iter().any(headline) {
            chosen.retain(headline);
        }
    }
    if chosen.is_empty() {
        let what = match (by, region) {
            (Some(dim), Some(r)) => format!("for --by {dim} in region `{r}`"),
            (Some(dim), None) => format!("for --by {dim}"),
            (None, Some(r)) => format!("in region `{r}`"),
            (None, None) => String::new(),
        };
        let mut have: Vec<String> = rows
            .iter()
            .map(|a| crate::display::series_name(a, plan, Lang::En))
            .filter(|s| !s.is_empty())
            .collect();
        have.dedup();
        let mut d = Diagnostic::error(format!("`{}` has no data {what}", ind.id));
        if !have.is_empty() {
            d = d.help(format!("its series: {}", have.join("; ")));
        }
        return Err(input_error(d));
    }
    Ok(chosen.into_iter().cloned().collect())
}

/// Every period of a series up to the as-of period, with the engine's
/// figures as of that period and the row's source and note.
fn rows(pv: &PlanView, a: &Assessment, method: Option<Method>) -> Vec<Row> {
    let series = series_of(pv.actuals, a);
    a.points
        .iter()
        .map(|&(period, value)| {
            let point = series.and_then(|s| s.points().find(|p| p.period == period));
            let text = |i: Option<u32>| i.map(|i| pv.actuals.texts.name(i).to_string());
            let at = Context {
                plan: pv.plan,
                actuals: pv.actuals,
                as_of: period,
                method,
                keep_points: false,
            }
            .assess(a.indicator, series);
            Row {
                period,
                value,
                change: at.change,
                change_pct: at.change_pct,
                yoy: at.yoy,
                yoy_pct: at.yoy_pct,
                path: path_at(a, period),
                source: text(point.as_ref().and_then(|p| p.source)),
                note: text(point.as_ref().and_then(|p| p.note)),
                from_plan: point.is_none(),
            }
        })
        .collect()
}

/// The data series an assessment is of, if it has one.
fn series_of<'a>(actuals: &'a Actuals, a: &Assessment) -> Option<crate::actuals::Series<'a>> {
    let key = SeriesKey {
        indicator: u32::try_from(a.indicator).ok()?,
        region: actuals.regions.get(&a.region)?,
        breakdown: actuals.breakdowns.get(&a.breakdown)?,
    };
    actuals.get(&key)
}

/// The plan's path at `p`: the straight line from the baseline to the
/// target level at the deadline, between the two. None where there is no
/// path to follow: a target the baseline already met, a reference
/// region's value (`better_than`), or no level.
pub fn path_at(a: &Assessment, p: Period) -> Option<Decimal> {
    if a.met_at_baseline || matches!(a.goal, Some(Goal::Better { .. })) {
        return None;
    }
    let (b, t0, level) = (a.baseline?, a.baseline_period?, a.target?);
    let tt = a.target_period;
    if p < t0 || p > tt || t0 >= tt {
        return None;
    }
    let share = (p.position() - t0.position()).checked_div(tt.position() - t0.position())?;
    b.checked_add(level.checked_sub(b)?.checked_mul(share)?)
        .map(|d| d.normalize())
}
