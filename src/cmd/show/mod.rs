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

use rust_decimal::Decimal;

use crate::cli::{Global, ShowArgs, ShowFormat};
use track::actuals::{Actuals, SeriesKey};
use track::display::Lang;
use track::engine::{Assessment, Context, Goal};
use track::period::Period;
use track::plan::{Method, Plan};
use track::query::{Request, Rows, select};
use track::render::PlanView;

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
    let method = crate::settings::method(args.method);
    let req = Request {
        as_of: crate::settings::as_of(args.as_of.as_deref())?,
        region: args.region.clone(),
        method,
        rows: match args.by.as_deref() {
            None => Rows::Headline,
            Some("region") => Rows::ByRegion,
            Some(dim) => Rows::ByDimension(dim.to_string()),
        },
        indicator: Some(args.id.clone()),
        // Every series of the indicator is a block of its own, and every
        // period of it is shown and charted.
        no_roll_up: true,
        points: true,
        ..Request::default()
    };
    let ws = super::load(&args.input, global)?;
    let (_, ind_idx) = track::query::resolve_indicator(&ws, &args.id)?;
    let pv = select(&ws, &req)?.swap_remove(0).view();
    let lang = crate::settings::lang(global, &ws);
    let blocks = (pv.rows.iter())
        .map(|a| Block {
            rows: rows(&pv, a, method),
            a: a.clone(),
        })
        .collect();
    let shown = Shown {
        plan: pv.plan,
        indicator: ind_idx,
        as_of: pv.as_of,
        blocks,
        lang,
    };
    let mut warnings = super::warnings();
    for b in &shown.blocks {
        warnings.rows(std::slice::from_ref(&b.a));
    }
    let mut out = super::stdout();
    match args.format {
        ShowFormat::Json => json::write(&shown, &mut out)?,
        ShowFormat::Table => {
            let terminal = std::io::IsTerminal::is_terminal(&std::io::stdout());
            let opts = text::Options {
                color: super::stdout_styled(),
                ascii: track::render::chart::use_ascii(args.ascii, terminal, |k| {
                    std::env::var(k).ok()
                }),
            };
            text::write(&shown, opts, &mut out)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
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
fn series_of<'a>(actuals: &'a Actuals, a: &Assessment) -> Option<track::actuals::Series<'a>> {
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
