//! Markdown output: a GitHub-flavoured table per plan, group headings as
//! bold rows, `|` in text escaped.

use std::io;

use super::{Render, View, grouped, human_header, human_row, plan_title, summary};

pub struct Markdown;

fn escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

impl Render for Markdown {
    fn render(&self, view: &View, out: &mut dyn io::Write) -> io::Result<()> {
        for pv in &view.plans {
            writeln!(out, "## {}\n", escape(&plan_title(view, pv)))?;
            let header = human_header(view);
            writeln!(
                out,
                "| {} |",
                header
                    .iter()
                    .map(|h| escape(h))
                    .collect::<Vec<_>>()
                    .join(" | ")
            )?;
            let align: Vec<&str> = (0..header.len())
                .map(|i| {
                    if i == 0 || i + 1 == header.len() || (view.by_series && i == 1) {
                        "---"
                    } else {
                        "---:"
                    }
                })
                .collect();
            writeln!(out, "| {} |", align.join(" | "))?;
            for (group, rows) in grouped(pv, view.lang.en()) {
                if let Some(g) = group {
                    let blanks = " |".repeat(header.len() - 1);
                    writeln!(out, "| **{}** |{blanks}", escape(g))?;
                }
                for a in rows {
                    let cells: Vec<String> =
                        human_row(view, pv, a).iter().map(|c| escape(c)).collect();
                    writeln!(out, "| {} |", cells.join(" | "))?;
                }
            }
            writeln!(out)?;
        }
        writeln!(out, "{}", summary(view))
    }
}
