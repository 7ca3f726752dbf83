//! `track status`: the table of every indicator's standing.

use std::io::Write;
use std::process::ExitCode;

use crate::cli::{Global, LangArg, StatusArgs};
use crate::display::Lang;
use crate::query::select;
use crate::render::{Format, View};

pub fn run(args: &StatusArgs, global: &Global) -> anyhow::Result<ExitCode> {
    let req = super::request(&args.select)?;
    let ws = super::load(&args.input, global)?;
    if matches!(args.format, Format::Csv | Format::Json) {
        // Streamed: a million series need not be held at once.
        let mut out = super::raw_stdout();
        let selected = select(&ws, &req)?;
        if args.format == Format::Csv {
            super::write_csv(&selected, &mut out)?;
        } else {
            super::write_json(&selected, &mut out)?;
        }
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let view = View {
        plans: select(&ws, &req)?.into_iter().map(|s| s.view()).collect(),
        lang: lang(global, ws.defaults.lang),
        color: args.format == Format::Table && super::stdout_styled(),
        by_series: req.by_series(),
    };
    super::print_series_warnings(&view);
    let mut out = super::stdout();
    args.format.renderer().render(&view, &mut out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `--lang`, else the manifest's default, else Chinese.
pub fn lang(global: &Global, default: Option<Lang>) -> Lang {
    match global.lang {
        Some(LangArg::En) => Lang::En,
        Some(LangArg::Zh) => Lang::Zh,
        None => default.unwrap_or_default(),
    }
}
