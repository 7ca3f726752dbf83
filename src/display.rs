//! Turning figures into text for people: rounding for display only, units,
//! percentage points, target wording, and the labels of both languages.
//!
//! Nothing here changes a figure; it only decides how many digits to show
//! (the precision the data has, or the plan's `decimals`) and in which words.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::actuals::Actuals;
use crate::engine::Assessment;
use crate::period::Period;
use crate::plan::{Indicator, Monotone, Plan, TargetExpr};

/// Output language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "zh" | "zh-CN" | "cn" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn en(&self) -> bool {
        *self == Lang::En
    }

    /// Pick the Chinese or the English text.
    pub fn pick<'a>(&self, zh: &'a str, en: &'a str) -> &'a str {
        if self.en() { en } else { zh }
    }
}

/// Round half away from zero to `dp` places (never adds digits).
pub fn round(d: Decimal, dp: u32) -> Decimal {
    if d.scale() <= dp {
        d
    } else {
        d.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
    }
}

/// Digits after the point to show for an indicator: the plan's `decimals`,
/// else the most any of its values or its target has.
pub fn precision(ind: &Indicator, a: &Assessment) -> u32 {
    if let Some(d) = ind.decimals {
        return d;
    }
    let mut p = a.decimals;
    if let Some(b) = ind.baseline {
        p = p.max(b.scale());
    }
    if let TargetExpr::Reach(v) | TargetExpr::Compare(_, v) = &ind.target {
        p = p.max(v.scale());
    }
    p.min(6)
}

/// A value in the indicator's precision (a plan's `decimals` pads too).
pub fn number(d: Decimal, ind: &Indicator, prec: u32) -> String {
    let r = round(d, prec);
    match ind.decimals {
        Some(dp) => format!("{:.*}", dp as usize, r),
        None => r.to_string(),
    }
}

/// A value with its unit when the unit is `%`.
pub fn value(d: Decimal, ind: &Indicator, prec: u32) -> String {
    let s = number(d, ind, prec);
    if ind.is_percent() { format!("{s}%") } else { s }
}

/// A signed change: percentage points for `%` units.
pub fn change(d: Decimal, ind: &Indicator, prec: u32, lang: Lang) -> String {
    let s = number(d, ind, prec);
    let s = if d > Decimal::ZERO {
        format!("+{s}")
    } else {
        s
    };
    if ind.is_percent() {
        format!("{s}{}", lang.pick("个百分点", " pp"))
    } else {
        s
    }
}

/// Completion as people are shown it: empty where it means nothing — the
/// baseline already met the target (`docs/methods.md#method-time`), or there is no value after
/// the baseline yet. Machine output keeps the formula's value (the peers'
/// figures), so only the human-readable outputs go through this.
pub fn completion_shown(a: &Assessment) -> Option<Decimal> {
    a.completion
        .filter(|_| !a.met_at_baseline && a.period != a.baseline_period)
}

/// Time progress as people are shown it: empty before any value after the
/// baseline (0% of nothing).
pub fn time_progress_shown(a: &Assessment) -> Option<Decimal> {
    a.time_progress.filter(|_| a.period != a.baseline_period)
}

/// A share as a percentage with one decimal: 0.7 → `70.0%`.
pub fn percent(d: Decimal) -> String {
    // A share near Decimal's limit (a value of 1e28 over a baseline of 1)
    // has no percentage to show; it is written as a plain multiple.
    match d.checked_mul(Decimal::ONE_HUNDRED) {
        Some(p) => format!("{:.1}%", round(p, 1)),
        None => format!("×{}", round(d, 0)),
    }
}

/// A growth rate (float) as a percentage with two decimals.
pub fn rate(r: f64) -> String {
    format!("{:.2}%", r * 100.0)
}

pub fn ratio(d: Decimal) -> String {
    format!("{:.2}", round(d, 2))
}

/// The target in words: `≥92%`, `95%`, `+5个百分点 (→98%)`, `优于内蒙古自治区`.
pub fn target(ind: &Indicator, a: &Assessment, plan: &Plan, lang: Lang) -> String {
    let resolved = a.target.map(|t| value(t, ind, precision(ind, a)));
    expression(&ind.target, resolved, ind, a, plan, lang)
}

/// The target of the indicator's milestone at `period` in the indicator's
/// words: `≥88%`, `90%`, `3–5`; a relative milestone as written in the plan.
pub fn milestone(ind: &Indicator, period: Period) -> String {
    let Some(m) = ind.milestones.iter().find(|m| m.period == period) else {
        return String::new();
    };
    let unit = if ind.is_percent() { "%" } else { "" };
    match &m.target {
        TargetExpr::Reach(v) => format!("{v}{unit}"),
        TargetExpr::Compare(op, v) => format!("{}{v}{unit}", op.glyph()),
        TargetExpr::Range(lo, hi) => format!("{lo}–{hi}{unit}"),
        _ => m.text.clone(),
    }
}

