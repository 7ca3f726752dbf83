//! Exporters: one output format per file, all behind one [`Exporter`]
//! trait, used by `status` and `report` alike.
//!
//! Every exporter writes a [`Document`]: the selected plans, not yet
//! assessed. The machine formats ([`csv`], [`json`]) stream it — rows are
//! assessed and written a batch at a time, so ten million rows need only a
//! few batches of memory — and share one [`record`] of stable English
//! columns; the human formats ([`table`], [`markdown`], [`html`], [`xlsx`],
//! [`docx`]) assess it whole into a [`View`] and draw the tables of
//! [`crate::view`], escaping text with [`escape`] for the markup it lands
//! in. `show`'s one-indicator document has its own two writers
//! ([`indicator_text`], [`indicator_json`]).
//!
//! Invariants: an exporter writes only to the writer it is given (a
//! Markdown report's charts are handed back as [`Attachment`]s for the
//! caller to write beside it); the bytes depend only on the document, never
//! on the clock, the locale or the thread count; the engine's warnings about
//! rows reach [`Warnings`], each once.

pub mod chart;
pub mod csv;
#[cfg(feature = "docx")]
pub mod docx;
pub mod escape;
pub mod html;
pub mod indicator_json;
pub mod indicator_text;
pub mod json;
pub mod markdown;
#[cfg(any(feature = "xlsx", feature = "docx"))]
pub mod office;
#[cfg(feature = "docx")]
pub mod png;
pub mod record;
pub mod svg;
pub mod table;
#[cfg(feature = "xlsx")]
pub mod xlsx;

use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;

use anyhow::bail;

use crate::display::Lang;
use crate::engine::Assessment;
use crate::query::Selected;
use crate::view::{PlanView, View};

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The terminal table (`status` only).
    Table,
    Markdown,
    /// A self-contained page (reports only).
    Html,
    Json,
    Csv,
    /// An Excel workbook (reports only; cargo feature `xlsx`).
    Xlsx,
    /// A Word document (reports only; cargo feature `docx`).
    Docx,
}

impl Format {
    /// The format a file's extension asks for.
    pub fn of_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "html" | "htm" => Format::Html,
            "md" | "markdown" => Format::Markdown,
            "json" => Format::Json,
            "csv" => Format::Csv,
            "xlsx" => Format::Xlsx,
            "docx" => Format::Docx,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
            Format::Docx => "docx",
        }
    }

    /// Whether rows are written as they are assessed (the machine formats).
    pub fn streams(self) -> bool {
        matches!(self, Format::Json | Format::Csv)
    }

    /// Whether a report in this format draws charts, which need every
    /// point of a series.
    pub fn charts(self) -> bool {
        matches!(self, Format::Html | Format::Markdown | Format::Docx)
    }

    /// Whether a report in this format has the regional matrix.
    pub fn matrix(self) -> bool {
        matches!(self, Format::Html | Format::Markdown)
    }

    /// Whether a report in this format needs every point of a series: for
    /// its charts, or for the evaluation table's column per period (every
    /// format people read).
    pub fn points(self) -> bool {
        !self.streams()
    }

    /// The exporter of this format.
    pub fn exporter(self) -> anyhow::Result<Box<dyn Exporter>> {
        Ok(match self {
            Format::Table => Box::new(table::Table),
            Format::Markdown => Box::new(markdown::Markdown),
            Format::Html => Box::new(html::Html),
            Format::Json => Box::new(json::Json),
            Format::Csv => Box::new(csv::Csv),
            #[cfg(feature = "xlsx")]
            Format::Xlsx => Box::new(xlsx::Xlsx),
            #[cfg(not(feature = "xlsx"))]
            Format::Xlsx => bail!(NO_XLSX),
            #[cfg(feature = "docx")]
            Format::Docx => Box::new(docx::Docx),
            #[cfg(not(feature = "docx"))]
            Format::Docx => bail!(NO_DOCX),
        })
    }
}

/// Said wherever XLSX is asked of a build without it.
pub const NO_XLSX: &str = "this track was built without XLSX support (cargo feature `xlsx`)";

/// Said wherever Word output is asked of a build without it.
pub const NO_DOCX: &str = "this track was built without Word support (cargo feature `docx`)";

/// The format of a report: the extension's, else `--format`; a `--format`
/// that contradicts the extension is an error (a `.html` file holding JSON
/// helps nobody), and so is a file name that tells nothing without one.
pub fn report_format(path: &Path, explicit: Option<Format>) -> anyhow::Result<Format> {
    let format = match (Format::of_path(path), explicit) {
        (Some(a), Some(b)) if a != b => bail!(
            "--format {} does not match the extension of {} (a {} file)",
            b.name(),
            path.display(),
            a.name()
        ),
        (Some(f), _) | (None, Some(f)) => f,
        (None, None) => bail!(
            "cannot tell the report format from {}: use an extension (.html, .md, .docx, .xlsx, .json, .csv) or --format",
            path.display()
        ),
    };
    if format == Format::Xlsx && !cfg!(feature = "xlsx") {
        bail!(NO_XLSX);
    }
    if format == Format::Docx && !cfg!(feature = "docx") {
        bail!(NO_DOCX);
    }
    Ok(format)
}

