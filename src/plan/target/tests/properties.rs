//! Properties (proptest): a number written into a target (`>=`, `达到…%`, a
//! range) or alone reads back with its value and scale; no input makes the
//! parser panic or point outside the text.

use super::*;
use proptest::prelude::*;

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
