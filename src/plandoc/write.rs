//! The plan TOML of a draft: `[plan]` with the years, a `[[region]]` for
//! each region a target names (with the word as an alias, so that the
//! target reads), and one `[[indicator]]` per row, each under a comment
//! naming the line or cell it came from; an unread row as a commented-out
//! block under the reason.
//!
//! The text is loaded with the plan loader before it is returned: a row
//! the loader refuses (a target whose direction nothing tells, such as
//! `95%` from a baseline of 95%) is commented out with the loader's reason,
//! and the text written again, so what is returned always loads.

use std::fmt::Write as _;

use super::Origin;
use super::draft::{Assumed, Draft, Entry, Unread};
use super::rows::Table;
use crate::diag::{Diagnostic, Location};
use crate::plan::parse_plan;

/// A plan written from a document.
#[derive(Debug, Clone)]
pub struct Written {
    pub toml: String,
    /// Indicators written, and rows commented out.
    pub indicators: usize,
    pub unread: usize,
    /// The table's title, if it has one, and where it is (`lines 67–245`,
    /// `table 2`, `sheet `Sheet1``).
    pub title: Option<String>,
    pub place: String,
    /// Warnings: every row not read, with its line or cell, and what was
    /// assumed.
    pub diagnostics: Vec<Diagnostic>,
}

/// Write the draft as TOML, load it, and comment out what does not load.
/// `file` names the document, `lines` is its text when it is text (for
/// the lines shown under a warning).
pub fn write(
    draft: &Draft,
    table: &Table,
    file: &str,
    lines: Option<&str>,
    opts: &super::Options,
) -> Result<Written, Diagnostic> {
    let mut draft = draft.clone();
    let plan_name = opts.plan_path.as_str();
    // Each pass comments out at least one more row, or settles the
    // directions (once), or stops.
    for _ in 0..draft.entries.len() + 2 {
        if draft.entries.iter().all(|e| e.unread.is_some()) {
            return Err(Diagnostic::error(format!(
                "no row of the indicator table in {file} ({}) could be read",
                table.name
            ))
            .help("the rows not read are listed above"));
        }
        let (toml, blocks) = render(&draft, table, file, opts);
        let errors = match parse_plan(&toml, plan_name) {
            Ok((plan, warnings)) => {
                // A direction the data would settle: there is no data yet,
                // so `track validate` would ask for it.
                let mut settled = false;
                for ind in plan.indicators.iter().filter(|i| i.direction_from_data) {
                    if let Some(e) = draft.entries.iter_mut().find(|e| e.id == ind.id) {
                        e.assumed = Some(Assumed::NoBaseline);
                        settled = true;
                    }
                }
                if settled {
                    continue;
                }
                let mut diagnostics = unread_diagnostics(&draft, file, lines, plan_name);
                diagnostics.extend(notes(&draft, file, plan_name));
                diagnostics.extend(warnings.0);
                return Ok(Written {
                    indicators: draft.entries.iter().filter(|e| e.unread.is_none()).count(),
                    unread: draft.entries.iter().filter(|e| e.unread.is_some()).count(),
                    title: table.title.clone(),
                    place: table.name.clone(),
                    toml,
                    diagnostics,
                });
            }
            Err(e) => e.0,
        };
        if !refused(&mut draft, &errors.0, &blocks) {
            let shown: Vec<String> = errors.iter().map(|d| d.render(false)).collect();
            return Err(Diagnostic::error(format!(
                "the plan written from {file} does not load (a bug in track): {}",
                shown.join("\n")
            )));
        }
        // Sub-indicators of a row now commented out go with it.
        let unread: Vec<bool> = draft.entries.iter().map(|e| e.unread.is_some()).collect();
        for e in draft.entries.iter_mut() {
            if let Some(p) = e.parent
                && unread[p]
                && e.unread.is_none()
            {
                e.unread = Some(Unread {
                    at: e.cells.first().map_or(Origin::Line(0), |c| c.at.clone()),
                    text: e.name.clone(),
                    reason: "its parent row is not read".to_string(),
                });
            }
        }
    }
    Err(Diagnostic::error(format!(
        "the plan written from {file} does not load (a bug in track)"
    )))
}

/// Mark unread each row the loader refuses (an error on a line of its
/// block), with the loader's reason. Whether any was.
fn refused(draft: &mut Draft, errors: &[Diagnostic], blocks: &[(usize, usize, usize)]) -> bool {
    let mut any = false;
    for d in errors.iter().filter(|d| d.is_error()) {
        let line = d.location.as_ref().map(|l| l.line_col().0);
        let Some(i) = line.and_then(|l| blocks.iter().find(|b| b.1 <= l && l <= b.2)) else {
            continue;
        };
        let e = &mut draft.entries[i.0];
        if e.unread.is_none() {
            let reason = match d.label.is_empty() {
                true => d.message.clone(),
                false => format!("{} ({})", d.message, d.label),
            };
            e.unread = Some(Unread {
                at: e.cells.first().map_or(Origin::Line(0), |c| c.at.clone()),
                text: e.name.clone(),
                reason: reason.replace(&format!("indicator `{}`: ", e.id), ""),
            });
            any = true;
        }
    }
    any
}

