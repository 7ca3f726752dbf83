//! A document's tables as rows of cells by role: the header found and
//! resolved ([`columns`](super::columns)), each row under it a section row
//! (a heading that spans the row, or a lone cell) or an indicator row
//! whose cells are known by role.
//!
//! A row shorter than the table (a copy of a table whose section cells
//! span several rows loses them in the rows after the first) is aligned
//! to the right, where the values are. Of several tables in a document,
//! the one with the most rows whose target reads as a target is the
//! indicator table.

use super::columns::{self, Class, Header, Role};
use super::{Cell, Grid};
use crate::plan::{is_no_value, parse_number, parse_target_in, parse_value};

/// An indicator table, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// `table 2`, `Sheet1`, `lines 67–245`.
    pub name: String,
    pub title: Option<String>,
    pub header: Header,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// A row with one text only: a section heading, or (when `其中` rows
    /// follow) an indicator whose sub-indicators carry the targets.
    Section(Cell),
    Row(Row),
}

/// An indicator row: its cells by role (blank ones left out).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub cells: Vec<(Role, Cell)>,
}

impl Row {
    /// The cell of `role`, if the row has text there.
    pub fn get(&self, role: Role) -> Option<&Cell> {
        self.cells
            .iter()
            .find(|(r, c)| *r == role && !c.is_blank())
            .map(|(_, c)| c)
    }

    /// The name cell (every row has one).
    pub fn name(&self) -> Option<&Cell> {
        self.get(Role::Name)
    }
}

/// How many rows of `table` have a target that reads as one.
pub fn score(table: &Table) -> usize {
    table
        .items
        .iter()
        .filter(|item| match item {
            Item::Row(r) => r.get(Role::Target).is_some_and(|c| is_value(&c.text)),
            Item::Section(_) => false,
        })
        .count()
}

/// The indicator table among a document's tables: the one with the most
/// readable targets (the first of equals).
pub fn best_of_grids(grids: Vec<Grid>) -> Option<Table> {
    let mut best: Option<(usize, Table)> = None;
    for grid in &grids {
        let Some(t) = table_of(grid) else { continue };
        let s = score(&t);
        if s > 0 && best.as_ref().is_none_or(|(b, _)| s > *b) {
            best = Some((s, t));
        }
    }
    best.map(|(_, t)| t)
}

/// A grid as an indicator table, if it has a header.
pub fn table_of(grid: &Grid) -> Option<Table> {
    let (at, texts) = find_header(&grid.rows)?;
    let body = &grid.rows[at + 1..];
    let width = grid
        .rows
        .iter()
        .map(Vec::len)
        .max()
        .unwrap_or(0)
        .max(texts.len());
    let texts = pad_front(texts, width, String::new());
    let classes: Vec<Option<Class>> = texts.iter().map(|t| columns::classify(t)).collect();
    let mut filled = vec![0usize; width];
    let mut counted = 0;
    for row in body.iter().filter(|r| distinct(r).len() >= 2) {
        counted += 1;
        for (i, c) in aligned(row, width).iter().enumerate() {
            filled[i] += usize::from(!c.is_blank());
        }
    }
    let header = columns::resolve(&classes, &texts, &filled, counted)?;
    let items = items(body, &header, width);
    Some(Table {
        name: grid.name.clone(),
        title: grid.title.clone(),
        header,
        items,
    })
}

/// The rows under the header as items, up to a footnote (`注：`).
fn items(body: &[Vec<Cell>], header: &Header, width: usize) -> Vec<Item> {
    let name_col = header.column(Role::Name).unwrap_or(0);
    let mut out = Vec::new();
    for row in body {
        let texts = distinct(row);
        let Some(first) = texts.first() else { continue };
        if is_footnote(first) {
            break;
        }
        let full = aligned(row, width);
        if texts.len() == 1 && !is_value(first) {
            let cells: Vec<usize> = (0..width).filter(|&i| !full[i].is_blank()).collect();
            let spans = cells.len() >= 2 || row.len() == 1;
            if spans || cells.first().is_some_and(|&i| i < name_col) {
                let cell = row.iter().find(|c| !c.is_blank()).cloned();
                out.extend(cell.map(Item::Section));
                continue;
            }
        }
        let cells = header.roles.iter().copied().zip(full).collect();
        out.push(Item::Row(Row { cells }));
    }
    out
}

