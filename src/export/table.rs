//! The terminal table: one table per plan, group headings as rows, columns
//! aligned by display width (CJK characters count two), status in colour.
//!
//! Width: given the terminal's width ([`super::Options::width`]), a grid
//! that would be wider first wraps its names (down to [`NAME_MIN`]
//! columns, continuation lines indented like the first), then leaves out
//! whole columns in [`Grid::drop_order`] until it fits, widening the names
//! again as far as the room left allows; the labels left out are said once,
//! as a warning on stderr. Without a width (output into a pipe or a file)
//! every column is drawn at full width, so the bytes never depend on the
//! terminal.

use std::fmt;
use std::io;

use anstyle::{AnsiColor, Style};
use comfy_table::{Cell, CellAlignment, ContentArrangement, TableComponent, presets};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::{Document, Exported, Exporter};
use crate::engine::Status;
use crate::view::grid::{Grid, Kind, Row};
use crate::view::{evaluation, plan_title, status, summary};

pub struct Table;

/// The narrowest the name column is wrapped to before columns give way.
pub const NAME_MIN: usize = 12;

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
    fn export(&self, mut doc: Document, out: &mut dyn io::Write) -> Exported {
        let width = doc.options.width;
        let view = doc.view();
        let bold = Style::new().bold();
        let mut left_out: Vec<String> = Vec::new();
        for (i, pv) in view.plans.iter().enumerate() {
            if i > 0 {
                writeln!(out)?;
            }
            let drawn = if let Some(layout) = &doc.options.evaluation {
                writeln!(out, "{bold}{}{bold:#}", evaluation::title(&view, pv))?;
                writeln!(out, "{}", evaluation::summary(&view, pv))?;
                let grid = evaluation::grid(&view, pv, layout, None);
                let drawn = draw(&grid, view.color, width);
                writeln!(out, "{drawn}")?;
                for p in evaluation::attention(&view, pv) {
                    writeln!(out, "{p}")?;
                }
                drawn
            } else {
                writeln!(out, "{bold}{}{bold:#}", plan_title(&view, pv))?;
                let drawn = draw(&status::grid(&view, pv, None), view.color, width);
                writeln!(out, "{drawn}")?;
                drawn
            };
            for label in drawn.left_out {
                if !left_out.contains(&label) {
                    left_out.push(label);
                }
            }
        }
        if doc.options.evaluation.is_none() {
            writeln!(out, "{}", summary(&view))?;
        }
        if let Some(w) = width.filter(|_| !left_out.is_empty()) {
            // After the tables on a terminal, not scrolled away above them.
            out.flush()?;
            doc.warnings.say(&left_out_note(w, &left_out));
        }
        Ok(Vec::new())
    }
}

/// What is said when columns were left out to fit `width`.
pub fn left_out_note(width: usize, labels: &[String]) -> String {
    format!(
        "the table is wider than the terminal ({width} columns): left out {} \
         (a pipe or a file gets every column: `track status | less -S`)",
        labels.join(", ")
    )
}

/// A grid drawn for a terminal: the table, and the labels of the columns
/// left out to fit the width asked for, in the order they gave way.
pub struct Drawn {
    pub table: comfy_table::Table,
    pub left_out: Vec<String>,
}

impl fmt::Display for Drawn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.table.fmt(f)
    }
}

/// A grid as a terminal table: columns aligned by display width, figures
/// right-aligned, names indented under their headings, the status word
/// coloured when `color`; within `width` display columns where given (see
/// the module doc), else at full width.
pub fn draw(grid: &Grid, color: bool, width: Option<usize>) -> Drawn {
    let mut shown: Vec<usize> = (0..grid.columns.len()).collect();
    let natural = name_width(grid);
    let full = build(grid, color, &shown, None);
    let Some(width) = width.filter(|&w| table_width(&full) > w) else {
        return Drawn {
            table: full,
            left_out: Vec::new(),
        };
    };
    let mut order = grid.drop_order().into_iter();
    let mut left_out = Vec::new();
    loop {
        // Everything but the names, at their narrowest.
        let narrow = build(grid, color, &shown, Some(NAME_MIN));
        let rest = table_width(&narrow).saturating_sub(name_width_within(grid, NAME_MIN));
        if rest + NAME_MIN <= width {
            let names = (width - rest).min(natural);
            return Drawn {
                table: build(grid, color, &shown, Some(names)),
                left_out,
            };
        }
        match order.next() {
            Some(c) => {
                shown.retain(|&i| i != c);
                left_out.push(grid.columns[c].label.clone());
            }
            // Nothing more may give way: as narrow as it gets.
            None => {
                return Drawn {
                    table: narrow,
                    left_out,
                };
            }
        }
    }
}

