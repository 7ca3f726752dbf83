//! Finding and loading the input: the manifest `track.toml` (found by
//! walking up from the working directory, like `Cargo.toml`), its plans,
//! and each plan's actuals files.
//!
//! This is the one module that touches the file system for reading input;
//! everything it hands on (plans, actuals, diagnostics) is plain data.
//! Every problem of every file is collected before giving up.

use std::fs::File;
use std::path::{Path, PathBuf};

use toml_edit::{ImDocument, Item};

use crate::actuals::{Actuals, ActualsReader};
use crate::diag::{Diagnostic, Diagnostics, InputError, Location};
use crate::display::Lang;
use crate::period::Period;
use crate::plan::{Plan, parse_plan};

pub const MANIFEST: &str = "track.toml";

/// Where to look for input.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// `-C DIR`: act as if started there.
    pub dir: Option<PathBuf>,
    /// `--manifest PATH`.
    pub manifest: Option<PathBuf>,
    /// `--plan`: plans named on the command line (no manifest needed).
    pub plans: Vec<PathBuf>,
    /// `--actuals`: replaces the plans' own actuals lists.
    pub actuals: Vec<PathBuf>,
    /// Only list the actuals files, do not read them (for `add`, which
    /// reads them itself under its lock).
    pub list_only: bool,
    /// Progress of reading a large file: given its name and size, a
    /// callback told how many bytes are read (the binary draws a bar).
    pub progress: Option<ProgressFor>,
}

/// Makes the progress callback of one actuals file, if it wants one.
pub type ProgressFor = fn(name: &str, size: u64) -> Option<crate::actuals::Progress<'static>>;

/// The manifest's `[defaults]`.
#[derive(Debug, Clone, Default)]
pub struct Defaults {
    pub lang: Option<Lang>,
    pub as_of: Option<Period>,
    /// `[report]`: the evaluation table's columns and their names.
    pub report: crate::view::evaluation::Layout,
}

/// One plan with its actuals.
#[derive(Debug)]
pub struct Loaded {
    pub plan: Plan,
    pub actuals: Actuals,
    /// The plan file on disk (for tools that write next to it).
    pub file: PathBuf,
}

#[derive(Debug)]
pub struct Workspace {
    pub plans: Vec<Loaded>,
    pub defaults: Defaults,
    /// Warnings about the input (shown on stderr, never fatal).
    pub warnings: Vec<Diagnostic>,
}

fn input_error(message: String) -> InputError {
    InputError(Diagnostics(vec![Diagnostic::error(message)]))
}

/// How to name a path to the user: relative to the working directory
/// when it is inside it.
pub fn shown(path: &Path, cwd: &Path) -> String {
    match path.strip_prefix(cwd) {
        // The working directory itself (`actuals = ["."]`).
        Ok(p) if p.as_os_str().is_empty() => ".".to_string(),
        Ok(p) => p.display().to_string(),
        Err(_) => path.display().to_string(),
    }
}

/// The most bytes read of a plan or manifest: far beyond any plan (20,000
/// indicators take 4 MB), and `/dev/zero` named as one ends.
const MAX_TOML: u64 = 64 << 20;

/// A TOML file's text, decoded (see [`crate::encoding::toml_text`]), with
/// the note of a UTF-16 file. `what` names it in messages (`plan`).
fn read_toml(
    file: &Path,
    shown: &str,
    what: &str,
) -> Result<(String, Vec<Diagnostic>), InputError> {
    use std::io::Read;
    let mut bytes = Vec::new();
    File::open(file)
        .and_then(|f| f.take(MAX_TOML + 1).read_to_end(&mut bytes))
        .map_err(|e| input_error(format!("cannot read {what} {shown}: {e}")))?;
    if bytes.len() as u64 > MAX_TOML {
        return Err(input_error(format!(
            "{what} {shown} is larger than {} MiB: is it the right file?",
            MAX_TOML >> 20
        )));
    }
    let (text, note) =
        crate::encoding::toml_text(bytes, shown).map_err(|d| InputError(Diagnostics(vec![d])))?;
    Ok((text, note.into_iter().collect()))
}

