//! Target expressions (`>= 95`, `提高5个百分点`, `90..95`, …): parsing any
//! text never panics, an error's span lies inside the text, and a target
//! inside a plan is loaded and its diagnostics rendered without a panic.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(e) = track::plan::parse_target(text) {
        assert!(
            e.span.start <= e.span.end && e.span.end <= text.len(),
            "{e:?}"
        );
    }
    // The same text as a plan's target, then assessed with no data.
    let plan = format!(
        "[plan]\nid = \"p\"\nname = \"P\"\nbaseline = 2020\ntarget = 2025\n\n\
         [[indicator]]\nid = \"x\"\nunit = \"%\"\nbaseline = 90\ntarget = {}\n",
        toml_string(text)
    );
    track_fuzz::plan_roundtrip(&plan);
});

/// `s` as a TOML basic string.
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