/// A target expression in words; `resolved` is the level it came to, shown
/// after relative targets.
fn expression(
    expr: &TargetExpr,
    resolved: Option<String>,
    ind: &Indicator,
    a: &Assessment,
    plan: &Plan,
    lang: Lang,
) -> String {
    let pct = if ind.is_percent() { "%" } else { "" };
    let resolved = |s: String| match &resolved {
        Some(t) => format!("{s} (→{t})"),
        None => s,
    };
    match expr {
        TargetExpr::Reach(v) => format!("{v}{pct}"),
        TargetExpr::Compare(op, v) => format!("{}{v}{pct}", op.glyph()),
        TargetExpr::Range(lo, hi) => format!("{lo}–{hi}{pct}"),
        TargetExpr::DeltaPoints(d) => {
            let sign = if d.is_sign_negative() { "" } else { "+" };
            let unit = if ind.is_percent() {
                lang.pick("个百分点", " pp")
            } else {
                ""
            };
            resolved(format!("{sign}{d}{unit}"))
        }
        TargetExpr::DeltaPercent(p) => {
            let sign = if p.is_sign_negative() { "" } else { "+" };
            resolved(format!("{sign}{p}%"))
        }
        TargetExpr::Maintain => resolved(lang.pick("保持", "maintain").to_string()),
        TargetExpr::BetterThan(r) => {
            let name = plan.region_name(r, lang.en());
            let s = if lang.en() {
                format!("better than {name}")
            } else {
                format!("优于{name}")
            };
            resolved(s)
        }
        TargetExpr::EveryPeriod(Monotone::NonDecreasing) => {
            lang.pick("逐年只增不减", "never lower").into()
        }
        TargetExpr::EveryPeriod(Monotone::NonIncreasing) => {
            lang.pick("逐年只减不增", "never higher").into()
        }
        TargetExpr::Trend => match a.direction {
            crate::plan::Direction::Up => lang.pick("持续提高", "keep rising").into(),
            crate::plan::Direction::Down => lang.pick("持续下降", "keep falling").into(),
        },
    }
}

/// The series' region and breakdown in words, `""` for the plan's own.
pub fn series_name(a: &Assessment, plan: &Plan, lang: Lang) -> String {
    series_label(plan, &a.region, &a.breakdown, lang)
}

/// A region and breakdown in words: the region's name, then the breakdown.
pub fn series_label(plan: &Plan, region: &str, breakdown: &str, lang: Lang) -> String {
    let mut s = if region.is_empty() {
        String::new()
    } else {
        plan.region_name(region, lang.en())
    };
    let breakdown = crate::actuals::Breakdown::new(breakdown);
    if !breakdown.is_empty() {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(&breakdown.to_string());
    }
    s
}

/// Labels of the human-readable outputs.
pub struct Labels {
    pub indicator: &'static str,
    pub region: &'static str,
    pub baseline: &'static str,
    pub latest: &'static str,
    pub target: &'static str,
    pub gap: &'static str,
    pub completion: &'static str,
    pub time_progress: &'static str,
    pub change: &'static str,
    pub status: &'static str,
    pub as_of: &'static str,
    pub indicators: &'static str,
    pub other: &'static str,
}

pub fn labels(lang: Lang) -> Labels {
    match lang {
        Lang::Zh => Labels {
            indicator: "指标",
            region: "地区",
            baseline: "基期值",
            latest: "最新值",
            target: "目标",
            gap: "差距",
            completion: "完成进度",
            time_progress: "时序进度",
            change: "较基期",
            status: "状态",
            as_of: "截至",
            indicators: "项指标",
            other: "其他",
        },
        Lang::En => Labels {
            indicator: "Indicator",
            region: "Region",
            baseline: "Baseline",
            latest: "Latest",
            target: "Target",
            gap: "Gap",
            completion: "Completion",
            time_progress: "Time elapsed",
            change: "Change",
            status: "Status",
            as_of: "as of",
            indicators: "indicators",
            other: "Other",
        },
    }
}

/// Whether any series of the actuals has a region other than the plan's.
pub fn has_other_regions(plan: &Plan, actuals: &Actuals) -> bool {
    let own = plan.region.as_deref().unwrap_or("");
    actuals.series().any(|s| actuals.region_name(&s.key) != own)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_for_display_only_away_from_zero() {
        assert_eq!(round(Decimal::new(1235, 3), 2).to_string(), "1.24");
        assert_eq!(round(Decimal::new(-1235, 3), 2).to_string(), "-1.24");
        assert_eq!(round(Decimal::new(920, 1), 2).to_string(), "92.0");
        assert_eq!(percent(Decimal::new(7, 1)), "70.0%");
        assert_eq!(percent(Decimal::new(2, 0) / Decimal::new(3, 0)), "66.7%");
        assert_eq!(rate(0.012345), "1.23%");
    }
}
