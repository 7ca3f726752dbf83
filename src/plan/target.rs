//! Target expressions: the text a plan writes in `target = "…"` and in
//! `milestones`, parsed into a [`TargetExpr`] before anything knows the
//! baseline or the direction (`docs/plan-format.md#target-expressions`).
//!
//! The parser is a small hand-written scanner over the original string. It is
//! generous in what it accepts (ASCII and full-width symbols, Chinese and
//! English words, `%` as decoration) and precise in what it rejects: every
//! [`TargetError`] carries the byte range of the offending characters in the
//! string it was given, always on `char` boundaries, so callers can slice
//! `&text[err.span.clone()]` and underline it. Invariants:
//! - no input panics (the scanner only slices at boundaries it has seen);
//! - numbers keep the scale they were written with (`"95.0"` has scale 1);
//! - a `%` after a number is decoration, except in a signed `+N%`/`-N%` or
//!   after a change word (`增长10%`), where it makes a relative change;
//! - a leading `+`/`-` without a comparator or reach word means a change, so
//!   a negative level has to be written `">= -3"` or `"达到-3"`;
//! - Chinese comparators follow 民法典 第一千二百五十九条: `以上`, `以下`,
//!   `以内`, `不低于`, `不超过` … include the number; `超过`, `高于`, `低于`,
//!   `不满` … exclude it.
use rust_decimal::Decimal;
use std::ops::Range;

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
    NonDecreasing,
    NonIncreasing,
}

/// A target as written, before it is resolved against a baseline and direction.
#[derive(Debug, Clone, PartialEq)]
pub enum TargetExpr {
    /// "95", "达到95%", 95 — reach the level: >= when the direction is up, <= when down.
    Reach(Decimal),
    /// ">= 92", "≥92%", "不低于92%", "92%以上", "超过92%", "< 60", "低于60" …
    Compare(Op, Decimal),
    /// "90..95" — bounds inclusive (lo <= hi; "95..90" is an error)
    Range(Decimal, Decimal),
    /// "+5pp", "提高5个百分点", "-2pp", "降低2个百分点" — baseline + delta (signed)
    DeltaPoints(Decimal),
    /// "+10%", "-20%", "增长10%", "下降20%" — baseline × (1 + pct/100) (pct signed, e.g. -20)
    DeltaPercent(Decimal),
    /// "maintain", "保持" — not worse than the baseline
    Maintain,
    /// { better_than = "inner-mongolia" } (built by the plan loader from a TOML table)
    BetterThan(String),
    /// { every_period = "non-decreasing" | "non-increasing" } (built by the plan loader);
    /// the strings "逐年只增不减"/"只增不减" and "逐年只减不增"/"只减不增" also parse to it.
    EveryPeriod(Monotone),
    /// No numeric target: judged on the direction of travel alone (an
    /// indicator without `target` under method `cagr`, `docs/methods.md#without-a-target`).
    Trend,
}

impl TargetExpr {
    /// The direction the expression itself implies, if any: Compare Ge/Gt -> Up,
    /// Le/Lt -> Down; a positive change -> Up, a negative one -> Down (zero -> None);
    /// EveryPeriod NonDecreasing -> Up, NonIncreasing -> Down; anything else -> None.
    /// The direction a level target implies from where the series starts:
    /// up to a level above the baseline, down to one below it.
    pub fn direction_from(&self, baseline: Decimal) -> Option<Direction> {
        match self {
            TargetExpr::Reach(v) if *v != baseline => Some(if *v > baseline {
                Direction::Up
            } else {
                Direction::Down
            }),
            TargetExpr::Range(lo, _) if baseline < *lo => Some(Direction::Up),
            TargetExpr::Range(_, hi) if baseline > *hi => Some(Direction::Down),
            _ => None,
        }
    }

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
            TargetExpr::EveryPeriod(Monotone::NonDecreasing) => Some(Direction::Up),
            TargetExpr::EveryPeriod(Monotone::NonIncreasing) => Some(Direction::Down),
            TargetExpr::Reach(_)
            | TargetExpr::Range(_, _)
            | TargetExpr::Maintain
            | TargetExpr::BetterThan(_)
            | TargetExpr::Trend => None,
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
}

