//! Markdown (GitHub-flavoured): the status table of each plan with the
//! summary line (`status --format markdown`), or the whole report — the
//! summary, the rows that need attention, the status table, the region
//! matrix, and per series its sentence and a chart, an SVG file in the
//! charts folder beside the `.md`, linked with a relative path.
//!
//! Invariants: text from plans and data goes through
//! [`super::escape::markdown`], so it cannot open a link, emphasis, raw
//! HTML or a table cell; chart file names are slugs (no `/`, no `..`), so a
//! hostile id cannot name a file outside the charts folder; every table,
//! the status table and any other grid, is drawn by [`table`].

use std::fmt::Write as _;
use std::io;

use super::escape::markdown as md;
use super::{Attachment, Document, Exported, Exporter, svg};
use crate::view::grid::{Grid, Kind, Row};
use crate::view::{View, evaluation, narrative, plan_title, report, status, summary};

pub struct Markdown;

impl Exporter for Markdown {
    fn export(&self, mut doc: Document, out: &mut dyn io::Write) -> Exported {
        let view = doc.view();
        if let (false, Some(layout)) = (doc.options.report, &doc.options.evaluation) {
            let mut s = String::new();
            for pv in &view.plans {
                let _ = writeln!(s, "## {}\n", md(&evaluation::title(&view, pv)));
                let _ = writeln!(s, "{}\n", md(&evaluation::summary(&view, pv)));
                table(&evaluation::grid(&view, pv, layout, None), &mut s);
                s.push('\n');
                for p in evaluation::attention(&view, pv) {
                    let _ = writeln!(s, "- {}", md(&p));
                }
                s.push('\n');
            }
            out.write_all(s.trim_end().as_bytes())?;
            out.write_all(b"\n")?;
            return Ok(Vec::new());
        }
        if !doc.options.report {
            let mut s = String::new();
            for pv in &view.plans {
                let _ = writeln!(s, "## {}\n", md(&plan_title(&view, pv)));
                table(&status::grid(&view, pv, None), &mut s);
                s.push('\n');
            }
            let _ = writeln!(s, "{}", md(&summary(&view)));
            out.write_all(s.as_bytes())?;
            return Ok(Vec::new());
        }
        let regions = doc.regions();
        let layout = doc.options.evaluation.clone().unwrap_or_default();
        let (text, charts) = report_text(&view, &regions, &layout, &doc.options.charts_dir);
        out.write_all(text.as_bytes())?;
        Ok(charts)
    }
}

/// A grid as a Markdown table: figures right-aligned, group headings as
/// bold rows.
pub fn table(grid: &Grid, s: &mut String) {
    let cells = |v: &mut dyn Iterator<Item = &str>| v.map(md).collect::<Vec<_>>().join(" | ");
    let _ = writeln!(s, "| {} |", cells(&mut grid.header().into_iter()));
    let align: Vec<&str> = (grid.columns.iter())
        .map(|c| {
            if c.kind == Kind::Number {
                "---:"
            } else {
                "---"
            }
        })
        .collect();
    let _ = writeln!(s, "| {} |", align.join(" | "));
    for row in &grid.rows {
        match row {
            Row::Heading(g) => {
                let blanks = " |".repeat(grid.columns.len() - 1);
                let _ = writeln!(s, "| **{}** |{blanks}", md(g));
            }
            Row::Line(l) => {
                let _ = writeln!(
                    s,
                    "| {} |",
                    cells(&mut l.cells.iter().map(|c| c.text.as_str()))
                );
            }
        }
    }
}

/// The report's text, and its charts (file name in the charts folder,
/// SVG bytes).
fn report_text(
    view: &View,
    regions: &[crate::view::PlanView],
    layout: &evaluation::Layout,
    charts_dir: &str,
) -> (String, Vec<Attachment>) {
    let lang = view.lang;
    let l = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let dir_link = url_segment(charts_dir);
    let slugs = report::slugs(view);
    let mut s = String::new();
    let mut charts = Vec::new();
    let _ = writeln!(s, "# {}\n", md(&report::document_title(view)));
    let as_of: Vec<String> = view
        .plans
        .iter()
        .map(|pv| md(&plan_title(view, pv)))
        .collect();
    for a in &as_of {
        let _ = writeln!(s, "- {a}");
    }
    summary_section(view, &mut s);
    for (i, pv) in view.plans.iter().enumerate() {
        let _ = writeln!(s, "## {}\n", md(&evaluation::title(view, pv)));
        table(&evaluation::grid(view, pv, layout, None), &mut s);
        s.push('\n');
        if let Some(m) = regions.get(i).and_then(|r| report::matrix(view, pv, r)) {
            matrix_section(&m, lang, &mut s);
        }
        let _ = writeln!(s, "### {}\n", l("分指标情况", "Indicator by indicator"));
        for (j, a) in pv.rows.iter().enumerate() {
            let Some(ind) = pv.plan.indicators.get(a.indicator) else {
                continue;
            };
            let title = md(&report::title(pv.plan, a, lang));
            let _ = writeln!(
                s,
                "#### {title} · {}\n",
                a.status.word(a.direction, a.early, lang)
            );
            let _ = writeln!(
                s,
                "{}\n",
                md(&narrative::sentence(pv.plan, a, pv.as_of, lang))
            );
            let file = format!(
                "{}.svg",
                slugs.get(i).and_then(|v| v.get(j)).map_or("chart", |v| v)
            );
            let _ = writeln!(s, "![{title}]({dir_link}/{})\n", url_segment(&file));
            charts.push((file, svg::chart(pv.plan, a, lang).into_bytes()));
            let facts = facts(pv, a, ind, lang);
            let _ = writeln!(s, "{}\n", facts.join(" · "));
        }
    }
    let _ = writeln!(
        s,
        "---\n\n{}",
        l(
            "由 track 根据规划文件和实际数据生成。",
            "Generated by track from the plan files and the actual values."
        )
    );
    (s, charts)
}

