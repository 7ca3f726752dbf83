//! Points packed into 32-bit words, so that ten million values fit in a
//! few tens of megabytes.
//!
//! A period code orders exactly as [`Period`] does (by the end of the
//! period, then the coarser unit first), so sorting codes sorts periods.
//! A value code holds a small decimal inline (a 27-bit signed mantissa and
//! a scale up to 15) or, with the top bit set, an index into a side table
//! of full decimals: every value round-trips exactly, scale included.

use rust_decimal::Decimal;

use crate::period::Period;

/// `Period` as an order-preserving `u32`:
/// `year << 11 | month << 7 | day << 2 | (3 − unit)`, from the period's end.
pub fn period_code(p: Period) -> Option<u32> {
    let (y, m, d) = p.end();
    let unit = match p {
        Period::Year(_) => 3,
        Period::Quarter(..) => 2,
        Period::Month(..) => 1,
        Period::Day(..) => 0,
    };
    let y = u32::try_from(y).ok().filter(|&y| y < 1 << 20)?;
    Some(y << 11 | u32::from(m) << 7 | u32::from(d) << 2 | unit)
}

/// The period of a code made by [`period_code`].
pub fn period_of(code: u32) -> Period {
    let y = (code >> 11) as i32;
    let m = ((code >> 7) & 0xf) as u8;
    let d = ((code >> 2) & 0x1f) as u8;
    match code & 3 {
        3 => Period::Year(y),
        2 => Period::Quarter(y, m / 3),
        1 => Period::Month(y, m),
        _ => Period::Day(y, m, d),
    }
}

const OVERFLOW: u32 = 1 << 31;
const MANTISSA_BITS: u32 = 27;
const MANTISSA_MAX: i64 = (1 << (MANTISSA_BITS - 1)) - 1;

/// The inline code of a small decimal; `None` when it needs the side table
/// (large mantissa, scale over 15, or a negative zero, kept as written).
pub fn small_value(mantissa: i64, scale: u32) -> Option<u32> {
    if scale > 15 || !(-MANTISSA_MAX..=MANTISSA_MAX).contains(&mantissa) {
        return None;
    }
    let m = (mantissa as u32) & ((1 << MANTISSA_BITS) - 1);
    Some(scale << MANTISSA_BITS | m)
}

/// The code of any decimal: inline when small, else pushed onto `overflow`.
pub fn value_code(v: Decimal, overflow: &mut Vec<Decimal>) -> u32 {
    let m = v.mantissa();
    let inline = i64::try_from(m)
        .ok()
        .filter(|_| !(m == 0 && v.is_sign_negative()))
        .and_then(|m| small_value(m, v.scale()));
    match inline {
        Some(c) => c,
        None => {
            overflow.push(v);
            OVERFLOW | (overflow.len() - 1) as u32
        }
    }
}

/// Whether a code refers to the side table, and at which index.
pub fn overflow_index(code: u32) -> Option<usize> {
    (code & OVERFLOW != 0).then_some((code & !OVERFLOW) as usize)
}

/// A code whose side-table index is moved by `offset` (merging tables).
pub fn shift_overflow(code: u32, offset: usize) -> u32 {
    match overflow_index(code) {
        Some(i) => OVERFLOW | (i + offset) as u32,
        None => code,
    }
}

/// The decimal of a code.
pub fn value_of(code: u32, overflow: &[Decimal]) -> Decimal {
    if let Some(i) = overflow_index(code) {
        return overflow[i];
    }
    let scale = code >> MANTISSA_BITS;
    // Sign-extend the 27-bit mantissa.
    let m = ((code << (32 - MANTISSA_BITS)) as i32) >> (32 - MANTISSA_BITS);
    Decimal::new(i64::from(m), scale)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn periods() -> impl Strategy<Value = Period> {
        prop_oneof![
            (0i32..=9999).prop_map(Period::Year),
            (0i32..=9999, 1u8..=4).prop_map(|(y, q)| Period::Quarter(y, q)),
            (0i32..=9999, 1u8..=12).prop_map(|(y, m)| Period::Month(y, m)),
            (0i32..=9999, 1u8..=12, 1u8..=28).prop_map(|(y, m, d)| Period::Day(y, m, d)),
        ]
    }

    proptest! {
        #[test]
        fn period_codes_round_trip_and_keep_order(a in periods(), b in periods()) {
            let (ca, cb) = (period_code(a).unwrap(), period_code(b).unwrap());
            prop_assert_eq!(period_of(ca), a);
            prop_assert_eq!(ca.cmp(&cb), a.cmp(&b));
        }

        #[test]
        fn value_codes_round_trip_exactly(m in any::<i64>(), scale in 0u32..=28) {
            let v = Decimal::new(m, scale);
            let mut side = Vec::new();
            let c = value_code(v, &mut side);
            let back = value_of(c, &side);
            prop_assert_eq!(back, v);
            prop_assert_eq!(back.scale(), v.scale());
            prop_assert_eq!(back.to_string(), v.to_string());
        }
    }

    #[test]
    fn small_values_stay_inline_and_negative_zero_does_not() {
        let mut side = Vec::new();
        for s in [
            "60.7",
            "-3",
            "0",
            "67108863",
            "-67108863",
            "0.000000000000001",
        ] {
            let v: Decimal = s.parse().unwrap();
            let c = value_code(v, &mut side);
            assert!(overflow_index(c).is_none(), "{s}");
            assert_eq!(value_of(c, &side).to_string(), s);
        }
        assert!(side.is_empty());
        let mut neg_zero = Decimal::ZERO;
        neg_zero.set_sign_negative(true);
        let c = value_code(neg_zero, &mut side);
        assert_eq!(overflow_index(c), Some(0));
        assert!(value_of(c, &side).is_sign_negative());
    }
}
