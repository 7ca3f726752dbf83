//! Targets that name a level: plain numbers and words to reach, comparators
//! (symbols, Chinese prefixes and suffixes, English) and ranges.

use super::*;

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
