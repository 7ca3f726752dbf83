//! `track init [DIR]`: a starter workspace — `track.toml`, a commented
//! `plan.toml` with an example of every target form (`docs/plan-format.md#target-expressions`) and an
//! `actuals.csv` — so that `track status` works in it at once and shows a
//! mix of statuses to learn from.
//!
//! Nothing is overwritten unless `--force`: the three files are checked
//! before any is written, and every one already there is named. Each file
//! is written atomically (a temporary file in the same directory, synced,
//! then renamed over the name), so an interrupted init leaves no half file.

use std::fs;
use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context as _, bail};

use crate::cli::{Global, InitArgs, LangArg};
use track::diag::{Diagnostic, Diagnostics, InputError};

const MANIFEST: &str = include_str!("init/track.toml");
const PLAN_ZH: &str = include_str!("init/plan.zh.toml");
const PLAN_EN: &str = include_str!("init/plan.en.toml");
const ACTUALS_ZH: &str = include_str!("init/actuals.zh.csv");
const ACTUALS_EN: &str = include_str!("init/actuals.en.csv");

/// The files of a starter workspace in `lang` (`zh` unless `--lang en`).
pub fn files(english: bool) -> [(&'static str, String); 3] {
    let lang = if english { "en" } else { "zh" };
    [
        ("track.toml", MANIFEST.replace("@LANG@", lang)),
        (
            "plan.toml",
            if english { PLAN_EN } else { PLAN_ZH }.to_string(),
        ),
        (
            "actuals.csv",
            if english { ACTUALS_EN } else { ACTUALS_ZH }.to_string(),
        ),
    ]
}

pub fn run(args: &InitArgs, global: &Global) -> anyhow::Result<ExitCode> {
    let cwd = std::env::current_dir().context("cannot read the working directory")?;
    // `-C DIR` is where track runs, as for every command, so it must exist;
    // the positional DIR, relative to it, is created.
    let base = match &global.dir {
        Some(c) => {
            let base = cwd.join(c);
            if !base.is_dir() {
                bail!("-C {}: no such directory", base.display());
            }
            base
        }
        None => cwd.clone(),
    };
    let dir = match &args.dir {
        Some(d) => base.join(d),
        None => base,
    };
    let english = global.lang == Some(LangArg::En);
    let files = files(english);
    let shown = |name: &str| -> String {
        let p = dir.join(name);
        p.strip_prefix(&cwd).unwrap_or(&p).display().to_string()
    };

    if !args.force {
        // A dangling symlink is "there" too: never write through it.
        let taken: Vec<Diagnostic> = files
            .iter()
            .filter(|(name, _)| dir.join(name).symlink_metadata().is_ok())
            .map(|(name, _)| {
                Diagnostic::error(format!(
                    "{} already exists; not overwriting it",
                    shown(name)
                ))
                .help("`track init --force` overwrites it; `track init DIR` starts elsewhere")
            })
            .collect();
        if !taken.is_empty() {
            return Err(InputError(Diagnostics(taken)).into());
        }
    }

    fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    // The manifest last: until it exists, nothing looks like a workspace.
    for (name, text) in files.iter().rev() {
        write_atomic(&dir.join(name), text.as_bytes())
            .with_context(|| format!("cannot write {}", shown(name)))?;
    }

    let mut err = anstream::stderr().lock();
    let names: Vec<String> = files.iter().map(|(n, _)| shown(n)).collect();
    let cd = match dir.strip_prefix(&cwd) {
        Ok(rel) if rel.as_os_str().is_empty() => String::new(),
        Ok(rel) => format!("cd {} && ", rel.display()),
        Err(_) => format!("cd {} && ", dir.display()),
    };
    if english {
        writeln!(err, "wrote {}", names.join(", "))?;
        writeln!(
            err,
            "next: {cd}track status   (then edit plan.toml and actuals.csv; `track import` reads Excel tables)"
        )?;
    } else {
        writeln!(err, "已写入 {}", names.join("、"))?;
        writeln!(
            err,
            "下一步: {cd}track status   (然后修改 plan.toml 和 actuals.csv; `track import` 可读取 Excel 表格)"
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Replace `path` with `bytes` atomically ([`track::atomic`]: a
/// short temporary name beside it, synced, renamed over it, removed on any
/// error; stale ones of killed runs are cleaned up). The permissions of a
/// file being replaced are kept.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    track::atomic::write(path, bytes)
}
