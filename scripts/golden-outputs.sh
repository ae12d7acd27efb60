#!/usr/bin/env bash
# golden-outputs.sh REPO OUTDIR: runs every shipped run scenario of REPO into OUTDIR and writes OUTDIR/hashes.txt
# Compare two checkouts by diffing their hashes.txt: a refactor that keeps behaviour leaves every hash unchanged.
set -uo pipefail
repo=$(cd "$1" && pwd); out=$2
mkdir -p "$out"
cd "$repo"
./fabricsim --help >/dev/null 2>&1 || true
: > "$out/hashes.txt"
for f in scenarios/*.yaml scenarios/seed/*.yaml scenarios/validation/*.yaml; do
  case "$f" in *noc-*) continue;; esac
  name=$(echo "$f" | tr '/' '_')
  start=$(date +%s.%N)
  ./fabricsim run "$f" --out "$out/$name" -q > "$out/$name.log" 2>&1
  rc=$?
  end=$(date +%s.%N)
  echo "$f rc=$rc $(echo "$end - $start" | bc)s" >&2
  if [ -d "$out/$name" ]; then
    (cd "$out/$name" && find . -type f ! -name 'trace.json' | sort | xargs sha256sum) | sed "s|^|$f |" >> "$out/hashes.txt"
  else
    echo "$f MISSING rc=$rc" >> "$out/hashes.txt"
  fi
done
