//! Unit tests of [`super`].

use super::*;
use proptest::prelude::*;
use std::str::FromStr;

pub(super) fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

pub(super) fn ok(s: &str) -> TargetExpr {
    match parse_target(s) {
        Ok(e) => e,
        Err(e) => panic!("{s:?} should parse, got {e:?}"),
    }
}

/// The offending text and the message.
pub(super) fn err(s: &str) -> (String, String) {
    match parse_target(s) {
        Ok(e) => panic!("{s:?} should not parse, got {e:?}"),
        Err(e) => (s[e.span.clone()].to_string(), e.message),
    }
}

pub(super) fn reach(s: &str) -> TargetExpr {
    TargetExpr::Reach(d(s))
}
pub(super) fn cmp(op: Op, s: &str) -> TargetExpr {
    TargetExpr::Compare(op, d(s))
}

// --- Reach -----------------------------------------------------------

#[test]
fn reach_plain_numbers() {
    assert_eq!(ok("95"), reach("95"));
    assert_eq!(ok("95%"), reach("95"));
    assert_eq!(ok("  95 % "), reach("95"));
    assert_eq!(ok("９５％"), reach("95"));
    assert_eq!(ok("94.4"), reach("94.4"));
    assert_eq!(ok("1,234.5"), reach("1234.5"));
    assert_eq!(ok("= 95"), reach("95"));
    assert_eq!(ok("＝95%"), reach("95"));
}

#[test]
fn reach_keeps_scale() {
    let TargetExpr::Reach(v) = ok("95.0") else {
        panic!()
    };
    assert_eq!(v, d("95"));
    assert_eq!(v.scale(), 1);
    let TargetExpr::Reach(v) = ok("达到95.00%") else {
        panic!()
    };
    assert_eq!(v.scale(), 2);
}

#[test]
fn reach_chinese_words() {
    assert_eq!(ok("达到95%"), reach("95"));
    assert_eq!(ok("达到 95%"), reach("95"));
    assert_eq!(ok("提高到92%"), reach("92"));
    assert_eq!(ok("提高至92%"), reach("92"));
    assert_eq!(ok("提升到92%"), reach("92"));
    assert_eq!(ok("增加到92"), reach("92"));
    assert_eq!(ok("增长到92"), reach("92"));
    assert_eq!(ok("降低到5%"), reach("5"));
    assert_eq!(ok("下降到5%"), reach("5"));
    assert_eq!(ok("减少到5"), reach("5"));
    assert_eq!(ok("控制在5%"), reach("5"));
    assert_eq!(ok("保持在95%"), reach("95"));
    assert_eq!(ok("稳定在95%"), reach("95"));
    assert_eq!(ok("力争95%"), reach("95"));
    assert_eq!(ok("力争达到95%"), reach("95"));
    assert_eq!(ok("到95%"), reach("95"));
    assert_eq!(ok("保持95%"), reach("95"));
}

#[test]
fn reach_negative_level() {
    assert_eq!(ok("达到-3"), reach("-3"));
    assert_eq!(ok("达到－3%"), reach("-3"));
    assert_eq!(ok("= -3"), reach("-3"));
    assert_eq!(ok("reach -3"), reach("-3"));
}

#[test]
fn reach_english() {
    assert_eq!(ok("reach 95"), reach("95"));
    assert_eq!(ok("Reach 95%"), reach("95"));
}

// --- Compare ---------------------------------------------------------

