//! `track check`: the CI gate (`docs/outputs.md#track-check`). Every series' target and every
//! milestone is a *case*; a case at or above `--fail-on` (or a missed
//! milestone) is a *finding*; a finding of the gated kind that is not
//! already in `--baseline` fails the run (exit 1).

use std::collections::HashMap;
use std::io::Write;
use std::process::ExitCode;

use anyhow::Context as _;
use serde_json::{Value, json};

use crate::cli::{CheckArgs, CheckFormat, FailOn, Global};
use track::display::{self, Lang};
use track::engine::{Assessment, Dated, MilestoneStatus, Status};
use track::export::escape::xml;
use track::plan::{Kind, Plan};
use track::query::{Request, Rows, Selected};

/// A case's figures as exact numbers.
#[derive(Debug, Clone, Default)]
pub struct Numbers {
    pub value: Option<rust_decimal::Decimal>,
    pub target: Option<rust_decimal::Decimal>,
    pub gap: Option<rust_decimal::Decimal>,
}

/// One thing checked: a series' target, or one of its milestones.
#[derive(Debug, Clone)]
pub struct Case {
    /// Stable identity across runs: `plan/indicator/region/breakdown/rule`.
    pub key: String,
    pub plan: String,
    pub file: String,
    pub line: usize,
    pub col: usize,
    pub indicator: String,
    pub name: String,
    pub region: String,
    pub breakdown: String,
    pub kind: Kind,
    /// `target` or `milestone:PERIOD`.
    pub rule: String,
    pub status: Status,
    pub period: Option<String>,
    pub value: Option<String>,
    /// The target in words, in English (machine output).
    pub target: String,
    /// The target in words, in the reader's language (messages).
    pub target_shown: String,
    /// The figures as numbers.
    pub numbers: Numbers,
    /// The gap's number as shown (its unit is added in the message:
    /// percentage points for `%` indicators).
    pub gap_shown: Option<String>,
    pub percent: bool,
    pub direction: track::plan::Direction,
    pub lang: Lang,
    /// Since when it stands so: the deadline or milestone period, else the latest period.
    pub since: Option<String>,
    /// For `every_period`: the step that broke it, `110 (2021) → 105 (2022)`.
    pub broken: Option<String>,
    pub finding: bool,
    /// Counts toward the exit code (the gated kind).
    pub gated: bool,
    /// Already a finding, no better, in the baseline file.
    pub known: bool,
}

impl Case {
    pub fn failing(&self) -> bool {
        self.finding && self.gated && !self.known
    }

    /// The gap in words: `1 pp`, `1个百分点`, `2.5`.
    fn gap(&self) -> Option<String> {
        let n = self.gap_shown.clone()?;
        Some(match (self.percent, self.lang) {
            (true, Lang::Zh) => format!("{n}个百分点"),
            (true, Lang::En) => format!("{n} pp"),
            (false, _) => n,
        })
    }

    /// A sentence for people and annotations, in the reader's language.
    pub fn message(&self) -> String {
        if self.lang == Lang::Zh {
            return self.message_zh();
        }
        let mut s = format!("{} {}", self.status, self.name);
        if !self.region.is_empty() {
            s.push_str(&format!(" [{}]", self.region));
        }
        if !self.breakdown.is_empty() {
            s.push_str(&format!(" ({})", self.breakdown));
        }
        if let Some(m) = self.rule.strip_prefix("milestone:") {
            s.push_str(&format!(", milestone {m}"));
        }
        match (&self.value, &self.period) {
            (Some(v), Some(p)) => {
                s.push_str(&format!(": {v} in {p}, target {}", self.target_shown))
            }
            _ => s.push_str(&format!(": no value, target {}", self.target_shown)),
        }
        if let Some(g) = self.gap() {
            s.push_str(&format!(", gap {g}"));
        }
        if let Some(b) = &self.broken {
            s.push_str(&format!(", broken by {b}"));
        }
        if let Some(since) = &self.since {
            s.push_str(&format!(" (since {since})"));
        }
        s
    }

    /// `未实现 学前教育毛入园率[lakeside]：2025年为92%，目标≥95%，差3个百分点（自2025年起）`.
    fn message_zh(&self) -> String {
        let word = self.status.word(self.direction, false, Lang::Zh);
        let mut s = format!("{word} {}", self.name);
        if !self.region.is_empty() {
            s.push_str(&format!("[{}]", self.region));
        }
        if !self.breakdown.is_empty() {
            s.push_str(&format!("（{}）", self.breakdown));
        }
        if let Some(m) = self.rule.strip_prefix("milestone:") {
            s.push_str(&format!("，{}阶段目标", year(m)));
        }
        match (&self.value, &self.period) {
            (Some(v), Some(p)) => {
                s.push_str(&format!("：{}为{v}，目标{}", year(p), self.target_shown))
            }
            _ => s.push_str(&format!("：暂无数据，目标{}", self.target_shown)),
        }
        if let Some(g) = self.gap() {
            s.push_str(&format!("，差{g}"));
        }
        if let Some(b) = &self.broken {
            s.push_str(&format!("，{b}"));
        }
        if let Some(since) = &self.since {
            s.push_str(&format!("（自{}起）", year(since)));
        }
        s
    }
}

