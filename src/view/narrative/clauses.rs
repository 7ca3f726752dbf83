//! The clause of a sentence that says where a series stands, one function
//! per status (achieved, moving away, missed, progress against time, no
//! data, a roll-up), with the required change and the projection they
//! cite (`docs/methods.md#status`).

use super::*;

impl Narrator<'_> {
    pub(super) fn status_clause(&self) -> String {
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

    pub(super) fn achieved(&self, tg: &str) -> String {
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
    pub(super) fn regressing(&self, tg: &str) -> String {
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

    pub(super) fn missed(&self, tg: &str) -> String {
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
    pub(super) fn progress(&self, tg: &str) -> String {
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
    pub(super) fn required(&self) -> String {
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
    pub(super) fn growth(&self, r: f64) -> String {
        let rate = display::rate(r.abs());
        match (self.zh(), r >= 0.0) {
            (true, true) => format!("，年均增长{rate}"),
            (true, false) => format!("，年均下降{rate}"),
            (false, true) => format!("; growing {rate} a year"),
            (false, false) => format!("; falling {rate} a year"),
        }
    }

    /// Where the least-squares trend leads by the deadline.
    pub(super) fn projection(&self) -> String {
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

    pub(super) fn no_data(&self, subject: &str, t: Period, y: Decimal) -> String {
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

    pub(super) fn rollup(&self, subject: &str) -> String {
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
