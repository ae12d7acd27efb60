#!/usr/bin/env bash
# validate-curves.sh [OUTDIR] [NAME...]: runs every published-curve scenario of scenarios/validation/curves (each
# NAME.yaml a sweep, or a run when it has no axes, beside NAME.csv, its published points) into OUTDIR/NAME (default
# out/validation-curves), then compares them all at once with 'fabricsim validate-curves', which prints the per-point
# errors and the out-of-sample medians and writes OUTDIR/errors.csv and OUTDIR/errors.md (the tables of
# docs/validation.md). Points already run are kept (sweeps resume); delete OUTDIR to re-run after a model change.
# With NAMEs, only those.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-out/validation-curves}
shift || true
cd "$repo"
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  for f in scenarios/validation/curves/*.csv; do names+=("$(basename "$f" .csv)"); done
fi
pairs=()
for n in "${names[@]}"; do
  yaml=scenarios/validation/curves/$n.yaml
  start=$(date +%s)
  if grep -q '^axes:' "$yaml"; then
    ./fabricsim sweep "$yaml" --out "$out/$n" -q
  elif [ ! -f "$out/$n/summary.csv" ]; then
    ./fabricsim run "$yaml" --out "$out/$n" -q
  fi
  echo "$n: $(( $(date +%s) - start )) s" >&2
  pairs+=("scenarios/validation/curves/$n.csv" "$out/$n")
done
./fabricsim validate-curves --out "$out/errors.csv" --markdown "$out/errors.md" "${pairs[@]}"