/// Parse a target string as written in a plan.
pub fn parse_target(text: &str) -> Result<TargetExpr, TargetError> {
    let start = text.len() - text.trim_start().len();
    let end = text.trim_end().len();
    if start >= end {
        return Err(error("empty target".to_string(), 0..0));
    }
    Parser {
        text,
        pos: start,
        end,
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

// ---------------------------------------------------------------------------
// Vocabulary. Every table is matched longest-first at the current position
// (so "提高到" wins over "提高", "不低于" over nothing, ">=" over ">"), ASCII
// letters case-insensitively, and a phrase ending in a letter must not run
// into another letter ("over" does not match "overall").

/// Words that only add emphasis: "力争达到95%" is "达到95%".
const EMPHASIS: &[(&str, ())] = &[("力争", ()), ("确保", ()), ("争取", ()), ("努力", ())];

/// What a word before the number does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LeadWord {
    /// "达到", "控制在", "=": the number is the level (Reach unless a suffix comparator follows)
    Reach,
    Cmp(Op),
    /// "提高"/"降低" without 到: a change by the number; `true` when it lowers
    Change(bool),
}

const LEAD_WORDS: &[(&str, LeadWord)] = {
    use LeadWord::{Change, Cmp, Reach};
    &[
        ("=", Reach),
        ("＝", Reach),
        ("==", Reach),
        ("达到", Reach),
        ("达", Reach),
        ("到", Reach),
        ("提高到", Reach),
        ("提高至", Reach),
        ("提升到", Reach),
        ("提升至", Reach),
        ("增加到", Reach),
        ("增加至", Reach),
        ("增长到", Reach),
        ("增长至", Reach),
        ("上升到", Reach),
        ("上升至", Reach),
        ("降低到", Reach),
        ("降低至", Reach),
        ("下降到", Reach),
        ("下降至", Reach),
        ("减少到", Reach),
        ("减少至", Reach),
        ("控制在", Reach),
        ("保持在", Reach),
        ("稳定在", Reach),
        ("维持在", Reach),
        // Alone these mean Maintain (see WHOLE_WORDS); before a number, reach it.
        ("保持", Reach),
        ("维持", Reach),
        ("reach", Reach),
        // Inclusive comparators.
        (">=", Cmp(Op::Ge)),
        ("=>", Cmp(Op::Ge)),
        ("≥", Cmp(Op::Ge)),
        ("≧", Cmp(Op::Ge)),
        ("⩾", Cmp(Op::Ge)),
        ("＞＝", Cmp(Op::Ge)),
        ("＞=", Cmp(Op::Ge)),
        (">＝", Cmp(Op::Ge)),
        ("不低于", Cmp(Op::Ge)),
        ("不少于", Cmp(Op::Ge)),
        ("不小于", Cmp(Op::Ge)),
        ("至少", Cmp(Op::Ge)),
        ("at least", Cmp(Op::Ge)),
        ("no less than", Cmp(Op::Ge)),
        ("not less than", Cmp(Op::Ge)),
        ("no fewer than", Cmp(Op::Ge)),
        ("<=", Cmp(Op::Le)),
        ("=<", Cmp(Op::Le)),
        ("≤", Cmp(Op::Le)),
        ("≦", Cmp(Op::Le)),
        ("⩽", Cmp(Op::Le)),
        ("＜＝", Cmp(Op::Le)),
        ("＜=", Cmp(Op::Le)),
        ("<＝", Cmp(Op::Le)),
        ("不超过", Cmp(Op::Le)),
        ("不高于", Cmp(Op::Le)),
        ("不多于", Cmp(Op::Le)),
        ("不大于", Cmp(Op::Le)),
        ("至多", Cmp(Op::Le)),
        ("at most", Cmp(Op::Le)),
        ("no more than", Cmp(Op::Le)),
        ("not more than", Cmp(Op::Le)),
        // Strict comparators.
        (">", Cmp(Op::Gt)),
        ("＞", Cmp(Op::Gt)),
        ("超过", Cmp(Op::Gt)),
        ("高于", Cmp(Op::Gt)),
        ("大于", Cmp(Op::Gt)),
        ("多于", Cmp(Op::Gt)),
        ("more than", Cmp(Op::Gt)),
        ("greater than", Cmp(Op::Gt)),
        ("higher than", Cmp(Op::Gt)),
        ("above", Cmp(Op::Gt)),
        ("over", Cmp(Op::Gt)),
        ("<", Cmp(Op::Lt)),
        ("＜", Cmp(Op::Lt)),
        ("低于", Cmp(Op::Lt)),
        ("小于", Cmp(Op::Lt)),
        ("少于", Cmp(Op::Lt)),
        ("不满", Cmp(Op::Lt)),
        ("不足", Cmp(Op::Lt)),
        ("less than", Cmp(Op::Lt)),
        ("fewer than", Cmp(Op::Lt)),
        ("lower than", Cmp(Op::Lt)),
        ("below", Cmp(Op::Lt)),
        ("under", Cmp(Op::Lt)),
        // Changes ("提高到" above is a level, "提高" here is a change).
        ("提高", Change(false)),
        ("提升", Change(false)),
        ("增加", Change(false)),
        ("增长", Change(false)),
        ("上升", Change(false)),
        ("降低", Change(true)),
        ("下降", Change(true)),
        ("减少", Change(true)),
    ]
};

/// Comparators written after the number: "92%以上", "5%以内", "92 or more".
const SUFFIX_CMP: &[(&str, Op)] = &[
    ("以上", Op::Ge),
    ("及以上", Op::Ge),
    ("或以上", Op::Ge),
    ("or more", Op::Ge),
    ("or above", Op::Ge),
    ("or higher", Op::Ge),
    ("or greater", Op::Ge),
    ("and above", Op::Ge),
    ("以下", Op::Le),
    ("及以下", Op::Le),
    ("或以下", Op::Le),
    ("以内", Op::Le),
    ("or less", Op::Le),
    ("or below", Op::Le),
    ("or lower", Op::Le),
    ("or fewer", Op::Le),
    ("and below", Op::Le),
];

/// Units of a change in percentage points.
const POINTS: &[(&str, ())] = &[
    ("个百分点", ()),
    ("百分点", ()),
    ("pp", ()),
    ("p.p.", ()),
    ("p.p", ()),
    ("pt", ()),
    ("pts", ()),
    ("percentage point", ()),
    ("percentage points", ()),
];

/// Between the bounds of a range. A dash is deliberately absent: "90-95"
/// and "-5--2" read too easily as negative numbers.
const RANGE_SEPS: &[(&str, ())] = &[
    ("..", ()),
    ("~", ()),
    ("～", ()),
    ("〜", ()),
    ("至", ()),
    ("到", ()),
];

/// Expressions that are a whole word, matched against the entire (trimmed)
/// rest of the string.
const WHOLE_WORDS: &[(&str, TargetWord)] = &[
    ("maintain", TargetWord::Maintain),
    ("keep", TargetWord::Maintain),
    ("保持", TargetWord::Maintain),
    ("维持", TargetWord::Maintain),
    ("持平", TargetWord::Maintain),
    ("保持稳定", TargetWord::Maintain),
    ("不降低", TargetWord::Maintain),
    ("不低于基期", TargetWord::Maintain),
    ("不低于基期水平", TargetWord::Maintain),
    ("逐年只增不减", TargetWord::Every(Monotone::NonDecreasing)),
    ("只增不减", TargetWord::Every(Monotone::NonDecreasing)),
    ("non-decreasing", TargetWord::Every(Monotone::NonDecreasing)),
    ("逐年只减不增", TargetWord::Every(Monotone::NonIncreasing)),
    ("只减不增", TargetWord::Every(Monotone::NonIncreasing)),
    ("non-increasing", TargetWord::Every(Monotone::NonIncreasing)),
];

#[derive(Debug, Clone, Copy)]
enum TargetWord {
    Maintain,
    Every(Monotone),
}

/// "优于全区水平" needs a region id the string does not carry.
const BETTER_THAN: &[(&str, ())] = &[("优于", ()), ("better than", ())];

const PERCENT: [char; 3] = ['%', '％', '﹪'];

const UNKNOWN_HELP: &str = "expected a number, a comparator (>=, >, <=, <, 以上, 超过, …), \
                            a range (90..95), a change (+5pp, +10%) or maintain";

// ---------------------------------------------------------------------------
// Scanner

/// A number as scanned: where it is, whether it had an explicit sign, and its
/// value (None when the characters look like a number but are not one, e.g.
/// "9.5.3" or "1,23").
struct NumTok {
    span: Range<usize>,
    signed: bool,
    value: Option<Decimal>,
}

/// The parse state. `pos` and `end` are byte offsets into `text`, always on
/// char boundaries; `end` excludes trailing whitespace.
struct Parser<'a> {
    text: &'a str,
    pos: usize,
    end: usize,
}

