//! Method `cagr` (`docs/methods.md#method-cagr`): Statistics Canada's progress measure as the
//! Open SDG platform computes it — observed against required compound
//! growth, graded at 0.95 / 0.60 / 0 — its no-target grading with the
//! `limit` factor `C`, and the score in [−5, 5] that rolls series up.
//!
//! The constants are the platform's, exactly as `docs/methods.md#method-cagr` gives them, so
//! that `track` and a national SDG site give the same answer. Growth rates
//! are binary floats (they come from `powf`); the inputs are exact decimals.
//! Invariants (docs/methods.md#cagr): only a zero baseline or target is
//! replaced by 0.001, never the latest value; a ratio within 1e-9
//! (relative) of a threshold is graded as at it, so that float error never
//! grades an exact hit down; a baseline and latest value of opposite signs
//! have no ratio.

use crate::engine::Status;
use crate::plan::Direction;

/// What replaces a zero baseline or target, so that growth is defined.
pub const ZERO_REPLACEMENT: f64 = 0.001;

/// How close (relative) a float ratio must be to a threshold to count as
/// reaching it: `powf` loses the last bits of an exact hit (1.1^10 from
/// 259.37424601/100 gives R = 0.9499999999999998 for an exact 0.95).
pub const THRESHOLD_TOLERANCE: f64 = 1e-9;

/// One series' inputs: baseline `b` at year position `t0`, latest `y` at
/// `t`, and the target `T` due at `t_target` if it has a numeric one.
#[derive(Debug, Clone, Copy)]
pub struct Inputs {
    pub b: f64,
    pub y: f64,
    pub t0: f64,
    pub t: f64,
    pub target: Option<(f64, f64)>,
    pub direction: Direction,
    pub limit: Option<f64>,
}

/// The measure of progress and what it was computed from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progress {
    /// `R` with a target, `P` without.
    pub ratio: f64,
    pub has_target: bool,
    /// The `limit` factor `C` (1 without a limit).
    pub limit_factor: f64,
    /// A zero baseline or target was replaced by 0.001 (never the latest
    /// value: a fall to 0 is a fall of 100%, as Open SDG computes it).
    pub replaced_zero: bool,
}

/// Why a series cannot be measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unmeasurable {
    /// Fewer than two periods.
    OnePeriod,
    /// Baseline and latest value on either side of zero (a latest value
    /// of 0 is on either side).
    OppositeSigns,
}

fn nonzero(x: f64, replaced: &mut bool) -> f64 {
    if x == 0.0 {
        *replaced = true;
        ZERO_REPLACEMENT
    } else {
        x
    }
}

/// `C` of `docs/methods.md#limit-factor`, with `x = |b|`, `L = |limit|`.
pub fn limit_factor(b: f64, limit: f64) -> f64 {
    let (x, l) = (b.abs(), limit.abs());
    if l == 0.0 || x >= 2.0 * l {
        1.0
    } else if x <= l {
        1.0 - (x / l).powf(4.44)
    } else {
        1.0 - ((2.0 * l - x) / l).powf(4.44)
    }
}

/// `R = s·d·CAGR_obs / |CAGR_req|`, or `P = s·d·CAGR_obs` without a target.
pub fn progress(i: &Inputs) -> Result<Progress, Unmeasurable> {
    if i.t <= i.t0 {
        return Err(Unmeasurable::OnePeriod);
    }
    let mut replaced = false;
    let b = nonzero(i.b, &mut replaced);
    let y = i.y;
    if (b < 0.0 && y > 0.0) || (b > 0.0 && y < 0.0) {
        return Err(Unmeasurable::OppositeSigns);
    }
    let s = if b < 0.0 { -1.0 } else { 1.0 };
    let d = if i.direction == Direction::Up {
        1.0
    } else {
        -1.0
    };
    let observed = (y / b).powf(1.0 / (i.t - i.t0)) - 1.0;
    let limit_factor = i.limit.map_or(1.0, |l| limit_factor(i.b, l));
    match i.target {
        Some((target, t_target)) => {
            let target = nonzero(target, &mut replaced);
            let required = (target / b).powf(1.0 / (t_target - i.t0)) - 1.0;
            Ok(Progress {
                ratio: s * d * observed / required.abs(),
                has_target: true,
                limit_factor,
                replaced_zero: replaced,
            })
        }
        None => Ok(Progress {
            ratio: s * d * observed,
            has_target: false,
            limit_factor,
            replaced_zero: replaced,
        }),
    }
}