#[test]
fn compare_ascii_and_symbols() {
    assert_eq!(ok(">= 92"), cmp(Op::Ge, "92"));
    assert_eq!(ok(">=92%"), cmp(Op::Ge, "92"));
    assert_eq!(ok("> 92"), cmp(Op::Gt, "92"));
    assert_eq!(ok("<= 60"), cmp(Op::Le, "60"));
    assert_eq!(ok("< 60"), cmp(Op::Lt, "60"));
    assert_eq!(ok("≥92%"), cmp(Op::Ge, "92"));
    assert_eq!(ok("≥ 92"), cmp(Op::Ge, "92"));
    assert_eq!(ok("≤60"), cmp(Op::Le, "60"));
    assert_eq!(ok("＞92"), cmp(Op::Gt, "92"));
    assert_eq!(ok("＜60"), cmp(Op::Lt, "60"));
    assert_eq!(ok("≧92"), cmp(Op::Ge, "92"));
    assert_eq!(ok("≦60"), cmp(Op::Le, "60"));
    assert_eq!(ok("＞＝92"), cmp(Op::Ge, "92"));
    assert_eq!(ok("=>92"), cmp(Op::Ge, "92"));
    assert_eq!(ok(">= -3"), cmp(Op::Ge, "-3"));
    assert_eq!(ok(">=-3"), cmp(Op::Ge, "-3"));
    assert_eq!(ok("≥ ９２．５％"), cmp(Op::Ge, "92.5"));
}

#[test]
fn compare_chinese_prefix() {
    assert_eq!(ok("不低于92%"), cmp(Op::Ge, "92"));
    assert_eq!(ok("不少于92"), cmp(Op::Ge, "92"));
    assert_eq!(ok("至少92"), cmp(Op::Ge, "92"));
    assert_eq!(ok("不超过60"), cmp(Op::Le, "60"));
    assert_eq!(ok("不高于60"), cmp(Op::Le, "60"));
    assert_eq!(ok("不多于60"), cmp(Op::Le, "60"));
    assert_eq!(ok("至多60"), cmp(Op::Le, "60"));
    assert_eq!(ok("超过92%"), cmp(Op::Gt, "92"));
    assert_eq!(ok("高于92%"), cmp(Op::Gt, "92"));
    assert_eq!(ok("大于90%"), cmp(Op::Gt, "90"));
    assert_eq!(ok("多于90"), cmp(Op::Gt, "90"));
    assert_eq!(ok("低于60"), cmp(Op::Lt, "60"));
    assert_eq!(ok("小于5"), cmp(Op::Lt, "5"));
    assert_eq!(ok("不满18"), cmp(Op::Lt, "18"));
    assert_eq!(ok("少于5"), cmp(Op::Lt, "5"));
    assert_eq!(ok("力争不低于92%"), cmp(Op::Ge, "92"));
}

#[test]
fn compare_chinese_suffix() {
    assert_eq!(ok("92%以上"), cmp(Op::Ge, "92"));
    assert_eq!(ok("92 % 以上"), cmp(Op::Ge, "92"));
    assert_eq!(ok("92%及以上"), cmp(Op::Ge, "92"));
    assert_eq!(ok("60以下"), cmp(Op::Le, "60"));
    assert_eq!(ok("5%以内"), cmp(Op::Le, "5"));
    assert_eq!(ok("提高到92%以上"), cmp(Op::Ge, "92"));
    assert_eq!(ok("达到95%以上"), cmp(Op::Ge, "95"));
    assert_eq!(ok("控制在5%以内"), cmp(Op::Le, "5"));
    assert_eq!(ok("保持在95%以上"), cmp(Op::Ge, "95"));
    assert_eq!(ok("力争达到95%以上"), cmp(Op::Ge, "95"));
}

#[test]
fn compare_english() {
    assert_eq!(ok("at least 92"), cmp(Op::Ge, "92"));
    assert_eq!(ok("AT  LEAST 92%"), cmp(Op::Ge, "92"));
    assert_eq!(ok("no less than 92"), cmp(Op::Ge, "92"));
    assert_eq!(ok("more than 92"), cmp(Op::Gt, "92"));
    assert_eq!(ok("above 92"), cmp(Op::Gt, "92"));
    assert_eq!(ok("over 92"), cmp(Op::Gt, "92"));
    assert_eq!(ok("at most 60"), cmp(Op::Le, "60"));
    assert_eq!(ok("no more than 60"), cmp(Op::Le, "60"));
    assert_eq!(ok("less than 60"), cmp(Op::Lt, "60"));
    assert_eq!(ok("below 60"), cmp(Op::Lt, "60"));
    assert_eq!(ok("Under 60"), cmp(Op::Lt, "60"));
    assert_eq!(ok("92 or more"), cmp(Op::Ge, "92"));
    assert_eq!(ok("60 or less"), cmp(Op::Le, "60"));
}

