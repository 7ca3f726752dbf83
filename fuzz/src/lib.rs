//! What the fuzz targets share: the plan they read actuals and tables
//! against, and the checks every input must pass (no panic; diagnostics
//! render; the engine assesses whatever loads).

use track::actuals::{Actuals, ActualsReader};
use track::diag::{Diagnostic, InputError};
use track::engine::{Context, assess_plan};
use track::plan::{Plan, parse_plan};

/// The plan of the `basic` test fixture: regions, every kind of target.
pub const PLAN: &str = include_str!("../../tests/fixtures/basic/plan.toml");

pub fn plan() -> Plan {
    parse_plan(PLAN, "plan.toml")
        .expect("the fixture plan loads")
        .0
}

/// Render every diagnostic (the renderer must not panic on any span).
pub fn render(diags: &[Diagnostic]) -> Vec<String> {
    diags
        .iter()
        .map(|d| {
            let _ = d.position();
            d.render(false)
        })
        .collect()
}

/// Load a plan; render its problems, or assess it with no data.
pub fn plan_roundtrip(toml: &str) {
    match parse_plan(toml, "plan.toml") {
        Ok((plan, warnings)) => {
            render(&warnings.0);
            let actuals = match ActualsReader::new(&plan).finish() {
                Ok((a, _)) => a,
                Err(InputError(d)) => {
                    render(&d.0);
                    return;
                }
            };
            assess(&plan, &actuals);
        }
        Err(InputError(d)) => {
            render(&d.0);
        }
    }
}

/// Assess every series as of the deadline and as of the baseline.
pub fn assess(plan: &Plan, actuals: &Actuals) {
    for as_of in [plan.target, plan.baseline] {
        let rows = assess_plan(&Context {
            plan,
            actuals,
            as_of,
            method: None,
            keep_points: true,
        });
        for a in &rows {
            for w in &a.warnings {
                assert!(!w.is_empty());
            }
        }
    }
}

/// Read `csv` against `plan` in blocks of `block` bytes, the encoding
/// decided on its first `sniff` bytes: the table, or every problem rendered.
pub fn read(
    plan: &Plan,
    csv: &[u8],
    block: usize,
    parallel: bool,
    sniff: usize,
) -> Result<Actuals, Vec<String>> {
    let r = if parallel {
        ActualsReader::new(plan)
    } else {
        ActualsReader::sequential(plan)
    };
    let mut r = r.with_block_size(block).with_sniff(sniff);
    r.read(csv, "actuals.csv");
    r.finish()
        .map(|(a, warnings)| {
            render(&warnings.0);
            a
        })
        .map_err(|InputError(d)| render(&d.0))
}
