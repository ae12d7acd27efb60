#!/usr/bin/env python3
"""Load a fabricsim run directory in pandas: per-token latencies, per-request metrics and the summary.

Usage: python3 load_outputs.py out/quickstart

Prints each system's TTFT and inter-token latency percentiles computed from tokens.csv, next to the
ones in summary.csv, and checks that the two agree (exits 1 if they do not). The test suite runs this
script on a fresh run when python3 with pandas is available.
"""
import sys
from pathlib import Path

import pandas as pd

run = Path(sys.argv[1] if len(sys.argv) > 1 else "out/quickstart")

tokens = pd.read_csv(run / "tokens.csv")      # one row per output token
requests = pd.read_csv(run / "requests.csv")  # one row per request
summary = pd.read_csv(run / "summary.csv")    # tidy: system, metric, stat, value, unit

# summary.csv as a table: one row per (system, metric), one column per stat
wide = summary.pivot_table(index=["system", "metric"], columns="stat", values="value")
print(wide[["count", "mean", "p50", "p99", "max"]].to_string())
print()

# Inter-token latency is latency_s of every token but the first of its request (TTFT).
itl = tokens[tokens.token_index > 0]
failures = []
for system, t in itl.groupby("system", sort=False):
    r = requests[requests.system == system]
    s = summary[summary.system == system].set_index(["metric", "stat"]).value

    # counts and means are exact
    if s[("itl_s", "count")] != len(t):
        failures.append(f"{system}: itl count {s[('itl_s', 'count')]} != {len(t)} tokens")
    if abs(s[("ttft_s", "mean")] - r.ttft_s.mean()) > 1e-9 * r.ttft_s.mean():
        failures.append(f"{system}: ttft mean {s[('ttft_s', 'mean')]} != {r.ttft_s.mean()}")

    # percentiles: summary.csv's are exact nearest-rank sample values, so the p50 lies between the
    # 49th and 51st empirical percentiles (the 0.1% margin only absorbs pandas' interpolation)
    lo, hi = t.latency_s.quantile([0.49, 0.51])
    p50 = s[("itl_s", "p50")]
    if not (lo * 0.999 <= p50 <= hi * 1.001):
        failures.append(f"{system}: itl p50 {p50} outside [{lo}, {hi}]")

    print(f"{system}: TTFT p50 {r.ttft_s.median() * 1e3:.2f} ms, p99 {r.ttft_s.quantile(0.99) * 1e3:.2f} ms; "
          f"ITL p50 {t.latency_s.median() * 1e3:.3f} ms (summary.csv {p50 * 1e3:.3f} ms); "
          f"median speed {r.output_tokens_per_s.median():.1f} tokens/s per user")

if failures:
    print("\n".join(failures), file=sys.stderr)
    sys.exit(1)
print("tokens.csv, requests.csv and summary.csv agree")
