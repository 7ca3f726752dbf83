//! The names a request uses — indicator, region, group, breakdown column —
//! checked against the loaded plans, in one place: a name that matches
//! nothing is an input error that says what does exist, with the closest
//! name as a "did you mean".

use super::{Request, Rows, Selected};
use crate::diag::{Diagnostic, Diagnostics, InputError};
use crate::plan::load_suggest as suggest;
use crate::workspace::{Loaded, Workspace};

fn error(d: Diagnostic) -> InputError {
    InputError(Diagnostics(vec![d]))
}

/// `did you mean` for the closest candidate, else `list` of them all.
fn hint(d: Diagnostic, word: &str, candidates: &[&str], list: &str) -> Diagnostic {
    match suggest(word, candidates) {
        Some(s) => d.help(format!("did you mean `{s}`?")),
        None if !candidates.is_empty() => d.help(format!("{list}: {}", candidates.join(", "))),
        None => d,
    }
}

/// The plans a request looks at: the indicator's, else all.
fn in_scope<'w>(ws: &'w Workspace, req: &Request) -> Vec<&'w Loaded> {
    match req.indicator.as_deref().map(|id| resolve_indicator(ws, id)) {
        Some(Ok((p, _))) => vec![&ws.plans[p]],
        _ => ws.plans.iter().collect(),
    }
}

/// Check the request's region, group and breakdown column.
pub(super) fn check(ws: &Workspace, req: &Request) -> Result<(), InputError> {
    let plans = in_scope(ws, req);
    if let Some(r) = &req.region {
        let known = |l: &&Loaded| l.plan.knows_region(r) || l.actuals.regions.get(r).is_some();
        if !plans.iter().any(known) {
            let mut ids: Vec<&str> = Vec::new();
            for l in &plans {
                ids.extend(l.plan.regions.iter().map(|x| x.id.as_str()));
                ids.extend(l.plan.region.as_deref());
            }
            ids.sort_unstable();
            ids.dedup();
            let what = match plans.as_slice() {
                [one] if ws.plans.len() > 1 || req.indicator.is_some() => {
                    format!("plan `{}` has no such region", one.plan.id)
                }
                _ => "no plan has this region".to_string(),
            };
            let d = Diagnostic::error(format!("--region {r}: {what}"));
            return Err(error(hint(d, r, &ids, "the regions are")));
        }
    }
    if let Rows::ByDimension(dim) = &req.rows
        && !plans.iter().any(|l| l.actuals.dims.contains(dim))
    {
        let mut dims: Vec<&str> = plans
            .iter()
            .flat_map(|l| l.actuals.dims.iter().map(String::as_str))
            .collect();
        dims.sort_unstable();
        dims.dedup();
        dims.push("region");
        let what = match plans.as_slice() {
            [one] if req.indicator.is_some() => {
                format!("the actuals of plan `{}` have", one.plan.id)
            }
            _ => "no actuals file has".to_string(),
        };
        let d = Diagnostic::error(format!("--by {dim}: {what} no column `{dim}`"));
        let d = match suggest(dim, &dims) {
            Some(s) => d.help(format!("did you mean `{s}`?")),
            None => d.help(format!("use --by {}", dims.join(", --by "))),
        };
        return Err(error(d));
    }
    if let Some(g) = &req.group {
        let mut groups: Vec<&str> = Vec::new();
        for ind in plans.iter().flat_map(|l| &l.plan.indicators) {
            groups.extend(ind.group_names());
        }
        if !groups.contains(&g.as_str()) {
            groups.sort_unstable();
            groups.dedup();
            if groups.is_empty() {
                return Err(error(Diagnostic::error(format!(
                    "--group {g}: the plans do not group their indicators"
                ))));
            }
            let d = Diagnostic::error(format!("--group {g}: no indicator is in this group"));
            return Err(error(hint(d, g, &groups, "the groups are")));
        }
    }
    Ok(())
}

/// The plan and indicator `id` names (`ID`, or `PLAN/ID` where `PLAN` is
/// a plan's id or a prefix of it that names one plan), as indices.
pub fn resolve_indicator(ws: &Workspace, id: &str) -> Result<(usize, usize), InputError> {
    let plans = &ws.plans;
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
                let d = Diagnostic::error(what);
                return Err(error(match suggest(p, &ids) {
                    Some(s) if chosen.is_empty() => d.help(format!("did you mean `{s}/{ind_id}`?")),
                    _ => d.help(format!("the plans are: {}", ids.join(", "))),
                }));
            }
            chosen
        }
    };
    let found: Vec<(usize, usize)> = candidates
        .iter()
        .filter_map(|&p| Some((p, plans[p].plan.indicator_index(ind_id)?)))
        .collect();
    match found.as_slice() {
        [one] => Ok(*one),
        [] => Err(error(unknown_indicator(
            plans,
            &candidates,
            plan_part,
            id,
            ind_id,
        ))),
        many => {
            let names: Vec<String> = many
                .iter()
                .map(|(p, _)| format!("`{}/{ind_id}`", plans[*p].plan.id))
                .collect();
            Err(error(
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

/// No plan among `candidates` defines `ind_id`.
fn unknown_indicator(
    plans: &[Loaded],
    candidates: &[usize],
    plan_part: Option<&str>,
    id: &str,
    ind_id: &str,
) -> Diagnostic {
    // Suggest among the ids of the plans searched (bare ids: a long
    // qualified name would let a distant one look near).
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
    let d = Diagnostic::error(what);
    match suggest(ind_id, &ids) {
        Some(s) => d.help(format!("did you mean `{prefix}{s}`?")),
        None => d,
    }
}

/// One indicator was asked for: it must have rows.
pub(super) fn require_rows(
    ws: &Workspace,
    plan: usize,
    indicator: usize,
    req: &Request,
    selected: &[Selected],
) -> Result<(), InputError> {
    if selected.iter().any(|s| !s.is_empty()) {
        return Ok(());
    }
    let l = &ws.plans[plan];
    let ind = &l.plan.indicators[indicator];
    let what = match (&req.rows, &req.region) {
        (Rows::ByDimension(dim), Some(r)) => format!(" for --by {dim} in region `{r}`"),
        (Rows::ByDimension(dim), None) => format!(" for --by {dim}"),
        (Rows::ByRegion, Some(r)) | (_, Some(r)) => format!(" in region `{r}`"),
        _ => String::new(),
    };
    let mut have: Vec<String> = (l.actuals.indicator_range(indicator as u32))
        .map(|s| {
            let key = l.actuals.series_at(s).key;
            crate::display::series_label(
                &l.plan,
                l.actuals.region_name(&key),
                l.actuals.breakdown_name(&key),
                crate::display::Lang::En,
            )
        })
        .filter(|s| !s.is_empty())
        .collect();
    have.dedup();
    let mut d = Diagnostic::error(format!("`{}` has no data{what}", ind.id));
    if !have.is_empty() {
        d = d.help(format!("its series: {}", have.join("; ")));
    }
    Err(error(d))
}