// --- Range -----------------------------------------------------------

#[test]
fn ranges() {
    let r = |lo: &str, hi: &str| TargetExpr::Range(d(lo), d(hi));
    assert_eq!(ok("90..95"), r("90", "95"));
    assert_eq!(ok("90 .. 95"), r("90", "95"));
    assert_eq!(ok("90%..95%"), r("90", "95"));
    assert_eq!(ok("90~95"), r("90", "95"));
    assert_eq!(ok("90～95"), r("90", "95"));
    assert_eq!(ok("90%至95%"), r("90", "95"));
    assert_eq!(ok("90到95"), r("90", "95"));
    assert_eq!(ok("90.5..95"), r("90.5", "95"));
    assert_eq!(ok("95..95"), r("95", "95"));
    assert_eq!(ok("-5..5"), r("-5", "5"));
    assert_eq!(ok("-5..-2"), r("-5", "-2"));
    assert_eq!(ok("控制在3%~5%"), r("3", "5"));
}

// --- Changes ---------------------------------------------------------

#[test]
fn signed_changes() {
    assert_eq!(ok("+5pp"), TargetExpr::DeltaPoints(d("5")));
    assert_eq!(ok("+5 pp"), TargetExpr::DeltaPoints(d("5")));
    assert_eq!(ok("+5PP"), TargetExpr::DeltaPoints(d("5")));
    assert_eq!(ok("+5个百分点"), TargetExpr::DeltaPoints(d("5")));
    assert_eq!(ok("+5百分点"), TargetExpr::DeltaPoints(d("5")));
    assert_eq!(ok("+5p.p."), TargetExpr::DeltaPoints(d("5")));
    assert_eq!(ok("+5 pts"), TargetExpr::DeltaPoints(d("5")));
    assert_eq!(ok("-2pp"), TargetExpr::DeltaPoints(d("-2")));
    assert_eq!(ok("－2.5pp"), TargetExpr::DeltaPoints(d("-2.5")));
    assert_eq!(ok("+10%"), TargetExpr::DeltaPercent(d("10")));
    assert_eq!(ok("+10 %"), TargetExpr::DeltaPercent(d("10")));
    assert_eq!(ok("-20%"), TargetExpr::DeltaPercent(d("-20")));
    assert_eq!(ok("＋１０％"), TargetExpr::DeltaPercent(d("10")));
    assert_eq!(ok("+0pp"), TargetExpr::DeltaPoints(d("0")));
}

#[test]
fn word_changes() {
    assert_eq!(ok("提高5个百分点"), TargetExpr::DeltaPoints(d("5")));
    assert_eq!(ok("提高5.5个百分点"), TargetExpr::DeltaPoints(d("5.5")));
    assert_eq!(ok("增加5个百分点"), TargetExpr::DeltaPoints(d("5")));
    assert_eq!(ok("上升5个百分点"), TargetExpr::DeltaPoints(d("5")));
    assert_eq!(ok("提升 5 个百分点"), TargetExpr::DeltaPoints(d("5")));
    assert_eq!(ok("降低2个百分点"), TargetExpr::DeltaPoints(d("-2")));
    assert_eq!(ok("下降2个百分点"), TargetExpr::DeltaPoints(d("-2")));
    assert_eq!(ok("减少2个百分点"), TargetExpr::DeltaPoints(d("-2")));
    assert_eq!(ok("增长10%"), TargetExpr::DeltaPercent(d("10")));
    assert_eq!(ok("提高10%"), TargetExpr::DeltaPercent(d("10")));
    assert_eq!(ok("提高92%"), TargetExpr::DeltaPercent(d("92")));
    assert_eq!(ok("下降20%"), TargetExpr::DeltaPercent(d("-20")));
    assert_eq!(ok("降低20%"), TargetExpr::DeltaPercent(d("-20")));
    assert_eq!(ok("减少20%"), TargetExpr::DeltaPercent(d("-20")));
    assert_eq!(ok("力争提高5个百分点"), TargetExpr::DeltaPoints(d("5")));
    assert_eq!(ok("提高5个百分点以上"), TargetExpr::DeltaPoints(d("5")));
    assert_eq!(ok("+5pp以上"), TargetExpr::DeltaPoints(d("5")));
}

