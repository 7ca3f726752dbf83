//! Reading a plan file: TOML to [`Plan`], with every problem reported at
//! once and pointed at its characters.
//!
//! The file is walked through `toml_edit`'s spanned document rather than
//! deserialised, so that an unknown key, a wrong type and a target that does
//! not parse are all collected in one pass, each with its own span, and
//! numbers are taken from the text exactly as written (`94.6` stays decimal
//! 94.6, never a binary float).

use std::ops::Range;

use rust_decimal::Decimal;
use toml_edit::{ImDocument, Item, TableLike, Value};

use super::target::{Direction, TargetExpr, parse_number, parse_target};
use super::{Indicator, Kind, Method, Milestone, Plan, Pos, Region, Thresholds};
use crate::diag::{Diagnostic, Diagnostics, InputError, Location};
use crate::period::Period;

const TOP_KEYS: &[&str] = &["plan", "region", "indicator"];
const PLAN_KEYS: &[&str] = &[
    "id",
    "name",
    "name_en",
    "baseline",
    "target",
    "region",
    "actuals",
    "actuals_sheet",
    "method",
    "source",
    "decimals",
    "thresholds",
];
const THRESHOLD_KEYS: &[&str] = &["on_track", "at_risk", "off_track"];
const REGION_KEYS: &[&str] = &["id", "name", "name_en", "parent"];
const INDICATOR_KEYS: &[&str] = &[
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
];

/// Read a plan from its text. `path` is how the file is named in messages.
/// Returns the plan and its warnings, or every error found.
pub fn parse_plan(source: &str, path: &str) -> Result<(Plan, Diagnostics), InputError> {
    let mut r = Reader {
        source,
        path,
        diags: Diagnostics::default(),
        line_starts: std::cell::OnceCell::new(),
    };
    let doc = match ImDocument::parse(source) {
        Ok(doc) => doc,
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            let message = e.message().trim().to_string();
            let d = Diagnostic::error(format!("{path} is not valid TOML: {message}"))
                .at(Location::in_source(path, source, span))
                .label(message);
            return Err(InputError(Diagnostics(vec![d])));
        }
    };
    let plan = r.plan(doc.as_table());
    match plan {
        Some(plan) if !r.diags.has_errors() => Ok((plan, r.diags)),
        _ => Err(InputError(r.diags)),
    }
}

/// Read a plan file from disk.
pub fn load_plan(file: &std::path::Path, display: &str) -> Result<(Plan, Diagnostics), InputError> {
    match std::fs::read_to_string(file) {
        Ok(text) => parse_plan(&text, display),
        Err(e) => Err(InputError(Diagnostics(vec![Diagnostic::error(format!(
            "cannot read plan {display}: {e}"
        ))]))),
    }
}

struct Reader<'a> {
    source: &'a str,
    path: &'a str,
    diags: Diagnostics,
    /// Where each line starts, found once: a plan of a thousand indicators
    /// asks for a thousand positions.
    line_starts: std::cell::OnceCell<Vec<usize>>,
}

