//! The whole way from a document's bytes to plan TOML that loads.

use super::*;
use crate::plan::{TargetExpr, parse_plan};

fn opts() -> Options {
    Options {
        id: None,
        actuals: "actuals.csv".into(),
        plan_path: "plan.toml".into(),
        english: false,
    }
}

#[test]
fn formats_by_name_and_by_content() {
    assert_eq!(Format::of("a.TXT", b""), Format::Text);
    assert_eq!(Format::of("a.htm", b""), Format::Html);
    assert_eq!(Format::of("a", b"<!DOCTYPE html><html>"), Format::Html);
    assert_eq!(
        Format::of("a", b"PK\x03\x04....word/document.xml"),
        Format::Docx
    );
    assert_eq!(Format::of("a.ods", b""), Format::Workbook);
    assert_eq!(Format::of("a", "指标\n2020年".as_bytes()), Format::Text);
}

#[test]
fn cells_lose_the_layouts_spaces() {
    assert_eq!(tidy("  指\u{a0}\u{a0}标\u{a0}"), "指标");
    assert_eq!(tidy("≥ 92%"), "≥ 92%");
    assert_eq!(tidy("at  least\n92"), "at least 92");
    assert_eq!(tidy("学前三年\n毛入园率"), "学前三年毛入园率");
}

#[test]
fn titles_lose_their_numbers() {
    assert_eq!(untitled("表1  某县主要指标"), "某县主要指标");
    assert_eq!(untitled("附表2：主要指标"), "主要指标");
    assert_eq!(untitled("表一 主要指标"), "主要指标");
    assert_eq!(untitled("表彰名单"), "表彰名单");
    assert_eq!(untitled("表1"), "表1");
}

#[test]
fn a_flattened_table_becomes_a_plan_that_loads() {
    let text = "规划\n\n主要指标\n\n指  标\n2020年\n2025年\n学前教育\n学前三年毛入园率\n93%\n95%\n\
                人力资源开发\n劳动年龄人口平均受教育年限(年)\n11.8\n优于全区水平\n\n\
                三、全面落实立德树人根本任务\n（一）坚持\n正文很长的一段话。\n";
    let w = plan_from(text.as_bytes(), "seed.txt", &opts()).unwrap();
    let (plan, _) = parse_plan(&w.toml, "plan.toml").unwrap();
    assert_eq!((w.indicators, w.unread), (2, 0));
    assert_eq!(plan.indicators[0].id, "g1-1");
    assert_eq!(plan.indicators[1].id, "g2-1");
    assert_eq!(plan.indicators[1].unit, "年");
    assert_eq!(plan.indicators[1].name, "劳动年龄人口平均受教育年限");
    assert_eq!(
        plan.indicators[1].target,
        TargetExpr::BetterThan("quanqu".into())
    );
    assert!(
        w.toml
            .contains("# lines 13–15: 劳动年龄人口平均受教育年限(年) | 11.8 | 优于全区水平"),
        "{}",
        w.toml
    );
    assert!(w.toml.contains("aliases = [\"全区\"]"), "{}", w.toml);
    // The direction of 优于 is said to be assumed.
    assert!(
        w.diagnostics
            .iter()
            .any(|d| d.message.contains("direction = \"up\""))
    );
}

#[test]
fn no_table_is_an_error() {
    let e = plan_from("只有正文。".as_bytes(), "a.txt", &opts()).unwrap_err();
    assert!(e.message.contains("no indicator table"), "{}", e.message);
}
