//! `track`: a plan's indicators against their targets.
//!
//! The library core knows nothing of terminals: [`plan`] (plans and target
//! expressions), [`actuals`] (CSV ingest), [`engine`] (figures and
//! statuses) and [`render`] (output formats) work on plain data.
//! [`workspace`] reads files, and [`cmd`] holds the commands of the binary.

pub mod actuals;
pub mod cli;
pub mod cmd;
pub mod diag;
pub mod display;
pub mod encoding;
pub mod engine;
pub mod import;
pub mod period;
pub mod plan;
pub mod render;
pub mod report;
pub mod workspace;
