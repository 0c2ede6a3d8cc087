#!/usr/bin/env bash
# One entry point for humans and CI.
#   bash build.sh test   install what the tests need, then run every test (unit, integration,
#                        end-to-end against real Prometheus/promtool, the package check, and every
#                        benchmark once in-process so the suite cannot rot; timings are not judged)
#   bash build.sh demo   run the fruit shop (frontend :5000, backend metrics :5001, traffic) until Ctrl+C
set -euo pipefail
cd "$(dirname "$0")"

install_tools() {
  if command -v prometheus >/dev/null && command -v promtool >/dev/null \
    && command -v prometheus-pushgateway >/dev/null && command -v influxd >/dev/null \
    && command -v htpasswd >/dev/null \
    && ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] \
    && /usr/bin/python3 -c 'import prometheus_client.openmetrics.parser' 2>/dev/null; then
    return
  fi
  local sudo=""
  if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
  echo "Installing Debian packages the tests need: prometheus (with promtool), prometheus-pushgateway, influxdb, postgresql, rabbitmq-server, python3-prometheus-client (the reference OpenMetrics parser), apache2-utils (htpasswd, for bcrypt hashes)"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends prometheus prometheus-pushgateway influxdb postgresql rabbitmq-server python3-prometheus-client apache2-utils >/dev/null
}

case "${1:-test}" in
  test)
    install_tools
    dotnet build Instrumentation.sln -c Release
    dotnet test Instrumentation.sln -c Release --no-build --logger "console;verbosity=normal"
    bash tests/package/verify-packages.sh
    bash tests/Instrumentation.Benchmarks/run.sh --dry
    ;;
  demo)
    # A first run restores and builds for a minute or two before the shop prints anything: say so.
    echo "Demo: restoring and building the fruit shop (samples/Fruit/Fruit.Launcher, Release); a first run takes a minute or two..."
    dotnet build samples/Fruit/Fruit.Launcher -c Release -v quiet -nologo
    echo "Demo: starting the frontend, backend and traffic; the frontend will be on http://127.0.0.1:5000 (metrics at /metrics)"
    echo "      and the backend's metrics on http://127.0.0.1:5001/metrics, unless moved (Launcher__FrontendPort, Launcher__BackendMetricsPort);"
    echo "      the shop prints the addresses it uses once it is up. Ctrl+C stops it."
    dotnet run --project samples/Fruit/Fruit.Launcher -c Release --no-build
    ;;
  *)
    echo "usage: bash build.sh [test|demo]" >&2
    exit 2
    ;;
esac
