//! The terminal table: one table per plan, group headings as rows, columns
//! aligned by display width (CJK characters count two), status in colour.

use std::io;

use anstyle::{AnsiColor, Style};
use comfy_table::{Cell, CellAlignment, ContentArrangement, TableComponent, presets};

use super::{Attachment, Document, Exporter};
use crate::engine::Status;
use crate::view::grid::{Grid, Kind, Row};
use crate::view::{evaluation, plan_title, status, summary};

pub struct Table;

pub fn status_style(s: Status) -> Style {
    let c = |c: AnsiColor| Style::new().fg_color(Some(c.into()));
    match s {
        Status::Achieved => c(AnsiColor::Green).bold(),
        Status::Ahead => c(AnsiColor::BrightGreen),
        Status::OnTrack => c(AnsiColor::Green),
        Status::AtRisk => c(AnsiColor::Yellow),
        Status::OffTrack => c(AnsiColor::Red),
        Status::Regressing => c(AnsiColor::Magenta).bold(),
        Status::Missed => c(AnsiColor::Red).bold(),
        Status::NoData => Style::new().dimmed(),
    }
}

impl Exporter for Table {
    fn export(
        &self,
        mut doc: Document,
        out: &mut dyn io::Write,
    ) -> anyhow::Result<Vec<Attachment>> {
        let view = doc.view();
        let bold = Style::new().bold();
        if let Some(layout) = &doc.options.evaluation {
            for (i, pv) in view.plans.iter().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                writeln!(out, "{bold}{}{bold:#}", evaluation::title(&view, pv))?;
                writeln!(out, "{}", evaluation::summary(&view, pv))?;
                writeln!(
                    out,
                    "{}",
                    draw(&evaluation::grid(&view, pv, layout, None), view.color)
                )?;
                for p in evaluation::attention(&view, pv) {
                    writeln!(out, "{p}")?;
                }
            }
            return Ok(Vec::new());
        }
        for (i, pv) in view.plans.iter().enumerate() {
            if i > 0 {
                writeln!(out)?;
            }
            writeln!(out, "{bold}{}{bold:#}", plan_title(&view, pv))?;
            writeln!(out, "{}", draw(&status::grid(&view, pv, None), view.color))?;
        }
        writeln!(out, "{}", summary(&view))?;
        Ok(Vec::new())
    }
}

/// A grid as a terminal table: columns aligned by display width, figures
/// right-aligned, names indented under their headings, the status word
/// coloured when `color`.
pub fn draw(grid: &Grid, color: bool) -> comfy_table::Table {
    let bold = Style::new().bold();
    let mut t = comfy_table::Table::new();
    t.load_preset(presets::UTF8_HORIZONTAL_ONLY)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(grid.header());
    t.remove_style(TableComponent::HorizontalLines);
    t.remove_style(TableComponent::MiddleIntersections);
    t.remove_style(TableComponent::LeftBorderIntersections);
    t.remove_style(TableComponent::RightBorderIntersections);
    for row in &grid.rows {
        match row {
            Row::Heading(g) => {
                let mut heading = vec![Cell::new(format!("{bold}{g}{bold:#}"))];
                heading.extend((1..grid.columns.len()).map(|_| Cell::new("")));
                t.add_row(heading);
            }
            Row::Line(line) => {
                let cells = (grid.columns.iter().zip(&line.cells))
                    .map(|(c, cell)| (c, &cell.text))
                    .map(|(c, text)| match c.kind {
                        Kind::Name => {
                            Cell::new(format!("{}{text}", "  ".repeat(line.depth.into())))
                        }
                        Kind::Text => Cell::new(text),
                        Kind::Number => Cell::new(text).set_alignment(CellAlignment::Right),
                        Kind::Status if color => {
                            let st = status_style(line.status);
                            Cell::new(format!("{st}{text}{st:#}"))
                        }
                        Kind::Status => Cell::new(text),
                    });
                t.add_row(cells.collect::<Vec<_>>());
            }
        }
    }
    t
}
