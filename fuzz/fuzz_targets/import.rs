//! `track import` of a CSV table: any bytes give placed rows or located
//! problems that render, under every layout, and the rows placed write a
//! long CSV that the actuals reader reads back.
//! The first byte chooses the layout; the rest is the file.

#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use track::cli::Layout;
use track::import::{Options, csv, dedupe, place};
use track::plan::Plan;

static PLAN: OnceLock<Plan> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let plan = PLAN.get_or_init(track_fuzz::plan);
    let Some((&choice, bytes)) = data.split_first() else {
        return;
    };
    let layout =
        [Layout::Auto, Layout::Wide, Layout::Transposed, Layout::Long][usize::from(choice % 4)];
    let table = match csv::read_table(bytes, "t.csv") {
        Ok((t, note)) => {
            track_fuzz::render(&note.into_iter().collect::<Vec<_>>());
            t
        }
        Err(d) => {
            track_fuzz::render(&[d]);
            return;
        }
    };
    let opts = Options {
        layout,
        region_from: None,
    };
    let placed = place(&table, plan, &opts);
    track_fuzz::render(&placed.errors);
    track_fuzz::render(&placed.warnings);
    let tables = [table];
    let (rows, conflicts) = dedupe(placed.rows, &tables);
    track_fuzz::render(&conflicts);
    // What import writes, the reader reads (values and periods placed are valid).
    let long = csv::write_long(&rows);
    if let Err(problems) = track_fuzz::read(plan, &long, 1 << 20, false, 1 << 20) {
        panic!(
            "the long CSV import wrote does not read back:\n{problems:?}\n{}",
            String::from_utf8_lossy(&long)
        );
    }
});
