//! Settings resolved once from the command line and the manifest: the one
//! place where clap's types become the library's (a [`Request`], a
//! [`Method`], a [`Lang`], a format), flags are parsed (`--as-of`,
//! `--status`) and the manifest's `[defaults]` apply.

use anyhow::{Context as _, bail};
use track::display::Lang;
use track::engine::Status;
use track::export::Format;
use track::import::{Layout, RegionFrom};
use track::period::Period;
use track::plan::{Kind, Method};
use track::query::{Request, Rows};
use track::workspace::Workspace;

use crate::cli::{
    FailOn, FormatArg, Global, KindArg, LangArg, LayoutArg, MethodArg, RegionFromArg,
    ReportFormatArg, SelectArgs,
};

/// The query the selection flags ask for.
pub fn request(args: &SelectArgs) -> anyhow::Result<Request> {
    let mut statuses = Vec::new();
    for s in &args.status {
        match Status::parse(s) {
            Some(st) => statuses.push(st),
            None => bail!(
                "--status {s}: unknown status; expected {}",
                Status::ALL.map(|s| s.as_str()).join(", ")
            ),
        }
    }
    Ok(Request {
        as_of: as_of(args.as_of.as_deref())?,
        region: args.region.clone(),
        group: args.group.clone(),
        statuses,
        method: method(args.method),
        rows: rows(args.by.as_deref()),
        ..Request::default()
    })
}

/// `--by DIM`: `region`, or a breakdown column.
pub fn rows(by: Option<&str>) -> Rows {
    match by {
        None => Rows::Headline,
        Some("region") => Rows::ByRegion,
        Some(dim) => Rows::ByDimension(dim.to_string()),
    }
}

/// `--as-of PERIOD`.
pub fn as_of(arg: Option<&str>) -> anyhow::Result<Option<Period>> {
    match arg {
        Some(s) => Ok(Some(
            Period::parse(s).with_context(|| format!("--as-of {s}"))?,
        )),
        None => Ok(None),
    }
}

/// `--method`.
pub fn method(arg: Option<MethodArg>) -> Option<Method> {
    arg.map(|m| match m {
        MethodArg::Time => Method::Time,
        MethodArg::Cagr => Method::Cagr,
    })
}

/// `--kind`.
pub fn kind(arg: Option<KindArg>) -> Option<Kind> {
    arg.map(|k| match k {
        KindArg::Binding => Kind::Binding,
        KindArg::Expected => Kind::Expected,
    })
}

/// `--fail-on`: the lowest status that fails `check`.
pub fn fail_on(arg: FailOn) -> Status {
    match arg {
        FailOn::Missed => Status::Missed,
        FailOn::Regressing => Status::Regressing,
        FailOn::OffTrack => Status::OffTrack,
        FailOn::AtRisk => Status::AtRisk,
    }
}

/// `--lang`, else the manifest's default, else Chinese.
pub fn lang(global: &Global, ws: &Workspace) -> Lang {
    lang_or(global, ws.defaults.lang)
}

/// `--lang`, else `default`, else Chinese.
pub fn lang_or(global: &Global, default: Option<Lang>) -> Lang {
    match global.lang {
        Some(LangArg::En) => Lang::En,
        Some(LangArg::Zh) => Lang::Zh,
        None => default.unwrap_or_default(),
    }
}

/// `status --format`.
pub fn format(arg: FormatArg) -> Format {
    match arg {
        FormatArg::Table => Format::Table,
        FormatArg::Json => Format::Json,
        FormatArg::Csv => Format::Csv,
        FormatArg::Markdown => Format::Markdown,
    }
}

/// `report --format`.
pub fn report_format(arg: Option<ReportFormatArg>) -> Option<Format> {
    arg.map(|f| match f {
        ReportFormatArg::Html => Format::Html,
        ReportFormatArg::Markdown => Format::Markdown,
        ReportFormatArg::Json => Format::Json,
        ReportFormatArg::Csv => Format::Csv,
        ReportFormatArg::Xlsx => Format::Xlsx,
        ReportFormatArg::Docx => Format::Docx,
    })
}

/// `import --layout`.
pub fn layout(arg: LayoutArg) -> Layout {
    match arg {
        LayoutArg::Auto => Layout::Auto,
        LayoutArg::Wide => Layout::Wide,
        LayoutArg::Transposed => Layout::Transposed,
        LayoutArg::Long => Layout::Long,
    }
}

/// `import --region-from`.
pub fn region_from(arg: Option<RegionFromArg>) -> Option<RegionFrom> {
    arg.map(|r| match r {
        RegionFromArg::Column => RegionFrom::Column,
        RegionFromArg::Sheet => RegionFrom::Sheet,
    })
}
