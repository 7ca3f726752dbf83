//! `track init` (being built).

use std::process::ExitCode;

use crate::cli::{Global, InitArgs};

pub fn run(_args: &InitArgs, _global: &Global) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`track init` is not built yet")
}
