//! `track show --format json`: the definition, and per series the record
//! of `status --format json` (the keys of `docs/outputs.md#machine-readable-columns`) with its milestones and its
//! periods (`period, value, change, change_pct, yoy, yoy_pct, path,
//! source, note, from_plan`).
//!
//! Invariants: keys are stable English whatever `--lang` is; numbers are
//! JSON numbers written exactly, through the same [`field_value`] as
//! `status` (data as written, computed figures without trailing zeros);
//! years are numbers, other periods strings, as in the status record;
//! milestones are written as `status` writes them (periods as strings).

use std::io::{self, Write};

use rust_decimal::Decimal;
use serde_json::{Map, Value, json};

use crate::export::json::field_value;
use crate::export::record::{COLUMNS, Field, fields};
use crate::period::Period;
use crate::view::indicator::{Row, Shown};

fn period(p: Period) -> Value {
    match p {
        Period::Year(y) => Value::from(y),
        p => Value::String(p.to_string()),
    }
}

fn dec(d: Option<Decimal>) -> Value {
    d.map_or(Value::Null, |d| field_value(Field::Decimal(d)))
}

/// A computed figure: no trailing zeros left by a division.
fn computed(d: Option<Decimal>) -> Value {
    dec(d.map(|d| d.normalize()))
}

fn row(r: &Row) -> Value {
    json!({
        "period": period(r.period),
        "value": dec(Some(r.value)),
        "change": dec(r.change.map(|c| c.amount)),
        "change_pct": computed(r.change.and_then(|c| c.percent)),
        "yoy": dec(r.yoy.map(|c| c.amount)),
        "yoy_pct": computed(r.yoy.and_then(|c| c.percent)),
        "path": computed(r.path),
        "source": r.source,
        "note": r.note,
        "from_plan": r.from_plan,
    })
}

pub fn write(s: &Shown, out: &mut dyn Write) -> io::Result<()> {
    let plan = s.plan;
    let ind = &plan.indicators[s.indicator];
    let definition = json!({
        "name": ind.name.zh,
        "name_en": ind.name.en,
        "group": ind.group.as_ref().map(|g| &g.zh).filter(|zh| !zh.is_empty()),
        "group_en": ind.group.as_ref().and_then(|g| g.en.as_ref()),
        "unit": ind.unit.zh,
        "unit_en": ind.unit.en,
        "kind": ind.kind.as_str(),
        "direction": ind.direction.as_str(),
        "baseline_period": period(ind.baseline_period),
        "baseline": dec(ind.baseline),
        "target": ind.target_text,
        "target_period": period(ind.target_period),
        "target_file": plan.path,
        "target_line": ind.target_pos.line,
        "method": ind.method.as_str(),
        "limit": dec(ind.limit),
        "milestones": ind.milestones.iter().map(|m| json!({
            "period": m.period.to_string(),
            "target": m.text,
        })).collect::<Vec<_>>(),
        "source": ind.source,
        "note": ind.note,
    });
    let series: Vec<Value> = s
        .blocks
        .iter()
        .map(|b| {
            let mut obj = Map::new();
            for (name, f) in COLUMNS.iter().zip(fields(plan, &b.a)) {
                obj.insert((*name).to_string(), field_value(f));
            }
            let ms: Vec<Value> =
                b.a.milestones
                    .iter()
                    .map(|m| {
                        json!({
                            "period": m.period.to_string(),
                            "target": m.text,
                            "level": computed(m.target),
                            "value": dec(m.value.map(|v| v.value)),
                            "value_period": m.value.map(|v| period(v.period)),
                            "status": m.status.as_str(),
                        })
                    })
                    .collect();
            obj.insert("milestones".into(), Value::Array(ms));
            obj.insert(
                "periods".into(),
                Value::Array(b.rows.iter().map(row).collect()),
            );
            Value::Object(obj)
        })
        .collect();
    let doc = json!({
        "plan": plan.id,
        "indicator": ind.id,
        "as_of": s.as_of.map(|p| p.to_string()),
        "definition": definition,
        "series": series,
    });
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}
