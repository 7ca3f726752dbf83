//! `track report -o FILE`: the assessed plans written as HTML, Markdown,
//! Word, XLSX, JSON or CSV (see [`track::export`]).
//!
//! The output file's temporary twin is created before anything is read, so
//! a path that cannot be written fails at once (exit 2) and a failure later
//! leaves the previous report untouched; a Markdown report's charts
//! folder is replaced as a whole, just before the report itself. `-o -`
//! writes a one-file format (HTML, DOCX, XLSX, JSON, CSV) to standard
//! output instead.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, bail};

use crate::cli::{Global, ReportArgs};
use track::atomic::{self, AtomicFile};
use track::export::{Format, Options, report_format};

pub fn run(args: &ReportArgs, global: &Global) -> anyhow::Result<ExitCode> {
    let mut req = crate::settings::request(&args.select)?;
    let explicit = crate::settings::report_format(args.format);
    if args.output.as_os_str() == "-" {
        let Some(format) = explicit else {
            bail!("-o - writes to standard output: name the format with --format");
        };
        if format == Format::Markdown {
            bail!("a Markdown report writes its charts as files beside it: name a file with -o");
        }
        req.points = format.points();
        let ws = super::load(&args.input, global)?;
        let doc = super::document(
            &ws,
            &req,
            options(global, &ws, &req, format, ""),
            format.matrix(),
        )?;
        let mut out = super::raw_stdout();
        format.exporter()?.export(doc, &mut out)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let format = report_format(&args.output, explicit)?;
    // Documents show every period (charts, the evaluation table).
    req.points = format.points();
    // `-C DIR` means "as if started in DIR": the output is relative to it too.
    let path = match &global.dir {
        Some(dir) if args.output.is_relative() => dir.join(&args.output),
        _ => args.output.clone(),
    };
    let out = AtomicFile::create(&path)
        .with_context(|| format!("cannot write the report to {}", path.display()))?;
    let target = out.target().to_path_buf();
    let ws = super::load(&args.input, global)?;
    let charts = charts_dir(&target);
    let charts_name = charts
        .file_name()
        .map_or(String::new(), |n| n.to_string_lossy().into_owned());
    let doc = super::document(
        &ws,
        &req,
        options(global, &ws, &req, format, &charts_name),
        format.matrix(),
    )?;
    let shown = target.display().to_string();
    let mut w = Counted {
        inner: std::io::BufWriter::with_capacity(1 << 16, out),
        bytes: 0,
    };
    let attachments = format.exporter()?.export(doc, &mut w)?;
    let bytes = w.bytes;
    let out = (w.inner.into_inner())
        .map_err(|e| e.into_error())
        .with_context(|| format!("cannot write {shown}"))?;
    if !attachments.is_empty() {
        write_charts(&charts, &attachments)?;
    }
    out.commit()
        .with_context(|| format!("cannot write {shown}"))?;
    let mut err = anstream::stderr().lock();
    let _ = writeln!(err, "wrote {} ({bytes} bytes)", path.display());
    Ok(ExitCode::SUCCESS)
}

/// The report's options: the whole report, in the reader's language.
fn options(
    global: &Global,
    ws: &track::workspace::Workspace,
    req: &track::query::Request,
    format: Format,
    charts_dir: &str,
) -> Options {
    Options {
        lang: crate::settings::lang(global, ws),
        by_series: req.by_series(),
        color: false,
        report: true,
        charts_dir: charts_dir.to_string(),
        // Documents show the evaluation table; data (JSON, CSV) stays the
        // status output, streamed.
        evaluation: (!format.streams()).then(|| ws.defaults.report.clone()),
        // A report is a file: full width.
        width: None,
    }
}

/// The charts folder of a report: `report.md` → `report_charts`.
pub fn charts_dir(target: &Path) -> PathBuf {
    let stem = target
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "report".into());
    let name = format!("{stem}_charts");
    match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.join(name),
        _ => PathBuf::from(name),
    }
}

/// Write the charts next to the report: the charts directory is replaced
/// as a whole, so it never mixes two runs' charts.
fn write_charts(dir: &Path, charts: &[track::export::Attachment]) -> anyhow::Result<()> {
    let files = (charts.iter()).map(|(file, bytes)| (file.as_str(), bytes.as_slice()));
    atomic::replace_dir(dir, files)
        .with_context(|| format!("cannot write the charts directory {}", dir.display()))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charts_live_next_to_the_report() {
        assert_eq!(
            charts_dir(Path::new("out/report.md")),
            Path::new("out/report_charts")
        );
        assert_eq!(charts_dir(Path::new("r.md")), Path::new("r_charts"));
    }
}
