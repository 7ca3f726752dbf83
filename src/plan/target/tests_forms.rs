//! Unit tests of the forms the plans' own tables write
//! (docs/plan-format.md#target-expressions): units, approximate levels, multiples,
//! keep-improving and every-period words, coverage and elimination.

use super::tests::{cmp, d, err, ok, reach};
use super::*;

fn in_unit(s: &str, unit: &str) -> TargetExpr {
    match parse_target_in(s, Some(unit)) {
        Ok(e) => e,
        Err(e) => panic!("{s:?} in {unit:?} should parse, got {e:?}"),
    }
}

/// The offending text, the message and the help, in a unit.
fn err_in(s: &str, unit: &str) -> (String, String, Option<String>) {
    match parse_target_in(s, Some(unit)) {
        Ok(e) => panic!("{s:?} in {unit:?} should not parse, got {e:?}"),
        Err(e) => (s[e.span.clone()].to_string(), e.message, e.help),
    }
}

#[test]
fn the_indicators_unit_after_the_number_is_decoration() {
    assert_eq!(in_unit("12.3年以上", "年"), cmp(Op::Ge, "12.3"));
    assert_eq!(in_unit("12.3 年 以上", "年"), cmp(Op::Ge, "12.3"));
    assert_eq!(in_unit("2.5万人", "万人"), reach("2.5"));
    assert_eq!(in_unit("100所", "所"), reach("100"));
    assert_eq!(in_unit("不少于30人", "人"), cmp(Op::Ge, "30"));
    assert_eq!(in_unit("5‰以下", "‰"), cmp(Op::Le, "5"));
    assert_eq!(
        in_unit("3万人至5万人", "万人"),
        TargetExpr::Range(d("3"), d("5"))
    );
    assert_eq!(in_unit("约2.5万人", "万人"), TargetExpr::About(d("2.5")));
    assert_eq!(in_unit("2.5万人左右", "万人"), TargetExpr::About(d("2.5")));
    // A % stays decoration in any unit, as before.
    assert_eq!(in_unit("95%", "年"), reach("95"));
    assert_eq!(in_unit("95%", "%"), reach("95"));
}

#[test]
fn another_unit_is_an_error_naming_both() {
    let (text, message, help) = err_in("12.3岁以上", "年");
    assert_eq!(text, "岁");
    assert_eq!(message, "\"岁\" is not the indicator's unit \"年\"");
    assert_eq!(
        help.as_deref(),
        Some("write the number in 年 (the indicator's unit), or set unit = \"岁\"")
    );
    let (text, message, _) = err_in("2.5万人", "人");
    assert_eq!(text, "万人");
    assert_eq!(message, "\"万人\" is not the indicator's unit \"人\"");
    let (text, message, _) = err_in("95人", "%");
    assert_eq!(
        (text.as_str(), message.as_str()),
        ("人", "\"人\" is not the indicator's unit \"%\"")
    );
    let (text, message, help) = err_in("12.3年以上", "");
    assert_eq!(text, "年");
    assert_eq!(
        message,
        "\"年\" after the number, but the indicator has no unit"
    );
    assert_eq!(
        help.as_deref(),
        Some("set unit = \"年\" on the indicator, or leave \"年\" out")
    );
    // ASCII text is no unit: still unexpected, with the forms.
    let (text, message, help) = err_in("95abc", "%");
    assert_eq!(text, "abc");
    assert!(message.starts_with("unexpected \"abc\" after the number"));
    assert!(help.unwrap().contains("understood forms:"));
    // Without the indicator, a unit is an unexpected word.
    assert_eq!(
        err("12.3年以上"),
        (
            "年以上".into(),
            "unexpected \"年以上\" after the number; expected %, a comparator word or nothing"
                .into()
        )
    );
}

