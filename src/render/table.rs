//! The terminal table: one table per plan, group headings as rows, columns
//! aligned by display width (CJK characters count two), status in colour.

use std::io;

use anstyle::{AnsiColor, Style};
use comfy_table::{Cell, CellAlignment, ContentArrangement, TableComponent, presets};

use super::{Render, View, grouped, human_header, human_row, plan_title, summary};
use crate::engine::Status;

pub struct Table;

pub fn status_style(s: Status) -> Style {
    let c = |c: AnsiColor| Style::new().fg_color(Some(c.into()));
    match s {
        Status::Achieved => c(AnsiColor::Green).bold(),
        Status::OnTrack => c(AnsiColor::Green),
        Status::AtRisk => c(AnsiColor::Yellow),
        Status::OffTrack => c(AnsiColor::Red),
        Status::Regressing => c(AnsiColor::Magenta).bold(),
        Status::Missed => c(AnsiColor::Red).bold(),
        Status::NoData => Style::new().dimmed(),
    }
}

impl Render for Table {
    fn render(&self, view: &View, out: &mut dyn io::Write) -> io::Result<()> {
        let bold = Style::new().bold();
        for (i, pv) in view.plans.iter().enumerate() {
            if i > 0 {
                writeln!(out)?;
            }
            writeln!(out, "{bold}{}{bold:#}", plan_title(view, pv))?;
            let mut t = comfy_table::Table::new();
            t.load_preset(presets::UTF8_HORIZONTAL_ONLY)
                .set_content_arrangement(ContentArrangement::Disabled)
                .set_header(human_header(view));
            t.remove_style(TableComponent::HorizontalLines);
            t.remove_style(TableComponent::MiddleIntersections);
            t.remove_style(TableComponent::LeftBorderIntersections);
            t.remove_style(TableComponent::RightBorderIntersections);
            let numeric_from = if view.by_series { 2 } else { 1 };
            let ncols = human_header(view).len();
            for (group, rows) in grouped(pv, view.lang.en()) {
                if let Some(g) = group {
                    let mut heading = vec![Cell::new(format!("{bold}{g}{bold:#}"))];
                    heading.extend((1..ncols).map(|_| Cell::new("")));
                    t.add_row(heading);
                }
                for a in rows {
                    let cells = human_row(view, pv, a);
                    let last = cells.len() - 1;
                    let row: Vec<Cell> = cells
                        .into_iter()
                        .enumerate()
                        .map(|(j, c)| {
                            let text = if j == 0 && group.is_some() {
                                format!("  {c}")
                            } else {
                                c
                            };
                            if j == last && view.color {
                                let st = status_style(a.status);
                                Cell::new(format!("{st}{text}{st:#}"))
                            } else if j >= numeric_from && j < last {
                                Cell::new(text).set_alignment(CellAlignment::Right)
                            } else {
                                Cell::new(text)
                            }
                        })
                        .collect();
                    t.add_row(row);
                }
            }
            writeln!(out, "{t}")?;
        }
        writeln!(out, "{}", summary(view))
    }
}
