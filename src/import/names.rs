//! Names: the plan's indicators and regions, matched by id, Chinese name or
//! English name, and the "did you mean" for a label that matches none.
//!
//! A label is matched as written (normalised: half-width, spaces collapsed,
//! lower case), without decoration (numbering `1.`, `（一）`, `一、`; a unit
//! `（%）`; a colon) and without spaces (`学 前 教 育` is aligned, not
//! different); each of its forms names an indicator by a name as written
//! before one by a name without its decoration. A sub-row's label
//! (`其中:小学`) is matched among its parent's sub-indicators
//! ([`Names::indicator_among`]). Invariants: a label that names several indicators is
//! [`Found::Many`], never a guess; a plan that declares no regions accepts
//! any (`docs/plan-format.md#regions`); suggestions come from the plan's own names (and, for
//! periods, the years around its span). Nothing here reports: the caller
//! turns a miss into an error at the cell, with the help given here.

use std::collections::HashMap;

use super::table::halfwidth;
use crate::plan::{Plan, load_suggest};

/// The forms a label is matched by: as written (normalised), without
/// decoration (numbering `1.`, `（一）`, `一、`; a unit `（%）`; a colon),
/// and without spaces (`学 前 教 育` is aligned, not different).
pub(super) fn label_keys(s: &str) -> Vec<String> {
    let norm = halfwidth(s)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let bare = strip_decoration(&norm);
    let tight: String = bare.chars().filter(|c| !c.is_whitespace()).collect();
    let mut keys = vec![norm];
    for k in [bare, tight] {
        if !k.is_empty() && !keys.contains(&k) {
            keys.push(k);
        }
    }
    keys
}

fn strip_decoration(s: &str) -> String {
    const NUMERALS: &str = "一二三四五六七八九十";
    let mut t = s.trim();
    // Leading numbering: "(1)", "(一)", "1.", "1、", "1)", "一、".
    if let Some(rest) = t.strip_prefix('(')
        && let Some(close) = rest.find(')')
        && close <= 9
        && rest[..close]
            .chars()
            .all(|c| c.is_ascii_digit() || NUMERALS.contains(c))
    {
        t = rest[close + 1..].trim_start();
    } else {
        let digits = t
            .char_indices()
            .find(|&(_, c)| !(c.is_ascii_digit() || NUMERALS.contains(c)))
            .map_or(t.len(), |(i, _)| i);
        if digits > 0
            && let Some(rest) = t[digits..]
                .strip_prefix(['.', '、', ')'])
                .filter(|r| !r.trim().is_empty())
        {
            t = rest.trim_start();
        }
    }
    // Trailing unit or note in brackets, a colon, a bare percent sign.
    let mut t = t.trim_end_matches([':', '：']).trim_end();
    if t.ends_with(')')
        && let Some(open) = t.rfind('(')
        && open > 0
    {
        t = t[..open].trim_end();
    }
    if let Some(rest) = t.strip_suffix('%').filter(|r| !r.trim().is_empty()) {
        t = rest.trim_end();
    }
    t.to_string()
}

/// The label of a sub-row without its `其中` (`其中:小学`, `其中：小学`,
/// `其中 小学` → `小学`; a bare `其中:` → empty); `None` for other labels.
pub(super) fn sub_row(label: &str) -> Option<&str> {
    let rest = label.trim().strip_prefix("其中")?;
    Some(
        rest.trim_start_matches([':', '：', ',', '，', ' ', '\u{3000}'])
            .trim(),
    )
}

/// `小学` of `义务教育标准班额比例(小学)` (or `（小学）`).
fn bracketed(name: &str) -> Option<&str> {
    let t = name.trim().strip_suffix([')', '）'])?;
    let open = t.rfind(['(', '（'])?;
    let inner = t[open..].trim_start_matches(['(', '（']).trim();
    (open > 0 && !inner.is_empty()).then_some(inner)
}

fn push_once(list: &mut Vec<usize>, i: usize) {
    if !list.contains(&i) {
        list.push(i);
    }
}

pub(super) enum Found<T> {
    One(T),
    Many(Vec<T>),
    None,
}

pub(super) struct Names<'p> {
    pub(super) plan: &'p Plan,
    /// A name's normalised form, to the indicators that have it: each form
    /// of a label is looked up here before [`Names::loose`], so that
    /// `义务教育标准班额比例` names the parent even where a child is
    /// `义务教育标准班额比例(小学)`.
    indicators: HashMap<String, Vec<usize>>,
    /// A name without decoration or spaces, to the indicators that have it.
    loose: HashMap<String, Vec<usize>>,
    /// (normalised form, as written, indicator index)
    indicator_words: Vec<(String, String, usize)>,
    regions: HashMap<String, String>,
    /// (normalised form, as written, region id)
    region_words: Vec<(String, String, String)>,
    /// A plan that declares no regions accepts any (`docs/plan-format.md#regions`).
    any_region: bool,
}

