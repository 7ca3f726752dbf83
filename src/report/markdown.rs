//! The Markdown report (GitHub-flavoured): the summary, the status table
//! of each plan, the region matrix, and per series its narrative and a
//! chart, written as an SVG file in `<name>_charts/` next to the `.md` and
//! linked with a relative path.
//!
//! Invariants: text from plans and data is escaped so it cannot open a
//! link, emphasis, raw HTML or a table cell; chart file names are slugs
//! (no `/`, no `..`), so a hostile id cannot write outside the charts
//! directory; the charts directory is replaced as a whole (written beside
//! it, then renamed), just before the `.md` that links to it.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use super::{atomic, flagged, narrative, slugs, svg};
use crate::render::{View, grouped, human_header, human_row, plan_title, summary};

/// The rendered report: its text and the charts it links to.
pub struct Doc {
    pub text: String,
    /// `(file name, SVG)` in the charts directory.
    pub charts: Vec<(String, String)>,
}

/// Escape text for Markdown: no emphasis, link, code, HTML or table cell
/// can start from it, and it stays on one line. (`(`, `!` and `#` need no
/// escape: without an unescaped `[` no link or image can form, and the
/// text never starts a line.)
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The charts directory of a report: `report.md` → `report_charts`.
pub fn charts_dir(target: &Path) -> PathBuf {
    let stem = target
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "report".into());
    let name = format!("{stem}_charts");
    match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.join(name),
        _ => PathBuf::from(name),
    }
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

pub fn render(view: &View, options: super::Options, target: &Path) -> anyhow::Result<Doc> {
    let lang = view.lang;
    let l = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let dir = charts_dir(target);
    let dir_link = url_segment(
        &dir.file_name()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
    );
    let slugs = slugs(view);
    let mut s = String::new();
    let mut charts = Vec::new();
    let _ = writeln!(s, "# {}\n", escape(&super::document_title(view)));
    let as_of: Vec<String> = view
        .plans
        .iter()
        .map(|pv| escape(&plan_title(view, pv)))
        .collect();
    for a in &as_of {
        let _ = writeln!(s, "- {a}");
    }
    let _ = writeln!(s, "\n## {}\n", l("概况", "Summary"));
    let _ = writeln!(s, "{}\n", escape(&summary(view)));
    let _ = writeln!(s, "### {}\n", l("需要关注", "Needs attention"));
    let flags = flagged(view);
    if flags.is_empty() {
        let _ = writeln!(
            s,
            "{}\n",
            l(
                "没有进度滞后、倒退或未完成的指标。",
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
            a.status.label(lang.en(), a.early),
            escape(&super::title(pv.plan, a, lang)),
            escape(&narrative::sentence(pv.plan, a, pv.as_of, lang))
        );
    }
    if !flags.is_empty() {
        s.push('\n');
    }
    for (i, pv) in view.plans.iter().enumerate() {
        let _ = writeln!(s, "## {}\n", escape(&plan_title(view, pv)));
        let header = human_header(view);
        let cells = |v: Vec<String>| v.iter().map(|c| escape(c)).collect::<Vec<_>>().join(" | ");
        let _ = writeln!(s, "| {} |", cells(header.clone()));
        let align: Vec<&str> = (0..header.len())
            .map(|k| {
                if k == 0 || k + 1 == header.len() || (view.by_series && k == 1) {
                    "---"
                } else {
                    "---:"
                }
            })
            .collect();
        let _ = writeln!(s, "| {} |", align.join(" | "));
        for (group, rows) in grouped(pv, lang.en()) {
            if let Some(g) = group {
                let _ = writeln!(s, "| **{}** |{}", escape(g), " |".repeat(header.len() - 1));
            }
            for a in rows {
                let _ = writeln!(s, "| {} |", cells(human_row(view, pv, a)));
            }
        }
        s.push('\n');
        if let Some(m) = super::matrix(view, pv, options) {
            let _ = writeln!(s, "### {}\n", l("各地区完成情况", "Status by region"));
            let mut head = vec![String::new()];
            head.extend(m.regions.iter().map(|r| escape(r)));
            let _ = writeln!(s, "| {} |", head.join(" | "));
            let _ = writeln!(s, "|{}", " --- |".repeat(head.len()));
            for row in &m.rows {
                let mut line = vec![escape(&row.indicator)];
                line.extend(row.cells.iter().map(|c| match c {
                    Some(c) => format!("{} {}", escape(&c.value), c.label),
                    None => "—".into(),
                }));
                let _ = writeln!(s, "| {} |", line.join(" | "));
            }
            s.push('\n');
        }
        let _ = writeln!(s, "### {}\n", l("分指标情况", "Indicator by indicator"));
        for (j, a) in pv.rows.iter().enumerate() {
            let Some(ind) = pv.plan.indicators.get(a.indicator) else {
                continue;
            };
            let title = escape(&super::title(pv.plan, a, lang));
            let _ = writeln!(s, "#### {title} · {}\n", a.status.label(lang.en(), a.early));
            let _ = writeln!(
                s,
                "{}\n",
                escape(&narrative::sentence(pv.plan, a, pv.as_of, lang))
            );
            let file = format!(
                "{}.svg",
                slugs.get(i).and_then(|v| v.get(j)).map_or("chart", |v| v)
            );
            let _ = writeln!(s, "![{title}]({dir_link}/{})\n", url_segment(&file));
            charts.push((file, svg::chart(pv.plan, a, lang)));
            let mut facts = vec![format!(
                "{}: {}",
                l("目标", "Target"),
                escape(&crate::display::target(ind, a, pv.plan, lang))
            )];
            if let Some(src) = &ind.source {
                facts.push(format!("{}: {}", l("指标来源", "Source"), escape(src)));
            }
            let (data, note) = super::provenance(pv, a);
            if let Some(d) = data {
                facts.push(format!("{}: {}", l("数据来源", "Data"), escape(&d)));
            }
            let notes: Vec<&str> = ind
                .note
                .iter()
                .chain(note.as_ref())
                .map(|s| s.as_str())
                .collect();
            if !notes.is_empty() {
                facts.push(format!(
                    "{}: {}",
                    l("备注", "Note"),
                    escape(&notes.join("; "))
                ));
            }
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
    Ok(Doc { text: s, charts })
}

/// Write the charts next to the report: the charts directory is replaced
/// as a whole, so it never mixes two runs' charts.
pub fn write_charts(doc: &Doc, target: &Path) -> anyhow::Result<()> {
    let dir = charts_dir(target);
    let files = (doc.charts.iter()).map(|(file, svg)| (file.as_str(), svg.as_bytes()));
    atomic::replace_dir(&dir, files)
        .with_context(|| format!("cannot write the charts directory {}", dir.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markdown_and_html() {
        assert_eq!(
            escape("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(
            escape("[x](javascript:1) | *b*"),
            "\\[x\\](javascript:1) \\| \\*b\\*"
        );
        assert_eq!(escape("a\nb"), "a b");
    }

    #[test]
    fn charts_live_next_to_the_report() {
        assert_eq!(
            charts_dir(Path::new("out/report.md")),
            Path::new("out/report_charts")
        );
        assert_eq!(charts_dir(Path::new("r.md")), Path::new("r_charts"));
        assert_eq!(url_segment("my report_charts"), "my%20report_charts");
    }
}