/// The TOML, and for each entry the first and last line of its block.
fn render(
    d: &Draft,
    table: &Table,
    file: &str,
    opts: &super::Options,
) -> (String, Vec<(usize, usize, usize)>) {
    let en = opts.lang == crate::display::Lang::En;
    let mut out = String::new();
    let title = table
        .title
        .clone()
        .unwrap_or_else(|| stem(file).to_string());
    let from = format!("`track init --from {file}`");
    if en {
        let _ = writeln!(out, "# Written by {from} from {}, \"{title}\".", table.name);
        out.push_str(
            "# Baselines and targets are as the table writes them: check them against\n\
             # the document, and add name_en, direction or milestones where needed\n\
             # (docs/plan-format.md). Ids: g<section>-<row> in table order, .<n> for\n\
             # 其中 rows; rename them before any actuals use them.\n\n",
        );
    } else {
        let _ = writeln!(out, "# 由 {from} 写成，来源：{title}（{}）。", table.name);
        out.push_str(
            "# 基期值和目标值照表中原文写入：请对照原文核对，需要时补充 name_en、\n\
             # direction 或 milestones（见 docs/plan-format.md）。指标 id 为\n\
             # g<分组序号>-<行序号>，其中行加 .<序号>；录入实际值之前可以改名。\n\n",
        );
    }
    out.push_str("[plan]\n");
    let id = opts.id.clone().unwrap_or_else(|| plan_id(file));
    let _ = writeln!(out, "id = {}", quote(&id));
    let _ = writeln!(out, "name = {}", quote(&title));
    let _ = writeln!(out, "baseline = {}", d.baseline_year);
    let _ = writeln!(out, "target = {}", d.target_year);
    let _ = writeln!(out, "actuals = [{}]", quote(&opts.actuals));
    let _ = writeln!(out, "source = {}", quote(&format!("{file}: {title}")));
    for r in &d.regions {
        out.push('\n');
        let _ = match en {
            true => writeln!(
                out,
                "# {w}, as a target names it (\"{x}\"): the region this plan's region\n\
                 # is compared with. Give it its real name; actuals rows for it use its id.",
                w = r.word,
                x = r.example
            ),
            false => writeln!(
                out,
                "# 目标“{x}”中的{w}：本规划地区与之比较的地区。请写上它的正式名称；\n\
                 # 它的实际值行在 region 列写它的 id。",
                w = r.word,
                x = r.example
            ),
        };
        out.push_str("[[region]]\n");
        let _ = writeln!(out, "id = {}", quote(&r.id));
        let _ = writeln!(out, "name = {}", quote(&r.word));
        let _ = writeln!(out, "aliases = [{}]", quote(&r.word));
    }
    let mut blocks = Vec::new();
    for (i, e) in d.entries.iter().enumerate() {
        out.push('\n');
        let start = out.lines().count() + 1;
        indicator(&mut out, d, e, en);
        blocks.push((i, start, out.lines().count()));
    }
    (out, blocks)
}

/// One `[[indicator]]`, or its commented-out block.
fn indicator(out: &mut String, d: &Draft, e: &Entry, en: bool) {
    let cells: Vec<&str> = e.cells.iter().map(|c| c.text.as_str()).collect();
    let lines: Vec<usize> = e.cells.iter().filter_map(|c| c.at.line()).collect();
    let at = match (lines.iter().min(), lines.iter().max()) {
        (Some(a), Some(b)) if a < b => format!("lines {a}–{b}"),
        _ => e.cells.first().map_or(String::new(), |c| c.at.row_label()),
    };
    let _ = writeln!(out, "# {at}: {}", cells.join(" | "));
    let mut body = String::new();
    body.push_str("[[indicator]]\n");
    let _ = writeln!(body, "id = {}", quote(&e.id));
    let _ = writeln!(body, "name = {}", quote(&e.name));
    if let Some(g) = &e.group {
        let _ = writeln!(body, "group = {}", quote(g));
    }
    if let Some(p) = e.parent {
        let _ = writeln!(body, "parent = {}", quote(&d.entries[p].id));
    }
    if !e.unit.is_empty() {
        let _ = writeln!(body, "unit = {}", quote(&e.unit));
    }
    if let Some(k) = e.kind {
        let _ = writeln!(body, "kind = {}", quote(k.as_str()));
    }
    if let Some(b) = &e.baseline {
        let _ = writeln!(body, "baseline = {}", quote(b));
    }
    if let Some(t) = &e.target {
        let _ = writeln!(body, "target = {}", quote(t));
    }
    if let Some(a) = e.assumed {
        let why = match (a, en) {
            (Assumed::BetterThan, true) => "# assumed: 优于 does not say which way is better",
            (Assumed::BetterThan, false) => "# 假定：“优于”未说明高好还是低好",
            (Assumed::NoBaseline, true) => {
                "# assumed: with no baseline, the target does not say which way is better"
            }
            (Assumed::NoBaseline, false) => "# 假定：没有基期值，目标未说明高好还是低好",
        };
        let _ = writeln!(body, "direction = \"up\"   {why}");
    }
    if let Some(n) = &e.note {
        let _ = writeln!(body, "note = {}", quote(n));
    }
    match &e.unread {
        None => out.push_str(&body),
        Some(u) => {
            let _ = match en {
                true => writeln!(
                    out,
                    "# NOT READ ({}): {}. Correct it, then uncomment:",
                    u.at, u.reason
                ),
                false => writeln!(out, "# 未读入（{}）：{}。改正后取消注释：", u.at, u.reason),
            };
            for line in body.lines() {
                let _ = writeln!(out, "# {line}");
            }
        }
    }
}

