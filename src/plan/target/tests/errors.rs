//! Targets that do not parse: the message, the hint and the offending bytes of
//! each mistake.

use super::*;

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
