//! `track add`: append one actual to a plan's CSV, validated exactly as the
//! reader would read it, and safely: an exclusive advisory lock is held
//! from validation to the end of the write, the row goes out in one
//! `write` of a complete line (a missing final newline is supplied first),
//! and the file is synced before the lock is released. Nothing is written
//! when anything is wrong, and a write that fails part-way (a full disk, a
//! file size limit) is undone: the file is truncated back to its length
//! before ([`track::actuals::append`]).

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, bail};

use crate::cli::{AddArgs, Global};
use track::actuals::{ActualsReader, append};
use track::diag::{Diagnostic, Diagnostics, InputError};
use track::display::Lang;
use track::encoding::Text;
use track::period::Period;
use track::workspace::Loaded;

const DEFAULT_HEADER: &[&str] = &["indicator", "region", "period", "value", "source", "note"];

pub fn run(args: &AddArgs, global: &Global) -> anyhow::Result<ExitCode> {
    // The actuals are read once, below, under the lock.
    let ws = super::load_with(&args.input, global, true)?;
    let (p, i) = track::query::resolve_indicator(&ws, &args.id)?;
    let l = &ws.plans[p];
    let lang = crate::settings::lang(global, &ws);
    let (period, why) = match &args.period {
        Some(p) => (p.clone(), None),
        None => default_period(l, i, lang)?,
    };
    // From here on the indicator is its bare id (`PLAN/ID` named the plan).
    let args = &AddArgs {
        id: l.plan.indicators[i].id.clone(),
        period: Some(period.clone()),
        ..args.clone()
    };
    let file = target_file(args, l, global)?;
    if track::import::is_spreadsheet(&file) {
        // Appending to a workbook would mean rewriting it; `add` only ever
        // appends a line, so it never risks the user's spreadsheet.
        bail!(
            "{} is a workbook; `track add` appends to CSV files only: name one with --file \
             (or convert the workbook with `track import`)",
            track::workspace::shown(&file, &std::env::current_dir()?)
        );
    }

    let shown = track::workspace::shown(&file, &std::env::current_dir()?);
    if args.file.is_some() && !plan_files(l).iter().any(|p| same_file(p, &file)) {
        super::print_diagnostics(&[track::diag::Diagnostic::warning(format!(
            "{shown} is not among the actuals of {}: `track status` will not read it \
             until the plan's `actuals` lists it",
            l.plan.path
        ))]);
    }
    let default_header = || {
        DEFAULT_HEADER
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
    };
    if !file.exists() {
        // Checked before the file is created, so a refused row leaves no
        // empty file behind (removing one later could race another `add`).
        let row = row_for(&default_header(), args, &period)?;
        recorded_already(l, &file, &default_header(), &row, args, &period)?;
    }

    let mut f =
        append::lock(&file).with_context(|| format!("cannot open {shown} for appending"))?;

    // Under the lock: the file as it is now, whatever another `add` did.
    let (header, enc) = read_header(&mut f)?;
    if matches!(enc, Text::Utf16Le | Text::Utf16Be) {
        bail!(
            "{shown} is {} text: `track add` writes to UTF-8 (or GB18030) files only; \
             save it as UTF-8 (Excel: CSV UTF-8)",
            enc.name()
        );
    }
    let header = header.unwrap_or_else(default_header);
    let row = row_for(&header, args, &period)?;
    if args.revise {
        let zh = lang == Lang::Zh;
        let dest = (file.as_path(), shown.as_str(), enc);
        if let Some(done) = revise(&mut f, l, dest, args, &period, zh)? {
            return Ok(done);
        }
        // Nothing recorded in this file for the period: an ordinary add.
    }
    if recorded_already(l, &file, &header, &row, args, &period)? {
        eprintln!(
            "{}: {} {period} is already recorded with this value; nothing written",
            shown, args.id
        );
        return Ok(ExitCode::SUCCESS);
    }

    let mut buf = Vec::new();
    let len = f.metadata()?.len();
    // Lines end as the file's do (Excel on Windows writes CRLF, old Mac
    // files a lone CR).
    let eol = if len > 0 { line_ending(&mut f)? } else { b"\n" };
    if len == 0 {
        buf.extend(csv_line(&header)?);
    } else if !ends_with_newline(&mut f)? {
        buf.extend_from_slice(eol);
    }
    buf.extend_from_slice(&row[..row.len() - 1]);
    buf.extend_from_slice(eol);
    // In the file's own encoding (a GB18030 file stays one).
    let buf = enc.encode(&String::from_utf8(buf)?);
    append::append(&mut f, &buf).with_context(|| {
        format!("cannot write to {shown} (the file is left as it was; nothing was added)")
    })?;
    f.unlock()?;
    let value = args.value.trim();
    let mut said = match lang {
        Lang::Zh => format!("已记录 {value}: {}, {period} ({shown})", args.id),
        Lang::En => format!("recorded {value} for {}, {period} (in {shown})", args.id),
    };
    if let Some(why) = why {
        said.push_str(&format!("; {why}"));
    }
    eprintln!("{said}");
    Ok(ExitCode::SUCCESS)
}

