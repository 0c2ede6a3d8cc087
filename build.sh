#!/usr/bin/env bash
# One entry point for humans and CI.
#   bash build.sh test   install what the tests need, then run every test (unit, integration,
#                        end-to-end against real Prometheus/promtool, the package check, and every
#                        benchmark once in-process and the app-load test's four apps once, without load, so
#                        neither can rot; timings are not judged)
#   bash build.sh pack   write every package (.nupkg, with its .snupkg symbols) to artifacts/packages/
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

pack() {
  # ContinuousIntegrationBuild maps source paths to /_/ so a package does not depend on where the repository was
  # cloned (with <Deterministic>, the same commit packs to the same assemblies). A rebuild, because MSBuild does not
  # recompile an up-to-date assembly when only a property changed: a Release build made without it would be packed.
  # Under CI=true every build already has it (Directory.Build.props), so the test run's build is reused.
  # Instrumentation.Packages.slnf lists the packable projects (and the generator the core ships inside it).
  local rebuild=--no-incremental
  if [ "${CI:-}" = true ]; then rebuild=""; fi
  rm -rf artifacts/packages
  dotnet build Instrumentation.Packages.slnf -c Release $rebuild -p:ContinuousIntegrationBuild=true -v quiet -nologo
  dotnet pack Instrumentation.Packages.slnf -c Release --no-build -p:ContinuousIntegrationBuild=true \
    -p:PackageOutputPath="$(pwd)/artifacts/packages" -v quiet -nologo
  echo "Packages in $(pwd)/artifacts/packages:"
  ls -1 artifacts/packages
}

case "${1:-test}" in
  test)
    install_tools
    dotnet build Instrumentation.sln -c Release
    dotnet test Instrumentation.sln -c Release --no-build --logger "console;verbosity=normal"
    bash tests/package/verify-packages.sh
    bash tests/Instrumentation.Benchmarks/run.sh --dry
    bash tests/Instrumentation.Benchmarks/AppLoad/run-app-load.sh --dry
    ;;
  pack)
    pack
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
    echo "usage: bash build.sh [test|pack|demo]" >&2
    exit 2
    ;;
esac
