//! A table's rows as indicators: names, units, groups, parents, kinds,
//! baselines and targets as written, ids, and the reference regions the
//! targets name (`docs/plan-format.md#starting-from-a-published-plan`).
//!
//! - The group is the last section heading (a section row, or a cell of a
//!   section column), without its numbering (`一、`, `（一）`).
//! - A row named `其中：…` is a sub-indicator of the last indicator that is
//!   not one; so are the rows after it that are indented further than that
//!   indicator, or named in four characters or fewer (`初中`, `农村`). A
//!   section heading or a row without values that such rows follow is their
//!   parent indicator, with no target of its own.
//! - The unit comes from a 单位 column, else from brackets ending the name
//!   (`(%)`, `（年）`, taken out of the name), else from the values (`93%`;
//!   `11.4年`).
//! - Ids are `g<section>-<row>`, numbered in table order within each
//!   section (`i<row>` before any section), and `<parent>.<n>` for
//!   sub-indicators: the same table always gives the same ids.
//! - A row whose baseline, target or 属性 does not read is kept, marked
//!   unread with the cell at fault; so are the sub-indicators of an unread
//!   row, and a parent all of whose sub-indicators are unread.

use super::columns::{Role, years_in_title};
use super::rows::{Item, Row, Table, kind_of, suffix_unit};
use super::{Cell, Origin};
use crate::diag::Diagnostic;
use crate::plan::{Kind, TargetExpr, is_no_value, parse_target_in, parse_value};

#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub baseline_year: i32,
    pub target_year: i32,
    pub entries: Vec<Entry>,
    pub regions: Vec<RefRegion>,
    /// Warnings about the table as a whole or a row that is still read.
    pub notes: Vec<Note>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    pub at: Option<Origin>,
    pub message: String,
}

/// A region a target names (`全区` in `优于全区水平`).
#[derive(Debug, Clone, PartialEq)]
pub struct RefRegion {
    pub id: String,
    pub word: String,
    /// The first target that names it, for the comment.
    pub example: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub id: String,
    pub name: String,
    pub group: Option<String>,
    pub unit: String,
    pub kind: Option<Kind>,
    pub baseline: Option<String>,
    pub target: Option<String>,
    /// The direction is written as up, and said to be assumed: the row
    /// does not tell which way is better.
    pub assumed: Option<Assumed>,
    /// The parent, as an index into [`Draft::entries`].
    pub parent: Option<usize>,
    pub note: Option<String>,
    /// The row's cells, for the comment that names where it came from.
    pub cells: Vec<Cell>,
    pub unread: Option<Unread>,
}

/// Why `direction = "up"` is written without the table saying so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Assumed {
    /// `优于全区水平`: better, but which way is better?
    BetterThan,
    /// A level (`25%`) and no baseline (`——`): and no data yet to tell.
    NoBaseline,
}

/// Why a row is not read, and the cell at fault.
#[derive(Debug, Clone, PartialEq)]
pub struct Unread {
    pub at: Origin,
    pub text: String,
    pub reason: String,
}

/// What the walk down the table knows so far.
#[derive(Default)]
struct Walk {
    group: Option<String>,
    groups: Vec<String>,
    /// Rows numbered so far in each group, and before any.
    per_group: Vec<usize>,
    ungrouped: usize,
    /// The last top-level indicator and its name's indent.
    top: Option<(usize, usize)>,
    /// A `其中` block is open under `top`.
    block: bool,
}

/// The indicators of a table; an error when its years cannot be told.
pub fn draft(table: &Table) -> Result<Draft, Diagnostic> {
    let (baseline_year, target_year) = years(table)?;
    let mut d = Draft {
        baseline_year,
        target_year,
        entries: Vec::new(),
        regions: Vec::new(),
        notes: Vec::new(),
    };
    if !table.header.ignored.is_empty() {
        d.notes.push(Note {
            at: None,
            message: format!(
                "the column(s) {} of {} are not read (only the baseline {baseline_year} and the target {target_year})",
                table.header.ignored.join(", "),
                table.name
            ),
        });
    }
    let mut w = Walk::default();
    for (i, item) in table.items.iter().enumerate() {
        let next = table.items.get(i + 1);
        match item {
            Item::Section(cell) if opens_block(next, cell.indent) => {
                let row = Row {
                    cells: vec![(Role::Name, cell.clone())],
                };
                add_row(&mut d, &mut w, &row, true);
            }
            Item::Section(cell) => {
                set_group(&mut w, cell);
            }
            Item::Row(row) => {
                if let Some(g) = row.get(Role::Group) {
                    set_group(&mut w, g);
                }
                let indent = row.name().map_or(0, |c| c.indent);
                let no_values =
                    row.get(Role::Baseline).is_none() && row.get(Role::Target).is_none();
                add_row(&mut d, &mut w, row, no_values && opens_block(next, indent));
            }
        }
    }
    spread_unread(&mut d.entries);
    Ok(d)
}

