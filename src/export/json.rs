//! JSON output: `{"series": [ {the columns of [`super::record`], "as_of",
//! "milestones": […]}, … ], "counts": {status: n, …}}`, numbers as JSON
//! numbers written exactly (no binary rounding).

use std::io;

use serde_json::{Map, Number, Value};

use super::record::{COLUMNS, Field, fields};
use super::{Attachment, Document, Exported, Exporter, said};
use crate::engine::{Assessment, Status};
use crate::period::Period;
use crate::plan::Plan;

pub struct Json;

pub fn field_value(f: Field) -> Value {
    match f {
        Field::Null => Value::Null,
        Field::Text(s) => Value::String(s),
        Field::Decimal(d) => d
            .to_string()
            .parse::<Number>()
            .map_or(Value::Null, Value::Number),
        Field::Float(x) => Number::from_f64(x).map_or(Value::Null, Value::Number),
        Field::Int(i) => Value::Number(i.into()),
    }
}

impl Exporter for Json {
    /// Rows are assessed and formatted a batch at a time, in parallel, and
    /// written in order.
    fn export(&self, mut doc: Document, out: &mut dyn io::Write) -> Exported {
        if doc.options.evaluation.is_some() {
            return evaluation(doc, out);
        }
        let mut json = JsonDocument::start(out)?;
        let warnings = &mut doc.warnings;
        for s in &doc.plans {
            s.batches(
                |rows| {
                    let (mut part, mut buf) = (JsonDocument::part(), Vec::new());
                    part.rows(s.plan, s.as_of, &rows, &mut buf);
                    (part, buf, said(&rows))
                },
                |(part, buf, said)| {
                    said.iter().for_each(|w| warnings.say(w));
                    json.append(part, &buf, out)
                },
            )?;
        }
        json.finish(out)?;
        Ok(Vec::new())
    }
}

/// The evaluation table as JSON: per plan its title, the paragraph before
/// the table, one object per row (the columns of CSV, the periods' values
/// under `values`) and the paragraphs after it.
fn evaluation(mut doc: Document, out: &mut dyn io::Write) -> anyhow::Result<Vec<Attachment>> {
    use super::record::evaluation::{AFTER, BEFORE, fields};
    use crate::view::evaluation;
    let view = doc.view();
    let mut plans = Vec::new();
    for pv in &view.plans {
        let periods = evaluation::periods(pv.plan, pv.as_of);
        let order = evaluation::order(pv, view.lang);
        let rows: Vec<Value> = (order.into_iter().map(|i| &pv.rows[i]))
            .zip(evaluation::numbers(pv, view.lang))
            .map(|(a, no)| {
                let mut f = fields(pv, a, &no, &periods).into_iter();
                let mut obj = Map::new();
                for name in BEFORE {
                    obj.insert(
                        name.to_string(),
                        field_value(f.next().unwrap_or(Field::Null)),
                    );
                }
                let values: Map<String, Value> = (periods.iter())
                    .map(|p| (p.to_string(), field_value(f.next().unwrap_or(Field::Null))))
                    .collect();
                obj.insert("values".into(), Value::Object(values));
                for name in AFTER {
                    obj.insert(
                        name.to_string(),
                        field_value(f.next().unwrap_or(Field::Null)),
                    );
                }
                Value::Object(obj)
            })
            .collect();
        plans.push(serde_json::json!({
            "plan": pv.plan.id,
            "as_of": pv.as_of.map(|p| p.to_string()),
            "title": evaluation::title(&view, pv),
            "summary": evaluation::summary(&view, pv),
            "rows": rows,
            "attention": evaluation::attention(&view, pv),
        }));
    }
    serde_json::to_writer_pretty(&mut *out, &serde_json::json!({ "plans": plans }))?;
    out.write_all(b"\n")?;
    out.flush()?;
    Ok(Vec::new())
}