/// The table of the `shown` columns of `grid`, names wrapped at `names`
/// display columns when given.
fn build(grid: &Grid, color: bool, shown: &[usize], names: Option<usize>) -> comfy_table::Table {
    let bold = Style::new().bold();
    let mut t = comfy_table::Table::new();
    t.load_preset(presets::UTF8_HORIZONTAL_ONLY)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(shown.iter().map(|&i| grid.columns[i].label.as_str()));
    t.remove_style(TableComponent::HorizontalLines);
    t.remove_style(TableComponent::MiddleIntersections);
    t.remove_style(TableComponent::LeftBorderIntersections);
    t.remove_style(TableComponent::RightBorderIntersections);
    let name = |text: &str, indent: usize| {
        let lines = match names {
            Some(w) => wrap(text, w.saturating_sub(indent).max(1)),
            None => vec![text.to_string()],
        };
        let pad = " ".repeat(indent);
        (lines.iter().map(|l| format!("{pad}{l}"))).collect::<Vec<_>>()
    };
    for row in &grid.rows {
        match row {
            Row::Heading(g) => {
                let lines: Vec<String> = (name(g, 0).into_iter())
                    .map(|l| format!("{bold}{l}{bold:#}"))
                    .collect();
                let mut heading = vec![Cell::new(lines.join("\n"))];
                heading.extend((1..shown.len()).map(|_| Cell::new("")));
                t.add_row(heading);
            }
            Row::Line(line) => {
                let cells = shown.iter().map(|&i| {
                    let text = &line.cells[i].text;
                    match grid.columns[i].kind {
                        Kind::Name => Cell::new(name(text, 2 * usize::from(line.depth)).join("\n")),
                        Kind::Text => Cell::new(text),
                        Kind::Number => Cell::new(text).set_alignment(CellAlignment::Right),
                        Kind::Status if color => {
                            let st = status_style(line.status);
                            Cell::new(format!("{st}{text}{st:#}"))
                        }
                        Kind::Status => Cell::new(text),
                    }
                });
                t.add_row(cells.collect::<Vec<_>>());
            }
        }
    }
    t
}

/// The display width of a drawn table (its top rule).
fn table_width(t: &comfy_table::Table) -> usize {
    t.lines().next().map_or(0, |l| l.width())
}

/// The width of the name column at full width: its label, its indented
/// names and its headings.
fn name_width(grid: &Grid) -> usize {
    name_width_within(grid, usize::MAX)
}

/// The width of the name column with names wrapped at `w`.
fn name_width_within(grid: &Grid, w: usize) -> usize {
    let Some(c) = grid.columns.iter().position(|c| c.kind == Kind::Name) else {
        return 0;
    };
    let widest = |text: &str, indent: usize| {
        (wrap(text, w.saturating_sub(indent).max(1)).iter())
            .map(|l| indent + l.width())
            .max()
            .unwrap_or(indent)
    };
    let rows = grid.rows.iter().map(|r| match r {
        Row::Heading(g) if c == 0 => widest(g, 0),
        Row::Heading(_) => 0,
        Row::Line(l) => widest(&l.cells[c].text, 2 * usize::from(l.depth)),
    });
    rows.chain([grid.columns[c].label.width()])
        .max()
        .unwrap_or(0)
}

/// `text` in lines of at most `width` display columns: broken at spaces,
/// or between any two CJK characters; a word longer than a line is cut.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    if text.width() <= width {
        return vec![text.to_string()];
    }
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for token in tokens(text) {
        let fits = line.width() + token.trim_end().width() <= width;
        if !fits && !line.trim().is_empty() {
            lines.push(line.trim_end().to_string());
            line.clear();
        }
        if line.is_empty() && token.trim().is_empty() {
            continue; // no line starts with a space
        }
        if token.trim_end().width() > width {
            // Cut a word too long for any line, a character at a time.
            for ch in token.chars() {
                if line.width() + ch.width().unwrap_or(0) > width && !line.is_empty() {
                    lines.push(line.trim_end().to_string());
                    line.clear();
                }
                line.push(ch);
            }
        } else {
            line.push_str(token);
        }
    }
    if !line.trim().is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
}

