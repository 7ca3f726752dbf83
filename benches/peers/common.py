"""What the two peers share: the command line and the plan.

The peers read the plan that `track` reads (`plan.toml`, see docs/plan-format.md),
with Python's own TOML reader, so that one pair of files feeds all three tools.
They understand the subset the benchmark generator writes (examples/gen.rs): year
periods, a baseline and a deadline (from `[plan]`, or an indicator's own
`baseline_period` / `target_period`), and targets `">= N"`, `"<= N"` or a bare number
with a `direction`. Anything else stops with a message naming the indicator, rather
than being computed differently from `track`.
"""
import argparse
import re
import sys
import tomllib

TARGET = re.compile(r"\s*(>=|<=|≥|≤)?\s*([+-]?(?:\d+\.?\d*|\.\d+))\s*%?\s*$")
# Keys that change what `track` computes and that the peers do not implement.
UNSUPPORTED = ("baseline", "method", "milestones", "tolerance", "limit", "parent")


def arguments(doc):
    ap = argparse.ArgumentParser(description=doc,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", help="actuals: CSV indicator,region,year,value")
    ap.add_argument("plan", help="the plan, plan.toml")
    ap.add_argument("out", help="where to write the per-series status CSV")
    ap.add_argument("--as-of", type=int, default=2023, metavar="YEAR",
                    help="assess as of this year (default 2023)")
    return ap.parse_args()


def fail(path, message):
    sys.exit(f"{path}: {message}")


def read_plan(path):
    """One tuple per indicator: (indicator, baseline_year, target_year, up, target)."""
    try:
        with open(path, "rb") as f:
            doc = tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as e:
        fail(path, f"cannot read the plan: {e}")
    plan = doc.get("plan", {})
    rows = []
    for ind in doc.get("indicator", []):
        name = ind.get("id", "?")
        extra = [k for k in UNSUPPORTED if k in ind]
        if extra:
            fail(path, f"indicator {name}: the peers do not implement {', '.join(extra)}")
        start = ind.get("baseline_period", plan.get("baseline"))
        end = ind.get("target_period", plan.get("target"))
        if not (isinstance(start, int) and isinstance(end, int)):
            fail(path, f"indicator {name}: the peers need year periods for baseline and deadline")
        m = TARGET.match(str(ind.get("target", "")))
        if not m:
            fail(path, f"indicator {name}: target {ind.get('target')!r} is not '>= N', '<= N' or N")
        op, target = m.group(1), float(m.group(2))
        direction = ind.get("direction")
        if op is None and direction not in ("up", "down"):
            fail(path, f"indicator {name}: a bare target needs direction = \"up\" or \"down\"")
        up = op in (">=", "≥") if op else direction == "up"
        if direction is not None and direction != ("up" if up else "down"):
            fail(path, f"indicator {name}: direction {direction} contradicts target {ind['target']!r}")
        rows.append((name, start, end, up, target))
    if not rows:
        fail(path, "no [[indicator]] in the plan")
    return rows


def print_counts(counts):
    """Standard output: one `status,count` line per status, sorted by status."""
    for status, n in sorted(counts):
        print(f"{status},{n}")
