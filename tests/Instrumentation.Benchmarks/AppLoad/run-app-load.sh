#!/usr/bin/env bash
# What an application pays for its metrics: the same minimal-API app (GET /, GET /items/{id}, POST /orders) under
# load from wrk, in four configurations alternated over several rounds in one run:
#   bare            no metrics
#   ours            AddMetrics(), UseHttpMetrics(), [Timed] on the routes, MapMetrics()
#   prometheus-net  prometheus-net.AspNetCore 8.2.1 with its defaults: UseHttpMetrics(), MapMetrics()
#   opentelemetry   AddOpenTelemetry().WithMetrics(AddAspNetCoreInstrumentation().AddPrometheusExporter()),
#                   MapPrometheusScrapingEndpoint()
# Each app with metrics is scraped (GET /metrics) every second while it is under load. The app runs on CPU 0, wrk
# and the scraper on CPU 1; the three apps not under load are stopped (SIGSTOP) so they take no CPU. Reported per
# configuration, as the median and range over the rounds: requests/s and p99 latency as ratios to the bare app of
# the same round, and the app's CPU time per request (from /proc/<pid>/stat, the scrapes included), also as the
# ratio bare / configuration: the throughput one dedicated core would give, relative to bare, which a machine shared
# with other work measures more steadily than requests/s.
# Then the latency of one scrape of each app holding 10,000 extra series (10 counters x 1,000 label values), the three
# apps scraped in turn (curl), 60 scrapes each by default.
#
#   run-app-load.sh [--rounds N] [--duration SECONDS] [--connections N] [--series N] [--scrapes N]
#                   [--no-scrape-test] [--no-load-test]
#                   [--configs bare,ours,...]   (also: ours-addmetrics-only, ours-without-sizes,
#                                                ours-without-aspnetcore-meters, bare-with-noop-listener, to break our cost
#                                                down; bare must be among them)
#   run-app-load.sh --dry     build, start every configuration, check each serves its routes and metrics; no load
#                             (cheap, for CI: build.sh test runs it)
# Defaults: 5 rounds of 10 s per configuration, 32 connections, 10,000 series. Needs 2 CPUs, wrk (installed with
# apt-get if missing), curl and python3. Results: artifacts/app-load/<UTC time>/ at the repository root.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
rounds=5
duration=10
connections=32
series=10000
scrapes=60
dry=false
scrape_test=true
load_test=true
configs=(bare ours prometheus-net opentelemetry)
while [[ $# -gt 0 ]]; do
  case "$1" in
    --dry) dry=true ;;
    --rounds) rounds="$2"; shift ;;
    --duration) duration="$2"; shift ;;
    --connections) connections="$2"; shift ;;
    --series) series="$2"; shift ;;
    --scrapes) scrapes="$2"; shift ;;
    --no-scrape-test) scrape_test=false ;;
    --no-load-test) load_test=false ;;
    --configs) IFS=, read -r -a configs <<<"$2"; shift ;;
    *) echo "unknown argument: $1 (see the header of $0)" >&2; exit 2 ;;
  esac
  shift
done

dotnet build "$here/Instrumentation.Benchmarks.AppLoad.csproj" -c Release --nologo -v quiet
dll="$here/bin/Release/net10.0/Instrumentation.Benchmarks.AppLoad.dll"

if $dry; then
  dotnet "$dll" smoke
  exit
fi

if [[ "$(nproc)" -lt 2 ]]; then
  echo "The load test needs 2 CPUs (the app on one, wrk on the other); this machine has $(nproc)." >&2
  exit 1
fi
if ! command -v wrk >/dev/null; then
  sudo=""; [[ "$(id -u)" != 0 ]] && sudo="sudo"
  echo "Installing wrk (Debian package)"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq wrk >/dev/null
fi

out="$root/artifacts/app-load/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
declare -A port pid
base_port=${APP_LOAD_BASE_PORT:-5180}
ticks_per_second=$(getconf CLK_TCK)

stop_all() {
  for config in "${!pid[@]}"; do
    kill -CONT "${pid[$config]}" 2>/dev/null || true
    kill "${pid[$config]}" 2>/dev/null || true
  done
  [[ -n "${scraper:-}" ]] && kill "$scraper" 2>/dev/null || true
}
trap stop_all EXIT

# utime + stime of a process, in clock ticks (fields 14 and 15, counted after the command name's closing parenthesis).
cpu_ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"; }

start_app() { # config port [args...]
  local config="$1" p="$2"; shift 2
  taskset -c 0 dotnet "$dll" serve "$config" "http://127.0.0.1:$p" "$@" >"$out/$config.log" 2>&1 &
  pid[$config]=$!
  port[$config]=$p
  for _ in $(seq 1 100); do
    curl -sf -o /dev/null "http://127.0.0.1:$p/" && return
    sleep 0.2
  done
  echo "$config did not start; its log: $out/$config.log" >&2
  exit 1
}

