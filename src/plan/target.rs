//! Target expressions: the text a plan writes in `target = "…"` and in
//! `milestones`, parsed into a [`TargetExpr`] before anything knows the
//! baseline or the direction (`docs/plan-format.md#target-expressions`).
//!
//! The parser ([`parser`]) is a small hand-written scanner over the original
//! string. It is generous in what it accepts (ASCII and full-width symbols,
//! Chinese and English words, `%` and the indicator's own unit as
//! decoration) and precise in what it rejects: every [`TargetError`]
//! carries the byte range of the offending characters in the string it was
//! given, always on `char` boundaries, so callers can slice
//! `&text[err.span.clone()]` and underline it; one that is no known form
//! also lists the forms ([`forms`]) with the closest one. Invariants:
//! - no input panics (the scanner only slices at boundaries it has seen);
//! - numbers keep the scale they were written with (`"95.0"` has scale 1);
//! - a `%` after a number is decoration, except in a signed `+N%`/`-N%` or
//!   after a change word (`增长10%`), where it makes a relative change;
//! - a leading `+`/`-` without a comparator or reach word means a change, so
//!   a negative level has to be written `">= -3"` or `"达到-3"`;
//! - Chinese comparators follow 民法典 第一千二百五十九条: `以上`, `以下`,
//!   `以内`, `不低于`, `不超过` … include the number; `超过`, `高于`, `低于`,
//!   `不满` … exclude it;
//! - a reference region is kept as written (`"全国平均水平"`): only the plan
//!   loader knows the regions, and replaces it with the region's id.
use rust_decimal::Decimal;
use std::ops::Range;

mod forms;
mod number;
mod parser;
mod vocab;
mod words;

use number::{PERCENT, scan_number};
use parser::Parser;

/// A comparison against a level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Op {
    /// at least (inclusive)
    Ge,
    /// more than (strict)
    Gt,
    /// at most (inclusive)
    Le,
    /// less than (strict)
    Lt,
}

impl Op {
    /// The ASCII symbol: `">="`, `">"`, `"<="` or `"<"`.
    pub fn symbol(&self) -> &'static str {
        match self {
            Op::Ge => ">=",
            Op::Gt => ">",
            Op::Le => "<=",
            Op::Lt => "<",
        }
    }

    /// The symbol people read: `"≥"`, `">"`, `"≤"` or `"<"`.
    pub fn glyph(&self) -> &'static str {
        match self {
            Op::Ge => "≥",
            Op::Gt => ">",
            Op::Le => "≤",
            Op::Lt => "<",
        }
    }

    /// Whether `value` satisfies the comparison against `level`.
    pub fn holds(&self, value: Decimal, level: Decimal) -> bool {
        match self {
            Op::Ge => value >= level,
            Op::Gt => value > level,
            Op::Le => value <= level,
            Op::Lt => value < level,
        }
    }
}

/// Which way is better for an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    Up,
    Down,
}

impl Direction {
    /// `"up"` or `"down"`, as written in a plan.
    pub fn as_str(&self) -> &'static str {
        match self {
            Direction::Up => "up",
            Direction::Down => "down",
        }
    }
}

/// How every period must compare with the one before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Monotone {
    /// Never lower than the period before (`逐年只增不减`).
    NonDecreasing,
    /// Never higher (`逐年只减不增`).
    NonIncreasing,
    /// Strictly higher than the period before (`逐年提高`).
    Increasing,
    /// Strictly lower (`逐年下降`).
    Decreasing,
}

impl Monotone {
    /// Whether the rule asks for higher values.
    pub fn rises(self) -> bool {
        matches!(self, Monotone::NonDecreasing | Monotone::Increasing)
    }

    /// Whether a step that stays level breaks the rule.
    pub fn strict(self) -> bool {
        matches!(self, Monotone::Increasing | Monotone::Decreasing)
    }

    /// Whether the step from `before` to `after` keeps the rule.
    pub fn holds(self, before: Decimal, after: Decimal) -> bool {
        match self {
            Monotone::NonDecreasing => after >= before,
            Monotone::NonIncreasing => after <= before,
            Monotone::Increasing => after > before,
            Monotone::Decreasing => after < before,
        }
    }