/// The JSON document written piece by piece, as `serde_json`'s pretty
/// printer writes it whole: `{"series": [...], "counts": {...}}`. Parts
/// (batches of rows) can be formatted in parallel and appended in order,
/// so rows are never all in memory.
pub struct JsonDocument {
    rows: usize,
    /// Per status, in [`Status::ALL`] order.
    counts: [usize; Status::ALL.len()],
}

impl JsonDocument {
    /// Write the opening; the document the parts are appended to.
    pub fn start(out: &mut dyn io::Write) -> io::Result<JsonDocument> {
        out.write_all(b"{\n  \"series\": [")?;
        Ok(JsonDocument::part())
    }

    /// An empty part.
    pub fn part() -> JsonDocument {
        JsonDocument {
            rows: 0,
            counts: [0; Status::ALL.len()],
        }
    }

    /// Format rows (their series objects) into `buf`, each after `,\n`.
    pub fn rows(
        &mut self,
        plan: &Plan,
        as_of: Option<Period>,
        rows: &[Assessment],
        buf: &mut Vec<u8>,
    ) {
        for a in rows {
            self.counts[a.status.index()] += 1;
            self.rows += 1;
            buf.extend_from_slice(b",\n");
            // Pretty-printed alone, then indented to its depth (strings
            // never hold a raw newline: JSON escapes it).
            let text = serde_json::to_string_pretty(&series(plan, as_of, a)).unwrap_or_default();
            for (i, line) in text.split('\n').enumerate() {
                if i > 0 {
                    buf.push(b'\n');
                }
                buf.extend_from_slice(b"    ");
                buf.extend_from_slice(line.as_bytes());
            }
        }
    }

    /// Write a part formatted by [`Document::rows`] into `buf`.
    pub fn append(
        &mut self,
        part: JsonDocument,
        buf: &[u8],
        out: &mut dyn io::Write,
    ) -> io::Result<()> {
        // The first row of the document follows `[` without a comma.
        let skip = usize::from(self.rows == 0 && part.rows > 0);
        out.write_all(&buf[skip.min(buf.len())..])?;
        self.rows += part.rows;
        for (a, b) in self.counts.iter_mut().zip(part.counts) {
            *a += b;
        }
        Ok(())
    }

    /// Close the list and write the counts.
    pub fn finish(self, out: &mut dyn io::Write) -> io::Result<()> {
        out.write_all(if self.rows == 0 { b"]" } else { b"\n  ]" })?;
        let counts: Map<String, Value> = (Status::ALL.iter().zip(self.counts))
            .filter(|(_, n)| *n > 0)
            .map(|(s, n)| (s.as_str().to_string(), Value::from(n)))
            .collect();
        let text = serde_json::to_string_pretty(&Value::Object(counts)).unwrap_or_default();
        out.write_all(b",\n  \"counts\": ")?;
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                out.write_all(b"\n  ")?;
            }
            out.write_all(line.as_bytes())?;
        }
        out.write_all(b"\n}\n")?;
        out.flush()
    }
}

/// The JSON object of one series: the columns of `docs/outputs.md#machine-readable-columns`, `as_of`, milestones.
fn series(plan: &Plan, as_of: Option<Period>, a: &Assessment) -> Value {
    let mut obj = Map::new();
    for (name, f) in COLUMNS.iter().zip(fields(plan, a)) {
        obj.insert((*name).to_string(), field_value(f));
    }
    obj.insert(
        "as_of".into(),
        as_of.map_or(Value::Null, |p| Value::String(p.to_string())),
    );
    let ms: Vec<Value> = a
        .milestones
        .iter()
        .map(|m| {
            serde_json::json!({
                "period": m.period.to_string(),
                "target": m.text,
                "level": m.target.map(|d| field_value(Field::Decimal(d.normalize()))),
                "value": m.value.map(|v| field_value(Field::Decimal(v.value))),
                "status": m.status.as_str(),
            })
        })
        .collect();
    obj.insert("milestones".into(), Value::Array(ms));
    Value::Object(obj)
}
