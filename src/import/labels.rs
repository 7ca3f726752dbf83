//! Indicator labels read in order, down a label column (or across a header
//! row), so that a sub-row is matched through its parent
//! (docs/plan-format.md#sub-indicators): under the row `义务教育标准班额比例`,
//! the rows `其中:小学`, `其中：小学` and an indented `  小学` name the
//! sub-indicator of that indicator called `小学` (or whose name ends with
//! it), though `小学` alone may name several indicators of the plan or none.
//!
//! Invariants: a label that is not a sub-row is matched as [`Names`]
//! matches it, except that where it names several indicators and one of
//! them is a sub-indicator of the open parent, that one is meant (a sibling
//! written without `其中`). A sub-row never falls back to a guess: it names
//! one of its parent's sub-indicators, else one indicator of the plan by
//! its own name, else it is a miss naming the parent. The parent is the
//! last label matched that has sub-indicators (or the parent of the last
//! one matched); a label that names nothing closes it (a section heading),
//! a blank one does not.

use super::names::{Found, Names, sub_row};
use super::table::halfwidth;

/// What a label names.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Label {
    One(usize),
    /// No name: a blank label, or a bare `其中:`.
    Blank,
    /// Several indicators: `under` the parent whose sub-indicators they
    /// are, else the whole plan's (`sub` when the label is a sub-row).
    Many {
        ids: Vec<usize>,
        under: Option<Parent>,
        sub: bool,
    },
    /// None, looked up `under` that parent's sub-indicators first.
    Unknown {
        under: Option<Parent>,
    },
}

/// The parent indicator open for sub-rows, and where its label is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Parent {
    pub(super) ind: usize,
    /// `A4`: the cell of the parent's label, for messages.
    pub(super) at: String,
    /// Leading spaces of its label: a label set in further is a sub-row.
    indent: usize,
}

/// The labels read so far: the parent open for sub-rows.
#[derive(Debug, Default)]
pub(super) struct Labels {
    open: Option<Parent>,
}

impl Labels {
    /// The next label, `text` as written in the cell at `at`, matched
    /// against the plan's `names`.
    pub(super) fn next(&mut self, names: &Names, text: &str, at: &dyn Fn() -> String) -> Label {
        let plan = names.plan;
        let text = halfwidth(text);
        let indent = text.chars().take_while(|c| c.is_whitespace()).count();
        let marked = sub_row(&text);
        let core = marked.unwrap_or_else(|| text.trim());
        if core.is_empty() {
            return Label::Blank;
        }
        // The open parent, if it has sub-indicators to match against.
        let parent = self
            .open
            .clone()
            .filter(|p| !plan.children(p.ind).is_empty());
        let indented = self.open.as_ref().is_some_and(|p| indent > p.indent);
        if marked.is_some() || indented {
            if let Some(p) = parent {
                return match names.indicator_among(core, plan.children(p.ind)) {
                    Found::One(i) => Label::One(i),
                    Found::Many(ids) => Label::Many {
                        ids,
                        under: Some(p),
                        sub: true,
                    },
                    // A sub-row may still name an indicator in full.
                    Found::None => match names.indicator(core) {
                        Found::One(i) => Label::One(i),
                        _ => Label::Unknown { under: Some(p) },
                    },
                };
            }
            return match names.indicator(core) {
                Found::One(i) => Label::One(i),
                Found::Many(ids) => Label::Many {
                    ids,
                    under: None,
                    sub: marked.is_some(),
                },
                Found::None => Label::Unknown { under: None },
            };
        }
        match names.indicator(core) {
            Found::One(i) => {
                self.enter(names, i, indent, at);
                Label::One(i)
            }
            Found::Many(ids) => {
                if let Some(p) = &parent {
                    let kids: Vec<usize> = ids
                        .iter()
                        .copied()
                        .filter(|i| plan.children(p.ind).contains(i))
                        .collect();
                    if let [one] = kids[..] {
                        return Label::One(one);
                    }
                }
                self.open = None;
                Label::Many {
                    ids,
                    under: None,
                    sub: false,
                }
            }
            Found::None => {
                if let Some(p) = &parent
                    && let Found::One(i) = names.indicator_among(core, plan.children(p.ind))
                {
                    return Label::One(i);
                }
                self.open = None;
                Label::Unknown { under: None }
            }
        }
    }

    /// Indicator `i` was named by a label that is not a sub-row: it opens
    /// its own sub-rows, or, as a sub-indicator named in full, keeps its
    /// parent's open.
    fn enter(&mut self, names: &Names, i: usize, indent: usize, at: &dyn Fn() -> String) {
        let plan = names.plan;
        let ind = match plan.indicators[i].parent {
            Some(p) if plan.children(i).is_empty() => p,
            _ => i,
        };
        if ind != i && self.open.as_ref().is_some_and(|o| o.ind == ind) {
            return;
        }
        self.open = Some(Parent {
            ind,
            at: at(),
            indent,
        });
    }
}
