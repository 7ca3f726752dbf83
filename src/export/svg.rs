//! Hand-written SVG charts of one series: the actual values (line and
//! dots), the plan's path from baseline to target, the target (a line, or
//! a band for a range), the trend projected to the deadline (dashed),
//! milestones as diamonds, and axes labelled with periods and values.
//!
//! Invariants: the chart is sized by its `viewBox` (it scales to any
//! width); every piece of text that comes from the plan or the data goes
//! through [`escape`], so a hostile indicator name stays text in HTML and
//! in a standalone `.svg`; coordinates are finite numbers (a chart without
//! values is an empty frame that says so, never NaN).

use std::fmt::Write as _;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::escape::xml as escape;
use crate::display::{self, Lang};
use crate::engine::{Assessment, Goal, MilestoneStatus};
use crate::period::{Granularity, Period};
use crate::plan::{Indicator, Plan};

/// Fonts with CJK glyphs on every common system, then the generic family.
pub const FONT_FAMILY: &str = "system-ui, -apple-system, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif";

/// The width of the drawing: small enough that its 12px text stays
/// legible when a phone shrinks it to the screen.
const W: f64 = 480.0;
const LEFT: f64 = 62.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 18.0;
/// The plot's bottom edge: below are the period labels and the legend.
const BOTTOM: f64 = 210.0;
/// The first legend row's baseline.
const LEGEND: f64 = BOTTOM + 40.0;

const SERIES: &str = "#0969da";
const PATH: &str = "#8c959f";
const TARGET: &str = "#1a7f37";
const GRID: &str = "#d0d7de";
const INK: &str = "#57606a";

fn f(d: Decimal) -> Option<f64> {
    d.to_f64().filter(|x| x.is_finite())
}

fn pos(p: Period) -> Option<f64> {
    f(p.position())
}

/// A linear map from data to the plot.
struct Scale {
    x0: f64,
    x1: f64,
    y0: f64,
    y1: f64,
}

impl Scale {
    fn x(&self, x: f64) -> f64 {
        LEFT + (x - self.x0) / (self.x1 - self.x0) * (W - LEFT - RIGHT)
    }

    fn y(&self, y: f64) -> f64 {
        BOTTOM - (y - self.y0) / (self.y1 - self.y0) * (BOTTOM - TOP)
    }
}

/// A "nice" step (1, 2, 2.5 or 5 × 10^k) giving about `n` intervals.
fn nice_step(span: f64, n: f64) -> f64 {
    let raw = (span / n).max(f64::MIN_POSITIVE);
    let mag = 10f64.powf(raw.log10().floor());
    let r = raw / mag;
    let m = if r <= 1.0 {
        1.0
    } else if r <= 2.0 {
        2.0
    } else if r <= 2.5 {
        2.5
    } else if r <= 5.0 {
        5.0
    } else {
        10.0
    };
    m * mag
}

/// Decimals needed to write multiples of `step` exactly.
fn step_decimals(step: f64) -> usize {
    (0..6)
        .find(|&d| {
            let k = step * 10f64.powi(d as i32);
            (k - k.round()).abs() < 1e-6
        })
        .unwrap_or(6)
}

/// The chart of one series.
pub fn chart(plan: &Plan, a: &Assessment, lang: Lang) -> String {
    let Some(ind) = plan.indicators.get(a.indicator) else {
        return String::new();
    };
    Chart {
        ind,
        a,
        lang,
        prec: display::precision(ind, a),
    }
    .draw(&crate::view::report::title(plan, a, lang))
}

/// Which elements a chart drew (for its legend).
struct Shown {
    actual: bool,
    path: bool,
    target: bool,
    projection: bool,
    milestones: bool,
}

struct Chart<'a> {
    ind: &'a Indicator,
    a: &'a Assessment,
    lang: Lang,
    prec: u32,
}

