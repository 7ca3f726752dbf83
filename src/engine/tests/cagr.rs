//! CAGR since the baseline and the change still required each year.

use super::{d, run};
use crate::engine::Status;

#[test]
fn cagr_since_baseline_and_required_change() {
    let a = run(
        ">= 150",
        None,
        None,
        "人",
        &[("2020", "100"), ("2022", "121")],
        "2022",
    );
    let cagr = a.cagr.expect("cagr");
    assert!((cagr - 0.1).abs() < 1e-12, "cagr {cagr}");
    assert_eq!(a.required_change, Some(d("29") / d("3")));
    let rate = a.required_rate.expect("required rate");
    let want = (150.0f64 / 121.0).powf(1.0 / 3.0) - 1.0;
    assert!((rate - want).abs() < 1e-12, "rate {rate} vs {want}");
}

#[test]
fn no_required_change_once_met() {
    let a = run(
        ">= 150",
        None,
        None,
        "人",
        &[("2020", "100"), ("2022", "151")],
        "2022",
    );
    assert_eq!(a.status, Status::Achieved);
    assert_eq!(a.required_change, None);
}
