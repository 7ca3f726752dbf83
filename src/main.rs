//! The `track` binary: parse the command line, run the command, turn the
//! outcome into an exit code (0 ok, 1 targets flagged, 2 bad input).

use std::io::{self, Write};
use std::process::ExitCode;

mod cli;
mod cmd;
mod settings;

use clap::Parser;
use cli::Cli;
use track::diag::InputError;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cmd::run(&cli.command, &cli.global) {
        Ok(code) => code,
        Err(e) => report(e),
    }
}

/// Show an error once, on stderr; a closed pipe is not an error.
fn report(e: anyhow::Error) -> ExitCode {
    if e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    }) {
        return ExitCode::SUCCESS;
    }
    let mut err = anstream::stderr().lock();
    match e.downcast_ref::<InputError>() {
        Some(InputError(diags)) => {
            cmd::print_diagnostics(diags.in_order());
            let n = diags.error_count();
            let _ = writeln!(
                err,
                "error: {n} problem{} found in the input",
                if n == 1 { "" } else { "s" }
            );
        }
        None => {
            let _ = writeln!(err, "error: {e:#}");
        }
    }
    ExitCode::from(2)
}
