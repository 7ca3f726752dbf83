//! `track report`: the assessed plans written as a document people read
//! (HTML with SVG charts, Markdown with chart files) or as data (JSON,
//! CSV, XLSX), one output format per file.
//!
//! Invariants: a report shows the same rows and figures as `track status`
//! with the same options (it renders the same [`View`]); JSON and CSV are
//! the `status` renderers themselves; every output goes through
//! [`atomic::AtomicFile`], so a failed run leaves the previous report as it
//! was; text from plans and data is escaped for the format it lands in.

pub mod atomic;
pub mod html;
pub mod markdown;
pub mod narrative;
pub mod svg;
#[cfg(feature = "xlsx")]
pub mod xlsx;

use std::io::Write;
use std::path::Path;

use anyhow::{Context as _, bail};

use crate::display::{self, Lang};
use crate::engine::{Assessment, Context, Status, assess_plan};
use crate::plan::{Method, Plan};
use crate::render::{PlanView, View};
use atomic::AtomicFile;

/// The formats of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    Html,
    Markdown,
    Json,
    Csv,
    Xlsx,
}

/// What the report needs beyond the view.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// `--method`, to assess every region's series the same way (matrix).
    pub method: Option<Method>,
}

/// The format a file name asks for, if its extension tells.
pub fn format_of(path: &Path) -> Option<ReportFormat> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "html" | "htm" => ReportFormat::Html,
        "md" | "markdown" => ReportFormat::Markdown,
        "json" => ReportFormat::Json,
        "csv" => ReportFormat::Csv,
        "xlsx" => ReportFormat::Xlsx,
        _ => return None,
    })
}

fn format_name(f: ReportFormat) -> &'static str {
    match f {
        ReportFormat::Html => "html",
        ReportFormat::Markdown => "markdown",
        ReportFormat::Json => "json",
        ReportFormat::Csv => "csv",
        ReportFormat::Xlsx => "xlsx",
    }
}

/// The format to write: the extension's, else `--format`; a `--format`
/// that contradicts the extension is an error (a `.html` file holding
/// JSON helps nobody), and so is a file name that tells nothing without one.
pub fn format_for(path: &Path, explicit: Option<ReportFormat>) -> anyhow::Result<ReportFormat> {
    let format = match (format_of(path), explicit) {
        (Some(a), Some(b)) if a != b => bail!(
            "--format {} does not match the extension of {} (a {} file)",
            format_name(b),
            path.display(),
            format_name(a)
        ),
        (Some(f), _) | (None, Some(f)) => f,
        (None, None) => bail!(
            "cannot tell the report format from {}: use an extension (.html, .md, .json, .csv, .xlsx) or --format",
            path.display()
        ),
    };
    if format == ReportFormat::Xlsx && !cfg!(feature = "xlsx") {
        bail!("this track was built without XLSX support (cargo feature `xlsx`)");
    }
    Ok(format)
}

/// Render the report into `out` (created beforehand, so that an
/// unwritable path failed before any work) and commit it. Returns the
/// number of bytes of the main file.
pub fn write(
    format: ReportFormat,
    view: &View,
    options: Options,
    mut out: AtomicFile,
) -> anyhow::Result<u64> {
    let bytes: Vec<u8> = match format {
        ReportFormat::Markdown => {
            let doc = markdown::render(view, options, out.target())?;
            markdown::write_charts(&doc, out.target())?;
            doc.text.into_bytes()
        }
        _ => render(format, view, options)?,
    };
    let target = out.target().display().to_string();
    out.write_all(&bytes)
        .with_context(|| format!("cannot write {target}"))?;
    out.commit()
        .with_context(|| format!("cannot write {target}"))?;
    Ok(bytes.len() as u64)
}

/// The report as one file's bytes, for the formats that are one file
/// (all but Markdown, whose charts are files beside it).
pub fn render(format: ReportFormat, view: &View, options: Options) -> anyhow::Result<Vec<u8>> {
    Ok(match format {
        ReportFormat::Html => html::render(view, options)?.into_bytes(),
        ReportFormat::Markdown => {
            bail!("a Markdown report writes its charts as files beside it: name a file with -o")
        }
        ReportFormat::Json | ReportFormat::Csv => {
            let f = if format == ReportFormat::Json {
                crate::render::Format::Json
            } else {
                crate::render::Format::Csv
            };
            let mut buf = Vec::new();
            f.renderer().render(view, &mut buf)?;
            buf
        }
        ReportFormat::Xlsx => xlsx_bytes(view)?,
    })
}

