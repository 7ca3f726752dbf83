//! The human form of `track show`: the definition, then per series a table
//! of its periods, the summary figures, the narrative sentence and a
//! terminal chart.
//!
//! Invariants: numbers are rounded for display only, with the helpers of
//! [`crate::display`] (changes of `%` indicators in percentage points,
//! other units also as a relative %); the sentence is the report's
//! ([`crate::view::narrative`]), not a second wording; no line ends in
//! spaces. `ascii` draws the chart and the table rules in ASCII; colour
//! (status words, headings, chart layers) only when `color` is set.

use std::io::{self, Write};

use anstyle::Style;
use comfy_table::{Cell, CellAlignment, ContentArrangement, TableComponent, presets};
use rust_decimal::Decimal;
use rust_decimal::prelude::{FromPrimitive, ToPrimitive};

use super::chart::{self, Chart, Legend};
use crate::display::{self, Lang};
use crate::engine::{Assessment, Dated, Goal, MilestoneStatus};
use crate::plan::{Direction, Indicator, Kind, Method, Plan, TargetExpr};
use crate::view::indicator::{Block, Row, Shown, path_at};

#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    pub color: bool,
    pub ascii: bool,
    /// The terminal's width: the chart is drawn narrower to fit it (not
    /// under [`MIN_PLOT`] cells); `None`, full size.
    pub width: Option<usize>,
}

/// The narrowest a chart's plot is drawn to fit a terminal.
pub const MIN_PLOT: usize = 16;

/// Write everything `show` prints for people.
pub fn write(s: &Shown, opts: Options, out: &mut dyn Write) -> io::Result<()> {
    let ind = &s.plan.indicators[s.indicator];
    let lang = s.lang;
    let bold = if opts.color {
        Style::new().bold()
    } else {
        Style::new()
    };
    let other = ind.name.en.as_deref().filter(|en| *en != ind.name.zh);
    let title = match (lang, other) {
        (Lang::Zh, Some(en)) => format!("{} · {en}", ind.name.zh),
        (Lang::En, Some(en)) => format!("{en} · {}", ind.name.zh),
        (_, None) => ind.name.zh.clone(),
    };
    writeln!(out, "{bold}{title}{bold:#}")?;
    lines(out, &kv(definition(s)))?;
    for b in &s.blocks {
        writeln!(out)?;
        let mut name = display::series_name(&b.a, s.plan, lang);
        // A parent's blocks include its sub-indicators'.
        if b.a.indicator != s.indicator {
            let child = s.plan.indicators[b.a.indicator].name.get(lang);
            let child = format!("{}{child}", lang.pick("其中：", "of which: "));
            name = if name.is_empty() {
                child
            } else {
                format!("{child} · {name}")
            };
        }
        let heading = match (name.is_empty(), s.as_of) {
            (false, Some(p)) if lang == Lang::Zh => {
                format!("{name}（{}）", display::as_of(p, lang))
            }
            (false, Some(p)) => format!("{name} ({})", display::as_of(p, lang)),
            (false, None) => name,
            (true, Some(p)) if lang == Lang::Zh => display::as_of(p, lang),
            (true, Some(p)) => format!("As of {p}"),
            (true, None) => lang.pick("无数据", "No data").to_string(),
        };
        writeln!(out, "{bold}{heading}{bold:#}")?;
        block(s, b, opts, out)?;
    }
    Ok(())
}

/// Write a rendered table line by line, without the padding's trailing spaces.
fn lines(out: &mut dyn Write, table: &comfy_table::Table) -> io::Result<()> {
    for l in table.to_string().lines() {
        writeln!(out, "{}", l.trim_end())?;
    }
    Ok(())
}

/// Two columns, no rules: labels and values.
fn kv(rows: Vec<(&str, String)>) -> comfy_table::Table {
    let mut t = comfy_table::Table::new();
    t.load_preset(presets::NOTHING)
        .set_content_arrangement(ContentArrangement::Disabled);
    for (k, v) in rows {
        t.add_row(vec![k.to_string(), v]);
    }
    t
}