/// The period of a value given without `--period`: this year, but never
/// past every deadline of the plan (a plan tracks nothing after its last
/// deadline: the last one is meant), and never past the indicator's own
/// deadline (a value after it must be asked for with `--period`). With the
/// period, what to say about how it was chosen, when it is not this year.
fn default_period(l: &Loaded, i: usize, lang: Lang) -> anyhow::Result<(String, Option<String>)> {
    let plan = &l.plan;
    let ind = &plan.indicators[i];
    if !matches!(plan.baseline, Period::Year(_)) {
        bail!(
            "--period is required: the periods of {} are not years",
            plan.path
        );
    }
    let this_year = current_year()?;
    let last = (plan.indicators.iter())
        .map(|x| x.target_period.year())
        .chain([plan.target.year()])
        .max()
        .unwrap_or(this_year);
    let year = this_year.min(last);
    let deadline = ind.target_period.year();
    if year > deadline {
        bail!(
            "--period is required: `{}`'s deadline is {deadline} and this year is {this_year}; \
             give --period {deadline} for the value at the deadline, or --period {year} \
             to record one after it",
            ind.id
        );
    }
    let why = (year < this_year).then(|| match lang {
        Lang::Zh => {
            format!("{year} 年是规划的最后期限 (今年是 {this_year} 年; 其他时期请用 --period)")
        }
        Lang::En => format!(
            "{year} is the plan's last deadline (this year is {this_year}; --period for another)"
        ),
    });
    Ok((year.to_string(), why))
}

/// `--revise` under the lock: the rows of the series and period in `file`
/// get the new value, their notes the old one and the date, and the file
/// is replaced as a whole (a temporary file renamed over it) once the plan's
/// actuals, read with the revised content, show no problem. `None` when the
/// file records no value for the period.
fn revise(
    f: &mut File,
    l: &Loaded,
    (file, shown, enc): (&Path, &str, Text),
    args: &AddArgs,
    period: &str,
    zh: bool,
) -> anyhow::Result<Option<ExitCode>> {
    use track::actuals::revise::{Edit, RowKey, revise, stamp};
    let mut bytes = Vec::new();
    f.seek(SeekFrom::Start(0))?;
    f.read_to_end(&mut bytes)?;
    // Revised as text, written back in the file's encoding.
    let (text, _) = track::encoding::csv_text(&bytes, shown).map_err(one_problem)?;
    let bom = if bytes.starts_with(b"\xEF\xBB\xBF") {
        "\u{feff}"
    } else {
        ""
    };
    let text = format!("{bom}{}", text.trim_start_matches('\u{feff}'));
    let text = text.as_bytes();
    let plan_region = l.plan.region.as_deref().unwrap_or("");
    let key = RowKey {
        indicator: &args.id,
        period: Period::parse(period)?,
        region: args.region.as_deref().unwrap_or(plan_region),
        plan_region,
    };
    let today = append::today().map_err(anyhow::Error::msg)?;
    let value = args.value.trim();
    let edit = Edit {
        value,
        source: args.source.as_deref(),
        note: args.note.as_deref(),
        stamp: &|old| stamp(zh, &today, old, value),
    };
    let revised = revise(text, &key, &edit).map_err(|e| anyhow::anyhow!("{shown}: {e}"))?;
    let Some(mut revised) = revised else {
        return Ok(None);
    };
    if enc != Text::Utf8 {
        revised.bytes = enc.encode(std::str::from_utf8(&revised.bytes)?);
    }
    let number = |s: &str| track::plan::parse_number(s.trim().trim_end_matches('%'));
    if number(&revised.old).is_some() && number(&revised.old) == number(value) {
        eprintln!(
            "{shown}: {} {period} is already recorded with this value; nothing written",
            args.id
        );
        return Ok(Some(ExitCode::SUCCESS));
    }
    check_all(l, file, Some(&revised.bytes), None)?;
    let mut out =
        track::atomic::AtomicFile::create(file).with_context(|| format!("cannot write {shown}"))?;
    std::io::Write::write_all(&mut out, &revised.bytes)
        .and_then(|()| out.commit())
        .with_context(|| format!("cannot write {shown} (the file is left as it was)"))?;
    eprintln!(
        "revised {} for {period} in {shown}: {} → {value} (the old value is in the note)",
        args.id, revised.old
    );
    Ok(Some(ExitCode::SUCCESS))
}

