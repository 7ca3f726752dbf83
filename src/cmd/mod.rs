//! Commands: thin rooms on top of the library. Each reads its input
//! through [`crate::workspace`], asks the engine, and hands a view to a
//! renderer; none computes a figure itself.

pub mod add;
pub mod check;
pub mod generate;
pub mod import;
pub mod init;
pub mod report;
pub mod show;
pub mod status;
pub mod validate;

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use anstream::ColorChoice;

use crate::cli::{ColorArg, Command, Global, InputArgs, MethodArg, SelectArgs};
use crate::diag::{Diagnostic, InputError};
use crate::workspace::{self, Sources, Workspace};

/// Run a command; the exit code of SPEC §4 on success.
pub fn run(command: &Command, global: &Global) -> anyhow::Result<ExitCode> {
    apply_color(global.color);
    match command {
        Command::Status(args) => status::run(args, global),
        Command::Validate(args) => validate::run(args, global),
        Command::Check(args) => check::run(args, global),
        Command::Add(args) => add::run(args, global),
        Command::Show(args) => show::run(args, global),
        Command::Report(args) => report::run(args, global),
        Command::Init(args) => init::run(args, global),
        Command::Import(args) => import::run(args, global),
        Command::Generate(args) => generate::run(args),
    }
}

fn apply_color(c: ColorArg) {
    let choice = match c {
        ColorArg::Auto => ColorChoice::Auto,
        ColorArg::Always => ColorChoice::Always,
        ColorArg::Never => ColorChoice::Never,
    };
    choice.write_global();
}

/// Whether stderr shows colour.
pub fn stderr_styled() -> bool {
    anstream::AutoStream::choice(&io::stderr()) != ColorChoice::Never
}

/// Print diagnostics (warnings or errors) to stderr.
pub fn print_diagnostics<'a>(diags: impl IntoIterator<Item = &'a Diagnostic>) {
    let styled = stderr_styled();
    let mut err = anstream::stderr().lock();
    for d in diags {
        let _ = writeln!(err, "{}", d.render(styled));
    }
}

/// Load the workspace named by the command line; warnings go to stderr.
pub fn load(input: &InputArgs, global: &Global) -> Result<Workspace, InputError> {
    load_with(input, global, false)
}

/// [`load`], optionally listing the actuals files without reading them.
pub fn load_with(
    input: &InputArgs,
    global: &Global,
    list_only: bool,
) -> Result<Workspace, InputError> {
    let sources = Sources {
        dir: global.dir.clone(),
        manifest: global.manifest.clone(),
        plans: input.plans.clone(),
        actuals: input.actuals.clone(),
        list_only,
    };
    let ws = workspace::load(&sources)?;
    print_diagnostics(&ws.warnings);
    Ok(ws)
}

/// Standard output, colour decided by `--color`, `NO_COLOR` and the terminal.
pub fn stdout() -> io::BufWriter<anstream::AutoStream<io::StdoutLock<'static>>> {
    let out = io::stdout();
    let choice = anstream::AutoStream::choice(&out);
    io::BufWriter::with_capacity(1 << 16, anstream::AutoStream::new(out.lock(), choice))
}

/// Whether stdout will show colour.
pub fn stdout_styled() -> bool {
    let out = io::stdout();
    anstream::AutoStream::choice(&out) != ColorChoice::Never
        && (out.is_terminal() || ColorChoice::global() == ColorChoice::Always)
}

/// Warnings the engine attached to series (each said once).
pub fn print_series_warnings(view: &crate::render::View) {
    let mut seen = std::collections::BTreeSet::new();
    for a in view.plans.iter().flat_map(|p| &p.rows) {
        warn_once(&mut seen, &a.warnings);
    }
}

/// Print the warnings not yet in `seen`.
fn warn_once(seen: &mut std::collections::BTreeSet<String>, warnings: &[String]) {
    for w in warnings {
        if seen.insert(w.clone()) {
            print_diagnostics([&Diagnostic::warning(w.clone())]);
        }
    }
}

/// Standard output without colour handling, for data (CSV).
pub fn raw_stdout() -> io::BufWriter<io::StdoutLock<'static>> {
    io::BufWriter::with_capacity(1 << 16, io::stdout().lock())
}

/// Write the selected rows as the JSON document of `status --format json`,
/// batch by batch like [`write_csv`].
pub fn write_json(selected: &[crate::query::Selected], out: &mut dyn Write) -> anyhow::Result<()> {
    use crate::render::json::Document;
    let mut doc = Document::start(out)?;
    let mut seen = std::collections::BTreeSet::new();
    for s in selected {
        s.batches(
            |rows| {
                let (mut part, mut buf) = (Document::part(), Vec::new());
                part.rows(s.plan, s.as_of, &rows, &mut buf);
                let warnings: Vec<String> = rows.iter().flat_map(|a| a.warnings.clone()).collect();
                (part, buf, warnings)
            },
            |(part, buf, warnings)| {
                warn_once(&mut seen, &warnings);
                doc.append(part, &buf, out)
            },
        )?;
    }
    doc.finish(out)?;
    Ok(())
}

/// Write the selected rows as CSV, batch by batch: rows are assessed and
/// formatted in parallel and written in order, so memory holds only a few
/// batches whatever the number of series. The series' warnings go to
/// stderr, each once.
pub fn write_csv(selected: &[crate::query::Selected], out: &mut dyn Write) -> anyhow::Result<()> {
    out.write_all(&crate::render::csv::header())?;
    let mut seen = std::collections::BTreeSet::new();
    for s in selected {
        s.batches(
            |rows| {
                let mut buf = Vec::with_capacity(rows.len() * 256);
                crate::render::csv::write_rows(s.plan, &rows, &mut buf);
                let warnings: Vec<String> = rows.iter().flat_map(|a| a.warnings.clone()).collect();
                (buf, warnings)
            },
            |(buf, warnings)| {
                warn_once(&mut seen, &warnings);
                out.write_all(&buf)
            },
        )?;
    }
    Ok(())
}

/// The query the selection flags ask for; `rows` when no `--by` says.
pub fn request(args: &SelectArgs) -> anyhow::Result<crate::query::Request> {
    use crate::query::{Request, Rows};
    let mut statuses = Vec::new();
    for s in &args.status {
        match crate::engine::Status::parse(s) {
            Some(st) => statuses.push(st),
            None => anyhow::bail!(
                "--status {s}: unknown status; expected {}",
                crate::engine::Status::ALL.map(|s| s.as_str()).join(", ")
            ),
        }
    }
    Ok(Request {
        as_of: as_of(args.as_of.as_deref())?,
        region: args.region.clone(),
        group: args.group.clone(),
        statuses,
        method: method(args.method),
        rows: match args.by.as_deref() {
            None => Rows::Headline,
            Some("region") => Rows::ByRegion,
            Some(dim) => Rows::ByDimension(dim.to_string()),
        },
        ..Request::default()
    })
}

/// `--as-of PERIOD`, parsed.
pub fn as_of(arg: Option<&str>) -> anyhow::Result<Option<crate::period::Period>> {
    use anyhow::Context as _;
    match arg {
        Some(s) => Ok(Some(
            crate::period::Period::parse(s).with_context(|| format!("--as-of {s}"))?,
        )),
        None => Ok(None),
    }
}

/// `--method`, as the plan's method type.
pub fn method(arg: Option<MethodArg>) -> Option<crate::plan::Method> {
    arg.map(|m| match m {
        MethodArg::Time => crate::plan::Method::Time,
        MethodArg::Cagr => crate::plan::Method::Cagr,
    })
}
