use super::*;
use proptest::prelude::*;

#[test]
fn rounds_for_display_only_away_from_zero() {
    assert_eq!(round(Decimal::new(1235, 3), 2).to_string(), "1.24");
    assert_eq!(round(Decimal::new(-1235, 3), 2).to_string(), "-1.24");
    assert_eq!(round(Decimal::new(920, 1), 2).to_string(), "92.0");
    assert_eq!(percent(Decimal::new(7, 1)), "70.0%");
    assert_eq!(percent(Decimal::new(2, 0) / Decimal::new(3, 0)), "66.7%");
    assert_eq!(rate(0.012345), "1.23%");
}

// --- What `expression` writes parses back (docs/plan-format.md#target-expressions)

use crate::actuals::{Actuals, ActualsReader};
use crate::engine::Context;
use crate::plan::{Direction, Op, parse_plan};

const REGIONS: &str = "[[region]]\nid = \"xilingol\"\nname = \"锡林郭勒盟\"\nname_en = \"Xilingol\"\n\n\
     [[region]]\nid = \"inner-mongolia\"\nname = \"内蒙古自治区\"\nname_en = \"Inner Mongolia\"\n\
     aliases = [\"全区\"]\n\n\
     [[region]]\nid = \"china\"\nname = \"全国\"\nname_en = \"China\"\n";

/// A plan of one indicator `x` in `unit` whose target is `target`
/// written as a TOML literal string.
fn plan_of(target: &str, unit: &str, direction: Option<Direction>) -> Plan {
    let direction = direction.map_or(String::new(), |d| {
        format!("direction = \"{}\"\n", d.as_str())
    });
    let toml = format!(
        "[plan]\nid = \"p\"\nname = \"P\"\nbaseline = 2020\ntarget = 2025\nregion = \"xilingol\"\n\n\
         {REGIONS}\n[[indicator]]\nid = \"x\"\nunit = \"{unit}\"\ntarget = '{target}'\n{direction}"
    );
    match parse_plan(&toml, "plan.toml") {
        Ok((plan, _)) => plan,
        Err(e) => panic!("{target:?} in {unit:?} does not load: {e:?}"),
    }
}

fn empty(plan: &Plan) -> Actuals {
    ActualsReader::new(plan).finish().expect("no rows").0
}

/// The target written back, without what it resolves to.
fn written(expr: &TargetExpr, unit: &str, lang: Lang) -> String {
    let mut plan = plan_of("95", unit, Some(Direction::Up));
    plan.indicators[0].target = expr.clone();
    let actuals = empty(&plan);
    let ctx = Context {
        plan: &plan,
        actuals: &actuals,
        as_of: Period::Year(2023),
        method: None,
        keep_points: false,
    };
    let a = ctx.assess(0, None);
    expression(expr, None, &plan.indicators[0], &a, &plan, lang)
}

fn round_trip(expr: &TargetExpr, unit: &str, lang: Lang) -> Result<(), TestCaseError> {
    let text = written(expr, unit, lang);
    // The plan must not be left guessing: a direction when the
    // target itself gives none.
    let direction = expr.implied_direction().is_none().then_some(Direction::Up);
    let back = plan_of(&text, unit, direction).indicators[0].target.clone();
    prop_assert_eq!(&back, expr, "{:?} written {:?} in {:?}", expr, text, unit);
    Ok(())
}

fn level() -> impl Strategy<Value = Decimal> {
    (-100_000i64..1_000_000, 0u32..=3).prop_map(|(m, s)| Decimal::new(m, s))
}

fn share() -> impl Strategy<Value = Decimal> {
    (0i64..=1000, 0u32..=1).prop_map(|(m, s)| Decimal::new(m, s))
}

