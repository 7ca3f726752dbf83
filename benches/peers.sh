#!/usr/bin/env bash
# Whole-process comparison of `track` with its peers in benches/peers/ (the same
# per-series status computation in DuckDB SQL and in Polars, from Python), run
# alternately (track, DuckDB, Polars, track, ...) so that all see the same machine
# state. Prints, per tool, the median wall and CPU seconds and peak RSS (GNU time),
# track's ratios to each peer, and whether the three outputs agree.
#
# Usage: benches/peers.sh [SCALE] [ROUNDS]         (from anywhere in the repository)
#   SCALE   small (20 indicators x 50 regions, about 9,500 rows), 1m (200 x 525, about
#           a million rows) or 10m (1000 x 1050, about ten million); default 1m
#   ROUNDS  timed rounds after one warm-up round; default 5
# Environment:
#   DATA    where SCALE/{data.csv,plan.toml} are (default benches/peers/data); written
#           by `cargo run --profile dist --example gen` when missing
#   AS_OF   the year assessed as of (default 2023)
#   CMD     track's command: status (default), check or report (-o FILE.csv)
#   TRACK   the binary (default target/dist/track: the `dist` profile, fat LTO)
#   PY      a python with duckdb and polars; default benches/peers/.venv/bin/python,
#           created from benches/peers/requirements.txt when missing
#   OUT     where the outputs are kept (default: a temporary folder, removed after)
# Exit status: 0 the outputs agree, 1 they differ (a series graded `ahead` by one
# tool and `on-track` by another too), 2 something needed is missing (said what).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
peers=$root/benches/peers
scale=${1:-1m}; rounds=${2:-5}
AS_OF=${AS_OF:-2023}; CMD=${CMD:-status}
TRACK=${TRACK:-$root/target/dist/track}
DATA=${DATA:-$peers/data}

# The problem, then what to do about it; exit 2.
missing() {
  printf 'benches/peers.sh: %s\n' "$1" >&2; shift
  [ $# -eq 0 ] || printf '%s\n' "$@" >&2
  exit 2
}

case $scale in
  small) size="20 50" ;;
  1m) size="200 525" ;;
  10m) size="1000 1050" ;;
  *) missing "unknown scale '$scale' (small, 1m or 10m)" ;;
esac
case $rounds in ''|*[!0-9]*|0) missing "ROUNDS must be a positive number, not '$rounds'" ;; esac
case $AS_OF in ''|*[!0-9]*) missing "AS_OF must be a year, not '$AS_OF'" ;; esac
case $CMD in status|check|report) ;; *) missing "CMD must be status, check or report, not '$CMD'" ;; esac

# --- what is needed, each with what to do when it is not there ---------------------
[ -x /usr/bin/time ] || missing "GNU time is needed at /usr/bin/time" \
  "  Debian/Ubuntu: apt-get install time    (the shell's 'time' keyword reports no memory)"
[ -x "$TRACK" ] || missing "no track binary at $TRACK" \
  "  build it: cargo build --profile dist    (or point TRACK at one)"

if [ -z "${PY:-}" ]; then
  PY=$peers/.venv/bin/python
  if ! [ -x "$PY" ]; then
    command -v python3 > /dev/null || missing "python3 is not installed; the peers need Python 3.11 or later" \
      "  Debian/Ubuntu: apt-get install python3 python3-venv    (or set PY to a python with duckdb and polars)"
    python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' ||
      missing "$(python3 --version 2>&1) is too old: the peers read the plan with tomllib (Python 3.11 or later)" \
        "  set PY to a Python 3.11+ interpreter that has duckdb and polars"
    echo "creating $peers/.venv and installing benches/peers/requirements.txt (once; about 100 MB)" >&2
    python3 -m venv "$peers/.venv" ||
      missing "python3 -m venv failed" "  Debian/Ubuntu: apt-get install python3-venv; then: rm -rf $peers/.venv"
    "$PY" -m pip install --quiet -r "$peers/requirements.txt" ||
      missing "pip could not install benches/peers/requirements.txt (network? PyPI?)" \
        "  retry: $PY -m pip install -r $peers/requirements.txt"
  fi
fi
"$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2> /dev/null ||
  missing "$PY is not a Python 3.11 or later"
"$PY" -c 'import duckdb, polars' 2> /dev/null ||
  missing "$PY cannot import duckdb and polars" \
    "  install them: $PY -m pip install -r $peers/requirements.txt"

