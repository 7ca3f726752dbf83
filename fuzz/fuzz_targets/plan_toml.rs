//! Plan files: any bytes that are UTF-8 load or give located problems
//! that render, and a plan that loads is assessed without a panic.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        track_fuzz::plan_roundtrip(text);
    }
});
