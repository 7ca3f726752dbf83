//! `track`: a plan's indicators against their targets.
//!
//! The library core knows nothing of terminals: [`plan`] (plans and target
//! expressions), [`actuals`] (CSV ingest), [`engine`] (figures and
//! statuses) and [`render`] (output formats) work on plain data.
//! [`query`] selects and assesses the rows a command shows, [`workspace`]
//! reads files. The binary (`src/main.rs`, `src/cli.rs`, `src/cmd/`) turns
//! the command line into calls of these.

pub mod actuals;
pub mod atomic;
pub mod diag;
pub mod display;
pub mod encoding;
pub mod engine;
pub mod export;
pub mod import;
pub mod period;
pub mod plan;
pub mod query;
pub mod view;
pub mod workspace;
