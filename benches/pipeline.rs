//! Throughput of the CSV reader, the engine and the whole `status --format
//! csv` path, on generated input (see `gen/`): `cargo bench`.
//!
//! Each benchmark counts the bytes of CSV input it covers, so divan
//! reports MB/s; `read_one_thread` is the reader on one thread, the rest
//! use every core.

#[path = "gen/mod.rs"]
mod generate;

use divan::counter::BytesCount;
use divan::{Bencher, black_box};
use track::actuals::{Actuals, ActualsReader};
use track::engine::{Context, assess_plan};
use track::export::{Document, Format, Options, Warnings};
use track::period::Period;
use track::plan::{Plan, parse_plan};
use track::query::{Request, select};
use track::workspace::{Defaults, Loaded, Workspace};

fn main() {
    divan::main();
}

/// (indicators, regions): about 100 000 and 1 000 000 rows.
const SIZES: &[(usize, usize)] = &[(100, 105), (200, 525)];

fn input(size: (usize, usize)) -> (Plan, Vec<u8>) {
    let plan = parse_plan(&generate::plan_toml(size.0), "plan.toml")
        .expect("the generated plan parses")
        .0;
    let csv = generate::csv(size.0, size.1, 7, generate::Shape::default());
    (plan, csv)
}

fn read(plan: &Plan, csv: &[u8]) -> Actuals {
    let mut r = ActualsReader::new(plan);
    r.read(csv, "data.csv");
    r.finish().expect("the generated data reads").0
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn read_csv(bencher: Bencher, size: (usize, usize)) {
    let (plan, csv) = input(size);
    bencher
        .counter(BytesCount::of_slice(&csv))
        .bench(|| read(&plan, black_box(&csv)));
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn read_one_thread(bencher: Bencher, size: (usize, usize)) {
    let (plan, csv) = input(size);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a thread pool");
    bencher
        .counter(BytesCount::of_slice(&csv))
        .bench(|| pool.install(|| read(&plan, black_box(&csv))));
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn assess(bencher: Bencher, size: (usize, usize)) {
    let (plan, csv) = input(size);
    let actuals = read(&plan, &csv);
    let ctx = Context {
        plan: &plan,
        actuals: &actuals,
        as_of: Period::Year(2023),
        method: None,
        keep_points: false,
    };
    bencher
        .counter(BytesCount::of_slice(&csv))
        .bench(|| assess_plan(black_box(&ctx)));
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn status_csv(bencher: Bencher, size: (usize, usize)) {
    let (plan, csv) = input(size);
    let sel = Request {
        as_of: Some(Period::Year(2023)),
        ..Request::default()
    };
    bencher.counter(BytesCount::of_slice(&csv)).bench(|| {
        let ws = Workspace {
            plans: vec![Loaded {
                actuals: read(&plan, &csv),
                plan: plan.clone(),
                file: "plan.toml".into(),
            }],
            defaults: Defaults::default(),
            warnings: Vec::new(),
        };
        let mut out = Vec::new();
        let doc = Document {
            plans: select(&ws, &sel).expect("rows"),
            regions: Vec::new(),
            options: Options::default(),
            warnings: Warnings::ignored(),
        };
        Format::Csv
            .exporter()
            .expect("csv")
            .export(doc, &mut out)
            .expect("written");
        out.len()
    });
}
