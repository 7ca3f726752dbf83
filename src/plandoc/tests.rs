//! The whole way from a document's bytes to plan TOML that loads.

use super::*;
use crate::plan::{TargetExpr, parse_plan};

fn opts() -> Options {
    Options {
        id: None,
        actuals: "actuals.csv".into(),
        plan_path: "plan.toml".into(),
        lang: crate::display::Lang::Zh,
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
    assert_eq!(plan.indicators[1].unit.zh, "年");
    assert_eq!(plan.indicators[1].name.zh, "劳动年龄人口平均受教育年限");
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

mod properties {
    //! Any table of the cells plan tables hold, flattened one cell per line
    //! or tab-separated, with stray cells between, gives either "no table"
    //! or plan TOML that loads, with every row read or listed; no input
    //! panics.

    use super::*;
    use proptest::prelude::*;

    fn pick(cells: &[&'static str]) -> impl Strategy<Value = &'static str> + use<> {
        prop::sample::select(cells.to_vec())
    }

    fn name() -> impl Strategy<Value = &'static str> {
        pick(&[
            "学前三年毛入园率",
            "劳动年龄人口平均受教育年限(年)",
            "其中：小学",
            "初中",
            "在园幼儿（含民办）",
            "56人以上大班额比例",
            "学前教育",
        ])
    }

    fn baseline() -> impl Strategy<Value = &'static str> {
        pick(&["93%", "92", "——", "11.8", "100%", "0", "11.4年", "约93", ""])
    }

    fn target() -> impl Strategy<Value = &'static str> {
        pick(&[
            "95%",
            "≥92%",
            "12.3年以上",
            "优于全区水平",
            "达到全国平均水平",
            "持续提高",
            "95%左右",
            "全覆盖",
            "见附件",
            "100%",
            "0",
            "-5pp",
            "+10%",
            "2.5万人",
            "",
        ])
    }

    fn stray() -> impl Strategy<Value = &'static str> {
        pick(&[
            "一、义务教育",
            "%",
            "约束性",
            "注：说明。",
            "正文很长的一段话。",
            "2022年",
            "指标",
            "\u{a0}",
            "（",
            "表1 主要指标",
        ])
    }

    /// A row: maybe a section first, a name, a unit, two values, a 属性,
    /// and maybe a stray cell after.
    fn row() -> impl Strategy<Value = Vec<&'static str>> {
        (
            prop::option::weighted(0.2, stray()),
            name(),
            pick(&["%", "年", ""]),
            baseline(),
            target(),
            pick(&["约束性", "预期性", "", "其他"]),
            prop::option::weighted(0.1, stray()),
        )
            .prop_map(|(before, n, u, b, t, k, after)| {
                let mut cells: Vec<&str> = before.into_iter().collect();
                cells.extend([n, u, b, t, k]);
                cells.extend(after);
                cells
            })
    }

    fn document() -> impl Strategy<Value = String> {
        (prop::collection::vec(row(), 0..12), any::<bool>()).prop_map(|(rows, tabs)| {
            let header = ["表1 主要指标", "指标\t单位\t2020年\t2025年\t属性"];
            let mut lines: Vec<String> = header.iter().map(|h| h.to_string()).collect();
            lines.extend(rows.iter().map(|r| r.join("\t")));
            lines.push("三、正文很长的一段话。".into());
            let text = lines.join("\n");
            match tabs {
                true => text,
                false => text.replace('\t', "\n"),
            }
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn whatever_is_written_loads(text in document()) {
            if let Ok(w) = plan_from(text.as_bytes(), "a.txt", &opts()) {
                let loaded = parse_plan(&w.toml, "plan.toml");
                prop_assert!(loaded.is_ok(), "{}\n--- from\n{text}", w.toml);
                let (plan, _) = loaded.unwrap();
                prop_assert_eq!(plan.indicators.len(), w.indicators);
                let listed = w.diagnostics.iter().filter(|d| d.message.contains("row not read")).count();
                prop_assert_eq!(listed, w.unread);
                prop_assert_eq!(w.toml.matches("# [[indicator]]").count(), w.unread);
            }
        }

        #[test]
        fn bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
            for name in ["a.txt", "a.html", "a.docx", "a.xlsx"] {
                let _ = plan_from(&bytes, name, &opts());
            }
        }
    }

    /// The documents above have tables: most give a plan.
    #[test]
    fn the_documents_have_tables() {
        use proptest::strategy::ValueTree;
        use proptest::test_runner::TestRunner;
        let mut runner = TestRunner::deterministic();
        let mut plans = 0;
        for _ in 0..50 {
            let text = document().new_tree(&mut runner).unwrap().current();
            plans += usize::from(plan_from(text.as_bytes(), "a.txt", &opts()).is_ok());
        }
        assert!(plans >= 25, "{plans} of 50");
    }
}