/// Read and parse a plan file.
pub fn read_plan(file: &Path, shown: &str) -> Result<(Plan, Diagnostics), InputError> {
    let (text, notes) = read_toml(file, shown, "plan")?;
    let (plan, mut warnings) = parse_plan(&text, shown)?;
    warnings.0.splice(0..0, notes);
    Ok((plan, warnings))
}

/// Find the manifest by walking up from `dir`.
pub fn find_manifest(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .map(|d| d.join(MANIFEST))
        .find(|p| p.is_file())
}

/// Load every plan and its actuals.
pub fn load(sources: &Sources) -> Result<Workspace, InputError> {
    let cwd = std::env::current_dir()
        .map_err(|e| input_error(format!("cannot read the working directory: {e}")))?;
    let base = match &sources.dir {
        Some(d) => cwd.join(d),
        None => cwd.clone(),
    };
    if !base.is_dir() {
        return Err(input_error(format!(
            "-C {}: no such directory",
            base.display()
        )));
    }
    let mut defaults = Defaults::default();
    let plan_files: Vec<PathBuf> = if !sources.plans.is_empty() {
        sources.plans.iter().map(|p| base.join(p)).collect()
    } else {
        let manifest = match &sources.manifest {
            Some(m) => base.join(m),
            None => find_manifest(&base).ok_or_else(|| {
                input_error(format!(
                    "no {MANIFEST} found in {} or any parent directory: run `track init`, or name a plan with --plan PLAN.toml",
                    base.display()
                ))
            })?,
        };
        let (files, d) = read_manifest(&manifest, &cwd)?;
        defaults = d;
        files
    };
    if plan_files.is_empty() {
        return Err(input_error(format!(
            "{MANIFEST} lists no plans: add one, as in plans = [\"plan.toml\"]"
        )));
    }
    // A plan named twice (`plan.toml` and `./plan.toml`) is read once.
    let mut seen_files = Vec::new();
    let plan_files: Vec<PathBuf> = plan_files
        .into_iter()
        .filter(|f| {
            let key = f.canonicalize().unwrap_or_else(|_| f.clone());
            let new = !seen_files.contains(&key);
            seen_files.push(key);
            new
        })
        .collect();
    let mut diags = Diagnostics::default();
    let mut plans = Vec::new();
    let mut ids: Vec<(String, String)> = Vec::new();
    for file in plan_files {
        let name = shown(&file, &cwd);
        let plan = match read_plan(&file, &name) {
            Ok((plan, warnings)) => {
                diags.extend(warnings);
                plan
            }
            Err(e) => {
                diags.extend(e.0);
                continue;
            }
        };
        // Plan ids name plans in output and in `show PLAN/ID`: one each.
        if let Some((_, other)) = ids.iter().find(|(id, _)| *id == plan.id) {
            diags.push(
                Diagnostic::error(format!(
                    "plan id `{}` is used by both {other} and {name}",
                    plan.id
                ))
                .help("give each plan its own `id` in [plan]"),
            );
            continue;
        }
        ids.push((plan.id.clone(), name.clone()));
        let dir = file.parent().unwrap_or(Path::new(".")).to_path_buf();
        let csvs = if sources.actuals.is_empty() {
            match expand(&plan.actuals, &dir) {
                Ok(c) => {
                    // A pattern that matches nothing would read as "no data"
                    // (`track add` names its own file, and says so itself).
                    if !sources.list_only {
                        diags.0.extend(unmatched(&plan.actuals, &dir, &file, &name));
                    }
                    c
                }
                Err(d) => {
                    diags.push(d.at(Location::file_line(&name, 1)));
                    continue;
                }
            }
        } else {
            sources.actuals.iter().map(|a| base.join(a)).collect()
        };
        if sources.list_only {
            let mut actuals = Actuals::default();
            actuals.files = csvs.iter().map(|c| shown(c, &cwd)).collect();
            plans.push(Loaded {
                plan,
                actuals,
                file,
            });
            continue;
        }
        let mut reader = ActualsReader::new(&plan);
        for csv in &csvs {
            let shown_csv = shown(csv, &cwd);
            let sheet = plan.actuals_sheet.as_deref();
            if let Err(e) = read_actuals(&mut reader, csv, &shown_csv, sheet, sources.progress) {
                let listed = match sources.actuals.is_empty() {
                    true => format!("listed by {name}"),
                    false => "given with --actuals".to_string(),
                };
                diags.push(Diagnostic::error(format!(
                    "cannot read actuals {shown_csv} ({listed}): {e}"
                )));
            }
        }
        match reader.finish() {
            Ok((actuals, warnings)) => {
                diags.extend(warnings);
                let mut plan = plan;
                diags
                    .0
                    .extend(settle_directions(&mut plan, &actuals, &file));
                diags.0.extend(baseline_warnings(&plan, &actuals));
                plans.push(Loaded {
                    plan,
                    actuals,
                    file,
                });
            }
            Err(e) => diags.extend(e.0),
        }
    }
    if diags.has_errors() {
        return Err(InputError(diags));
    }
    Ok(Workspace {
        plans,
        defaults,
        warnings: diags.0,
    })
}

