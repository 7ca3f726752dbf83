#!/usr/bin/env python3
"""Check that two per-series status CSVs agree: `track status --format csv` and the
peers' output, or two peers.

Usage: compare.py A.csv B.csv [--tol 1e-9] [--show 5] [--labels A,B]

Rows are matched by (indicator, region); columns by name (case-insensitive), comparing
those both files have among: status, baseline_period and period as text, exactly;
baseline, value, previous, target, gap, completion, time_progress, ratio, yoy and cagr
as numbers, within TOL (relative where a number exceeds 1 in size), empty only against
empty. Other columns (track's plan, name, unit, ...) are named and ignored.

Exit status:
  0  the files agree;
  1  they differ: a series in one file only, or a column that differs (each named,
     with examples);
  3  they differ only in that series graded `ahead` in one file are `on-track` in the
     other (all in the same direction; every other column agrees): what a tool that
     does not grade `ahead` (R >= 1.10, docs/methods.md#status) gives, told apart
     from other differences because it is the likely cause;
  2  a file cannot be read or is not a status CSV.
Standard library only: it runs with any python3, no venv needed.
"""
import argparse
import csv
import sys

KEY = ("indicator", "region")
EXACT = ("status", "baseline_period", "period")
NUMERIC = ("baseline", "value", "previous", "target", "gap", "completion",
           "time_progress", "ratio", "yoy", "cagr")


def die(message):
    print(message, file=sys.stderr)
    sys.exit(2)


def read(path, columns):
    """The file's rows as {key: {column: text}}, keeping `columns` that it has."""
    try:
        with open(path, newline="", encoding="utf-8-sig") as f:
            reader = csv.reader(f)
            header = [h.strip().lower() for h in next(reader, [])]
            missing = [k for k in KEY if k not in header]
            if missing:
                die(f"{path}: not a status CSV: no column {', '.join(missing)}")
            at = {c: header.index(c) for c in header}
            keep = [c for c in columns if c in at]
            rows, repeated = {}, []
            for line in reader:
                if not line:
                    continue
                key = (line[at["indicator"]], line[at["region"]])
                if key in rows:
                    repeated.append(key)
                rows[key] = {c: line[at[c]] for c in keep}
    except OSError as e:
        die(f"{path}: {e}")
    except (csv.Error, IndexError) as e:
        die(f"{path}: not a well-formed CSV: {e}")
    if repeated:
        die(f"{path}: {len(repeated)} series appear more than once (first: "
                 f"{', '.join(repeated[0])}); a file with breakdowns cannot be compared")
    return header, rows


def number(text):
    return float(text) if text.strip() else None


def relative(x, y):
    return abs(x - y) / max(1.0, abs(x), abs(y))


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("a")
    ap.add_argument("b")
    ap.add_argument("--tol", type=float, default=1e-9,
                    help="largest relative difference of two numbers (default 1e-9)")
    ap.add_argument("--show", type=int, default=5, metavar="N",
                    help="examples printed per difference (default 5)")
    ap.add_argument("--labels", metavar="A,B",
                    help="names for the two files in messages (default: their paths)")
    args = ap.parse_args()
    labels = args.labels.split(",", 1) if args.labels else [args.a, args.b]
    if len(labels) != 2:
        ap.error("--labels takes two names separated by a comma")

    header_a, a = read(args.a, EXACT + NUMERIC)
    header_b, b = read(args.b, EXACT + NUMERIC)
    shared = [c for c in EXACT + NUMERIC if c in header_a and c in header_b]
    ignored = sorted((set(header_a) | set(header_b)) - set(KEY) - set(shared))
    print(f"comparing {', '.join(shared)}" + (f"; ignoring {', '.join(ignored)}" if ignored else ""))

    problems = {}        # what differs -> [(key, text)]
    ahead = {}           # the file that says `ahead` where the other says `on-track` -> keys
    worst = 0.0
    for name, here, there in ((labels[0], a, b), (labels[1], b, a)):
        only = sorted(k for k in here if k not in there)
        if only:
            problems[f"series only in {name}"] = [(k, "") for k in only]
    for key in sorted(a.keys() & b.keys()):
        x, y = a[key], b[key]
        for c in shared:
            u, v = x[c], y[c]
            if c in EXACT:
                if u == v:
                    continue
                if c == "status" and {u, v} == {"ahead", "on-track"}:
                    ahead.setdefault(0 if u == "ahead" else 1, []).append(key)
                    continue
                problems.setdefault(c, []).append((key, f"{u!r} vs {v!r}"))
                continue
            try:
                p, q = number(u), number(v)
            except ValueError:
                problems.setdefault(c, []).append((key, f"not a number: {u!r} vs {v!r}"))
                continue
            if p is None or q is None:
                if (p is None) != (q is None):
                    problems.setdefault(c, []).append((key, f"{u!r} vs {v!r}"))
                continue
            d = relative(p, q)
            worst = max(worst, d)
            if d > args.tol:
                problems.setdefault(c, []).append((key, f"{u} vs {v} (relative {d:.3g})"))

    print(f"{labels[0]}: {len(a)} series; {labels[1]}: {len(b)} series; "
          f"largest relative difference {worst:.3g}")
    if len(ahead) > 1:          # both ways: not a missing grade, a disagreement
        for side, keys in ahead.items():
            problems[f"status ahead in {labels[side]}, on-track in {labels[1 - side]}"] = [
                (k, "") for k in keys]
        ahead = {}
    for what, cases in problems.items():
        print(f"DIFFERENT {what}: {len(cases)} series, e.g.")
        for key, text in cases[:args.show]:
            print(f"    {key[0]}, {key[1]}" + (f": {text}" if text else ""))
    if problems:
        if ahead:
            print("(also status ahead vs on-track: "
                  f"{sum(len(k) for k in ahead.values())} series)")
        sys.exit(1)
    if ahead:
        (side, keys), = ahead.items()
        print(f"AHEAD ONLY: {len(keys)} series are ahead in {labels[side]} and on-track in "
              f"{labels[1 - side]}, all else agrees ({labels[1 - side]} does not grade ahead, "
              "R >= 1.10), e.g.")
        for key in keys[:args.show]:
            print(f"    {key[0]}, {key[1]}")
        sys.exit(3)
    print(f"AGREE within {args.tol:g}")


if __name__ == "__main__":
    main()
