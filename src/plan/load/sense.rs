//! Targets that parse but mean nothing, reported at their line
//! (docs/plan-format.md#target-expressions): a relative change of a baseline of 0
//! (still 0), a decrease past −100% (below zero), `全覆盖` outside `%`
//! units, a reference region that is the plan's own (never compared);
//! and, as warnings, a `%` target outside 0–100% (no share gets there,
//! though a gross rate or a growth rate may).

use std::ops::Range;

use rust_decimal::Decimal;

use super::Reader;
use crate::diag::Diagnostic;
use crate::plan::{Indicator, Plan, TargetExpr};

impl Reader<'_> {
    /// Check an indicator's target, once it is read.
    pub(super) fn check_sense(&mut self, ind: &Indicator, plan: &Plan, span: Range<usize>) {
        let what = format!("indicator `{}`", ind.id);
        self.check_change(&ind.target, ind.baseline, span.clone(), &what);
        if let (Some(region), Some(own)) = (ind.target.region(), plan.region.as_deref())
            && region == own
        {
            let d = Diagnostic::error(format!(
                "{what}: the target compares the plan's own region `{own}` with itself"
            ))
            .at(self.at(span.clone()))
            .label("the plan's own region")
            .help("name the region the plan's region is measured against (全区, 全国 …)");
            self.diags.push(d);
        }
        if ind.target == TargetExpr::FullCoverage && !ind.is_percent() {
            let unit = match ind.unit.zh.as_str() {
                "" => "no unit".to_string(),
                u => format!("unit \"{u}\""),
            };
            let d = Diagnostic::error(format!(
                "{what}: 全覆盖 is 100%, but the indicator has {unit}"
            ))
            .at(self.at(span.clone()))
            .label("full coverage is a share")
            .help("set unit = \"%\", or write the level to reach (\">= 120\")");
            self.diags.push(d);
        }
        if ind.is_percent() {
            self.check_share(&ind.target, ind.baseline, span, &what);
        }
    }

    /// Check a milestone's target (the indicator's baseline is not known
    /// yet: only what the expression says alone).
    pub(super) fn check_milestone_sense(
        &mut self,
        target: &TargetExpr,
        unit: &str,
        span: Range<usize>,
        what: &str,
    ) {
        self.check_change(target, None, span.clone(), what);
        if unit == "%" {
            self.check_share(target, None, span, what);
        }
    }

    /// A relative change of a baseline of 0, or a decrease past −100%.
    fn check_change(
        &mut self,
        target: &TargetExpr,
        baseline: Option<Decimal>,
        span: Range<usize>,
        what: &str,
    ) {
        let TargetExpr::DeltaPercent(p) = target else {
            return;
        };
        if *p < -Decimal::ONE_HUNDRED {
            let d = Diagnostic::error(format!(
                "{what}: a decrease of {}% goes below zero",
                p.abs()
            ))
            .at(self.at(span))
            .label("past −100%")
            .help("−100% already takes the baseline to 0: write the level to reach, or a smaller decrease");
            self.diags.push(d);
        } else if baseline.is_some_and(|b| b.is_zero()) {
            let d = Diagnostic::error(format!(
                "{what}: a change in percent of a baseline of 0 is still 0"
            ))
            .at(self.at(span))
            .label("relative to a baseline of 0")
            .help("write the level to reach (\">= 5\"), or the change in the indicator's unit (\"+5pp\" for %)");
            self.diags.push(d);
        }
    }

    /// A warning for a `%` target outside 0–100%.
    fn check_share(
        &mut self,
        target: &TargetExpr,
        baseline: Option<Decimal>,
        span: Range<usize>,
        what: &str,
    ) {
        let Some(level) = outside_share(target, baseline) else {
            return;
        };
        let side = if level > Decimal::ONE_HUNDRED {
            "above 100%"
        } else {
            "below 0%"
        };
        let d = Diagnostic::warning(format!(
            "{what}: the target comes to {}%, {side}, where no share can be",
            level.normalize()
        ))
        .at(self.at(span))
        .label(format!("{side} for a share"))
        .help(
            "if the indicator is a share, correct the target; a rate that can pass 100% \
             (a gross enrolment rate) or fall below 0 (a growth rate) may keep it",
        );
        self.diags.push(d);
    }
}

/// The first level of a target outside 0–100, as far as the plan tells
/// (a relative target needs the plan's baseline).
fn outside_share(target: &TargetExpr, baseline: Option<Decimal>) -> Option<Decimal> {
    let outside = |v: Decimal| v > Decimal::ONE_HUNDRED || v.is_sign_negative() && !v.is_zero();
    let levels: Vec<Decimal> = match target {
        TargetExpr::Reach(v) | TargetExpr::Compare(_, v) | TargetExpr::About(v) => vec![*v],
        TargetExpr::Range(lo, hi) => vec![*lo, *hi],
        TargetExpr::DeltaPoints(d) => baseline
            .and_then(|b| b.checked_add(*d))
            .into_iter()
            .collect(),
        TargetExpr::DeltaPercent(p) => baseline
            .and_then(|b| {
                let factor = Decimal::ONE.checked_add(p.checked_div(Decimal::ONE_HUNDRED)?)?;
                b.checked_mul(factor)
            })
            .into_iter()
            .collect(),
        _ => Vec::new(),
    };
    levels.into_iter().find(|&v| outside(v))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    #[test]
    fn share_levels_outside_0_to_100() {
        let b = Some(d("98"));
        assert_eq!(
            outside_share(&TargetExpr::DeltaPoints(d("5")), b),
            Some(d("103"))
        );
        assert_eq!(outside_share(&TargetExpr::DeltaPoints(d("2")), b), None);
        assert_eq!(outside_share(&TargetExpr::DeltaPoints(d("5")), None), None);
        assert_eq!(
            outside_share(&TargetExpr::DeltaPercent(d("10")), b),
            Some(d("107.8"))
        );
        assert_eq!(outside_share(&TargetExpr::Reach(d("100")), None), None);
        assert_eq!(
            outside_share(&TargetExpr::Reach(d("100.5")), None),
            Some(d("100.5"))
        );
        assert_eq!(
            outside_share(&TargetExpr::Range(d("-1"), d("5")), None),
            Some(d("-1"))
        );
        assert_eq!(outside_share(&TargetExpr::Reach(d("0")), None), None);
    }
}