impl Chart<'_> {
    fn value(&self, d: Decimal) -> String {
        display::value(d, self.ind, self.prec)
    }

    /// The target levels to draw: `(lo, hi)` for a band, `(v, v)` for a line.
    fn target_band(&self) -> Option<(Decimal, Decimal)> {
        match self.a.goal.as_ref()? {
            Goal::Range { lo, hi, .. } => Some((*lo, *hi)),
            Goal::Cmp(_, v) => Some((*v, *v)),
            Goal::Better { reference, .. } => Some((*reference, *reference)),
        }
    }

    // Long by design: the chart is painted in one pass, back to front
    // (frame, grid, target band, plan path, projection, series, labels),
    // and every layer uses the scales and margins computed at the top;
    // split into layers, each would take all of them as arguments.
    fn draw(&self, title: &str) -> String {
        let a = self.a;
        let ind = self.ind;
        let mut s = String::with_capacity(4096);
        let points: Vec<(f64, f64, Period, Decimal)> = a
            .points
            .iter()
            .filter_map(|&(p, v)| Some((pos(p)?, f(v)?, p, v)))
            .collect();
        let band = self.target_band();
        let tt = a.target_period;
        let t0 = a.baseline.map_or(ind.baseline_period, |b| b.period);

        // The ranges: every period and value drawn must fit.
        let mut xs: Vec<f64> = points.iter().map(|p| p.0).collect();
        xs.extend(pos(t0));
        xs.extend(pos(tt));
        let mut ys: Vec<f64> = points.iter().map(|p| p.1).collect();
        if let Some((lo, hi)) = band {
            ys.extend(f(lo));
            ys.extend(f(hi));
        }
        let last = points.last().copied();
        let projection = match (last, a.projection) {
            (Some((x, _, _, _)), Some(v)) if pos(tt).is_some_and(|t| t > x) => f(v),
            _ => None,
        };
        ys.extend(projection);
        let milestones: Vec<(f64, f64, &crate::engine::MilestoneResult)> = a
            .milestones
            .iter()
            .filter_map(|m| Some((pos(m.period)?, f(m.target?)?, m)))
            .collect();
        for m in &milestones {
            xs.push(m.0);
            ys.push(m.1);
        }
        let (Some(x0), Some(x1)) = (
            xs.iter().copied().reduce(f64::min),
            xs.iter().copied().reduce(f64::max),
        ) else {
            return self.empty(title);
        };
        if points.is_empty() && band.is_none() {
            return self.empty(title);
        }
        let (x0, x1) = if x1 - x0 < 1e-9 {
            (x0 - 1.0, x1 + 1.0)
        } else {
            (x0, x1)
        };
        let (mut y0, mut y1) = (
            ys.iter().copied().fold(f64::INFINITY, f64::min),
            ys.iter().copied().fold(f64::NEG_INFINITY, f64::max),
        );
        if !(y0.is_finite() && y1.is_finite()) {
            return self.empty(title);
        }
        if y1 - y0 < 1e-9 {
            let pad = (y0.abs() * 0.05).max(1.0);
            y0 -= pad;
            y1 += pad;
        } else {
            // Keep lines off the frame: a target on the axis is hard to see.
            let pad = (y1 - y0) * 0.06;
            y0 -= pad;
            y1 += pad;
        }
        let step = nice_step(y1 - y0, 4.0);
        let (y0, y1) = ((y0 / step).floor() * step, (y1 / step).ceil() * step);
        // A little room at the edges so dots and labels are not clipped.
        let xpad = (x1 - x0) * 0.04;
        let sc = Scale {
            x0: x0 - xpad,
            x1: x1 + xpad,
            y0,
            y1,
        };

        self.y_axis(&mut s, &sc, step);
        self.x_axis(&mut s, &sc, &points, t0, tt);
        if let Some((lo, hi)) = band {
            self.target(&mut s, &sc, lo, hi);
        }
        // The plan's path: from the baseline to the target level at the
        // deadline (none where the baseline already met the target).
        let mut path = false;
        if !a.met_at_baseline
            && let (Some(b), Some(level), Some(xb), Some(xt)) = (
                a.baseline_value(),
                a.target,
                a.baseline.and_then(|b| pos(b.period)),
                pos(tt),
            )
            && let (Some(b), Some(level)) = (f(b), f(level))
            && xt > xb
        {
            let _ = write!(
                s,
                r#"<line class="path" x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{PATH}" stroke-width="1.5" stroke-dasharray="2 3"/>"#,
                sc.x(xb),
                sc.y(b),
                sc.x(xt),
                sc.y(level)
            );
            path = true;
        }
        if let (Some((x, y, _, _)), Some(v), Some(xt)) = (last, projection, pos(tt)) {
            let _ = write!(
                s,
                r#"<line class="projection" x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{SERIES}" stroke-width="2" stroke-dasharray="6 4" opacity="0.6"/>"#,
                sc.x(x),
                sc.y(y),
                sc.x(xt),
                sc.y(v)
            );
            let _ = write!(
                s,
                r#"<circle cx="{:.1}" cy="{:.1}" r="3" fill="white" stroke="{SERIES}" stroke-width="1.5" opacity="0.8"><title>{}</title></circle>"#,
                sc.x(xt),
                sc.y(v),
                escape(&format!(
                    "{} {tt}: {}",
                    self.lang.pick("趋势预测", "projection"),
                    a.projection.map(|d| self.value(d)).unwrap_or_default()
                ))
            );
        }
        self.series(&mut s, &sc, &points);
        if points.is_empty() {
            let _ = write!(
                s,
                r#"<text x="{:.0}" y="{:.0}" text-anchor="middle" fill="{INK}" font-size="14">{}</text>"#,
                (LEFT + W - RIGHT) / 2.0,
                (TOP + BOTTOM) / 2.0 + 24.0,
                escape(self.lang.pick("暂无数据", "No data yet"))
            );
        }
        for (x, y, m) in &milestones {
            let colour = match m.status {
                MilestoneStatus::Met => TARGET,
                MilestoneStatus::Missed => "#cf222e",
                MilestoneStatus::Pending | MilestoneStatus::NoData => INK,
            };
            let (cx, cy) = (sc.x(*x), sc.y(*y));
            let status = match (m.status, self.lang) {
                (MilestoneStatus::Met, Lang::Zh) => "已完成",
                (MilestoneStatus::Missed, Lang::Zh) => "未完成",
                (MilestoneStatus::Pending, Lang::Zh) => "未到期",
                (MilestoneStatus::NoData, Lang::Zh) => "无数据",
                (st, Lang::En) => st.as_str(),
            };
            let _ = write!(
                s,
                r#"<path class="milestone" d="M{:.1} {:.1}l6 6-6 6-6-6z" fill="{colour}" stroke="white"><title>{}</title></path>"#,
                cx,
                cy - 6.0,
                escape(&format!(
                    "{} {}: {} ({status})",
                    self.lang.pick("阶段目标", "milestone"),
                    m.period,
                    display::milestone(self.ind, m.period)
                ))
            );
        }
        let shown = Shown {
            actual: !points.is_empty(),
            path,
            target: band.is_some(),
            projection: projection.is_some(),
            milestones: !milestones.is_empty(),
        };
        let height = self.legend(&mut s, &shown);
        wrap(title, height, &s)
    }

    fn empty(&self, title: &str) -> String {
        let mut s = String::new();
        let _ = write!(
            s,
            r#"<rect x="{LEFT}" y="{TOP}" width="{:.0}" height="{:.0}" fill="none" stroke="{GRID}"/><text x="{:.0}" y="{:.0}" text-anchor="middle" fill="{INK}" font-size="14">{}</text>"#,
            W - LEFT - RIGHT,
            BOTTOM - TOP,
            (LEFT + W - RIGHT) / 2.0,
            (TOP + BOTTOM) / 2.0,
            escape(self.lang.pick("暂无数据", "No data yet"))
        );
        wrap(title, BOTTOM + 12.0, &s)
    }

    fn y_axis(&self, s: &mut String, sc: &Scale, step: f64) {
        let dp = step_decimals(step);
        let unit = if self.ind.is_percent() { "%" } else { "" };
        let n = ((sc.y1 - sc.y0) / step).round() as i64;
        for i in 0..=n.clamp(0, 20) {
            let v = sc.y0 + step * i as f64;
            let y = sc.y(v);
            let _ = write!(
                s,
                r#"<line x1="{LEFT}" y1="{y:.1}" x2="{:.0}" y2="{y:.1}" stroke="{GRID}" stroke-width="1"/><text x="{:.0}" y="{:.1}" text-anchor="end" fill="{INK}">{v:.dp$}{unit}</text>"#,
                W - RIGHT,
                LEFT - 6.0,
                y + 4.0,
            );
        }
        if !self.ind.is_percent() && !self.ind.unit.zh.is_empty() {
            let _ = write!(
                s,
                r#"<text x="4" y="{:.0}" fill="{INK}" font-size="11">{}</text>"#,
                TOP - 6.0,
                escape(self.ind.unit.get(self.lang))
            );
        }
    }

    /// Period labels: the baseline, the deadline and the latest value
    /// always; others (every year, or every data period) where they fit.
    fn x_axis(
        &self,
        s: &mut String,
        sc: &Scale,
        points: &[(f64, f64, Period, Decimal)],
        t0: Period,
        tt: Period,
    ) {
        let mut must: Vec<Period> = vec![t0, tt];
        must.extend(points.last().map(|p| p.2));
        let yearly = points
            .iter()
            .all(|p| p.2.granularity() == Granularity::Year)
            && t0.granularity() == Granularity::Year
            && tt.granularity() == Granularity::Year;
        let mut more: Vec<Period> = if yearly {
            let (first, last) = (sc.x0.ceil() as i64, sc.x1.floor() as i64);
            (first..=last.min(first + 200))
                .filter_map(|y| i32::try_from(y).ok().map(Period::Year))
                .collect()
        } else {
            points.iter().map(|p| p.2).collect()
        };
        more.retain(|p| !must.contains(p));
        let mut shown: Vec<(f64, Period)> = Vec::new();
        for p in must.into_iter().chain(more) {
            let Some(x) = pos(p).map(|x| sc.x(x)) else {
                continue;
            };
            let width = if yearly { 44.0 } else { 72.0 };
            if shown.iter().any(|(sx, _)| (sx - x).abs() < width) {
                continue;
            }
            shown.push((x, p));
        }
        shown.sort_by(|a, b| a.0.total_cmp(&b.0));
        let _ = write!(
            s,
            r#"<line x1="{LEFT}" y1="{BOTTOM}" x2="{:.0}" y2="{BOTTOM}" stroke="{INK}" stroke-width="1"/>"#,
            W - RIGHT
        );
        for (x, p) in shown {
            let _ = write!(
                s,
                r#"<line x1="{x:.1}" y1="{BOTTOM}" x2="{x:.1}" y2="{:.0}" stroke="{INK}"/><text x="{x:.1}" y="{:.0}" text-anchor="middle" fill="{INK}">{}</text>"#,
                BOTTOM + 4.0,
                BOTTOM + 18.0,
                escape(&p.to_string())
            );
        }
    }

    fn target(&self, s: &mut String, sc: &Scale, lo: Decimal, hi: Decimal) {
        let (Some(l), Some(h)) = (f(lo), f(hi)) else {
            return;
        };
        let (x0, x1) = (LEFT, W - RIGHT);
        let label = if lo == hi {
            let _ = write!(
                s,
                r#"<line class="target" x1="{x0}" y1="{y:.1}" x2="{x1}" y2="{y:.1}" stroke="{TARGET}" stroke-width="1.5"/>"#,
                y = sc.y(l)
            );
            self.value(lo)
        } else {
            let _ = write!(
                s,
                r#"<rect class="target" x="{x0}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{TARGET}" fill-opacity="0.12" stroke="{TARGET}" stroke-width="1"/>"#,
                sc.y(h),
                x1 - x0,
                (sc.y(l) - sc.y(h)).max(1.0)
            );
            format!(
                "{}–{}",
                display::number(lo, self.ind, self.prec),
                self.value(hi)
            )
        };
        // The label goes at the left, on the side away from the baseline:
        // the series starts there and heads for the line from that side.
        let below = self.a.baseline_value().and_then(f).is_some_and(|b| b > h);
        let y = match (below, sc.y(l) + 14.0, sc.y(h) - 5.0) {
            (true, y, _) if y < BOTTOM - 4.0 => y,
            (false, _, y) if y > TOP + 10.0 => y,
            (_, y, _) if y < BOTTOM - 4.0 => y,
            (_, _, y) => y,
        };
        let _ = write!(
            s,
            r#"<text x="{:.0}" y="{:.1}" fill="{TARGET}" font-weight="600" stroke="white" stroke-width="3" paint-order="stroke">{} {}</text>"#,
            x0 + 6.0,
            y,
            escape(self.lang.pick("目标", "target")),
            escape(&label)
        );
    }

    fn series(&self, s: &mut String, sc: &Scale, points: &[(f64, f64, Period, Decimal)]) {
        if points.len() > 1 {
            s.push_str(r#"<polyline class="actual" fill="none" stroke=""#);
            s.push_str(SERIES);
            s.push_str(r#"" stroke-width="2.5" stroke-linejoin="round" points=""#);
            for (i, (x, y, _, _)) in points.iter().enumerate() {
                if i > 0 {
                    s.push(' ');
                }
                let _ = write!(s, "{:.1},{:.1}", sc.x(*x), sc.y(*y));
            }
            s.push_str(r#""/>"#);
        }
        for (x, y, p, v) in points {
            let _ = write!(
                s,
                r#"<circle class="point" cx="{:.1}" cy="{:.1}" r="4" fill="{SERIES}" stroke="white" stroke-width="1.5"><title>{}</title></circle>"#,
                sc.x(*x),
                sc.y(*y),
                escape(&format!("{p}: {}", self.value(*v)))
            );
        }
        if let Some((x, y, _, v)) = points.last() {
            // The latest value, written next to its dot.
            let cx = sc.x(*x);
            let anchor = if cx > W - RIGHT - 60.0 {
                "end"
            } else {
                "start"
            };
            let dx = if anchor == "end" { -8.0 } else { 8.0 };
            let _ = write!(
                s,
                r#"<text x="{:.1}" y="{:.1}" text-anchor="{anchor}" fill="{SERIES}" font-weight="600" stroke="white" stroke-width="3" paint-order="stroke">{}</text>"#,
                cx + dx,
                sc.y(*y) - 8.0,
                escape(&self.value(*v))
            );
        }
    }

    /// The legend, in as many rows as it needs; returns the height of
    /// the drawing.
    fn legend(&self, s: &mut String, shown: &Shown) -> f64 {
        let l = |zh: &'static str, en: &'static str| self.lang.pick(zh, en);
        let mut y = LEGEND;
        let mut x = 8.0;
        let mut item = |s: &mut String, mark: String, text: &str| {
            // Room for the text at 15px (the page enlarges chart text on
            // phones); CJK characters are about twice as wide as Latin ones.
            let width: f64 = 26.0
                + text
                    .chars()
                    .map(|c| if c.is_ascii() { 8.0 } else { 15.0 })
                    .sum::<f64>();
            if x > 8.0 && x + width > W - 8.0 {
                x = 8.0;
                y += 22.0;
            }
            let _ = write!(
                s,
                r#"<g transform="translate({x:.0} {y:.0})">{mark}<text x="26" y="4" fill="{INK}">{}</text></g>"#,
                escape(text)
            );
            x += width + 18.0;
        };
        if shown.actual {
            item(
                s,
                format!(
                    r#"<line x1="0" y1="0" x2="20" y2="0" stroke="{SERIES}" stroke-width="2.5"/><circle cx="10" cy="0" r="3.5" fill="{SERIES}"/>"#
                ),
                l("实际值", "actual"),
            );
        }
        if shown.path {
            item(
                s,
                format!(
                    r#"<line x1="0" y1="0" x2="20" y2="0" stroke="{PATH}" stroke-width="1.5" stroke-dasharray="2 3"/>"#
                ),
                l("规划路径", "plan path"),
            );
        }
        if shown.target {
            item(
                s,
                format!(
                    r#"<line x1="0" y1="0" x2="20" y2="0" stroke="{TARGET}" stroke-width="1.5"/>"#
                ),
                l("目标", "target"),
            );
        }
        if shown.projection {
            item(
                s,
                format!(
                    r#"<line x1="0" y1="0" x2="20" y2="0" stroke="{SERIES}" stroke-width="2" stroke-dasharray="6 4" opacity="0.6"/>"#
                ),
                l("趋势预测", "projection"),
            );
        }
        if shown.milestones {
            item(
                s,
                format!(r#"<path d="M10 -6l6 6-6 6-6-6z" fill="{TARGET}"/>"#),
                l("阶段目标", "milestone"),
            );
        }
        y + 14.0
    }
}

/// The `<svg>` element around a drawing of the given height. The
/// `viewBox` makes it scale; `width` and `height` give a standalone file
/// (the Markdown report's) its natural size, and the HTML page's CSS
/// overrides them to fill the card.
fn wrap(title: &str, height: f64, body: &str) -> String {
    let t = escape(title);
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {height:.0}" width="{W}" height="{height:.0}" role="img" aria-label="{t}" font-family="{FONT_FAMILY}" font-size="12"><title>{t}</title>{body}</svg>"#
    )
}

#[cfg(test)]
mod tests;
