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
        err("95%左右"),
        (
            "左右".into(),
            "unexpected \"左右\" after the number; expected %, a comparator word or nothing".into()
        )
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
    let help = "expected a number, a comparator (>=, >, <=, <, 以上, 超过, …), \
                a range (90..95), a change (+5pp, +10%) or maintain";
    assert_eq!(
        err("around 95"),
        ("around".into(), format!("unexpected \"around\"; {help}"))
    );
    assert_eq!(
        err("大约95%"),
        ("大约".into(), format!("unexpected \"大约\"; {help}"))
    );
    assert_eq!(
        err("overall 95"),
        ("overall".into(), format!("unexpected \"overall\"; {help}"))
    );
    assert_eq!(err(".5"), (".".into(), format!("unexpected \".\"; {help}")));
    assert_eq!(
        err("——"),
        ("——".into(), format!("unexpected \"——\"; {help}"))
    );
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
fn better_than_hint() {
    assert_eq!(
        err("优于全区水平"),
        (
            "优于全区水平".into(),
            "a \"better than\" target needs the region's id: write it as a table, \
             { better_than = \"<region id>\" }"
                .into()
        )
    );
}

#[test]
fn error_spans_are_bytes_of_the_original() {
    // Leading whitespace and CJK before the error shift the span.
    let s = "  达到95％abc";
    let e = parse_target(s).unwrap_err();
    assert_eq!(&s[e.span.clone()], "abc");
    assert_eq!(e.span, 13..16); // 2 spaces + 达到 (6) + 95 (2) + ％ (3)
}
