//! Which of a plan's rows a request keeps, decided on series keys alone
//! (before any figure is computed): the region, the breakdown, the
//! headline series, the group, and the roll-up of method `cagr`.

use std::collections::HashSet;

use super::{Request, Rows};
use crate::actuals::Breakdown;
use crate::engine::{Context, Unit};
use crate::plan::{Method, Plan};

/// The rows `req` keeps of `units` (all but `--status`, which needs figures).
pub(super) fn rows(units: Vec<Unit>, ctx: &Context, req: &Request) -> Vec<Unit> {
    let mut units = if req.rows == Rows::Headline && req.region.is_none() {
        let units = headline(units, ctx);
        if req.no_roll_up {
            units
        } else {
            roll_up(units, ctx)
        }
    } else {
        series(units, ctx, req)
    };
    in_group(&mut units, ctx.plan, req);
    under_parents(units, ctx.plan)
}

/// The rows `req` keeps of a plan without any data (one row per
/// indicator, the plan's own region): none for another region or for a
/// breakdown column, which such a plan cannot have.
pub(super) fn without_data(mut units: Vec<Unit>, plan: &Plan, req: &Request) -> Vec<Unit> {
    let other_region = req
        .region
        .as_deref()
        .is_some_and(|r| plan.region.as_deref() != Some(r));
    if other_region || matches!(req.rows, Rows::ByDimension(_)) {
        return Vec::new();
    }
    in_group(&mut units, plan, req);
    under_parents(units, plan)
}

/// `--group`: only the indicators of that group (its name in either language).
fn in_group(units: &mut Vec<Unit>, plan: &Plan, req: &Request) {
    if let Some(g) = &req.group {
        let in_group = |i: usize| {
            let ind = &plan.indicators[i];
            ind.group_names().any(|name| name == g)
        };
        // A sub-indicator belongs to its parent's group.
        units.retain(|u| in_group(u.indicator()) || plan.ancestors(u.indicator()).any(in_group));
    }
}

/// Sub-indicators right after their parent (`docs/plan-format.md#sub-indicators`),
/// whatever the plan's order; a plan without any keeps its rows as they are.
fn under_parents(mut units: Vec<Unit>, plan: &Plan) -> Vec<Unit> {
    if plan.indicators.iter().all(|i| i.parent.is_none()) {
        return units;
    }
    // Each indicator's place in a walk of the tree: roots in plan order,
    // each followed by its children in plan order.
    let mut rank = vec![0usize; plan.indicators.len()];
    let mut next = 0;
    let mut stack: Vec<usize> = (0..plan.indicators.len())
        .rev()
        .filter(|&i| plan.indicators[i].parent.is_none())
        .collect();
    while let Some(i) = stack.pop() {
        rank[i] = next;
        next += 1;
        stack.extend(plan.children(i).iter().rev());
    }
    units.sort_by_key(|u| rank[u.indicator()]);
    units
}

/// One row per indicator: its headline series where it has one, else all
/// its series.
fn headline(units: Vec<Unit>, ctx: &Context) -> Vec<Unit> {
    let own = ctx.plan.region.as_deref().unwrap_or("");
    let own_total = ctx.actuals.total_ids(own);
    let is_headline: Vec<bool> = (units.iter())
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
    let mut with_headline = vec![false; ctx.plan.indicators.len()];
    for (u, _) in units.iter().zip(&is_headline).filter(|(_, h)| **h) {
        with_headline[u.indicator()] = true;
    }
    (units.iter().zip(&is_headline))
        .filter(|(u, h)| **h || !with_headline[u.indicator()])
        .map(|(u, _)| *u)
        .collect()
}

/// Series as rows: a region's, every region's, a breakdown's, or all.
fn series(mut units: Vec<Unit>, ctx: &Context, req: &Request) -> Vec<Unit> {
    let own = ctx.plan.region.as_deref().unwrap_or("");
    let region = req.region.as_deref();
    let dim = match &req.rows {
        Rows::ByDimension(d) => Some(d.as_str()),
        _ => None,
    };
    // A region's series are its totals (no breakdown); where the data has
    // no total for an indicator in a region, its breakdown series stand in,
    // rather than the region vanishing from `--region` and `--by region`.
    let by_region = matches!(req.rows, Rows::ByRegion | Rows::Headline);
    let mut totals: HashSet<(usize, &str)> = HashSet::new();
    let mut own_has_dim = false;
    // (Each pass reads every unit's names: skipped where it has nothing to do.)
    for u in units.iter().filter(|_| by_region || dim.is_some()) {
        let (r, b) = u.names(ctx);
        own_has_dim |= r == own && dim.is_some_and(|d| Breakdown::only_of(b, d));
        if by_region && b.is_empty() {
            totals.insert((u.indicator(), r));
        }
    }
    let total_or_stand_in =
        |u: &Unit, r: &str, b: &str| b.is_empty() || !totals.contains(&(u.indicator(), r));
    units.retain(|u| {
        let (r, b) = u.names(ctx);
        let in_region = region.is_none_or(|want| r == want);
        in_region
            && match &req.rows {
                Rows::Every => true,
                Rows::ByRegion | Rows::Headline => total_or_stand_in(u, r, b),
                // Without --region: the plan's own region, or every region
                // when it has no such breakdown.
                Rows::ByDimension(d) => {
                    (region.is_some() || r == own || !own_has_dim) && Breakdown::only_of(b, d)
                }
            }
    });
    units
}

/// Under method `cagr`, an indicator shown as several series (no headline)
/// becomes one roll-up row (`docs/methods.md#scores-and-roll-ups`); under `time` its
/// series stay rows.
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
