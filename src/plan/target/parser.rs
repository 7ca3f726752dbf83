//! The parser: one left-to-right pass over a target string, the longest
//! word of each table first (see [`super::vocab`]); the word-level parts
//! are in [`super::words`].
//!
//! The order of the checks is the grammar: emphasis words, a whole-word
//! target (`保持`, `持续提高`, `全覆盖` …), a reference region's level
//! (`达到全国平均水平`), then words before a number (reach words, one
//! comparator, `约`, or a change word, which takes over), the number with
//! its `%` and unit, and what may follow it (a range, `左右`, a suffix
//! comparator). Every error carries a span inside the string.

use std::ops::Range;

use rust_decimal::Decimal;

use super::number::{NumTok, PERCENT, ascii_digit, match_phrase, scan_number};
use super::vocab::{
    ABOUT_PREFIX, ABOUT_SUFFIX, EMPHASIS, LEAD_WORDS, LeadWord, POINTS, RANGE_SEPS, SUFFIX_CMP,
    TIMES,
};
use super::{Op, TargetError, TargetExpr, error, forms};

/// The parse state. `pos` and `end` are byte offsets into `text`, always on
/// char boundaries; `end` excludes trailing whitespace.
#[derive(Clone, Copy)]
pub(super) struct Parser<'a> {
    pub text: &'a str,
    pub pos: usize,
    pub end: usize,
    /// The indicator's unit, when the caller knows it (`Some("")`: none).
    /// Written after a number it is decoration; another unit is an error.
    pub unit: Option<&'a str>,
}

/// The words before the number.
#[derive(Default)]
struct Lead {
    cmp: Option<(Op, Range<usize>)>,
    reach: bool,
    /// "约", "approximately": an approximate level.
    about: Option<Range<usize>>,
    last_word: Option<Range<usize>>,
}

impl<'a> Parser<'a> {
    pub fn target(&mut self) -> Result<TargetExpr, TargetError> {
        let mut lead = Lead::default();
        while let Some(((), word)) = self.eat(EMPHASIS) {
            lead.last_word = Some(word);
            self.skip_ws();
        }
        if let Some(word) = self.whole_word() {
            return Ok(word);
        }
        if let Some(reference) = self.reference() {
            return Ok(reference);
        }
        if let Some(change) = self.lead_words(&mut lead)? {
            return Ok(change);
        }
        let Some(number) = scan_number(&self.text[..self.end], self.pos) else {
            return Err(match &lead.last_word {
                Some(word) => self.expected_number_after(word),
                None => self.unknown_word(),
            });
        };
        self.pos = number.span.end;
        let value = self.value_of(&number)?;
        self.skip_ws();
        let percent = self.eat_percent();
        self.skip_ws();
        self.eat_unit();

        if let Some(((), sep)) = self.eat(RANGE_SEPS) {
            if let Some((_, first)) = &lead.cmp {
                return Err(error(
                    format!(
                        "a range cannot follow the comparator \"{}\"; write either \"{}\" and one number, or a range",
                        self.slice(first),
                        self.slice(first)
                    ),
                    sep,
                ));
            }
            if let Some(about) = &lead.about {
                return Err(error(
                    format!(
                        "a range cannot follow \"{}\": a range has its own bounds",
                        self.slice(about)
                    ),
                    sep,
                ));
            }
            return self.range(value, number.span.start, sep);
        }

        // A sign with no comparator or reach word makes it a change.
        let bare = lead.cmp.is_none() && !lead.reach && lead.about.is_none();
        if bare && number.signed {
            return self.signed_change(value, &number, percent.is_some());
        }
        self.level(value, lead)
    }