# A curl every second to /metrics, on the load generator's CPU, until killed.
start_scraper() { # port
  (while sleep 1; do taskset -c 1 curl -s -o /dev/null "http://127.0.0.1:$1/metrics" || true; done) &
  scraper=$!
}

stop_scraper() {
  kill "$scraper" 2>/dev/null || true
  wait "$scraper" 2>/dev/null || true
  scraper=""
}

run_wrk() { # config seconds -> wrk's output
  local config="$1" seconds="$2"
  taskset -c 1 wrk -t1 -c"$connections" -d"${seconds}s" --latency -s "$here/requests.lua" "http://127.0.0.1:${port[$config]}"
}

if $load_test; then
  echo "== $(date -u +%FT%TZ) load test: $rounds rounds x ${duration}s per configuration, $connections connections; uptime: $(uptime)" | tee "$out/summary.md"
  i=0
  for config in "${configs[@]}"; do
    start_app "$config" $((base_port + i))
    i=$((i + 1))
    kill -STOP "${pid[$config]}"
  done

  echo "round	config	requests	rps	p99_ms	cpu_us_per_request	load1" >"$out/rounds.tsv"
  for config in "${configs[@]}"; do # warm-up: JIT, tiering, connection pools
    kill -CONT "${pid[$config]}"
    run_wrk "$config" 5 >/dev/null
    kill -STOP "${pid[$config]}"
  done

  for round in $(seq 1 "$rounds"); do
    # Rotate the order each round, so no configuration always follows the same one.
    shift_by=$((round % ${#configs[@]}))
    order=("${configs[@]:$shift_by}" "${configs[@]:0:$shift_by}")
    for config in "${order[@]}"; do
      kill -CONT "${pid[$config]}"
      [[ "$config" != bare* ]] && start_scraper "${port[$config]}"
      before=$(cpu_ticks "${pid[$config]}")
      result=$(run_wrk "$config" "$duration")
      after=$(cpu_ticks "${pid[$config]}")
      [[ "$config" != bare* ]] && stop_scraper
      kill -STOP "${pid[$config]}"
      echo "$result" >"$out/wrk-$round-$config.txt"
      requests=$(echo "$result" | awk '/requests in/ { print $1 }')
      rps=$(echo "$result" | awk '/^Requests\/sec/ { print $2 }')
      p99=$(echo "$result" | awk '$1 == "99%" { v = $2; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } print v }')
      errors=$(echo "$result" | grep -E "Non-2xx|Socket errors" || true)
      [[ -n "$errors" ]] && echo "  round $round $config: $errors" | tee -a "$out/summary.md"
      cpu_us=$(awk -v t=$((after - before)) -v hz="$ticks_per_second" -v n="$requests" 'BEGIN { printf "%.2f", t / hz * 1e6 / n }')
      load1=$(cut -d' ' -f1 /proc/loadavg)
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$config" "$requests" "$rps" "$p99" "$cpu_us" "$load1" >>"$out/rounds.tsv"
      printf '  round %s %-15s %9s req/s  p99 %7s ms  %6s us CPU/request  load %s\n' "$round" "$config" "$rps" "$p99" "$cpu_us" "$load1"
    done
  done

  python3 "$here/summarize.py" "$out/rounds.tsv" "${configs[@]}" | tee -a "$out/summary.md"

  stop_all
  pid=()
fi

if $scrape_test; then
  # All three apps up at once (each on CPU 0), scraped in turn, so load from elsewhere falls on all of them alike.
  scrape_configs=(ours prometheus-net opentelemetry)
  echo | tee -a "$out/summary.md"
  echo "== one scrape of an app holding $series extra series: $scrapes scrapes each, the apps in turn, after 20 warm-up scrapes; uptime: $(uptime)" | tee -a "$out/summary.md"
  i=10
  for config in "${scrape_configs[@]}"; do
    start_app "$config" $((base_port + i)) --series "$series"
    i=$((i + 1))
    url="http://127.0.0.1:${port[$config]}/metrics"
    for _ in $(seq 1 20); do curl -s -o /dev/null "$url"; done
    curl -s "$url" >"$out/scrape-$config.txt"
  done
  for _ in $(seq 1 "$scrapes"); do
    for config in "${scrape_configs[@]}"; do
      printf '%s\t%s\n' "$config" "$(taskset -c 1 curl -s -o /dev/null -w '%{time_total}' "http://127.0.0.1:${port[$config]}/metrics")"
    done
  done >"$out/scrapes.tsv"
  python3 "$here/summarize_scrapes.py" "$out" "${scrape_configs[@]}" | tee -a "$out/summary.md"
  stop_all
fi

echo
echo "Results: $out (summary.md, rounds.tsv, each wrk output)"
