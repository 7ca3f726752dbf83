//! The one-sentence narrative of a series, in Chinese or English, the kind
//! of sentence the plan documents are full of: “学前三年毛入园率2023年达到
//! 94.4%，较2020年提高1.4个百分点，完成进度70.0%，快于序时进度（60.0%），
//! 按目前趋势预计2025年可实现目标。”
//!
//! Invariants: every figure comes from the [`Assessment`] and is rounded
//! only for display, with the helpers of [`crate::display`]; changes of `%`
//! indicators are percentage points (个百分点), other units a relative
//! change (增长7.2%); the wording follows the status (one clause per
//! status) and the indicator's direction (a fall is progress when lower is
//! better). The sentence is plain text: escaping is the caller's job.

use rust_decimal::Decimal;

use crate::display::{self, Lang};
use crate::engine::{Assessment, Change, Dated, Status, Step};
use crate::period::Period;
use crate::plan::{Direction, Indicator, Plan, TargetExpr};
use crate::view::evaluation::Pace;

/// The sentence for one series, as of the report's period.
pub fn sentence(plan: &Plan, a: &Assessment, as_of: Option<Period>, lang: Lang) -> String {
    let Some(ind) = plan.indicators.get(a.indicator) else {
        return String::new();
    };
    let n = Narrator {
        plan,
        ind,
        a,
        lang,
        prec: display::precision(ind, a),
    };
    n.sentence(as_of)
}

/// Whether an English indicator name reads as a countable noun phrase
/// that wants “the” (“the enrolment rate”, “the share of …”) rather than a
/// mass noun or plural (“education spending”, “dropouts”): its head noun,
/// the last word before any “of”, is one of the measures below.
fn takes_article(name: &str) -> bool {
    const HEADS: &[&str] = &[
        "rate",
        "ratio",
        "share",
        "proportion",
        "percentage",
        "number",
        "index",
        "level",
        "average",
        "mean",
        "total",
        "coverage",
        "count",
        "value",
        "gap",
        "score",
    ];
    let lower = name.to_ascii_lowercase();
    let head = lower.split(" of ").next().unwrap_or("");
    let first = head.split_whitespace().next().unwrap_or("");
    let last = head.split_whitespace().last().unwrap_or("");
    HEADS.contains(&last) || matches!(first, "average" | "mean" | "total")
}

struct Narrator<'a> {
    plan: &'a Plan,
    ind: &'a Indicator,
    a: &'a Assessment,
    lang: Lang,
    prec: u32,
}

