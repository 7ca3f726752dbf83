//! The `[[indicator]]` tables: every key, the baseline as the plans'
//! tables write it (`93`, `"11.4年"`, `"——"` for none), the tolerance of
//! approximate targets, and sub-indicators (`parent`), which must name an
//! indicator of the plan and never form a cycle (docs/plan-format.md#indicator-keys).

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use rust_decimal::Decimal;
use toml_edit::{Item, TableLike, Value};

use super::regions::{Forest, cycle_path};
use super::{Reader, closest};
use crate::diag::Diagnostic;
use crate::plan::target::{Direction, TargetExpr, is_no_value, parse_value};
use crate::plan::{Indicator, Kind, Method, Plan, Text};

pub(super) const INDICATOR_KEYS: &[&str] = &[
    "id",
    "name",
    "name_en",
    "group",
    "group_en",
    "unit",
    "unit_en",
    "kind",
    "baseline",
    "target",
    "direction",
    "milestones",
    "baseline_period",
    "target_period",
    "method",
    "limit",
    "source",
    "note",
    "decimals",
    "parent",
    "tolerance",
];

/// What an indicator table says that needs the whole plan to check.
struct Pending<'t> {
    table: &'t dyn TableLike,
    parent: Option<String>,
}

impl Reader<'_> {
    pub(super) fn indicators(&mut self, top: &dyn TableLike, plan: &Plan) -> Vec<Indicator> {
        let tables = self.array_of_tables(top, "indicator");
        if tables.is_empty() && top.get("indicator").is_none() {
            let span = top.get("plan").and_then(Item::span).unwrap_or(0..0);
            self.error(
                span,
                "the plan has no [[indicator]]".into(),
                "add at least one [[indicator]] table",
            );
        }
        // Every id a table writes (read or not), and those named as a
        // parent: an indicator without a target is a heading when it has
        // sub-indicators.
        let written: HashSet<&str> = tables
            .iter()
            .filter_map(|(t, _)| t.get("id").and_then(Item::as_str))
            .collect();
        let parents: HashSet<&str> = tables
            .iter()
            .filter_map(|(t, _)| t.get("parent").and_then(Item::as_str))
            .collect();
        let mut out: Vec<Indicator> = Vec::new();
        let mut pending: Vec<Pending> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        for (t, span) in &tables {
            let heading = t
                .get("id")
                .and_then(Item::as_str)
                .is_some_and(|id| parents.contains(id));
            let Some(ind) = self.indicator(*t, span.clone(), plan, heading) else {
                continue;
            };
            if index.contains_key(&ind.id) {
                let span = self.value_span(*t, "id");
                self.error(
                    span,
                    format!("indicator `{}` is defined twice", ind.id),
                    "duplicate indicator id",
                );
                continue;
            }
            index.insert(ind.id.clone(), out.len());
            pending.push(Pending {
                table: *t,
                parent: self.string(*t, "parent", &format!("indicator `{}`", ind.id)),
            });
            out.push(ind);
        }
        self.resolve_parents(&mut out, &pending, &index, &written);
        out
    }

    /// Point every sub-indicator at its parent's index: the parent must be
    /// an indicator of the plan (one that failed to read is left alone —
    /// its own error says why), and a parent that would close a cycle is
    /// an error at its line.
    fn resolve_parents(
        &mut self,
        out: &mut [Indicator],
        pending: &[Pending],
        index: &HashMap<String, usize>,
        written: &HashSet<&str>,
    ) {
        let mut forest = Forest::new(out.len());
        let mut parents: Vec<Option<usize>> = vec![None; out.len()];
        let ids: Vec<String> = out.iter().map(|i| i.id.clone()).collect();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        for (child, p) in pending.iter().enumerate() {
            let Some(parent) = &p.parent else { continue };
            let span = self.value_span(p.table, "parent");
            let Some(&at) = index.get(parent.as_str()) else {
                if !written.contains(parent.as_str()) {
                    self.unknown_parent(span, parent, &ids);
                }
                continue;
            };
            if !forest.join(child, at) {
                let message = if child == at {
                    format!("indicator `{parent}` is its own parent")
                } else {
                    let path = cycle_path(child, at, &parents, &ids);
                    format!("sub-indicators form a cycle: {path}")
                };
                let d = Diagnostic::error(message)
                    .at(self.at(span))
                    .label("closes the cycle")
                    .help("a sub-indicator's parents must end at an indicator without `parent`");
                self.diags.push(d);
                continue;
            }
            parents[child] = Some(at);
        }
        for (ind, parent) in out.iter_mut().zip(parents) {
            ind.parent = parent;
        }
    }

    fn unknown_parent(&mut self, span: Range<usize>, parent: &str, ids: &[&str]) {
        let mut d = Diagnostic::error(format!("unknown indicator `{parent}`"))
            .at(self.at(span))
            .label("`parent` must name an indicator of this plan");
        // The distance is quadratic in the id's length and linear in the
        // ids: a suggestion among a few thousand only.
        if ids.len() <= 2000
            && let Some(s) = closest(parent, ids)
        {
            d = d.help(format!("did you mean `{s}`?"));
        }
        self.diags.push(d);
    }

    fn indicator(
        &mut self,
        t: &dyn TableLike,
        span: Range<usize>,
        plan: &Plan,
        heading: bool,
    ) -> Option<Indicator> {
        let what = match t.get("id").and_then(Item::as_str) {
            Some(id) => format!("indicator `{id}`"),
            None => "[[indicator]]".to_string(),
        };
        self.check_keys(t, INDICATOR_KEYS, &what);
        let id = self.indicator_id(t, span.clone());
        let name = self.string(t, "name", &what);
        let name_en = self.string(t, "name_en", &what);
        let group = self.string(t, "group", &what);
        let group_en = self.string(t, "group_en", &what);
        let unit = self.string(t, "unit", &what).unwrap_or_default();
        let unit_en = self.string(t, "unit_en", &what);
        let kind = self.kind(t, &what);
        let baseline = self.baseline(t, &what, &unit);
        let tolerance = self.tolerance(t, &what);
        let direction = self.direction(t, &what);
        let baseline_period = self
            .period(t, "baseline_period", &what)
            .unwrap_or(plan.baseline);
        let target_period = self
            .period(t, "target_period", &what)
            .unwrap_or(plan.target);
        let method = self.method(t, &what).unwrap_or(plan.method);
        let limit = self.decimal(t, "limit", &what);
        let source = self.string(t, "source", &what);
        let note = self.string(t, "note", &what);
        let decimals = self.decimals(t, &what).or(plan.decimals);
        let target = match (t.get("target"), heading, method) {
            (None, true, _) => Some((TargetExpr::Heading, String::new(), span.clone())),
            (None, false, Method::Cagr) => Some((TargetExpr::Trend, String::new(), span.clone())),
            _ => self.target(t, &what, span.clone(), &unit, plan),
        };
        let milestones = self.milestones(t, &what, &unit, plan);
        let id = id?;
        let (target, target_text, target_span) = target?;
        if baseline_period >= target_period {
            let span = t
                .get("target_period")
                .map_or(span.clone(), |_| self.value_span(t, "target_period"));
            self.error(span, format!("{what}: the deadline {target_period} is not after the baseline {baseline_period}"), "deadline before baseline");
        }
        // A group given only in English has no Chinese text (`Indicator::group_in`).
        let group = match (group, group_en) {
            (None, None) => None,
            (zh, en) => Some(Text::new(zh.unwrap_or_default(), en)),
        };
        let mut ind = Indicator {
            name: Text::new(name.unwrap_or_else(|| id.clone()), name_en),
            id,
            group,
            unit: Text::new(unit, unit_en),
            kind,
            baseline,
            target,
            target_text,
            direction: Direction::Up,
            direction_from_data: false,
            milestones,
            baseline_period,
            target_period,
            method,
            limit,
            source,
            note,
            decimals,
            target_pos: self.pos(&target_span),
            tolerance,
            parent: None,
        };
        // `direction_from_data`: provisional until the data's baseline tells.
        (ind.direction, ind.direction_from_data) =
            self.infer_direction(&ind, direction, &what, target_span.clone(), t)?;
        self.check_sense(&ind, plan, target_span);
        Some(ind)
    }

    fn indicator_id(&mut self, t: &dyn TableLike, span: Range<usize>) -> Option<String> {
        let id = self.required_string(t, "id", "[[indicator]]", span)?;
        let valid = !id.is_empty()
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"_.-".contains(&b));
        if !valid {
            let span = self.value_span(t, "id");
            self.error(
                span,
                format!("indicator id `{id}` may only use a-z, 0-9, `_`, `.` and `-`"),
                "invalid id",
            );
        }
        Some(id)
    }

    /// The baseline as the plans' tables write it: a number, the number
    /// with the indicator's unit (`"11.4年"`), or `"——"` (`—`, `-`, `/`)
    /// for no baseline.
    fn baseline(&mut self, t: &dyn TableLike, what: &str, unit: &str) -> Option<Decimal> {
        let text = match t.get("baseline")?.as_value() {
            Some(Value::String(s)) => s.value().clone(),
            _ => return self.decimal(t, "baseline", what),
        };
        if is_no_value(&text) {
            return None;
        }
        let value = parse_value(&text, unit);
        if value.is_none() {
            let span = self.value_span(t, "baseline");
            let d = Diagnostic::error(format!("`baseline` of {what} must be a number"))
                .at(self.at(span))
                .label("not a number")
                .help(
                    "write a number (93, \"93%\", or with the indicator's unit, \"11.4年\"), \
                     or \"——\" for no baseline",
                );
            self.diags.push(d);
        }
        value
    }

    /// The band of an approximate target: a number, not negative.
    fn tolerance(&mut self, t: &dyn TableLike, what: &str) -> Option<Decimal> {
        let tolerance = self.decimal(t, "tolerance", what)?;
        if tolerance.is_sign_negative() && !tolerance.is_zero() {
            let span = self.value_span(t, "tolerance");
            self.error(
                span,
                format!("`tolerance` of {what} cannot be negative"),
                "a band is at least 0 wide",
            );
            return None;
        }
        Some(tolerance)
    }

    fn kind(&mut self, t: &dyn TableLike, what: &str) -> Kind {
        let Some(s) = self.string(t, "kind", what) else {
            return Kind::Expected;
        };
        match s.as_str() {
            "expected" | "预期性" => Kind::Expected,
            "binding" | "约束性" => Kind::Binding,
            _ => {
                let span = self.value_span(t, "kind");
                self.error(
                    span,
                    format!("unknown kind `{s}` in {what}"),
                    "expected \"expected\" (预期性) or \"binding\" (约束性)",
                );
                Kind::Expected
            }
        }
    }

    fn direction(&mut self, t: &dyn TableLike, what: &str) -> Option<Direction> {
        let s = self.string(t, "direction", what)?;
        match s.as_str() {
            "up" | "higher" | "increase" => Some(Direction::Up),
            "down" | "lower" | "decrease" => Some(Direction::Down),
            _ => {
                let span = self.value_span(t, "direction");
                self.error(
                    span,
                    format!("unknown direction `{s}` in {what}"),
                    "expected \"up\" or \"down\"",
                );
                None
            }
        }
    }
}
