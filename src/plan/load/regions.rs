//! The `[[region]]` tables: ids, names, `aliases`, and parents that must
//! end (docs/plan-format.md#regions) — and the words a target uses for a
//! reference region (`全国`, `全区平均水平`), found among ids, names and
//! aliases.
//!
//! Every check is a hash lookup or a union-find step, so a plan of tens of
//! thousands of regions loads in linear time.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use toml_edit::{Item, TableLike};

use super::{Reader, closest};
use crate::diag::Diagnostic;
use crate::plan::{Plan, Region, Text};

pub(super) const REGION_KEYS: &[&str] = &["id", "name", "name_en", "parent", "aliases"];

/// How many regions an error lists before "… and N more".
const LISTED: usize = 12;

/// The words that name each region, lower-cased: id, name, English name
/// and aliases. The first region to claim a word keeps it.
#[derive(Debug, Default)]
pub(super) struct RegionNames {
    words: HashMap<String, usize>,
    /// Declared regions' ids, in plan order (for messages).
    ids: Vec<String>,
    /// `id (name; alias, …)` per region, for the list in messages.
    shown: Vec<String>,
}

impl RegionNames {
    fn of(regions: &[Region]) -> RegionNames {
        let mut names = RegionNames::default();
        for (i, r) in regions.iter().enumerate() {
            let words = std::iter::once(r.id.as_str()).chain(r.name.both());
            for w in words.chain(r.aliases.iter().map(String::as_str)) {
                names.words.entry(w.trim().to_lowercase()).or_insert(i);
            }
            names.ids.push(r.id.clone());
            let mut also: Vec<&str> = Vec::new();
            if r.name.zh != r.id {
                also.push(&r.name.zh);
            }
            also.extend(r.aliases.iter().map(String::as_str));
            names.shown.push(match also.is_empty() {
                true => r.id.clone(),
                false => format!("{} ({})", r.id, also.join(", ")),
            });
        }
        names
    }

    /// The region a target's words name: the words as written, then
    /// without `水平`, `平均` and `的` at the end (`全国平均水平` → `全国`).
    pub(super) fn find(&self, words: &str) -> Option<&str> {
        candidates(words)
            .iter()
            .find_map(|w| self.words.get(&w.to_lowercase()))
            .map(|&i| self.ids[i].as_str())
    }

    /// Whether the plan declares any region.
    pub(super) fn any(&self) -> bool {
        !self.ids.is_empty()
    }

    /// The region id closest to a misspelt one (few regions only: the
    /// distance is quadratic).
    pub(super) fn closest_id(&self, id: &str) -> Option<&str> {
        if self.ids.len() > 2000 {
            return None;
        }
        let ids: Vec<&str> = self.ids.iter().map(String::as_str).collect();
        closest(id, &ids)
    }

    /// "the plan's regions: china (中国, 全国), …" for a message.
    pub(super) fn listed(&self) -> String {
        if self.shown.is_empty() {
            return "the plan declares no [[region]]".to_string();
        }
        let mut s = format!(
            "the plan's regions: {}",
            self.shown[..self.shown.len().min(LISTED)].join(", ")
        );
        if self.shown.len() > LISTED {
            s.push_str(&format!(" … and {} more", self.shown.len() - LISTED));
        }
        s
    }
}

/// The words to try for a region, longest first.
fn candidates(words: &str) -> Vec<&str> {
    let mut out = vec![words.trim()];
    let mut w = words.trim();
    for suffix in ["水平", "平均值", "平均数", "平均", "的"] {
        if let Some(shorter) = w.strip_suffix(suffix) {
            w = shorter.trim_end();
            out.push(w);
        }
    }
    out.retain(|w| !w.is_empty());
    out
}

/// Union-find over the indices of a plan's regions or indicators: an edge
/// `child → parent` closes a cycle when both are already joined (each
/// node adds at most one edge, its own parent).
pub(super) struct Forest {
    up: Vec<usize>,
}

impl Forest {
    pub(super) fn new(n: usize) -> Forest {
        Forest {
            up: (0..n).collect(),
        }
    }

    fn root(&mut self, mut i: usize) -> usize {
        while self.up[i] != i {
            self.up[i] = self.up[self.up[i]];
            i = self.up[i];
        }
        i
    }

    /// Join `child` to `parent`; false when that closes a cycle.
    pub(super) fn join(&mut self, child: usize, parent: usize) -> bool {
        let (a, b) = (self.root(child), self.root(parent));
        if a == b {
            return false;
        }
        self.up[a] = b;
        true
    }
}

/// `a → b → a`: the cycle an edge `child → parent` closes, following the
/// parents already joined (`parents[i]`) from `parent` back to `child`.
pub(super) fn cycle_path(
    child: usize,
    parent: usize,
    parents: &[Option<usize>],
    ids: &[&str],
) -> String {
    let mut path = vec![ids[child], ids[parent]];
    let mut at = parent;
    while at != child {
        let Some(next) = parents[at] else { break };
        path.push(ids[next]);
        at = next;
    }
    path.join(" → ")
}

