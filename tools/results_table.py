#!/usr/bin/env python3
"""Summarize run folders (summary.json + metrics.jsonl) as a Markdown table for docs/results.md.

    python3 tools/results_table.py runs/full-mnist_ccl runs/full-mnist_bp ...
"""
import json
import statistics
import sys


def row(run):
    s = json.load(open(f"{run}/summary.json"))
    m = [json.loads(line) for line in open(f"{run}/metrics.jsonl")]
    epoch_s = statistics.median(e["seconds"] for e in m)
    rate = statistics.median(e["samples_per_s"] for e in m)
    rss = f'{m[1]["rss_mb"]:.0f} → {m[-1]["rss_mb"]:.0f} ({100 * (m[-1]["rss_mb"] / m[1]["rss_mb"] - 1):+.1f} %)' if len(m) > 1 else "-"
    cfg = s["config"]
    result = f'{100 * s["test_acc"]:.2f} %' if "test_acc" in s else f'MSE {s["test_mse"]:.5f}'
    return (f'| {cfg["dataset"]} | {cfg["method"]} | {result} | {s["best_epoch"] + 1} | {len(m)} | '
            f'{s["seconds"] / 60:.1f} min | {epoch_s:.2f} s | {rate:,.0f} | {rss} | {cfg["seed"]} |')


print("| dataset | rule | test | best epoch | epochs | wall time | median epoch (train+val) "
      "| median train samples/s | RSS epoch 2 → last (MiB) | seed |")
print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
for run in sys.argv[1:]:
    print(row(run))