#[test]
fn reach_versus_change() {
    assert_eq!(ok("提高到92%"), reach("92"));
    assert_eq!(ok("提高92%"), TargetExpr::DeltaPercent(d("92")));
}

// --- Words -----------------------------------------------------------

#[test]
fn maintain_words() {
    for s in [
        "maintain",
        "MAINTAIN",
        "keep",
        "保持",
        "维持",
        "持平",
        "不降低",
        " 保持 ",
        "力争保持",
    ] {
        assert_eq!(ok(s), TargetExpr::Maintain, "{s:?}");
    }
}

#[test]
fn every_period_words() {
    let up = TargetExpr::EveryPeriod(Monotone::NonDecreasing);
    let down = TargetExpr::EveryPeriod(Monotone::NonIncreasing);
    assert_eq!(ok("逐年只增不减"), up);
    assert_eq!(ok("只增不减"), up);
    assert_eq!(ok("non-decreasing"), up);
    assert_eq!(ok("逐年只减不增"), down);
    assert_eq!(ok("只减不增"), down);
    assert_eq!(ok("non-increasing"), down);
}

// --- Errors ----------------------------------------------------------

#[test]
fn empty_target() {
    for s in ["", "   ", "\u{3000}"] {
        let e = parse_target(s).unwrap_err();
        assert_eq!(e.span, 0..0);
        assert_eq!(e.message, "empty target");
    }
}

#[test]
fn trailing_garbage() {
    assert_eq!(
        err("95abc"),
        (
            "abc".into(),
            "unexpected \"abc\" after the number; expected %, a comparator word or nothing".into()
        )
    );
    assert_eq!(
        err("95%左右吧"),
        ("吧".into(), "unexpected \"吧\" after \"左右\"".into())
    );
    assert_eq!(
        err("1e5"),
        (
            "e5".into(),
            "unexpected \"e5\" after the number; expected %, a comparator word or nothing".into()
        )
    );
    assert_eq!(
        err("92%以上吧"),
        ("吧".into(), "unexpected \"吧\" after \"以上\"".into())
    );
    assert_eq!(
        err("90..95 abc"),
        ("abc".into(), "unexpected \"abc\" after the range".into())
    );
    assert_eq!(
        err("+5pp abc"),
        ("abc".into(), "unexpected \"abc\" after the change".into())
    );
}

#[test]
fn unknown_word() {
    let not_a_form = |w: &str| format!("unexpected \"{w}\": not a form of target");
    assert_eq!(err("around 95"), ("around".into(), not_a_form("around")));
    assert_eq!(err("大概95%"), ("大概".into(), not_a_form("大概")));
    assert_eq!(err("overall 95"), ("overall".into(), not_a_form("overall")));
    assert_eq!(err(".5"), (".".into(), not_a_form(".")));
    assert_eq!(err("——"), ("——".into(), not_a_form("——")));
}

#[test]
fn a_form_not_understood_lists_the_forms_and_the_closest() {
    let e = parse_target("持续增高").unwrap_err();
    let help = e.help.expect("a help");
    assert!(
        help.starts_with("did you mean \"持续提高\"? understood forms: 95%, 达到95%, ≥92%"),
        "{help}"
    );
    for form in [
        "95%左右",
        "达到全国平均水平",
        "逐年提高",
        "翻一番",
        "全覆盖",
        "基本消除",
    ] {
        assert!(help.contains(form), "{form} in {help}");
    }
    // The user's number goes into the suggestion.
    let e = parse_target("87%以上吧").unwrap_err();
    assert!(e.help.unwrap().starts_with("did you mean \"87%以上\"?"));
    // A specific mistake keeps its own message and no list.
    assert_eq!(parse_target("95..90").unwrap_err().help, None);
}

