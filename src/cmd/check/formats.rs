//! `track check`'s outputs besides the summary: text lines, the JSON
//! document, GitHub Actions annotations and JUnit XML
//! (`docs/outputs.md#check-formats`).

use super::*;

pub(super) fn text(cases: &[Case], out: &mut dyn Write) -> std::io::Result<()> {
    for c in cases.iter().filter(|c| c.finding) {
        let level = if c.failing() {
            "error"
        } else if c.known {
            "known"
        } else {
            "warning"
        };
        writeln!(
            out,
            "{level}: {}: {} — {}:{}:{}",
            c.plan,
            c.message(),
            c.file,
            c.line,
            c.col
        )?;
    }
    Ok(())
}

pub(super) fn num(d: Option<rust_decimal::Decimal>) -> Value {
    d.map_or(Value::Null, |d| {
        track::export::json::field_value(track::export::record::Field::Decimal(d))
    })
}

pub(super) fn case_json(c: &Case) -> Value {
    json!({
        "key": c.key, "plan": c.plan, "indicator": c.indicator, "name": c.name,
        "region": c.region, "breakdown": c.breakdown, "kind": c.kind.as_str(), "rule": c.rule,
        "status": c.status.as_str(), "period": c.period, "value": num(c.numbers.value),
        "target": c.target, "target_level": num(c.numbers.target), "gap": num(c.numbers.gap),
        "since": c.since, "broken": c.broken, "file": c.file, "line": c.line, "col": c.col,
        "gated": c.gated, "known": c.known, "failing": c.failing(),
    })
}

pub(super) fn json_doc(cases: &[Case], total: usize, views: &[Selected], fail_on: FailOn) -> Value {
    let findings: Vec<Value> = cases.iter().filter(|c| c.finding).map(case_json).collect();
    let as_of: serde_json::Map<String, Value> = views
        .iter()
        .map(|pv| {
            (
                pv.plan.id.clone(),
                pv.as_of
                    .map_or(Value::Null, |p| Value::String(p.to_string())),
            )
        })
        .collect();
    json!({
        "fail_on": crate::settings::fail_on(fail_on).as_str(),
        "as_of": as_of,
        "cases": total,
        "failing": cases.iter().filter(|c| c.failing()).count(),
        "findings": findings,
    })
}

/// Escape for a workflow command's message (GitHub's rules).
pub(super) fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape for a workflow command's property value.
pub(super) fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub(super) fn github(cases: &[Case], out: &mut dyn Write) -> std::io::Result<()> {
    for c in cases.iter().filter(|c| c.finding) {
        let level = if c.failing() { "error" } else { "warning" };
        let title = format!("track: {} {}", c.status, c.indicator);
        writeln!(
            out,
            "::{level} file={},line={},col={},title={}::{}",
            escape_property(&c.file),
            c.line,
            c.col,
            escape_property(&title),
            escape_data(&c.message())
        )?;
    }
    Ok(())
}

pub(super) fn junit(
    cases: &[Case],
    views: &[Selected],
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let failing = cases.iter().filter(|c| c.failing()).count();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="track check" tests="{}" failures="{failing}" errors="0">"#,
        cases.len()
    )?;
    for pv in views {
        let plan: &Plan = pv.plan;
        let mine: Vec<&Case> = cases.iter().filter(|c| c.plan == plan.id).collect();
        let fails = mine.iter().filter(|c| c.failing()).count();
        let skipped = mine.iter().filter(|c| c.status == Status::NoData).count();
        writeln!(
            out,
            r#"  <testsuite name="{}" tests="{}" failures="{fails}" errors="0" skipped="{skipped}" file="{}">"#,
            xml(&plan.id),
            mine.len(),
            xml(&plan.path)
        )?;
        for c in mine {
            let mut name = c.indicator.clone();
            if !c.region.is_empty() {
                name.push_str(&format!(" [{}]", c.region));
            }
            if !c.breakdown.is_empty() {
                name.push_str(&format!(" ({})", c.breakdown));
            }
            if c.rule != "target" {
                name.push_str(&format!(" {}", c.rule));
            }
            write!(
                out,
                r#"    <testcase name="{}" classname="{}.{}" file="{}" line="{}""#,
                xml(&name),
                xml(&c.plan),
                xml(&c.indicator),
                xml(&c.file),
                c.line
            )?;
            if c.failing() {
                writeln!(out, ">")?;
                writeln!(
                    out,
                    r#"      <failure message="{}" type="{}">{}</failure>"#,
                    xml(&c.message()),
                    c.status,
                    xml(&format!("{}:{}:{}", c.file, c.line, c.col))
                )?;
                writeln!(out, "    </testcase>")?;
            } else if c.status == Status::NoData {
                writeln!(out, ">")?;
                writeln!(out, r#"      <skipped message="{}"/>"#, xml(&c.message()))?;
                writeln!(out, "    </testcase>")?;
            } else if c.finding {
                writeln!(out, ">")?;
                writeln!(
                    out,
                    "      <system-out>{}</system-out>",
                    xml(&format!("not gated: {}", c.message()))
                )?;
                writeln!(out, "    </testcase>")?;
            } else {
                writeln!(out, "/>")?;
            }
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}