/// Directions the plan left to the data (a level target without a
/// baseline): up when the data's baseline, the plan's own series' first
/// value from the baseline period on, is below the target, down when above.
/// Without such a value the plan must say, as it must without data.
fn settle_directions(plan: &mut Plan, actuals: &Actuals, file: &Path) -> Vec<Diagnostic> {
    let own = plan.region.clone().unwrap_or_default();
    let mut out = Vec::new();
    for (i, ind) in plan.indicators.iter_mut().enumerate() {
        if !ind.direction_from_data {
            continue;
        }
        // The plan's own series (rows without a region are read as its).
        let start = actuals
            .total_series(i, &own)
            .and_then(|s| s.values().find(|(p, _)| *p >= ind.baseline_period));
        match start.and_then(|(_, v)| ind.target.direction_from(v)) {
            Some(d) => {
                ind.direction = d;
                ind.direction_from_data = false;
            }
            None => out.push(
                Diagnostic::error(format!(
                    "indicator `{}`: cannot tell whether a higher or a lower value is better",
                    ind.id
                ))
                .at(target_location(file, &plan.path, ind.target_pos))
                .label("this target does not say")
                .help(
                    "the plan gives no baseline, and the data's first value does not tell (it is \
                     missing or at the target); add direction = \"up\" (higher is better) or \
                     direction = \"down\"",
                ),
            ),
        }
    }
    out
}

/// The target's value in the plan file, as a located snippet (the file is
/// read again: this is only for a message).
fn target_location(file: &Path, shown: &str, pos: crate::plan::Pos) -> Location {
    let line = std::fs::read_to_string(file).ok().and_then(|src| {
        src.lines()
            .nth(pos.line.saturating_sub(1))
            .map(str::to_string)
    });
    match line {
        Some(text) => {
            let start = text
                .char_indices()
                .nth(pos.col.saturating_sub(1))
                .map_or(text.len(), |(i, _)| i);
            let end = text[start..]
                .find(" #")
                .map_or(text.trim_end().len(), |e| start + e);
            Location::in_line(shown, pos.line, text, start..end.max(start))
        }
        None => Location::file_line(shown, pos.line),
    }
}

/// Read one actuals file into `reader`: a CSV, or a workbook, whose
/// long-format sheet (`sheet`, else the first) is read as the CSV it would
/// be saved as. `Err`: the file cannot be opened or the sheet read.
pub fn read_actuals(
    reader: &mut ActualsReader,
    path: &Path,
    shown: &str,
    sheet: Option<&str>,
    progress: Option<ProgressFor>,
) -> Result<(), String> {
    if path.is_dir() {
        return Err(
            "it is a directory: name the files in it (such as data/*.csv), not the directory"
                .to_string(),
        );
    }
    if crate::import::is_spreadsheet(path) {
        let (name, bytes) = crate::import::sheet_as_csv(path, sheet)?;
        reader.read(&bytes[..], &format!("{shown}!{name}"));
        return Ok(());
    }
    let f = File::open(path).map_err(|e| e.to_string())?;
    if let Ok(m) = f.metadata() {
        reader.set_size_hint(m.len());
        if let Some(p) = progress.and_then(|make| make(shown, m.len())) {
            reader.set_progress(p);
        }
    }
    // The reader reads in large blocks itself: no buffer.
    reader.read(f, shown);
    Ok(())
}

