//! The parts of a target that are words rather than numbers: whole-word
//! targets (`保持`, `持续提高`, `逐年下降`, `全覆盖`, `翻一番`), a
//! reference region's level (`达到全国平均水平`), Chinese multiples
//! (`增长一倍`) and a unit written after a number that is not the
//! indicator's.

use super::number::{ascii_digit, match_phrase, sign_of};
use super::parser::Parser;
use super::vocab::{
    ABOUT_SUFFIX, CHINESE_DIGITS, DOWN_VERBS, EVERY_YEAR, IMPROVE_ADVERBS, LEVEL_ENDS, REF_LEADS,
    RefWord, SUFFIX_CMP, TIMES, TargetWord, UP_VERBS, WHOLE_WORDS,
};
use super::{Direction, Monotone, TargetError, TargetExpr, error};
use rust_decimal::Decimal;

impl Parser<'_> {
    /// A target that is a whole word: `保持`, `逐年只增不减`, `全覆盖`,
    /// `翻一番`, or an adverb and a verb (`持续提高`, `逐年下降`).
    pub(super) fn whole_word(&self) -> Option<TargetExpr> {
        let rest = self.rest();
        let word = WHOLE_WORDS
            .iter()
            .find(|(word, _)| rest.eq_ignore_ascii_case(word))
            .map(|(_, word)| *word)
            .or_else(|| adverb_verb(rest))?;
        Some(match word {
            TargetWord::Maintain => TargetExpr::Maintain,
            TargetWord::Every(m) => TargetExpr::EveryPeriod(m),
            TargetWord::Improve(d) => TargetExpr::Improve(d),
            TargetWord::FullCoverage => TargetExpr::FullCoverage,
            TargetWord::Eliminate { nearly } => TargetExpr::Eliminate { nearly },
            TargetWord::Doublings(n) => {
                // × 2^n is a change of (2^n − 1) × 100%.
                TargetExpr::DeltaPercent(Decimal::from((1u64 << n) - 1) * Decimal::ONE_HUNDRED)
            }
        })
    }

    /// "达到全国平均水平", "高于全区水平", "优于全区", "better than China":
    /// a reference region's level, as written (the plan loader finds the
    /// region). None when a number follows the word ("达到95%").
    pub(super) fn reference(&mut self) -> Option<TargetExpr> {
        let (kind, lead) = self.peek_eat(REF_LEADS)?;
        let mut probe = Parser {
            pos: lead.end,
            ..*self
        };
        probe.skip_ws();
        let phrase = probe.rest();
        let first = phrase.chars().next()?;
        if ascii_digit(first).is_some() || sign_of(first).is_some() {
            return None;
        }
        let english = self.slice(&lead).is_ascii();
        if !english
            && kind != RefWord::BetterThan
            && !LEVEL_ENDS.iter().any(|end| phrase.ends_with(end))
        {
            return None;
        }
        self.pos = self.end;
        let region = phrase.to_string();
        Some(match kind {
            RefWord::AtLeast => TargetExpr::AtLeast(region),
            RefWord::Above => TargetExpr::Above(region),
            RefWord::BetterThan => TargetExpr::BetterThan(region),
        })
    }

    /// "一倍", "两倍" after a change word: the multiple, past its `倍`.
    pub(super) fn chinese_multiple(&mut self) -> Option<u32> {
        let mut probe = *self;
        let ((n, _), _) = probe.eat(CHINESE_DIGITS).zip(probe.peek_eat(TIMES))?;
        *self = probe;
        Some(n)
    }

    /// A unit written after the number that is not the indicator's: the
    /// word up to a suffix comparator (`岁以上`), when it has a character
    /// beyond ASCII (`年`, `万人`, `‰`; `abc` stays unexpected text).
    pub(super) fn unit_mismatch(&self) -> Option<TargetError> {
        let unit = self.unit?.trim();
        let haystack = &self.text[..self.end];
        let suffixes = SUFFIX_CMP.iter().map(|(p, _)| *p);
        let suffixes: Vec<&str> = suffixes
            .chain(ABOUT_SUFFIX.iter().map(|(p, _)| *p))
            .collect();
        let mut end = self.pos;
        for (i, c) in self.rest().char_indices() {
            let at = self.pos + i;
            let stops = c.is_whitespace()
                || ascii_digit(c).is_some()
                || c.is_ascii_punctuation()
                || suffixes
                    .iter()
                    .any(|p| match_phrase(haystack, at, p).is_some());
            if stops {
                break;
            }
            end = at + c.len_utf8();
        }
        let word = self.slice(&(self.pos..end));
        if word.is_empty() || word.is_ascii() {
            return None;
        }
        let (message, help) = if unit.is_empty() {
            (
                format!("\"{word}\" after the number, but the indicator has no unit"),
                format!("set unit = \"{word}\" on the indicator, or leave \"{word}\" out"),
            )
        } else {
            (
                format!("\"{word}\" is not the indicator's unit \"{unit}\""),
                format!(
                    "write the number in {unit} (the indicator's unit), or set unit = \"{word}\""
                ),
            )
        };
        Some(TargetError {
            help: Some(help),
            ..error(message, self.pos..end)
        })
    }
}

/// "持续提高", "稳步下降" (strictly better than the baseline at the
/// deadline) and "逐年提高", "逐年下降" (strictly better every period).
fn adverb_verb(text: &str) -> Option<TargetWord> {
    let direction = |verb: &str| {
        let verb = verb.trim_start();
        if UP_VERBS.contains(&verb) {
            Some(Direction::Up)
        } else if DOWN_VERBS.contains(&verb) {
            Some(Direction::Down)
        } else {
            None
        }
    };
    if let Some(d) = IMPROVE_ADVERBS
        .iter()
        .find_map(|a| text.strip_prefix(a).and_then(direction))
    {
        return Some(TargetWord::Improve(d));
    }
    let d = EVERY_YEAR
        .iter()
        .find_map(|a| text.strip_prefix(a).and_then(direction))?;
    Some(TargetWord::Every(match d {
        Direction::Up => Monotone::Increasing,
        Direction::Down => Monotone::Decreasing,
    }))
}