/// The baseline and target years: the header's, else a five-year plan's
/// named in the title (`“十四五”`).
fn years(table: &Table) -> Result<(i32, i32), Diagnostic> {
    let h = &table.header;
    let titled = table.title.as_deref().and_then(years_in_title);
    let baseline = h.baseline_year.or(titled.map(|t| t.0));
    let target = h.target_year.or(titled.map(|t| t.1));
    match (baseline, target) {
        (Some(b), Some(t)) if b < t => Ok((b, t)),
        _ => Err(Diagnostic::error(format!(
            "cannot tell the baseline and target years of {}: its header names none",
            table.name
        ))
        .help(
            "the years are read from the header (2020年 | 2025年) or from a title such as “十四五”",
        )),
    }
}

/// Whether the item after a row with `indent` is a sub-indicator row
/// (`其中：…`, or indented further).
fn opens_block(next: Option<&Item>, indent: usize) -> bool {
    let Some(Item::Row(row)) = next else {
        return false;
    };
    row.name()
        .is_some_and(|c| c.text.starts_with("其中") || c.indent > indent)
}

fn set_group(w: &mut Walk, cell: &Cell) {
    let g = strip_numbering(&cell.text).to_string();
    if w.group.as_deref() != Some(g.as_str()) {
        w.group = Some(g);
        w.top = None;
        w.block = false;
    }
}

/// Add one row as an entry (`heading`: a parent without values).
fn add_row(d: &mut Draft, w: &mut Walk, row: &Row, heading: bool) {
    let Some(name_cell) = row.name() else { return };
    let (sub, name) = match name_cell.text.strip_prefix("其中") {
        Some(rest) => (true, rest.trim_start_matches([':', '：', ',', '，', ' '])),
        None => (false, name_cell.text.as_str()),
    };
    let short = name.chars().count() <= 4 && !name.chars().any(|c| c.is_ascii_digit());
    let continues = w.block
        && w.top
            .is_some_and(|(_, ind)| name_cell.indent > ind || short);
    let parent = match (sub || continues, w.top) {
        (true, Some((p, _))) => Some(p),
        (true, None) => {
            d.notes.push(Note {
                at: Some(name_cell.at.clone()),
                message: format!("\"{}\" is a 其中 row with no indicator above it: read as an indicator of its own", name_cell.text),
            });
            None
        }
        (false, _) => None,
    };
    let name = strip_numbering(name);
    let (name, name_unit) = split_unit(name);
    let id = next_id(d, w, parent);
    let mut e = Entry {
        id,
        name: name.to_string(),
        group: w.group.clone(),
        unit: String::new(),
        kind: None,
        baseline: None,
        target: None,
        assumed: None,
        parent,
        note: row.get(Role::Note).map(|c| c.text.clone()),
        cells: row
            .cells
            .iter()
            .filter(|(_, c)| !c.is_blank())
            .map(|(_, c)| c.clone())
            .collect(),
        unread: None,
    };
    e.unit = unit(row, name_unit);
    read_values(d, &mut e, row, heading);
    if let Some(note) = percent_cells(row, &e.unit) {
        d.notes.push(note);
    }
    match parent {
        Some(_) => w.block = true,
        None => {
            w.top = Some((d.entries.len(), name_cell.indent));
            w.block = false;
        }
    }
    d.entries.push(e);
}

fn next_id(d: &Draft, w: &mut Walk, parent: Option<usize>) -> String {
    if let Some(p) = parent {
        let n = d.entries.iter().filter(|e| e.parent == Some(p)).count() + 1;
        return format!("{}.{n}", d.entries[p].id);
    }
    match &w.group {
        Some(g) => {
            let gi = match w.groups.iter().position(|x| x == g) {
                Some(i) => i,
                None => {
                    w.groups.push(g.clone());
                    w.per_group.push(0);
                    w.groups.len() - 1
                }
            };
            w.per_group[gi] += 1;
            format!("g{}-{}", gi + 1, w.per_group[gi])
        }
        None => {
            w.ungrouped += 1;
            format!("i{}", w.ungrouped)
        }
    }
}