    /// Words before the number: reach words, at most one comparator, `约`,
    /// or a change word (which parses the rest and is returned).
    fn lead_words(&mut self, lead: &mut Lead) -> Result<Option<TargetExpr>, TargetError> {
        loop {
            if lead.about.is_none()
                && lead.cmp.is_none()
                && let Some(((), span)) = self.eat(ABOUT_PREFIX)
            {
                lead.about = Some(span.clone());
                lead.last_word = Some(span);
                self.skip_ws();
                continue;
            }
            let Some((word, span)) = self.eat(LEAD_WORDS) else {
                return Ok(None);
            };
            let first = lead.cmp.as_ref().map(|(_, s)| s).or(lead.about.as_ref());
            if let Some(first) = first {
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
                LeadWord::Reach => lead.reach = true,
                LeadWord::Cmp(op) => lead.cmp = Some((op, span.clone())),
                LeadWord::Change(lowers) => {
                    if let Some(first) = &lead.last_word.clone().filter(|_| lead.reach) {
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
                    return self.word_change(lowers, span).map(Some);
                }
            }
            lead.last_word = Some(span);
            self.skip_ws();
        }
    }

    /// "+5pp", "-20%": a signed number without a comparator is a change.
    fn signed_change(
        &mut self,
        value: Decimal,
        number: &NumTok,
        percent: bool,
    ) -> Result<TargetExpr, TargetError> {
        let change = if percent {
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
                number.span.clone(),
            ));
        };
        self.finish_change(change)
    }

    /// After a level's number: `左右`, a suffix comparator, or nothing.
    fn level(&mut self, value: Decimal, mut lead: Lead) -> Result<TargetExpr, TargetError> {
        let mut after = "the number".to_string();
        if let Some(((), suffix)) = self.eat(ABOUT_SUFFIX) {
            if let Some((_, first)) = &lead.cmp {
                return Err(error(
                    format!(
                        "an approximate level takes no comparator: \"{}\" cannot go with \"{}\"",
                        self.slice(&suffix),
                        self.slice(first)
                    ),
                    suffix,
                ));
            }
            after = format!("\"{}\"", self.slice(&suffix));
            lead.about = Some(suffix);
            self.skip_ws();
        } else if let Some((op, suffix)) = self.eat(SUFFIX_CMP) {
            let first = lead.cmp.as_ref().map(|(_, s)| s).or(lead.about.as_ref());
            if let Some(first) = first {
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
            lead.cmp = Some((op, suffix));
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
        Ok(match (lead.about, lead.cmp) {
            (Some(_), _) => TargetExpr::About(value),
            (None, Some((op, _))) => TargetExpr::Compare(op, value),
            (None, None) => TargetExpr::Reach(value),
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
        self.skip_ws();
        if self.eat_unit() {
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

    /// After a change word ("提高", "降低" …): an unsigned number and its
    /// unit: `个百分点`, `%`, or `倍` ("增长1倍", "增长一倍": baseline × 2).
    fn word_change(&mut self, lowers: bool, word: Range<usize>) -> Result<TargetExpr, TargetError> {
        let word_text = self.slice(&word).to_string();
        if let Some(times) = self.chinese_multiple() {
            return self.multiple(Decimal::from(times), lowers, word);
        }
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
        self.skip_ws();
        if self.peek_table(TIMES) {
            return self.multiple(value, lowers, word);
        }
        let value = if lowers && !value.is_zero() {
            -value
        } else {
            value
        };
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

    /// "增长N倍" at `倍`: the baseline × (1 + N), as a relative change.
    fn multiple(
        &mut self,
        times: Decimal,
        lowers: bool,
        word: Range<usize>,
    ) -> Result<TargetExpr, TargetError> {
        let (_, unit) = self.eat(TIMES).unwrap_or(((), self.pos..self.pos));
        if lowers {
            return Err(error(
                format!(
                    "\"{}\" by a multiple cannot be met: write the decrease as a percentage (下降50%)",
                    self.slice(&word)
                ),
                word.start..unit.end,
            ));
        }
        let Some(percent) = times.checked_mul(Decimal::ONE_HUNDRED) else {
            return Err(error(
                "the multiple is too large".into(),
                word.start..unit.end,
            ));
        };
        self.finish_change(TargetExpr::DeltaPercent(percent))
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

    fn expect_end(&self, after: &str) -> Result<(), TargetError> {
        if self.at_end() {
            return Ok(());
        }
        if let Some(e) = self.unit_mismatch() {
            return Err(e);
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
        Err(self.with_forms(error(message, span)))
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
        let e = if found.is_empty() {
            error(format!("expected a number after \"{word}\""), found)
        } else {
            error(
                format!(
                    "expected a number after \"{word}\", found \"{}\"",
                    self.slice(&found)
                ),
                found,
            )
        };
        self.with_forms(e)
    }

    fn unknown_word(&self) -> TargetError {
        let found = self.word_at_pos();
        let e = error(
            format!(
                "unexpected \"{}\": not a form of target",
                self.slice(&found)
            ),
            found,
        );
        self.with_forms(e)
    }

    /// The forms that are understood, and the one closest to the text.
    fn with_forms(&self, mut e: TargetError) -> TargetError {
        e.closest = forms::closest(self.text);
        e.help = Some(forms::help(e.closest.as_deref()));
        e.unknown_form = true;
        e
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

    /// "-95", "—95" right after a number: someone wrote a dash range.
    fn at_dash_number(&self) -> bool {
        let mut chars = self.rest().chars();
        matches!(chars.next(), Some('-' | '－' | '−' | '—'))
            && chars.next().is_some_and(|c| ascii_digit(c).is_some())
    }

    pub(super) fn rest(&self) -> &'a str {
        &self.text[self.pos..self.end]
    }

    pub(super) fn slice(&self, span: &Range<usize>) -> &'a str {
        // Spans are made by this parser, on boundaries; `get` keeps it panic-free anyway.
        self.text.get(span.clone()).unwrap_or("")
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn at_end(&self) -> bool {
        self.pos >= self.end
    }

    pub(super) fn skip_ws(&mut self) {
        let rest = self.rest();
        self.pos += rest.len() - rest.trim_start().len();
    }

    fn eat_percent(&mut self) -> Option<Range<usize>> {
        let c = self.peek().filter(|c| PERCENT.contains(c))?;
        let start = self.pos;
        self.pos += c.len_utf8();
        Some(start..self.pos)
    }

    /// The indicator's own unit after a number ("12.3年以上" for unit 年):
    /// decoration, skipped with the space after it.
    fn eat_unit(&mut self) -> bool {
        let Some(unit) = self
            .unit
            .map(str::trim)
            .filter(|u| !u.is_empty() && *u != "%")
        else {
            return false;
        };
        let Some(end) = match_phrase(&self.text[..self.end], self.pos, unit) else {
            return false;
        };
        self.pos = end;
        self.skip_ws();
        true
    }

    /// The longest phrase of `table` at the current position; advances past it.
    pub(super) fn eat<T: Copy>(&mut self, table: &[(&str, T)]) -> Option<(T, Range<usize>)> {
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
    pub(super) fn peek_eat<T: Copy>(&self, table: &[(&str, T)]) -> Option<(T, Range<usize>)> {
        let mut probe = *self;
        probe.eat(table)
    }

    fn peek_table<T: Copy>(&self, table: &[(&str, T)]) -> bool {
        self.peek_eat(table).is_some()
    }
}
