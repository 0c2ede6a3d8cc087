#!/usr/bin/env python3
"""Summarizes run-app-load.sh's scrape test: summarize_scrapes.py <out dir> ours prometheus-net opentelemetry."""
import statistics, sys

out, configs = sys.argv[1], sys.argv[2:]
times = {}
for line in open(f"{out}/scrapes.tsv"):
    config, seconds = line.split()
    times.setdefault(config, []).append(float(seconds) * 1000)
print("| configuration | sample lines | bytes | median (ms) | min (ms) | p90 (ms) | median vs ours |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
ours = statistics.median(times["ours"])
for config in configs:
    text = open(f"{out}/scrape-{config}.txt", encoding="utf-8").read()
    lines = sum(1 for l in text.splitlines() if l and not l.startswith("#"))
    t = sorted(times[config])
    print(f"| {config} | {lines} | {len(text.encode()):,} | {statistics.median(t):.1f} | {t[0]:.1f} | {t[int(len(t) * 0.9)]:.1f} | {statistics.median(t) / ours:.2f} |")
print("(sample lines: the extra series plus each app's own HTTP, runtime and process metrics; curl's total time per scrape)")