#[test]
fn values_with_units_and_no_value_markers() {
    assert_eq!(parse_value("11.4年", "年"), Some(d("11.4")));
    assert_eq!(parse_value("11.4", "年"), Some(d("11.4")));
    assert_eq!(parse_value(" 2.5万人 ", "万人"), Some(d("2.5")));
    assert_eq!(parse_value("93%", "%"), Some(d("93")));
    assert_eq!(parse_value("11.4岁", "年"), None);
    assert_eq!(parse_value("11.4年", ""), None);
    for s in ["——", "—", "-", "/", " —— ", "－", "／"] {
        assert!(is_no_value(s), "{s:?}");
    }
    for s in ["", "0", "—5", "n/a"] {
        assert!(!is_no_value(s), "{s:?}");
    }
}

#[test]
fn chinese_comparators_follow_the_legal_convention() {
    // 民法典 第一千二百五十九条: these include the number …
    for (s, op) in [
        ("92以上", Op::Ge),
        ("60以下", Op::Le),
        ("5以内", Op::Le),
        ("不低于92", Op::Ge),
        ("不超过60", Op::Le),
        ("不高于60", Op::Le),
        // … and these exclude it.
        ("超过92", Op::Gt),
        ("高于92", Op::Gt),
        ("低于60", Op::Lt),
        ("不满60", Op::Lt),
        ("大于92", Op::Gt),
        ("小于60", Op::Lt),
    ] {
        let TargetExpr::Compare(got, _) = ok(s) else {
            panic!("{s:?}")
        };
        assert_eq!(got, op, "{s:?}");
    }
}

#[test]
fn keep_improving() {
    for s in [
        "持续提高",
        "稳步提高",
        "不断提高",
        "持续提升",
        "进一步提高",
        "逐步增加",
        "力争持续提高",
        "higher than the baseline",
        "keep rising",
    ] {
        assert_eq!(ok(s), TargetExpr::Improve(Direction::Up), "{s:?}");
    }
    for s in [
        "持续下降",
        "持续降低",
        "稳步下降",
        "不断减少",
        "keep falling",
    ] {
        assert_eq!(ok(s), TargetExpr::Improve(Direction::Down), "{s:?}");
    }
    assert_eq!(err("持续").0, "持续");
}

#[test]
fn every_period_strictly() {
    let up = TargetExpr::EveryPeriod(Monotone::Increasing);
    let down = TargetExpr::EveryPeriod(Monotone::Decreasing);
    for s in [
        "逐年提高",
        "逐年增长",
        "逐年增加",
        "每年提高",
        "higher every period",
        "increasing",
    ] {
        assert_eq!(ok(s), up, "{s:?}");
    }
    for s in [
        "逐年下降",
        "逐年降低",
        "逐年减少",
        "lower every period",
        "decreasing",
    ] {
        assert_eq!(ok(s), down, "{s:?}");
    }
    assert_eq!(
        ok("never lower"),
        TargetExpr::EveryPeriod(Monotone::NonDecreasing)
    );
    assert_eq!(
        ok("never higher"),
        TargetExpr::EveryPeriod(Monotone::NonIncreasing)
    );
}

#[test]
fn monotone_rules() {
    let (a, b) = (d("1"), d("2"));
    assert!(Monotone::NonDecreasing.holds(a, a) && Monotone::NonDecreasing.holds(a, b));
    assert!(!Monotone::Increasing.holds(a, a) && Monotone::Increasing.holds(a, b));
    assert!(Monotone::NonIncreasing.holds(b, b) && !Monotone::Decreasing.holds(b, b));
    assert!(Monotone::Decreasing.holds(b, a));
    assert!(Monotone::Increasing.rises() && !Monotone::Decreasing.rises());
    assert!(Monotone::Increasing.strict() && !Monotone::NonDecreasing.strict());
    for m in [
        Monotone::NonDecreasing,
        Monotone::NonIncreasing,
        Monotone::Increasing,
        Monotone::Decreasing,
    ] {
        assert_eq!(Monotone::parse(m.as_str()), Some(m));
    }
    assert_eq!(Monotone::parse("up"), None);
}