// Long by design (as `period_table` and `summary` below): one entry per
// line of the block, in the order `show` prints them, each a label and a
// few lines of formatting; the order on screen is the order here.
fn definition(s: &Shown) -> Vec<(&'static str, String)> {
    let lang = s.lang;
    let plan = s.plan;
    let ind = &plan.indicators[s.indicator];
    let l = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let mut rows = vec![
        (l("编号", "Id"), format!("{}/{}", plan.id, ind.id)),
        (l("规划", "Plan"), plan.name.get(lang).to_string()),
    ];
    if let Some(g) = ind.group_in(lang) {
        rows.push((l("分组", "Group"), g.to_string()));
    }
    let unit = ind.unit.get(lang);
    rows.push((
        l("单位", "Unit"),
        if unit.is_empty() {
            "—".into()
        } else {
            unit.into()
        },
    ));
    let kind = match ind.kind {
        Kind::Expected => l("预期性", "expected"),
        Kind::Binding => l("约束性", "binding"),
    };
    rows.push((l("属性", "Kind"), kind.into()));
    let dir = s.blocks.first().map_or(ind.direction, |b| b.a.direction);
    let dir = match dir {
        Direction::Up => l("越高越好 (↑)", "higher is better (↑)"),
        Direction::Down => l("越低越好 (↓)", "lower is better (↓)"),
    };
    rows.push((l("方向", "Direction"), dir.into()));
    let prec = s
        .blocks
        .first()
        .map_or(0, |b| display::precision(ind, &b.a));
    let baseline = match ind.baseline {
        Some(b) => format!("{} ({})", display::value(b, ind, prec), ind.baseline_period),
        None => ind.baseline_period.to_string(),
    };
    rows.push((l("基期", "Baseline"), baseline));
    let shown = match s.blocks.first() {
        Some(b) => display::target(ind, &b.a, plan, lang),
        None => ind.target_text.clone(),
    };
    let written = matches!(
        ind.target,
        TargetExpr::Reach(_)
            | TargetExpr::Compare(..)
            | TargetExpr::Range(..)
            | TargetExpr::DeltaPoints(_)
            | TargetExpr::DeltaPercent(_)
            | TargetExpr::Maintain
    ) && !ind.target_text.is_empty()
        && plain(&ind.target_text) != plain(&shown);
    let mut target = format!("{shown} ({})", ind.target_period);
    if written {
        target.push_str(&format!(" “{}”", ind.target_text));
    }
    target.push_str(&format!("  {}:{}", plan.path, ind.target_pos.line));
    rows.push((l("目标", "Target"), target));
    if !ind.milestones.is_empty() {
        let ms: Vec<String> = ind
            .milestones
            .iter()
            .map(|m| format!("{}: {}", m.period, display::milestone(ind, m.period)))
            .collect();
        rows.push((l("阶段目标", "Milestones"), ms.join("\n")));
    }
    let method = s.blocks.first().map_or(ind.method, |b| b.a.method);
    let method = match method {
        Method::Time => l("序时进度 (time)", "time elapsed (time)"),
        Method::Cagr => l("年均增速 (cagr)", "growth rates (cagr)"),
    };
    rows.push((l("评估方法", "Method"), method.into()));
    if let Some(src) = &ind.source {
        rows.push((l("出处", "Source"), src.clone()));
    }
    if let Some(note) = &ind.note {
        rows.push((l("说明", "Note"), note.clone()));
    }
    rows
}

/// A target's text without the decoration that does not change it
/// (spaces, `%`, `>=` for `≥`), to tell whether the plan's wording says
/// more than the normalised form.
fn plain(t: &str) -> String {
    t.replace(">=", "≥")
        .replace("<=", "≤")
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '%')
        .collect()
}

/// A difference in the unit: `+0.5个百分点` for `%`, `−0.4 (−8.0%)` for others.
fn change(d: Decimal, pct: Option<Decimal>, ind: &Indicator, prec: u32, lang: Lang) -> String {
    let c = display::change(d, ind, prec, lang);
    match pct {
        Some(p) if !ind.is_percent() => format!("{c} ({})", relative(p)),
        _ => c,
    }
}

/// A computed figure (path, projection, required change) rounded to `prec`
/// without the trailing zeros a division leaves: `96.8`, not `96.80`.
fn tidy(d: Decimal, prec: u32) -> Decimal {
    display::round(d, prec).normalize()
}

/// A relative change already in %, signed, one decimal.
fn relative(p: Decimal) -> String {
    let r = display::round(p, 1);
    let sign = if r > Decimal::ZERO { "+" } else { "" };
    format!("{sign}{r:.1}%")
}

/// An unsigned amount in the unit: `0.6个百分点`, `1.6‰`, `6 classes`.
fn amount(d: Decimal, ind: &Indicator, prec: u32, lang: Lang) -> String {
    let n = display::number(d, ind, prec);
    let unit = ind.unit.get(lang);
    if ind.is_percent() {
        format!("{n}{}", lang.pick("个百分点", " pp"))
    } else if unit.is_empty() {
        n
    } else if lang == Lang::En {
        format!("{n} {unit}")
    } else {
        format!("{n}{unit}")
    }
}