data=$DATA/$scale
if ! [ -s "$data/data.csv" ] || ! [ -s "$data/plan.toml" ]; then
  command -v cargo > /dev/null || missing "no data in $data and no cargo to generate it"
  echo "generating $data (examples/gen, $size indicators x regions)" >&2
  # shellcheck disable=SC2086  # two numbers
  (cd "$root" && cargo run --quiet --profile dist --example gen -- $size "$data") ||
    missing "could not generate $data with examples/gen"
  [ -s "$data/data.csv" ] && [ -s "$data/plan.toml" ] || missing "examples/gen wrote no $data/{data.csv,plan.toml}"
fi

# --- the commands -----------------------------------------------------------------
if [ -n "${OUT:-}" ]; then mkdir -p "$OUT"; out=$OUT; else out=$(mktemp -d); trap 'rm -rf "$out"' EXIT; fi
q() { printf '%q' "$1"; }
inputs="--plan $(q "$data/plan.toml") --actuals $(q "$data/data.csv") --as-of $AS_OF"
case $CMD in
  status) cmd_track="$(q "$TRACK") status $inputs --format csv > $(q "$out/track.csv")" ;;
  check) cmd_track="$(q "$TRACK") check $inputs > $(q "$out/track.txt")" ;;
  report) cmd_track="$(q "$TRACK") report $inputs -o $(q "$out/track.csv")" ;;
esac
peer() { echo "$(q "$PY") $(q "$peers/$1_status.py") $(q "$data/data.csv") $(q "$data/plan.toml") $(q "$out/$1.csv") --as-of $AS_OF > /dev/null"; }
cmd_duckdb=$(peer duckdb)
cmd_polars=$(peer polars)
tools=(track duckdb polars)

# Warm-up: fills the page cache, and stops on a tool that fails (with what it said).
for t in "${tools[@]}"; do
  v=cmd_$t; code=0
  sh -c "${!v}" 2> "$out/$t.err" || code=$?
  # `check` exits 1 when it has findings: that is a result, not a failure.
  if [ "$code" -ne 0 ] && ! { [ "$t" = track ] && [ "$CMD" = check ] && [ "$code" -eq 1 ]; }; then
    echo "benches/peers.sh: $t failed (exit $code): ${!v}" >&2; cat "$out/$t.err" >&2; exit 2
  fi
done

echo "$scale as of $AS_OF, $CMD; $rounds rounds; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for _ in $(seq "$rounds"); do
  for t in "${tools[@]}"; do
    v=cmd_$t
    /usr/bin/time -f '%e %U %S %M' -o "$out/time" sh -c "${!v}" 2> /dev/null || true
    tail -n 1 "$out/time" >> "$out/$t.times"   # after "Command exited with ..." if any
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
awk '$1 >= 1 {print "note: the machine was busy (load of 1 or more): compare the ratios within this run," \
  " not its times with another run"}' /proc/loadavg

median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
printf '%-7s %8s %8s %9s\n' tool wall_s cpu_s peak_MiB
for t in "${tools[@]}"; do
  w=$(awk '{print $1}' "$out/$t.times" | median)
  c=$(awk '{print $2 + $3}' "$out/$t.times" | median)
  m=$(awk '{print $4 / 1024}' "$out/$t.times" | median)
  printf '%-7s %8.2f %8.2f %9.1f\n' "$t" "$w" "$c" "$m"
  eval "w_$t=$w m_$t=$m"
done
awk -v tw="$w_track" -v dw="$w_duckdb" -v pw="$w_polars" -v tm="$m_track" -v dm="$m_duckdb" -v pm="$m_polars" \
  'BEGIN {printf "track/duckdb: wall %.2f, peak %.2f; track/polars: wall %.2f, peak %.2f\n", tw/dw, tm/dm, tw/pw, tm/pm}'

# --- do the outputs agree? ---------------------------------------------------------
status=0
if cmp -s "$out/duckdb.csv" "$out/polars.csv"; then
  echo "duckdb and polars: byte for byte the same"
else
  "$PY" "$peers/compare.py" "$out/duckdb.csv" "$out/polars.csv" --tol 0 --labels duckdb,polars || status=1
fi
if [ "$CMD" = check ]; then
  echo "track check prints findings, not a status CSV: its output is not compared"
else
  code=0
  "$PY" "$peers/compare.py" "$out/track.csv" "$out/duckdb.csv" --labels track,duckdb > "$out/compare.txt" || code=$?
  case $code in
    0) echo "track and duckdb: $(tail -n 1 "$out/compare.txt")" ;;
    *) cat "$out/compare.txt"; status=1 ;;
  esac
fi
exit $status
