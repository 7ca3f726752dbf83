//! Assess the loaded plans and pick the rows a command shows: as-of,
//! `--region`, `--by`, `--group`, `--status`. Shared by every command that
//! reports statuses, so they all agree on what a row is.

use anyhow::{Context as _, bail};

use rayon::prelude::*;

use crate::actuals::Actuals;
use crate::cli::{MethodArg, SelectArgs};
use crate::engine::{Assessment, Context, Status, Unit, plan_units};
use crate::period::Period;
use crate::plan::{Method, Plan};
use crate::render::PlanView;
use crate::workspace::Workspace;

/// Parsed selection options.
pub struct Selection {
    pub as_of: Option<Period>,
    pub region: Option<String>,
    pub by: Option<String>,
    pub group: Option<String>,
    pub statuses: Vec<Status>,
    pub method: Option<Method>,
}

impl Selection {
    pub fn parse(args: &SelectArgs) -> anyhow::Result<Selection> {
        let as_of = match &args.as_of {
            Some(s) => Some(Period::parse(s).with_context(|| format!("--as-of {s}"))?),
            None => None,
        };
        let mut statuses = Vec::new();
        for s in &args.status {
            match Status::parse(s) {
                Some(st) => statuses.push(st),
                None => bail!(
                    "--status {s}: unknown status; expected {}",
                    Status::ALL.map(|s| s.as_str()).join(", ")
                ),
            }
        }
        Ok(Selection {
            as_of,
            region: args.region.clone(),
            by: args.by.clone(),
            group: args.group.clone(),
            statuses,
            method: args.method.map(|m| match m {
                MethodArg::Time => Method::Time,
                MethodArg::Cagr => Method::Cagr,
            }),
        })
    }

    /// Whether rows are series (a region column) rather than indicators.
    pub fn by_series(&self) -> bool {
        self.by.is_some()
    }
}

/// Rows assessed at a time: memory for rows stays bounded while the
/// threads have enough to share.
const BATCH: usize = 1024;

/// One plan's selected rows, not yet assessed: [`Selected::batches`]
/// assesses them in parallel, a batch at a time, in order.
pub struct Selected<'w> {
    pub plan: &'w Plan,
    pub actuals: &'w Actuals,
    pub as_of: Option<Period>,
    ctx: Context<'w>,
    units: Vec<Unit>,
    statuses: Vec<Status>,
}

impl<'w> Selected<'w> {
    /// Only the rows of one indicator (`show`: the others are not assessed).
    pub fn only_indicator(mut self, indicator: usize) -> Self {
        self.units.retain(|u| u.indicator() == indicator);
        self
    }

    /// Keep each row's points (charts).
    pub fn keep_points(mut self) -> Self {
        self.ctx.keep_points = true;
        self
    }

    /// Assess the rows batch by batch (in parallel), give each batch to
    /// `map` (in parallel too), and the results to `sink` in row order.
    ///
    /// Rounds of batches are computed on the thread pool while this thread
    /// hands the previous round to `sink` (which need not be `Send`: it
    /// writes to stdout), so writing never holds the computing up; at most
    /// two rounds are in memory.
    pub fn batches<T: Send, E>(
        &self,
        map: impl Fn(Vec<Assessment>) -> T + Sync,
        mut sink: impl FnMut(T) -> Result<(), E>,
    ) -> Result<(), E> {
        let per_round = BATCH * rayon::current_num_threads().max(1) * 8;
        let assess = |units: &[Unit]| {
            let mut rows: Vec<Assessment> = units.iter().map(|u| self.ctx.assess_unit(u)).collect();
            if !self.statuses.is_empty() {
                rows.retain(|a| self.statuses.contains(&a.status));
            }
            map(rows)
        };
        if self.units.len() <= BATCH {
            // One batch: no thread to start.
            return sink(assess(&self.units));
        }
        std::thread::scope(|scope| {
            let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<T>>(1);
            let assess = &assess;
            scope.spawn(move || {
                for round in self.units.chunks(per_round) {
                    let done: Vec<T> = round.par_chunks(BATCH).map(assess).collect();
                    if tx.send(done).is_err() {
                        break; // the sink failed: stop
                    }
                }
            });
            for done in rx {
                for t in done {
                    sink(t)?;
                }
            }
            Ok(())
        })
    }

