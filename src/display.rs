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

    /// Pick the Chinese or the English text.
    pub fn pick<'a>(&self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

impl crate::engine::Status {
    /// The word people read (`docs/methods.md#status`): China's own plan
    /// evaluations' words, or their English; `early` is an achievement
    /// before the deadline, and a move away from the target says which way
    /// it went for the indicator's `direction`.
    pub fn word(self, direction: crate::plan::Direction, early: bool, lang: Lang) -> &'static str {
        use crate::engine::Status::*;
        use crate::plan::Direction::Down;
        match (self, lang) {
            (Achieved, Lang::Zh) if early => "提前实现",
            (Achieved, Lang::Zh) => "已实现",
            (Achieved, Lang::En) if early => "achieved early",
            (Achieved, Lang::En) => "achieved",
            (Ahead, Lang::Zh) => "快于预期",
            (Ahead, Lang::En) => "ahead of schedule",
            (OnTrack, Lang::Zh) => "基本符合预期",
            (OnTrack, Lang::En) => "on track",
            (AtRisk, Lang::Zh) => "相对滞后",
            (AtRisk, Lang::En) => "lagging",
            (OffTrack, Lang::Zh) => "明显滞后",
            (OffTrack, Lang::En) => "well behind",
            (Regressing, Lang::Zh) if direction == Down => "不降反升",
            (Regressing, Lang::Zh) => "不升反降",
            (Regressing, Lang::En) => "moving away",
            (Missed, Lang::Zh) => "未实现",
            (Missed, Lang::En) => "missed",
            (NoData, Lang::Zh) => "无数据",
            (NoData, Lang::En) => "no data",
        }
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

/// `截至2023年` / `as of 2023`.
pub fn as_of(p: Period, lang: Lang) -> String {
    match (p, lang) {
        (Period::Year(y), Lang::Zh) => format!("截至{y}年"),
        (p, Lang::Zh) => format!("截至{p}"),
        (p, Lang::En) => format!("as of {p}"),
    }
}

/// How many decimals [`number`] shows of `d`.
pub fn shown_decimals(d: Decimal, ind: &Indicator, prec: u32) -> u32 {
    match ind.decimals {
        Some(dp) => dp,
        None => round(d, prec).scale(),
    }
}

/// The unit written after a number in a table cell: `年` in Chinese,
/// ` years` in English; `%` and no unit write nothing here.
pub fn unit_suffix(ind: &Indicator, lang: Lang) -> String {
    let unit = ind.unit.get(lang);
    match (unit, lang) {
        ("" | "%", _) => String::new(),
        (u, Lang::Zh) => u.to_string(),
        (u, Lang::En) => format!(" {u}"),
    }
}

/// A value with its unit when the unit is `%`.
pub fn value(d: Decimal, ind: &Indicator, prec: u32) -> String {
    let s = number(d, ind, prec);
    if ind.is_percent() { format!("{s}%") } else { s }
}

/// A signed change: percentage points for `%` units; `持平` for none.
pub fn change(d: Decimal, ind: &Indicator, prec: u32, lang: Lang) -> String {
    if round(d, prec).is_zero() {
        return lang.pick("持平", "unchanged").to_string();
    }
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
///
/// Shown clamped to 0–100% (`docs/methods.md#rounding-and-display`): a
/// target near its baseline must not read 500% or −233%; the status and
/// the change since the baseline tell the rest.
pub fn completion_shown(a: &Assessment) -> Option<Decimal> {
    a.completion
        .filter(|_| !a.met_at_baseline && !a.latest_is_baseline())
        .map(|c| c.clamp(Decimal::ZERO, Decimal::ONE))
}

/// Time progress as people are shown it: empty before any value after the
/// baseline (0% of nothing).
pub fn time_progress_shown(a: &Assessment) -> Option<Decimal> {
    a.time_progress.filter(|_| !a.latest_is_baseline())
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
/// after relative targets (and, when given, the band of an approximate
/// target). Without `resolved`, what is written parses back to `expr`
/// (`parse_target_in` with the indicator's unit, regions by name) — but a
/// change in points outside `%` units (`+5`), a trend and a heading, which
/// no plan writes as such.
fn expression(
    expr: &TargetExpr,
    resolved: Option<String>,
    ind: &Indicator,
    a: &Assessment,
    plan: &Plan,
    lang: Lang,
) -> String {
    let pct = if ind.is_percent() { "%" } else { "" };
    let shown = resolved.is_some();
    let resolved = |s: String| match &resolved {
        Some(t) => format!("{s} (→{t})"),
        None => s,
    };
    let region = |r: &str, zh: &str, en: &str| {
        let name = plan.region_name(r, lang);
        if lang == Lang::En {
            format!("{en}{name}")
        } else {
            format!("{zh}{name}")
        }
    };
    match expr {
        // A sign before a bare number writes a change: a negative level
        // says "reach" (`达到-3`).
        TargetExpr::Reach(v) if v.is_sign_negative() && !v.is_zero() => {
            format!("{}{v}{pct}", lang.pick("达到", "reach "))
        }
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
        TargetExpr::BetterThan(r) => resolved(region(r, "优于", "better than ")),
        TargetExpr::AtLeast(r) => {
            let s = region(r, "不低于", "at least the level of ");
            resolved(if lang == Lang::En {
                s
            } else {
                format!("{s}水平")
            })
        }
        TargetExpr::Above(r) => {
            let s = region(r, "高于", "above the level of ");
            resolved(if lang == Lang::En {
                s
            } else {
                format!("{s}水平")
            })
        }
        TargetExpr::EveryPeriod(m) => match m {
            Monotone::NonDecreasing => lang.pick("逐年只增不减", "never lower"),
            Monotone::NonIncreasing => lang.pick("逐年只减不增", "never higher"),
            Monotone::Increasing => lang.pick("逐年提高", "higher every period"),
            Monotone::Decreasing => lang.pick("逐年下降", "lower every period"),
        }
        .into(),
        TargetExpr::Improve(d) => {
            let (s, op) = match d {
                crate::plan::Direction::Up => {
                    (lang.pick("持续提高", "higher than the baseline"), ">")
                }
                crate::plan::Direction::Down => {
                    (lang.pick("持续下降", "lower than the baseline"), "<")
                }
            };
            match a.target.filter(|_| shown) {
                Some(b) => format!("{s} ({op}{})", value(b, ind, precision(ind, a))),
                None => s.to_string(),
            }
        }
        TargetExpr::About(v) => {
            let s = if lang == Lang::En {
                format!("approximately {v}{pct}")
            } else if v.is_sign_negative() {
                format!("约{v}{pct}")
            } else {
                format!("{v}{pct}左右")
            };
            let tol = ind.tolerance_for(*v);
            match (v.checked_sub(tol), v.checked_add(tol)) {
                (Some(lo), Some(hi)) if shown => format!("{s} ({lo}–{hi}{pct})"),
                _ => s,
            }
        }
        TargetExpr::FullCoverage => lang.pick("全覆盖", "full coverage").into(),
        TargetExpr::Eliminate { nearly: false } => lang.pick("消除", "eliminate").into(),
        TargetExpr::Eliminate { nearly: true } => {
            let s = lang.pick("基本消除", "nearly eliminate");
            let tol = ind.tolerance_for(Decimal::ZERO);
            if shown && !tol.is_zero() {
                format!("{s} (≤{tol}{pct})")
            } else {
                s.into()
            }
        }
        TargetExpr::Trend => match a.direction {
            crate::plan::Direction::Up => lang.pick("持续提高", "keep rising").into(),
            crate::plan::Direction::Down => lang.pick("持续下降", "keep falling").into(),
        },
        TargetExpr::Heading => String::new(),
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
        plan.region_name(region, lang)
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
            time_progress: "序时进度",
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
mod tests;
