//! The machine formats written as rows are assessed: batches of rows are
//! assessed and formatted in parallel and written in order, so memory holds
//! only a few batches whatever the number of series.

use std::io::Write;

use super::Warnings;
use crate::query::Selected;

/// Write the selected rows as the JSON document of `status --format json`.
pub fn json(
    selected: &[Selected],
    out: &mut dyn Write,
    warnings: &mut Warnings,
) -> std::io::Result<()> {
    use super::json::Document;
    let mut doc = Document::start(out)?;
    for s in selected {
        s.batches(
            |rows| {
                let (mut part, mut buf) = (Document::part(), Vec::new());
                part.rows(s.plan, s.as_of, &rows, &mut buf);
                let said: Vec<String> = rows.iter().flat_map(|a| a.warnings.clone()).collect();
                (part, buf, said)
            },
            |(part, buf, said)| {
                said.iter().for_each(|w| warnings.say(w));
                doc.append(part, &buf, out)
            },
        )?;
    }
    doc.finish(out)
}

/// Write the selected rows as CSV.
pub fn csv(
    selected: &[Selected],
    out: &mut dyn Write,
    warnings: &mut Warnings,
) -> std::io::Result<()> {
    out.write_all(&super::csv::header())?;
    for s in selected {
        s.batches(
            |rows| {
                let mut buf = Vec::with_capacity(rows.len() * 256);
                super::csv::write_rows(s.plan, &rows, &mut buf);
                let said: Vec<String> = rows.iter().flat_map(|a| a.warnings.clone()).collect();
                (buf, said)
            },
            |(buf, said)| {
                said.iter().for_each(|w| warnings.say(w));
                out.write_all(&buf)
            },
        )?;
    }
    Ok(())
}