    /// Every row, assessed.
    pub fn view(self) -> PlanView<'w> {
        let mut rows = Vec::with_capacity(self.units.len());
        let _ = self.batches(
            |b| b,
            |b| {
                rows.extend(b);
                Ok::<(), ()>(())
            },
        );
        PlanView {
            plan: self.plan,
            actuals: self.actuals,
            as_of: self.as_of,
            rows,
        }
    }
}

/// Assess every plan and keep the selected rows.
pub fn views<'w>(ws: &'w Workspace, sel: &Selection) -> anyhow::Result<Vec<PlanView<'w>>> {
    Ok(select(ws, sel)?.into_iter().map(Selected::view).collect())
}

/// Every plan's selected rows, to be assessed.
pub fn select<'w>(ws: &'w Workspace, sel: &Selection) -> anyhow::Result<Vec<Selected<'w>>> {
    if let Some(r) = &sel.region
        && !ws.plans.iter().any(|l| l.plan.knows_region(r))
    {
        bail!("--region {r}: no plan has this region");
    }
    if let Some(dim) = &sel.by
        && dim != "region"
        && dim != "*"
        && !ws.plans.iter().any(|l| l.actuals.dims.contains(dim))
    {
        bail!(
            "--by {dim}: no actuals file has a column `{dim}` (use --by region, or a breakdown column)"
        );
    }
    if let Some(g) = &sel.group {
        let mut groups: Vec<&str> = Vec::new();
        for ind in ws.plans.iter().flat_map(|l| &l.plan.indicators) {
            groups.extend(ind.group.as_deref());
            groups.extend(ind.group_en.as_deref());
        }
        if !groups.contains(&g.as_str()) {
            groups.sort_unstable();
            groups.dedup();
            let hint = crate::plan::load_suggest(g, &groups)
                .map_or(String::new(), |s| format!("; did you mean `{s}`?"));
            if groups.is_empty() {
                bail!("--group {g}: the plans do not group their indicators");
            }
            bail!(
                "--group {g}: no indicator is in this group{hint} (groups: {})",
                groups.join(", ")
            );
        }
    }
    let mut out = Vec::new();
    for l in &ws.plans {
        let as_of = sel
            .as_of
            .or(ws.defaults.as_of)
            .or_else(|| l.actuals.latest_period());
        let Some(as_of) = as_of else {
            // Rows of a plan without any data: every indicator, no data.
            let ctx = Context {
                plan: &l.plan,
                actuals: &l.actuals,
                as_of: l.plan.baseline,
                method: None,
                keep_points: false,
            };
            out.push(Selected {
                plan: &l.plan,
                actuals: &l.actuals,
                as_of: None,
                units: plan_units(&ctx),
                ctx,
                statuses: Vec::new(),
            });
            continue;
        };
        let ctx = Context {
            plan: &l.plan,
            actuals: &l.actuals,
            as_of,
            method: sel.method,
            keep_points: false,
        };
        let units = pick(plan_units(&ctx), &ctx, sel);
        out.push(Selected {
            plan: &l.plan,
            actuals: &l.actuals,
            as_of: Some(as_of),
            units,
            ctx,
            statuses: sel.statuses.clone(),
        });
    }
    Ok(out)
}

