//! JSON output: `{"as_of": …, "series": [ {SPEC §5 columns…, "milestones": […]} ]}`,
//! numbers as JSON numbers written exactly (no binary rounding).

use std::io;

use serde_json::{Map, Number, Value};

use super::record::{COLUMNS, Field, fields};
use super::{Render, View};

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

impl Render for Json {
    fn render(&self, view: &View, out: &mut dyn io::Write) -> io::Result<()> {
        let mut series = Vec::new();
        for pv in &view.plans {
            for a in &pv.rows {
                let mut obj = Map::new();
                for (name, f) in COLUMNS.iter().zip(fields(pv.plan, a)) {
                    obj.insert((*name).to_string(), field_value(f));
                }
                obj.insert(
                    "as_of".into(),
                    pv.as_of
                        .map_or(Value::Null, |p| Value::String(p.to_string())),
                );
                let ms: Vec<Value> = a
                    .milestones
                    .iter()
                    .map(|m| {
                        serde_json::json!({
                            "period": m.period.to_string(),
                            "target": m.text,
                            "level": m.target.map(|d| field_value(Field::Decimal(d.normalize()))),
                            "value": m.value.map(|(_, v)| field_value(Field::Decimal(v))),
                            "status": m.status.as_str(),
                        })
                    })
                    .collect();
                obj.insert("milestones".into(), Value::Array(ms));
                series.push(Value::Object(obj));
            }
        }
        let counts: Map<String, Value> = view
            .counts()
            .into_iter()
            .map(|(s, n)| (s.as_str().to_string(), Value::from(n)))
            .collect();
        let doc = serde_json::json!({ "series": series, "counts": counts });
        serde_json::to_writer_pretty(&mut *out, &doc)?;
        writeln!(out)
    }
}