/// Reads every actuals file of the plan plus the new row as one table, so
/// the row meets every check `validate` makes (and conflicts with no value
/// already there). `Ok(true)` when the same value is already recorded.
fn recorded_already(
    l: &Loaded,
    file: &Path,
    header: &[String],
    row: &[u8],
    args: &AddArgs,
    period: &str,
) -> anyhow::Result<bool> {
    let mut one = csv_line(header)?;
    one.extend_from_slice(row);
    let (actuals, new_index) = check_all(l, file, None, Some(&one))?;
    let region = args
        .region
        .clone()
        .or_else(|| l.plan.region.clone())
        .unwrap_or_default();
    let period = Period::parse(period).ok();
    let series = (l.plan.indicator_index(&args.id)).and_then(|i| actuals.total_series(i, &region));
    Ok(series.is_some_and(|s| {
        s.points()
            .any(|p| Some(p.period) == period && p.origin.file < new_index)
    }))
}

/// Read the plan's actuals files as one table, `file` among them (with
/// `content` instead of what is on disk, when given), then `new_row` (a
/// header and one row) after them all. Returns the table and the index of
/// the new row's origin; any problem is the error.
fn check_all(
    l: &Loaded,
    file: &Path,
    content: Option<&[u8]>,
    new_row: Option<&[u8]>,
) -> anyhow::Result<(track::actuals::Actuals, u32)> {
    let cwd = std::env::current_dir()?;
    let mut reader = ActualsReader::new(&l.plan);
    let mut files = plan_files(l);
    if !files.iter().any(|p| same_file(p, file)) {
        files.push(file.to_path_buf());
    }
    // The new row's origin is the file read after all the others.
    let mut new_index = 0u32;
    for p in &files {
        let shown_p = track::workspace::shown(p, &cwd);
        if let Some(content) = content.filter(|_| same_file(p, file)) {
            reader.read(content, &shown_p);
            new_index += 1;
            continue;
        }
        // A file not there yet is the target; so is one just created by
        // this or another `add`, empty until its header is written.
        let empty = std::fs::metadata(p).map_or(true, |m| m.len() == 0);
        if empty && same_file(p, file) || !p.exists() {
            continue;
        }
        track::workspace::read_actuals(
            &mut reader,
            p,
            &shown_p,
            l.plan.actuals_sheet.as_deref(),
            None,
        )
        .map_err(|e| anyhow::anyhow!("cannot read actuals {shown_p}: {e}"))?;
        new_index += 1;
    }
    if let Some(one) = new_row {
        reader.read(one, "<new row>");
    }
    let (actuals, _) = reader.finish().map_err(anyhow::Error::new)?;
    Ok((actuals, new_index))
}