/// The summary: each plan's counting paragraph, then the indicators that
/// need attention, each with its sentence.
fn summary_section(view: &View, s: &mut String) {
    let lang = view.lang;
    let l = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let _ = writeln!(s, "\n## {}\n", l("概况", "Summary"));
    for pv in &view.plans {
        let summary = evaluation::summary(view, pv);
        match view.plans.len() {
            1 => _ = writeln!(s, "{}\n", md(&summary)),
            _ => {
                let name = pv.plan.name.get(lang);
                _ = writeln!(
                    s,
                    "**{}**{}{}\n",
                    md(name),
                    lang.pick("：", ": "),
                    md(&summary)
                );
            }
        }
    }
    let _ = writeln!(s, "### {}\n", l("需要关注", "Needs attention"));
    let flags = report::flagged(view);
    if flags.is_empty() {
        let _ = writeln!(
            s,
            "{}\n",
            l(
                "没有相对滞后、明显滞后、不升反降或未实现的指标。",
                "No indicator is at risk, off track, regressing or missed."
            )
        );
    }
    for &(i, j) in &flags {
        let (Some(pv), Some(a)) = (
            view.plans.get(i),
            view.plans.get(i).and_then(|p| p.rows.get(j)),
        ) else {
            continue;
        };
        let _ = writeln!(
            s,
            "- **{}** {}: {}",
            a.status.word(a.direction, a.early, lang),
            md(&report::title(pv.plan, a, lang)),
            md(&narrative::sentence(pv.plan, a, pv.as_of, lang))
        );
    }
    if !flags.is_empty() {
        s.push('\n');
    }
}

/// The status of each indicator in each region, one row per indicator.
fn matrix_section(m: &report::Matrix, lang: crate::display::Lang, s: &mut String) {
    let l = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let _ = writeln!(s, "### {}\n", l("各地区完成情况", "Status by region"));
    let mut head = vec![String::new()];
    head.extend(m.regions.iter().map(|r| md(r)));
    let _ = writeln!(s, "| {} |", head.join(" | "));
    let _ = writeln!(s, "|{}", " --- |".repeat(head.len()));
    for row in &m.rows {
        let mut line = vec![md(&row.indicator)];
        line.extend(row.cells.iter().map(|c| match c {
            Some(c) => format!("{} {}", md(&c.value), c.label),
            None => "—".into(),
        }));
        let _ = writeln!(s, "| {} |", line.join(" | "));
    }
    s.push('\n');
}

/// The line under an indicator's chart: its target, sources and notes.
fn facts(
    pv: &crate::view::PlanView,
    a: &crate::engine::Assessment,
    ind: &crate::plan::Indicator,
    lang: crate::display::Lang,
) -> Vec<String> {
    let l = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let mut facts = vec![format!(
        "{}: {}",
        l("目标", "Target"),
        md(&crate::display::target(ind, a, pv.plan, lang))
    )];
    if let Some(src) = &ind.source {
        facts.push(format!("{}: {}", l("指标来源", "Source"), md(src)));
    }
    let (data, note) = report::provenance(pv, a);
    if let Some(d) = data {
        facts.push(format!("{}: {}", l("数据来源", "Data"), md(&d)));
    }
    let notes: Vec<&str> = ind
        .note
        .iter()
        .chain(note.as_ref())
        .map(|s| s.as_str())
        .collect();
    if !notes.is_empty() {
        facts.push(format!("{}: {}", l("备注", "Note"), md(&notes.join("; "))));
    }
    facts
}

/// Percent-encode a path segment for a Markdown link.
fn url_segment(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_percent_encoded() {
        assert_eq!(url_segment("my report_charts"), "my%20report_charts");
    }
}