impl Reader<'_> {
    fn at(&self, span: Range<usize>) -> Location {
        Location::in_source(self.path, self.source, span)
    }

    fn error(&mut self, span: Range<usize>, message: String, label: &str) {
        let d = Diagnostic::error(message).at(self.at(span)).label(label);
        self.diags.push(d);
    }

    /// The first line of a span (a table's header), so a message about a
    /// whole table points at where it starts.
    fn first_line(&self, span: Range<usize>) -> Range<usize> {
        let text = self.source.get(span.clone()).unwrap_or("");
        let len = text.find('\n').unwrap_or(text.len());
        span.start..span.start + text[..len].trim_end().len()
    }

    /// The line and column of a span's start: what `self.at(span).line_col()`
    /// gives, without counting the lines before it each time.
    fn pos(&self, span: &Range<usize>) -> Pos {
        let src = self.source;
        let mut start = span.start.min(src.len());
        while !src.is_char_boundary(start) {
            start -= 1;
        }
        let starts = self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(src.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        });
        let idx = starts.partition_point(|&s| s <= start).saturating_sub(1);
        let line_start = starts.get(idx).copied().unwrap_or(0);
        let line_end = src[start..].find('\n').map_or(src.len(), |i| start + i);
        let text = src[line_start..line_end].trim_end_matches('\r');
        let rel = (start - line_start).min(text.len());
        Pos {
            line: idx + 1,
            col: text[..rel].chars().count() + 1,
        }
    }

    /// Report keys that are not in `allowed`, suggesting the closest.
    fn check_keys(&mut self, t: &dyn TableLike, allowed: &[&str], what: &str) {
        for (key, _) in t.iter() {
            if allowed.contains(&key) {
                continue;
            }
            let span = t.key(key).and_then(|k| k.span()).unwrap_or(0..0);
            let mut d = Diagnostic::error(format!("unknown key `{key}` in {what}"))
                .at(self.at(span))
                .label("not a key of this table");
            d = match closest(key, allowed) {
                Some(s) => d.help(format!("did you mean `{s}`?")),
                None => d.help(format!("expected one of: {}", allowed.join(", "))),
            };
            self.diags.push(d);
        }
    }

    fn value_span(&self, t: &dyn TableLike, key: &str) -> Range<usize> {
        let item = t.get(key);
        item.and_then(Item::span)
            .or_else(|| item.and_then(Item::as_value).and_then(Value::span))
            .or_else(|| t.key(key).and_then(|k| k.span()))
            .unwrap_or(0..0)
    }

    fn string(&mut self, t: &dyn TableLike, key: &str, what: &str) -> Option<String> {
        let item = t.get(key)?;
        match item.as_str() {
            Some(s) => Some(s.to_string()),
            None => {
                let span = self.value_span(t, key);
                let found = item.type_name();
                self.error(
                    span,
                    format!("`{key}` of {what} must be a string, found {found}"),
                    "expected a string",
                );
                None
            }
        }
    }

    fn required_string(
        &mut self,
        t: &dyn TableLike,
        key: &str,
        what: &str,
        span: Range<usize>,
    ) -> Option<String> {
        if t.get(key).is_none() {
            self.error(
                span,
                format!("{what} has no `{key}`"),
                &format!("`{key} = ...` is required here"),
            );
            return None;
        }
        self.string(t, key, what)
    }

    /// A period written as an integer (`2020`) or a string (`"2020-Q4"`).
    fn period(&mut self, t: &dyn TableLike, key: &str, what: &str) -> Option<Period> {
        let item = t.get(key)?;
        let span = self.value_span(t, key);
        let text = match (item.as_integer(), item.as_str()) {
            (Some(i), _) => i.to_string(),
            (_, Some(s)) => s.to_string(),
            _ => {
                self.error(
                    span,
                    format!("`{key}` of {what} must be a period such as 2025 or \"2025-Q4\""),
                    "not a period",
                );
                return None;
            }
        };
        match Period::parse(&text) {
            Ok(p) => Some(p),
            Err(e) => {
                self.error(span, e.to_string(), "not a period");
                None
            }
        }
    }

    /// A number from its text as written (integer, float or string).
    fn decimal(&mut self, t: &dyn TableLike, key: &str, what: &str) -> Option<Decimal> {
        let item = t.get(key)?;
        let span = self.value_span(t, key);
        let text = match item.as_value() {
            Some(Value::Integer(_) | Value::Float(_)) => {
                self.source.get(span.clone()).unwrap_or("").to_string()
            }
            Some(Value::String(s)) => s.value().clone(),
            _ => String::new(),
        };
        let n = parse_number(&text.replace('_', ""));
        if n.is_none() {
            self.error(
                span,
                format!("`{key}` of {what} must be a number"),
                "not a number",
            );
        }
        n
    }

    fn plan(&mut self, top: &dyn TableLike) -> Option<Plan> {
        self.check_keys(top, TOP_KEYS, "the plan file");
        let Some(p) = top.get("plan").and_then(Item::as_table_like) else {
            self.error(
                0..0,
                format!("{} has no [plan] table", self.path),
                "expected `[plan]` with id, name, baseline and target",
            );
            return None;
        };
        let head = top.get("plan").and_then(Item::span).unwrap_or(0..0);
        self.check_keys(p, PLAN_KEYS, "[plan]");
        let id = self.required_string(p, "id", "[plan]", head.clone());
        let name = self.required_string(p, "name", "[plan]", head.clone());
        let name_en = self.string(p, "name_en", "[plan]");
        let baseline = self.period(p, "baseline", "[plan]");
        let target = self.period(p, "target", "[plan]");
        for (key, value) in [("baseline", &baseline), ("target", &target)] {
            if value.is_none() && p.get(key).is_none() {
                self.error(
                    head.clone(),
                    format!("[plan] has no `{key}` period"),
                    &format!("`{key} = 2025` or similar is required"),
                );
            }
        }
        let region = self.string(p, "region", "[plan]");
        let actuals = self.string_list(p, "actuals", "[plan]");
        let actuals_sheet = self.string(p, "actuals_sheet", "[plan]");
        let method = self.method(p, "[plan]").unwrap_or_default();
        let source = self.string(p, "source", "[plan]");
        let decimals = self.decimals(p, "[plan]");
        let thresholds = self.thresholds(p);

        let regions = self.regions(top);
        let (Some(id), Some(name), Some(baseline), Some(target)) = (id, name, baseline, target)
        else {
            return None;
        };
        if baseline >= target {
            let span = self.value_span(p, "target");
            self.error(
                span,
                format!("the plan's deadline {target} is not after its baseline {baseline}"),
                "deadline before baseline",
            );
        }
        let mut plan = Plan {
            id,
            name,
            name_en,
            baseline,
            target,
            region,
            actuals,
            actuals_sheet,
            method,
            source,
            thresholds,
            decimals,
            regions,
            indicators: Vec::new(),
            path: self.path.to_string(),
        };
        plan.indicators = self.indicators(top, &plan);
        self.check_region_refs(top, &plan);
        Some(plan)
    }

    fn string_list(&mut self, t: &dyn TableLike, key: &str, what: &str) -> Vec<String> {
        let Some(item) = t.get(key) else {
            return Vec::new();
        };
        if let Some(s) = item.as_str() {
            return vec![s.to_string()];
        }
        let span = self.value_span(t, key);
        match item.as_array() {
            Some(a) if a.iter().all(|v| v.as_str().is_some()) => a
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
            _ => {
                self.error(
                    span,
                    format!("`{key}` of {what} must be a list of file names"),
                    "expected [\"actuals.csv\"]",
                );
                Vec::new()
            }
        }
    }

    fn method(&mut self, t: &dyn TableLike, what: &str) -> Option<Method> {
        let s = self.string(t, "method", what)?;
        let m = Method::parse(&s);
        if m.is_none() {
            let span = self.value_span(t, "method");
            self.error(
                span,
                format!("unknown method `{s}` in {what}"),
                "expected \"time\" or \"cagr\"",
            );
        }
        m
    }

    fn decimals(&mut self, t: &dyn TableLike, what: &str) -> Option<u32> {
        let item = t.get("decimals")?;
        match item
            .as_integer()
            .and_then(|i| u32::try_from(i).ok())
            .filter(|&i| i <= 10)
        {
            Some(d) => Some(d),
            None => {
                let span = self.value_span(t, "decimals");
                self.error(
                    span,
                    format!("`decimals` of {what} must be a whole number from 0 to 10"),
                    "not a number of decimals",
                );
                None
            }
        }
    }

    fn thresholds(&mut self, p: &dyn TableLike) -> Thresholds {
        let mut th = Thresholds::default();
        let Some(t) = p.get("thresholds") else {
            return th;
        };
        let Some(t) = t.as_table_like() else {
            let span = self.value_span(p, "thresholds");
            self.error(
                span,
                "`thresholds` must be a table".into(),
                "expected { on_track = 0.95, at_risk = 0.6, off_track = 0 }",
            );
            return th;
        };
        self.check_keys(t, THRESHOLD_KEYS, "[plan.thresholds]");
        for (key, slot) in [
            ("on_track", &mut th.on_track),
            ("at_risk", &mut th.at_risk),
            ("off_track", &mut th.off_track),
        ] {
            if let Some(v) = self.decimal(t, key, "[plan.thresholds]") {
                *slot = v;
            }
        }
        if !(th.on_track >= th.at_risk && th.at_risk >= th.off_track) {
            let span = self.value_span(p, "thresholds");
            self.error(
                span,
                "thresholds must satisfy on_track >= at_risk >= off_track".into(),
                "thresholds out of order",
            );
        }
        th
    }

    fn array_of_tables<'t>(
        &mut self,
        top: &'t dyn TableLike,
        key: &str,
    ) -> Vec<(&'t dyn TableLike, Range<usize>)> {
        let Some(item) = top.get(key) else {
            return Vec::new();
        };
        if let Some(a) = item.as_array_of_tables() {
            return a
                .iter()
                .map(|t| {
                    (
                        t as &dyn TableLike,
                        self.first_line(t.span().unwrap_or(0..0)),
                    )
                })
                .collect();
        }
        if let Some(a) = item.as_array() {
            let tables: Vec<_> = a
                .iter()
                .filter_map(|v| {
                    v.as_inline_table()
                        .map(|t| (t as &dyn TableLike, v.span().unwrap_or(0..0)))
                })
                .collect();
            if tables.len() == a.len() {
                return tables;
            }
        }
        let span = self.value_span(top, key);
        self.error(
            span,
            format!("`{key}` must be written as [[{key}]] tables"),
            "not a list of tables",
        );
        Vec::new()
    }

    fn regions(&mut self, top: &dyn TableLike) -> Vec<Region> {
        let mut regions: Vec<Region> = Vec::new();
        for (t, span) in self.array_of_tables(top, "region") {
            self.check_keys(t, REGION_KEYS, "[[region]]");
            let id = self.required_string(t, "id", "[[region]]", span.clone());
            let name = self.string(t, "name", "[[region]]");
            let name_en = self.string(t, "name_en", "[[region]]");
            let parent = self.string(t, "parent", "[[region]]");
            let Some(id) = id else { continue };
            if regions.iter().any(|r| r.id == id) {
                let span = self.value_span(t, "id");
                self.error(
                    span,
                    format!("region `{id}` is defined twice"),
                    "duplicate region id",
                );
                continue;
            }
            regions.push(Region {
                name: name.unwrap_or_else(|| id.clone()),
                id,
                name_en,
                parent,
            });
        }
        regions
    }

    /// Region references (plan region, parents, better_than) must name a
    /// declared region once the plan declares any.
    fn check_region_refs(&mut self, top: &dyn TableLike, plan: &Plan) {
        if plan.regions.is_empty() {
            return;
        }
        let known = |id: &str| plan.regions.iter().any(|r| r.id == id);
        let mut bad: Vec<(Range<usize>, String)> = Vec::new();
        if let Some(p) = top.get("plan").and_then(Item::as_table_like)
            && let Some(r) = plan.region.as_deref().filter(|r| !known(r))
        {
            bad.push((self.value_span(p, "region"), r.to_string()));
        }
        for (t, _) in self.array_of_tables(top, "region") {
            if let Some(parent) = t.get("parent").and_then(Item::as_str).filter(|r| !known(r)) {
                bad.push((self.value_span(t, "parent"), parent.to_string()));
            }
        }
        for ind in &plan.indicators {
            if let TargetExpr::BetterThan(r) = &ind.target
                && !known(r)
            {
                let span = self.find_better_than_span(top, &ind.id);
                bad.push((span, r.clone()));
            }
        }
        for (span, id) in bad {
            let ids: Vec<&str> = plan.regions.iter().map(|r| r.id.as_str()).collect();
            let mut d = Diagnostic::error(format!("unknown region `{id}`"))
                .at(self.at(span))
                .label("not declared in a [[region]] table");
            if let Some(s) = closest(&id, &ids) {
                d = d.help(format!("did you mean `{s}`?"));
            }
            self.diags.push(d);
        }
    }

    fn find_better_than_span(&self, top: &dyn TableLike, id: &str) -> Range<usize> {
        let Some(a) = top.get("indicator").and_then(Item::as_array_of_tables) else {
            return 0..0;
        };
        a.iter()
            .find(|t| t.get("id").and_then(Item::as_str) == Some(id))
            .and_then(|t| {
                t.get("target")
                    .and_then(Item::as_table_like)
                    .map(|tt| self.value_span(tt, "better_than"))
            })
            .unwrap_or(0..0)
    }

    fn indicators(&mut self, top: &dyn TableLike, plan: &Plan) -> Vec<Indicator> {
        let tables = self.array_of_tables(top, "indicator");
        if tables.is_empty() && top.get("indicator").is_none() {
            let span = top.get("plan").and_then(Item::span).unwrap_or(0..0);
            self.error(
                span,
                "the plan has no [[indicator]]".into(),
                "add at least one [[indicator]] table",
            );
        }
        let mut out: Vec<Indicator> = Vec::new();
        for (t, span) in tables {
            let Some(ind) = self.indicator(t, span, plan) else {
                continue;
            };
            if out.iter().any(|i| i.id == ind.id) {
                let span = self.value_span(t, "id");
                self.error(
                    span,
                    format!("indicator `{}` is defined twice", ind.id),
                    "duplicate indicator id",
                );
                continue;
            }
            out.push(ind);
        }
        out
    }

    fn indicator(
        &mut self,
        t: &dyn TableLike,
        span: Range<usize>,
        plan: &Plan,
    ) -> Option<Indicator> {
        let what = match t.get("id").and_then(Item::as_str) {
            Some(id) => format!("indicator `{id}`"),
            None => "[[indicator]]".to_string(),
        };
        self.check_keys(t, INDICATOR_KEYS, &what);
        let id = self.required_string(t, "id", "[[indicator]]", span.clone());
        if let Some(id) = &id
            && (id.is_empty()
                || !id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"_.-".contains(&b)))
        {
            let span = self.value_span(t, "id");
            self.error(
                span,
                format!("indicator id `{id}` may only use a-z, 0-9, `_`, `.` and `-`"),
                "invalid id",
            );
        }
        let name = self.string(t, "name", &what);
        let name_en = self.string(t, "name_en", &what);
        let group = self.string(t, "group", &what);
        let group_en = self.string(t, "group_en", &what);
        let unit = self.string(t, "unit", &what).unwrap_or_default();
        let unit_en = self.string(t, "unit_en", &what);
        let kind = self.kind(t, &what);
        let baseline = self.decimal(t, "baseline", &what);
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
        let target = if t.get("target").is_none() && method == Method::Cagr {
            Some((TargetExpr::Trend, String::new(), span.clone()))
        } else {
            self.target(t, &what, span.clone())
        };
        let milestones = self.milestones(t, &what);
        let id = id?;
        let (target, target_text, target_span) = target?;
        if baseline_period >= target_period {
            let span = t
                .get("target_period")
                .map_or(span.clone(), |_| self.value_span(t, "target_period"));
            self.error(span, format!("{what}: the deadline {target_period} is not after the baseline {baseline_period}"), "deadline before baseline");
        }
        // `direction_from_data`: provisional until the data's baseline tells.
        let (direction, direction_from_data) =
            self.infer_direction(&target, baseline, direction, &what, target_span.clone(), t)?;
        Some(Indicator {
            name: name.unwrap_or_else(|| id.clone()),
            id,
            name_en,
            group,
            group_en,
            unit,
            unit_en,
            kind,
            baseline,
            target,
            target_text,
            direction,
            direction_from_data,
            milestones,
            baseline_period,
            target_period,
            method,
            limit,
            source,
            note,
            decimals,
            target_pos: self.pos(&target_span),
        })
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

    /// The target: a number, a string expression or a table
    /// (`better_than`, `every_period`). Returns it with its text and span.
    fn target(
        &mut self,
        t: &dyn TableLike,
        what: &str,
        head: Range<usize>,
    ) -> Option<(TargetExpr, String, Range<usize>)> {
        let Some(item) = t.get("target") else {
            self.error(
                head,
                format!("{what} has no `target`"),
                "`target = ...` is required",
            );
            return None;
        };
        let span = self.value_span(t, "target");
        if let Some(tt) = item.as_table_like() {
            return self.target_table(tt, what, span);
        }
        let expr = self.expr(item.as_value(), span.clone(), what)?;
        Some((expr.0, expr.1, span))
    }

    /// A target or milestone value: a number or a string expression.
    fn expr(
        &mut self,
        value: Option<&Value>,
        span: Range<usize>,
        what: &str,
    ) -> Option<(TargetExpr, String)> {
        let (text, inner) = match value {
            Some(Value::Integer(_) | Value::Float(_)) => {
                let text = self.source.get(span.clone()).unwrap_or("").replace('_', "");
                (text, span.clone())
            }
            // The string's characters start after its opening quote; a
            // string with escapes falls back to pointing at the whole value.
            Some(Value::String(s)) => {
                let raw = self.source.get(span.clone()).unwrap_or("");
                let quote = if raw.starts_with("\"\"\"") || raw.starts_with("'''") {
                    3
                } else {
                    1
                };
                let inner = span.start + quote..span.end.saturating_sub(quote);
                let exact = self.source.get(inner.clone()) == Some(s.value().as_str());
                (s.value().clone(), if exact { inner } else { span.clone() })
            }
            _ => {
                self.error(
                    span,
                    format!("the target of {what} must be a number, a string or a table"),
                    "not a target",
                );
                return None;
            }
        };
        // A TOML number is a level to reach, negative ones too (`target =
        // -5`); only a string can spell a change such as "-5pp".
        if matches!(value, Some(Value::Integer(_) | Value::Float(_)))
            && let Some(level) = crate::plan::parse_number(&text)
        {
            return Some((TargetExpr::Reach(level), text));
        }
        match parse_target(&text) {
            Ok(e) => Some((e, text)),
            Err(e) => {
                let at = if inner.len() == text.len() {
                    inner.start + e.span.start..inner.start + e.span.end
                } else {
                    span
                };
                self.error(at, format!("cannot read the target of {what}"), &e.message);
                None
            }
        }
    }

    fn target_table(
        &mut self,
        tt: &dyn TableLike,
        what: &str,
        span: Range<usize>,
    ) -> Option<(TargetExpr, String, Range<usize>)> {
        self.check_keys(
            tt,
            &["better_than", "every_period"],
            &format!("the target of {what}"),
        );
        if let Some(r) = self.string(tt, "better_than", what) {
            return Some((
                TargetExpr::BetterThan(r.clone()),
                format!("better than {r}"),
                span,
            ));
        }
        if let Some(rule) = self.string(tt, "every_period", what) {
            let m = match rule.as_str() {
                "non-decreasing" => super::Monotone::NonDecreasing,
                "non-increasing" => super::Monotone::NonIncreasing,
                _ => {
                    let span = self.value_span(tt, "every_period");
                    self.error(
                        span,
                        format!("unknown rule `{rule}` in the target of {what}"),
                        "expected \"non-decreasing\" or \"non-increasing\"",
                    );
                    return None;
                }
            };
            return Some((TargetExpr::EveryPeriod(m), rule, span));
        }
        if tt.iter().next().is_none() {
            self.error(
                span,
                format!("the target table of {what} is empty"),
                "expected { better_than = \"REGION\" } or { every_period = \"non-decreasing\" }",
            );
        }
        None
    }

    fn milestones(&mut self, t: &dyn TableLike, what: &str) -> Vec<Milestone> {
        let Some(item) = t.get("milestones") else {
            return Vec::new();
        };
        let Some(m) = item.as_table_like() else {
            let span = self.value_span(t, "milestones");
            self.error(
                span,
                format!("`milestones` of {what} must be a table"),
                "expected { 2023 = \">= 94\" }",
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for (key, _) in m.iter() {
            let key_span = m.key(key).and_then(|k| k.span()).unwrap_or(0..0);
            let period = match Period::parse(key) {
                Ok(p) => p,
                Err(e) => {
                    self.error(key_span, e.to_string(), "not a period");
                    continue;
                }
            };
            let span = self.value_span(m, key);
            let value = m.get(key).and_then(Item::as_value);
            if let Some((target, text)) =
                self.expr(value, span, &format!("{what}, milestone {key}"))
            {
                out.push(Milestone {
                    period,
                    target,
                    text,
                });
            }
        }
        out.sort_by_key(|m| m.period);
        out
    }

    fn infer_direction(
        &mut self,
        target: &TargetExpr,
        baseline: Option<Decimal>,
        stated: Option<Direction>,
        what: &str,
        span: Range<usize>,
        t: &dyn TableLike,
    ) -> Option<(Direction, bool)> {
        let implied = target.implied_direction();
        let from_baseline = baseline.and_then(|b| target.direction_from(b));
        match (stated, implied) {
            (Some(s), Some(i)) if s != i => {
                let dspan = self.value_span(t, "direction");
                let d = Diagnostic::error(format!(
                    "{what}: direction = \"{}\" contradicts the target, which asks for {}",
                    s.as_str(),
                    if i == Direction::Up {
                        "a higher value"
                    } else {
                        "a lower value"
                    }
                ))
                .at(self.at(dspan))
                .label("contradicts the target")
                .help(format!(
                    "write direction = \"{}\" or change the target",
                    i.as_str()
                ));
                self.diags.push(d);
                None
            }
            (Some(s), _) => Some((s, false)),
            (None, Some(i)) => Some((i, false)),
            (None, None) => match from_baseline {
                Some(d) => Some((d, false)),
                // No baseline in the plan: the data's baseline will tell
                // (resolved, or reported, once the actuals are read).
                None if baseline.is_none()
                    && matches!(target, TargetExpr::Reach(_) | TargetExpr::Range(..)) =>
                {
                    Some((Direction::Up, true))
                }
                None => {
                    let d = Diagnostic::error(format!(
                        "{what}: cannot tell whether a higher or a lower value is better"
                    ))
                    .at(self.at(span))
                    .label("this target does not say")
                    .help("add direction = \"up\" (higher is better) or direction = \"down\"");
                    self.diags.push(d);
                    None
                }
            },
        }
    }
}

/// The allowed word nearest to a misspelt one, if near enough.
fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (edit_distance(word, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.chars().count() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

pub(crate) fn suggest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    closest(word, candidates)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_those_of_locations() {
        // Multi-byte characters, CRLF, an empty line, no final newline.
        let source = "[plan]\r\nid = \"p\"\n\n名称 = \"规划\"\r\n  target = \"≥92%\"\nlast";
        let r = Reader {
            source,
            path: "plan.toml",
            diags: Diagnostics::default(),
            line_starts: std::cell::OnceCell::new(),
        };
        for start in 0..=source.len() + 2 {
            let (line, col) = r.at(start..start).line_col();
            assert_eq!(r.pos(&(start..start)), Pos { line, col }, "at {start}");
        }
    }
}