#[test]
fn approximately() {
    let about = |s: &str| TargetExpr::About(d(s));
    for s in [
        "95%左右",
        "95左右",
        "约95%",
        "大约95%",
        "约为95%",
        "95%上下",
        "达到95%左右",
    ] {
        assert_eq!(ok(s), about("95"), "{s:?}");
    }
    assert_eq!(ok("approximately 95%"), about("95"));
    assert_eq!(err("about 95").0, "about");
    assert_eq!(ok("约 12.5"), about("12.5"));
    assert_eq!(
        err("≥95%左右"),
        (
            "左右".into(),
            "an approximate level takes no comparator: \"左右\" cannot go with \"≥\"".into()
        )
    );
    assert_eq!(
        err("约95%以上"),
        (
            "以上".into(),
            "a second comparator \"以上\": \"约\" already gives one".into()
        )
    );
    assert_eq!(
        err("约90..95"),
        (
            "..".into(),
            "a range cannot follow \"约\": a range has its own bounds".into()
        )
    );
}

#[test]
fn multiples_of_the_baseline() {
    let pct = |s: &str| TargetExpr::DeltaPercent(d(s));
    assert_eq!(ok("翻一番"), pct("100"));
    assert_eq!(ok("翻番"), pct("100"));
    assert_eq!(ok("翻两番"), pct("300"));
    assert_eq!(ok("增长1倍"), pct("100"));
    assert_eq!(ok("增长一倍"), pct("100"));
    assert_eq!(ok("增长两倍"), pct("200"));
    assert_eq!(ok("提高1.5倍"), pct("150"));
    assert_eq!(ok("增长1倍以上"), pct("100"));
    assert_eq!(ok("增长50%"), pct("50"));
    assert_eq!(
        err("下降1倍"),
        (
            "下降1倍".into(),
            "\"下降\" by a multiple cannot be met: write the decrease as a percentage (下降50%)"
                .into()
        )
    );
}

#[test]
fn coverage_and_elimination() {
    for s in ["全覆盖", "实现全覆盖", "力争实现全覆盖", "full coverage"] {
        assert_eq!(ok(s), TargetExpr::FullCoverage, "{s:?}");
    }
    for s in ["消除", "清零", "全面消除", "eliminate"] {
        assert_eq!(ok(s), TargetExpr::Eliminate { nearly: false }, "{s:?}");
    }
    for s in ["基本消除", "nearly eliminate"] {
        assert_eq!(ok(s), TargetExpr::Eliminate { nearly: true }, "{s:?}");
    }
    // 100% kept: the level; the loader knows 100 is a share's ceiling.
    assert_eq!(ok("保持100%"), reach("100"));
    assert_eq!(ok("100%"), reach("100"));
}

#[test]
fn en_dash_ranges_as_displays_write_them() {
    assert_eq!(ok("90–95%"), TargetExpr::Range(d("90"), d("95")));
    assert_eq!(ok("3–5"), TargetExpr::Range(d("3"), d("5")));
}

#[test]
fn directions_of_the_new_forms() {
    use Direction::{Down, Up};
    assert_eq!(ok("持续提高").implied_direction(), Some(Up));
    assert_eq!(ok("持续下降").implied_direction(), Some(Down));
    assert_eq!(ok("逐年提高").implied_direction(), Some(Up));
    assert_eq!(ok("逐年下降").implied_direction(), Some(Down));
    assert_eq!(ok("全覆盖").implied_direction(), Some(Up));
    assert_eq!(ok("基本消除").implied_direction(), Some(Down));
    assert_eq!(ok("翻一番").implied_direction(), Some(Up));
    assert_eq!(ok("95%左右").implied_direction(), None);
    assert_eq!(ok("95%左右").direction_from(d("90")), Some(Up));
    assert_eq!(ok("95%左右").direction_from(d("97")), Some(Down));
    assert_eq!(ok("达到全国平均水平").implied_direction(), None);
    assert_eq!(ok("达到全国平均水平").region(), Some("全国平均水平"));
    assert_eq!(ok("95%").region(), None);
}
