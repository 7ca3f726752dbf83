//! `track show` (being built).

use std::process::ExitCode;

use crate::cli::{Global, ShowArgs};

pub fn run(_args: &ShowArgs, _global: &Global) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`track show` is not built yet")
}