fn period_table(s: &Shown, b: &Block, ascii: bool) -> comfy_table::Table {
    let lang = s.lang;
    let ind = &s.plan.indicators[b.a.indicator];
    let prec = display::precision(ind, &b.a);
    let has = |f: fn(&Row) -> bool| b.rows.iter().any(f);
    let (sources, notes) = (
        has(|r| r.source.is_some() || r.from_plan),
        has(|r| r.note.is_some()),
    );
    let unit = ind.unit.get(lang);
    let value_head = if ind.is_percent() || unit.is_empty() {
        lang.pick("数值", "Value").to_string()
    } else {
        format!("{} ({unit})", lang.pick("数值", "Value"))
    };
    let mut head = vec![
        lang.pick("时期", "Period").to_string(),
        value_head,
        lang.pick("较基期", "Since baseline").into(),
        lang.pick("较上期", "From previous").into(),
        lang.pick("规划路径", "Plan path").into(),
    ];
    if sources {
        head.push(lang.pick("来源", "Source").into());
    }
    if notes {
        head.push(lang.pick("备注", "Note").into());
    }
    let mut t = comfy_table::Table::new();
    t.load_preset(if ascii {
        presets::ASCII_HORIZONTAL_ONLY
    } else {
        presets::UTF8_HORIZONTAL_ONLY
    })
    .set_content_arrangement(ContentArrangement::Disabled)
    .set_header(head);
    for c in [
        TableComponent::HorizontalLines,
        TableComponent::MiddleIntersections,
        TableComponent::LeftBorderIntersections,
        TableComponent::RightBorderIntersections,
    ] {
        t.remove_style(c);
    }
    let dash = || "—".to_string();
    // Path values are fractions of the way: one more digit than the data.
    let path_prec = if ind.decimals.is_some() {
        prec
    } else {
        prec + 1
    };
    for r in &b.rows {
        let mut period = r.period.to_string();
        if Some(r.period) == b.a.baseline.map(|d| d.period) {
            period.push_str(lang.pick(" (基期)", " (baseline)"));
        }
        let mut value = display::value(r.value, ind, prec);
        // A value `track add --revise` replaced: its note says what it was.
        if (r.note.as_deref()).is_some_and(crate::actuals::revise::is_revised) {
            value.push_str(lang.pick(" (修订)", " (revised)"));
        }
        let mut cells = vec![
            Cell::new(period),
            Cell::new(value),
            Cell::new(
                r.change
                    .map_or_else(dash, |c| change(c.amount, c.percent, ind, prec, lang)),
            ),
            Cell::new(
                r.yoy
                    .map_or_else(dash, |c| change(c.amount, c.percent, ind, prec, lang)),
            ),
            Cell::new(
                r.path
                    .map_or_else(dash, |p| display::value(tidy(p, path_prec), ind, path_prec)),
            ),
        ];
        for c in cells.iter_mut().skip(1) {
            *c = c.clone().set_alignment(CellAlignment::Right);
        }
        if sources {
            let src = match (&r.source, r.from_plan) {
                (Some(x), _) => x.clone(),
                (None, true) => format!(
                    "{} ({})",
                    lang.pick("规划基期值", "plan baseline"),
                    s.plan.path
                ),
                (None, false) => String::new(),
            };
            cells.push(Cell::new(src));
        }
        if notes {
            cells.push(Cell::new(r.note.clone().unwrap_or_default()));
        }
        t.add_row(cells);
    }
    t
}

/// The target level a series is judged against: `≥95%`, `90–95%`.
fn level(a: &Assessment, ind: &Indicator, plan: &Plan, prec: u32, lang: Lang) -> Option<String> {
    let v = |d: Decimal| display::value(d, ind, prec);
    Some(match a.goal.as_ref()? {
        Goal::Cmp(op, l) => format!("{}{}", op.glyph(), v(*l)),
        Goal::Range { lo, hi, .. } => format!("{}–{}", v(*lo), v(*hi)),
        Goal::Better {
            reference, strict, ..
        } => {
            let region = (ind.target.region()).map_or(String::new(), |r| plan.region_name(r, lang));
            let word = match (strict, lang) {
                (true, Lang::Zh) => "优于",
                (false, Lang::Zh) => "不低于",
                (true, Lang::En) => "better than",
                (false, Lang::En) => "at least",
            };
            format!("{word} {region} {}", v(*reference))
        }
    })
}