fn plan_files(l: &Loaded) -> Vec<PathBuf> {
    let cwd = std::env::current_dir().unwrap_or_default();
    l.actuals.files.iter().map(|f| cwd.join(f)).collect()
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

fn target_file(args: &AddArgs, l: &Loaded, global: &Global) -> anyhow::Result<PathBuf> {
    let cwd = std::env::current_dir()?;
    let base = global.dir.as_ref().map_or(cwd.clone(), |d| cwd.join(d));
    if let Some(f) = &args.file {
        return Ok(base.join(f));
    }
    if let Some(first) = l.actuals.files.first() {
        return Ok(cwd.join(first));
    }
    match l.plan.actuals.first() {
        Some(p) if !p.contains(['*', '?', '[']) => {
            Ok(l.file.parent().unwrap_or(Path::new(".")).join(p))
        }
        _ => bail!(
            "{} lists no actuals file to append to; name one with --file",
            l.plan.path
        ),
    }
}

/// The header of an existing, non-empty file, and the file's encoding.
fn read_header(f: &mut File) -> anyhow::Result<(Option<Vec<String>>, Text)> {
    f.seek(SeekFrom::Start(0))?;
    let mut head = Vec::new();
    (&mut *f)
        .take(track::encoding::SNIFF as u64)
        .read_to_end(&mut head)?;
    let enc = Text::detect(&head);
    // Only the header's names matter here: a bad byte after it may stay.
    let text = match enc {
        Text::Utf8 => String::from_utf8_lossy(&head).into_owned(),
        _ => {
            let mut out = String::new();
            let _ = track::encoding::Decode::new(&head[..], enc).read_to_string(&mut out);
            out
        }
    };
    // The first record, whatever ends its line (`\n`, `\r\n`, `\r`).
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let Some(rec) = rdr.records().next().transpose()? else {
        return Ok((None, enc));
    };
    if rec.iter().all(|s| s.trim().is_empty()) {
        return Ok((None, enc));
    }
    let names = rec
        .iter()
        .map(|s| s.trim_start_matches('\u{feff}').trim().to_string())
        .collect();
    Ok((Some(names), enc))
}

/// An input problem as the error it is.
fn one_problem(d: Diagnostic) -> anyhow::Error {
    InputError(Diagnostics(vec![d])).into()
}

/// How the file's first line ends: `\r\n`, `\r` or `\n`.
fn line_ending(f: &mut File) -> anyhow::Result<&'static [u8]> {
    f.seek(SeekFrom::Start(0))?;
    let mut head = Vec::new();
    (&mut *f).take(1 << 16).read_to_end(&mut head)?;
    if head.last() == Some(&b'\r') {
        // The second byte of a `\r\n` may be just past what was read.
        (&mut *f).take(1).read_to_end(&mut head)?;
    }
    Ok(match memchr::memchr2(b'\n', b'\r', &head) {
        Some(i) if head[i] == b'\r' && head.get(i + 1) != Some(&b'\n') => b"\r",
        Some(i) if head[i] == b'\r' => b"\r\n",
        _ => b"\n",
    })
}

/// One CSV line, ending with `\n`.
fn csv_line(fields: &[String]) -> anyhow::Result<Vec<u8>> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    w.write_record(fields)?;
    w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))
}

/// The new row in the file's own column order.
fn row_for(header: &[String], args: &AddArgs, period: &str) -> anyhow::Result<Vec<u8>> {
    let mut fields = Vec::new();
    for h in header {
        let v = match h.to_lowercase().as_str() {
            "indicator" => args.id.clone(),
            "period" | "year" => period.to_string(),
            "value" => args.value.clone(),
            "region" => args.region.clone().unwrap_or_default(),
            "source" => args.source.clone().unwrap_or_default(),
            "note" => args.note.clone().unwrap_or_default(),
            _ => String::new(),
        };
        fields.push(v);
    }
    if args.value.trim().is_empty() {
        bail!("no value given: `track add ID VALUE` records a number such as 94.4 or 94.4%");
    }
    // Nothing the user gave is dropped without a word.
    let lower: Vec<String> = header.iter().map(|h| h.to_lowercase()).collect();
    for (flag, given) in [
        ("region", args.region.is_some()),
        ("source", args.source.is_some()),
        ("note", args.note.is_some()),
    ] {
        if given && !lower.iter().any(|h| h == flag) {
            bail!(
                "the file has no {flag} column, so --{flag} cannot be recorded \
                 (add `{flag}` to its header line first)"
            );
        }
    }
    csv_line(&fields)
}

fn ends_with_newline(f: &mut File) -> anyhow::Result<bool> {
    f.seek(SeekFrom::End(-1))?;
    let mut b = [0u8; 1];
    f.read_exact(&mut b)?;
    Ok(matches!(b[0], b'\n' | b'\r'))
}

/// This year, from `TRACK_TODAY` (YYYY-MM-DD, for tests) or the clock.
fn current_year() -> anyhow::Result<i32> {
    let today = append::today().map_err(anyhow::Error::msg)?;
    Ok(Period::parse(&today)?.year())
}
