//! An indicator's target and milestones: a number, a string expression
//! (parsed with the indicator's unit, its reference region found among the
//! plan's) or a table (`better_than`, `at_least`, `above`,
//! `every_period`), and the direction they imply (docs/plan-format.md#target-expressions).

use std::ops::Range;

use toml_edit::{Item, TableLike, Value};

use super::Reader;
use crate::diag::Diagnostic;
use crate::period::Period;
use crate::plan::target::{
    Direction, Monotone, TargetError, TargetExpr, parse_number, parse_target_in,
};
use crate::plan::{Indicator, Milestone, Plan};

/// The keys of a target table.
const TARGET_TABLE_KEYS: &[&str] = &["better_than", "at_least", "above", "every_period"];

impl Reader<'_> {
    /// The target: a number, a string expression or a table. Returns it
    /// with its text and span.
    pub(super) fn target(
        &mut self,
        t: &dyn TableLike,
        what: &str,
        head: Range<usize>,
        unit: &str,
        plan: &Plan,
    ) -> Option<(TargetExpr, String, Range<usize>)> {
        let Some(item) = t.get("target") else {
            self.error(
                head,
                format!("{what} has no `target`"),
                "`target = ...` is required",
            );
            return None;
        };
        let span = self.value_span(t, "target");
        if let Some(tt) = item.as_table_like() {
            return self.target_table(tt, what, span, plan);
        }
        let expr = self.expr(item.as_value(), span.clone(), what, unit, plan)?;
        Some((expr.0, expr.1, span))
    }

    /// A target or milestone value: a number or a string expression.
    fn expr(
        &mut self,
        value: Option<&Value>,
        span: Range<usize>,
        what: &str,
        unit: &str,
        plan: &Plan,
    ) -> Option<(TargetExpr, String)> {
        let (text, inner) = match value {
            Some(Value::Integer(_) | Value::Float(_)) => {
                let text = self.source.get(span.clone()).unwrap_or("").replace('_', "");
                (text, span.clone())
            }
            // The string's characters start after its opening quote; a
            // string with escapes falls back to pointing at the whole value.
            Some(Value::String(s)) => {
                let raw = self.source.get(span.clone()).unwrap_or("");
                let quote = if raw.starts_with("\"\"\"") || raw.starts_with("'''") {
                    3
                } else {
                    1
                };
                let inner = span.start + quote..span.end.saturating_sub(quote);
                let exact = self.source.get(inner.clone()) == Some(s.value().as_str());
                (s.value().clone(), if exact { inner } else { span.clone() })
            }
            _ => {
                self.error(
                    span,
                    format!("the target of {what} must be a number, a string or a table"),
                    "not a target",
                );
                return None;
            }
        };
        // A TOML number is a level to reach, negative ones too (`target =
        // -5`); only a string can spell a change such as "-5pp".
        if matches!(value, Some(Value::Integer(_) | Value::Float(_)))
            && let Some(level) = parse_number(&text)
        {
            return Some((TargetExpr::Reach(level), text));
        }
        let exact = inner.len() == text.len();
        let mut expr = match parse_target_in(&text, Some(unit)) {
            Ok(e) => e,
            Err(e) => {
                let at = if exact {
                    inner.start + e.span.start..inner.start + e.span.end
                } else {
                    span
                };
                let help = self.target_help(&e, &at);
                let mut d = Diagnostic::error(format!("cannot read the target of {what}"))
                    .at(self.at(at))
                    .label(e.message);
                if let Some(help) = help {
                    d = d.help(help);
                }
                self.diags.push(d);
                return None;
            }
        };
        if let Some(words) = expr.region_mut() {
            // The region's words end the string ("达到全国平均水平").
            let end = inner.start + text.trim_end().len();
            let at = match exact {
                true => end.saturating_sub(words.len()).max(inner.start)..end,
                false => span,
            };
            *words = self.reference_region(words, false, at, plan)?;
        }
        Some((expr, text))
    }

    /// The help of a target that does not parse: the list of forms the
    /// first time, and after that where it is (a plan of many such
    /// targets would repeat it at every one).
    fn target_help(&mut self, e: &TargetError, at: &Range<usize>) -> Option<String> {
        if !e.unknown_form {
            return e.help.clone();
        }
        let Some(listed) = &self.forms_listed else {
            let pos = self.pos(at);
            self.forms_listed = Some(format!("{}:{}:{}", self.path, pos.line, pos.col));
            return e.help.clone();
        };
        Some(match &e.closest {
            Some(form) => {
                format!("did you mean \"{form}\"? (the forms understood are listed at {listed})")
            }
            None => format!("the forms understood are listed at {listed}"),
        })
    }

    fn target_table(
        &mut self,
        tt: &dyn TableLike,
        what: &str,
        span: Range<usize>,
        plan: &Plan,
    ) -> Option<(TargetExpr, String, Range<usize>)> {
        self.check_keys(tt, TARGET_TABLE_KEYS, &format!("the target of {what}"));
        type Make = fn(String) -> TargetExpr;
        let references: [(&str, Make); 3] = [
            ("better_than", TargetExpr::BetterThan),
            ("at_least", TargetExpr::AtLeast),
            ("above", TargetExpr::Above),
        ];
        for (key, make) in references {
            if let Some(r) = self.string(tt, key, what) {
                let at = self.value_span(tt, key);
                let id = self.reference_region(&r, true, at, plan)?;
                let text = format!("{} {r}", key.replace('_', " "));
                return Some((make(id), text, span));
            }
        }
        if let Some(rule) = self.string(tt, "every_period", what) {
            let Some(m) = Monotone::parse(&rule) else {
                let span = self.value_span(tt, "every_period");
                self.error(
                    span,
                    format!("unknown rule `{rule}` in the target of {what}"),
                    "expected \"non-decreasing\", \"non-increasing\", \"increasing\" or \"decreasing\"",
                );
                return None;
            };
            return Some((TargetExpr::EveryPeriod(m), rule, span));
        }
        if tt.iter().next().is_none() {
            self.error(
                span,
                format!("the target table of {what} is empty"),
                "expected { better_than = \"REGION\" }, { at_least = \"REGION\" } or { every_period = \"non-decreasing\" }",
            );
        }
        None
    }

    pub(super) fn milestones(
        &mut self,
        t: &dyn TableLike,
        what: &str,
        unit: &str,
        plan: &Plan,
    ) -> Vec<Milestone> {
        let Some(item) = t.get("milestones") else {
            return Vec::new();
        };
        let Some(m) = item.as_table_like() else {
            let span = self.value_span(t, "milestones");
            self.error(
                span,
                format!("`milestones` of {what} must be a table"),
                "expected { 2023 = \">= 94\" }",
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for (key, _) in m.iter() {
            let key_span = m.key(key).and_then(|k| k.span()).unwrap_or(0..0);
            let period = match Period::parse(key) {
                Ok(p) => p,
                Err(e) => {
                    self.error(key_span, e.to_string(), "not a period");
                    continue;
                }
            };
            let span = self.value_span(m, key);
            let value = m.get(key).and_then(Item::as_value);
            let what = format!("{what}, milestone {key}");
            if let Some((target, text)) = self.expr(value, span.clone(), &what, unit, plan) {
                self.check_milestone_sense(&target, unit, span, &what);
                out.push(Milestone {
                    period,
                    target,
                    text,
                });
            }
        }
        out.sort_by_key(|m| m.period);
        out
    }

    /// The direction: stated, implied by the target, or from the baseline
    /// against a level; in `%` units a level of 100 can only be kept from
    /// below and 0 from above; a reference region's level (`达到全国平均水平`)
    /// is up unless stated. Returns it and whether it is provisional
    /// (no baseline in the plan: the data's will tell).
    pub(super) fn infer_direction(
        &mut self,
        ind: &Indicator,
        stated: Option<Direction>,
        what: &str,
        span: Range<usize>,
        t: &dyn TableLike,
    ) -> Option<(Direction, bool)> {
        let target = &ind.target;
        let implied = target.implied_direction();
        match (stated, implied) {
            (Some(s), Some(i)) if s != i => {
                let dspan = self.value_span(t, "direction");
                let d = Diagnostic::error(format!(
                    "{what}: direction = \"{}\" contradicts the target, which asks for {}",
                    s.as_str(),
                    if i == Direction::Up {
                        "a higher value"
                    } else {
                        "a lower value"
                    }
                ))
                .at(self.at(dspan))
                .label("contradicts the target")
                .help(format!(
                    "write direction = \"{}\" or change the target",
                    i.as_str()
                ));
                self.diags.push(d);
                None
            }
            (Some(s), _) => Some((s, false)),
            (None, Some(i)) => Some((i, false)),
            (None, None) => {
                if let Some(d) = ind.baseline.and_then(|b| target.direction_from(b)) {
                    return Some((d, false));
                }
                if let Some(d) = bounded_direction(ind) {
                    return Some((d, false));
                }
                if matches!(
                    target,
                    TargetExpr::AtLeast(_) | TargetExpr::Above(_) | TargetExpr::Heading
                ) {
                    return Some((Direction::Up, false));
                }
                // No baseline in the plan: the data's baseline will tell
                // (resolved, or reported, once the actuals are read).
                if ind.baseline.is_none()
                    && matches!(
                        target,
                        TargetExpr::Reach(_) | TargetExpr::Range(..) | TargetExpr::About(_)
                    )
                {
                    return Some((Direction::Up, true));
                }
                let d = Diagnostic::error(format!(
                    "{what}: cannot tell whether a higher or a lower value is better"
                ))
                .at(self.at(span))
                .label("this target does not say")
                .help("add direction = \"up\" (higher is better) or direction = \"down\"");
                self.diags.push(d);
                None
            }
        }
    }
}

/// In `%` units 100 is a share's ceiling and 0 its floor: "100%" or
/// "保持" from a baseline of 100 can only mean "not below 100", and 0
/// "not above 0" (docs/plan-format.md#target-expressions).
fn bounded_direction(ind: &Indicator) -> Option<Direction> {
    if !ind.is_percent() {
        return None;
    }
    let level = match (&ind.target, ind.baseline) {
        (TargetExpr::Reach(v), _) => *v,
        (TargetExpr::Maintain, Some(b)) => b,
        _ => return None,
    };
    if level == rust_decimal::Decimal::ONE_HUNDRED {
        Some(Direction::Up)
    } else if level.is_zero() {
        Some(Direction::Down)
    } else {
        None
    }
}
