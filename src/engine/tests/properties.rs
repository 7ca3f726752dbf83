//! Properties (proptest): the gap is never negative, raising the latest value
//! never worsens the status, and decimals convert to the nearest f64.

use proptest::prelude::*;
use rust_decimal::Decimal;

use super::{one_of, plan1, rows};
use crate::engine::{Assessment, Status};

/// A decimal with one decimal place in 0.0..=100.0.
fn tenth(i: i64) -> Decimal {
    Decimal::new(i, 1)
}

fn prop_assess(target: &str, b: Decimal, y: Decimal, as_of: &str) -> Assessment {
    let toml = plan1(target, Some(&b.to_string()), Some("up"), "%");
    one_of(&toml, &rows(&[("2023", &y.to_string())]), as_of)
}

proptest! {
    #[test]
    fn gap_is_never_negative_and_zero_when_achieved(
        (b, t) in (0i64..1000).prop_flat_map(|b| (Just(b), (b + 1)..=1000)),
        y in 0i64..=1000,
    ) {
        let (b, t, y) = (tenth(b), tenth(t), tenth(y));
        let a = prop_assess(&format!(">= {t}"), b, y, "2023");
        let gap = a.gap.expect("a gap");
        prop_assert!(gap >= Decimal::ZERO, "gap {} for b {} T {} y {}", gap, b, t, y);
        if a.status == Status::Achieved {
            prop_assert_eq!(gap, Decimal::ZERO);
        }
        if y >= t {
            prop_assert_eq!(a.status, Status::Achieved);
        } else {
            prop_assert_eq!(gap, t - y);
        }
    }

    #[test]
    fn raising_the_latest_value_never_worsens_the_status(
        b in 0i64..=1000,
        t in 0i64..=1000,
        y1 in 0i64..=1000,
        y2 in 0i64..=1000,
        form in 0usize..3,
        as_of in prop::sample::select(vec!["2023", "2026"]),
    ) {
        let (y1, y2) = (y1.min(y2), y1.max(y2));
        let (b, t, y1, y2) = (tenth(b), tenth(t), tenth(y1), tenth(y2));
        let target = match form {
            0 => format!(">= {t}"),
            1 => format!("> {t}"),
            _ => format!("{t}"),
        };
        let low = prop_assess(&target, b, y1, as_of);
        let high = prop_assess(&target, b, y2, as_of);
        if let (Some(rl), Some(rh)) = (low.status.severity(), high.status.severity()) {
            prop_assert!(
                rh <= rl,
                "target {} from {} as of {}: {} gives {} but {} gives {}",
                target, b, as_of, y1, low.status, y2, high.status
            );
        }
    }
}

proptest! {
    #[test]
    fn floats_of_decimals_are_to_f64s(m in -(1i64 << 49)..(1i64 << 49), scale in 0u32..=28) {
        let d = Decimal::new(m, scale);
        let slow = rust_decimal::prelude::ToPrimitive::to_f64(&d);
        prop_assert_eq!(crate::engine::arith::f64_of(d).map(f64::to_bits), slow.map(f64::to_bits));
    }

    #[test]
    fn floats_of_short_decimals_are_to_f64s(m in -1_000_000i64..1_000_000, scale in 0u32..=28) {
        let d = Decimal::new(m, scale);
        let slow = rust_decimal::prelude::ToPrimitive::to_f64(&d);
        prop_assert_eq!(crate::engine::arith::f64_of(d).map(f64::to_bits), slow.map(f64::to_bits));
    }
}
