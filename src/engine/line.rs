//! The least-squares line through a series' points since the baseline,
//! for the projection and the period it meets the target (`docs/methods.md#figures`).
//!
//! Kept exact: time is counted in whole steps of the points' common
//! spacing (from [`Period::ticks`], so months and days are exact too), the
//! sums are exact decimals, and a value on the line is one division of
//! exact terms. A line that meets a target level exactly at a period (data
//! on a straight path, common with one-decimal data) is seen to meet it
//! there, which a line through a rounded mean and slope may miss. Where
//! those terms do not fit a decimal (large values over many finely spaced
//! points), values go through the slope, rounded to 28 digits.
//!
//! With `X` the steps since the first point, `n` points, `S = ΣX`,
//! `D = nΣX² − S²`, `Sy = Σy` and `N = nΣXy − S·Sy`, the line is
//! `y(X) = (Sy·D + N·(nX − S)) / (nD)`.

use std::cell::RefCell;

use rust_decimal::Decimal;

use crate::period::{Period, TICKS_PER_YEAR};

/// What a fit needs of the points' periods alone.
struct XTerms {
    periods: Vec<Period>,
    /// Ticks of the first point, and of one step.
    origin: i64,
    step: i64,
    /// Steps of each point since the first.
    x: Vec<Decimal>,
    /// `n`, `ΣX`, `D`; `None` when `D` does not fit a decimal or is 0
    /// (all points at one time: no line).
    n: Decimal,
    s: Decimal,
    d: Option<Decimal>,
}

thread_local! {
    /// The x terms of the last line fitted on this thread: the series of an
    /// indicator mostly share their periods.
    static X_TERMS: RefCell<XTerms> = const { RefCell::new(XTerms::empty()) };
}

impl XTerms {
    const fn empty() -> XTerms {
        XTerms {
            periods: Vec::new(),
            origin: 0,
            step: 1,
            x: Vec::new(),
            n: Decimal::ZERO,
            s: Decimal::ZERO,
            d: None,
        }
    }

    /// The terms of `points` (two or more), in this one's buffers.
    fn refill(&mut self, points: &[(Period, Decimal)]) {
        let origin = points[0].0.ticks();
        let step = (points.iter())
            .fold(0, |g, (p, _)| gcd(g, p.ticks() - origin))
            .max(1);
        let (mut s, mut sxx) = (0i128, Some(0i128));
        self.x.clear();
        for (p, _) in points {
            let x = (p.ticks() - origin) / step;
            s += i128::from(x);
            sxx = sxx.and_then(|q| q.checked_add(i128::from(x) * i128::from(x)));
            self.x.push(Decimal::from(x));
        }
        let n = points.len() as i128;
        let decimal = |v: i128| Decimal::try_from_i128_with_scale(v, 0).ok();
        let s_dec = decimal(s);
        self.d = sxx
            .and_then(|q| n.checked_mul(q)?.checked_sub(s.checked_mul(s)?))
            .filter(|&d| d > 0 && s_dec.is_some())
            .and_then(decimal);
        self.s = s_dec.unwrap_or_default();
        self.n = Decimal::from(points.len());
        self.origin = origin;
        self.step = step;
        self.periods.clear();
        self.periods.extend(points.iter().map(|(p, _)| *p));
    }

    fn fits(&self, points: &[(Period, Decimal)]) -> bool {
        self.periods.len() == points.len()
            && self.periods.iter().zip(points).all(|(a, (b, _))| a == b)
    }
}

fn gcd(a: i64, b: i64) -> i64 {
    let (mut a, mut b) = (a.abs(), b.abs());
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// A least-squares line, as the terms of the module's formula.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    origin: i64,
    step: i64,
    n: Decimal,
    s: Decimal,
    /// `Sy`, `N` and `D`.
    sy: Decimal,
    b: Decimal,
    d: Decimal,
    /// `Sy·D` and `nD`, where they fit a decimal.
    a: Option<Decimal>,
    den: Option<Decimal>,
}

impl Line {
    /// The line through `points` (at least two, at two times or more).
    pub fn fit(points: &[(Period, Decimal)]) -> Option<Line> {
        if points.len() < 2 {
            return None;
        }
        X_TERMS.with_borrow_mut(|x| {
            if !x.fits(points) {
                x.refill(points);
            }
            let d = x.d?;
            let (mut sy, mut sxy) = (Decimal::ZERO, Decimal::ZERO);
            for ((_, y), xi) in points.iter().zip(&x.x) {
                sy = sy.checked_add(*y)?;
                sxy = sxy.checked_add(xi.checked_mul(*y)?)?;
            }
            Some(Line {
                origin: x.origin,
                step: x.step,
                n: x.n,
                s: x.s,
                sy,
                b: x.n.checked_mul(sxy)?.checked_sub(x.s.checked_mul(sy)?)?,
                d,
                a: sy.checked_mul(d),
                den: x.n.checked_mul(d),
            })
        })
    }

    /// Steps since the first point at the end of `p` (exact unless `p`
    /// falls between steps, a finer period than the points').
    fn steps(&self, p: Period) -> Option<Decimal> {
        let t = p.ticks() - self.origin;
        if t % self.step == 0 {
            Some(Decimal::from(t / self.step))
        } else {
            Decimal::from(t).checked_div(Decimal::from(self.step))
        }
    }

