//! `track status`: the table of every indicator's standing.

use std::io::Write;
use std::process::ExitCode;

use crate::cli::{Global, StatusArgs};
use track::query::select;
use track::render::{Format, View};

pub fn run(args: &StatusArgs, global: &Global) -> anyhow::Result<ExitCode> {
    let req = crate::settings::request(&args.select)?;
    let ws = super::load(&args.input, global)?;
    let format = crate::settings::format(args.format);
    if matches!(format, Format::Csv | Format::Json) {
        // Streamed: a million series need not be held at once.
        let mut out = super::raw_stdout();
        let selected = select(&ws, &req)?;
        if format == Format::Csv {
            track::render::stream::csv(&selected, &mut out, &mut super::warnings())?;
        } else {
            track::render::stream::json(&selected, &mut out, &mut super::warnings())?;
        }
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let view = View {
        plans: select(&ws, &req)?.into_iter().map(|s| s.view()).collect(),
        lang: crate::settings::lang(global, &ws),
        color: format == Format::Table && super::stdout_styled(),
        by_series: req.by_series(),
    };
    super::print_series_warnings(&view);
    let mut out = super::stdout();
    format.renderer().render(&view, &mut out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
