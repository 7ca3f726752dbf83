//! `track show ID`: one indicator in depth — its definition, every period
//! of its series with the change since baseline, the change from the
//! period before and the plan's linear path, then the summary figures,
//! the narrative sentence and a terminal chart, or the same figures as
//! JSON (see [`track::view::indicator`]).
//!
//! Which indicator: `ID`, or `PLAN/ID` when several plans define it (the
//! plan's id, or a prefix of it that names one plan); `--plan FILE` works
//! too, as for every command. Which series: the plan's own (its region,
//! no breakdown) unless `--region R` names another; `--by region` gives
//! one block per region, `--by DIM` one per value of a breakdown column.
//! A name that does not exist is an input error (exit 2) with a
//! "did you mean".

use std::io::Write;
use std::process::ExitCode;

use crate::cli::{Global, ShowArgs, ShowFormat};
use track::export::{indicator_json, indicator_text};
use track::query::{Request, select};

pub fn run(args: &ShowArgs, global: &Global) -> anyhow::Result<ExitCode> {
    let req = Request {
        as_of: crate::settings::as_of(args.as_of.as_deref())?,
        region: args.region.clone(),
        method: crate::settings::method(args.method),
        rows: crate::settings::rows(args.by.as_deref()),
        indicator: Some(args.id.clone()),
        // Every series of the indicator is a block of its own, and every
        // period of it is shown and charted.
        no_roll_up: true,
        points: true,
        ..Request::default()
    };
    let ws = super::load(&args.input, global)?;
    let (_, indicator) = track::query::resolve_indicator(&ws, &args.id)?;
    let selected = select(&ws, &req)?.swap_remove(0);
    let shown =
        track::view::indicator::shown(&selected, indicator, crate::settings::lang(global, &ws));
    let mut warnings = super::warnings();
    for b in &shown.blocks {
        warnings.rows(std::slice::from_ref(&b.a));
    }
    let mut out = super::stdout();
    match args.format {
        ShowFormat::Json => indicator_json::write(&shown, &mut out)?,
        ShowFormat::Table => {
            let terminal = std::io::IsTerminal::is_terminal(&std::io::stdout());
            let opts = indicator_text::Options {
                color: super::stdout_styled(),
                ascii: track::export::chart::use_ascii(args.ascii, terminal, |k| {
                    std::env::var(k).ok()
                }),
                width: super::stdout_width(),
            };
            indicator_text::write(&shown, opts, &mut out)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