/// The header row (the first of the first 20 rows to name an indicator
/// column and a value column), and its texts, joined with the row below
/// when that row only completes it (`基期值` over `2020年`).
fn find_header(rows: &[Vec<Cell>]) -> Option<(usize, Vec<String>)> {
    let at = rows.iter().take(20).position(|row| {
        let classes: Vec<Class> = row
            .iter()
            .filter_map(|c| columns::classify(&c.text))
            .collect();
        let values = classes
            .iter()
            .filter(|c| matches!(c, Class::Value { .. }))
            .count();
        (classes.contains(&Class::Name) && values >= 1) || (values >= 2 && classes.len() >= 3)
    })?;
    let mut texts: Vec<String> = rows[at].iter().map(|c| c.text.clone()).collect();
    if let Some(next) = rows.get(at + 1) {
        let only_header = next.iter().any(|c| !c.is_blank())
            && next.iter().all(|c| {
                c.is_blank() || matches!(columns::classify(&c.text), Some(Class::Value { .. }))
            });
        if only_header && next.len() == texts.len() {
            for (t, c) in texts.iter_mut().zip(next) {
                if !t.contains(&c.text) {
                    t.push_str(&c.text);
                }
            }
            return Some((at + 1, texts));
        }
    }
    Some((at, texts))
}

/// The row's different non-blank texts, in order (a span repeated into
/// several columns counts once).
fn distinct(row: &[Cell]) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for c in row.iter().filter(|c| !c.is_blank()) {
        if !out.contains(&c.text.as_str()) {
            out.push(&c.text);
        }
    }
    out
}

/// The row padded at the front with blank cells to `width`.
fn aligned(row: &[Cell], width: usize) -> Vec<Cell> {
    let at = row
        .first()
        .map(|c| c.at.clone())
        .unwrap_or(super::Origin::Line(0));
    let blank = Cell {
        text: String::new(),
        indent: 0,
        at,
    };
    pad_front(row.to_vec(), width, blank)
}

fn pad_front<T: Clone>(mut v: Vec<T>, width: usize, fill: T) -> Vec<T> {
    if v.len() < width {
        let mut out = vec![fill; width - v.len()];
        out.append(&mut v);
        v = out;
    }
    v
}

/// `注：…`, `说明：…`, `资料来源：…`: the notes under a table end it.
pub fn is_footnote(text: &str) -> bool {
    let t = text.trim_start_matches(['*', '★', '※']);
    ["注", "说明", "资料来源", "数据来源", "备注"]
        .iter()
        .any(|w| {
            t.strip_prefix(w)
                .is_some_and(|r| r.starts_with(['：', ':']))
        })
        || t.starts_with("注1")
}

/// Whether the text reads as a baseline or a target: a number (`93%`,
/// `11.4年`), no value (`——`), or a target form (`≥92%`, `优于全区水平`,
/// `12.3年以上`).
pub fn is_value(text: &str) -> bool {
    let unit = suffix_unit(text).unwrap_or("");
    is_no_value(text)
        || parse_number(text).is_some()
        || parse_value(text, unit).is_some()
        || parse_target_in(text, Some(unit)).is_ok()
}

/// The unit written after the first number of a value (`年` in `11.4年`
/// and `12.3年以上`, `万人` in `2.5万人`): up to four letters that are not
/// digits, `%` or a comparator word.
pub fn suffix_unit(text: &str) -> Option<&str> {
    let start = text.find(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c))?;
    let rest = &text[start..];
    let after = rest
        .find(|c: char| !(c.is_ascii_digit() || ('０'..='９').contains(&c) || ".,．，".contains(c)))
        .map_or("", |i| &rest[i..]);
    let mut end = after
        .find(|c: char| c.is_whitespace() || c.is_ascii_digit() || "%％‰()（）".contains(c))
        .unwrap_or(after.len());
    for word in ["以上", "以下", "以内", "左右", "及以上", "及以下"] {
        if let Some(i) = after[..end].find(word) {
            end = end.min(i);
        }
    }
    let unit = &after[..end];
    let n = unit.chars().count();
    ((1..=4).contains(&n) && !unit.contains(['-', '—', '~', '～', '.', '/'])).then_some(unit)
}