fn summary(s: &Shown, b: &Block, color: bool) -> Vec<(&'static str, String)> {
    let lang = s.lang;
    let a = &b.a;
    let ind = &s.plan.indicators[a.indicator];
    let prec = display::precision(ind, a);
    let l = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let dash = || "—".to_string();
    let mut rows = Vec::new();
    let latest = match a.latest {
        Some(Dated {
            period: p,
            value: v,
        }) => format!("{} ({p})", display::value(v, ind, prec)),
        _ => dash(),
    };
    rows.push((l("最新值", "Latest"), latest));
    if let Some(t) = level(a, ind, s.plan, prec, lang) {
        rows.push((
            l("目标值", "Target level"),
            format!("{t} ({})", a.target_period),
        ));
    }
    rows.push((
        l("差距", "Gap"),
        a.gap.map_or_else(dash, |g| amount(g, ind, prec, lang)),
    ));
    let completion = display::completion_shown(a);
    rows.push((
        l("完成进度", "Completion"),
        completion.map_or_else(dash, display::percent),
    ));
    rows.push((
        l("序时进度", "Time elapsed"),
        display::time_progress_shown(a).map_or_else(dash, display::percent),
    ));
    rows.push((
        l("进度比 R", "Ratio R"),
        // Like completion, R means nothing where the baseline met the target.
        a.ratio
            .filter(|_| !(a.met_at_baseline && a.method == crate::plan::Method::Time))
            .map_or_else(dash, display::ratio),
    ));
    if let Some(score) = a.score {
        rows.push((l("得分", "Score"), format!("{score:.2}")));
    }
    rows.push((
        l("较基期", "Since baseline"),
        a.change
            .map_or_else(dash, |c| change(c.amount, c.percent, ind, prec, lang)),
    ));
    rows.push((
        l("较上期", "From previous"),
        a.yoy
            .map_or_else(dash, |c| change(c.amount, c.percent, ind, prec, lang)),
    ));
    rows.push((
        l("年均增长率", "CAGR"),
        a.cagr.map_or_else(dash, display::rate),
    ));
    let per_year = l("/年", " a year");
    // Computed figures get a digit more than the data when it has none.
    let fine = prec.max(1);
    let required = match (a.required_change, a.required_rate) {
        (Some(c), Some(r)) if !ind.is_percent() => format!(
            "{}{per_year} ({}{per_year})",
            display::change(tidy(c, fine), ind, fine, lang),
            signed_rate(r)
        ),
        (Some(c), _) => format!(
            "{}{per_year}",
            display::change(tidy(c, fine), ind, fine, lang)
        ),
        (None, _) => dash(),
    };
    rows.push((l("尚需年均变化", "Required change"), required));
    let projection = match a.projection {
        Some(v) => format!(
            "{} ({})",
            display::value(tidy(v, fine), ind, fine),
            a.target_period
        ),
        None => dash(),
    };
    rows.push((l("趋势预测", "Projection"), projection));
    let meets = match (a.projected_meet, a.goal.as_ref(), a.latest.map(|l| l.value)) {
        (Some(p), _, _) => p.to_string(),
        (None, Some(g), Some(v)) if g.meets(v) => l("已达到", "already met").into(),
        (None, _, _) if a.projection.is_some() => l("趋势不能达到", "not on this trend").into(),
        _ => dash(),
    };
    rows.push((l("趋势达标时期", "Trend meets target"), meets));
    if !a.milestones.is_empty() {
        let ms: Vec<String> = a
            .milestones
            .iter()
            .map(|m| {
                let got = m.value.map_or_else(
                    String::new,
                    |Dated {
                         period: p,
                         value: v,
                     }| { format!(": {} ({p})", display::value(v, ind, prec)) },
                );
                let st = match (m.status, lang) {
                    (MilestoneStatus::Met, Lang::Zh) => "已达成",
                    (MilestoneStatus::Missed, Lang::Zh) => "未达成",
                    (MilestoneStatus::Pending, Lang::Zh) => "未到期",
                    (MilestoneStatus::NoData, Lang::Zh) => "无数据",
                    (MilestoneStatus::NoData, Lang::En) => "no data",
                    (st, Lang::En) => st.as_str(),
                };
                format!(
                    "{} {}{got} {st}",
                    m.period,
                    display::milestone(ind, m.period)
                )
            })
            .collect();
        rows.push((l("阶段目标", "Milestones"), ms.join("\n")));
    }
    if let Some(step) = a.broken {
        let (p0, p1) = (step.from.period, step.to.period);
        rows.push((l("首次违反", "First break"), format!("{p0} → {p1}")));
    }
    let label = a.status.word(a.direction, a.early, lang);
    let status = if color {
        let st = crate::export::table::status_style(a.status);
        format!("{st}{label}{st:#}")
    } else {
        label.to_string()
    };
    rows.push((l("状态", "Status"), status));
    rows
}

