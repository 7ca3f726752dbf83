//! `track report -o FILE`: the assessed plans written as HTML, Markdown,
//! JSON, CSV or XLSX (see [`crate::report`]).
//!
//! The output file's temporary twin is created before anything is read, so
//! a path that cannot be written fails at once (exit 2) and a failure later
//! leaves the previous report untouched. `-o -` writes a one-file format
//! (HTML, JSON, CSV, XLSX) to standard output instead.

use std::io::Write as _;
use std::process::ExitCode;

use anyhow::{Context as _, bail};

use super::select::{Selection, views};
use crate::cli::{Global, ReportArgs};
use crate::render::View;
use crate::report::{self, Options, atomic::AtomicFile};
use crate::workspace::Workspace;

pub fn run(args: &ReportArgs, global: &Global) -> anyhow::Result<ExitCode> {
    let sel = Selection::parse(&args.select)?;
    if args.output.as_os_str() == "-" {
        return to_stdout(args, global, &sel);
    }
    let format = report::format_for(&args.output, args.format)?;
    // `-C DIR` means "as if started in DIR": the output is relative to it too.
    let path = match &global.dir {
        Some(dir) if args.output.is_relative() => dir.join(&args.output),
        _ => args.output.clone(),
    };
    let out = AtomicFile::create(&path)
        .with_context(|| format!("cannot write the report to {}", path.display()))?;
    let ws = super::load(&args.input, global)?;
    let view = view(&ws, global, &sel)?;
    let bytes = report::write(format, &view, Options { method: sel.method }, out)?;
    let mut err = anstream::stderr().lock();
    let _ = writeln!(err, "wrote {} ({bytes} bytes)", path.display());
    Ok(ExitCode::SUCCESS)
}

/// `-o -`: the report on standard output (the format from --format).
fn to_stdout(args: &ReportArgs, global: &Global, sel: &Selection) -> anyhow::Result<ExitCode> {
    let Some(format) = args.format else {
        bail!("-o - writes to standard output: name the format with --format");
    };
    if format == report::ReportFormat::Markdown {
        bail!("a Markdown report writes its charts as files beside it: name a file with -o");
    }
    let ws = super::load(&args.input, global)?;
    let view = view(&ws, global, sel)?;
    let bytes = report::render(format, &view, Options { method: sel.method })?;
    let mut out = std::io::stdout().lock();
    out.write_all(&bytes)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The selected rows of every plan, warnings about them printed.
fn view<'w>(ws: &'w Workspace, global: &Global, sel: &Selection) -> anyhow::Result<View<'w>> {
    let view = View {
        plans: views(ws, sel)?,
        lang: super::status::lang(global, ws.defaults.lang),
        color: false,
        by_series: sel.by_series(),
    };
    super::print_series_warnings(&view);
    Ok(view)
}
