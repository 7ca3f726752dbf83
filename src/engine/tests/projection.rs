//! The projection: the trend's value at the deadline and the period it meets
//! the target, in years, months and days.

use super::{d, one_of, plan1, run, year};
use crate::period::Period;

const RISING: &[(&str, &str)] = &[("2020", "90"), ("2021", "91"), ("2022", "92")];

#[test]
fn projection_meets_the_target_at_the_deadline() {
    let a = run(">= 95", None, None, "%", RISING, "2022");
    assert_eq!(a.projection, Some(d("95")));
    assert_eq!(a.projected_meet, Some(year(2025)));
}

#[test]
fn projection_meets_a_higher_target_after_the_deadline() {
    let a = run(">= 96", None, None, "%", RISING, "2022");
    assert_eq!(a.projection, Some(d("95")));
    assert_eq!(a.projected_meet, Some(year(2026)));
}

#[test]
fn projection_of_a_falling_series_never_meets() {
    let a = run(
        ">= 95",
        None,
        None,
        "%",
        &[("2020", "92"), ("2021", "91"), ("2022", "90")],
        "2022",
    );
    assert_eq!(a.projection, Some(d("87")));
    assert_eq!(a.projected_meet, None);
}

#[test]
fn projection_of_a_strict_target_meets_after_the_level() {
    // The line reaches 95 at 2025, but "> 95" needs more: 96 at 2026.
    let a = run("> 95", None, None, "%", RISING, "2022");
    assert_eq!(a.projected_meet, Some(year(2026)));
}

#[test]
fn projection_that_reaches_the_level_exactly_meets_it_then() {
    // 81.0, 82.5, 81.0 at 2020, 2022, 2023: the line is 90 at 2101 exactly
    // (and 89.89… at 2100); a fit through a rounded mean and slope put the
    // meeting a year late.
    let pts = &[("2020", "81.0"), ("2022", "82.5"), ("2023", "81.0")];
    let a = run(">= 90", None, None, "%", pts, "2023");
    assert_eq!(a.projection, Some(d("81.857142857143")));
    assert_eq!(a.projected_meet, Some(year(2101)));
    let pts = &[("2020", "33.0"), ("2022", "30.4"), ("2023", "27.0")];
    let a = run("<= 20", None, None, "%", pts, "2023");
    assert_eq!(a.projection, Some(d("23.8")));
    assert_eq!(a.projected_meet, Some(year(2027)));
}

#[test]
fn projection_of_large_daily_values_over_leap_years() {
    // Days of 2023 and 2024 (365 and 366 a year) step by 12 ticks: the
    // exact terms of the line no longer fit a decimal, its slope does.
    let start = Period::Day(2023, 1, 1);
    let mut p = start;
    let mut rows = String::from("indicator,period,value\n");
    for k in 0..730 {
        rows.push_str(&format!("x,{p},{}\n", 1_000_000 + 100_000 * k));
        p = p.next();
    }
    let plan = plan1(">= 1000000000", None, None, "");
    let a = one_of(&plan, &rows, "2025-12-31");
    // Checked with exact fractions.
    assert_eq!(a.projection, Some(d("110525000.222806322532")));
    assert_eq!(a.projected_meet, Some(Period::Day(2050, 5, 3)));
}

#[test]
fn monthly_projection_counts_months_exactly() {
    let pts = &[("2023-01", "10"), ("2023-02", "11"), ("2023-03", "12")];
    let a = run(">= 19", None, None, "", pts, "2023-03");
    // One a month: 2025 ends 33 months after 2023-03, at 12 + 33.
    assert_eq!(a.projection, Some(d("45")));
    assert_eq!(a.projected_meet, Some(Period::Month(2023, 10)));
}
