//! The problems the reader reports once rows are merged: two values for one
//! series and period, and periods that end on the same day
//! (`docs/plan-format.md#errors`).

use super::*;

/// Warnings about periods ending on one day kept at the most (a pattern in
/// a large file would otherwise flood the terminal).
pub(super) const MAX_SAME_END_WARNINGS: usize = 20;

/// Two points of one series, `prev` read before `p`, that clash: the same
/// period with two values, or two periods that end on the same day.
pub(super) struct Clash<'a> {
    pub plan: &'a Plan,
    pub out: &'a Actuals,
    pub key: SeriesKey,
    pub prev: Packed,
    pub p: Packed,
}

impl Clash<'_> {
    fn indicator(&self) -> &crate::plan::Indicator {
        &self.plan.indicators[self.key.indicator as usize]
    }
}

/// `2023` and `2023-12-31` in one series: both are kept, the coarser
/// counting as the later, which is seldom what was meant.
pub(super) fn same_end_warning(c: Clash) -> Diagnostic {
    let (out, prev, p) = (c.out, c.prev, c.p);
    let ind = c.indicator();
    let (a, b) = (pack::period_of(prev.period), pack::period_of(p.period));
    let o = out.origin(p.ordinal);
    let file = &out.files[o.file as usize];
    Diagnostic::warning(format!(
        "`{}`: {a} and {b} end on the same day; both are kept and {b} counts as the later",
        ind.id
    ))
    .at(Location::file_line(file, o.line as usize))
    .help("use one kind of period for a series (years, quarters, months or dates)")
}

/// Two different values for one series and period.
pub(super) fn conflict(c: Clash) -> Diagnostic {
    let (out, key, prev, p) = (c.out, c.key, c.prev, c.p);
    let ind = c.indicator();
    let region = out.regions.name(key.region);
    let mut what = format!("`{}`", ind.id);
    if !region.is_empty() {
        what.push_str(&format!(" in {region}"));
    }
    let b = out.breakdowns.name(key.breakdown);
    if !b.is_empty() {
        what.push_str(&format!(" ({b})"));
    }
    let (o1, o2) = (out.origin(prev.ordinal), out.origin(p.ordinal));
    let first = format!("{}:{}", out.files[o1.file as usize], o1.line);
    let file = &out.files[o2.file as usize];
    let (v1, v2) = (
        pack::value_of(prev.value, &out.overflow),
        pack::value_of(p.value, &out.overflow),
    );
    Diagnostic::error(format!(
        "two different values for {what} in {}: {v1} ({first}) and {v2} ({file}:{})",
        pack::period_of(p.period),
        o2.line
    ))
    .at(value_location(file, o2.line as usize))
    .label("a different value")
    .help("keep one row per indicator, region and period")
}

/// The value field of a row, read again from its file for the message
/// (rows are not kept as text); the file and line alone if that fails
/// (`<new row>` of `track add`, a file changed meanwhile).
pub(super) fn value_location(path: &str, line: usize) -> Location {
    // Split by the reader's own splitter, shown as its other messages are.
    fn record(text: &str) -> Option<Record<'_>> {
        let mut rec = Record::default();
        Splitter::new(text.as_bytes(), true)
            .next_record(&mut rec)
            .then_some(rec)
    }
    let found = (|| {
        let text = std::fs::read_to_string(path).ok()?;
        let header = record(lines(&text).next()?.trim_start_matches('\u{feff}'))?;
        let col = header
            .iter()
            .position(|f| f.trim_ascii().eq_ignore_ascii_case(b"value"))?;
        let row = record(lines(&text).nth(line.checked_sub(1)?)?)?;
        let span = parse::field_span(&row, col);
        Some(Location::in_line(path, line, parse::line_text(&row), span))
    })();
    found.unwrap_or_else(|| Location::file_line(path, line))
}