/// `2023` → `2023年`; other periods as written.
fn year(p: &str) -> String {
    if p.len() == 4 && p.bytes().all(|b| b.is_ascii_digit()) {
        format!("{p}年")
    } else {
        p.to_string()
    }
}

/// What makes a case a finding, and how cases are written.
#[derive(Debug, Clone, Copy)]
pub struct Rules {
    /// The lowest status that is a finding.
    pub fail_on: Status,
    /// Only findings of this kind fail.
    pub kind: Option<Kind>,
    /// Keep every case, not only the findings.
    pub all: bool,
    pub lang: Lang,
}

/// The cases of a batch of rows of one plan: every case when `all`, else
/// only the findings (the others are only counted). Returns how many cases
/// the rows have in all.
pub fn cases(plan: &Plan, rows: &[Assessment], rules: &Rules, out: &mut Vec<Case>) -> usize {
    let Rules {
        fail_on,
        kind,
        all,
        lang,
    } = *rules;
    let bar = fail_on.severity().unwrap_or(u8::MAX);
    let mut total = 0;
    for a in rows {
        let ind = &plan.indicators[a.indicator];
        let prec = display::precision(ind, a);
        let base = |rule: String, status: Status| Case {
            key: format!("{}/{}/{}/{}/{rule}", plan.id, ind.id, a.region, a.breakdown),
            plan: plan.id.clone(),
            file: plan.path.clone(),
            line: ind.target_pos.line,
            col: ind.target_pos.col,
            indicator: ind.id.clone(),
            name: ind.name.zh.clone(),
            region: a.region.clone(),
            breakdown: a.breakdown.clone(),
            kind: ind.kind,
            rule,
            status,
            period: None,
            value: None,
            target: String::new(),
            target_shown: String::new(),
            numbers: Numbers::default(),
            gap_shown: None,
            percent: ind.is_percent(),
            direction: a.direction,
            lang,
            since: None,
            broken: None,
            finding: false,
            gated: kind.is_none_or(|k| k == ind.kind),
            known: false,
        };
        total += 1;
        let finding = a.status.severity().is_some_and(|s| s >= bar);
        if all || finding {
            let mut c = base("target".into(), a.status);
            c.period = a.latest.map(|l| l.period.to_string());
            c.value = a.latest.map(|l| display::value(l.value, ind, prec));
            c.target = display::target(ind, a, plan, Lang::En);
            c.target_shown = display::target(ind, a, plan, lang);
            c.numbers = Numbers {
                value: a.latest.map(|l| l.value),
                target: a.target,
                gap: a.gap,
            };
            c.gap_shown = (a.gap.filter(|g| !g.is_zero())).map(|g| display::number(g, ind, prec));
            c.finding = finding;
            c.since = since(a, ind.target_period);
            if let Some(step) = a.broken {
                let v = |v| display::value(v, ind, prec);
                let (from, to) = (step.from, step.to);
                c.broken = Some(format!(
                    "{} ({}) → {} ({})",
                    v(from.value),
                    from.period,
                    v(to.value),
                    to.period
                ));
            }
            out.push(c);
        }
        for m in &a.milestones {
            if m.status == MilestoneStatus::Pending {
                continue;
            }
            total += 1;
            let finding = m.status == MilestoneStatus::Missed;
            if !(all || finding) {
                continue;
            }
            let status = match m.status {
                MilestoneStatus::Met => Status::Achieved,
                MilestoneStatus::Missed => Status::Missed,
                _ => Status::NoData,
            };
            let mut c = base(format!("milestone:{}", m.period), status);
            if let Some(Dated {
                period: p,
                value: v,
            }) = m.value
            {
                c.period = Some(p.to_string());
                c.value = Some(display::value(v, ind, prec));
                c.numbers.value = Some(v);
            }
            c.numbers.target = m.target;
            c.target = display::milestone(ind, m.period);
            c.target_shown = c.target.clone();
            c.finding = finding;
            c.since = Some(m.period.to_string());
            out.push(c);
        }
    }
    total
}

fn since(a: &Assessment, deadline: track::period::Period) -> Option<String> {
    match a.status {
        Status::Missed => Some(a.broken.map_or(deadline, |s| s.to.period).to_string()),
        Status::Regressing | Status::OffTrack | Status::AtRisk => {
            a.latest.map(|l| l.period.to_string())
        }
        _ => None,
    }
}

