//! `track report -o FILE`: the assessed plans written as HTML, Markdown,
//! JSON, CSV or XLSX (see [`track::report`]).
//!
//! The output file's temporary twin is created before anything is read, so
//! a path that cannot be written fails at once (exit 2) and a failure later
//! leaves the previous report untouched. `-o -` writes a one-file format
//! (HTML, JSON, CSV, XLSX) to standard output instead.

use std::io::Write as _;
use std::process::ExitCode;

use anyhow::{Context as _, bail};

use crate::cli::{Global, ReportArgs};
use track::query::{Request, Selected, select};
use track::render::View;
use track::report::ReportFormat;
use track::report::{self, Options, atomic::AtomicFile};
use track::workspace::Workspace;

pub fn run(args: &ReportArgs, global: &Global) -> anyhow::Result<ExitCode> {
    let mut sel = crate::settings::request(&args.select)?;
    if args.output.as_os_str() == "-" {
        return to_stdout(args, global, &mut sel);
    }
    let format = report::format_for(&args.output, crate::settings::report_format(args.format))?;
    // Charts draw every point of a series.
    sel.points = charts(format);
    // `-C DIR` means "as if started in DIR": the output is relative to it too.
    let path = match &global.dir {
        Some(dir) if args.output.is_relative() => dir.join(&args.output),
        _ => args.output.clone(),
    };
    let out = AtomicFile::create(&path)
        .with_context(|| format!("cannot write the report to {}", path.display()))?;
    let ws = super::load(&args.input, global)?;
    let selected = select(&ws, &sel)?;
    if matches!(format, ReportFormat::Csv | ReportFormat::Json) {
        // Streamed into the file: a million series need not be held at once.
        let target = out.target().display().to_string();
        let mut w = Counted {
            inner: std::io::BufWriter::with_capacity(1 << 16, out),
            bytes: 0,
        };
        if format == ReportFormat::Csv {
            track::render::stream::csv(&selected, &mut w, &mut super::warnings())?;
        } else {
            track::render::stream::json(&selected, &mut w, &mut super::warnings())?;
        }
        let bytes = w.bytes;
        let out = w
            .inner
            .into_inner()
            .map_err(|e| e.into_error())
            .with_context(|| format!("cannot write {target}"))?;
        out.commit()
            .with_context(|| format!("cannot write {target}"))?;
        let mut err = anstream::stderr().lock();
        let _ = writeln!(err, "wrote {} ({bytes} bytes)", path.display());
        return Ok(ExitCode::SUCCESS);
    }
    let view = view(&ws, global, &sel, selected);
    let bytes = report::write(format, &view, Options { method: sel.method }, out)?;
    let mut err = anstream::stderr().lock();
    let _ = writeln!(err, "wrote {} ({bytes} bytes)", path.display());
    Ok(ExitCode::SUCCESS)
}

/// `-o -`: the report on standard output (the format from --format).
fn to_stdout(args: &ReportArgs, global: &Global, sel: &mut Request) -> anyhow::Result<ExitCode> {
    let Some(format) = crate::settings::report_format(args.format) else {
        bail!("-o - writes to standard output: name the format with --format");
    };
    sel.points = charts(format);
    if format == ReportFormat::Markdown {
        bail!("a Markdown report writes its charts as files beside it: name a file with -o");
    }
    let ws = super::load(&args.input, global)?;
    let selected = select(&ws, sel)?;
    if matches!(format, ReportFormat::Csv | ReportFormat::Json) {
        // Streamed, as `status` does: a million series need not be held at once.
        let mut out = super::raw_stdout();
        if format == ReportFormat::Csv {
            track::render::stream::csv(&selected, &mut out, &mut super::warnings())?;
        } else {
            track::render::stream::json(&selected, &mut out, &mut super::warnings())?;
        }
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let view = view(&ws, global, sel, selected);
    let bytes = report::render(format, &view, Options { method: sel.method })?;
    let mut out = std::io::stdout().lock();
    out.write_all(&bytes)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The selected rows of every plan, warnings about them printed.
fn view<'w>(
    ws: &'w Workspace,
    global: &Global,
    sel: &Request,
    selected: Vec<Selected<'w>>,
) -> View<'w> {
    let view = View {
        plans: selected.into_iter().map(Selected::view).collect(),
        lang: crate::settings::lang(global, ws),
        color: false,
        by_series: sel.by_series(),
    };
    super::print_series_warnings(&view);
    view
}

/// Whether the format draws charts (which need every point of a series).
fn charts(format: ReportFormat) -> bool {
    matches!(format, ReportFormat::Html | ReportFormat::Markdown)
}

/// A writer that counts the bytes written through it.
struct Counted<W> {
    inner: W,
    bytes: u64,
}

impl<W: std::io::Write> std::io::Write for Counted<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}
