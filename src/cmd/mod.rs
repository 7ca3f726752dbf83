//! Commands: thin rooms on top of the library. Each reads its input
//! through [`track::workspace`], asks the engine, and hands a view to a
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
use std::sync::atomic::{AtomicBool, Ordering};

use anstream::ColorChoice;

use crate::cli::{ColorArg, Command, Global, InputArgs};
use track::diag::{Diagnostic, InputError};
use track::workspace::{self, Sources, Workspace};

/// Run a command; the exit code of `docs/outputs.md#exit-codes` on success.
pub fn run(command: &Command, global: &Global) -> anyhow::Result<ExitCode> {
    apply_color(global.color);
    QUIET.store(global.quiet, Ordering::Relaxed);
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

/// `--quiet`: set once, before the command runs. A process-wide switch
/// because warnings are said from deep inside (the loading of the
/// workspace, the engine's sink, the table's note) and errors never are.
static QUIET: AtomicBool = AtomicBool::new(false);

/// Whether warnings and notes are to be left unsaid (`--quiet`).
pub fn quiet() -> bool {
    QUIET.load(Ordering::Relaxed)
}

/// Whether stderr shows colour.
pub fn stderr_styled() -> bool {
    anstream::AutoStream::choice(&io::stderr()) != ColorChoice::Never
}

/// Print diagnostics (warnings or errors) to stderr; under `--quiet`,
/// only the errors.
pub fn print_diagnostics<'a>(diags: impl IntoIterator<Item = &'a Diagnostic>) {
    let styled = stderr_styled();
    let quiet = quiet();
    let mut err = anstream::stderr().lock();
    for d in diags.into_iter().filter(|d| d.is_error() || !quiet) {
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
        progress: Some(progress),
    };
    let ws = workspace::load(&sources)?;
    print_diagnostics(&ws.warnings);
    Ok(ws)
}

/// A progress bar on stderr for a file that takes more than a second to
/// read, only when stderr is a terminal; it clears itself when done.
fn progress(name: &str, total: u64) -> Option<track::actuals::Progress<'static>> {
    use indicatif::{ProgressBar, ProgressDrawTarget, ProgressFinish, ProgressStyle};
    use std::time::{Duration, Instant};
    if !io::stderr().is_terminal() {
        return None;
    }
    let style = ProgressStyle::with_template(
        "{msg} {wide_bar} {bytes}/{total_bytes} ({bytes_per_sec}, {eta})",
    )
    .unwrap_or_else(|_| ProgressStyle::default_bar());
    // Hidden at first (its rate counts from the start), shown after a second.
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::hidden())
        .with_style(style)
        .with_message(format!("reading {name}"))
        .with_finish(ProgressFinish::AndClear);
    let (start, mut shown) = (Instant::now(), false);
    Some(Box::new(move |done| {
        if !shown && start.elapsed() >= Duration::from_secs(1) {
            bar.set_draw_target(ProgressDrawTarget::stderr());
            shown = true;
        }
        bar.set_position(done);
    }))
}

/// Standard output, colour decided by `--color`, `NO_COLOR` and the terminal.
pub fn stdout() -> io::BufWriter<anstream::AutoStream<io::StdoutLock<'static>>> {
    let out = io::stdout();
    let choice = anstream::AutoStream::choice(&out);
    io::BufWriter::with_capacity(1 << 16, anstream::AutoStream::new(out.lock(), choice))
}

/// How wide what is drawn for people may be: the terminal's width when
/// standard output is one (`COLUMNS` where the terminal does not say),
/// else no limit, so that a pipe or a file gets the same bytes whatever
/// the terminal. `TRACK_WIDTH` (not in `--help`: for tests and fixed
/// layouts) overrides both; `TRACK_WIDTH=0` is no limit.
pub fn stdout_width() -> Option<usize> {
    let number = |k: &str| std::env::var(k).ok()?.trim().parse::<usize>().ok();
    if let Some(w) = number("TRACK_WIDTH") {
        return (w > 0).then_some(w);
    }
    let out = io::stdout();
    if !out.is_terminal() {
        return None;
    }
    terminal_size::terminal_size_of(&out)
        .map(|(w, _)| usize::from(w.0))
        .or_else(|| number("COLUMNS"))
        .filter(|&w| w > 0)
}

/// Whether stdout will show colour.
pub fn stdout_styled() -> bool {
    let out = io::stdout();
    anstream::AutoStream::choice(&out) != ColorChoice::Never
        && (out.is_terminal() || ColorChoice::global() == ColorChoice::Always)
}

/// The series' warnings, each said once on stderr (none under `--quiet`).
pub fn warnings() -> track::export::Warnings<'static> {
    if quiet() {
        return track::export::Warnings::ignored();
    }
    track::export::Warnings::new(Box::new(|w| {
        print_diagnostics([&Diagnostic::warning(w.to_string())])
    }))
}

/// The document a request selects, to be written with `options`; with
/// `regions`, also every region's series for a report's matrix (the same
/// as-of and method, no other filter).
pub fn document<'w>(
    ws: &'w Workspace,
    req: &track::query::Request,
    options: track::export::Options,
    regions: bool,
) -> Result<track::export::Document<'w>, InputError> {
    use track::query::{Request, Rows, select};
    let regions = if regions {
        let every = Request {
            as_of: req.as_of,
            method: req.method,
            rows: Rows::Every,
            ..Request::default()
        };
        select(ws, &every)?
    } else {
        Vec::new()
    };
    Ok(track::export::Document {
        plans: select(ws, req)?,
        regions,
        options,
        warnings: warnings(),
    })
}

/// Standard output without colour handling, for data (CSV).
pub fn raw_stdout() -> io::BufWriter<io::StdoutLock<'static>> {
    io::BufWriter::with_capacity(1 << 16, io::stdout().lock())
}