/// The findings of a previous `check --format json`: key → status.
fn known_findings(previous: &Value) -> anyhow::Result<HashMap<String, Status>> {
    let list = previous
        .get("findings")
        .and_then(Value::as_array)
        .context("not the output of `track check --format json` (no \"findings\" list)")?;
    let mut known = HashMap::new();
    for f in list {
        if let (Some(k), Some(s)) = (
            f.get("key").and_then(Value::as_str),
            f.get("status")
                .and_then(Value::as_str)
                .and_then(Status::parse),
        ) {
            known.insert(k.to_string(), s);
        }
    }
    Ok(known)
}

/// Mark the findings already known, no better than they were.
fn mark_known(cases: &mut [Case], known: &HashMap<String, Status>) {
    for c in cases.iter_mut().filter(|c| c.finding) {
        if let Some(before) = known.get(c.key.as_str()) {
            c.known = c.status.severity() <= before.severity();
        }
    }
}

pub fn run(args: &CheckArgs, global: &Global) -> anyhow::Result<ExitCode> {
    // Every series is checked: regions and breakdowns alike.
    let sel = Request {
        as_of: crate::settings::as_of(args.as_of.as_deref())?,
        region: args.region.clone(),
        group: args.group.clone(),
        method: crate::settings::method(args.method),
        rows: Rows::Every,
        ..Request::default()
    };
    let previous = match &args.baseline {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read --baseline {}", path.display()))?;
            Some(
                serde_json::from_str::<Value>(&text)
                    .with_context(|| format!("--baseline {} is not JSON", path.display()))?,
            )
        }
        None => None,
    };
    let known = match &previous {
        Some(prev) => Some(known_findings(prev).with_context(|| {
            format!(
                "--baseline {}",
                args.baseline
                    .as_ref()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default()
            )
        })?),
        None => None,
    };
    let ws = super::load(&args.input, global)?;
    let selected = track::query::select(&ws, &sel)?;
    // Only JUnit lists every case; the other formats show the findings,
    // so only those are kept (the rest are counted), batch by batch. Text
    // and GitHub lines are written as the batches come: nothing is kept.
    let rules = Rules {
        fail_on: crate::settings::fail_on(args.fail_on),
        kind: crate::settings::kind(args.kind),
        all: args.format == CheckFormat::Junit,
        lang: crate::settings::lang(global, &ws),
    };
    let streamed = matches!(args.format, CheckFormat::Text | CheckFormat::Github);
    let mut out = super::stdout();
    let (mut kept, mut tally) = (Vec::new(), Tally::default());
    for s in &selected {
        s.batches(
            |rows| {
                let mut found = Vec::new();
                let n = cases(s.plan, &rows, &rules, &mut found);
                if let Some(k) = &known {
                    mark_known(&mut found, k);
                }
                (n, found)
            },
            |(n, found)| -> anyhow::Result<()> {
                tally.add(n, &found);
                match args.format {
                    CheckFormat::Text => text(&found, &mut out)?,
                    CheckFormat::Github => github(&found, &mut out)?,
                    _ => {}
                }
                if !streamed {
                    kept.extend(found);
                }
                Ok(())
            },
        )?;
    }
    match args.format {
        CheckFormat::Text | CheckFormat::Github => {}
        CheckFormat::Json => serde_json::to_writer_pretty(
            &mut out,
            &json_doc(&kept, tally.cases, &selected, args.fail_on),
        )
        .map(|_| ())?,
        CheckFormat::Junit => junit(&kept, &selected, &mut out)?,
    }
    if args.format == CheckFormat::Json {
        writeln!(out)?;
    }
    out.flush()?;
    tally.print();
    Ok(if tally.failing > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Counts of the cases, for the summary and the exit code.
#[derive(Default)]
struct Tally {
    cases: usize,
    /// Findings per status, in [`Status::ALL`] order.
    findings: [usize; Status::ALL.len()],
    failing: usize,
}

impl Tally {
    fn add(&mut self, cases: usize, found: &[Case]) {
        self.cases += cases;
        for c in found.iter().filter(|c| c.finding) {
            self.findings[c.status.index()] += 1;
            self.failing += usize::from(c.failing());
        }
    }

    /// The summary line on stderr.
    fn print(&self) {
        let mut parts = Vec::new();
        for (s, n) in Status::ALL.iter().zip(self.findings) {
            if n > 0 {
                parts.push(format!("{n} {s}"));
            }
        }
        let findings: usize = self.findings.iter().sum();
        let mut err = anstream::stderr().lock();
        let _ = writeln!(
            err,
            "check: {} cases, {findings} findings{}{}; {} failing",
            self.cases,
            if parts.is_empty() { "" } else { ": " },
            parts.join(", "),
            self.failing
        );
    }
}

mod formats;
use formats::{github, json_doc, junit, text};

#[cfg(test)]
mod tests;
