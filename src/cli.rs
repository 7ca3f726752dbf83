//! The command line, as clap definitions: the only module besides
//! [`crate::settings`] that knows clap. Kept apart from the commands so
//! that completions and the man page come from the same source; the
//! settings turn these into the library's own types.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

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
    /// No warnings or notes on standard error (errors are still shown)
    #[arg(short = 'q', long, global = true)]
    pub quiet: bool,
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
    /// One indicator in depth: every period, changes, target path, projection, chart
    Show(ShowArgs),
    /// Write a report: HTML (self-contained, with charts), Markdown, Word (DOCX), XLSX, JSON or CSV
    Report(ReportArgs),
    /// Write a starter workspace: track.toml, a commented plan and actuals (--from: the plan of a published plan's indicator table)
    Init(InitArgs),
    /// Turn a spreadsheet or wide table (xlsx, xls, ods, csv) into the long actuals CSV
    Import(ImportArgs),
    /// Shell completions and the man page
    #[command(hide = true)]
    Generate(GenerateArgs),
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
    /// Progress method, overriding the plan's (time: 序时进度; cagr: Open SDG)
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
    #[arg(long, value_enum, default_value_t = FormatArg::Table)]
    pub format: FormatArg,
    /// Which table: the status table, or the evaluation table (主要指标完成情况表: one column per year, the paragraphs around it)
    #[arg(long, value_enum, default_value_t = LayoutKind::Status)]
    pub layout: LayoutKind,
}

/// The table `status` shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LayoutKind {
    Status,
    Evaluation,
}

/// The output formats of `status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Table,
    Json,
    Csv,
    Markdown,
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

#[derive(Debug, Args, Clone)]
pub struct AddArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Indicator id, or PLAN/ID when several plans define it
    pub id: String,
    /// The value, as written (94.4 or 94.4%)
    pub value: String,
    /// Period (default: this year, when the plan's periods are years, up to the indicator's deadline)
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
    /// Replace a value already recorded for the period (a revision); the
    /// old value and today's date go into the row's note
    #[arg(long)]
    pub revise: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    Table,
    Json,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Indicator id
    pub id: String,
    /// The series of this region (default: the plan's own)
    #[arg(long, value_name = "REGION")]
    pub region: Option<String>,
    /// Also list the series of a breakdown column (or `region`)
    #[arg(long, value_name = "DIM")]
    pub by: Option<String>,
    /// Assess as of this period
    #[arg(long, value_name = "PERIOD")]
    pub as_of: Option<String>,
    /// Progress method, overriding the plan's
    #[arg(long, value_enum)]
    pub method: Option<MethodArg>,
    /// Output format
    #[arg(long, value_enum, default_value_t = ShowFormat::Table)]
    pub format: ShowFormat,
    /// Draw the chart and the table rules with ASCII characters only (default: Unicode, unless a terminal cannot show it)
    #[arg(long)]
    pub ascii: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormatArg {
    Html,
    #[value(alias = "md")]
    Markdown,
    Json,
    Csv,
    Xlsx,
    Docx,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub select: SelectArgs,
    /// The file to write (its extension picks the format; `-`: standard output, with --format)
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: PathBuf,
    /// The format, when the extension does not tell
    #[arg(long, value_enum)]
    pub format: Option<ReportFormatArg>,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where to write the workspace (default: here)
    #[arg(id = "init_dir", value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Overwrite existing files
    #[arg(long)]
    pub force: bool,
    /// Write the plan from the indicator table of a published plan: text (one cell per line, or tab-separated), HTML, DOCX, XLSX/XLS/ODS
    #[arg(long, value_name = "FILE")]
    pub from: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LayoutArg {
    /// Detect from the table
    Auto,
    /// Rows are indicators, columns are periods
    Wide,
    /// Rows are periods, columns are indicators
    Transposed,
    /// Already long: indicator, period, value columns
    Long,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RegionFromArg {
    /// A region column in the table
    Column,
    /// One sheet per region, named by region id or name
    Sheet,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The table to import (.xlsx, .xls, .ods or .csv)
    pub file: PathBuf,
    /// The plan whose indicators and regions the table names
    #[arg(long, value_name = "PLAN.toml")]
    pub plan: PathBuf,
    /// The long actuals CSV to create or append to (default: standard output)
    #[arg(short = 'o', long = "output", value_name = "OUT.csv")]
    pub output: Option<PathBuf>,
    /// The sheet to read (default: the first; every sheet with --region-from sheet)
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// The table's layout
    #[arg(long, value_enum, default_value_t = LayoutArg::Auto)]
    pub layout: LayoutArg,
    /// Where regions come from
    #[arg(long, value_enum)]
    pub region_from: Option<RegionFromArg>,
    /// Skip the cells that cannot be placed (they are listed) instead of writing nothing
    #[arg(long)]
    pub skip_bad: bool,
}

#[derive(Debug, Args)]
pub struct GenerateArgs {
    #[command(subcommand)]
    pub what: Generate,
}

#[derive(Debug, Subcommand)]
pub enum Generate {
    /// Completions for a shell (bash, zsh, fish, elvish, powershell)
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// The man page (roff), to standard output
    Man,
}

/// Write the completions or the man page asked for.
pub fn write_generated(what: &Generate, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    use clap::CommandFactory;
    let mut cmd = Cli::command();
    match what {
        Generate::Completions { shell } => clap_complete::generate(*shell, &mut cmd, "track", out),
        Generate::Man => clap_mangen::Man::new(cmd).render(out)?,
    }
    Ok(())
}
