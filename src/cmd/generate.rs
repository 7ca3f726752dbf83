//! `track generate`: shell completions and the man page, from the same
//! definition as the command line itself ([`crate::cli::write_generated`]).

use std::io::Write;
use std::process::ExitCode;

use crate::cli::GenerateArgs;

pub fn run(args: &GenerateArgs) -> anyhow::Result<ExitCode> {
    let mut out = super::stdout();
    crate::cli::write_generated(&args.what, &mut out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
