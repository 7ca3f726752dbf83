//! CSV output: one row per series, the columns of [`super::record`].

use std::io;

use super::record::{COLUMNS, Field, fields};
use super::{Render, View};

pub struct Csv;

impl Render for Csv {
    fn render(&self, view: &View, out: &mut dyn io::Write) -> io::Result<()> {
        let mut w = ::csv::Writer::from_writer(out);
        w.write_record(COLUMNS)?;
        let mut row: Vec<String> = Vec::with_capacity(COLUMNS.len());
        for pv in &view.plans {
            for a in &pv.rows {
                row.clear();
                row.extend(fields(pv.plan, a).into_iter().map(|f| match f {
                    Field::Null => String::new(),
                    Field::Text(s) => neutralise(s),
                    Field::Decimal(d) => d.to_string(),
                    Field::Float(x) => x.to_string(),
                    Field::Int(i) => i.to_string(),
                }));
                w.write_record(&row)?;
            }
        }
        w.flush()
    }
}

/// Text that a spreadsheet would run as a formula gets a leading `'`.
pub fn neutralise(s: String) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s
    }
}