/// The rows the selection keeps (all but `--status`, which needs figures).
fn pick(units: Vec<Unit>, ctx: &Context, sel: &Selection) -> Vec<Unit> {
    let plan = ctx.plan;
    let own = plan.region.as_deref().unwrap_or("");
    let region = sel.region.as_deref();
    let dim_only = |breakdown: &str, dim: &str| {
        !breakdown.is_empty()
            && breakdown
                .split(';')
                .all(|kv| kv.split_once('=').is_some_and(|(k, _)| k == dim))
    };
    // A region's series are its totals (no breakdown); where the data has
    // no total for an indicator in a region, its breakdown series stand in,
    // rather than the region vanishing from `--region` and `--by region`.
    let by_region =
        matches!(sel.by.as_deref(), Some("region")) || (sel.by.is_none() && region.is_some());
    let mut totals: std::collections::HashSet<(usize, &str)> = std::collections::HashSet::new();
    let dim = sel.by.as_deref().filter(|d| !matches!(*d, "region" | "*"));
    let mut own_has_dim = false;
    // (Each pass reads every unit's names: skipped where it has nothing to do.)
    for u in units.iter().filter(|_| by_region || dim.is_some()) {
        let (r, b) = u.names(ctx);
        own_has_dim |= r == own && dim.is_some_and(|d| dim_only(b, d));
        if by_region && b.is_empty() {
            totals.insert((u.indicator(), r));
        }
    }
    let total_or_stand_in =
        |u: &Unit, r: &str, b: &str| b.is_empty() || !totals.contains(&(u.indicator(), r));
    let keep = |u: &Unit| -> bool {
        let (r, b) = u.names(ctx);
        match (sel.by.as_deref(), region) {
            // Every series (check): regions and breakdowns alike.
            (Some("*"), Some(want)) => r == want,
            (Some("*"), None) => true,
            (Some("region"), Some(want)) => r == want && total_or_stand_in(u, r, b),
            (Some("region"), None) => total_or_stand_in(u, r, b),
            (Some(dim), Some(want)) => r == want && dim_only(b, dim),
            // The plan's own region, or every region when it has no such
            // breakdown.
            (Some(dim), None) => (r == own || !own_has_dim) && dim_only(b, dim),
            (None, Some(want)) => r == want && total_or_stand_in(u, r, b),
            (None, None) => true,
        }
    };
    let mut units = units;
    if sel.by.is_some() || region.is_some() {
        units.retain(keep);
    } else {
        // One row per indicator: its headline series where it has one,
        // else all its series.
        let own_total = ctx.actuals.total_ids(own);
        let headline: Vec<bool> = (units.iter())
            .map(|u| match u.series_index() {
                Some(i) => {
                    let key = ctx.actuals.series_at(i).key;
                    Some((key.region, key.breakdown)) == own_total
                }
                None => {
                    let (r, b) = u.names(ctx);
                    r == own && b.is_empty()
                }
            })
            .collect();
        let mut with_headline = vec![false; plan.indicators.len()];
        for (u, _) in units.iter().zip(&headline).filter(|(_, h)| **h) {
            with_headline[u.indicator()] = true;
        }
        units = (units.iter().zip(&headline))
            .filter(|(u, h)| **h || !with_headline[u.indicator()])
            .map(|(u, _)| *u)
            .collect();
        units = roll_up(units, ctx);
    }
    if let Some(g) = &sel.group {
        units.retain(|u| {
            let ind = &plan.indicators[u.indicator()];
            ind.group.as_deref() == Some(g.as_str()) || ind.group_en.as_deref() == Some(g.as_str())
        });
    }
    units
}

/// Under method `cagr`, an indicator shown as several series (no headline)
/// becomes one roll-up row (SPEC §3.3); under `time` its series stay rows.
fn roll_up(units: Vec<Unit>, ctx: &Context) -> Vec<Unit> {
    let cagr = |i: usize| ctx.method.unwrap_or(ctx.plan.indicators[i].method) == Method::Cagr;
    if !(0..ctx.plan.indicators.len()).any(cagr) {
        return units; // nothing to roll up: no copy of a million units
    }
    let mut out: Vec<Unit> = Vec::with_capacity(units.len());
    let mut i = 0;
    while i < units.len() {
        let ind = units[i].indicator();
        let n = units[i..]
            .iter()
            .take_while(|u| u.indicator() == ind)
            .count();
        if n > 1 && cagr(ind) {
            // Without a headline, these are all the indicator's series
            // with a value up to the as-of period (see `plan_units`).
            out.push(Unit::roll_up(ind));
        } else {
            out.extend_from_slice(&units[i..i + n]);
        }
        i += n;
    }
    out
}