#[cfg(feature = "xlsx")]
fn xlsx_bytes(view: &View) -> anyhow::Result<Vec<u8>> {
    xlsx::render(view)
}

#[cfg(not(feature = "xlsx"))]
fn xlsx_bytes(_view: &View) -> anyhow::Result<Vec<u8>> {
    bail!("this track was built without XLSX support (cargo feature `xlsx`)")
}

/// The document's title: the plans' names.
pub fn document_title(view: &View) -> String {
    let names: Vec<&str> = view
        .plans
        .iter()
        .map(|pv| pv.plan.name_in(view.lang.en()))
        .collect();
    if names.is_empty() {
        view.lang
            .pick("指标监测报告", "Indicator report")
            .to_string()
    } else {
        names.join(" · ")
    }
}

/// A series' title: the indicator's name, and its region and breakdown
/// when it is not the plan's own series.
pub fn title(plan: &Plan, a: &Assessment, lang: Lang) -> String {
    let Some(ind) = plan.indicators.get(a.indicator) else {
        return String::new();
    };
    let mut name = ind.name_in(lang.en()).to_string();
    let own = plan.region.as_deref().unwrap_or("");
    if a.region != own || !a.breakdown.is_empty() {
        let series = display::series_name(a, plan, lang);
        if !series.is_empty() {
            name = format!("{name} · {series}");
        }
    }
    name
}

/// A file-name and fragment-safe slug: ASCII letters, digits and `_`,
/// runs of anything else (`/`, `.`, CJK) as one `-`; never empty, never
/// `..` or a hidden file.
pub fn slug(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_alphanumeric() || c == '_' {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        "x".into()
    } else {
        out.to_string()
    }
}

/// One stable, unique slug per row of every plan: `plan-indicator`, with
/// the region and breakdown for series that are not the plan's own.
pub fn slugs(view: &View) -> Vec<Vec<String>> {
    let mut seen = std::collections::HashSet::new();
    view.plans
        .iter()
        .map(|pv| {
            let own = pv.plan.region.as_deref().unwrap_or("");
            pv.rows
                .iter()
                .map(|a| {
                    let ind = pv.plan.indicators.get(a.indicator);
                    let mut s = format!("{}-{}", pv.plan.id, ind.map_or("", |i| i.id.as_str()));
                    if a.region != own {
                        s = format!("{s}-{}", a.region);
                    }
                    if !a.breakdown.is_empty() {
                        s = format!("{s}-{}", a.breakdown);
                    }
                    let base = slug(&s);
                    let mut s = base.clone();
                    let mut n = 2;
                    while !seen.insert(s.clone()) {
                        s = format!("{base}-{n}");
                        n += 1;
                    }
                    s
                })
                .collect()
        })
        .collect()
}

/// The statuses that need attention, worst first.
pub const FLAGGED: [Status; 4] = [
    Status::Missed,
    Status::Regressing,
    Status::OffTrack,
    Status::AtRisk,
];

/// Rows needing attention, worst first, as `(plan index, row index)`.
pub fn flagged(view: &View) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for st in FLAGGED {
        for (i, pv) in view.plans.iter().enumerate() {
            for (j, a) in pv.rows.iter().enumerate() {
                if a.status == st {
                    out.push((i, j));
                }
            }
        }
    }
    out
}

/// A region × indicator table of statuses.
pub struct Matrix {
    /// Region names, the plan's own first.
    pub regions: Vec<String>,
    pub rows: Vec<MatrixRow>,
}

pub struct MatrixRow {
    pub indicator: String,
    /// One per region: `None` where the region has no series.
    pub cells: Vec<Option<MatrixCell>>,
}

pub struct MatrixCell {
    pub status: Status,
    pub label: &'static str,
    /// The latest value (`—` without one).
    pub value: String,
}

