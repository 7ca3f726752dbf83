//! The command line, as clap definitions. Kept apart from the commands so
//! that completions and the man page come from the same source.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::render::Format;

#[derive(Debug, Parser)]
#[command(name = "track", version, about = "Track a plan's indicators against their targets", long_about = None)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct Global {
    /// Run as if started in DIR
    #[arg(short = 'C', value_name = "DIR", global = true)]
    pub dir: Option<PathBuf>,
    /// The workspace manifest (default: track.toml here or in a parent directory)
    #[arg(long, value_name = "PATH", global = true)]
    pub manifest: Option<PathBuf>,
    /// Output language (default: the manifest's, else zh)
    #[arg(long, value_enum, global = true)]
    pub lang: Option<LangArg>,
    /// When to colour the output
    #[arg(long, value_enum, default_value_t = ColorArg::Auto, global = true)]
    pub color: ColorArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    Zh,
    En,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MethodArg {
    Time,
    Cagr,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// One row per indicator: baseline, latest, target, gap, completion, time progress, change, status
    Status(StatusArgs),
    /// Check plans and data; report every problem with file:line:col (exit 2 if any)
    Validate(InputArgs),
    /// The CI gate: print findings, exit 1 when a target is missed (or worse than --fail-on)
    Check(CheckArgs),
    /// Append one actual value to the plan's actuals CSV, validated, safely
    Add(AddArgs),
}

/// Which plans and data to read.
#[derive(Debug, Args, Clone, Default)]
pub struct InputArgs {
    /// A plan file (instead of the manifest's plans); repeatable
    #[arg(long = "plan", value_name = "PLAN.toml")]
    pub plans: Vec<PathBuf>,
    /// An actuals CSV (instead of the plan's own list); repeatable
    #[arg(long = "actuals", value_name = "FILE.csv")]
    pub actuals: Vec<PathBuf>,
}

/// Which series to assess and how.
#[derive(Debug, Args, Clone, Default)]
pub struct SelectArgs {
    /// Assess as of this period (default: the latest period in each plan's data)
    #[arg(long, value_name = "PERIOD")]
    pub as_of: Option<String>,
    /// Only this region's series
    #[arg(long, value_name = "REGION")]
    pub region: Option<String>,
    /// One row per series: `region`, or a breakdown column such as `sex`
    #[arg(long, value_name = "DIM")]
    pub by: Option<String>,
    /// Only indicators of this group (section heading)
    #[arg(long, value_name = "GROUP")]
    pub group: Option<String>,
    /// Only these statuses (comma-separated: achieved,on-track,at-risk,off-track,regressing,missed,no-data)
    #[arg(long, value_name = "STATUS,...", value_delimiter = ',')]
    pub status: Vec<String>,
    /// Progress method, overriding the plan's (time: 时序进度; cagr: Open SDG)
    #[arg(long, value_enum)]
    pub method: Option<MethodArg>,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub select: SelectArgs,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// The lowest status `check` fails on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Missed,
    Regressing,
    OffTrack,
    AtRisk,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    Binding,
    Expected,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// One line per finding
    Text,
    /// Machine-readable; also the input of --baseline
    Json,
    /// GitHub Actions workflow commands (::error file=…,line=…::)
    Github,
    /// JUnit XML: one test case per series and rule
    Junit,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Assess as of this period (default: the latest period in each plan's data)
    #[arg(long, value_name = "PERIOD")]
    pub as_of: Option<String>,
    /// Only this region's series
    #[arg(long, value_name = "REGION")]
    pub region: Option<String>,
    /// Only indicators of this group
    #[arg(long, value_name = "GROUP")]
    pub group: Option<String>,
    /// Progress method, overriding the plan's
    #[arg(long, value_enum)]
    pub method: Option<MethodArg>,
    /// Fail on this status and worse (missed < regressing... see the README)
    #[arg(long, value_enum, default_value_t = FailOn::Missed)]
    pub fail_on: FailOn,
    /// Gate only indicators of this kind (the others are printed as warnings)
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,
    /// Output format
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
    /// A previous `check --format json`: only findings new or worse than there fail
    #[arg(long, value_name = "FILE.json")]
    pub baseline: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Indicator id
    pub id: String,
    /// The value, as written (94.4 or 94.4%)
    pub value: String,
    /// Period (default: the current year, when the plan's periods are years)
    #[arg(long, value_name = "PERIOD")]
    pub period: Option<String>,
    /// Region id (default: the plan's region)
    #[arg(long, value_name = "REGION")]
    pub region: Option<String>,
    /// Where the value comes from
    #[arg(long, value_name = "TEXT")]
    pub source: Option<String>,
    /// A note
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// The CSV to append to (default: the plan's first actuals file)
    #[arg(long, value_name = "FILE.csv")]
    pub file: Option<PathBuf>,
}