#[test]
fn missing_number() {
    let e = parse_target(">=").unwrap_err();
    assert_eq!(e.span, 2..2);
    assert_eq!(e.message, "expected a number after \">=\"");
    let e = parse_target("不低于  ").unwrap_err();
    assert_eq!(e.span, 9..9);
    assert_eq!(e.message, "expected a number after \"不低于\"");
    assert_eq!(
        err(">= abc"),
        (
            "abc".into(),
            "expected a number after \">=\", found \"abc\"".into()
        )
    );
    let e = parse_target("90..").unwrap_err();
    assert_eq!(e.span, 4..4);
    assert_eq!(e.message, "expected a number after \"..\"");
    let e = parse_target("达到").unwrap_err();
    assert_eq!(e.span, 6..6);
    assert_eq!(e.message, "expected a number after \"达到\"");
}

#[test]
fn bad_numbers() {
    assert_eq!(
        err("9.5.3"),
        ("9.5.3".into(), "invalid number \"9.5.3\"".into())
    );
    assert_eq!(
        err("达到9.5.3%"),
        ("9.5.3".into(), "invalid number \"9.5.3\"".into())
    );
    assert_eq!(
        err("1,23"),
        ("1,23".into(), "invalid number \"1,23\"".into())
    );
    assert_eq!(
        err(">= ９．５．３"),
        ("９．５．３".into(), "invalid number \"９．５．３\"".into())
    );
    assert_eq!(
        err("99999999999999999999999999999999"),
        (
            "99999999999999999999999999999999".into(),
            "invalid number \"99999999999999999999999999999999\"".into()
        )
    );
}

#[test]
fn signed_without_unit() {
    assert_eq!(
        err("+3"),
        (
            "+3".into(),
            "\"+3\" is a change without a unit: write +3pp (percentage points) or +3% \
             (relative change); a negative level needs a comparator, as in \">= -3\""
                .into()
        )
    );
    assert_eq!(err(" -3 ").0, "-3");
}

#[test]
fn reversed_range() {
    assert_eq!(
        err("95..90"),
        (
            "95..90".into(),
            "reversed range: 95 is above 90; write the lower bound first".into()
        )
    );
    assert_eq!(
        err(" 95% 至 90% "),
        (
            "95% 至 90%".into(),
            "reversed range: 95 is above 90; write the lower bound first".into()
        )
    );
}

#[test]
fn two_comparators() {
    assert_eq!(
        err("不低于92%以上"),
        (
            "以上".into(),
            "a second comparator \"以上\": \"不低于\" already gives one".into()
        )
    );
    assert_eq!(
        err(">= 92 or more"),
        (
            "or more".into(),
            "a second comparator \"or more\": \">=\" already gives one".into()
        )
    );
    assert_eq!(
        err(">= > 92"),
        (
            ">".into(),
            "unexpected \">\" after the comparator \">=\"; expected a number".into()
        )
    );
}

#[test]
fn comparator_and_range() {
    assert_eq!(
        err(">= 90..95"),
        (
            "..".into(),
            "a range cannot follow the comparator \">=\"; write either \">=\" and one number, or a range"
                .into()
        )
    );
    assert_eq!(
        err("90..95以上"),
        (
            "以上".into(),
            "a range takes no comparator: \"以上\" cannot follow it".into()
        )
    );
}