/// The width a line takes on a terminal, colours left out.
fn display_width(line: &str) -> usize {
    use unicode_width::UnicodeWidthStr;
    let mut plain = String::with_capacity(line.len());
    let mut in_escape = false;
    for c in line.chars() {
        match c {
            '\u{1b}' => in_escape = true,
            'm' if in_escape => in_escape = false,
            _ if in_escape => {}
            _ => plain.push(c),
        }
    }
    plain.width()
}

fn signed_rate(r: f64) -> String {
    let s = display::rate(r);
    if r > 0.0 { format!("+{s}") } else { s }
}

fn block(s: &Shown, b: &Block, opts: Options, out: &mut dyn Write) -> io::Result<()> {
    if !b.rows.is_empty() {
        lines(out, &period_table(s, b, opts.ascii))?;
        writeln!(out)?;
    }
    lines(out, &kv(summary(s, b, opts.color)))?;
    writeln!(out)?;
    let sentence = crate::view::narrative::sentence(s.plan, &b.a, s.as_of, s.lang);
    writeln!(out, "{sentence}")?;
    let (c, o) = chart_of(b, opts);
    let ind = &s.plan.indicators[b.a.indicator];
    let prec = display::precision(ind, &b.a);
    let label = |v: f64| match Decimal::from_f64(v) {
        Some(d) => display::value(d, ind, prec),
        None => format!("{v}"),
    };
    let mut drawn = chart::draw(&c, &o, &label);
    // Narrower to fit the terminal: the axis labels keep their width, the
    // plot gives up what is too much.
    let widest = drawn.iter().map(|l| display_width(l)).max().unwrap_or(0);
    if let Some(w) = opts.width.filter(|&w| widest > w) {
        let o = chart::Options {
            width: o.width.saturating_sub(widest - w).max(MIN_PLOT),
            ..o
        };
        drawn = chart::draw(&c, &o, &label);
    }
    if drawn.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    for line in drawn {
        writeln!(out, "{line}")?;
    }
    let names = Legend {
        points: s.lang.pick("实际值", "actual"),
        path: s.lang.pick("规划路径", "plan path"),
        target: s.lang.pick("目标", "target"),
        projection: s.lang.pick("趋势预测", "trend"),
    };
    writeln!(out, "{}", chart::legend(&c, &o, &names))
}

/// The chart of a series: its values, the plan's path, the target
/// level(s) and the trend from the latest value to the deadline.
fn chart_of(b: &Block, opts: Options) -> (Chart, chart::Options) {
    let a = &b.a;
    let f = |d: Decimal| d.to_f64();
    let x = |p: crate::period::Period| p.position().to_f64();
    let xy = |p, v| Some((x(p)?, f(v)?));
    let tt = a.target_period;
    let path = match a.baseline {
        Some(Dated {
            period: t0,
            value: bv,
        }) => match (path_at(a, t0), path_at(a, tt)) {
            (Some(_), Some(end)) => xy(t0, bv).zip(xy(tt, end)).map(|(p, q)| [p, q]),
            _ => None,
        },
        _ => None,
    };
    let targets = match &a.goal {
        Some(Goal::Range { lo, hi, .. }) => vec![f(*lo), f(*hi)],
        Some(_) => vec![a.target.and_then(f)],
        None => Vec::new(),
    };
    let last = a.points.last().copied();
    let projection = match (last, a.projection) {
        (Some((t, y)), Some(v)) if tt > t => xy(t, y).zip(xy(tt, v)).map(|(p, q)| [p, q]),
        _ => None,
    };
    let mut ticks: Vec<(f64, String)> = Vec::new();
    let mut periods: Vec<crate::period::Period> = a.points.iter().map(|(p, _)| *p).collect();
    periods.push(tt);
    periods.sort();
    periods.dedup();
    for p in periods {
        if let Some(px) = x(p) {
            ticks.push((px, p.to_string()));
        }
    }
    let chart = Chart {
        points: a.points.iter().filter_map(|&(p, v)| xy(p, v)).collect(),
        path,
        targets: targets.into_iter().flatten().collect(),
        projection,
        ticks,
    };
    let o = chart::Options {
        ascii: opts.ascii,
        color: opts.color,
        ..chart::Options::default()
    };
    (chart, o)
}
