//! Periods: a year (`2023`), a quarter (`2023-Q2`), a month (`2023-06`) or a
//! day (`2023-06-30`).
//!
//! A period is ordered and measured by its *end*: `2023`, `2023-Q4`,
//! `2023-12` and `2023-12-31` all end together, and time between periods is
//! counted in years of the calendar, so that two year periods are exactly a
//! whole number of years apart (time progress from 2020 to 2023 of a 2025
//! deadline is exactly 0.6, whatever the leap years).

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Period {
    Year(i32),
    Quarter(i32, u8),
    Month(i32, u8),
    Day(i32, u8, u8),
}

/// The unit a period is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Granularity {
    Year,
    Quarter,
    Month,
    Day,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{0}` is not a period: expected a year (2023), quarter (2023-Q2), month (2023-06) or date (2023-06-30)"
)]
pub struct PeriodError(pub String);

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u8) -> u8 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn day_of_year(y: i32, m: u8, d: u8) -> u32 {
    (1..m)
        .map(|mm| u32::from(days_in_month(y, mm)))
        .sum::<u32>()
        + u32::from(d)
}

/// Ticks in a year: divisible by 4, 12, 365 and 366.
pub const TICKS_PER_YEAR: i64 = 12 * 365 * 366;

impl Period {
    pub fn year(&self) -> i32 {
        match *self {
            Period::Year(y)
            | Period::Quarter(y, _)
            | Period::Month(y, _)
            | Period::Day(y, _, _) => y,
        }
    }

    pub fn granularity(&self) -> Granularity {
        match self {
            Period::Year(_) => Granularity::Year,
            Period::Quarter(..) => Granularity::Quarter,
            Period::Month(..) => Granularity::Month,
            Period::Day(..) => Granularity::Day,
        }
    }

    /// The last day of the period, as (year, month, day).
    pub fn end(&self) -> (i32, u8, u8) {
        match *self {
            Period::Year(y) => (y, 12, 31),
            Period::Quarter(y, q) => (y, q * 3, days_in_month(y, q * 3)),
            Period::Month(y, m) => (y, m, days_in_month(y, m)),
            Period::Day(y, m, d) => (y, m, d),
        }
    }

    /// The end of the period in years: `2023` is 2023, `2023-Q2` is 2022.5,
    /// `2023-06` is 2022.5, `2023-12-31` is 2023.
    pub fn position(&self) -> Decimal {
        let y = Decimal::from(self.year());
        match *self {
            Period::Year(_) => y,
            Period::Quarter(_, q) => y - Decimal::ONE + Decimal::from(q) / Decimal::from(4),
            Period::Month(_, m) => y - Decimal::ONE + Decimal::from(m) / Decimal::from(12),
            Period::Day(yy, m, d) => {
                let days = if is_leap(yy) { 366 } else { 365 };
                y - Decimal::ONE + Decimal::from(day_of_year(yy, m, d)) / Decimal::from(days)
            }
        }
    }

    /// Whether this period is over by the end of `other`: `2023` ends by
    /// `2023-12-31` and by `2023-Q4`, whatever their order as periods.
    /// As-of, deadline and milestone tests compare end dates this way.
    pub fn ends_by(&self, other: Period) -> bool {
        self.end() <= other.end()
    }

    /// The last period, in period order, that ends by this one's end:
    /// `2023-12-31` → `2023`, `2023-06-30` → `2023-Q2`, `2023-05-31` →
    /// `2023-05`. `p <= x.last_ending_with()` is `p.ends_by(x)`, so a
    /// sorted list is cut at an as-of date with one comparison.
    pub fn last_ending_with(&self) -> Period {
        let (y, m, d) = self.end();
        if d != days_in_month(y, m) {
            Period::Day(y, m, d)
        } else if m == 12 {
            Period::Year(y)
        } else if m % 3 == 0 {
            Period::Quarter(y, m / 3)
        } else {
            Period::Month(y, m)
        }
    }

    /// The end of the period as a whole number of ticks of 1/[`TICKS_PER_YEAR`]
    /// year, so that differences of positions, and their ratios (time
    /// progress, R), are exact for years, quarters, months and days alike.
    pub fn ticks(&self) -> i64 {
        let y = i64::from(self.year());
        let per = TICKS_PER_YEAR;
        match *self {
            Period::Year(_) => y * per,
            Period::Quarter(_, q) => (y - 1) * per + i64::from(q) * (per / 4),
            Period::Month(_, m) => (y - 1) * per + i64::from(m) * (per / 12),
            Period::Day(yy, m, d) => {
                let days = if is_leap(yy) { 366 } else { 365 };
                (y - 1) * per + i64::from(day_of_year(yy, m, d)) * (per / days)
            }
        }
    }

    /// The period that follows, in the same unit.
    pub fn next(&self) -> Period {
        match *self {
            Period::Year(y) => Period::Year(y + 1),
            Period::Quarter(y, 4) => Period::Quarter(y + 1, 1),
            Period::Quarter(y, q) => Period::Quarter(y, q + 1),
            Period::Month(y, 12) => Period::Month(y + 1, 1),
            Period::Month(y, m) => Period::Month(y, m + 1),
            Period::Day(y, m, d) if d < days_in_month(y, m) => Period::Day(y, m, d + 1),
            Period::Day(y, 12, _) => Period::Day(y + 1, 1, 1),
            Period::Day(y, m, _) => Period::Day(y, m + 1, 1),
        }
    }

    /// The first period of unit `g` that ends at or after `position` (years).
    pub fn first_ending_at_or_after(position: Decimal, g: Granularity) -> Option<Period> {
        let whole = position.ceil();
        let year_of = |pos: Decimal| pos.floor().to_i32();
        let p = match g {
            Granularity::Year => Period::Year(year_of(whole)?),
            Granularity::Quarter | Granularity::Month => {
                let per = if g == Granularity::Quarter { 4 } else { 12 };
                let steps = (position * Decimal::from(per)).ceil();
                let y = year_of((steps - Decimal::ONE) / Decimal::from(per))? + 1;
                let k = steps - Decimal::from(i64::from(y - 1) * per);
                let k = k.to_u8()?;
                if g == Granularity::Quarter {
                    Period::Quarter(y, k)
                } else {
                    Period::Month(y, k)
                }
            }
            Granularity::Day => {
                // Walk months, then days: positions of days are not evenly spaced.
                let mut p = Period::first_ending_at_or_after(position, Granularity::Month)?;
                let (y, m, _) = p.end();
                p = Period::Day(y, m, 1);
                while p.position() < position {
                    p = p.next();
                }
                p
            }
        };
        Some(p)
    }

    /// Parse the forms of `docs/plan-format.md#periods`; `2023年` is accepted too.
    pub fn parse(text: &str) -> Result<Period, PeriodError> {
        let err = || PeriodError(text.to_string());
        let t = text.trim();
        let t = t.strip_suffix('年').unwrap_or(t);
        let num = |s: &str, len: usize| -> Option<u32> {
            (s.len() == len && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
        };
        // A year is four ASCII digits; checking the boundary first keeps a
        // multi-byte character in the first four bytes from panicking.
        if !t.is_char_boundary(t.len().min(4)) {
            return Err(err());
        }
        let (ys, rest) = t.split_at(t.len().min(4));
        let y = num(ys, 4).ok_or_else(err)? as i32;
        if rest.is_empty() {
            return Ok(Period::Year(y));
        }
        let rest = rest.strip_prefix('-').unwrap_or(rest);
        if let Some(q) = rest.strip_prefix(['Q', 'q']) {
            let q = num(q, 1).filter(|q| (1..=4).contains(q)).ok_or_else(err)?;
            return Ok(Period::Quarter(y, q as u8));
        }
        let mut parts = rest.split('-');
        let m = parts
            .next()
            .and_then(|m| num(m, 2))
            .filter(|m| (1..=12).contains(m))
            .ok_or_else(err)? as u8;
        match (parts.next(), parts.next()) {
            (None, _) => Ok(Period::Month(y, m)),
            (Some(d), None) => {
                let d = num(d, 2)
                    .filter(|&d| d >= 1 && d <= u32::from(days_in_month(y, m)))
                    .ok_or_else(err)?;
                Ok(Period::Day(y, m, d as u8))
            }
            _ => Err(err()),
        }
    }
}