/// A warning for every row not read, at its line (text) or named by its
/// cell (tables).
fn unread_diagnostics(d: &Draft, file: &str, lines: Option<&str>, plan: &str) -> Vec<Diagnostic> {
    d.entries
        .iter()
        .filter_map(|e| e.unread.as_ref().map(|u| (e, u)))
        .map(|(e, u)| {
            let help = format!(
                "`{}` is written commented out in {plan}: correct it there and uncomment it",
                e.id
            );
            let line =
                u.at.line()
                    .and_then(|n| Some((n, lines?.lines().nth(n - 1)?)));
            match line {
                Some((n, text)) => {
                    // Tabs as spaces, so that the mark sits under the cell.
                    let shown = |s: &str| s.replace('\t', "    ");
                    let (before, cell) = match text.find(u.text.as_str()) {
                        Some(i) => (&text[..i], u.text.as_str()),
                        None => ("", text),
                    };
                    let start = shown(before).len();
                    let end = start + shown(cell).len();
                    Diagnostic::warning(format!("row not read: {}", u.reason))
                        .at(Location::in_line(file, n, shown(text), start..end))
                        .label("not read")
                        .help(help)
                }
                None => {
                    Diagnostic::warning(format!("{file}, {}: row not read: {}", u.at, u.reason))
                        .help(help)
                }
            }
        })
        .collect()
}

fn notes(d: &Draft, file: &str, plan: &str) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = d
        .notes
        .iter()
        .map(|n| match &n.at {
            Some(at) => Diagnostic::warning(format!("{file}, {at}: {}", n.message)),
            None => Diagnostic::warning(format!("{file}: {}", n.message)),
        })
        .collect();
    for e in d
        .entries
        .iter()
        .filter(|e| e.assumed.is_some() && e.unread.is_none())
    {
        out.push(
            Diagnostic::warning(format!(
                "`{}` ({}): the target \"{}\" does not say whether higher or lower is better; {plan} says direction = \"up\"",
                e.id,
                e.name,
                e.target.as_deref().unwrap_or("")
            ))
            .help("write direction = \"down\" there if a lower value is better"),
        );
    }
    out
}

/// The file's name without its folder and extension.
fn stem(file: &str) -> &str {
    let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
    name.rsplit_once('.').map_or(name, |(s, _)| s)
}

/// The plan's id from the file's name: lower-case ASCII letters, digits,
/// `_`, `.` and `-`; `plan` when none is left (`规划.docx`).
fn plan_id(file: &str) -> String {
    let id: String = stem(file)
        .chars()
        .map(|c| c.to_ascii_lowercase())
        .map(|c| match c {
            'a'..='z' | '0'..='9' | '_' | '.' | '-' => c,
            _ => '-',
        })
        .collect();
    let id = id.trim_matches('-');
    let mut squeezed = String::new();
    for c in id.chars() {
        if !(c == '-' && squeezed.ends_with('-')) {
            squeezed.push(c);
        }
    }
    if squeezed.chars().any(|c| c.is_ascii_alphanumeric()) {
        squeezed
    } else {
        "plan".to_string()
    }
}

/// A TOML basic string.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_of_plans_from_file_names() {
        assert_eq!(
            plan_id("seeds/001_83b1d355f7fc6983.txt"),
            "001_83b1d355f7fc6983"
        );
        assert_eq!(plan_id("规划.docx"), "plan");
        assert_eq!(plan_id("Plan 2025 (final).xlsx"), "plan-2025-final");
    }

    #[test]
    fn strings_are_quoted_for_toml() {
        assert_eq!(
            quote("中职学校“双师型”教师比例"),
            "\"中职学校“双师型”教师比例\""
        );
        assert_eq!(quote("a\"b\\c\u{1}"), "\"a\\\"b\\\\c\\u0001\"");
    }
}