#[test]
fn change_errors() {
    assert_eq!(
        err("提高5"),
        (
            "".into(),
            "expected \"个百分点\" (percentage points) or \"%\" (relative change) after \"提高5\""
                .into()
        )
    );
    assert_eq!(
        err("提高5分"),
        (
            "分".into(),
            "expected \"个百分点\" (percentage points) or \"%\" (relative change) after \"提高5\", found \"分\""
                .into()
        )
    );
    assert_eq!(
        err("提高-5%"),
        (
            "-".into(),
            "\"提高\" already gives the direction of the change; drop the sign".into()
        )
    );
    assert_eq!(
        err("增长10%以内"),
        (
            "以内".into(),
            "\"以内\" cannot follow a change: a change is met by changing at least that much"
                .into()
        )
    );
    assert_eq!(
        err("达到提高5个百分点"),
        (
            "提高".into(),
            "a change (\"提高\") cannot follow \"达到\"; write either a level (达到95%) or a change (提高5个百分点)"
                .into()
        )
    );
    assert_eq!(
        err("5个百分点"),
        (
            "个百分点".into(),
            "\"个百分点\" marks a change: write +5pp, -5pp, 提高5个百分点 or 降低5个百分点".into()
        )
    );
    assert_eq!(
        err("5pp"),
        (
            "pp".into(),
            "\"pp\" marks a change: write +5pp, -5pp, 提高5个百分点 or 降低5个百分点".into()
        )
    );
}

#[test]
fn dash_range_hint() {
    assert_eq!(
        err("90-95"),
        (
            "-95".into(),
            "unexpected \"-95\" after the number; write a range as 90..95 (a dash reads as a minus sign)"
                .into()
        )
    );
}

#[test]
fn reference_regions_are_kept_as_written() {
    let at_least = |r: &str| TargetExpr::AtLeast(r.into());
    assert_eq!(ok("达到全国平均水平"), at_least("全国平均水平"));
    assert_eq!(ok("不低于全区水平"), at_least("全区水平"));
    assert_eq!(ok("力争达到全国平均水平"), at_least("全国平均水平"));
    assert_eq!(ok("达到全国平均"), at_least("全国平均"));
    assert_eq!(ok("at least the level of China"), at_least("China"));
    assert_eq!(
        ok("高于全国平均水平"),
        TargetExpr::Above("全国平均水平".into())
    );
    assert_eq!(ok("超过全区水平"), TargetExpr::Above("全区水平".into()));
    assert_eq!(
        ok("above the level of China"),
        TargetExpr::Above("China".into())
    );
    assert_eq!(
        ok("优于全区水平"),
        TargetExpr::BetterThan("全区水平".into())
    );
    assert_eq!(
        ok("优于内蒙古自治区"),
        TargetExpr::BetterThan("内蒙古自治区".into())
    );
    assert_eq!(
        ok("better than Inner Mongolia"),
        TargetExpr::BetterThan("Inner Mongolia".into())
    );
    // A number after the word is a level; words without 水平 are no region.
    assert_eq!(ok("达到95%"), reach("95"));
    assert_eq!(ok("高于92%"), cmp(Op::Gt, "92"));
    assert_eq!(
        err("达到abc"),
        (
            "abc".into(),
            "expected a number after \"达到\", found \"abc\"".into()
        )
    );
    // 保持 the baseline's level is still "maintain".
    assert_eq!(ok("不低于基期水平"), TargetExpr::Maintain);
}

#[test]
fn error_spans_are_bytes_of_the_original() {
    // Leading whitespace and CJK before the error shift the span.
    let s = "  达到95％abc";
    let e = parse_target(s).unwrap_err();
    assert_eq!(&s[e.span.clone()], "abc");
    assert_eq!(e.span, 13..16); // 2 spaces + 达到 (6) + 95 (2) + ％ (3)
}

// --- Direction and Op --------------------------------------------------