    /// The rule as the `every_period` key of a plan writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Monotone::NonDecreasing => "non-decreasing",
            Monotone::NonIncreasing => "non-increasing",
            Monotone::Increasing => "increasing",
            Monotone::Decreasing => "decreasing",
        }
    }

    /// The rule from the `every_period` key's value.
    pub fn parse(s: &str) -> Option<Monotone> {
        [
            Monotone::NonDecreasing,
            Monotone::NonIncreasing,
            Monotone::Increasing,
            Monotone::Decreasing,
        ]
        .into_iter()
        .find(|m| m.as_str() == s)
    }
}

/// A target as written, before it is resolved against a baseline and direction.
#[derive(Debug, Clone, PartialEq)]
pub enum TargetExpr {
    /// "95", "达到95%", 95 — reach the level: >= when the direction is up, <= when down.
    /// (In `%` units a level of 100 can only be reached from below and 0
    /// from above: "保持100%" from 100 is ≥ 100; the loader sets the direction.)
    Reach(Decimal),
    /// ">= 92", "≥92%", "不低于92%", "92%以上", "超过92%", "< 60", "低于60" …
    Compare(Op, Decimal),
    /// "90..95", "90–95" — bounds inclusive (lo <= hi; "95..90" is an error)
    Range(Decimal, Decimal),
    /// "+5pp", "提高5个百分点", "-2pp", "降低2个百分点" — baseline + delta (signed)
    DeltaPoints(Decimal),
    /// "+10%", "-20%", "增长10%", "下降20%" — baseline × (1 + pct/100) (pct signed, e.g. -20);
    /// also "翻一番" (+100%), "翻两番" (+300%), "增长1倍" (+100%).
    DeltaPercent(Decimal),
    /// "maintain", "保持" — not worse than the baseline
    Maintain,
    /// "优于全区水平", { better_than = "inner-mongolia" } — strictly better than
    /// the same indicator's value for that region in the same period. After
    /// loading, the region's id; from [`parse_target`], the words as written.
    BetterThan(String),
    /// "达到全国平均水平", "不低于全区水平", { at_least = "china" } — at least as
    /// good as the reference region's value in the same period (≥ up, ≤ down).
    AtLeast(String),
    /// "高于全国平均水平", { above = "china" } — strictly better than the
    /// reference region's value (> up, < down).
    Above(String),
    /// { every_period = "non-decreasing" | "non-increasing" | "increasing" |
    /// "decreasing" } (built by the plan loader); the strings "逐年只增不减",
    /// "逐年只减不增", "逐年提高", "逐年下降" … also parse to it.
    EveryPeriod(Monotone),
    /// "持续提高", "稳步提高", "不断提高" (up), "持续下降" (down): strictly
    /// better than the baseline at the deadline.
    Improve(Direction),
    /// "95%左右", "约95%" — within the level ± the indicator's tolerance.
    About(Decimal),
    /// "全覆盖", "实现全覆盖" — 100 (≥), in `%` units only.
    FullCoverage,
    /// "消除", "清零" — 0 (≤); "基本消除" (`nearly`) — at most the tolerance.
    Eliminate { nearly: bool },
    /// No numeric target: judged on the direction of travel alone (an
    /// indicator without `target` under method `cagr`, docs/methods.md#cagr).
    Trend,
    /// No target of its own, and sub-indicators: a heading (其中 rows
    /// follow it), not assessed.
    Heading,
}

impl TargetExpr {
    /// The direction a level target implies from where the series starts:
    /// up to a level above the baseline, down to one below it.
    pub fn direction_from(&self, baseline: Decimal) -> Option<Direction> {
        match self {
            TargetExpr::Reach(v) | TargetExpr::About(v) if *v != baseline => {
                Some(if *v > baseline {
                    Direction::Up
                } else {
                    Direction::Down
                })
            }
            TargetExpr::Range(lo, _) if baseline < *lo => Some(Direction::Up),
            TargetExpr::Range(_, hi) if baseline > *hi => Some(Direction::Down),
            _ => None,
        }
    }

