#!/usr/bin/env bash
# Whole-process comparison of `track` with the DuckDB and Polars peers of
# shared/bench, run alternately (track, DuckDB, Polars, track, ...) so that
# all see the same machine state. Prints, per tool, the median wall and CPU
# seconds and the median peak RSS (MiB, GNU time), and track's ratios.
#
# Usage: benches/peers.sh DATA_DIR SCALE [ROUNDS]
#   DATA_DIR: where `gen.py SCALE --out DATA_DIR` wrote SCALE/{data.csv,plan.csv,plan.toml}
#   env: PY (python with duckdb and polars; default python3),
#        BENCH (shared/bench; default ../shared/bench), TRACK (default target/release/track),
#        CMD (track's command: status (default), check or report)
set -euo pipefail
data=$1/$2; rounds=${3:-5}
PY=${PY:-python3}; BENCH=${BENCH:-../shared/bench}; TRACK=${TRACK:-target/release/track}
CMD=${CMD:-status}
out=$(mktemp -d)
case $CMD in
  status) track="$TRACK status --plan $data/plan.toml --actuals $data/data.csv --as-of 2023 --format csv > $out/track.csv" ;;
  check) track="$TRACK check --plan $data/plan.toml --actuals $data/data.csv --as-of 2023 > $out/track.txt" ;;
  report) track="$TRACK report --plan $data/plan.toml --actuals $data/data.csv --as-of 2023 -o $out/track.csv" ;;
esac
tools=(track duckdb polars)
cmd_track=$track
cmd_duckdb="$PY $BENCH/duckdb_status.py $data/data.csv $data/plan.csv $out/duckdb.csv --as-of 2023 > /dev/null"
cmd_polars="$PY $BENCH/polars_status.py $data/data.csv $data/plan.csv $out/polars.csv --as-of 2023 > /dev/null"
for t in "${tools[@]}"; do v=cmd_$t; eval "${!v}" 2> /dev/null; done   # warm-up, page cache
for _ in $(seq "$rounds"); do
  for t in "${tools[@]}"; do
    v=cmd_$t
    /usr/bin/time -f '%e %U %S %M' -o "$out/time" sh -c "${!v}" 2> /dev/null
    cat "$out/time" >> "$out/$t.times"
  done
done
median() { sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
printf '%-7s %8s %8s %9s\n' tool wall_s cpu_s peak_MiB
for t in "${tools[@]}"; do
  w=$(awk '{print $1}' "$out/$t.times" | median); c=$(awk '{print $2 + $3}' "$out/$t.times" | median)
  m=$(awk '{print $4 / 1024}' "$out/$t.times" | median)
  printf '%-7s %8s %8.2f %9.1f\n' "$t" "$w" "$c" "$m"
  eval "w_$t=$w m_$t=$m"
done
awk -v tw="$w_track" -v dw="$w_duckdb" -v pw="$w_polars" -v tm="$m_track" -v dm="$m_duckdb" -v pm="$m_polars" \
  'BEGIN {printf "track/duckdb: wall %.2f, peak %.2f; track/polars: wall %.2f, peak %.2f\n", tw/dw, tm/dm, tw/pw, tm/pm}'
if [ "$CMD" = status ]; then $PY "$BENCH/compare.py" "$out/duckdb.csv" "$out/track.csv" | tail -1; fi
rm -rf "$out"
