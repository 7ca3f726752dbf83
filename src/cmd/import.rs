//! `track import FILE --plan PLAN [-o OUT.csv]`: a spreadsheet or a wide
//! table into the long actuals CSV.
//!
//! The command reads (the plan, the workbook's sheets or the CSV file),
//! hands each table to [`track::import::place`], and writes. All or
//! nothing: when any cell cannot be placed, nothing is written (exit 2)
//! unless `--skip-bad`, which lists every skipped cell on stderr instead.
//! `-o OUT.csv` is merged, never clobbered: read under the same advisory
//! lock `track add` takes, merged (existing rows kept, equal values not
//! repeated, a different value for a period already there is a conflict
//! and exit 2), written to a temporary file beside it and renamed over it.
//! Without `-o` the long CSV goes to stdout.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;

use super::init::write_atomic;
use crate::cli::{Global, ImportArgs};
use track::diag::{Diagnostic, Diagnostics, InputError, Severity};
use track::import::RegionFrom;
use track::import::{self, Options, Table};

pub fn run(args: &ImportArgs, global: &Global) -> anyhow::Result<ExitCode> {
    let cwd = std::env::current_dir().context("cannot read the working directory")?;
    let base = match &global.dir {
        Some(d) => cwd.join(d),
        None => cwd.clone(),
    };
    let shown = |p: &Path| p.strip_prefix(&cwd).unwrap_or(p).display().to_string();

    let plan_path = base.join(&args.plan);
    let (plan, warnings) = track::workspace::read_plan(&plan_path, &shown(&plan_path))?;
    super::print_diagnostics(warnings.iter());

    let file = base.join(&args.file);
    let (tables, warnings) = read_tables(&file, &shown(&file), args)?;
    super::print_diagnostics(&warnings);

    let opts = Options {
        layout: crate::settings::layout(args.layout),
        region_from: crate::settings::region_from(args.region_from),
    };
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for (i, t) in tables.iter().enumerate() {
        let placed = import::place(t, &plan, &opts);
        super::print_diagnostics(&placed.warnings);
        rows.extend(placed.rows.into_iter().map(|r| import::LongRow {
            at: (i, r.at.1, r.at.2),
            ..r
        }));
        errors.extend(placed.errors);
    }
    let (rows, conflicts) = import::dedupe(rows, &tables);
    errors.extend(conflicts);

    if !errors.is_empty() {
        if !args.skip_bad {
            return Err(InputError(Diagnostics(errors)).into());
        }
        let n = errors.len();
        let skipped: Vec<Diagnostic> = errors
            .into_iter()
            .map(|mut d| {
                d.severity = Severity::Warning;
                d.message = format!("skipped: {}", d.message);
                d
            })
            .collect();
        super::print_diagnostics(&skipped);
        if !super::quiet() {
            eprintln!(
                "warning: {n} problem{} skipped (--skip-bad); the rest is imported",
                if n == 1 { "" } else { "s" }
            );
        }
    }

    let from = tables
        .iter()
        .map(Table::name)
        .collect::<Vec<_>>()
        .join(", ");
    match &args.output {
        None => {
            let mut out = super::stdout();
            out.write_all(&import::csv::write_long(&rows))?;
            out.flush()?;
            eprintln!("imported {} value(s) from {from}", rows.len());
        }
        Some(out) => {
            let out = base.join(out);
            let (added, present) = write_merged(&out, &shown(&out), &plan, &rows)?;
            let already = if present > 0 {
                format!(" ({present} already there)")
            } else {
                String::new()
            };
            eprintln!(
                "imported {added} value(s) from {from} into {}{already}",
                shown(&out)
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The tables of the input: the sheets of a workbook, or the CSV file.
fn read_tables(
    file: &Path,
    shown: &str,
    args: &ImportArgs,
) -> anyhow::Result<(Vec<Table>, Vec<Diagnostic>)> {
    let one = |d: Diagnostic| anyhow::Error::new(InputError(Diagnostics(vec![d])));
    if !file.is_file() {
        return Err(one(Diagnostic::error(format!("{shown}: no such file"))));
    }
    if import::is_spreadsheet(file) {
        #[cfg(feature = "xlsx")]
        {
            let every = crate::settings::region_from(args.region_from) == Some(RegionFrom::Sheet);
            return import::xlsx::read_tables(file, shown, args.sheet.as_deref(), every)
                .map_err(one);
        }
        #[cfg(not(feature = "xlsx"))]
        {
            return Err(one(Diagnostic::error(format!(
                "cannot read {shown}: {}",
                import::NO_EXCEL
            ))));
        }
    }
    let mut warnings = Vec::new();
    if args.sheet.is_some() {
        warnings.push(Diagnostic::warning(format!(
            "{shown} is a CSV file: --sheet is ignored"
        )));
    }
    if crate::settings::region_from(args.region_from) == Some(RegionFrom::Sheet) {
        warnings.push(Diagnostic::warning(format!(
            "{shown} is a CSV file: its name is taken as the region of every row"
        )));
    }
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {shown}"))?;
    let (table, note) = import::csv::read_table(&bytes, shown).map_err(one)?;
    warnings.extend(note);
    Ok((vec![table], warnings))
}

/// Merge `rows` into `out` and replace it atomically, holding the lock
/// `track add` takes on the file while reading, merging and renaming.
fn write_merged(
    out: &Path,
    shown: &str,
    plan: &track::plan::Plan,
    rows: &[import::LongRow],
) -> anyhow::Result<(usize, usize)> {
    // Locked once it is the file the path names (another writer may have
    // replaced it while this one waited).
    let existing = track::actuals::append::lock_existing(out)
        .with_context(|| format!("cannot open and lock {shown}"))?;
    let mut bytes = Vec::new();
    if let Some(mut f) = existing.as_ref() {
        f.read_to_end(&mut bytes)
            .with_context(|| format!("cannot read {shown}"))?;
    }
    let merged = import::merge::merge(existing.as_ref().map(|_| &bytes[..]), shown, plan, rows)
        .map_err(|d| InputError(Diagnostics(d)))?;
    if merged.added > 0 || existing.is_none() {
        let dir: PathBuf = out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("cannot create {}", dir.display()))?;
        write_atomic(out, &merged.bytes).with_context(|| format!("cannot write {shown}"))?;
    }
    // The lock goes with the file handle, after the rename.
    drop(existing);
    Ok((merged.added, merged.present))
}
