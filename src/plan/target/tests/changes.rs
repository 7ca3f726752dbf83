//! Targets relative to the baseline (signed and worded changes, told apart from
//! a level to reach), maintain and every-period words.

use super::*;

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