/// The pieces a line may break between: after spaces, and between two
/// wide (CJK) characters or a wide one and a letter or digit; other
/// punctuation stays with its neighbours (`(年)` is one piece).
fn tokens(text: &str) -> Vec<&str> {
    let wide = |c: char| c.width().unwrap_or(0) > 1;
    let letter = |c: char| !wide(c) && c.is_alphanumeric();
    let mut out = Vec::new();
    let mut start = 0;
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        let brk = prev.is_some_and(|p| {
            c != ' '
                && (p == ' '
                    || (wide(p) && wide(c))
                    || (wide(p) && letter(c))
                    || (letter(p) && wide(c)))
        });
        if brk {
            out.push(&text[start..i]);
            start = i;
        }
        prev = Some(c);
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::grid::{Column, Line};

    #[test]
    fn wrap_breaks_at_spaces_and_between_cjk_characters() {
        assert_eq!(wrap("学前教育毛入园率", 8), ["学前教育", "毛入园率"]);
        assert_eq!(wrap("学前教育毛入园率", 7), ["学前教", "育毛入", "园率"]);
        assert_eq!(
            wrap("Preschool gross enrolment rate", 12),
            ["Preschool", "gross", "enrolment", "rate"]
        );
        assert_eq!(
            wrap("Preschool gross enrolment rate", 16),
            ["Preschool gross", "enrolment rate"]
        );
        assert_eq!(
            wrap("劳动年龄人口平均受教育年限 (年)", 12),
            ["劳动年龄人口", "平均受教育年", "限 (年)"]
        );
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("short", 12), ["short"]);
    }

    fn grid() -> Grid {
        let line = |name: &str| {
            Row::Line(Line {
                cells: vec![
                    name.to_string().into(),
                    "95.2%".into(),
                    "96.1% (2025)".into(),
                    "≥96%".into(),
                    "+0.9个百分点".into(),
                    "已完成".into(),
                ],
                status: Status::Achieved,
                anchor: None,
                depth: 1,
            })
        };
        Grid {
            columns: vec![
                Column::new("指标", Kind::Name),
                Column::new("基期值", Kind::Number),
                Column::new("最新值", Kind::Number),
                Column::new("目标", Kind::Number).drop_rank(200),
                Column::new("较基期", Kind::Number),
                Column::new("状态", Kind::Status),
            ],
            rows: vec![
                Row::Heading("义务教育".into()),
                line("九年义务教育巩固率"),
                line("劳动年龄人口平均受教育年限"),
            ],
        }
    }

    /// The display width of each line, the headings' bold left out.
    fn widths(d: &Drawn) -> Vec<usize> {
        let plain = |l: String| l.replace("\u{1b}[1m", "").replace("\u{1b}[0m", "");
        d.table.lines().map(|l| plain(l).width()).collect()
    }

    #[test]
    fn a_table_that_fits_is_drawn_as_without_a_width() {
        let full = draw(&grid(), false, None);
        assert!(full.left_out.is_empty());
        let w = table_width(&full.table);
        for width in [Some(w), Some(w + 40)] {
            let d = draw(&grid(), false, width);
            assert_eq!(d.to_string(), full.to_string());
            assert!(d.left_out.is_empty());
        }
    }

    #[test]
    fn names_wrap_first_then_columns_give_way_in_their_order() {
        let full = draw(&grid(), false, None);
        let w = table_width(&full.table);
        // A little narrower: the names wrap, indented, and nothing is left out.
        let d = draw(&grid(), false, Some(w - 6));
        assert!(d.left_out.is_empty());
        assert!(widths(&d).iter().all(|&x| x <= w - 6), "{d}");
        assert!(d.to_string().contains("\n   劳动年龄人口平均受教 "), "{d}");
        assert!(d.to_string().contains("\n   育年限 "), "{d}");
        // Much narrower: columns go, 较基期 first (rightmost of rank 100).
        let d = draw(&grid(), false, Some(50));
        assert_eq!(d.left_out, ["较基期", "最新值"]);
        assert!(widths(&d).iter().all(|&x| x <= 50), "{d}");
        assert!(d.to_string().contains("已完成"));
        // Too narrow for anything: the name and the status stay, narrowest.
        let d = draw(&grid(), false, Some(10));
        assert_eq!(d.left_out, ["较基期", "最新值", "基期值", "目标"]);
        assert!(d.to_string().contains("已完成"));
    }
}
