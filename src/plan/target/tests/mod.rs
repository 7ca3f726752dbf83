//! Unit tests of [`super`].
//!
//! One module per topic; this file holds the helpers they share.

use super::*;
use std::str::FromStr;

mod changes;
mod direction;
mod errors;
mod levels;
mod numbers;
mod properties;

pub(super) fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

pub(super) fn ok(s: &str) -> TargetExpr {
    match parse_target(s) {
        Ok(e) => e,
        Err(e) => panic!("{s:?} should parse, got {e:?}"),
    }
}

/// The offending text and the message.
pub(super) fn err(s: &str) -> (String, String) {
    match parse_target(s) {
        Ok(e) => panic!("{s:?} should not parse, got {e:?}"),
        Err(e) => (s[e.span.clone()].to_string(), e.message),
    }
}

pub(super) fn reach(s: &str) -> TargetExpr {
    TargetExpr::Reach(d(s))
}
pub(super) fn cmp(op: Op, s: &str) -> TargetExpr {
    TargetExpr::Compare(op, d(s))
}