impl<'a> Parser<'a> {
    fn target(&mut self) -> Result<TargetExpr, TargetError> {
        let mut last_word: Option<Range<usize>> = None;
        while let Some(((), word)) = self.eat(EMPHASIS) {
            last_word = Some(word);
            self.skip_ws();
        }
        if let Some(word) = self.whole_word() {
            return Ok(word);
        }
        if self.peek_table(BETTER_THAN) {
            return Err(error(
                "a \"better than\" target needs the region's id: write it as a table, \
                 { better_than = \"<region id>\" }"
                    .to_string(),
                self.pos..self.end,
            ));
        }

        // Words before the number: reach words, at most one comparator, or a
        // change word (which takes over the rest of the parse).
        let mut cmp: Option<(Op, Range<usize>)> = None;
        let mut reach = false;
        while let Some((word, span)) = self.eat(LEAD_WORDS) {
            if let Some((_, first)) = &cmp {
                return Err(error(
                    format!(
                        "unexpected \"{}\" after the comparator \"{}\"; expected a number",
                        self.slice(&span),
                        self.slice(first)
                    ),
                    span,
                ));
            }
            match word {
                LeadWord::Reach => reach = true,
                LeadWord::Cmp(op) => cmp = Some((op, span.clone())),
                LeadWord::Change(lowers) => {
                    if let Some(first) = &last_word.filter(|_| reach) {
                        return Err(error(
                            format!(
                                "a change (\"{}\") cannot follow \"{}\"; write either \
                                 a level (达到95%) or a change (提高5个百分点)",
                                self.slice(&span),
                                self.slice(first)
                            ),
                            span,
                        ));
                    }
                    self.skip_ws();
                    return self.word_change(lowers, span);
                }
            }
            last_word = Some(span);
            self.skip_ws();
        }

        let Some(number) = scan_number(&self.text[..self.end], self.pos) else {
            return Err(match &last_word {
                Some(word) => self.expected_number_after(word),
                None => self.unknown_word(),
            });
        };
        self.pos = number.span.end;
        let value = self.value_of(&number)?;
        let bare = cmp.is_none() && !reach;

        self.skip_ws();
        let percent = self.eat_percent();
        self.skip_ws();

        if let Some(((), sep)) = self.eat(RANGE_SEPS) {
            if let Some((_, first)) = &cmp {
                return Err(error(
                    format!(
                        "a range cannot follow the comparator \"{}\"; write either \"{}\" and one number, or a range",
                        self.slice(first),
                        self.slice(first)
                    ),
                    sep,
                ));
            }
            return self.range(value, number.span.start, sep);
        }

        // A sign with no comparator or reach word makes it a change.
        if bare && number.signed {
            let change = if percent.is_some() {
                TargetExpr::DeltaPercent(value)
            } else if self.eat(POINTS).is_some() {
                TargetExpr::DeltaPoints(value)
            } else {
                let written = self.slice(&number.span).to_string();
                return Err(error(
                    format!(
                        "\"{written}\" is a change without a unit: write {written}pp \
                         (percentage points) or {written}% (relative change); \
                         a negative level needs a comparator, as in \">= -3\""
                    ),
                    number.span,
                ));
            };
            return self.finish_change(change);
        }

        // A level: an optional comparator after the number, then nothing.
        let mut after = "the number".to_string();
        if let Some((op, suffix)) = self.eat(SUFFIX_CMP) {
            if let Some((_, first)) = &cmp {
                return Err(error(
                    format!(
                        "a second comparator \"{}\": \"{}\" already gives one",
                        self.slice(&suffix),
                        self.slice(first)
                    ),
                    suffix,
                ));
            }
            after = format!("\"{}\"", self.slice(&suffix));
            cmp = Some((op, suffix));
            self.skip_ws();
        } else if let Some(((), unit)) = self.peek_eat(POINTS) {
            return Err(error(
                format!(
                    "\"{}\" marks a change: write +5pp, -5pp, 提高5个百分点 or 降低5个百分点",
                    self.slice(&unit)
                ),
                unit,
            ));
        } else if self.at_dash_number() {
            return Err(error(
                format!(
                    "unexpected \"{}\" after the number; write a range as 90..95 \
                     (a dash reads as a minus sign)",
                    self.slice(&(self.pos..self.end))
                ),
                self.pos..self.end,
            ));
        }
        self.expect_end(&after)?;
        Ok(match cmp {
            Some((op, _)) => TargetExpr::Compare(op, value),
            None => TargetExpr::Reach(value),
        })
    }

