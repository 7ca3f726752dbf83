//! What the office formats ([`super::xlsx`], [`super::docx`]) share when
//! they draw the evaluation table (`docs/outputs.md#evaluation-table`):
//! which column holds the group (to merge its cells down a group), how wide
//! a text is (a CJK character counts two), and each status's colours.
//!
//! Invariants: a group span covers consecutive rows of one named group, in
//! the order of the grid's lines (one per row of the plan's view); a column
//! the layout leaves out has no index.

use unicode_width::UnicodeWidthStr;

use crate::display::Lang;
use crate::engine::Status;
use crate::view::PlanView;
use crate::view::evaluation::{self, COLUMN_IDS, Layout};

/// Fill and font colours of a status cell (RGB), light for the statuses
/// that go well and strong for those that need attention.
pub fn status_colors(s: Status) -> (u32, u32) {
    match s {
        Status::Achieved => (0x1A7F37, 0xFFFFFF),
        Status::Ahead => (0xACEEBB, 0x116329),
        Status::OnTrack => (0xDAFBE1, 0x116329),
        Status::AtRisk => (0xFFF8C5, 0x7D4E00),
        Status::OffTrack => (0xFFEBE9, 0xA40E26),
        Status::Regressing => (0xFBEFFF, 0x6639BA),
        Status::Missed => (0xA40E26, 0xFFFFFF),
        Status::NoData => (0xEAEEF2, 0x57606A),
    }
}

/// Where the column `id` of [`COLUMN_IDS`] lands in the evaluation table of
/// `pv` drawn with `layout` (`periods` stands for one column per period).
pub fn column_index(pv: &PlanView, layout: &Layout, id: &str) -> Option<usize> {
    let periods = evaluation::periods(pv.plan, pv.as_of).len();
    let ids: Vec<&str> = if layout.columns.is_empty() {
        COLUMN_IDS.to_vec()
    } else {
        layout.columns.iter().map(String::as_str).collect()
    };
    let mut at = 0;
    for c in ids.into_iter().filter(|c| COLUMN_IDS.contains(c)) {
        if c == id {
            return Some(at);
        }
        at += if c == "periods" { periods } else { 1 };
    }
    None
}

/// The runs of consecutive rows of one group in the evaluation table's
/// order: `(first, last)` line indices, inclusive, for runs of two rows or
/// more.
pub fn group_spans(pv: &PlanView, lang: Lang) -> Vec<(usize, usize)> {
    let order = evaluation::order(pv, lang);
    let group = |i: usize| crate::view::group_of(pv.plan, pv.rows[order[i]].indicator, lang);
    let mut spans = Vec::new();
    let mut start = 0;
    for i in 1..=order.len() {
        let same = i < order.len() && group(i).is_some() && group(i) == group(start);
        if !same {
            if i - start > 1 && group(start).is_some() {
                spans.push((start, i - 1));
            }
            start = i;
        }
    }
    spans
}

/// How many columns `s` takes in a fixed-width font: two for a CJK
/// character, one for a Latin letter.
pub fn width(s: &str) -> usize {
    s.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
}

/// The XML 1.0 characters of `s`: control characters other than tab and
/// line breaks cannot be written into a Word or Excel file.
pub fn xml_text(s: &str) -> String {
    s.chars()
        .filter(|&c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_counts_two() {
        assert_eq!(width("序号"), 4);
        assert_eq!(width("2020年基期值"), 12);
        assert_eq!(width("No."), 3);
        assert_eq!(width("a\nbbb"), 3);
    }

    #[test]
    fn control_characters_are_dropped() {
        assert_eq!(xml_text("a\u{1}b\tc\u{7f}"), "ab\tc");
    }
}
