//! Reading the fields of a record without allocating: four-digit years,
//! keys compared byte by byte, missing-value cells, and the record as text
//! for the snippets of messages.

use super::*;

/// A four-digit year without parsing text; any other period as the general
/// path reads it (so quarterly and monthly rows keep the fast path too).
pub(super) fn fast_period(b: &[u8]) -> Option<Period> {
    fast::year(b).or_else(|| {
        let p = Period::parse(std::str::from_utf8(b).ok()?.trim()).ok()?;
        period_code(p).map(|_| p)
    })
}

/// Whether `key` (fields, each after its length in four bytes) holds
/// exactly `fields`.
pub(super) fn same_key<'f>(key: &[u8], fields: impl Iterator<Item = &'f [u8]>) -> bool {
    let mut at = 0;
    for f in fields {
        let Some(len) = key.get(at..at + 4) else {
            return false;
        };
        let len = u32::from_le_bytes(len.try_into().unwrap_or([0; 4])) as usize;
        at += 4;
        match key.get(at..at + len) {
            Some(k) if len == f.len() && same(k, f) => at += len,
            _ => return false,
        }
    }
    at == key.len()
}

/// Byte equality without a call to `memcmp`: keys are a few dozen bytes
/// and compared once a row.
#[inline]
pub(super) fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let (wa, wb) = (a.chunks_exact(8), b.chunks_exact(8));
    let (ra, rb) = (wa.remainder(), wb.remainder());
    let word = |w: &[u8]| u64::from_ne_bytes(w.try_into().unwrap_or([0; 8]));
    wa.zip(wb).all(|(x, y)| word(x) == word(y)) && ra.iter().zip(rb).all(|(x, y)| x == y)
}

/// A value cell that says "no figure": empty, `——`, `—`, `-` or `/`
/// (docs/plan-format.md#actuals-csv), as statistical tables write it.
pub(super) fn is_missing(v: &str) -> bool {
    matches!(v, "" | "——" | "—" | "-" | "/")
}

/// Add `dim=value` to a breakdown (`dim=value;dim=value`) unless empty.
pub(super) fn push_dim(breakdown: &mut String, dim: &str, v: &str) {
    if !v.is_empty() {
        if !breakdown.is_empty() {
            breakdown.push(';');
        }
        breakdown.push_str(dim);
        breakdown.push('=');
        breakdown.push_str(v);
    }
}

/// The record as one CSV line (quoting as needed), for snippets.
pub fn line_text(rec: &Record) -> String {
    snippet(rec).0
}

/// Byte span of field `idx` inside [`line_text`] of the record.
pub fn field_span(rec: &Record, idx: usize) -> std::ops::Range<usize> {
    let (text, spans) = snippet(rec);
    spans.get(idx).cloned().unwrap_or(text.len()..text.len())
}

pub(super) fn snippet(rec: &Record) -> (String, Vec<std::ops::Range<usize>>) {
    crate::diag::csv_snippet(rec.iter().map(String::from_utf8_lossy), ',')
}