/// Every target a plan can write (not `Trend` and `Heading`, which are
/// no text), in `%` units.
fn targets() -> impl Strategy<Value = TargetExpr> {
    let op = prop::sample::select(vec![Op::Ge, Op::Gt, Op::Le, Op::Lt]);
    let region = prop::sample::select(vec!["inner-mongolia".to_string(), "china".to_string()]);
    let monotone = prop::sample::select(vec![
        Monotone::NonDecreasing,
        Monotone::NonIncreasing,
        Monotone::Increasing,
        Monotone::Decreasing,
    ]);
    let direction = prop::sample::select(vec![Direction::Up, Direction::Down]);
    prop_oneof![
        share().prop_map(TargetExpr::Reach),
        (op, share()).prop_map(|(op, v)| TargetExpr::Compare(op, v)),
        (share(), share()).prop_map(|(a, b)| TargetExpr::Range(a.min(b), a.max(b))),
        (-50i64..50).prop_map(|d| TargetExpr::DeltaPoints(Decimal::new(d, 1))),
        (-1000i64..3000).prop_map(|p| TargetExpr::DeltaPercent(Decimal::new(p, 1))),
        Just(TargetExpr::Maintain),
        region.clone().prop_map(TargetExpr::BetterThan),
        region.clone().prop_map(TargetExpr::AtLeast),
        region.prop_map(TargetExpr::Above),
        monotone.prop_map(TargetExpr::EveryPeriod),
        direction.prop_map(TargetExpr::Improve),
        share().prop_map(TargetExpr::About),
        Just(TargetExpr::FullCoverage),
        any::<bool>().prop_map(|nearly| TargetExpr::Eliminate { nearly }),
    ]
}

/// Levels in another unit (with negative ones, and no change in points:
/// `+5` in a count is written without a unit, and reads as a change
/// without one).
fn targets_in_a_count() -> impl Strategy<Value = TargetExpr> {
    let op = prop::sample::select(vec![Op::Ge, Op::Gt, Op::Le, Op::Lt]);
    prop_oneof![
        level().prop_map(TargetExpr::Reach),
        (op, level()).prop_map(|(op, v)| TargetExpr::Compare(op, v)),
        (level(), level()).prop_map(|(a, b)| TargetExpr::Range(a.min(b), a.max(b))),
        level().prop_map(TargetExpr::About),
        (-1000i64..3000).prop_map(|p| TargetExpr::DeltaPercent(Decimal::new(p, 1))),
        Just(TargetExpr::Eliminate { nearly: true }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn what_is_written_parses_back(expr in targets(), en in any::<bool>()) {
        let lang = if en { Lang::En } else { Lang::Zh };
        round_trip(&expr, "%", lang)?;
    }

    #[test]
    fn what_is_written_parses_back_in_other_units(
        expr in targets_in_a_count(),
        unit in prop::sample::select(vec!["年", "万人", "所", ""]),
        en in any::<bool>(),
    ) {
        let lang = if en { Lang::En } else { Lang::Zh };
        round_trip(&expr, unit, lang)?;
    }
}

#[test]
fn the_new_forms_in_words() {
    let zh = |e: TargetExpr| written(&e, "%", Lang::Zh);
    let en = |e: TargetExpr| written(&e, "%", Lang::En);
    let at_least = || TargetExpr::AtLeast("china".into());
    assert_eq!(zh(at_least()), "不低于全国水平");
    assert_eq!(en(at_least()), "at least the level of China");
    assert_eq!(
        zh(TargetExpr::Above("inner-mongolia".into())),
        "高于内蒙古自治区水平"
    );
    assert_eq!(zh(TargetExpr::Improve(Direction::Up)), "持续提高");
    assert_eq!(
        en(TargetExpr::Improve(Direction::Down)),
        "lower than the baseline"
    );
    assert_eq!(
        zh(TargetExpr::EveryPeriod(Monotone::Increasing)),
        "逐年提高"
    );
    assert_eq!(zh(TargetExpr::About(Decimal::new(95, 0))), "95%左右");
    assert_eq!(
        en(TargetExpr::About(Decimal::new(95, 0))),
        "approximately 95%"
    );
    assert_eq!(zh(TargetExpr::FullCoverage), "全覆盖");
    assert_eq!(zh(TargetExpr::Eliminate { nearly: true }), "基本消除");
    assert_eq!(zh(TargetExpr::Reach(Decimal::new(-3, 0))), "达到-3%");
    assert_eq!(written(&TargetExpr::Heading, "%", Lang::Zh), "");
}