#[test]
fn implied_directions() {
    use Direction::{Down, Up};
    assert_eq!(reach("95").implied_direction(), None);
    assert_eq!(cmp(Op::Ge, "92").implied_direction(), Some(Up));
    assert_eq!(cmp(Op::Gt, "92").implied_direction(), Some(Up));
    assert_eq!(cmp(Op::Le, "60").implied_direction(), Some(Down));
    assert_eq!(cmp(Op::Lt, "60").implied_direction(), Some(Down));
    assert_eq!(
        TargetExpr::Range(d("90"), d("95")).implied_direction(),
        None
    );
    assert_eq!(
        TargetExpr::DeltaPoints(d("5")).implied_direction(),
        Some(Up)
    );
    assert_eq!(
        TargetExpr::DeltaPoints(d("-2")).implied_direction(),
        Some(Down)
    );
    assert_eq!(TargetExpr::DeltaPoints(d("0")).implied_direction(), None);
    assert_eq!(
        TargetExpr::DeltaPercent(d("10")).implied_direction(),
        Some(Up)
    );
    assert_eq!(
        TargetExpr::DeltaPercent(d("-20")).implied_direction(),
        Some(Down)
    );
    assert_eq!(TargetExpr::DeltaPercent(d("0.0")).implied_direction(), None);
    assert_eq!(TargetExpr::Maintain.implied_direction(), None);
    assert_eq!(
        TargetExpr::BetterThan("inner-mongolia".into()).implied_direction(),
        None
    );
    assert_eq!(
        TargetExpr::EveryPeriod(Monotone::NonDecreasing).implied_direction(),
        Some(Up)
    );
    assert_eq!(
        TargetExpr::EveryPeriod(Monotone::NonIncreasing).implied_direction(),
        Some(Down)
    );
    assert_eq!(ok("-0pp").implied_direction(), None);
    assert_eq!(ok("降低2个百分点").implied_direction(), Some(Down));
}

#[test]
fn direction_strings() {
    assert_eq!(Direction::Up.as_str(), "up");
    assert_eq!(Direction::Down.as_str(), "down");
}

#[test]
fn op_symbols() {
    assert_eq!(Op::Ge.symbol(), ">=");
    assert_eq!(Op::Gt.symbol(), ">");
    assert_eq!(Op::Le.symbol(), "<=");
    assert_eq!(Op::Lt.symbol(), "<");
}

#[test]
fn op_holds_at_boundaries() {
    assert!(Op::Ge.holds(d("92"), d("92")));
    assert!(Op::Ge.holds(d("92.0"), d("92")));
    assert!(!Op::Ge.holds(d("91.99"), d("92")));
    assert!(!Op::Gt.holds(d("92.0"), d("92")));
    assert!(Op::Gt.holds(d("92.01"), d("92")));
    assert!(Op::Le.holds(d("60"), d("60")));
    assert!(!Op::Le.holds(d("60.01"), d("60")));
    assert!(!Op::Lt.holds(d("60.00"), d("60")));
    assert!(Op::Lt.holds(d("59.99"), d("60")));
}

// --- parse_number ------------------------------------------------------

#[test]
fn parse_number_accepts() {
    assert_eq!(parse_number("94.4"), Some(d("94.4")));
    assert_eq!(parse_number("94.4%"), Some(d("94.4")));
    assert_eq!(parse_number("94.4 %"), Some(d("94.4")));
    assert_eq!(parse_number("９４．４％"), Some(d("94.4")));
    assert_eq!(parse_number("1,234.5"), Some(d("1234.5")));
    assert_eq!(parse_number("1,234,567"), Some(d("1234567")));
    assert_eq!(parse_number("-0.5"), Some(d("-0.5")));
    assert_eq!(parse_number("－3"), Some(d("-3")));
    assert_eq!(parse_number("-3"), Some(d("-3")));
    assert_eq!(parse_number("+3"), Some(d("3")));
    assert_eq!(parse_number(" 12 "), Some(d("12")));
    assert_eq!(parse_number("007"), Some(d("7")));
    assert_eq!(parse_number("95.0").map(|v| v.scale()), Some(1));
    assert_eq!(parse_number("-0").map(|v| v.is_sign_positive()), Some(true));
}