/// The unit: a 单位 column's, else the name's, else the values'.
fn unit(row: &Row, from_name: Option<&str>) -> String {
    if let Some(c) = row.get(Role::Unit).filter(|c| !is_no_value(&c.text)) {
        return normal_unit(&c.text);
    }
    if let Some(u) = from_name {
        return normal_unit(u);
    }
    let texts: Vec<&str> = [Role::Baseline, Role::Target]
        .into_iter()
        .filter_map(|r| row.get(r))
        .map(|c| c.text.as_str())
        .collect();
    let percent_level = |t: &str| {
        t.contains(['%', '％'])
            && matches!(
                parse_target_in(t, Some("%")),
                Ok(TargetExpr::Reach(_)
                    | TargetExpr::Compare(..)
                    | TargetExpr::Range(..)
                    | TargetExpr::About(_))
            )
    };
    if texts.iter().any(|t| percent_level(t)) {
        return "%".to_string();
    }
    texts
        .iter()
        .find_map(|t| suffix_unit(t).filter(|u| parse_target_in(t, Some(u)).is_ok()))
        .map(normal_unit)
        .unwrap_or_default()
}

fn normal_unit(u: &str) -> String {
    u.trim().replace('％', "%")
}

/// Baseline, target and 属性 as written, each checked: the first that
/// does not read makes the row unread.
fn read_values(d: &mut Draft, e: &mut Entry, row: &Row, heading: bool) {
    let mut unread: Option<Unread> = None;
    let mut fail = |cell: &Cell, reason: String| {
        unread.get_or_insert(Unread {
            at: cell.at.clone(),
            text: cell.text.clone(),
            reason,
        });
    };
    if let Some(c) = row.get(Role::Baseline) {
        if is_no_value(&c.text) || parse_value(&c.text, &e.unit).is_some() {
            e.baseline = Some(c.text.clone());
        } else {
            fail(c, format!("the baseline \"{}\" is not a number", c.text));
        }
    }
    if let Some(c) = row.get(Role::Kind) {
        match kind_of(&c.text) {
            Some(k) => e.kind = Some(k),
            None if is_no_value(&c.text) => {}
            None => fail(
                c,
                format!("the 属性 \"{}\" is neither 约束性 nor 预期性", c.text),
            ),
        }
    }
    match row.get(Role::Target) {
        None if heading => {}
        None => {
            if let Some(c) = row.name() {
                fail(c, "the row has no target".to_string());
            }
        }
        Some(c) => match parse_target_in(&c.text, Some(&e.unit)) {
            Ok(expr) => {
                e.target = Some(c.text.clone());
                if let Some(words) = expr.region() {
                    region(d, words, &c.text);
                    if matches!(expr, TargetExpr::BetterThan(_)) {
                        e.assumed = Some(Assumed::BetterThan);
                    }
                }
            }
            Err(err) if err.unknown_form => {
                let closest = match &err.closest {
                    Some(f) => format!(" (the nearest form: {f})"),
                    None => String::new(),
                };
                fail(
                    c,
                    format!("the target \"{}\" is no form of target{closest}", c.text),
                );
            }
            Err(err) => fail(c, format!("the target \"{}\": {}", c.text, err.message)),
        },
    }
    e.unread = unread;
}

/// A workbook row of a `%` indicator whose numbers are all between 0 and
/// 1: cells formatted as percentages hold fractions (0.93 shows as 93%),
/// and a workbook reader sees only what they hold. Said, not changed.
fn percent_cells(row: &Row, unit: &str) -> Option<Note> {
    if unit != "%" {
        return None;
    }
    let cells: Vec<&Cell> = [Role::Baseline, Role::Target]
        .into_iter()
        .filter_map(|r| row.get(r))
        .filter(|c| matches!(c.at, Origin::Sheet { .. }))
        .collect();
    let fractions = cells.iter().all(|c| {
        crate::plan::parse_number(&c.text)
            .is_some_and(|v| v > rust_decimal::Decimal::ZERO && v <= rust_decimal::Decimal::ONE)
            && !c.text.contains('%')
    });
    (!cells.is_empty() && fractions).then(|| Note {
        at: Some(cells[0].at.clone()),
        message: format!(
            "{} for a % indicator: cells formatted as percentages? They are written as they hold them; write 93 for 93%",
            cells.iter().map(|c| c.text.as_str()).collect::<Vec<_>>().join(" and ")
        ),
    })
}

