//! `track import` (being built).

use std::process::ExitCode;

use crate::cli::{Global, ImportArgs};

pub fn run(_args: &ImportArgs, _global: &Global) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`track import` is not built yet")
}
