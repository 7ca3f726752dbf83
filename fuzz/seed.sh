#!/bin/sh
# Seed the fuzz corpora (fuzz/corpus/TARGET) from the test fixtures: the
# plans, their target strings, the actuals files and the tables.
# Run from the repository root: sh fuzz/seed.sh
set -eu
fixtures=tests/fixtures
corpus=fuzz/corpus
mkdir -p "$corpus/plan_toml" "$corpus/target_expr" "$corpus/actuals" "$corpus/import"
n=0
for plan in $(find "$fixtures" -name plan.toml | sort); do
    n=$((n + 1))
    cp "$plan" "$corpus/plan_toml/fixture-$n.toml"
    # Each target string on its own (`target = "..."`, milestones too).
    grep -o '"[^"]*"' "$plan" | sed 's/^"//; s/"$//' | while IFS= read -r t; do
        h=$(printf '%s' "$t" | cksum | cut -d' ' -f1)
        printf '%s' "$t" > "$corpus/target_expr/fixture-$h"
    done
done
# The target forms of the plan format, as a user writes them.
for t in '95' '95%' '达到95%' '>= 92' '≥92%' '不低于92%' '> 92' '超过92%' '<= 60' '≤60' \
    '不超过60' '< 60' '低于60' '90..95' '+5pp' '提高5个百分点' '+10%' '-20%' 'maintain' '保持' \
    '92%以上' '60以下' '12.3年以上'; do
    h=$(printf '%s' "$t" | cksum | cut -d' ' -f1)
    printf '%s' "$t" > "$corpus/target_expr/form-$h"
done
n=0
for csv in $(find "$fixtures" -name '*.csv' | sort); do
    n=$((n + 1))
    # Two bytes of block size first (see fuzz_targets/actuals.rs), then the file.
    { printf '\000\007'; cat "$csv"; } > "$corpus/actuals/fixture-$n.csv"
    # One byte of layout first (see fuzz_targets/import.rs), then the table.
    { printf '\000'; cat "$csv"; } > "$corpus/import/fixture-$n.csv"
done
# A wide table as statistical yearbooks print them.
printf '\000指标,2020年,2021年,2022年\n学前三年毛入园率,93,94.4%%,——\n' > "$corpus/import/wide.csv"
echo "seeded $(find "$corpus" -type f | wc -l) files under $corpus"