/// Text too long, or with a sentence's punctuation, to be a table cell.
pub fn is_paragraph(text: &str) -> bool {
    text.chars().count() > 60 || text.contains(['。', '；']) || text.ends_with('：')
}

/// `kind` from a 属性 cell: 约束性 is binding, 预期性 expected.
pub fn kind_of(text: &str) -> Option<crate::plan::Kind> {
    let t = columns::squeeze(text);
    if t.contains("约束") {
        Some(crate::plan::Kind::Binding)
    } else if t.contains("预期") {
        Some(crate::plan::Kind::Expected)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plandoc::Origin;

    fn grid(rows: &[&[&str]]) -> Grid {
        Grid {
            rows: rows
                .iter()
                .enumerate()
                .map(|(r, cells)| {
                    cells
                        .iter()
                        .enumerate()
                        .map(|(c, t)| {
                            Cell::new(
                                t,
                                Origin::Table {
                                    table: 1,
                                    row: r + 1,
                                    col: c + 1,
                                },
                            )
                        })
                        .collect()
                })
                .collect(),
            title: None,
            name: "table 1".into(),
        }
    }

    #[test]
    fn values_and_names_are_told_apart() {
        for v in [
            "93%",
            "——",
            "≥92%",
            "优于全区水平",
            "12.3年以上",
            "11.8",
            "95%左右",
            "全覆盖",
            "持续提高",
            "2.5万人",
        ] {
            assert!(is_value(v), "{v}");
        }
        for n in [
            "学前三年毛入园率",
            "56人以上大班额比例",
            "学前教育",
            "其中：小学",
        ] {
            assert!(!is_value(n), "{n}");
        }
        assert_eq!(suffix_unit("12.3年以上"), Some("年"));
        assert_eq!(suffix_unit("2.5万人"), Some("万人"));
        assert_eq!(suffix_unit("95%"), None);
    }

    #[test]
    fn section_rows_and_short_rows() {
        let g = grid(&[
            &["指标", "2020年", "2025年"],
            &["学前教育", "学前三年毛入园率", "93%", "95%"],
            &["普惠性幼儿园覆盖率", "92%", "≥92%"],
            &["义务教育"],
            &["九年义务教育巩固率", "98%", "≥98%"],
            &["注：…"],
            &["不是指标", "1", "2"],
        ]);
        let t = table_of(&g).unwrap();
        assert_eq!(
            t.header.roles,
            vec![Role::Group, Role::Name, Role::Baseline, Role::Target]
        );
        let shown: Vec<String> = t
            .items
            .iter()
            .map(|i| match i {
                Item::Section(c) => format!("[{}]", c.text),
                Item::Row(r) => {
                    let g = r.get(Role::Group).map_or("", |c| &c.text);
                    let n = r.name().map_or("", |c| &c.text);
                    let t = r.get(Role::Target).map_or("", |c| &c.text);
                    format!("{g}/{n}/{t}")
                }
            })
            .collect();
        assert_eq!(
            shown,
            [
                "学前教育/学前三年毛入园率/95%",
                "/普惠性幼儿园覆盖率/≥92%",
                "[义务教育]",
                "/九年义务教育巩固率/≥98%"
            ]
        );
        assert_eq!(score(&t), 3);
    }

    #[test]
    fn a_two_row_header_is_joined() {
        let g = grid(&[
            &["指标", "单位", "基期值", "目标值"],
            &["", "", "2020年", "2025年"],
            &["学前三年毛入园率", "%", "93", "95"],
        ]);
        let t = table_of(&g).unwrap();
        assert_eq!(
            (t.header.baseline_year, t.header.target_year),
            (Some(2020), Some(2025))
        );
        assert_eq!(t.items.len(), 1);
    }
}