/// How a document is to be written.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub lang: Lang,
    /// One row per series (a region column), not per indicator.
    pub by_series: bool,
    /// ANSI colours (the terminal table).
    pub color: bool,
    /// The terminal's width, which the terminal table keeps within
    /// ([`table`]); `None`: full width (a pipe, a file).
    pub width: Option<usize>,
    /// The whole report (summary, table, matrix, per-indicator
    /// paragraphs and charts), not only the status table (Markdown).
    pub report: bool,
    /// Where a Markdown report's charts go, as linked from it (the name of
    /// the folder beside the report).
    pub charts_dir: String,
    /// The table people read: the status table, or the evaluation table
    /// (主要指标完成情况表) with its columns as chosen. Reports always show
    /// the evaluation table.
    pub evaluation: Option<crate::view::evaluation::Layout>,
}

/// The selected plans, to be written.
pub struct Document<'w> {
    pub plans: Vec<Selected<'w>>,
    /// Every region's series of each plan (the same as-of and method), for
    /// a report's regional matrix; empty where none is wanted.
    pub regions: Vec<Selected<'w>>,
    pub options: Options,
    pub warnings: Warnings<'w>,
}

impl<'w> Document<'w> {
    /// Every row assessed, the warnings about them handed on.
    pub fn view(&mut self) -> View<'w> {
        let plans: Vec<PlanView<'w>> = std::mem::take(&mut self.plans)
            .into_iter()
            .map(Selected::view)
            .collect();
        for pv in &plans {
            self.warnings.rows(&pv.rows);
        }
        View {
            plans,
            lang: self.options.lang,
            color: self.options.color,
            by_series: self.options.by_series,
        }
    }

    /// The regional view of each plan, in plan order (empty when the
    /// document has none); a plan whose data has no other region than its
    /// own has no matrix, and its rows are not assessed twice.
    pub fn regions(&mut self) -> Vec<PlanView<'w>> {
        (std::mem::take(&mut self.regions).into_iter())
            .map(
                |s| match crate::display::has_other_regions(s.plan, s.actuals) {
                    true => s.view(),
                    false => PlanView {
                        plan: s.plan,
                        actuals: s.actuals,
                        as_of: s.as_of,
                        rows: Vec::new(),
                    },
                },
            )
            .collect()
    }
}

/// The periods with a column in an evaluation table of several plans:
/// every plan's, in order.
pub fn evaluation_periods(view: &View) -> Vec<crate::period::Period> {
    let mut all: Vec<crate::period::Period> = (view.plans.iter())
        .flat_map(|pv| crate::view::evaluation::periods(pv.plan, pv.as_of))
        .collect();
    all.sort();
    all.dedup();
    all
}

/// A file that belongs beside the written document: a name in
/// [`Options::charts_dir`] and its bytes.
pub type Attachment = (String, Vec<u8>);

/// One output format.
pub trait Exporter {
    /// Write `doc` to `out`; return the files that go beside it.
    fn export(&self, doc: Document, out: &mut dyn Write) -> Exported;
}

/// What an export gives back: the files that go beside the output.
pub type Exported = anyhow::Result<Vec<Attachment>>;

/// The warnings of a batch of rows, to hand on once the batch is written
/// (the rows themselves are not kept that long).
fn said(rows: &[Assessment]) -> Vec<String> {
    rows.iter()
        .flat_map(|a| a.warnings.iter().cloned())
        .collect()
}

/// Warnings the engine attached to rows, handed on each once.
pub struct Warnings<'a> {
    seen: BTreeSet<String>,
    say: Box<dyn FnMut(&str) + 'a>,
}

impl<'a> Warnings<'a> {
    pub fn new(say: Box<dyn FnMut(&str) + 'a>) -> Warnings<'a> {
        Warnings {
            seen: BTreeSet::new(),
            say,
        }
    }

    /// Warnings nobody hears (benchmarks, tests).
    pub fn ignored() -> Warnings<'a> {
        Warnings::new(Box::new(|_| {}))
    }

    /// Hand on the warnings of `rows` not said yet.
    pub fn rows(&mut self, rows: &[Assessment]) {
        for w in rows.iter().flat_map(|a| &a.warnings) {
            self.say(w);
        }
    }

    /// Hand on `w` unless it was said already.
    pub fn say(&mut self, w: &str) {
        if !self.seen.contains(w) {
            self.seen.insert(w.to_string());
            (self.say)(w);
        }
    }
}