/// The matrix of a plan whose data has regions other than its own: every
/// region's series (without breakdown) assessed as of the plan's period,
/// for the indicators the report shows.
pub fn matrix(view: &View, pv: &PlanView, options: Options) -> Option<Matrix> {
    if !display::has_other_regions(pv.plan, pv.actuals) {
        return None;
    }
    let as_of = pv.as_of?;
    let all = assess_plan(&Context {
        plan: pv.plan,
        actuals: pv.actuals,
        as_of,
        method: options.method,
        keep_points: false,
    });
    let own = pv.plan.region.as_deref().unwrap_or("");
    let mut regions: Vec<String> = Vec::new();
    let mut push = |r: &str| {
        if !regions.iter().any(|x| x == r) {
            regions.push(r.to_string());
        }
    };
    if all
        .iter()
        .any(|a| a.region == own && a.breakdown.is_empty())
    {
        push(own);
    }
    for r in &pv.plan.regions {
        if all
            .iter()
            .any(|a| a.region == r.id && a.breakdown.is_empty())
        {
            push(&r.id);
        }
    }
    let mut rest: Vec<&str> = all
        .iter()
        .filter(|a| a.breakdown.is_empty())
        .map(|a| a.region.as_str())
        .collect();
    rest.sort_unstable();
    for r in rest {
        push(r);
    }
    let mut indicators: Vec<usize> = Vec::new();
    for a in &pv.rows {
        if !indicators.contains(&a.indicator) {
            indicators.push(a.indicator);
        }
    }
    let lang = view.lang;
    let rows = indicators
        .into_iter()
        .filter_map(|i| {
            let ind = pv.plan.indicators.get(i)?;
            let cells = regions
                .iter()
                .map(|r| {
                    let a = all
                        .iter()
                        .find(|a| a.indicator == i && a.region == *r && a.breakdown.is_empty())?;
                    let value = match (a.value, a.period) {
                        (Some(v), Some(p)) => {
                            let v = display::value(v, ind, display::precision(ind, a));
                            if p == as_of { v } else { format!("{v} ({p})") }
                        }
                        _ => "—".into(),
                    };
                    Some(MatrixCell {
                        status: a.status,
                        label: a.status.label(lang.en(), a.early),
                        value,
                    })
                })
                .collect();
            Some(MatrixRow {
                indicator: ind.name_in(lang.en()).to_string(),
                cells,
            })
        })
        .collect();
    Some(Matrix {
        regions: regions
            .iter()
            .map(|r| pv.plan.region_name(r, lang.en()))
            .collect(),
        rows,
    })
}

/// Where a series' latest value comes from (the actuals' `source` and
/// `note` of that row), if the data says.
pub fn provenance(pv: &PlanView, a: &Assessment) -> (Option<String>, Option<String>) {
    let act = pv.actuals;
    let key = (|| {
        Some(crate::actuals::SeriesKey {
            indicator: u32::try_from(a.indicator).ok()?,
            region: act.regions.get(&a.region)?,
            breakdown: act.breakdowns.get(&a.breakdown)?,
        })
    })();
    let Some(series) = key.and_then(|k| act.get(&k)) else {
        return (None, None);
    };
    let Some(point) = series.points().rev().find(|p| Some(p.period) == a.period) else {
        return (None, None);
    };
    let text = |i: Option<u32>| {
        i.filter(|&i| (i as usize) < act.texts.len())
            .map(|i| act.texts.name(i).to_string())
            .filter(|s| !s.is_empty())
    };
    (text(point.source), text(point.note))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn format_from_extension_else_flag() {
        let p = |s: &str| PathBuf::from(s);
        assert_eq!(
            format_for(&p("r.HTML"), None).ok(),
            Some(ReportFormat::Html)
        );
        assert_eq!(format_for(&p("r.htm"), None).ok(), Some(ReportFormat::Html));
        assert_eq!(
            format_for(&p("r.md"), None).ok(),
            Some(ReportFormat::Markdown)
        );
        assert_eq!(
            format_for(&p("r.json"), None).ok(),
            Some(ReportFormat::Json)
        );
        assert_eq!(format_for(&p("r.csv"), None).ok(), Some(ReportFormat::Csv));
        assert_eq!(
            format_for(&p("r.txt"), Some(ReportFormat::Csv)).ok(),
            Some(ReportFormat::Csv)
        );
        assert!(format_for(&p("r.txt"), None).is_err());
        assert!(format_for(&p("report"), None).is_err());
        assert!(format_for(&p("r.html"), Some(ReportFormat::Json)).is_err());
        assert_eq!(
            format_for(&p("r.xlsx"), None).is_ok(),
            cfg!(feature = "xlsx")
        );
    }

    #[test]
    fn slugs_are_safe_file_names() {
        assert_eq!(
            slug("china-edu-14fyp-preschool_ger"),
            "china-edu-14fyp-preschool_ger"
        );
        assert_eq!(slug("p-x-../../etc/passwd"), "p-x-etc-passwd");
        assert_eq!(slug("p-x-sex=女"), "p-x-sex");
        assert_eq!(slug("edu.ger"), "edu-ger");
        assert_eq!(slug("..."), "x");
        assert_eq!(slug("A B"), "a-b");
    }
}
