//! `track init [DIR]`: a starter workspace — `track.toml`, a commented
//! `plan.toml` with an example of every target form (`docs/plan-format.md#target-expressions`) and an
//! `actuals.csv` — so that `track status` works in it at once and shows a
//! mix of statuses to learn from.
//!
//! Nothing is overwritten unless `--force`: the three files are checked
//! before any is written, and every one already there is named. Each file
//! is written atomically (a temporary file in the same directory, synced,
//! then renamed over the name), so an interrupted init leaves no half file.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, bail};

use crate::cli::{Global, InitArgs, LangArg};
use track::diag::{Diagnostic, Diagnostics, InputError};
use track::display::Lang;

const MANIFEST: &str = include_str!("init/track.toml");
const PLAN_ZH: &str = include_str!("init/plan.zh.toml");
const PLAN_EN: &str = include_str!("init/plan.en.toml");
const ACTUALS_ZH: &str = include_str!("init/actuals.zh.csv");
const ACTUALS_EN: &str = include_str!("init/actuals.en.csv");

/// The files of a starter workspace in `lang` (`zh` unless `--lang en`).
pub fn files(lang: Lang) -> [(&'static str, String); 3] {
    [
        (
            "track.toml",
            MANIFEST.replace("@LANG@", lang.pick("zh", "en")),
        ),
        ("plan.toml", lang.pick(PLAN_ZH, PLAN_EN).to_string()),
        ("actuals.csv", lang.pick(ACTUALS_ZH, ACTUALS_EN).to_string()),
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
    // No manifest yet to take a default from: `--lang`, else Chinese.
    let lang = match global.lang {
        Some(LangArg::En) => Lang::En,
        _ => Lang::Zh,
    };
    let files = files(lang);
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
    if lang == Lang::En {
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

/// Replace `path` with `bytes` atomically: a new file in the same directory
/// (so the rename cannot cross file systems), synced, then renamed over the
/// name. The permissions of a file being replaced are kept. On any error
/// the temporary file is removed and `path` is untouched.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no file name"))?
        .to_string_lossy()
        .into_owned();
    for attempt in 0..1000 {
        let tmp = dir.join(format!(".{name}.{}.{attempt}.tmp", std::process::id()));
        let mut f = match OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        };
        let written = (|| {
            f.write_all(bytes)?;
            if let Ok(meta) = fs::metadata(path) {
                f.set_permissions(meta.permissions())?;
            }
            f.sync_all()?;
            drop(f);
            fs::rename(&tmp, path)
        })();
        if written.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        written?;
        // Make the rename itself durable (best effort: not every platform
        // can open a directory).
        if let Ok(d) = fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        return Ok(());
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        format!("cannot create a temporary file for {name}"),
    ))
}