/// Resolve the actuals patterns of a plan, relative to its directory.
fn expand(patterns: &[String], dir: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let mut out = Vec::new();
    for p in patterns {
        let full = dir.join(p);
        if p.contains(['*', '?', '[']) {
            let pattern = full.to_string_lossy().to_string();
            let paths = glob::glob(&pattern)
                .map_err(|e| Diagnostic::error(format!("bad pattern `{p}` in actuals: {e}")))?;
            let mut found: Vec<PathBuf> = paths.filter_map(Result::ok).collect();
            found.sort();
            out.extend(found);
        } else {
            out.push(full);
        }
    }
    Ok(out)
}

/// An error for each glob pattern of a plan's `actuals` that matches no
/// file, at the pattern in the plan file when it can be found there.
fn unmatched(patterns: &[String], dir: &Path, file: &Path, shown: &str) -> Vec<Diagnostic> {
    let globs = patterns.iter().filter(|p| p.contains(['*', '?', '[']));
    let empty: Vec<&String> = globs
        .filter(|p| {
            let full = dir.join(p).to_string_lossy().to_string();
            glob::glob(&full).is_ok_and(|mut m| m.all(|f| f.is_err()))
        })
        .collect();
    if empty.is_empty() {
        return Vec::new();
    }
    // The plan is read again, only to point at the pattern.
    let text = std::fs::read(file).map(|b| String::from_utf8_lossy(&b).into_owned());
    empty
        .into_iter()
        .map(|p| {
            let quoted = toml_edit::Value::from(p.as_str()).to_string();
            let at = text.as_ref().ok().and_then(|t| {
                let start = t.find(quoted.trim())?;
                Some(Location::in_source(shown, t, start..start + quoted.trim().len()))
            });
            let d = Diagnostic::error(format!("no actuals file matches `{p}`"))
                .label("matches no file")
                .help("check the pattern (and the extension); a plan without data yet lists no actuals");
            d.at(at.unwrap_or_else(|| Location::file_line(shown, 1)))
        })
        .collect()
}

/// The data's baseline wins over a different plan `baseline` (`docs/methods.md#baseline`):
/// say so once per indicator, pointing at the data row.
fn baseline_warnings(plan: &Plan, actuals: &Actuals) -> Vec<Diagnostic> {
    let own = plan.region.as_deref().unwrap_or("");
    let mut out = Vec::new();
    for (i, ind) in plan.indicators.iter().enumerate() {
        let Some(b) = ind.baseline else { continue };
        let Some(s) = actuals.total_series(i, own) else {
            continue;
        };
        if let Some(p) = s
            .points()
            .find(|p| p.period == ind.baseline_period && p.value != b)
        {
            let file = &actuals.files[p.origin.file as usize];
            out.push(
                Diagnostic::warning(format!(
                    "`{}`: the data gives {} for {} but the plan's baseline is {b}; using the data's {}",
                    ind.id, p.value, p.period, p.value
                ))
                .at(Location::file_line(file, p.origin.line as usize)),
            );
        }
    }
    out
}