impl Reader<'_> {
    pub(super) fn regions(&mut self, top: &dyn TableLike) -> Vec<Region> {
        let mut regions: Vec<Region> = Vec::new();
        let mut seen: HashSet<String> = HashSet::new();
        for (t, span) in self.array_of_tables(top, "region") {
            self.check_keys(t, REGION_KEYS, "[[region]]");
            let id = self.required_string(t, "id", "[[region]]", span.clone());
            let name = self.string(t, "name", "[[region]]");
            let name_en = self.string(t, "name_en", "[[region]]");
            let parent = self.string(t, "parent", "[[region]]");
            let aliases = self.words(t, "aliases", "[[region]]");
            let Some(id) = id else { continue };
            if !seen.insert(id.clone()) {
                let span = self.value_span(t, "id");
                self.error(
                    span,
                    format!("region `{id}` is defined twice"),
                    "duplicate region id",
                );
                continue;
            }
            regions.push(Region {
                name: Text::new(name.unwrap_or_else(|| id.clone()), name_en),
                id,
                parent,
                aliases,
            });
        }
        self.names = RegionNames::of(&regions);
        regions
    }

    /// A list of words (`aliases = ["全区", "全区平均水平"]`).
    fn words(&mut self, t: &dyn TableLike, key: &str, what: &str) -> Vec<String> {
        let Some(item) = t.get(key) else {
            return Vec::new();
        };
        match super::strings_of(item) {
            Some(list) => list,
            None => {
                let span = self.value_span(t, key);
                self.error(
                    span,
                    format!("`{key}` of {what} must be a list of words"),
                    "expected [\"全区\", \"全区平均水平\"]",
                );
                Vec::new()
            }
        }
    }

    /// The plan's region and region parents must name declared regions
    /// (once the plan declares any), and parents must end: the parent that
    /// closes a cycle is an error, at its line.
    pub(super) fn check_region_refs(&mut self, top: &dyn TableLike, plan: &Plan) {
        if plan.regions.is_empty() {
            return;
        }
        let index: HashMap<&str, usize> = plan
            .regions
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.as_str(), i))
            .collect();
        if let Some(p) = top.get("plan").and_then(Item::as_table_like)
            && let Some(r) = plan.region.as_deref().filter(|r| !index.contains_key(r))
        {
            let span = self.value_span(p, "region");
            self.unknown_region(span, r);
        }
        // The tables in file order are the regions in plan order, but for
        // those dropped as duplicates or without an id.
        let tables = self.array_of_tables(top, "region");
        let mut parents: Vec<Option<usize>> = vec![None; plan.regions.len()];
        let mut forest = Forest::new(plan.regions.len());
        let ids: Vec<&str> = plan.regions.iter().map(|r| r.id.as_str()).collect();
        let mut seen: HashSet<&str> = HashSet::new();
        for (t, _) in tables {
            let Some(id) = t.get("id").and_then(Item::as_str) else {
                continue;
            };
            let (Some(&child), true) = (index.get(id), seen.insert(id)) else {
                continue;
            };
            let Some(parent) = t.get("parent").and_then(Item::as_str) else {
                continue;
            };
            let span = self.value_span(t, "parent");
            let Some(&p) = index.get(parent) else {
                self.unknown_region(span, parent);
                continue;
            };
            if !forest.join(child, p) {
                let message = if child == p {
                    format!("region `{id}` is its own parent")
                } else {
                    let path = cycle_path(child, p, &parents, &ids);
                    format!("region parents form a cycle: {path}")
                };
                let d = Diagnostic::error(message)
                    .at(self.at(span))
                    .label("closes the cycle")
                    .help("a region's parents must end at a region without `parent`");
                self.diags.push(d);
                continue;
            }
            parents[child] = Some(p);
        }
    }

    fn unknown_region(&mut self, span: Range<usize>, id: &str) {
        let mut d = Diagnostic::error(format!("unknown region `{id}`"))
            .at(self.at(span))
            .label("not declared in a [[region]] table");
        if let Some(s) = self.names.closest_id(id) {
            d = d.help(format!("did you mean `{s}`?"));
        }
        self.diags.push(d);
    }

    /// The region id a target names: a table's value (an id, else a name or
    /// an alias) or the words of a string (`全国平均水平`). `span` is where
    /// the words are written. When the plan declares no region, a table's
    /// id is taken as it is (rows may name any region) but words are not.
    pub(super) fn reference_region(
        &mut self,
        words: &str,
        from_table: bool,
        span: Range<usize>,
        plan: &Plan,
    ) -> Option<String> {
        if let Some(id) = self.names.find(words) {
            return Some(id.to_string());
        }
        if from_table && !self.names.any() {
            return Some(words.to_string());
        }
        if from_table {
            self.unknown_region(span, words);
            return None;
        }
        let short = candidates(words)
            .last()
            .copied()
            .unwrap_or(words)
            .to_string();
        let hint = match plan.regions.is_empty() {
            true => format!(
                "{}; declare the region meant with aliases = [\"{short}\"]",
                self.names.listed()
            ),
            false => format!(
                "{}; add aliases = [\"{short}\"] to the region meant",
                self.names.listed()
            ),
        };
        let d = Diagnostic::error(format!("no region of the plan is called \"{words}\""))
            .at(self.at(span))
            .label("not a region's id, name or alias")
            .help(hint);
        self.diags.push(d);
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level_words_come_off_one_by_one() {
        assert_eq!(
            candidates("全国平均水平"),
            vec!["全国平均水平", "全国平均", "全国"]
        );
        assert_eq!(candidates("全区"), vec!["全区"]);
        assert_eq!(
            candidates("内蒙古的水平"),
            vec!["内蒙古的水平", "内蒙古的", "内蒙古"]
        );
    }

    #[test]
    fn a_cycle_is_found_at_the_edge_that_closes_it() {
        let mut f = Forest::new(3);
        assert!(f.join(0, 1));
        assert!(f.join(1, 2));
        assert!(!f.join(2, 0));
        let parents = [Some(1), Some(2), None];
        assert_eq!(
            cycle_path(2, 0, &parents, &["a", "b", "c"]),
            "c → a → b → c"
        );
        let mut f = Forest::new(1);
        assert!(!f.join(0, 0));
    }
}