    /// After "lo[%] <sep>": the upper bound and the end.
    fn range(
        &mut self,
        lo: Decimal,
        start: usize,
        sep: Range<usize>,
    ) -> Result<TargetExpr, TargetError> {
        self.skip_ws();
        let Some(number) = scan_number(&self.text[..self.end], self.pos) else {
            return Err(self.expected_number_after(&sep));
        };
        self.pos = number.span.end;
        let hi = self.value_of(&number)?;
        let mut range_end = self.pos;
        self.skip_ws();
        if self.eat_percent().is_some() {
            range_end = self.pos;
        }
        if lo > hi {
            return Err(error(
                format!("reversed range: {lo} is above {hi}; write the lower bound first"),
                start..range_end,
            ));
        }
        self.skip_ws();
        if let Some((_, suffix)) = self.eat(SUFFIX_CMP) {
            return Err(error(
                format!(
                    "a range takes no comparator: \"{}\" cannot follow it",
                    self.slice(&suffix)
                ),
                suffix,
            ));
        }
        self.expect_end("the range")?;
        Ok(TargetExpr::Range(lo, hi))
    }

    /// After a change word ("提高", "降低" …): an unsigned number and its unit.
    fn word_change(&mut self, lowers: bool, word: Range<usize>) -> Result<TargetExpr, TargetError> {
        let word_text = self.slice(&word).to_string();
        let Some(number) = scan_number(&self.text[..self.end], self.pos) else {
            return Err(self.expected_number_after(&word));
        };
        if number.signed {
            let sign_end = self.pos + self.peek().map_or(0, char::len_utf8);
            return Err(error(
                format!("\"{word_text}\" already gives the direction of the change; drop the sign"),
                self.pos..sign_end,
            ));
        }
        self.pos = number.span.end;
        let value = self.value_of(&number)?;
        let value = if lowers && !value.is_zero() {
            -value
        } else {
            value
        };
        self.skip_ws();
        let change = if self.eat_percent().is_some() {
            TargetExpr::DeltaPercent(value)
        } else if self.eat(POINTS).is_some() {
            TargetExpr::DeltaPoints(value)
        } else {
            let found = self.word_at_pos();
            let written = self.slice(&(word.start..number.span.end)).to_string();
            let message = if found.is_empty() {
                format!(
                    "expected \"个百分点\" (percentage points) or \"%\" (relative change) after \"{written}\""
                )
            } else {
                format!(
                    "expected \"个百分点\" (percentage points) or \"%\" (relative change) after \"{written}\", found \"{}\"",
                    self.slice(&found)
                )
            };
            return Err(error(message, found));
        };
        self.finish_change(change)
    }

