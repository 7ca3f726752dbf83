//! `track report` (being built).

use std::process::ExitCode;

use crate::cli::{Global, ReportArgs};

pub fn run(_args: &ReportArgs, _global: &Global) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`track report` is not built yet")
}