#[test]
fn parse_number_rejects() {
    for s in [
        "1,23", "1,2345", "0,5", "12,34.5", "1.234,5", "abc", "", "  ", "--1", "- 1", "1e5", "1E5",
        "9.5.3", ".5", "5.", "95%%", "95abc", "90..95", "1 234", "%",
    ] {
        assert_eq!(parse_number(s), None, "{s:?}");
    }
}

// --- Properties --------------------------------------------------------

fn decimal() -> impl Strategy<Value = Decimal> {
    (-10_000_000_000i64..10_000_000_000, 0u32..=4).prop_map(|(m, s)| Decimal::new(m, s))
}

fn mixed() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "达到",
        "提高",
        "到",
        "至",
        "以上",
        "以内",
        "不低于",
        "超过",
        "个百分点",
        "保持",
        "９",
        "．",
        "％",
        "＋",
        "－",
        "≥",
        "＜",
        "1",
        "5",
        "0",
        ".",
        "..",
        ",",
        "%",
        "+",
        "-",
        "~",
        ">=",
        "<",
        "=",
        " ",
        "\u{3000}",
        "pp",
        "p.p.",
        "or more",
        "at least",
        "abc",
        "e",
        "é",
        "🙂",
        "，",
    ]);
    prop::collection::vec(pieces, 0..10).prop_map(|v| v.concat())
}

fn check_error_span(input: &str) {
    if let Err(e) = parse_target(input) {
        assert!(e.span.start <= e.span.end, "{input:?}: {e:?}");
        assert!(e.span.end <= input.len(), "{input:?}: {e:?}");
        assert!(input.is_char_boundary(e.span.start), "{input:?}: {e:?}");
        assert!(input.is_char_boundary(e.span.end), "{input:?}: {e:?}");
        assert!(!e.message.is_empty());
    }
}

proptest! {
    #[test]
    fn ge_round_trips(v in decimal()) {
        let parsed = parse_target(&format!(">= {v}"));
        prop_assert_eq!(parsed.clone(), Ok(TargetExpr::Compare(Op::Ge, v)));
        if let Ok(TargetExpr::Compare(_, got)) = parsed {
            prop_assert_eq!(got.scale(), v.scale());
        }
    }

    #[test]
    fn reach_round_trips(v in decimal()) {
        prop_assert_eq!(parse_target(&format!("达到{v}%")), Ok(TargetExpr::Reach(v)));
    }

    #[test]
    fn range_round_trips(a in decimal(), b in decimal()) {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        prop_assert_eq!(parse_target(&format!("{lo}..{hi}")), Ok(TargetExpr::Range(lo, hi)));
    }

    #[test]
    fn about_round_trips(v in decimal()) {
        // A sign in front of a bare number makes a change: "约-1%", not "-1%左右".
        prop_assert_eq!(parse_target(&format!("约{v}%")), Ok(TargetExpr::About(v)));
        let v = v.abs();
        prop_assert_eq!(parse_target(&format!("{v}%左右")), Ok(TargetExpr::About(v)));
        prop_assert_eq!(parse_target(&format!("约{v}")), Ok(TargetExpr::About(v)));
    }

    #[test]
    fn unit_decoration_round_trips(v in decimal(), unit in prop::sample::select(vec!["年", "万人", "所", "人", "‰"])) {
        let v = v.abs();
        prop_assert_eq!(
            parse_target_in(&format!("{v}{unit}以上"), Some(unit)),
            Ok(TargetExpr::Compare(Op::Ge, v))
        );
    }

    #[test]
    fn number_round_trips(v in decimal()) {
        let parsed = parse_number(&v.to_string());
        prop_assert_eq!(parsed, Some(v));
        prop_assert_eq!(parsed.map(|p| p.scale()), Some(v.scale()));
    }

    #[test]
    fn never_panics_on_anything(s in ".*") {
        check_error_span(&s);
        let _ = parse_number(&s);
    }

    #[test]
    fn never_panics_on_mixed(s in mixed()) {
        check_error_span(&s);
        let _ = parse_number(&s);
    }
}
