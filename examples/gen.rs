//! Write benchmark input: `cargo run --release --example gen -- INDICATORS
//! REGIONS DIR` writes `DIR/data.csv` and `DIR/plan.toml` (about
//! `INDICATORS × REGIONS × 9.5` rows; 200 × 525 is about a million).

#[path = "../benches/gen/mod.rs"]
mod generate;

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let num =
        |i: usize, default: usize| args.get(i).and_then(|s| s.parse().ok()).unwrap_or(default);
    let (indicators, regions) = (num(0, 200), num(1, 525));
    let dir = std::path::PathBuf::from(args.get(2).map_or("bench-data", String::as_str));
    std::fs::create_dir_all(&dir)?;
    let data = generate::csv(indicators, regions, 20240601, generate::Shape::default());
    std::fs::write(dir.join("data.csv"), &data)?;
    std::fs::write(dir.join("plan.toml"), generate::plan_toml(indicators))?;
    eprintln!("{}: {} bytes of actuals", dir.display(), data.len());
    Ok(())
}
