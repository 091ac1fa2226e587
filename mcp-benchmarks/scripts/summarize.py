#!/usr/bin/env python3
"""Turns JMH JSON result files (-rf json) into the Markdown tables of BENCHMARKS.md.

Usage: summarize.py RESULT.json [RESULT.json ...]
Prints, per benchmark method and thread count, the score of each `impl` and the ratios of mcpkit to
each baseline, plus allocation (gc.alloc.rate.norm) when -prof gc was on.
"""
import json
import sys
from collections import defaultdict


def main(paths):
    scores = defaultdict(dict)   # (method, threads, extra params) -> impl -> (score, error, unit)
    alloc = defaultdict(dict)
    for path in paths:
        with open(path) as f:
            for row in json.load(f):
                method = row["benchmark"].rsplit(".", 1)[1]
                params = dict(row.get("params", {}))
                impl = params.pop("impl", "?")
                key = (method, row["threads"], tuple(sorted(params.items())))
                m = row["primaryMetric"]
                scores[key][impl] = (m["score"], m["scoreError"], m["scoreUnit"])
                sec = row.get("secondaryMetrics", {})
                if "gc.alloc.rate.norm" in sec:
                    alloc[key][impl] = sec["gc.alloc.rate.norm"]["score"]
                for name, metric in sec.items():  # @Group per-method scores
                    if name.startswith("readsUnderChurn"):
                        gkey = (name, row["threads"], key[2])
                        scores[gkey][impl] = (metric["score"], metric["scoreError"], metric["scoreUnit"])
    impls_order = ["mcpkit", "chm", "chm-scan", "caffeine"]
    print("| benchmark | threads | params | " + " | ".join(impls_order) + " | mcpkit/baselines |")
    print("|---|---|---|" + "---|" * len(impls_order) + "---|")
    for key in sorted(scores):
        method, threads, params = key
        row = scores[key]
        unit = next(iter(row.values()))[2]
        cells = []
        for impl in impls_order:
            if impl in row:
                s, e, _ = row[impl]
                cells.append(f"{s:.3f} ± {e:.3f}" if e == e else f"{s:.3f}")
            else:
                cells.append("")
        ratios = []
        if "mcpkit" in row:
            for base in impls_order[1:]:
                if base in row and row[base][0]:
                    ratios.append(f"{base} {row['mcpkit'][0] / row[base][0]:.2f}x")
        p = ", ".join(f"{k}={v}" for k, v in params) or "-"
        print(f"| {method} ({unit}) | {threads} | {p} | " + " | ".join(cells) + " | " + "; ".join(ratios) + " |")
    if alloc:
        print()
        print("| benchmark | threads | params | " + " | ".join(f"{i} B/op" for i in impls_order) + " |")
        print("|---|---|---|" + "---|" * len(impls_order))
        for key in sorted(alloc):
            method, threads, params = key
            p = ", ".join(f"{k}={v}" for k, v in params) or "-"
            cells = [f"{alloc[key][i]:.2f}" if i in alloc[key] else "" for i in impls_order]
            print(f"| {method} | {threads} | {p} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
