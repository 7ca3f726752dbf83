//! Assess the loaded plans and pick the rows a command shows: as-of,
//! `--region`, `--by`, `--group`, `--status`. Shared by every command that
//! reports statuses, so they all agree on what a row is.

use anyhow::{Context as _, bail};

use crate::cli::{MethodArg, SelectArgs};
use crate::engine::{Assessment, Context, Status, assess_plan};
use crate::period::Period;
use crate::plan::Method;
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

/// Assess every plan and keep the selected rows.
pub fn views<'w>(ws: &'w Workspace, sel: &Selection) -> anyhow::Result<Vec<PlanView<'w>>> {
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
            out.push(PlanView {
                plan: &l.plan,
                actuals: &l.actuals,
                as_of: None,
                rows: empty_rows(l),
            });
            continue;
        };
        let ctx = Context {
            plan: &l.plan,
            actuals: &l.actuals,
            as_of,
            method: sel.method,
        };
        let rows = assess_plan(&ctx);
        let rows = pick(rows, &l.plan, sel);
        out.push(PlanView {
            plan: &l.plan,
            actuals: &l.actuals,
            as_of: Some(as_of),
            rows,
        });
    }
    Ok(out)
}

/// Rows of a plan without any data: every indicator, no data.
fn empty_rows(l: &crate::workspace::Loaded) -> Vec<Assessment> {
    let ctx = Context {
        plan: &l.plan,
        actuals: &l.actuals,
        as_of: l.plan.baseline,
        method: None,
    };
    assess_plan(&ctx)
}

fn pick(rows: Vec<Assessment>, plan: &crate::plan::Plan, sel: &Selection) -> Vec<Assessment> {
    let own = plan.region.as_deref().unwrap_or("");
    let region = sel.region.as_deref();
    let dim_only = |a: &Assessment, dim: &str| {
        !a.breakdown.is_empty()
            && a.breakdown
                .split(';')
                .all(|kv| kv.split_once('=').is_some_and(|(k, _)| k == dim))
    };
    let keep = |a: &Assessment| -> bool {
        match (sel.by.as_deref(), region) {
            // Every series (check): regions and breakdowns alike.
            (Some("*"), Some(r)) => a.region == r,
            (Some("*"), None) => true,
            (Some("region"), Some(r)) => a.region == r && a.breakdown.is_empty(),
            (Some("region"), None) => a.breakdown.is_empty(),
            (Some(dim), r) => a.region == r.unwrap_or(own) && dim_only(a, dim),
            (None, Some(r)) => a.region == r && a.breakdown.is_empty(),
            (None, None) => true,
        }
    };
    let mut rows: Vec<Assessment> = rows.into_iter().filter(keep).collect();
    if sel.by.is_none() && region.is_none() {
        // One row per indicator: its headline series where it has one,
        // else all its series.
        let headline = |a: &Assessment| a.region == own && a.breakdown.is_empty();
        let with_headline: Vec<usize> = rows
            .iter()
            .filter(|a| headline(a))
            .map(|a| a.indicator)
            .collect();
        rows.retain(|a| headline(a) || !with_headline.contains(&a.indicator));
        rows = roll_up(rows);
    }
    if let Some(g) = &sel.group {
        rows.retain(|a| {
            let ind = &plan.indicators[a.indicator];
            ind.group.as_deref() == Some(g.as_str()) || ind.group_en.as_deref() == Some(g.as_str())
        });
    }
    if !sel.statuses.is_empty() {
        rows.retain(|a| sel.statuses.contains(&a.status));
    }
    rows
}

/// Under method `cagr`, an indicator shown as several series (no headline)
/// becomes one roll-up row (SPEC §3.3); under `time` its series stay rows.
fn roll_up(rows: Vec<Assessment>) -> Vec<Assessment> {
    let mut out: Vec<Assessment> = Vec::with_capacity(rows.len());
    let mut i = 0;
    while i < rows.len() {
        let ind = rows[i].indicator;
        let n = rows[i..].iter().take_while(|a| a.indicator == ind).count();
        let group = &rows[i..i + n];
        if n > 1 && group.iter().all(|a| a.method == Method::Cagr) {
            let refs: Vec<&Assessment> = group.iter().collect();
            out.extend(crate::engine::roll_up_series(&refs));
        } else {
            out.extend(group.iter().cloned());
        }
        i += n;
    }
    out
}
