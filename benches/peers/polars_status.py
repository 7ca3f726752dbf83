#!/usr/bin/env python3
"""The per-series status of `track status --format csv` (method `time`, year periods),
written with Polars' lazy API: a peer for benches/peers.sh, computing exactly what
duckdb_status.py computes (see there for the rules).

Usage: polars_status.py DATA.csv PLAN.toml OUT.csv [--as-of YEAR]
"""
import polars as pl

from common import arguments, print_counts, read_plan

KEY = ["indicator", "region"]


def meets(value, up, goal):
    return pl.when(up).then(value >= goal).otherwise(value <= goal)


def assess(data, plan, as_of):
    year, value = pl.col("year"), pl.col("value")

    def year_if(condition):
        # The year where the condition holds, else null: min, min_by and max_by skip
        # nulls, so one pass over a group answers each question without a filter.
        return pl.when(condition).then(year)

    since_baseline = year_if(year >= pl.col("baseline_year"))
    obs = (
        pl.scan_csv(data, schema={"indicator": pl.String, "region": pl.String,
                                  "year": pl.Int32, "value": pl.Float64})
        .filter(value.is_not_null() & (year <= as_of))
        .join(plan.select("indicator", "baseline_year", "target_year"), on="indicator")
        # The latest year of each series, to find the one before it in the group-by.
        .with_columns(latest=year.max().over(KEY))
    )
    series = obs.group_by(KEY).agg(
        baseline_period=since_baseline.min(),
        baseline=value.min_by(since_baseline),
        period=year.max(),
        value=value.max_by(year),
        previous=value.max_by(year_if(year < pl.col("latest"))),
        at_deadline=value.max_by(year_if(year <= pl.col("target_year"))),
    )
    up, goal, b, a = pl.col("up"), pl.col("target"), pl.col("baseline"), pl.col("value")
    t0, t, tt = pl.col("baseline_period"), pl.col("period"), pl.col("target_year")
    ratio = pl.col("ratio")
    return (
        series.join(plan, on="indicator")
        .with_columns(
            met=meets(a, up, goal),
            met_at_baseline=meets(b, up, goal),
            met_at_deadline=meets(pl.col("at_deadline"), up, goal),
            completion=pl.when(goal != b).then((a - b) / (goal - b)),
            time_progress=pl.when(t0 < tt).then((t - t0).cast(pl.Float64) / (tt - t0)),
            yoy=a - pl.col("previous"),
            cagr=pl.when((b > 0) & (a >= 0) & (t > t0))
                 .then((a / b).pow(1.0 / (t - t0)) - 1),
        )
        .with_columns(
            gap=pl.when(pl.col("met")).then(0.0).when(up).then(goal - a).otherwise(a - goal),
            ratio=pl.when(pl.col("time_progress") > 0)
                    .then(pl.col("completion") / pl.col("time_progress")),
        )
        .with_columns(
            status=pl.when(pl.col("met")).then(pl.lit("achieved"))
            .when((as_of >= tt) & pl.col("met_at_deadline").not_()).then(pl.lit("missed"))
            .when(b.is_null() | (t == t0)).then(pl.lit("no-data"))
            .when(pl.col("met_at_baseline")).then(pl.lit("regressing"))
            .when(ratio >= 1.10 - 1e-9).then(pl.lit("ahead"))
            .when(ratio >= 0.95 - 1e-9).then(pl.lit("on-track"))
            .when(ratio >= 0.60 - 1e-9).then(pl.lit("at-risk"))
            .when(ratio >= 0).then(pl.lit("off-track"))
            .when(ratio < 0).then(pl.lit("regressing"))
            .otherwise(pl.lit("no-data"))
        )
        .select(*KEY, "baseline_period", "baseline", "period", "value", "previous", "target",
                "gap", "completion", "time_progress", "ratio", "yoy", "cagr", "status")
        .sort(KEY)
    )


def main():
    args = arguments(__doc__)
    plan = pl.LazyFrame(read_plan(args.plan), orient="row", schema={
        "indicator": pl.String, "baseline_year": pl.Int32, "target_year": pl.Int32,
        "up": pl.Boolean, "target": pl.Float64})
    result = assess(args.data, plan, args.as_of).collect()
    result.write_csv(args.out)
    print_counts(result.group_by("status").len().rows())


if __name__ == "__main__":
    main()