    /// The line's value at the end of `p`: `(Sy·D + N·dx) / (nD)` with
    /// `dx = nX − S`, one division. Where those products do not fit a
    /// decimal (large values over many finely spaced points: days across
    /// years of 365 and 366 days step by 12 ticks), the same line through
    /// its slope `N/D`, rounded to 28 digits.
    pub fn at(&self, p: Period) -> Option<Decimal> {
        let dx = self.n.checked_mul(self.steps(p)?)?.checked_sub(self.s)?;
        let exact = || {
            self.a?
                .checked_add(self.b.checked_mul(dx)?)?
                .checked_div(self.den?)
        };
        let rounded = || {
            self.sy
                .checked_add(self.b.checked_div(self.d)?.checked_mul(dx)?)?
                .checked_div(self.n)
        };
        exact().or_else(rounded)
    }

    /// Whether the line rises (`Some(false)`: falls; `None`: flat).
    pub fn rises(&self) -> Option<bool> {
        (!self.b.is_zero()).then(|| self.b > Decimal::ZERO)
    }

    /// About where the line reaches `level`, in years (a position as
    /// [`Period::position`] gives; callers check the periods near it with
    /// [`Line::at`]); `None` for a flat line.
    pub fn solve(&self, level: Decimal) -> Option<Decimal> {
        if self.b.is_zero() {
            return None;
        }
        // n·level = Sy + (N/D)·(nX − S), so X = ((n·level − Sy)·D + S·N) / (nN),
        // at (origin + X·step) / ticks a year: one division where the terms
        // fit a decimal, else three.
        let short = level.checked_mul(self.n)?.checked_sub(self.sy)?;
        let (step, origin) = (Decimal::from(self.step), Decimal::from(self.origin));
        let per_year = Decimal::from(TICKS_PER_YEAR);
        let exact = || {
            let nb = self.n.checked_mul(self.b)?;
            short
                .checked_mul(self.d)?
                .checked_add(self.s.checked_mul(self.b)?)?
                .checked_mul(step)?
                .checked_add(origin.checked_mul(nb)?)?
                .checked_div(nb.checked_mul(per_year)?)
        };
        let rounded = || {
            let dx = short.checked_div(self.b.checked_div(self.d)?)?;
            let x = dx.checked_add(self.s)?.checked_div(self.n)?;
            x.checked_mul(step)?
                .checked_add(origin)?
                .checked_div(per_year)
        };
        exact().or_else(rounded)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    fn years(values: &[(i32, Decimal)]) -> Vec<(Period, Decimal)> {
        values.iter().map(|&(y, v)| (Period::Year(y), v)).collect()
    }

    #[test]
    fn a_straight_path_is_met_exactly() {
        // 32.2, 32.1, 30.9 at 2020, 2021, 2023: the line is 20 at 2047 exactly.
        let pts = years(&[
            (2020, dec("32.2")),
            (2021, dec("32.1")),
            (2023, dec("30.9")),
        ]);
        let line = Line::fit(&pts).unwrap();
        assert_eq!(line.at(Period::Year(2047)), Some(dec("20")));
        assert_eq!(line.rises(), Some(false));
        assert_eq!(line.solve(dec("20")), Some(dec("2047")));
        let p2025 = line.at(Period::Year(2025)).unwrap();
        assert_eq!(p2025.round_dp(12), dec("30.057142857143"));
    }

    #[test]
    fn quarters_and_months_are_exact_steps() {
        let pts = vec![
            (Period::Quarter(2023, 1), dec("10")),
            (Period::Quarter(2023, 2), dec("11")),
            (Period::Quarter(2023, 4), dec("13")),
        ];
        let line = Line::fit(&pts).unwrap();
        assert_eq!(line.at(Period::Quarter(2024, 2)), Some(dec("15")));
        assert_eq!(line.at(Period::Year(2024)), Some(dec("17")));
        let months = vec![
            (Period::Month(2023, 1), dec("1")),
            (Period::Month(2023, 2), dec("2")),
        ];
        let line = Line::fit(&months).unwrap();
        assert_eq!(line.at(Period::Month(2023, 12)), Some(dec("12")));
        // Halfway between two month ends.
        assert_eq!(line.solve(dec("1.5")).map(|x| x.round_dp(6)), {
            let a = Period::Month(2023, 1).position();
            let b = Period::Month(2023, 2).position();
            Some(((a + b) / dec("2")).round_dp(6))
        });
    }

    #[test]
    fn large_values_keep_their_line() {
        // Monthly 2020-01 … 2025-12 around 1e14: exact terms overflow, the
        // line through its slope does not.
        let mut p = Period::Month(2020, 1);
        let mut pts = Vec::new();
        for k in 0..72i64 {
            pts.push((
                p,
                Decimal::from(100_000_000_000_000 + 1_000_000_000_000 * k),
            ));
            p = p.next();
        }
        let line = Line::fit(&pts).unwrap();
        assert_eq!(
            line.at(Period::Year(2030)),
            Some(Decimal::from(231_000_000_000_000i64))
        );
        let x = line.solve(Decimal::from(200_000_000_000_000i64)).unwrap();
        assert_eq!(x.round_dp(9), Period::Month(2028, 5).position().round_dp(9));
    }

    #[test]
    fn no_line_through_one_time() {
        assert_eq!(Line::fit(&years(&[(2020, dec("1"))])), None);
        let same = vec![
            (Period::Year(2023), dec("1")),
            (Period::Day(2023, 12, 31), dec("2")),
        ];
        assert_eq!(Line::fit(&same), None);
        let flat = Line::fit(&years(&[(2020, dec("5")), (2021, dec("5"))])).unwrap();
        assert_eq!(flat.rises(), None);
        assert_eq!(flat.solve(dec("6")), None);
        assert_eq!(flat.at(Period::Year(2030)), Some(dec("5")));
    }
}
