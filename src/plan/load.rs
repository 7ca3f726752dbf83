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

use super::target::parse_number;
use super::{Method, Plan, PlanIndex, Pos, Text, Thresholds};
use crate::diag::{Diagnostic, Diagnostics, InputError, Location};
use crate::period::Period;

mod indicators;
mod regions;
mod sense;
mod targets;

use regions::RegionNames;

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
const THRESHOLD_KEYS: &[&str] = &["ahead", "on_track", "at_risk", "off_track"];
/// Read a plan from its text. `path` is how the file is named in messages.
/// Returns the plan and its warnings, or every error found.
pub fn parse_plan(source: &str, path: &str) -> Result<(Plan, Diagnostics), InputError> {
    let mut r = Reader {
        source,
        path,
        diags: Diagnostics::default(),
        line_starts: std::cell::OnceCell::new(),
        names: RegionNames::default(),
        forms_listed: None,
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
    /// asks for a thousand positions (and, when wrong, as many locations).
    line_starts: std::cell::OnceCell<Vec<usize>>,
    /// The words that name the plan's regions, once they are read.
    names: RegionNames,
    /// Where the forms of target were listed (`plan.toml:12:13`), once a
    /// target that is no form was reported: later ones point there.
    forms_listed: Option<String>,
}

impl Reader<'_> {
    /// Where `span` is: what `Location::in_source` gives, with the lines
    /// found in the table of line starts rather than counted from the top
    /// (a plan with an error per indicator would be quadratic).
    fn at(&self, span: Range<usize>) -> Location {
        let src = self.source;
        let floor = |mut i: usize| {
            while i > 0 && !src.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        let start = floor(span.start.min(src.len()));
        let end = floor(span.end.clamp(start, src.len()));
        let starts = self.line_starts();
        let idx = starts.partition_point(|&s| s <= start).saturating_sub(1);
        let line_start = starts.get(idx).copied().unwrap_or(0);
        let line_end = src[end..].find('\n').map_or(src.len(), |i| end + i);
        let text = src[line_start..line_end].trim_end_matches('\r').to_string();
        let span = (start - line_start).min(text.len())..(end - line_start).min(text.len());
        Location::in_line(self.path, idx + 1, text, span)
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.source.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        })
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
        let starts = self.line_starts();
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
            name: Text::new(name, name_en),
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
            index: PlanIndex::default(),
        };
        plan.indicators = self.indicators(top, &plan);
        self.check_region_refs(top, &plan);
        plan.index = PlanIndex::of(&plan.regions, &plan.indicators);
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
        match strings_of(item) {
            Some(list) => list,
            None => {
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
                "expected { ahead = 1.1, on_track = 0.95, at_risk = 0.6, off_track = 0 }",
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
        th.ahead = self.decimal(t, "ahead", "[plan.thresholds]");
        let ahead = th.ahead.unwrap_or(th.on_track);
        if !(ahead >= th.on_track && th.on_track >= th.at_risk && th.at_risk >= th.off_track) {
            let span = self.value_span(p, "thresholds");
            self.error(
                span,
                "thresholds must satisfy ahead >= on_track >= at_risk >= off_track".into(),
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
}

/// The allowed word nearest to a misspelt one, if near enough.
fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let len = word.chars().count();
    candidates
        .iter()
        .filter_map(|c| {
            let near = 2.max(c.chars().count() / 3);
            // The distance is at least the difference in length.
            if len.abs_diff(c.chars().count()) > near {
                return None;
            }
            let d = edit_distance(word, c);
            (d <= near).then_some((d, *c))
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance in characters, one row kept (no allocation per row:
/// it runs for every misspelt word of a plan with thousands of them).
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        // `diagonal` is the previous row's cell left of `j + 1`.
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != *cb))
                .min(above + 1)
                .min(row[j] + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

pub(crate) fn suggest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    closest(word, candidates)
}

#[cfg(test)]
mod tests;

/// The strings of a TOML array of strings; `None` for anything else.
pub(super) fn strings_of(item: &toml_edit::Item) -> Option<Vec<String>> {
    let a = item.as_array()?;
    a.iter().map(|v| v.as_str().map(str::to_string)).collect()
}