/// `r ≥ threshold`, counting a ratio within [`THRESHOLD_TOLERANCE`]
/// (relative) of the threshold as at it.
fn reaches(r: f64, threshold: f64) -> bool {
    r >= threshold || (r - threshold).abs() <= THRESHOLD_TOLERANCE * threshold.abs()
}

/// The lower bounds of `R` for each grade: `ahead` only where the plan
/// sets it (Open SDG has no such grade), then on track, at risk, off track.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    pub ahead: Option<f64>,
    pub on: f64,
    pub risk: f64,
    pub off: f64,
}

/// The grade of a measured series; `th` for `R` (a series without a
/// target is graded on `P` against its own thresholds).
pub fn grade(p: &Progress, th: Thresholds) -> Status {
    let (ahead, on, risk, off) = if p.has_target {
        (th.ahead, th.on, th.risk, th.off)
    } else {
        (None, 0.015 * p.limit_factor, 0.005 * p.limit_factor, 0.0)
    };
    let r = p.ratio;
    // At its natural limit (C = 0) and not falling back: on track.
    let at_limit = !p.has_target && p.limit_factor == 0.0 && r >= 0.0;
    if ahead.is_some_and(|a| reaches(r, a)) {
        Status::Ahead
    } else if at_limit || reaches(r, on) {
        Status::OnTrack
    } else if reaches(r, risk) {
        Status::AtRisk
    } else if reaches(r, off) {
        Status::OffTrack
    } else {
        Status::Regressing
    }
}

/// The score in [−5, 5] of a measured series that has not achieved its target.
pub fn score(p: &Progress) -> f64 {
    let r = p.ratio;
    if p.has_target {
        return if r >= 0.6 {
            (7.1429 * r - 4.2857).min(5.0)
        } else {
            (4.1667 * r - 2.5).max(-5.0)
        };
    }
    let c = p.limit_factor;
    if r < 0.0 {
        (125.0 * r - 2.5).max(-5.0)
    } else if c == 0.0 {
        5.0 // at its natural limit and not falling back: as good as it gets
    } else if r < 0.005 * c {
        500.0 * r / c - 2.5
    } else if r < 0.015 * c {
        250.0 * r / c - 1.25
    } else {
        (500.0 * r / c - 5.0).min(5.0)
    }
}

/// The score of an achieved series.
pub const ACHIEVED_SCORE: f64 = 5.0;

