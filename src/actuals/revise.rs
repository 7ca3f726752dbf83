//! Revising a recorded value in an actuals CSV (`track add --revise`,
//! docs/outputs.md#track-add): the rows of one series and period get the new
//! value, and the old value and the date go into their `note` (see
//! [`stamp`]), so nothing is lost and `show` can mark them.
//!
//! Invariants: everything but the revised rows' value and note is kept
//! byte for byte (other rows, line ends, quoting, blank lines); the caller
//! writes the result by renaming a temporary file over the original
//! ([`crate::atomic`]) under the lock of [`super::append::lock`],
//! so the file is the old or the new content, never a mix.

use crate::period::Period;

/// What a revision adds to the row's note: `[revised 2024-05-06: 92.1 → 92.5]`
/// (`[修订 …]` in Chinese).
pub fn stamp(zh: bool, date: &str, old: &str, new: &str) -> String {
    let word = if zh { "修订" } else { "revised" };
    format!("[{word} {date}: {old} → {new}]")
}

/// Whether a row's note records a revision made by `track add --revise`.
pub fn is_revised(note: &str) -> bool {
    note.contains("[修订 ") || note.contains("[revised ")
}

/// The rows a revision replaces: one indicator, region and period, with
/// no breakdown (the series `track add` writes).
pub struct RowKey<'a> {
    pub indicator: &'a str,
    pub period: Period,
    /// The row's region; an empty `region` cell means `plan_region`.
    pub region: &'a str,
    pub plan_region: &'a str,
}

/// A file's content with the matching rows revised.
#[derive(Debug, PartialEq)]
pub struct Revised {
    pub bytes: Vec<u8>,
    /// The value the first matching row had, as written.
    pub old: String,
    pub rows: usize,
}

/// What a revision writes into each row it replaces.
pub struct Edit<'a> {
    pub value: &'a str,
    /// A new `source`, and a note to add (besides the stamp).
    pub source: Option<&'a str>,
    pub note: Option<&'a str>,
    /// The stamp for the old value (see [`stamp`]).
    pub stamp: &'a dyn Fn(&str) -> String,
}

/// Revise every row of `text` that `key` names as `edit` says. `None`
/// when no row matches (or the header lacks the columns that name one).
/// Everything else (other rows, line ends, quoting) is kept byte for byte.
pub fn revise(text: &[u8], key: &RowKey, edit: &Edit) -> Result<Option<Revised>, String> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text);
    let mut rec = csv::ByteRecord::new();
    let mut starts = Vec::new();
    let mut header: Option<Columns> = None;
    let mut hits: Vec<(usize, Vec<Vec<u8>>)> = Vec::new();
    let mut old = None;
    loop {
        let start = rdr.position().byte() as usize;
        if !rdr.read_byte_record(&mut rec).map_err(|e| e.to_string())? {
            break;
        }
        starts.push(start);
        let Some(cols) = &header else {
            match Columns::of(&rec) {
                Some(c) => header = Some(c),
                None => return Ok(None),
            }
            continue;
        };
        if !cols.matches(&rec, key) {
            continue;
        }
        let note_col = cols.note.ok_or(
            "the file has no note column, where a revision records the value it replaces \
             (add `note` to its header line first)",
        )?;
        let mut fields: Vec<Vec<u8>> = rec.iter().map(<[u8]>::to_vec).collect();
        fields.resize(fields.len().max(cols.width), Vec::new());
        let text_of = |f: &[u8]| String::from_utf8_lossy(f).trim().to_string();
        let was = text_of(&fields[cols.value]);
        let mut note = text_of(&fields[note_col]);
        for added in edit.note.into_iter().chain([(edit.stamp)(&was).as_str()]) {
            if !note.is_empty() {
                note.push(' ');
            }
            note.push_str(added);
        }
        fields[note_col] = note.into_bytes();
        fields[cols.value] = edit.value.as_bytes().to_vec();
        if let (Some(src), Some(i)) = (edit.source, cols.source) {
            fields[i] = src.as_bytes().to_vec();
        }
        old.get_or_insert(was);
        hits.push((starts.len() - 1, fields));
    }
    let Some(old) = old else { return Ok(None) };
    starts.push(text.len());
    let mut out = Vec::with_capacity(text.len() + 64);
    let mut done = 0;
    for (i, fields) in &hits {
        let (from, to) = (starts[*i], starts[i + 1]);
        out.extend_from_slice(&text[done..from]);
        let line = &text[from..to];
        // Keep what surrounds the record: its line end, blank lines.
        let lead = line
            .iter()
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .count();
        let trail = line[lead..]
            .iter()
            .rev()
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .count();
        out.extend_from_slice(&line[..lead]);
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        w.write_record(fields).map_err(|e| e.to_string())?;
        let mut record = w.into_inner().map_err(|e| e.to_string())?;
        record.pop(); // the writer's `\n`; the file's own line end follows
        out.extend_from_slice(&record);
        out.extend_from_slice(&line[line.len() - trail..]);
        done = to;
    }
    out.extend_from_slice(&text[done..]);
    Ok(Some(Revised {
        bytes: out,
        old,
        rows: hits.len(),
    }))
}

/// Where the columns a revision reads are.
struct Columns {
    indicator: usize,
    period: usize,
    value: usize,
    note: Option<usize>,
    source: Option<usize>,
    region: Option<usize>,
    /// Breakdown columns: a revised row has none of them filled.
    others: Vec<usize>,
    width: usize,
}

