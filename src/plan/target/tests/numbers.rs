//! `parse_number`: the number forms accepted and refused.

use super::*;

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
