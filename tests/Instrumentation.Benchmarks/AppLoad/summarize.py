#!/usr/bin/env python3
"""Summarizes run-app-load.sh's rounds.tsv: summarize.py rounds.tsv bare ours ... (bare first or anywhere)."""
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
by = {}
for r in rows:
    by.setdefault(r["round"], {})[r["config"]] = r
def spread(values, fmt):
    return f"{fmt.format(statistics.median(values))} ({fmt.format(min(values))}-{fmt.format(max(values))})"
print()
print("| configuration | requests/s (median) | requests/s vs bare | p99 vs bare | CPU per request (us) | bare's CPU per request / this one's |")
print("| --- | ---: | ---: | ---: | ---: | ---: |")
for config in sys.argv[2:]:
    rps = [float(by[r][config]["rps"]) for r in by]
    ratio = [float(by[r][config]["rps"]) / float(by[r]["bare"]["rps"]) for r in by]
    p99 = [float(by[r][config]["p99_ms"]) / float(by[r]["bare"]["p99_ms"]) for r in by]
    cpu = [float(by[r][config]["cpu_us_per_request"]) for r in by]
    # The throughput one dedicated core would give, relative to bare: steadier than requests/s on a shared machine.
    cpu_ratio = [float(by[r]["bare"]["cpu_us_per_request"]) / float(by[r][config]["cpu_us_per_request"]) for r in by]
    print(f"| {config} | {statistics.median(rps):,.0f} | {spread(ratio, '{:.2f}')} | {spread(p99, '{:.2f}')} | {spread(cpu, '{:.1f}')} | {spread(cpu_ratio, '{:.2f}')} |")
loads = [float(r["load1"]) for r in rows]
print(f"\nMedians over {len(by)} rounds, (min-max) ranges; ratios taken within each round. 1-minute load average during the rounds: {min(loads):.2f}-{max(loads):.2f}.")
