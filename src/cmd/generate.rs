//! `track generate`: shell completions and the man page, from the same clap
//! definition as the command line itself.

use std::io::Write;
use std::process::ExitCode;

use clap::CommandFactory;

use crate::cli::{Cli, Generate, GenerateArgs};

pub fn run(args: &GenerateArgs) -> anyhow::Result<ExitCode> {
    let mut cmd = Cli::command();
    let mut out = super::stdout();
    match &args.what {
        Generate::Completions { shell } => {
            clap_complete::generate(*shell, &mut cmd, "track", &mut out)
        }
        Generate::Man => clap_mangen::Man::new(cmd).render(&mut out)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
