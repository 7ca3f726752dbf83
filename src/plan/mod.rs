//! The plan model: a plan's indicators, their targets, milestones and
//! regions, as read from a plan file (`docs/plan-format.md#plan-file`).
//!
//! Invariants once a [`Plan`] exists: indicator ids are unique, every
//! target parsed, every indicator has a direction (stated or inferred) and
//! a baseline period before its deadline, and every location points back
//! into the plan file, so later findings can name the line a target is on.

mod load;
pub mod target;
mod text;

use std::collections::HashMap;

use rust_decimal::Decimal;

pub use load::{load_plan, parse_plan};
pub use target::{
    Direction, Monotone, Op, TargetExpr, is_no_value, parse_number, parse_target, parse_target_in,
    parse_value,
};
pub use text::Text;

use crate::display::Lang;
use crate::period::Period;

/// How progress toward a target is graded (`docs/methods.md#method-time`, `docs/methods.md#method-cagr`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Method {
    /// 序时进度: completion against time elapsed.
    #[default]
    Time,
    /// Open SDG / Statistics Canada: observed against required growth.
    Cagr,
}

impl Method {
    pub fn as_str(&self) -> &'static str {
        match self {
            Method::Time => "time",
            Method::Cagr => "cagr",
        }
    }

    pub fn parse(s: &str) -> Option<Method> {
        match s {
            "time" => Some(Method::Time),
            "cagr" => Some(Method::Cagr),
            _ => None,
        }
    }
}

/// 约束性 (binding) or 预期性 (expected).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Kind {
    #[default]
    Expected,
    Binding,
}

impl Kind {
    pub fn as_str(&self) -> &'static str {
        match self {
            Kind::Expected => "expected",
            Kind::Binding => "binding",
        }
    }
}

/// The lower bounds of `R` for each grade (`docs/methods.md#thresholds`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Thresholds {
    /// `ahead` as the plan sets it; without it, [`Thresholds::AHEAD`]
    /// under method `time` and no `ahead` under `cagr` (whose published
    /// statuses have none).
    pub ahead: Option<Decimal>,
    pub on_track: Decimal,
    pub at_risk: Decimal,
    pub off_track: Decimal,
}

impl Thresholds {
    /// The default lower bound of `ahead` under method `time`: 1.10.
    pub const AHEAD: Decimal = Decimal::from_parts(110, 0, 0, false, 2);

    /// The lower bound of `ahead` under `method`, if it has one.
    pub fn ahead(&self, method: Method) -> Option<Decimal> {
        match method {
            Method::Time => Some(self.ahead.unwrap_or(Thresholds::AHEAD)),
            Method::Cagr => self.ahead,
        }
    }
}

impl Default for Thresholds {
    fn default() -> Thresholds {
        Thresholds {
            ahead: None,
            on_track: Decimal::new(95, 2),
            at_risk: Decimal::new(60, 2),
            off_track: Decimal::ZERO,
        }
    }
}