    /// The direction the expression itself implies, if any: Compare Ge/Gt -> Up,
    /// Le/Lt -> Down; a positive change -> Up, a negative one -> Down (zero -> None);
    /// a rising every-period rule, `持续提高` or `全覆盖` -> Up; a falling
    /// one, `持续下降` or `消除` -> Down; anything else -> None.
    pub fn implied_direction(&self) -> Option<Direction> {
        match self {
            TargetExpr::Compare(Op::Ge | Op::Gt, _) => Some(Direction::Up),
            TargetExpr::Compare(Op::Le | Op::Lt, _) => Some(Direction::Down),
            TargetExpr::DeltaPoints(d) | TargetExpr::DeltaPercent(d) => {
                if d.is_zero() {
                    None
                } else if d.is_sign_positive() {
                    Some(Direction::Up)
                } else {
                    Some(Direction::Down)
                }
            }
            TargetExpr::EveryPeriod(m) if m.rises() => Some(Direction::Up),
            TargetExpr::EveryPeriod(_) => Some(Direction::Down),
            TargetExpr::Improve(d) => Some(*d),
            TargetExpr::FullCoverage => Some(Direction::Up),
            TargetExpr::Eliminate { .. } => Some(Direction::Down),
            TargetExpr::Reach(_)
            | TargetExpr::Range(_, _)
            | TargetExpr::About(_)
            | TargetExpr::Maintain
            | TargetExpr::BetterThan(_)
            | TargetExpr::AtLeast(_)
            | TargetExpr::Above(_)
            | TargetExpr::Trend
            | TargetExpr::Heading => None,
        }
    }

    /// The reference region of `better_than`, `at_least` and `above`.
    pub fn region(&self) -> Option<&str> {
        match self {
            TargetExpr::BetterThan(r) | TargetExpr::AtLeast(r) | TargetExpr::Above(r) => Some(r),
            _ => None,
        }
    }

    /// The reference region, to replace (the loader puts the id in place
    /// of the words).
    pub fn region_mut(&mut self) -> Option<&mut String> {
        match self {
            TargetExpr::BetterThan(r) | TargetExpr::AtLeast(r) | TargetExpr::Above(r) => Some(r),
            _ => None,
        }
    }
}

/// A target string that does not parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct TargetError {
    pub message: String,
    /// byte range inside the expression string of the characters that do not parse
    pub span: Range<usize>,
    /// What to write instead: for a form that is not understood, the forms
    /// that are, and the closest; for a unit, the indicator's.
    pub help: Option<String>,
    /// The text is no form of target (`help` lists the forms): a caller
    /// reporting many may list them once and give `closest` after that.
    pub unknown_form: bool,
    /// For a form not understood, the form nearest to the text, if any.
    pub closest: Option<String>,
}

/// Parse a target string as written in a plan, without knowing the
/// indicator (a unit after a number is then an unexpected word).
pub fn parse_target(text: &str) -> Result<TargetExpr, TargetError> {
    parse_target_in(text, None)
}

/// Parse a target string of an indicator whose unit is `unit` (`Some("")`
/// for none): the unit written after a number is decoration (`"12.3年以上"`
/// for unit `年`), another unit an error naming both.
pub fn parse_target_in(text: &str, unit: Option<&str>) -> Result<TargetExpr, TargetError> {
    let start = text.len() - text.trim_start().len();
    let end = text.trim_end().len();
    if start >= end {
        return Err(error("empty target".to_string(), 0..0));
    }
    Parser {
        text,
        pos: start,
        end,
        unit,
    }
    .target()
}

/// Parse a number as written in data or a plan: "94.4", "94.4%", "-3",
/// "1,234.5" (ASCII thousands separators only when grouped in threes),
/// full-width digits/point/percent/minus ("９４．４％"), surrounding whitespace.
/// Returns the exact Decimal with the scale as written ("95.0" keeps scale 1).
/// Exponents ("1e5"), a bare point (".5", "5.") and anything else give None.
pub fn parse_number(text: &str) -> Option<Decimal> {
    let text = text.trim();
    let number = scan_number(text, 0)?;
    let rest = text[number.span.end..].trim_start();
    let rest = rest.strip_prefix(PERCENT).unwrap_or(rest);
    if rest.is_empty() { number.value } else { None }
}

/// A value of an indicator whose unit is `unit`, as a plan writes it: a
/// number, or a number followed by the unit (`"11.4年"` for unit `年`).
pub fn parse_value(text: &str, unit: &str) -> Option<Decimal> {
    if let Some(n) = parse_number(text) {
        return Some(n);
    }
    let unit = unit.trim();
    if unit.is_empty() {
        return None;
    }
    parse_number(text.trim().strip_suffix(unit)?)
}

/// How the plans' own tables write "no value": `——`, `—`, `-`, `/`.
pub fn is_no_value(text: &str) -> bool {
    matches!(
        text.trim(),
        "——" | "—" | "-" | "/" | "－" | "／" | "--" | "—-" | "－－"
    )
}

fn error(message: String, span: Range<usize>) -> TargetError {
    TargetError {
        message,
        span,
        help: None,
        unknown_form: false,
        closest: None,
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_forms;
