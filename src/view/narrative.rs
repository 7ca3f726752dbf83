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

    fn status_clause(&self) -> String {
        let a = self.a;
        let tg = self.target();
        match a.status {
            Status::Achieved => self.achieved(&tg),
            Status::Missed => self.missed(&tg),
            Status::Regressing => self.regressing(&tg),
            Status::Ahead | Status::OnTrack | Status::AtRisk | Status::OffTrack => {
                self.progress(&tg)
            }
            Status::NoData => String::new(),
        }
    }

    fn achieved(&self, tg: &str) -> String {
        let a = self.a;
        let zh = self.zh();
        let mut s = match (&self.ind.target, self.reference()) {
            (TargetExpr::BetterThan(_), Some((region, v))) if zh => {
                format!("，优于{region}（{v}）")
            }
            (TargetExpr::AtLeast(_), Some((region, v))) if zh => {
                format!("，达到{region}水平（{v}）")
            }
            (TargetExpr::Above(_), Some((region, v))) if zh => format!("，高于{region}（{v}）"),
            (_, Some((region, v))) => format!("; better than {region} ({v})"),
            _ if a.met_at_baseline && zh => format!("，持续达到目标要求（{tg}）"),
            _ if a.met_at_baseline => format!("; it has met the target ({tg}) since the baseline"),
            _ if zh => format!("，已达到目标（{tg}）"),
            _ => format!("; the target ({tg}) is met"),
        };
        if a.early {
            s.push_str(&if zh {
                "，提前实现".to_string()
            } else {
                format!(", ahead of the {} deadline", a.target_period)
            });
        }
        s
    }

    /// Moving away from the target: 不升反降 (不降反升 where lower is
    /// better); a value that only rounding keeps from a target it met at
    /// the baseline is 基本保持.
    fn regressing(&self, tg: &str) -> String {
        let a = self.a;
        let zh = self.zh();
        let word = a.status.word(a.direction, false, self.lang);
        if a.met_at_baseline {
            // Short of the level by less than what a report rounds away:
            // a share within 0.05 points (99.98 of 100%), any other value
            // within 0.05% of the target.
            let held = match (a.gap, a.target) {
                (Some(g), Some(t)) => {
                    let band = if self.ind.is_percent() {
                        Decimal::new(5, 2)
                    } else {
                        t.abs() * Decimal::new(5, 4)
                    };
                    g <= band
                }
                _ => false,
            };
            return match (zh, held) {
                (true, true) => format!("，基本保持目标水平（{tg}）"),
                (false, true) => {
                    format!("; it is just short of the target ({tg}) it met at the baseline")
                }
                (true, false) => format!("，低于目标要求（{tg}），{word}"),
                (false, false) => {
                    format!("; it no longer meets the target ({tg}) it met at the baseline")
                }
            };
        }
        let mut s = if zh {
            format!("，{word}")
        } else {
            format!("; it is moving away from the target ({tg})")
        };
        if let (true, Some(g)) = (zh, a.gap.filter(|g| *g > Decimal::ZERO)) {
            s.push_str(&format!("，距目标（{tg}）还差{}", self.amount(g)));
        }
        s
    }

    fn missed(&self, tg: &str) -> String {
        let a = self.a;
        let due = self.period(a.target_period);
        let mut s = if self.zh() {
            format!("，未实现{due}目标（{tg}）")
        } else {
            format!("; the {due} target ({tg}) was missed")
        };
        if let Some(Step { from, to }) = a.broken {
            let (v0, v1) = (from.value, to.value);
            let (p0, p1) = (self.period(from.period), self.period(to.period));
            let how = match (v1.cmp(&v0), self.zh()) {
                (std::cmp::Ordering::Less, true) => "下降",
                (std::cmp::Ordering::Greater, true) => "上升",
                (std::cmp::Ordering::Equal, true) => "持平",
                (std::cmp::Ordering::Less, false) => "fell",
                (std::cmp::Ordering::Greater, false) => "rose",
                (std::cmp::Ordering::Equal, false) => "stayed level",
            };
            s.push_str(&if self.zh() {
                format!("，{p1}较{p0}{how}")
            } else {
                format!(": it {how} from {p0} to {p1}")
            });
        } else if let Some(g) = a.gap.filter(|g| *g > Decimal::ZERO) {
            let g = self.amount(g);
            s.push_str(&if self.zh() {
                format!("，差{g}")
            } else {
                format!(", {g} short")
            });
        }
        s
    }

    /// Ahead, on track, lagging or well behind: completion against time
    /// elapsed (or the distance left), what each year still needs, then
    /// where the trend leads.
    fn progress(&self, tg: &str) -> String {
        let a = self.a;
        let zh = self.zh();
        if let Some((region, reference)) = self.reference() {
            return match (&self.ind.target, zh) {
                (TargetExpr::AtLeast(_), true) => format!("，尚未达到{region}水平（{reference}）"),
                (TargetExpr::Above(_), true) => format!("，尚未高于{region}（{reference}）"),
                (_, true) => format!("，尚未优于{region}（{reference}）"),
                (_, false) => format!("; not yet better than {region} ({reference})"),
            };
        }
        if matches!(self.ind.target, TargetExpr::Trend) {
            let mut s = a.cagr.map(|r| self.growth(r)).unwrap_or_default();
            let label = a.status.word(a.direction, false, self.lang);
            s.push_str(&if zh {
                format!("，{label}")
            } else {
                format!("; {label}")
            });
            return s;
        }
        if a.method == crate::plan::Method::Cagr
            && let Some(r) = a.cagr
        {
            // Graded on growth rates (`docs/methods.md#method-cagr`): say them, not completion.
            let mut s = self.growth(r);
            if let Some(req) = a.required_rate {
                let (word, rate) = match (req >= 0.0, zh) {
                    (true, true) => ("增长", display::rate(req)),
                    (false, true) => ("下降", display::rate(-req)),
                    (true, false) => ("growth", display::rate(req)),
                    (false, false) => ("decline", display::rate(-req)),
                };
                s.push_str(&if zh {
                    format!("，如期实现目标需年均{word}{rate}")
                } else {
                    format!("; meeting the target on time needs {rate} {word} a year")
                });
            }
            s.push_str(&self.projection());
            return s;
        }
        let mut s = match (display::completion_shown(a), a.time_progress) {
            (Some(c), Some(tp)) if tp > Decimal::ZERO => {
                let cmp = match a.status {
                    _ if c == tp => self.lang.pick("达到", "in line with"),
                    Status::Ahead => self.lang.pick("快于", "ahead of"),
                    _ if c > tp => self.lang.pick("快于", "ahead of"),
                    Status::OnTrack => self.lang.pick("基本达到", "roughly in line with"),
                    Status::AtRisk => self.lang.pick("慢于", "behind"),
                    _ => self.lang.pick("明显慢于", "well behind"),
                };
                let (c, tp) = (display::percent(c), display::percent(tp));
                if zh {
                    format!("，完成进度{c}，{cmp}序时进度（{tp}）")
                } else {
                    format!("; {c} of the planned change is done, {cmp} the {tp} of time elapsed")
                }
            }
            _ => match a.gap.filter(|g| *g > Decimal::ZERO) {
                Some(g) if zh => format!("，距目标（{tg}）还差{}", self.amount(g)),
                Some(g) => format!("; {} short of the target ({tg})", self.amount(g)),
                None => String::new(),
            },
        };
        s.push_str(&self.required());
        s.push_str(&self.projection());
        s
    }

    /// `，如期实现目标需年均提高0.8个百分点`: what each year still needs,
    /// where the series is not on track.
    fn required(&self) -> String {
        let a = self.a;
        if matches!(a.status, Status::Ahead | Status::OnTrack) {
            return String::new();
        }
        let Some(need) = a.required_change.filter(|d| !d.is_zero()) else {
            return String::new();
        };
        let up = need > Decimal::ZERO;
        let amount = self.amount_in(need.abs(), self.prec.max(1));
        // Amounts increase; shares and levels rise.
        let counts = Pace::of(self.ind) == Pace::Growth;
        match (self.zh(), up) {
            (true, true) if counts => format!("，如期实现目标需年均增加{amount}"),
            (true, false) if counts => format!("，如期实现目标需年均减少{amount}"),
            (true, true) => format!("，如期实现目标需年均提高{amount}"),
            (true, false) => format!("，如期实现目标需年均下降{amount}"),
            (false, true) => {
                format!("; meeting the target on time needs a rise of {amount} a year")
            }
            (false, false) => {
                format!("; meeting the target on time needs a fall of {amount} a year")
            }
        }
    }

    /// `,年均增长2.34%` / `; growing 2.34% a year`.
    fn growth(&self, r: f64) -> String {
        let rate = display::rate(r.abs());
        match (self.zh(), r >= 0.0) {
            (true, true) => format!("，年均增长{rate}"),
            (true, false) => format!("，年均下降{rate}"),
            (false, true) => format!("; growing {rate} a year"),
            (false, false) => format!("; falling {rate} a year"),
        }
    }

    /// Where the least-squares trend leads by the deadline.
    fn projection(&self) -> String {
        let a = self.a;
        let zh = self.zh();
        let tt = a.target_period;
        if a.latest.is_none_or(|l| l.period >= tt) {
            return String::new();
        }
        match (a.projected_meet, a.projection) {
            (Some(p), _) if p <= tt => {
                if zh {
                    format!("，按目前趋势预计{}可实现目标", self.period(p))
                } else {
                    format!("; on this trend the target will be met in {p}")
                }
            }
            (Some(p), _) => {
                if zh {
                    format!(
                        "，按目前趋势预计{}实现目标，晚于规划期限（{}）",
                        self.period(p),
                        self.period(tt)
                    )
                } else {
                    format!(
                        "; on this trend the target will be met only in {p}, after the {tt} deadline"
                    )
                }
            }
            (None, Some(v)) => {
                let meets = a.goal.as_ref().is_some_and(|g| g.meets(v));
                let (due, v) = (self.period(tt), self.value(v));
                match (zh, meets) {
                    (true, true) => format!("，按目前趋势预计{due}可实现目标"),
                    (false, true) => format!("; on this trend the target will be met in {tt}"),
                    (true, false) => format!("，按目前趋势{due}预计为{v}，难以如期实现目标"),
                    (false, false) => {
                        format!("; on this trend it will be {v} in {tt}, short of the target")
                    }
                }
            }
            (None, None) => String::new(),
        }
    }

    fn no_data(&self, subject: &str, t: Period, y: Decimal) -> String {
        let a = self.a;
        let (when, y) = (self.period(t), self.value(y));
        let zh = self.zh();
        if a.baseline.is_none() {
            return if zh {
                format!("{subject}{when}为{y}，暂无基期数据，无法评估进度。")
            } else {
                format!(
                    "{subject} was {y} in {when}; there is no baseline to measure progress from."
                )
            };
        }
        if a.baseline.is_some_and(|b| b.period == t) {
            return if zh {
                format!("{subject}{when}（基期）为{y}，暂无此后的数据。")
            } else {
                format!("{subject} was {y} in {when} (the baseline); no later data yet.")
            };
        }
        if let Some(r) = self.ind.target.region() {
            let region = self.plan.region_name(r, self.lang);
            return if zh {
                format!("{subject}{when}为{y}，暂无{region}同期数据，无法比较。")
            } else {
                format!(
                    "{subject} was {y} in {when}; no value for {region} in the same period to compare with."
                )
            };
        }
        if zh {
            format!("{subject}{when}为{y}，暂无足够数据评估进度。")
        } else {
            format!("{subject} was {y} in {when}; not enough data to assess progress.")
        }
    }

    fn rollup(&self, subject: &str) -> String {
        let a = self.a;
        let label = a.status.word(a.direction, false, self.lang);
        match (self.zh(), a.score) {
            (true, Some(s)) => format!("{subject}共{}个序列，平均得分{s:.2}，{label}。", a.rollup),
            (true, None) => format!("{subject}共{}个序列，{label}。", a.rollup),
            (false, Some(s)) => {
                format!(
                    "{subject}: {} series, mean score {s:.2}, {label}.",
                    a.rollup
                )
            }
            (false, None) => format!("{subject}: {} series, {label}.", a.rollup),
        }
    }
}

#[cfg(test)]
mod tests;