fn read_manifest(path: &Path, cwd: &Path) -> Result<(Vec<PathBuf>, Defaults), InputError> {
    let name = shown(path, cwd);
    let (text, _) = read_toml(path, &name, "the manifest")?;
    let doc = ImDocument::parse(text.as_str()).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        InputError(Diagnostics(vec![
            Diagnostic::error(format!("{name} is not valid TOML: {}", e.message().trim()))
                .at(Location::in_source(&name, &text, span)),
        ]))
    })?;
    let mut diags = Diagnostics::default();
    let err = |span: Option<std::ops::Range<usize>>, msg: String, label: &str| {
        Diagnostic::error(msg)
            .at(Location::in_source(&name, &text, span.unwrap_or(0..0)))
            .label(label)
    };
    for (key, _) in doc.iter() {
        if !["plans", "defaults", "report"].contains(&key) {
            let span = doc.key(key).and_then(|k| k.span());
            diags.push(err(
                span,
                format!("unknown key `{key}` in {name}"),
                "expected `plans`, `[defaults]` or `[report]`",
            ));
        }
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut files = Vec::new();
    match doc.get("plans").and_then(Item::as_array) {
        Some(a) => {
            for v in a.iter() {
                match v.as_str() {
                    Some(p) => match expand(&[p.to_string()], dir) {
                        Ok(found) if found.is_empty() => diags.push(err(
                            v.span(),
                            format!("no plan file matches `{p}`"),
                            "matches nothing",
                        )),
                        Ok(found) => files.extend(found),
                        Err(d) => diags.push(d),
                    },
                    None => diags.push(err(
                        v.span(),
                        "plans must be file names".into(),
                        "not a string",
                    )),
                }
            }
        }
        None => diags.push(err(
            doc.get("plans").and_then(Item::span),
            format!("{name} has no `plans = [\"plan.toml\"]` list"),
            "expected a list of plan files",
        )),
    }
    let mut defaults = Defaults::default();
    if let Some(d) = doc.get("defaults").and_then(Item::as_table_like) {
        for (key, item) in d.iter() {
            let span = item
                .span()
                .or_else(|| item.as_value().and_then(|v| v.span()));
            match key {
                "lang" => match item.as_str().and_then(Lang::parse) {
                    Some(l) => defaults.lang = Some(l),
                    None => diags.push(err(
                        span,
                        "lang must be \"zh\" or \"en\"".into(),
                        "unknown language",
                    )),
                },
                "as_of" => {
                    let t = item
                        .as_integer()
                        .map(|i| i.to_string())
                        .or_else(|| item.as_str().map(str::to_string));
                    match t.as_deref().map(Period::parse) {
                        Some(Ok(p)) => defaults.as_of = Some(p),
                        _ => diags.push(err(
                            span,
                            "as_of must be a period such as 2023".into(),
                            "not a period",
                        )),
                    }
                }
                _ => diags.push(err(
                    d.key(key).and_then(|k| k.span()),
                    format!("unknown key `{key}` in [defaults]"),
                    "expected lang or as_of",
                )),
            }
        }
    }
    if let Some(r) = doc.get("report").and_then(Item::as_table_like) {
        defaults.report =
            report_layout(r, &mut |span, msg, label| diags.push(err(span, msg, label)));
    }
    if diags.has_errors() {
        return Err(InputError(diags));
    }
    Ok((files, defaults))
}

/// Reports a manifest problem: where, what, the label under it.
type Complain<'a> = dyn FnMut(Option<std::ops::Range<usize>>, String, &str) + 'a;

/// The manifest's `[report]`: `columns = ["no", "indicator", …]` (the ids
/// of `docs/outputs.md#evaluation-table`) and `labels = { status = "…" }`.
fn report_layout(
    r: &dyn toml_edit::TableLike,
    err: &mut Complain,
) -> crate::view::evaluation::Layout {
    use crate::view::evaluation::{COLUMN_IDS, Layout};
    let mut layout = Layout::default();
    let span_of = |item: &Item| {
        item.span()
            .or_else(|| item.as_value().and_then(|v| v.span()))
    };
    let id_of = |v: &toml_edit::Value, err: &mut Complain| match v.as_str() {
        Some(id) if COLUMN_IDS.contains(&id) => Some(id.to_string()),
        other => {
            let hint = other
                .and_then(|id| crate::plan::load_suggest(id, COLUMN_IDS))
                .map_or(String::new(), |s| format!(" (did you mean `{s}`?)"));
            err(
                v.span(),
                format!(
                    "not a column of the evaluation table{hint}; the columns are {}",
                    COLUMN_IDS.join(", ")
                ),
                "unknown column",
            );
            None
        }
    };
    for (key, item) in r.iter() {
        match (key, item.as_array(), item.as_table_like()) {
            ("columns", Some(a), _) => {
                layout.columns = a.iter().filter_map(|v| id_of(v, err)).collect();
            }
            ("labels", _, Some(t)) => {
                for (k, v) in t.iter() {
                    let value = v.as_value().and_then(|v| v.as_str());
                    match value {
                        Some(label) if COLUMN_IDS.contains(&k) => {
                            layout.labels.push((k.to_string(), label.to_string()));
                        }
                        _ => err(
                            span_of(v),
                            format!(
                                "`labels.{k}`: expected a column id ({}) = \"label\"",
                                COLUMN_IDS.join(", ")
                            ),
                            "not a column label",
                        ),
                    }
                }
            }
            _ => err(
                span_of(item),
                format!("`{key}` in [report]: expected columns = [...] or labels = {{ ... }}"),
                "not a [report] key",
            ),
        }
    }
    layout
}
