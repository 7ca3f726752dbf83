#!/usr/bin/env python3
"""The per-series status of `track status --format csv` (method `time`, year periods),
written in DuckDB SQL: a peer for benches/peers.sh.

Usage: duckdb_status.py DATA.csv PLAN.toml OUT.csv [--as-of YEAR]

Per series (indicator, region), with the observations at or before the as-of year A:
the latest value a at year t, the one before it (previous), the baseline b at the
plan's baseline year (or the first later year with a value, which becomes t0), and
the value at the deadline tT; then gap, completion, time progress, R, yoy, CAGR and
the status (docs/methods.md#status): achieved, missed, no-data, regressing (the
baseline met the target and a does not), then by R: ahead >= 1.10, on-track >= 0.95,
at-risk >= 0.60, off-track >= 0, regressing < 0. The thresholds allow 1e-9 because R
is a double here and exact decimals in `track`: R = 0.6 exactly in decimals can be
0.5999999999999991 as a double. Standard output: `status,count` lines.
"""
import duckdb

from common import arguments, print_counts, read_plan

QUERY = """
CREATE TABLE result AS
WITH obs AS (
    SELECT d.indicator, d.region, d.year, d.value, p.baseline_year, p.target_year
    FROM read_csv($data, header = true, columns = {
        'indicator': 'VARCHAR', 'region': 'VARCHAR', 'year': 'INTEGER', 'value': 'DOUBLE'}) d
    JOIN plan p ON p.indicator = d.indicator
    WHERE d.value IS NOT NULL AND d.year <= $as_of
),
series AS (
    SELECT indicator, region,
        min(year) FILTER (WHERE year >= baseline_year)            AS t0,
        arg_min(value, year) FILTER (WHERE year >= baseline_year) AS b,
        max(year)                                                 AS t,
        max_by(value, year, 2)                                    AS latest_two,
        arg_max(value, year) FILTER (WHERE year <= target_year)   AS at_deadline
    FROM obs
    GROUP BY indicator, region
),
measured AS (
    SELECT s.indicator, s.region, s.t0, s.b, s.t,
        s.latest_two[1] AS a, s.latest_two[2] AS prev, p.target AS goal, p.target_year AS tt,
        CASE WHEN p.up THEN a >= goal ELSE a <= goal END                       AS met,
        CASE WHEN p.up THEN s.b >= goal ELSE s.b <= goal END                   AS met_at_baseline,
        CASE WHEN p.up THEN s.at_deadline >= goal ELSE s.at_deadline <= goal END AS met_at_deadline,
        CASE WHEN met THEN 0.0 WHEN p.up THEN goal - a ELSE a - goal END       AS gap,
        CASE WHEN goal <> s.b THEN (a - s.b) / (goal - s.b) END                AS completion,
        CASE WHEN s.t0 < tt THEN (s.t - s.t0) / (tt - s.t0)::DOUBLE END        AS time_progress,
        CASE WHEN time_progress > 0 THEN completion / time_progress END        AS ratio,
        CASE WHEN s.b > 0 AND a >= 0 AND s.t > s.t0
             THEN pow(a / s.b, 1.0 / (s.t - s.t0)) - 1 END                     AS cagr
    FROM series s JOIN plan p ON p.indicator = s.indicator
)
SELECT indicator, region, t0 AS baseline_period, b AS baseline, t AS period, a AS value,
    prev AS previous, goal AS target, gap, completion, time_progress, ratio,
    a - prev AS yoy, cagr,
    CASE WHEN met THEN 'achieved'
         WHEN $as_of >= tt AND met_at_deadline = false THEN 'missed'
         WHEN b IS NULL OR t = t0 THEN 'no-data'
         WHEN met_at_baseline THEN 'regressing'
         WHEN ratio >= 1.10 - 1e-9 THEN 'ahead'
         WHEN ratio >= 0.95 - 1e-9 THEN 'on-track'
         WHEN ratio >= 0.60 - 1e-9 THEN 'at-risk'
         WHEN ratio >= 0 THEN 'off-track'   -- 0 needs no allowance: a - b is exact
         WHEN ratio < 0 THEN 'regressing'
         ELSE 'no-data'                     -- no R: the baseline is at or after the deadline
    END AS status
FROM measured
ORDER BY indicator, region
"""


def main():
    args = arguments(__doc__)
    plan = read_plan(args.plan)
    con = duckdb.connect()
    con.execute("CREATE TABLE plan (indicator VARCHAR, baseline_year INTEGER, "
                "target_year INTEGER, up BOOLEAN, target DOUBLE)")
    values = ", ".join(["(?, ?, ?, ?, ?)"] * len(plan))
    con.execute(f"INSERT INTO plan VALUES {values}", [x for row in plan for x in row])
    con.execute(QUERY, {"data": args.data, "as_of": args.as_of})
    con.execute("COPY result TO $out (HEADER)", {"out": args.out})
    print_counts(con.execute("SELECT status, count(*) FROM result GROUP BY status").fetchall())


if __name__ == "__main__":
    main()
