//! The actuals reader: any bytes give a table or problems, the same ones
//! in the same order whether read in one piece or in blocks of any size,
//! sequentially or in parallel, and a table is assessed without a panic.
//! The first two bytes choose the block size; the rest is the file.

#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use track::plan::Plan;

static PLAN: OnceLock<Plan> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let plan = PLAN.get_or_init(track_fuzz::plan);
    let (block, csv) = match data {
        [a, b, rest @ ..] => (1 + (usize::from(*a) << 8 | usize::from(*b)) % 4096, rest),
        _ => (1, data),
    };
    // The encoding decided on the first bytes only (a bad byte later is the
    // UTF-8 reader's error), or on the whole input.
    for sniff in [16, 1 << 20] {
        let whole = track_fuzz::read(plan, csv, 1 << 20, false, sniff);
        for parallel in [false, true] {
            let blocks = track_fuzz::read(plan, csv, block, parallel, sniff);
            assert!(
                blocks == whole,
                "block {block}, parallel {parallel}, sniff {sniff}:\n{blocks:?}\nvs\n{whole:?}"
            );
        }
        if let Ok(actuals) = &whole {
            track_fuzz::assess(plan, actuals);
        }
    }
});