/// Roll several series' scores up into one status (`docs/methods.md#scores-and-roll-ups`).
pub fn roll_up(scores: &[f64], all_achieved: bool) -> Option<(f64, Status)> {
    if scores.is_empty() {
        return None;
    }
    let mean = scores.iter().sum::<f64>() / scores.len() as f64;
    let status = if all_achieved {
        Status::Achieved
    } else if mean >= 2.5 {
        Status::OnTrack
    } else if mean >= 0.0 {
        Status::AtRisk
    } else if mean >= -2.5 {
        Status::OffTrack
    } else {
        Status::Regressing
    };
    Some((mean, status))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEFAULT: Thresholds = Thresholds {
        ahead: None,
        on: 0.95,
        risk: 0.60,
        off: 0.0,
    };

    fn with_target(
        b: f64,
        y: f64,
        t0: f64,
        t: f64,
        target: f64,
        tt: f64,
        d: Direction,
    ) -> Progress {
        progress(&Inputs {
            b,
            y,
            t0,
            t,
            target: Some((target, tt)),
            direction: d,
            limit: None,
        })
        .unwrap()
    }

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    #[test]
    fn down_indicator_on_track_as_open_sdg() {
        let p = with_target(14.5, 10.2, 2015.0, 2023.0, 7.25, 2030.0, Direction::Down);
        assert!(close(p.ratio, 0.952590, 1e-6), "{}", p.ratio);
        assert!(close(score(&p), 2.518556, 1e-6), "{}", score(&p));
        assert_eq!(grade(&p, DEFAULT), Status::OnTrack);
    }

    #[test]
    fn no_target_with_limit_is_at_risk() {
        let i = Inputs {
            b: 74.8,
            y: 78.3,
            t0: 2016.0,
            t: 2024.0,
            target: None,
            direction: Direction::Up,
            limit: Some(100.0),
        };
        let p = progress(&i).unwrap();
        assert!(close(p.limit_factor, 0.724499, 1e-6), "{}", p.limit_factor);
        assert!(close(p.ratio, 0.005733, 1e-6), "{}", p.ratio);
        assert!(close(score(&p), 0.728120, 1e-6), "{}", score(&p));
        assert_eq!(grade(&p, DEFAULT), Status::AtRisk);
    }

    #[test]
    fn moving_away_is_regressing_with_floor_score() {
        let p = with_target(10.0, 30.0, 2015.0, 2016.0, 1.0, 2030.0, Direction::Down);
        assert!(close(p.ratio, -14.0544, 1e-4), "{}", p.ratio);
        assert_eq!(score(&p), -5.0);
        assert_eq!(grade(&p, DEFAULT), Status::Regressing);
    }

    #[test]
    fn fast_growth_scores_the_ceiling() {
        let p = with_target(5.0, 6.0, 2015.0, 2016.0, 9.0, 2030.0, Direction::Up);
        assert!(close(p.ratio, 5.0045, 1e-4), "{}", p.ratio);
        assert_eq!(score(&p), 5.0);
        assert_eq!(grade(&p, DEFAULT), Status::OnTrack);
    }

    #[test]
    fn zero_target_and_base_are_replaced() {
        let p = with_target(10.0, 5.0, 2020.0, 2022.0, 0.0, 2030.0, Direction::Down);
        assert!(p.replaced_zero);
        assert!(p.ratio > 0.0);
        let p = with_target(0.0, 5.0, 2020.0, 2022.0, 10.0, 2030.0, Direction::Up);
        assert!(p.replaced_zero);
    }

    fn trend(b: f64, y: f64, t0: f64, t: f64, d: Direction) -> Progress {
        progress(&Inputs {
            b,
            y,
            t0,
            t,
            target: None,
            direction: d,
            limit: None,
        })
        .unwrap()
    }

    #[test]
    fn a_latest_value_of_zero_is_not_replaced_open_sdg() {
        // Down, target 0 by 2030, 50 → 0 over 2015–2020: Open SDG's R.
        let p = with_target(50.0, 0.0, 2015.0, 2020.0, 0.0, 2030.0, Direction::Down);
        assert!(close(p.ratio, 1.9459, 1e-4), "{}", p.ratio);
        assert!(p.replaced_zero, "the target of 0 is replaced");
        // Up, no target, 10 → 0 over five years: a fall of 100%.
        let p = trend(10.0, 0.0, 2015.0, 2020.0, Direction::Up);
        assert!(close(p.ratio, -1.0, 1e-12), "{}", p.ratio);
        assert!(!p.replaced_zero);
        assert_eq!(grade(&p, DEFAULT), Status::Regressing);
    }

    #[test]
    fn an_exact_hit_of_a_threshold_grades_up_despite_float_error() {
        // 100 (2020) → 109.5 (2021) toward 259.37424601 = 100 × 1.1^10 by
        // 2030: R = 0.095 / 0.1 = 0.95 exactly, which powf misses by a bit.
        let p = with_target(
            100.0,
            109.5,
            2020.0,
            2021.0,
            259.37424601,
            2030.0,
            Direction::Up,
        );
        assert!(close(p.ratio, 0.95, 1e-9), "{}", p.ratio);
        assert_eq!(grade(&p, DEFAULT), Status::OnTrack);
        // P exactly 1.5%: 200 → 203 in one year.
        let p = trend(200.0, 203.0, 2020.0, 2021.0, Direction::Up);
        assert!(p.ratio < 0.015, "the float falls short: {}", p.ratio);
        assert_eq!(grade(&p, DEFAULT), Status::OnTrack);
        // Well short of a threshold is still below it.
        let p = trend(200.0, 202.9, 2020.0, 2021.0, Direction::Up);
        assert_eq!(grade(&p, DEFAULT), Status::AtRisk);
    }

    #[test]
    fn a_zero_latest_value_is_compatible_with_either_sign() {
        // −10 → 0, up: rising to 0 is a 100% change toward the target side.
        let p = trend(-10.0, 0.0, 2020.0, 2021.0, Direction::Up);
        assert!(close(p.ratio, 1.0, 1e-12), "{}", p.ratio);
        // A zero baseline (0.001) and a negative latest value cannot be assessed.
        let i = Inputs {
            b: 0.0,
            y: -1.0,
            t0: 2020.0,
            t: 2021.0,
            target: None,
            direction: Direction::Up,
            limit: None,
        };
        assert_eq!(progress(&i), Err(Unmeasurable::OppositeSigns));
    }

    #[test]
    fn one_period_and_opposite_signs_cannot_be_measured() {
        let one = Inputs {
            b: 5.0,
            y: 5.0,
            t0: 2020.0,
            t: 2020.0,
            target: Some((9.0, 2030.0)),
            direction: Direction::Up,
            limit: None,
        };
        assert_eq!(progress(&one), Err(Unmeasurable::OnePeriod));
        let opposite = Inputs {
            y: -1.0,
            t: 2021.0,
            ..one
        };
        assert_eq!(progress(&opposite), Err(Unmeasurable::OppositeSigns));
    }

    #[test]
    fn negative_series_flip_the_sign() {
        // −10 → −5 is an improvement for an up indicator aiming at −1.
        let p = with_target(-10.0, -5.0, 2020.0, 2022.0, -1.0, 2030.0, Direction::Up);
        assert!(p.ratio > 0.0, "{}", p.ratio);
    }

    #[test]
    fn base_at_the_limit_is_on_track_while_not_falling() {
        let at = Inputs {
            b: 100.0,
            y: 100.0,
            t0: 2020.0,
            t: 2022.0,
            target: None,
            direction: Direction::Up,
            limit: Some(100.0),
        };
        let p = progress(&at).unwrap();
        assert_eq!(p.limit_factor, 0.0);
        assert_eq!(grade(&p, DEFAULT), Status::OnTrack);
        let falling = progress(&Inputs { y: 99.0, ..at }).unwrap();
        assert_eq!(grade(&falling, DEFAULT), Status::Regressing);
    }

    #[test]
    fn base_equal_to_target_has_no_required_growth() {
        let p = with_target(90.0, 91.0, 2020.0, 2022.0, 90.0, 2025.0, Direction::Up);
        assert_eq!(p.ratio, f64::INFINITY);
        assert_eq!(score(&p), 5.0);
    }

    #[test]
    fn roll_up_grades_the_mean_score() {
        assert_eq!(roll_up(&[5.0, 1.0], false), Some((3.0, Status::OnTrack)));
        assert_eq!(roll_up(&[5.0, -5.0], false), Some((0.0, Status::AtRisk)));
        assert_eq!(
            roll_up(&[-1.0, -2.0], false),
            Some((-1.5, Status::OffTrack))
        );
        assert_eq!(
            roll_up(&[-5.0, -2.0], false),
            Some((-3.5, Status::Regressing))
        );
        assert_eq!(roll_up(&[5.0, 5.0], true), Some((5.0, Status::Achieved)));
        assert_eq!(roll_up(&[], true), None);
    }
}