    /// The end of a change: "以上" ("by at least", which a change already
    /// means) may follow; nothing else.
    fn finish_change(&mut self, change: TargetExpr) -> Result<TargetExpr, TargetError> {
        self.skip_ws();
        if let Some((op, suffix)) = self.eat(SUFFIX_CMP) {
            if op != Op::Ge {
                return Err(error(
                    format!(
                        "\"{}\" cannot follow a change: a change is met by changing at least that much",
                        self.slice(&suffix)
                    ),
                    suffix,
                ));
            }
            self.skip_ws();
        }
        self.expect_end("the change")?;
        Ok(change)
    }

    fn whole_word(&self) -> Option<TargetExpr> {
        let rest = self.rest();
        WHOLE_WORDS
            .iter()
            .find(|(word, _)| rest.eq_ignore_ascii_case(word))
            .map(|(_, word)| match word {
                TargetWord::Maintain => TargetExpr::Maintain,
                TargetWord::Every(m) => TargetExpr::EveryPeriod(*m),
            })
    }

    fn expect_end(&self, after: &str) -> Result<(), TargetError> {
        if self.at_end() {
            return Ok(());
        }
        let span = self.pos..self.end;
        let garbage = self.slice(&span);
        let message = if after == "the number" {
            format!(
                "unexpected \"{garbage}\" after the number; expected %, a comparator word or nothing"
            )
        } else {
            format!("unexpected \"{garbage}\" after {after}")
        };
        Err(error(message, span))
    }

