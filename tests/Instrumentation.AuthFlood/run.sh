#!/usr/bin/env bash
# Measures what bad credentials cost the metrics endpoint's basic authentication, on real Kestrel on
# 127.0.0.1: the figures in docs/security.md (threat model). Not a test: nothing here passes or fails.
#
#   run.sh            every measurement (about 8 minutes)
#   run.sh --quick    shorter phases (about 3 minutes), for a smoke run
#
# Each server is this tool's `serve` mode (AddMetrics + MapMetrics, default logging) in its own process;
# the client runs in another process on the same machine, so both share its cores: note them with the figures.
# Results: artifacts/auth-flood/<UTC time>/results.md at the repository root (git-ignored).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/artifacts/auth-flood/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"

quick=false
[[ "${1:-}" == "--quick" ]] && quick=true
if $quick; then count=40; idle=8; flood=12; timing=8; else count=100; idle=15; flood=30; timing=20; fi

dotnet build "$here/Instrumentation.AuthFlood.csproj" -c Release --nologo -v quiet
dll="$here/bin/Release/net10.0/Instrumentation.AuthFlood.dll"

servers=()
cleanup() {
  for pid in "${servers[@]+"${servers[@]}"}"; do kill "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# start_server NAME ARGS...: starts a server, waits until it listens; sets $port and $pid.
start_server() {
  local name="$1"; shift
  port="$(free_port)"
  dotnet "$dll" serve --port "$port" "$@" >"$out/server-$name.log" 2>&1 &
  pid=$!
  servers+=("$pid")
  for _ in $(seq 1 300); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then echo "server $name exited:"; cat "$out/server-$name.log"; exit 1; fi
    sleep 0.2
  done
  echo "server $name did not listen on $port"; exit 1
}

stop_server() {
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

run() { dotnet "$dll" "$@" | tee -a "$out/results.md"; }
say() { echo "$@" | tee -a "$out/results.md"; }

say "# Auth flood measurements, $(date -u +%Y-%m-%dT%H:%MZ)"
say ""
say "Machine: $(nproc) vCPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(dotnet --version) SDK; commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo "${AUTH_FLOOD_COMMIT:-unknown}")."
say "Server and client share the machine. Default MaxConcurrentVerifications here: max(1, $(nproc)/2)."
say ""

say "## One verification, by password length (in the tool's own process)"
say ""
run costs
say ""

say "## Cost of each kind of request (sha512-crypt, 5000 rounds; $count requests each, one at a time)"
say ""
start_server rows --user prometheus:secret:sha512
run rows --url "http://127.0.0.1:$port/metrics" --pid "$pid" --user prometheus --password secret --count "$count"
stop_server
start_server uncached --user prometheus:secret:sha512 --cache-duration 00:00:00
say ""
say "Valid credentials, uncached (CacheDuration 00:00:00):"
say ""
run rows --url "http://127.0.0.1:$port/metrics" --pid "$pid" --user prometheus --password secret --count "$count" --only valid
stop_server

say ""
say "## A scraper every 100 ms, idle and under a flood of 200 bad requests/s (sha512-crypt, 5000 rounds)"
say ""
start_server flood --user prometheus:secret:sha512
for kind in distinct same unknown long; do
  run flood --url "http://127.0.0.1:$port/metrics" --pid "$pid" --user prometheus --password secret \
    --kind "$kind" --rate 200 --seconds "$flood" --idle-seconds "$idle"
  say ""
done
stop_server

say "## The same with a slow hash (sha512-crypt, 656,000 rounds), 5 bad requests/s"
say ""
start_server slowhash --user prometheus:secret:sha512-656000
run flood --url "http://127.0.0.1:$port/metrics" --pid "$pid" --user prometheus --password secret \
  --kind distinct --rate 5 --seconds "$flood" --idle-seconds "$idle"
stop_server
say ""

say "## Failure time per user: sha512-crypt (5000 rounds) and PBKDF2-SHA256 (600,000 iterations) users"
say ""
start_server timing --user fast:secret:sha512 --user slow:secret:pbkdf2
run timing --url "http://127.0.0.1:$port/metrics" --user fast,slow --count "$timing"
stop_server

echo
echo "Results: $out/results.md (server logs beside it)"