/// The region a target's words name (`全区水平` → `全区`), added once.
fn region(d: &mut Draft, words: &str, target: &str) {
    let mut word = words.trim();
    for suffix in ["水平", "平均值", "平均数", "平均", "的"] {
        word = word.strip_suffix(suffix).unwrap_or(word).trim_end();
    }
    let word = if word.is_empty() { words.trim() } else { word };
    if d.regions.iter().any(|r| r.word == word) {
        return;
    }
    const KNOWN: [(&str, &str); 8] = [
        ("全国", "china"),
        ("全区", "quanqu"),
        ("全省", "quansheng"),
        ("全市", "quanshi"),
        ("全盟", "quanmeng"),
        ("全州", "quanzhou"),
        ("全县", "quanxian"),
        ("全旗", "quanqi"),
    ];
    let id = KNOWN
        .iter()
        .find(|(w, _)| *w == word)
        .map(|(_, id)| id.to_string())
        .unwrap_or_else(|| format!("ref{}", d.regions.len() + 1));
    d.regions.push(RefRegion {
        id,
        word: word.to_string(),
        example: target.to_string(),
    });
}

/// Mark the sub-indicators of an unread row unread, and a parent whose
/// sub-indicators are all unread and that has no target of its own.
fn spread_unread(entries: &mut [Entry]) {
    for i in 0..entries.len() {
        let Some(p) = entries[i].parent else { continue };
        if entries[i].unread.is_none()
            && let Some(u) = &entries[p].unread
        {
            entries[i].unread = Some(Unread {
                at: entries[i]
                    .cells
                    .first()
                    .map_or(u.at.clone(), |c| c.at.clone()),
                text: entries[i].name.clone(),
                reason: format!("its parent row ({}) is not read", u.at.row_label()),
            });
        }
    }
    for p in 0..entries.len() {
        let children: Vec<usize> = (0..entries.len())
            .filter(|&c| entries[c].parent == Some(p))
            .collect();
        let orphaned =
            !children.is_empty() && children.iter().all(|&c| entries[c].unread.is_some());
        if orphaned && entries[p].target.is_none() && entries[p].unread.is_none() {
            let at = entries[p]
                .cells
                .first()
                .map_or(Origin::Line(0), |c| c.at.clone());
            entries[p].unread = Some(Unread {
                at,
                text: entries[p].name.clone(),
                reason: "it has no target, and none of its 其中 rows is read".to_string(),
            });
        }
    }
}

/// The name without the numbering a table puts before it (`1.`, `（1）`,
/// `一、`, `①`).
pub fn strip_numbering(name: &str) -> &str {
    let t = name.trim();
    let rest =
        t.trim_start_matches(|c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c));
    let numbered = rest.len() < t.len();
    let stripped = if numbered {
        rest.strip_prefix(['.', '、', '．', ' ', '\u{3000}'])
    } else if let Some(inner) = t.strip_prefix(['(', '（']) {
        let close = inner.find([')', '）']);
        close
            .filter(|&i| {
                i > 0
                    && inner[..i]
                        .chars()
                        .all(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c))
            })
            .map(|i| &inner[i + inner[i..].chars().next().map_or(1, char::len_utf8)..])
    } else {
        t.strip_prefix(|c: char| ('①'..='⑳').contains(&c))
    };
    match stripped.map(str::trim_start) {
        Some(s) if !s.is_empty() => s,
        _ => t,
    }
}

/// The name and the unit in the brackets that end it (`…年限(年)`,
/// `…率（%）`), when what is in them reads as a unit.
pub fn split_unit(name: &str) -> (&str, Option<&str>) {
    let Some(body) = name.strip_suffix([')', '）']) else {
        return (name, None);
    };
    let Some(open) = body.rfind(['(', '（']) else {
        return (name, None);
    };
    let inner = &body[open + body[open..].chars().next().map_or(1, char::len_utf8)..];
    let head = body[..open].trim_end();
    if head.is_empty() || !is_unit(inner) {
        return (name, None);
    }
    (head, Some(inner.trim()))
}

/// Text that reads as a unit: short, and made of what units are made of.
fn is_unit(text: &str) -> bool {
    const UNIT_CHARS: &str = "%％‰/／·年岁人元万亿千百十个所册台间张米平方公顷里吨次项家座名小时天日件套床辆瓦度分位班户部篇门条块处周月元角";
    let t = text.trim();
    let n = t.chars().count();
    (1..=6).contains(&n)
        && t.chars()
            .all(|c| UNIT_CHARS.contains(c) || c.is_ascii_alphabetic() || "²³".contains(c))
}

#[cfg(test)]
mod tests;