    fn value_of(&self, number: &NumTok) -> Result<Decimal, TargetError> {
        number.value.ok_or_else(|| {
            error(
                format!("invalid number \"{}\"", self.slice(&number.span)),
                number.span.clone(),
            )
        })
    }

    fn expected_number_after(&self, word: &Range<usize>) -> TargetError {
        let found = self.word_at_pos();
        let word = self.slice(word);
        if found.is_empty() {
            error(format!("expected a number after \"{word}\""), found)
        } else {
            error(
                format!(
                    "expected a number after \"{word}\", found \"{}\"",
                    self.slice(&found)
                ),
                found,
            )
        }
    }

    fn unknown_word(&self) -> TargetError {
        let found = self.word_at_pos();
        error(
            format!("unexpected \"{}\"; {UNKNOWN_HELP}", self.slice(&found)),
            found,
        )
    }

    /// The "word" at the current position, for error spans: everything up to
    /// the next whitespace or digit, and at least one character. Empty only at
    /// the end.
    fn word_at_pos(&self) -> Range<usize> {
        let rest = self.rest();
        let mut len = 0;
        for c in rest.chars() {
            if len > 0 && (c.is_whitespace() || ascii_digit(c).is_some()) {
                break;
            }
            len += c.len_utf8();
        }
        self.pos..self.pos + len
    }

    /// "-95", "—95", "–95" right after a number: someone wrote a dash range.
    fn at_dash_number(&self) -> bool {
        let mut chars = self.rest().chars();
        matches!(chars.next(), Some('-' | '－' | '−' | '—' | '–'))
            && chars.next().is_some_and(|c| ascii_digit(c).is_some())
    }

    fn rest(&self) -> &'a str {
        &self.text[self.pos..self.end]
    }

    fn slice(&self, span: &Range<usize>) -> &'a str {
        // Spans are made by this parser, on boundaries; `get` keeps it panic-free anyway.
        self.text.get(span.clone()).unwrap_or("")
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn at_end(&self) -> bool {
        self.pos >= self.end
    }

    fn skip_ws(&mut self) {
        let rest = self.rest();
        self.pos += rest.len() - rest.trim_start().len();
    }

    fn eat_percent(&mut self) -> Option<Range<usize>> {
        let c = self.peek().filter(|c| PERCENT.contains(c))?;
        let start = self.pos;
        self.pos += c.len_utf8();
        Some(start..self.pos)
    }

    /// The longest phrase of `table` at the current position; advances past it.
    fn eat<T: Copy>(&mut self, table: &[(&str, T)]) -> Option<(T, Range<usize>)> {
        let haystack = &self.text[..self.end];
        let (end, value) = table
            .iter()
            .filter_map(|(phrase, value)| {
                match_phrase(haystack, self.pos, phrase).map(|end| (end, *value))
            })
            .max_by_key(|(end, _)| *end)?;
        let start = self.pos;
        self.pos = end;
        Some((value, start..end))
    }

    /// Like `eat`, without advancing.
    fn peek_eat<T: Copy>(&self, table: &[(&str, T)]) -> Option<(T, Range<usize>)> {
        let mut probe = Parser { ..*self };
        probe.eat(table)
    }

    fn peek_table<T: Copy>(&self, table: &[(&str, T)]) -> bool {
        self.peek_eat(table).is_some()
    }
}

