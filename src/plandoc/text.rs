//! Text copied from a web page or a PDF viewer: a table flattened one cell
//! per line (blank lines and the no-break spaces of the page between), or
//! one row per line with tab-separated cells (a copy from a spreadsheet or
//! a browser that keeps rows).
//!
//! A flattened table has lost its rows: only the order of its cells is
//! left, and a cell that spans several rows (a section's heading) appears
//! once, before the first of them. The rows are found again from the
//! header, which says how many cells a row has and what each holds: of
//! every way of cutting the cells after the header into rows and section
//! headings, the one where the most cells read as what their column holds
//! (a value under `2020年`, a target under `2025年`) wins, and the table
//! ends where no row can follow (the plan's text goes on in sentences).
//! The text comes decoded (see [`decode`](super::decode)).

use super::columns::{self, Class, Role};
use super::rows::{self, Item, Row, Table};
use super::{Cell, Grid, Origin};

/// How many cells after a header a flattened table may have.
const MAX_CELLS: usize = 5000;

/// The indicator table of a text, if it has one.
pub fn read(text: &str) -> Option<Table> {
    let lines: Vec<&str> = text.lines().collect();
    let tabbed = lines.iter().any(|l| {
        let cells: Vec<&str> = l.split('\t').filter(|c| !c.trim().is_empty()).collect();
        cells.len() >= 2
            && cells
                .iter()
                .any(|c| matches!(columns::classify(c), Some(Class::Value { .. })))
    });
    if tabbed {
        return rows::best_of_grids(tab_grids(&lines));
    }
    let cells: Vec<Cell> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| Cell::new(l, Origin::Line(i + 1)))
        .collect();
    flattened(&cells)
}

// ---------------------------------------------------------------------------
// Tab-separated rows

/// Each run of lines from a header line down to the table's end as a grid:
/// the table ends at a line of prose, or at two lone cells in a row (a
/// section heading is one lone cell, followed by a row).
fn tab_grids(lines: &[&str]) -> Vec<Grid> {
    // Blank cells at the end stay: a row is aligned by its last cell.
    let row = |i: usize| -> Vec<Cell> {
        lines[i]
            .split('\t')
            .map(|c| Cell::new(c, Origin::Line(i + 1)))
            .collect()
    };
    let mut grids = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let cells = row(i);
        let texts = cells.iter().filter(|c| !c.is_blank()).count();
        if texts < 2 || !cells.iter().any(|c| columns::classify(&c.text).is_some()) {
            i += 1;
            continue;
        }
        let start = i;
        let mut rows = vec![cells];
        let mut lone = 0;
        i += 1;
        while i < lines.len() {
            let cells = row(i);
            let texts: Vec<&Cell> = cells.iter().filter(|c| !c.is_blank()).collect();
            if texts.is_empty() {
                i += 1;
                continue;
            }
            if texts.iter().any(|c| rows::is_paragraph(&c.text)) && texts.len() == 1 {
                break;
            }
            lone = if texts.len() == 1 { lone + 1 } else { 0 };
            if lone == 2 && !texts[0].text.starts_with("其中") {
                rows.pop();
                break;
            }
            rows.push(cells);
            i += 1;
        }
        let title = (0..start)
            .rev()
            .map(|j| lines[j].trim())
            .find(|l| !l.is_empty())
            .filter(|l| l.chars().count() <= 40 && !l.contains('\t'))
            .map(|l| super::untitled(&super::tidy(l)).to_string());
        grids.push(Grid {
            rows,
            title,
            name: format!("the table at line {}", start + 1),
        });
    }
    grids
}

// ---------------------------------------------------------------------------
// One cell per line

/// The indicator table of a flattened text: of the headers in it, the one
/// under which the most rows are read.
fn flattened(cells: &[Cell]) -> Option<Table> {
    let mut best: Option<(usize, Table)> = None;
    for start in 0..cells.len() {
        // `主要指标` over a header of its own (`指标`) is a title.
        let name =
            |i: usize| cells.get(i).and_then(|c| columns::classify(&c.text)) == Some(Class::Name);
        if !name(start) || name(start + 1) {
            continue;
        }
        let Some(table) = under_header(cells, start) else {
            continue;
        };
        let s = rows::score(&table);
        if s > 0 && best.as_ref().is_none_or(|(b, _)| s > *b) {
            best = Some((s, table));
        }
    }
    best.map(|(_, t)| t)
}

