//! `track init [DIR]`: a starter workspace — `track.toml`, a commented
//! `plan.toml` with an example of every target form (`docs/plan-format.md#target-expressions`) and an
//! `actuals.csv` — so that `track status` works in it at once and shows a
//! mix of statuses to learn from.
//!
//! `track init --from FILE` writes the same three files, the plan read
//! from the indicator table of a published plan ([`track::plandoc`],
//! `docs/plan-format.md#starting-from-a-published-plan`) and the actuals
//! CSV with its header only; the rows the table has that could not be
//! read are listed on stderr (they are commented out in the plan).
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
use track::display::Lang;
use track::plandoc;

const MANIFEST: &str = include_str!("init/track.toml");
const PLAN_ZH: &str = include_str!("init/plan.zh.toml");
const PLAN_EN: &str = include_str!("init/plan.en.toml");
const ACTUALS_ZH: &str = include_str!("init/actuals.zh.csv");
const ACTUALS_EN: &str = include_str!("init/actuals.en.csv");
/// The actuals of a plan read from a document: the header only.
const ACTUALS_HEADER: &str = "indicator,region,period,value,source,note\n";

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
        None => base.clone(),
    };
    // No manifest yet to take a default from: `--lang`, else Chinese.
    let lang = match global.lang {
        Some(LangArg::En) => Lang::En,
        _ => Lang::Zh,
    };
    let shown = |name: &str| -> String {
        let p = dir.join(name);
        p.strip_prefix(&cwd).unwrap_or(&p).display().to_string()
    };
    let starter = files(lang);
    let files: Vec<(&str, String)> = match &args.from {
        None => starter.into_iter().collect(),
        Some(_) => vec![
            ("track.toml", starter[0].1.clone()),
            ("plan.toml", String::new()),
            ("actuals.csv", ACTUALS_HEADER.to_string()),
        ],
    };

    if !args.force {
        refuse_taken(&files, &dir, &shown)?;
    }

    let mut files = files;
    let opts = plandoc::Options {
        id: None,
        actuals: "actuals.csv".to_string(),
        plan_path: shown("plan.toml"),
        lang,
    };
    let read = match &args.from {
        Some(from) => Some(from_document(
            &base.join(from),
            &from.display().to_string(),
            &opts,
        )?),
        None => None,
    };
    if let Some(w) = &read {
        files[1].1 = w.toml.clone();
    }

    fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    // The manifest last: until it exists, nothing looks like a workspace.
    for (name, text) in files.iter().rev() {
        write_atomic(&dir.join(name), text.as_bytes())
            .with_context(|| format!("cannot write {}", shown(name)))?;
    }

    let names: Vec<String> = files.iter().map(|(n, _)| shown(n)).collect();
    let cd = match dir.strip_prefix(&cwd) {
        Ok(rel) if rel.as_os_str().is_empty() => String::new(),
        Ok(rel) => format!("cd {} && ", rel.display()),
        Err(_) => format!("cd {} && ", dir.display()),
    };
    if let (Some(written), Some(from)) = (&read, &args.from) {
        let from = from.display().to_string();
        return report_read(written, &from, &names, &cd, lang);
    }
    let mut err = anstream::stderr().lock();
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

/// Refuse when any of the files is there, naming each. A dangling
/// symlink is "there" too: never write through it.
fn refuse_taken(
    files: &[(&str, String)],
    dir: &Path,
    shown: &dyn Fn(&str) -> String,
) -> Result<(), InputError> {
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
    match taken.is_empty() {
        true => Ok(()),
        false => Err(InputError(Diagnostics(taken))),
    }
}

/// The plan of a document's indicator table; the document named `shown`.
fn from_document(
    path: &Path,
    shown: &str,
    opts: &plandoc::Options,
) -> anyhow::Result<plandoc::Written> {
    let one = |d: Diagnostic| anyhow::Error::new(InputError(Diagnostics(vec![d])));
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Err(one(Diagnostic::error(format!("{shown}: no such file"))));
        }
        Err(e) => return Err(one(Diagnostic::error(format!("cannot read {shown}: {e}")))),
    };
    plandoc::plan_from(&bytes, shown, opts).map_err(one)
}

/// What `init --from` read and wrote, on stderr: every row not read
/// first, then the counts and what to do next.
fn report_read(
    w: &plandoc::Written,
    from: &str,
    names: &[String],
    cd: &str,
    lang: Lang,
) -> anyhow::Result<ExitCode> {
    super::print_diagnostics(&w.diagnostics);
    let table = match (&w.title, lang == Lang::En) {
        (Some(t), true) => format!("{t}, {}", w.place),
        (Some(t), false) => t.clone(),
        (None, _) => w.place.clone(),
    };
    let mut err = anstream::stderr().lock();
    if lang == Lang::En {
        writeln!(
            err,
            "read {} indicator(s) from {from} ({table}); wrote {}",
            w.indicators,
            names.join(", ")
        )?;
        if w.unread > 0 {
            writeln!(
                err,
                "{} row(s) not read (listed above): commented out in {}",
                w.unread, names[1]
            )?;
        }
        writeln!(
            err,
            "next: check {} against the document, then {cd}track validate",
            names[1]
        )?;
    } else {
        writeln!(
            err,
            "已从 {from} 读入 {} 个指标（{table}），写入 {}",
            w.indicators,
            names.join("、")
        )?;
        if w.unread > 0 {
            writeln!(
                err,
                "{} 行未能读入（见上），已在 {} 中注释",
                w.unread, names[1]
            )?;
        }
        writeln!(
            err,
            "下一步: 对照原文核对 {}，然后 {cd}track validate",
            names[1]
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
