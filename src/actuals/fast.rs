//! Allocation-free readers for the common shapes of a value (`94.4`,
//! `-3`, `94.4%`) and a period (`2023`).
//!
//! They accept a strict subset of what [`crate::plan::parse_number`] and
//! [`Period::parse`] accept and give exactly the same result there; any
//! other text returns `None` and the caller takes the general reader.

use crate::period::Period;

/// `[+-]?digits(.digits)?%?` with at most 18 digits: the mantissa and
/// scale of the exact decimal as written (zero is never negative).
pub fn number(b: &[u8]) -> Option<(i64, u32)> {
    let b = b.strip_suffix(b"%").unwrap_or(b);
    let (negative, b) = match b.first()? {
        b'-' => (true, &b[1..]),
        b'+' => (false, &b[1..]),
        _ => (false, b),
    };
    let (mut m, mut digits, mut scale, mut point) = (0i64, 0u32, 0u32, false);
    for (i, &c) in b.iter().enumerate() {
        match c {
            // At most 18 digits: the mantissa never overflows.
            b'0'..=b'9' if digits < 18 => {
                m = m * 10 + i64::from(c - b'0');
                digits += 1;
                scale += u32::from(point);
            }
            // A point only between digits, once.
            b'.' if !point && i > 0 && i + 1 < b.len() => point = true,
            _ => return None,
        }
    }
    if digits == 0 {
        return None;
    }
    Some((if negative { -m } else { m }, scale))
}

/// Four ASCII digits: a year.
pub fn year(b: &[u8]) -> Option<Period> {
    match b {
        [a, b, c, d] if [a, b, c, d].iter().all(|x| x.is_ascii_digit()) => {
            let y = [a, b, c, d]
                .iter()
                .fold(0i32, |y, &&x| y * 10 + i32::from(x - b'0'));
            Some(Period::Year(y))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::parse_number;
    use proptest::prelude::*;
    use rust_decimal::Decimal;

    fn same_as_general(s: &str) {
        if let Some((m, scale)) = number(s.as_bytes()) {
            let general = parse_number(s).expect(s);
            let fast = Decimal::new(m, scale);
            assert_eq!(fast, general, "{s}");
            assert_eq!(fast.to_string(), general.to_string(), "{s}");
        }
    }

    #[test]
    fn common_shapes() {
        assert_eq!(number(b"94.4"), Some((944, 1)));
        assert_eq!(number(b"94.4%"), Some((944, 1)));
        assert_eq!(number(b"-3"), Some((-3, 0)));
        assert_eq!(number(b"+3.50"), Some((350, 2)));
        for bad in [
            "", "-", ".5", "5.", "1.2.3", "1,234", " 5", "5 ", "1e5", "%",
        ] {
            assert_eq!(number(bad.as_bytes()), None, "{bad}");
        }
        for s in ["0", "-0", "-0.0", "007", "94.40", "123456789012345678"] {
            same_as_general(s);
        }
        assert_eq!(year(b"2023"), Some(Period::Year(2023)));
        assert_eq!(year(b"2023 "), None);
    }

    proptest! {
        #[test]
        fn agrees_with_the_general_reader(s in "[-+]?[0-9]{0,20}(\\.[0-9]{0,6})?%?") {
            same_as_general(&s);
        }

        #[test]
        fn years_agree(s in "[0-9]{4}") {
            prop_assert_eq!(year(s.as_bytes()), Period::parse(&s).ok());
        }
    }
}