/// Where something is written in the plan file: 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Region {
    pub id: String,
    pub name: Text,
    pub parent: Option<String>,
    /// The words a plan's targets use for the region (`全区`, `全区平均水平`).
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Milestone {
    pub period: Period,
    pub target: TargetExpr,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Indicator {
    pub id: String,
    pub name: Text,
    /// The section heading the indicator is under; an English-only group
    /// has an empty Chinese text (see [`Indicator::group_in`]).
    pub group: Option<Text>,
    /// `%` (its Chinese text) means changes are percentage points.
    pub unit: Text,
    pub kind: Kind,
    pub baseline: Option<Decimal>,
    pub target: TargetExpr,
    /// The target as written in the plan, for display.
    pub target_text: String,
    pub direction: Direction,
    /// The plan gives neither a direction nor a baseline to infer it from:
    /// `direction` is provisional until the data's baseline settles it
    /// (`workspace::settle_directions`).
    pub direction_from_data: bool,
    pub milestones: Vec<Milestone>,
    pub baseline_period: Period,
    pub target_period: Period,
    pub method: Method,
    pub limit: Option<Decimal>,
    pub source: Option<String>,
    pub note: Option<String>,
    pub decimals: Option<u32>,
    /// Where the target is written (the line CI annotations point at).
    pub target_pos: Pos,
    /// The band of an approximate target (`95%左右`) as written; see
    /// [`Indicator::tolerance_for`] for the default.
    pub tolerance: Option<Decimal>,
    /// The indicator this one is a sub-indicator of (其中), as an index
    /// into [`Plan::indicators`]. Parents never form a cycle.
    pub parent: Option<usize>,
}

impl Indicator {
    pub fn is_percent(&self) -> bool {
        self.unit.zh == "%"
    }

    /// The band around `level` within which an approximate target
    /// (`95%左右`) or `基本消除` is met: the indicator's `tolerance`, else 1
    /// for `%` units (a percentage point) and 2% of the level otherwise
    /// (docs/methods.md#approximate-targets).
    pub fn tolerance_for(&self, level: Decimal) -> Decimal {
        match self.tolerance {
            Some(t) => t,
            None if self.is_percent() => Decimal::ONE,
            None => (level.abs() * Decimal::new(2, 2)).normalize(),
        }
    }

    /// A heading: an indicator without a target of its own, whose
    /// sub-indicators carry the targets. It is not assessed.
    pub fn is_heading(&self) -> bool {
        self.target == TargetExpr::Heading
    }

    /// The group in `lang`; none where the plan gives no group in it.
    pub fn group_in(&self, lang: Lang) -> Option<&str> {
        (self.group.as_ref().map(|g| g.get(lang))).filter(|g| !g.is_empty())
    }

    /// The group's texts a `--group` may name.
    pub fn group_names(&self) -> impl Iterator<Item = &str> {
        (self.group.iter().flat_map(Text::both)).filter(|g| !g.is_empty())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub id: String,
    pub name: Text,
    pub baseline: Period,
    pub target: Period,
    /// The region the plan's targets are about; rows without a region are its.
    pub region: Option<String>,
    /// Actuals files as written (relative to the plan file; globs allowed).
    pub actuals: Vec<String>,
    /// The sheet to read from spreadsheet actuals (default: the first).
    pub actuals_sheet: Option<String>,
    pub method: Method,
    pub source: Option<String>,
    pub thresholds: Thresholds,
    pub decimals: Option<u32>,
    pub regions: Vec<Region>,
    pub indicators: Vec<Indicator>,
    /// The plan file as the user named it.
    pub path: String,
    /// Lookups built once by the loader.
    index: PlanIndex,
}

/// Ids to places, and each indicator's sub-indicators: what would
/// otherwise be a scan of the plan per question (a plan may hold tens of
/// thousands of indicators).
#[derive(Debug, Clone, PartialEq, Default)]
struct PlanIndex {
    indicators: HashMap<String, usize>,
    regions: HashMap<String, usize>,
    /// Per indicator, its sub-indicators in plan order.
    children: Vec<Vec<usize>>,
}

impl PlanIndex {
    fn of(regions: &[Region], indicators: &[Indicator]) -> PlanIndex {
        let mut children = vec![Vec::new(); indicators.len()];
        for (i, ind) in indicators.iter().enumerate() {
            if let Some(p) = ind.parent {
                children[p].push(i);
            }
        }
        PlanIndex {
            indicators: indicators
                .iter()
                .enumerate()
                .map(|(i, ind)| (ind.id.clone(), i))
                .collect(),
            regions: regions
                .iter()
                .enumerate()
                .map(|(i, r)| (r.id.clone(), i))
                .collect(),
            children,
        }
    }
}

impl Plan {
    pub fn indicator_index(&self, id: &str) -> Option<usize> {
        self.index.indicators.get(id).copied()
    }

    pub fn region(&self, id: &str) -> Option<&Region> {
        self.regions.get(*self.index.regions.get(id)?)
    }

    /// The sub-indicators (其中) of the indicator at `index`, in plan order.
    pub fn children(&self, index: usize) -> &[usize] {
        self.index.children.get(index).map_or(&[], Vec::as_slice)
    }

    /// The indicator's parents, nearest first (empty for a top-level one).
    pub fn ancestors(&self, index: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(self.indicators.get(index).and_then(|i| i.parent), |&p| {
            self.indicators[p].parent
        })
    }

    /// Whether rows may name this region: any region when the plan declares
    /// none, else the declared ones and the plan's own.
    pub fn knows_region(&self, id: &str) -> bool {
        (self.regions.is_empty() && self.region.is_none())
            || self.region.as_deref() == Some(id)
            || self.region(id).is_some()
    }

    pub fn region_name(&self, id: &str, lang: Lang) -> String {
        match self.region(id) {
            Some(r) => r.name.get(lang).to_string(),
            None => id.to_string(),
        }
    }
}

/// The closest of `candidates` to a misspelt `word`, for "did you mean".
pub fn load_suggest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    load::suggest(word, candidates)
}
