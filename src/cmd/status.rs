//! `track status`: the table of every indicator's standing.

use std::io::Write;
use std::process::ExitCode;

use crate::cli::{Global, LayoutKind, StatusArgs};
use track::export::{Format, Options};

pub fn run(args: &StatusArgs, global: &Global) -> anyhow::Result<ExitCode> {
    let req = crate::settings::request(&args.select)?;
    let ws = super::load(&args.input, global)?;
    let format = crate::settings::format(args.format);
    let options = Options {
        lang: crate::settings::lang(global, &ws),
        by_series: req.by_series(),
        color: format == Format::Table && super::stdout_styled(),
        evaluation: (args.layout == LayoutKind::Evaluation).then(|| ws.defaults.report.clone()),
        width: super::stdout_width(),
        ..Options::default()
    };
    let mut req = req;
    // The evaluation table shows every period's value.
    req.points = options.evaluation.is_some();
    let doc = super::document(&ws, &req, options, false)?;
    if format.streams() {
        // Data: no colour handling in the way of a million rows.
        let mut out = super::raw_stdout();
        format.exporter()?.export(doc, &mut out)?;
        out.flush()?;
    } else {
        let mut out = super::stdout();
        format.exporter()?.export(doc, &mut out)?;
        out.flush()?;
    }
    Ok(ExitCode::SUCCESS)
}