impl<'p> Names<'p> {
    pub(super) fn new(plan: &'p Plan) -> Names<'p> {
        let mut indicators: HashMap<String, Vec<usize>> = HashMap::new();
        let mut loose: HashMap<String, Vec<usize>> = HashMap::new();
        let mut indicator_words = Vec::new();
        for (i, ind) in plan.indicators.iter().enumerate() {
            let names = [Some(&ind.id), Some(&ind.name.zh), ind.name.en.as_ref()];
            for name in names.into_iter().flatten() {
                let mut keys = label_keys(name).into_iter();
                let exact = keys.next().unwrap_or_default();
                push_once(indicators.entry(exact.clone()).or_default(), i);
                for k in keys {
                    push_once(loose.entry(k).or_default(), i);
                }
                indicator_words.push((exact, name.clone(), i));
            }
        }
        let mut regions = HashMap::new();
        let mut region_words = Vec::new();
        let mut add = |name: &str, id: &str| {
            for k in label_keys(name) {
                regions.entry(k).or_insert_with(|| id.to_string());
            }
            region_words.push((label_keys(name).remove(0), name.to_string(), id.to_string()));
        };
        if let Some(own) = &plan.region {
            add(own, own);
        }
        for r in &plan.regions {
            add(&r.id, &r.id);
            add(&r.name.zh, &r.id);
            if let Some(en) = &r.name.en {
                add(en, &r.id);
            }
        }
        Names {
            plan,
            indicators,
            loose,
            indicator_words,
            regions,
            region_words,
            any_region: plan.regions.is_empty() && plan.region.is_none(),
        }
    }

    pub(super) fn indicator(&self, label: &str) -> Found<usize> {
        for k in label_keys(label) {
            for map in [&self.indicators, &self.loose] {
                match map.get(&k).map(Vec::as_slice) {
                    Some([one]) => return Found::One(*one),
                    Some(many) if many.len() > 1 => return Found::Many(many.to_vec()),
                    _ => {}
                }
            }
        }
        Found::None
    }

    /// Which of the indicators `among` (a parent's sub-indicators) a
    /// sub-row's label names: one whose id or name has a form of the label
    /// (`小学`; `义务教育标准班额比例(小学)` for `小学`), else one whose name
    /// ends with it (`小学专任教师本科及以上学历比例` for `本科及以上学历比例`).
    pub(super) fn indicator_among(&self, label: &str, among: &[usize]) -> Found<usize> {
        let keys = label_keys(label);
        let tight = keys.last().cloned().unwrap_or_default();
        let forms = |i: usize| {
            let ind = &self.plan.indicators[i];
            let names = [Some(&ind.id), Some(&ind.name.zh), ind.name.en.as_ref()];
            let mut forms = Vec::new();
            for name in names.into_iter().flatten() {
                let name = sub_row(name).unwrap_or(name);
                forms.extend(label_keys(name));
                forms.extend(bracketed(name).map(|b| label_keys(b).pop().unwrap_or_default()));
            }
            forms
        };
        let equal: Vec<usize> = among
            .iter()
            .copied()
            .filter(|&i| forms(i).iter().any(|f| keys.contains(f)))
            .collect();
        let hits = if equal.is_empty() && tight.chars().count() >= 2 {
            among
                .iter()
                .copied()
                .filter(|&i| forms(i).iter().any(|f| f.ends_with(&tight)))
                .collect()
        } else {
            equal
        };
        match hits.as_slice() {
            [] => Found::None,
            [one] => Found::One(*one),
            many => Found::Many(many.to_vec()),
        }
    }

    /// The help for a sub-row that names none of its parent's
    /// sub-indicators: all of them (a parent has a few).
    pub(super) fn sub_indicator_help(&self, among: &[usize]) -> String {
        let all: Vec<String> = among
            .iter()
            .map(|&i| {
                let ind = &self.plan.indicators[i];
                format!("`{}` ({})", ind.name.zh, ind.id)
            })
            .collect();
        format!("its sub-indicators: {}", all.join(", "))
    }

    pub(super) fn indicator_help(&self, label: &str) -> Option<String> {
        let keys = label_keys(label);
        let word = keys.get(1).unwrap_or(&keys[0]);
        let candidates: Vec<&str> = self
            .indicator_words
            .iter()
            .map(|(k, _, _)| k.as_str())
            .collect();
        let hit = load_suggest(word, &candidates)?;
        let (_, written, i) = self.indicator_words.iter().find(|(k, _, _)| k == hit)?;
        let id = &self.plan.indicators[*i].id;
        Some(if written == id {
            format!("did you mean `{id}`?")
        } else {
            format!("did you mean `{written}` ({id})?")
        })
    }

    pub(super) fn region(&self, label: &str) -> Option<String> {
        if self.any_region {
            return Some(label.trim().to_string());
        }
        label_keys(label)
            .into_iter()
            .find_map(|k| self.regions.get(&k).cloned())
    }

    pub(super) fn region_help(&self, label: &str) -> String {
        let keys = label_keys(label);
        let candidates: Vec<&str> = self
            .region_words
            .iter()
            .map(|(k, _, _)| k.as_str())
            .collect();
        let hit = load_suggest(&keys[0], &candidates)
            .and_then(|h| self.region_words.iter().find(|(k, _, _)| k == h));
        match hit {
            Some((_, written, id)) if written == id => format!("did you mean `{id}`?"),
            Some((_, written, id)) => format!("did you mean `{written}` ({id})?"),
            None => {
                let ids: Vec<&str> = self
                    .region_words
                    .iter()
                    .map(|(_, w, _)| w.as_str())
                    .collect();
                format!("the plan's regions: {}", ids.join(", "))
            }
        }
    }

    /// "Did you mean" for a period header: the plan's years around its span.
    pub(super) fn period_help(&self, text: &str) -> Option<String> {
        let t = halfwidth(text);
        let t = t.trim().trim_end_matches('年');
        let (from, to) = (self.plan.baseline.year() - 10, self.plan.target.year() + 5);
        let years: Vec<String> = (from..=to).map(|y| y.to_string()).collect();
        let refs: Vec<&str> = years.iter().map(String::as_str).collect();
        load_suggest(t, &refs).map(|y| format!("did you mean `{y}`?"))
    }
}