/// The table whose header has its name column at `at`: the header runs
/// from the 序号 or 类别 cells before it to the last header cell after it.
fn under_header(cells: &[Cell], at: usize) -> Option<Table> {
    let is_header = |c: &Cell| columns::classify(&c.text).is_some_and(|k| k != Class::Other);
    let mut first = at;
    while first > 0
        && at - first < 2
        && matches!(
            columns::classify(&cells[first - 1].text),
            Some(Class::Number | Class::Group)
        )
    {
        first -= 1;
    }
    let mut end = at + 1;
    while end < cells.len() && end - first < 12 && is_header(&cells[end]) {
        end += 1;
    }
    let texts: Vec<String> = cells[first..end].iter().map(|c| c.text.clone()).collect();
    let classes: Vec<Option<Class>> = texts.iter().map(|t| columns::classify(t)).collect();
    let filled = vec![1; texts.len()];
    let header = columns::resolve(&classes, &texts, &filled, 1)?;
    // A section column's cells span rows: they come as section headings.
    let roles: Vec<Role> = header
        .roles
        .iter()
        .copied()
        .filter(|r| *r != Role::Group)
        .collect();
    let items = cut(&cells[end..cells.len().min(end + MAX_CELLS)], &roles);
    let last = items.last().map(last_line).unwrap_or(0);
    let first_line = cells[first].at.line().unwrap_or(0);
    let title = first
        .checked_sub(1)
        .map(|i| &cells[i])
        .filter(|c| c.text.chars().count() <= 40 && !rows::is_value(&c.text))
        .filter(|c| !rows::is_paragraph(&c.text))
        .map(|c| super::untitled(&c.text).to_string());
    Some(Table {
        name: format!("lines {first_line}–{last}"),
        title,
        header,
        items,
    })
}

fn last_line(item: &Item) -> usize {
    match item {
        Item::Section(c) => c.at.line().unwrap_or(0),
        Item::Row(r) => r
            .cells
            .iter()
            .filter_map(|(_, c)| c.at.line())
            .max()
            .unwrap_or(0),
    }
}

/// What a stretch of cells is taken as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    End,
    Row,
    Section,
}

/// Cut the cells after a header into rows of `roles.len()` cells and
/// section headings, the best way (see the module's doc): `best[i][m]` is
/// the score of the cells from `i` on, where `m` says a row must come
/// next (after a section heading).
fn cut(cells: &[Cell], roles: &[Role]) -> Vec<Item> {
    let n = cells.len();
    let k = roles.len();
    let mut best: Vec<[Option<(i64, Step)>; 2]> = vec![[None, None]; n + 1];
    best[n][0] = Some((0, Step::End));
    for i in (0..n).rev() {
        let row = (i + k <= n)
            .then(|| row_score(&cells[i..i + k], roles))
            .flatten()
            .and_then(|s| best[i + k][0].map(|(t, _)| s + t));
        let section = section_fits(&cells[i])
            .then(|| best[i + 1][1].map(|(t, _)| t - 1))
            .flatten();
        for must in [false, true] {
            let mut options = vec![(row, Step::Row), (section, Step::Section)];
            if !must {
                options.push((Some(0), Step::End));
            }
            best[i][usize::from(must)] = options
                .into_iter()
                .filter_map(|(s, step)| s.map(|s| (s, step)))
                .reduce(|a, b| if b.0 > a.0 { b } else { a });
        }
    }
    let mut items = Vec::new();
    let (mut i, mut must) = (0, 0);
    while let Some((_, step)) = best.get(i).and_then(|b| b[must]) {
        match step {
            Step::End => break,
            Step::Row => {
                let cells = roles.iter().copied().zip(cells[i..i + k].iter().cloned());
                items.push(Item::Row(Row {
                    cells: cells.collect(),
                }));
                (i, must) = (i + k, 0);
            }
            Step::Section => {
                items.push(Item::Section(cells[i].clone()));
                (i, must) = (i + 1, 1);
            }
        }
    }
    items
}

/// A name: text that is not a value, a header word, a 属性 or a sentence.
fn name_like(c: &Cell) -> bool {
    c.text.chars().any(char::is_alphabetic)
        && !rows::is_value(&c.text)
        && !rows::is_paragraph(&c.text)
        && !columns::is_header_word(&c.text)
        && rows::kind_of(&c.text).is_none()
        && !rows::is_footnote(&c.text)
}

fn section_fits(c: &Cell) -> bool {
    name_like(c) && c.text.chars().count() <= 30 && !c.text.starts_with("其中")
}

