//! `track validate`: read everything, report every problem, exit 2 if any.

use std::io::Write;
use std::process::ExitCode;

use crate::cli::{Global, InputArgs};

pub fn run(args: &InputArgs, global: &Global) -> anyhow::Result<ExitCode> {
    let ws = super::load(args, global)?;
    let mut out = super::stdout();
    for l in &ws.plans {
        let rows = l.actuals.point_count();
        writeln!(
            out,
            "ok: {} ({} indicators, {} series, {rows} values in {} file(s))",
            l.plan.path,
            l.plan.indicators.len(),
            l.actuals.series_count(),
            l.actuals.files.len()
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