impl Columns {
    fn of(header: &csv::ByteRecord) -> Option<Columns> {
        let names: Vec<String> = header
            .iter()
            .map(|h| {
                let h = String::from_utf8_lossy(h);
                h.trim_start_matches('\u{feff}').trim().to_lowercase()
            })
            .collect();
        let find = |want: &[&str]| names.iter().position(|n| want.contains(&n.as_str()));
        Some(Columns {
            indicator: find(&["indicator"])?,
            period: find(&["period", "year"])?,
            value: find(&["value"])?,
            note: find(&["note"]),
            source: find(&["source"]),
            region: find(&["region"]),
            others: (0..names.len())
                .filter(|&i| !super::PLAIN_COLUMNS.contains(&names[i].as_str()))
                .collect(),
            width: names.len(),
        })
    }

    fn matches(&self, rec: &csv::ByteRecord, key: &RowKey) -> bool {
        let field = |i: usize| {
            rec.get(i)
                .and_then(|f| std::str::from_utf8(f).ok())
                .map_or("", str::trim)
        };
        let region = self.region.map_or("", field);
        let region = if region.is_empty() {
            key.plan_region
        } else {
            region
        };
        field(self.indicator) == key.indicator
            && region == key.region
            && self.others.iter().all(|&i| field(i).is_empty())
            && Period::parse(field(self.period)).ok() == Some(key.period)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(period: &str) -> RowKey<'static> {
        RowKey {
            indicator: "ger",
            period: Period::parse(period).unwrap(),
            region: "",
            plan_region: "",
        }
    }

    fn edit<'a>(value: &'a str, stamp: &'a dyn Fn(&str) -> String) -> Edit<'a> {
        Edit {
            value,
            source: None,
            note: None,
            stamp,
        }
    }

    fn revised(text: &str, period: &str, value: &str) -> Option<String> {
        let stamp = |old: &str| stamp(false, "2024-05-06", old, value);
        let r = revise(text.as_bytes(), &key(period), &edit(value, &stamp)).unwrap()?;
        Some(String::from_utf8(r.bytes).unwrap())
    }

    #[test]
    fn a_revision_changes_only_the_value_and_the_note() {
        let text = "indicator,period,value,note\r\nger,2021,91,\r\nger,2022,92.1,\"估计, 初值\"\r\nger,2023,93,x";
        assert_eq!(
            revised(text, "2022", "92.5").unwrap(),
            "indicator,period,value,note\r\nger,2021,91,\r\n\
             ger,2022,92.5,\"估计, 初值 [revised 2024-05-06: 92.1 → 92.5]\"\r\nger,2023,93,x"
        );
        // The last line, without a line end.
        assert_eq!(
            revised(text, "2023", "94").unwrap(),
            "indicator,period,value,note\r\nger,2021,91,\r\nger,2022,92.1,\"估计, 初值\"\r\n\
             ger,2023,94,x [revised 2024-05-06: 93 → 94]"
        );
    }

    #[test]
    fn lone_cr_lines_and_short_rows_are_kept() {
        let text = "indicator,period,value,note\rger,2021,91\rger,2022,92\r";
        assert_eq!(
            revised(text, "2021", "90").unwrap(),
            "indicator,period,value,note\rger,2021,90,[revised 2024-05-06: 91 → 90]\rger,2022,92\r"
        );
    }

    #[test]
    fn only_the_series_named_is_revised() {
        let text = "indicator,region,sex,period,value,note\n\
                    ger,,,2021,91,\nger,a,,2021,80,\nger,,f,2021,70,\nx,,,2021,1,\n";
        let out = revised(text, "2021", "92").unwrap();
        assert_eq!(out.matches("revised").count(), 1, "{out}");
        assert!(out.contains("ger,,,2021,92,"), "{out}");
        assert_eq!(revised(text, "2020", "92"), None);
    }

    #[test]
    fn a_file_without_a_note_column_cannot_record_a_revision() {
        let text = b"indicator,period,value\nger,2021,91\n";
        let same = |o: &str| o.to_string();
        let e = revise(text, &key("2021"), &edit("9", &same));
        assert!(e.unwrap_err().contains("no note column"));
        // Nothing to revise: nothing to record either.
        assert_eq!(revise(text, &key("2022"), &edit("9", &same)), Ok(None));
    }

    #[test]
    fn a_revision_may_set_the_source_and_add_a_note() {
        let text = b"indicator,period,value,source,note\nger,2021,91,old,est.\n";
        let stamp = |o: &str| format!("[{o}]");
        let e = Edit {
            value: "92",
            source: Some("公报"),
            note: Some("final"),
            stamp: &stamp,
        };
        let r = revise(text, &key("2021"), &e).unwrap().unwrap();
        assert_eq!(
            String::from_utf8(r.bytes).unwrap(),
            "indicator,period,value,source,note\nger,2021,92,公报,est. final [91]\n"
        );
        assert_eq!((r.old.as_str(), r.rows), ("91", 1));
    }

    #[test]
    fn stamps_are_recognised() {
        assert!(is_revised(&stamp(true, "2024-05-06", "1", "2")));
        assert!(is_revised(&stamp(false, "2024-05-06", "1", "2")));
        assert!(!is_revised("revised by hand"));
    }
}