impl Ord for Period {
    fn cmp(&self, other: &Period) -> Ordering {
        if let (Period::Year(a), Period::Year(b)) = (self, other) {
            return a.cmp(b); // the same as below, without the calendar
        }
        self.end()
            .cmp(&other.end())
            .then(self.granularity().cmp(&other.granularity()).reverse())
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Period) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl FromStr for Period {
    type Err = PeriodError;
    fn from_str(s: &str) -> Result<Period, PeriodError> {
        Period::parse(s)
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Period::Year(y) => write!(f, "{y}"),
            Period::Quarter(y, q) => write!(f, "{y}-Q{q}"),
            Period::Month(y, m) => write!(f, "{y}-{m:02}"),
            Period::Day(y, m, d) => write!(f, "{y}-{m:02}-{d:02}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Period {
        s.parse().unwrap()
    }

    #[test]
    fn parses_every_form() {
        assert_eq!(p("2023"), Period::Year(2023));
        assert_eq!(p("2023年"), Period::Year(2023));
        assert_eq!(p("2023-Q2"), Period::Quarter(2023, 2));
        assert_eq!(p("2023q4"), Period::Quarter(2023, 4));
        assert_eq!(p("2023-06"), Period::Month(2023, 6));
        assert_eq!(p("2024-02-29"), Period::Day(2024, 2, 29));
        for bad in [
            "",
            "23",
            "2023-Q5",
            "2023-13",
            "2023-02-30",
            "2023-06-30-1",
            "abcd",
            "2023-1",
        ] {
            assert!(Period::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn displays_as_written() {
        for s in ["2023", "2023-Q2", "2023-06", "2023-06-30"] {
            assert_eq!(p(s).to_string(), s);
        }
    }

    #[test]
    fn orders_by_end() {
        assert!(p("2023-Q2") < p("2023"));
        assert!(p("2022") < p("2023-01"));
        // Same end date: the coarser period, which covers the finer ones,
        // counts as later, so an annual figure wins over December's.
        assert!(p("2023-12-31") < p("2023-12"));
        assert!(p("2023-12") < p("2023-Q4"));
        assert!(p("2023-Q4") < p("2023"));
    }

    #[test]
    fn rejects_non_ascii_without_panicking() {
        for bad in ["二〇二三", "20２3", "2é23", "年"] {
            assert!(Period::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn ticks_agree_with_positions_and_are_exact() {
        for s in [
            "2023",
            "2023-Q2",
            "2023-06",
            "2023-12-31",
            "2024-02-29",
            "2023-07-01",
        ] {
            let t = Decimal::from(p(s).ticks()) / Decimal::from(TICKS_PER_YEAR);
            assert!((t - p(s).position()).abs() < Decimal::new(1, 20), "{s}");
        }
        assert_eq!(p("2024-Q1").ticks() - p("2023").ticks(), TICKS_PER_YEAR / 4);
        assert_eq!(
            p("2024-01").ticks() - p("2023-12").ticks(),
            TICKS_PER_YEAR / 12
        );
    }

    #[test]
    fn last_ending_with_cuts_sorted_periods_at_end_dates() {
        let all = [
            "2023-Q4",
            "2023-12",
            "2023-12-31",
            "2023",
            "2023-Q2",
            "2023-06-30",
            "2024-01",
        ];
        for x in [
            "2023-12-31",
            "2023-Q4",
            "2023-06",
            "2023-06-30",
            "2023-06-29",
            "2023",
        ] {
            let cut = p(x).last_ending_with();
            for q in all {
                assert_eq!(p(q) <= cut, p(q).ends_by(p(x)), "{q} by {x}");
            }
        }
    }

    #[test]
    fn ends_by_compares_end_dates() {
        assert!(p("2023").ends_by(p("2023-12-31")));
        assert!(p("2023").ends_by(p("2023-Q4")));
        assert!(p("2023-Q4").ends_by(p("2023")));
        assert!(!p("2023").ends_by(p("2023-12-30")));
        assert!(p("2023-Q2").ends_by(p("2023-06")));
    }

    #[test]
    fn positions_in_years() {
        assert_eq!(p("2023").position(), Decimal::from(2023));
        assert_eq!(p("2023-Q2").position(), Decimal::new(20225, 1));
        assert_eq!(p("2023-12-31").position(), Decimal::from(2023));
        let tp = (p("2023").position() - p("2020").position())
            / (p("2025").position() - p("2020").position());
        assert_eq!(tp, Decimal::new(6, 1));
    }

    #[test]
    fn steps_and_finds_first_period() {
        assert_eq!(p("2023-Q4").next(), p("2024-Q1"));
        assert_eq!(p("2023-12").next(), p("2024-01"));
        assert_eq!(p("2023-12-31").next(), p("2024-01-01"));
        let g = |pos: &str, g| Period::first_ending_at_or_after(pos.parse().unwrap(), g).unwrap();
        assert_eq!(g("2023.2", Granularity::Year), p("2024"));
        assert_eq!(g("2023", Granularity::Year), p("2023"));
        assert_eq!(g("2023.2", Granularity::Quarter), p("2024-Q1"));
        assert_eq!(g("2022.5", Granularity::Quarter), p("2023-Q2"));
        assert_eq!(g("2022.51", Granularity::Month), p("2023-07"));
        assert_eq!(g("2022.5", Granularity::Day), p("2023-07-02"));
    }
}
