#!/usr/bin/env bash
# Runs the benchmarks and prints where the results went.
#
#   run.sh --quick [args]   the main cases only (category Quick: every floor and every row a target
#                           is judged on), ShortRun job; several minutes
#   run.sh [args]           every benchmark, ShortRun job
#   run.sh --long [args]    every benchmark, BenchmarkDotNet's default job (long; for a quiet machine)
#   run.sh --dry [args]     every benchmark once, one iteration: a smoke test, not a measurement
#   --in-process            (with any of the above) every case of a class in one process (not for AppPipelineBenchmarks,
#                           whose prometheus-net row leaves a process-wide listener behind for the rows after it): no build and
#                           launch per case, which takes minutes when other builds share the machine
#
# Both also print the memory-per-series report. Extra arguments go to BenchmarkSwitcher, e.g.
#   run.sh --quick --filter '*Histogram*'
# Results: artifacts/benchmarks/<UTC time>/ at the repository root (git-ignored).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/artifacts/benchmarks/$(date -u +%Y%m%dT%H%M%SZ)"

mode=full
args=()
for arg in "$@"; do
  case "$arg" in
    --quick) mode=quick ;;
    --long) mode=long; args+=("--long") ;;
    --dry) mode=dry; args+=("--dry") ;;
    *) args+=("$arg") ;;
  esac
done

has_filter=false
for arg in "${args[@]+"${args[@]}"}"; do
  [[ "$arg" == "--filter" || "$arg" == "-f" ]] && has_filter=true
done
$has_filter || args+=("--filter" "*")
[[ "$mode" == quick ]] && args+=("--anyCategories" "Quick")

mkdir -p "$out"
dotnet build "$here/Instrumentation.Benchmarks.csproj" -c Release --nologo -v quiet
dll="$here/bin/Release/net10.0/Instrumentation.Benchmarks.dll"

echo "== memory per series"
dotnet "$dll" --memory-report | tee "$out/memory-per-series.md"

echo "== benchmarks ($mode): ${args[*]}"
(cd "$out" && dotnet "$dll" --artifacts "$out" "${args[@]}") | tee "$out/console.log"

echo
echo "Results: $out"
echo "  memory-per-series.md        bytes per series"
echo "  results/*-report-github.md  one table per benchmark class (Ratio = multiple of the floor row)"
echo "  results/*-report.csv        the same, as CSV"
echo "  console.log                 the full BenchmarkDotNet output"
