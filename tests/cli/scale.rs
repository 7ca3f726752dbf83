//! The reader at scale: a parallel read gives what a sequential one gives
//! (values, series, problems and their lines), on plain, CRLF and quoted
//! input cut into small blocks; and a generated million-row file reads
//! back to the same bytes.

#[path = "../../benches/gen/mod.rs"]
mod generate;

use std::fmt::Write as _;

use track::actuals::{Actuals, ActualsReader};
use track::diag::InputError;
use track::plan::{Plan, parse_plan};

fn plan(indicators: usize) -> Plan {
    parse_plan(&generate::plan_toml(indicators), "plan.toml")
        .expect("the generated plan parses")
        .0
}

/// Read `csv` with a reader, in blocks of `block` bytes, on `threads` threads.
fn read(
    plan: &Plan,
    csv: &[u8],
    parallel: bool,
    block: usize,
    threads: usize,
) -> Result<Actuals, Vec<String>> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a thread pool");
    pool.install(|| {
        let r = if parallel {
            ActualsReader::new(plan)
        } else {
            ActualsReader::sequential(plan)
        };
        let mut r = r.with_block_size(block);
        r.read(csv, "data.csv");
        r.finish()
            .map(|(a, _)| a)
            .map_err(|InputError(d)| d.iter().map(|d| d.render(false)).collect())
    })
}

/// Parallel (several block sizes, 4 threads) against sequential.
fn same_both_ways(plan: &Plan, csv: &[u8]) -> Result<Actuals, Vec<String>> {
    let reference = read(plan, csv, false, 1 << 20, 1);
    for block in [300 << 10, 1 << 20, 8 << 20] {
        assert_eq!(read(plan, csv, true, block, 4), reference, "block {block}");
    }
    assert_eq!(read(plan, csv, false, 4096, 1), reference, "small blocks");
    reference
}

#[test]
fn parallel_reads_equal_sequential_ones() {
    let plan = plan(20);
    for shape in [
        generate::Shape::default(),
        generate::Shape {
            crlf: true,
            ..Default::default()
        },
        generate::Shape {
            quoted_notes: true,
            crlf: true,
        },
    ] {
        let csv = generate::csv(20, 800, 3, shape);
        assert!(csv.len() > 1 << 20, "several chunks: {}", csv.len());
        let a = same_both_ways(&plan, &csv).expect("the generated data reads");
        assert_eq!(a.series_count(), 20 * 800);
        if shape.quoted_notes {
            let notes: Vec<String> = (0..a.texts.len() as u32)
                .map(|i| a.texts.name(i).to_string())
                .collect();
            assert!(
                notes.contains(&"two\nlines, \"quoted\"".to_string()),
                "{notes:?}"
            );
        }
    }
}

#[test]
fn problems_and_their_lines_are_the_same_in_parallel() {
    let plan = plan(5);
    let csv = generate::csv(5, 4000, 5, generate::Shape::default());
    let text = String::from_utf8(csv).unwrap();
    // Spoil rows spread over the file, and remember their lines.
    let mut out = String::new();
    let mut expected = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        if n > 1 && n % 9973 == 0 {
            let _ = writeln!(out, "{}", line.replacen("ind_", "bad_", 1));
            expected.push(format!("data.csv:{n}:"));
        } else {
            let _ = writeln!(out, "{line}");
        }
    }
    let errors = same_both_ways(&plan, out.as_bytes()).expect_err("bad rows");
    assert_eq!(errors.len(), expected.len(), "{errors:?}");
    for (e, want) in errors.iter().zip(&expected) {
        assert!(
            e.contains(want) && e.contains("unknown indicator"),
            "{e}\nwanted {want}"
        );
    }
}

#[test]
fn a_million_rows_read_back_to_the_same_bytes() {
    let (indicators, regions) = (200, 525);
    let plan = plan(indicators);
    let csv = generate::csv(indicators, regions, 20240601, generate::Shape::default());
    let rows = csv.iter().filter(|&&b| b == b'\n').count() - 1;
    assert!(rows > 990_000, "{rows}");
    let mut r = ActualsReader::new(&plan);
    r.read(&csv[..], "data.csv");
    let (a, _) = r.finish().expect("reads");
    assert_eq!(a.point_count(), rows);
    assert_eq!(a.series_count(), indicators * regions);
    // The data is sorted by series and year: writing the series back in
    // their order gives the input.
    let mut back = String::with_capacity(csv.len());
    back.push_str("indicator,region,year,value\n");
    for s in a.series() {
        let id = &plan.indicators[s.key.indicator as usize].id;
        let region = a.region_name(&s.key);
        for (p, v) in s.values() {
            let _ = writeln!(back, "{id},{region},{p},{v}");
        }
    }
    assert!(
        back.as_bytes() == &csv[..],
        "the round trip changed the data"
    );
}
