#!/usr/bin/env python3
"""Read a fabricsim sweep.csv in pandas: one metric against one axis, with 95% confidence intervals.

Usage: python3 read_sweep.py out/quickstart-load [METRIC] [STAT]
       (defaults: output_tokens_per_s p50)

Prints, for each system and each value of the other axes, the metric against the first axis as
mean +- half-width, and checks the file's shape (exits 1 if it is not a sweep.csv).
"""
import sys
from pathlib import Path

import pandas as pd

sweep_dir = Path(sys.argv[1] if len(sys.argv) > 1 else "out/quickstart-load")
metric = sys.argv[2] if len(sys.argv) > 2 else "output_tokens_per_s"
stat = sys.argv[3] if len(sys.argv) > 3 else "p50"

df = pd.read_csv(sweep_dir / "sweep.csv")
cols = list(df.columns)
params = cols[cols.index("point") + 1:cols.index("system")]  # the axes, in sweep-file order
if not params or cols[-7:] != ["system", "metric", "stat", "mean", "ci95_half_width", "n", "unit"]:
    sys.exit(f"{sweep_dir / 'sweep.csv'}: not a sweep.csv (columns {cols})")

x, others = params[0], params[1:]
sel = df[(df.metric == metric) & (df.stat == stat)]
table = sel.pivot_table(index=x, columns=["system"] + others, values="mean")
half = sel.pivot_table(index=x, columns=["system"] + others, values="ci95_half_width")
print(f"{metric} {stat} ({sel.unit.iloc[0]}), mean over {int(sel.n.max())} replications, against {x}:")
print((table.round(4).astype(str) + " +- " + half.round(4).astype(str)).to_string())

# every point has every (system, metric, stat), so each point contributes the same number of rows
rows_per_point = df.groupby("point").size()
if rows_per_point.nunique() != 1:
    sys.exit("points have different numbers of rows")
print(f"{df.point.nunique()} points x {rows_per_point.iloc[0]} rows")