/// Where `phrase` ends if it is written at byte `at` of `haystack`. Parts of
/// a phrase separated by one space match any non-empty whitespace; ASCII
/// letters match case-insensitively; a phrase ending in a letter must not be
/// followed by another letter.
fn match_phrase(haystack: &str, at: usize, phrase: &str) -> Option<usize> {
    let mut pos = at;
    for (i, part) in phrase.split(' ').enumerate() {
        if i > 0 {
            let rest = haystack.get(pos..)?;
            let skipped = rest.len() - rest.trim_start().len();
            if skipped == 0 {
                return None;
            }
            pos += skipped;
        }
        let candidate = haystack.get(pos..pos.checked_add(part.len())?)?;
        if !candidate.eq_ignore_ascii_case(part) {
            return None;
        }
        pos += part.len();
    }
    let ends_in_letter = phrase
        .chars()
        .last()
        .is_some_and(|c| c.is_ascii_alphabetic());
    let runs_on = haystack
        .get(pos..)?
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic());
    if ends_in_letter && runs_on {
        return None;
    }
    Some(pos)
}

/// Scan a number at byte `at`: an optional sign glued to digits, with `.`
/// and `,` taken only between digits (so "95." ends at "95", "90..95" at
/// "90"). None when there are no digits there. The token's value is None
/// when the characters do not form a valid number ("9.5.3", "1,23").
fn scan_number(text: &str, at: usize) -> Option<NumTok> {
    let rest = text.get(at..)?;
    let mut chars = rest.char_indices().peekable();
    let mut ascii = String::new();
    let mut signed = false;
    if let Some(negative) = chars.peek().and_then(|&(_, c)| sign_of(c)) {
        signed = true;
        if negative {
            ascii.push('-');
        }
        chars.next();
    }
    let mut end = None;
    while let Some(&(i, c)) = chars.peek() {
        if let Some(d) = ascii_digit(c) {
            ascii.push(d);
            chars.next();
            end = Some(at + i + c.len_utf8());
            continue;
        }
        let mark = match c {
            ',' => ',',
            '.' | '．' => '.',
            _ => break,
        };
        if end.is_none() {
            break;
        }
        let mut ahead = chars.clone();
        ahead.next();
        if ahead.peek().is_none_or(|&(_, n)| ascii_digit(n).is_none()) {
            break;
        }
        ascii.push(mark);
        chars.next();
    }
    let end = end?;
    Some(NumTok {
        span: at..end,
        signed,
        value: decimal_from(&ascii),
    })
}

/// Validate the normalised number text ("-1,234.5") and make the exact Decimal.
fn decimal_from(ascii: &str) -> Option<Decimal> {
    let (negative, body) = match ascii.strip_prefix('-') {
        Some(body) => (true, body),
        None => (false, ascii),
    };
    let (int, frac) = match body.split_once('.') {
        Some((int, frac)) => (int, Some(frac)),
        None => (body, None),
    };
    if frac.is_some_and(|f| f.contains(['.', ','])) {
        return None;
    }
    if int.contains(',') {
        // Thousands separators only in groups of three: "1,234" yes, "1,23" and
        // "0,5" (a decimal comma elsewhere) no.
        let mut groups = int.split(',');
        let first = groups.next()?;
        if first.is_empty() || first.len() > 3 || first.starts_with('0') {
            return None;
        }
        if !groups.all(|g| g.len() == 3) {
            return None;
        }
    }
    let mut normal = String::with_capacity(ascii.len());
    if negative {
        normal.push('-');
    }
    normal.extend(int.chars().filter(|&c| c != ','));
    if let Some(frac) = frac {
        normal.push('.');
        normal.push_str(frac);
    }
    let mut value = Decimal::from_str_exact(&normal).ok()?;
    // "-0" is zero: keep it from printing as "-0".
    if value.is_zero() {
        value.set_sign_positive(true);
    }
    Some(value)
}

/// `Some(true)` for a minus sign, `Some(false)` for a plus sign.
fn sign_of(c: char) -> Option<bool> {
    match c {
        '-' | '－' | '−' => Some(true),
        '+' | '＋' => Some(false),
        _ => None,
    }
}

/// ASCII and full-width digits, as the ASCII digit.
fn ascii_digit(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
        _ => None,
    }
}

fn error(message: String, span: Range<usize>) -> TargetError {
    TargetError { message, span }
}

#[cfg(test)]
mod tests;
