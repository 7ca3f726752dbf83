//! The query layer: which rows a command shows, assessed.
//!
//! A [`Request`] says what to select — as-of period, region, group,
//! statuses, method, one indicator, and the shape of the rows ([`Rows`]) —
//! in typed values; [`select`] checks every name in it against the loaded
//! plans (an unknown region, group, breakdown column or indicator is an
//! input error with a "did you mean"), decides each plan's rows before any
//! figure is computed, and hands them back as [`Selected`] plans whose rows
//! are assessed in parallel, in batches, in plan order.
//!
//! A filter (`--region`, `--group`, `--by DIM`) leaves out the plans it
//! matches no row of, rather than showing them as empty tables; only when
//! it matches no row of any plan are they all kept, empty (a name that no
//! plan knows at all is an error before that).
//!
//! Every command that shows statuses (`status`, `show`, `check`, `report`)
//! goes through here, so they agree on what a row is. The module knows
//! nothing of the command line: the binary turns its flags into a request.

mod batch;
mod names;
mod pick;

pub use batch::Selected;
pub use names::resolve_indicator;

use crate::diag::InputError;
use crate::engine::{Context, Status, plan_units};
use crate::period::Period;
use crate::plan::Method;
use crate::workspace::Workspace;

/// The rows of a selection, one per …
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Rows {
    /// … indicator: its headline series (the plan's region, no breakdown)
    /// where it has one, else its series (under method `cagr` rolled up
    /// into one row, see `docs/methods.md#scores-and-roll-ups`).
    #[default]
    Headline,
    /// … region: each region's total series (a region without a total
    /// for an indicator shows its breakdown series instead).
    ByRegion,
    /// … value of a breakdown column (`sex`: one row per sex).
    ByDimension(String),
    /// … series: every region and breakdown alike (`check`).
    Every,
}

/// What to select and how to assess it.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// Assess as of this period (default: the manifest's, else each plan's
    /// latest period with data).
    pub as_of: Option<Period>,
    /// Only this region's series.
    pub region: Option<String>,
    /// Only indicators of this group (its name in either language).
    pub group: Option<String>,
    /// Only rows of these statuses (empty: all).
    pub statuses: Vec<Status>,
    /// The progress method, overriding the plans'.
    pub method: Option<Method>,
    pub rows: Rows,
    /// Only this indicator: `ID`, or `PLAN/ID` where several plans define
    /// it. Only its plan is selected.
    pub indicator: Option<String>,
    /// Series as rows even under method `cagr` (no roll-up row).
    pub no_roll_up: bool,
    /// Keep each row's points (charts and period tables need them).
    pub points: bool,
}

impl Request {
    /// Whether rows are series (shown with their region) rather than
    /// indicators.
    pub fn by_series(&self) -> bool {
        self.rows != Rows::Headline
    }

    /// Whether the request narrows the rows by name (region, group or a
    /// breakdown column), so that a plan may have none of them.
    fn filters(&self) -> bool {
        self.region.is_some() || self.group.is_some() || matches!(self.rows, Rows::ByDimension(_))
    }
}

/// Whether indicator `i` is `of` or one of its sub-indicators (showing a
/// parent shows its children).
fn is_or_under(plan: &crate::plan::Plan, i: usize, of: usize) -> bool {
    i == of || plan.ancestors(i).any(|p| p == of)
}

/// Every plan's selected rows, to be assessed.
pub fn select<'w>(ws: &'w Workspace, req: &Request) -> Result<Vec<Selected<'w>>, InputError> {
    names::check(ws, req)?;
    let only = match &req.indicator {
        Some(id) => Some(resolve_indicator(ws, id)?),
        None => None,
    };
    let mut out = Vec::new();
    for (p, l) in ws.plans.iter().enumerate() {
        if only.is_some_and(|(plan, _)| plan != p) {
            continue;
        }
        let as_of = req
            .as_of
            .or(ws.defaults.as_of)
            .or_else(|| l.actuals.latest_period());
        let Some(as_of) = as_of else {
            // A plan without any data: every indicator, no data.
            let ctx = Context {
                plan: &l.plan,
                actuals: &l.actuals,
                as_of: l.plan.baseline,
                method: None,
                keep_points: req.points,
            };
            let mut units = plan_units(&ctx);
            if let Some((_, i)) = only {
                units.retain(|u| is_or_under(&l.plan, u.indicator(), i));
            }
            let units = pick::without_data(units, &l.plan, req);
            out.push(Selected::new(
                &l.plan,
                &l.actuals,
                None,
                ctx,
                units,
                Vec::new(),
            ));
            continue;
        };
        let ctx = Context {
            plan: &l.plan,
            actuals: &l.actuals,
            as_of,
            method: req.method,
            keep_points: req.points,
        };
        let mut units = plan_units(&ctx);
        if let Some((_, i)) = only {
            units.retain(|u| is_or_under(&l.plan, u.indicator(), i));
        }
        let units = pick::rows(units, &ctx, req);
        out.push(Selected::new(
            &l.plan,
            &l.actuals,
            Some(as_of),
            ctx,
            units,
            req.statuses.clone(),
        ));
    }
    if let Some((p, i)) = only {
        names::require_rows(ws, p, i, req, &out)?;
    }
    if req.filters() && out.iter().any(|s| !s.is_empty()) {
        out.retain(|s| !s.is_empty());
    }
    Ok(out)
}