impl Narrator<'_> {
    fn zh(&self) -> bool {
        self.lang == Lang::Zh
    }

    /// The indicator's name, with the series (region, breakdown) when it
    /// is not the plan's own; in English with an article where it reads as
    /// a common noun (“The three-year …”, but “GDP …” stays).
    fn subject(&self) -> String {
        let mut name = self.ind.name.get(self.lang).to_string();
        // A sub-indicator is named under its parent: 义务教育标准班额比例（小学）.
        if let Some(p) = self.ind.parent {
            let parent = self.plan.indicators[p].name.get(self.lang);
            name = match self.lang {
                Lang::Zh => format!("{parent}（{name}）"),
                Lang::En => format!("{parent} ({name})"),
            };
        }
        let own = self.plan.region.as_deref().unwrap_or("");
        if self.a.region != own || !self.a.breakdown.is_empty() {
            let series = display::series_name(self.a, self.plan, self.lang);
            if !series.is_empty() {
                name = if self.zh() {
                    format!("{name}（{series}）")
                } else {
                    format!("{name} ({series})")
                };
            }
        }
        if self.zh() {
            return name;
        }
        let mut chars = name.chars();
        match (chars.next(), chars.next()) {
            (Some(c0), Some(c1))
                if c0.is_ascii_uppercase() && c1.is_ascii_lowercase() && takes_article(&name) =>
            {
                format!("The {}{}", c0.to_ascii_lowercase(), &name[c0.len_utf8()..])
            }
            _ => name,
        }
    }

    /// A value with its unit: `94.4%`, `11.3年`, `11.3 years`.
    fn value(&self, d: Decimal) -> String {
        let n = display::number(d, self.ind, self.prec);
        let unit = self.ind.unit.get(self.lang);
        if self.ind.is_percent() {
            format!("{n}%")
        } else if unit.is_empty() {
            n
        } else if self.zh() {
            format!("{n}{unit}")
        } else {
            format!("{n} {unit}")
        }
    }

    /// A difference in the unit: percentage points for `%` indicators.
    fn amount(&self, d: Decimal) -> String {
        self.amount_in(d, self.prec)
    }

    /// [`Narrator::amount`] with `prec` decimals (a computed rate shows
    /// more than the data's).
    fn amount_in(&self, d: Decimal, prec: u32) -> String {
        let d = display::round(d, prec).normalize();
        if self.ind.unit.zh == "‰" {
            let n = display::number(d, self.ind, prec);
            return format!("{n}{}", self.lang.pick("个千分点", " per-mille points"));
        }
        if !self.ind.is_percent() {
            let n = display::number(d, self.ind, prec);
            let unit = self.ind.unit.get(self.lang);
            return match (unit.is_empty(), self.zh()) {
                (true, _) => n,
                (false, true) => format!("{n}{unit}"),
                (false, false) => format!("{n} {unit}"),
            };
        }
        let n = display::number(d, self.ind, prec);
        if self.zh() {
            format!("{n}个百分点")
        } else if d == Decimal::ONE {
            format!("{n} percentage point")
        } else {
            format!("{n} percentage points")
        }
    }

    fn period(&self, p: Period) -> String {
        if !self.zh() {
            return p.to_string();
        }
        match p {
            Period::Year(y) => format!("{y}年"),
            Period::Quarter(y, q) => format!("{y}年第{q}季度"),
            Period::Month(y, m) => format!("{y}年{m}月"),
            Period::Day(y, m, d) => format!("{y}年{m}月{d}日"),
        }
    }

    /// The target as a sentence can hold it: as written for a level
    /// (`95%`, `≥92%`), as the level it resolves to for a change
    /// (`+5pp` from 93 → `≥98%`), so no nested brackets.
    fn target(&self) -> String {
        let relative = matches!(
            self.ind.target,
            TargetExpr::DeltaPoints(_) | TargetExpr::DeltaPercent(_) | TargetExpr::Maintain
        );
        match (&self.a.goal, relative) {
            (Some(crate::engine::Goal::Cmp(op, level)), true) => {
                format!("{}{}", op.glyph(), self.value(*level))
            }
            _ => display::target(self.ind, self.a, self.plan, self.lang),
        }
    }

    fn sentence(&self, as_of: Option<Period>) -> String {
        let a = self.a;
        let subject = self.subject();
        if a.rollup > 0 {
            return self.rollup(&subject);
        }
        let Some(Dated {
            period: t,
            value: y,
        }) = a.latest
        else {
            return if self.zh() {
                format!("{subject}暂无数据。")
            } else {
                format!("{subject}: no data yet.")
            };
        };
        if a.status == Status::NoData {
            return self.no_data(&subject, t, y);
        }
        let mut s = self.lead(&subject, t, y, as_of);
        s.push_str(&self.change());
        s.push_str(&self.status_clause());
        s.push_str(if self.zh() { "。" } else { "." });
        s
    }

    /// `学前三年毛入园率2023年达到94.4%` / `The … reached 94.4% in 2023`.
    fn lead(&self, subject: &str, t: Period, y: Decimal, as_of: Option<Period>) -> String {
        let a = self.a;
        let verb = match a.change.map(|c| c.amount.cmp(&Decimal::ZERO)) {
            Some(std::cmp::Ordering::Greater) if a.direction == Direction::Up => {
                self.lang.pick("达到", "reached")
            }
            Some(std::cmp::Ordering::Greater) => self.lang.pick("升至", "rose to"),
            Some(std::cmp::Ordering::Less) => self.lang.pick("降至", "fell to"),
            _ if a.status == Status::Achieved && a.direction == Direction::Up => {
                self.lang.pick("达到", "reached")
            }
            _ => self.lang.pick("为", "was"),
        };
        let y = self.value(y);
        // Every sentence carries its year, as a report quotes it alone.
        let _ = as_of;
        if self.zh() {
            format!("{subject}{}{verb}{y}", self.period(t))
        } else {
            format!("{subject} {verb} {y} in {t}")
        }
    }

    /// `，较2020年提高1.4个百分点` / `, up 1.4 percentage points from 2020`:
    /// percentage points for shares, the unit for levels (`提高0.5年`), a
    /// relative change for amounts (`增长7.2%`), `持平` for none.
    fn change(&self) -> String {
        let a = self.a;
        let (Some(Change { amount: c, percent }), Some(base)) = (a.change, a.baseline) else {
            return String::new();
        };
        let since = self.period(base.period);
        if display::round(c, self.prec).is_zero() {
            return if self.zh() {
                format!("，与{since}持平")
            } else {
                format!(", unchanged from {since}")
            };
        }
        let up = c > Decimal::ZERO;
        let relative = Pace::of(self.ind) == Pace::Growth;
        let (word, amount) = match (relative, percent) {
            (true, Some(p)) => (
                if up {
                    self.lang.pick("增长", "up")
                } else {
                    self.lang.pick("下降", "down")
                },
                format!("{:.1}%", display::round(p.abs(), 1)),
            ),
            // Shares and levels change by an amount (a baseline of 0 has
            // no relative change either).
            _ => (
                if up {
                    self.lang.pick("提高", "up")
                } else {
                    self.lang.pick("下降", "down")
                },
                self.amount(c.abs()),
            ),
        };
        if self.zh() {
            format!("，较{since}{word}{amount}")
        } else {
            format!(", {word} {amount} from {since}")
        }
    }

    /// The reference region of a target that compares with one, and its
    /// value.
    fn reference(&self) -> Option<(String, String)> {
        let region = self.ind.target.region()?;
        let name = self.plan.region_name(region, self.lang);
        Some((
            name,
            self.a.target.map(|v| self.value(v)).unwrap_or_default(),
        ))
    }
}

mod clauses;

#[cfg(test)]
mod tests;