/// The score of `cells` as one row: ten for each cell that reads as what
/// its column holds, less when neither the baseline nor the target does
/// (such a row is taken only where the rows after it need it); `None`
/// when the name is no name or a cell is a sentence.
fn row_score(cells: &[Cell], roles: &[Role]) -> Option<i64> {
    let mut score = 1;
    let mut values = 0;
    for (c, role) in cells.iter().zip(roles) {
        if rows::is_paragraph(&c.text) || columns::is_header_word(&c.text) {
            return None;
        }
        let fits = match role {
            Role::Name => {
                if !name_like(c) {
                    return None;
                }
                continue;
            }
            Role::Baseline | Role::Target => rows::is_value(&c.text),
            Role::Number => c.text.chars().all(|ch| ch.is_ascii_digit()),
            Role::Unit => {
                c.text.chars().count() <= 8 && !c.text.chars().any(|ch| ch.is_ascii_digit())
            }
            Role::Kind => rows::kind_of(&c.text).is_some(),
            Role::Note | Role::Ignored | Role::Group => true,
        };
        if fits && matches!(role, Role::Baseline | Role::Target) {
            values += 1;
        }
        score += 10 * i64::from(fits);
    }
    if values == 0 {
        score -= 25;
    }
    Some(score)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(texts: &[&str]) -> Vec<Cell> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| Cell::new(t, Origin::Line(i + 1)))
            .collect()
    }

    fn shown(t: &Table) -> Vec<String> {
        t.items
            .iter()
            .map(|i| match i {
                Item::Section(c) => format!("[{}]", c.text),
                Item::Row(r) => r
                    .cells
                    .iter()
                    .map(|(_, c)| c.text.as_str())
                    .collect::<Vec<_>>()
                    .join("|"),
            })
            .collect()
    }

    #[test]
    fn a_flattened_table_is_cut_into_rows_and_sections() {
        let c = cells(&[
            "锡林郭勒盟“十四五”教育事业发展目标",
            "指  标",
            "2020年",
            "2025年",
            "学前教育",
            "学前三年毛入园率",
            "93%",
            "95%",
            "普惠性幼儿园覆盖率",
            "92%",
            "≥92%",
            "义务教育",
            "县域义务教育优质均衡达标率",
            "——",
            "25%",
            "人力资源开发",
            "劳动年龄人口平均受教育年限(年)",
            "11.8",
            "优于全区水平",
            "三、全面落实立德树人根本任务",
            "（一）坚持不懈用新时代中国特色社会主义思想铸魂育人",
            "深入推进新时代中国特色社会主义思想进教材、进课堂、进头脑。",
        ]);
        let t = flattened(&c).unwrap();
        assert_eq!(
            t.title.as_deref(),
            Some("锡林郭勒盟“十四五”教育事业发展目标")
        );
        assert_eq!(t.name, "lines 2–19");
        assert_eq!(
            shown(&t),
            [
                "[学前教育]",
                "学前三年毛入园率|93%|95%",
                "普惠性幼儿园覆盖率|92%|≥92%",
                "[义务教育]",
                "县域义务教育优质均衡达标率|——|25%",
                "[人力资源开发]",
                "劳动年龄人口平均受教育年限(年)|11.8|优于全区水平",
            ]
        );
    }

    #[test]
    fn a_row_it_cannot_read_keeps_its_place() {
        let c = cells(&[
            "指标",
            "单位",
            "2020年",
            "2025年",
            "属性",
            "甲指标",
            "%",
            "93",
            "95",
            "约束性",
            "乙指标",
            "%",
            "待定",
            "见附件",
            "预期性",
            "丙指标",
            "年",
            "11",
            "12",
            "预期性",
            "其中：小学",
            "%",
            "96",
            "100",
            "约束性",
        ]);
        let t = flattened(&c).unwrap();
        assert_eq!(
            shown(&t),
            [
                "甲指标|%|93|95|约束性",
                "乙指标|%|待定|见附件|预期性",
                "丙指标|年|11|12|预期性",
                "其中：小学|%|96|100|约束性",
            ]
        );
    }

    #[test]
    fn tab_separated_rows_are_rows() {
        let text = "主要指标\n指标\t2020年\t2025年\n学前教育\t学前三年毛入园率\t93%\t95%\n\
                    普惠性幼儿园覆盖率\t92%\t≥92%\n\n后面的正文。\n";
        let t = read(text).unwrap();
        assert_eq!(t.title.as_deref(), Some("主要指标"));
        assert_eq!(rows::score(&t), 2);
    }
}
