//! The `<table>`s of a saved web page, through an HTML parser (scraper,
//! html5ever underneath: the page is read as a browser reads it, broken
//! markup included).
//!
//! Each table becomes a grid with its spans repeated: a cell with
//! `rowspan`/`colspan` is copied into every row and column it covers (its
//! place stays the place of the cell as written), so a section cell that
//! spans five rows is in each of them. A table nested in a cell is a table
//! of its own; the rows of a table are its own rows, not those of a table
//! inside it. The title is the table's `<caption>`, else the last short
//! text before the table.

use scraper::node::Node;
use scraper::{ElementRef, Html, Selector};

use super::{Cell, Grid, Origin};

/// The largest span read: a `rowspan="10000"` must not make a grid of it.
const MAX_SPAN: usize = 200;

/// The page's declared character set (`<meta charset="gb2312">`), if any.
pub fn charset(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let label: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    (!label.is_empty()).then_some(label)
}

/// Every table of the page, in document order.
pub fn read(text: &str) -> Vec<Grid> {
    let doc = Html::parse_document(text);
    let Ok(tables) = Selector::parse("table") else {
        return Vec::new();
    };
    doc.select(&tables)
        .enumerate()
        .map(|(i, t)| grid(t, i + 1))
        .collect()
}

fn grid(table: ElementRef, n: usize) -> Grid {
    let mut placed: Vec<Vec<Option<Cell>>> = Vec::new();
    for (r, tr) in own_rows(table).into_iter().enumerate() {
        if placed.len() <= r {
            placed.resize(r + 1, Vec::new());
        }
        let mut col = 0;
        for td in tr
            .children()
            .filter_map(ElementRef::wrap)
            .filter(|e| matches!(e.value().name(), "td" | "th"))
        {
            while placed[r].get(col).is_some_and(Option::is_some) {
                col += 1;
            }
            let span = |name: &str| {
                td.value()
                    .attr(name)
                    .and_then(|v| v.trim().parse::<usize>().ok())
                    .map_or(1, |v| v.clamp(1, MAX_SPAN))
            };
            let (rows, cols) = (span("rowspan"), span("colspan"));
            let at = Origin::Table {
                table: n,
                row: r + 1,
                col: col + 1,
            };
            let cell = Cell::new(&text_of(td), at);
            for dr in 0..rows {
                if placed.len() <= r + dr {
                    placed.resize(r + dr + 1, Vec::new());
                }
                let row = &mut placed[r + dr];
                if row.len() < col + cols {
                    row.resize(col + cols, None);
                }
                for slot in &mut row[col..col + cols] {
                    *slot = Some(cell.clone());
                }
            }
            col += cols;
        }
    }
    let rows = placed
        .into_iter()
        .enumerate()
        .map(|(r, row)| {
            row.into_iter()
                .enumerate()
                .map(|(c, cell)| {
                    cell.unwrap_or_else(|| Cell {
                        text: String::new(),
                        indent: 0,
                        at: Origin::Table {
                            table: n,
                            row: r + 1,
                            col: c + 1,
                        },
                    })
                })
                .collect()
        })
        .collect();
    Grid {
        rows,
        title: caption(table).or_else(|| text_before(table)),
        name: format!("table {n}"),
    }
}

/// The table's own rows: those whose nearest table is this one.
fn own_rows(table: ElementRef) -> Vec<ElementRef> {
    let Ok(tr) = Selector::parse("tr") else {
        return Vec::new();
    };
    table
        .select(&tr)
        .filter(|row| {
            row.ancestors()
                .filter_map(ElementRef::wrap)
                .find(|a| a.value().name() == "table")
                .is_some_and(|a| a.id() == table.id())
        })
        .collect()
}

/// A cell's text, with a space where a line break or a block ends (the
/// cell's [`tidy`](super::tidy) takes it out between CJK characters). The
/// markup's own indentation before the text (up to its last line break)
/// is left out, so that what remains of the leading spaces is the text's
/// indent (`　　初中`).
fn text_of(cell: ElementRef) -> String {
    let mut out = String::new();
    for node in cell.descendants() {
        match node.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) if matches!(e.name(), "br" | "p" | "div" | "li") => out.push(' '),
            _ => {}
        }
    }
    let lead = out.len() - out.trim_start().len();
    match out[..lead].rfind(['\n', '\r']) {
        Some(i) => out[i + 1..].to_string(),
        None => out,
    }
}

fn caption(table: ElementRef) -> Option<String> {
    let first = table
        .children()
        .filter_map(ElementRef::wrap)
        .find(|e| e.value().name() == "caption")?;
    let t = super::tidy(&text_of(first));
    (!t.is_empty()).then(|| super::untitled(&t).to_string())
}

/// The last line of text before the table (looking through its earlier
/// siblings, then its parents' earlier siblings), when short enough to be
/// a title.
fn text_before(table: ElementRef) -> Option<String> {
    let mut node = *table;
    for _ in 0..6 {
        for sib in node.prev_siblings() {
            let text = match sib.value() {
                Node::Text(t) => t.to_string(),
                Node::Element(_) => ElementRef::wrap(sib).map(text_of).unwrap_or_default(),
                _ => String::new(),
            };
            if let Some(line) = text.lines().rev().map(super::tidy).find(|l| !l.is_empty()) {
                return (line.chars().count() <= 40).then(|| super::untitled(&line).to_string());
            }
        }
        node = node.parent()?;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_repeated_and_nested_tables_kept_apart() {
        let page = r#"<html><head><meta charset="utf-8"></head><body>
            <p>前言</p><p>主要指标</p>
            <table><tr><td colspan="2">指&nbsp;&nbsp;标</td><td>2020年</td><td>2025年</td></tr>
            <tr><td rowspan="2">学前教育</td><td>学前三年<br>毛入园率</td><td>93%</td><td>95%</td></tr>
            <tr><td>普惠性幼儿园覆盖率</td><td>92%</td><td>≥92%</td></tr>
            <tr><td>x<table><tr><td>内表</td></tr></table></td></tr>
            </table></body></html>"#;
        let grids = read(page);
        assert_eq!(grids.len(), 2);
        let g = &grids[0];
        assert_eq!(g.title.as_deref(), Some("主要指标"));
        let texts = crate::plandoc::cell_texts(g);
        assert_eq!(texts[0], ["指标", "指标", "2020年", "2025年"]);
        assert_eq!(texts[1], ["学前教育", "学前三年毛入园率", "93%", "95%"]);
        assert_eq!(texts[2], ["学前教育", "普惠性幼儿园覆盖率", "92%", "≥92%"]);
        assert_eq!(texts[3], ["x内表"]);
        assert_eq!(
            g.rows[2][0].at,
            Origin::Table {
                table: 1,
                row: 2,
                col: 1
            }
        );
        assert_eq!(grids[1].rows.len(), 1);
    }

    #[test]
    fn the_declared_charset_is_found() {
        assert_eq!(
            charset(b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">"),
            Some("gb2312".to_string())
        );
        assert_eq!(charset(b"<html>"), None);
    }
}
