#!/usr/bin/env bash
# Proves the packages work the way a user consumes them: pack both, restore them from a local folder
# source into a throwaway app (no project references), build it, run it on 127.0.0.1 and read /metrics.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$root/Directory.Build.props")
dotnet pack "$root/src/Instrumentation/Instrumentation.csproj" -c Release -o "$work/feed" --nologo -v quiet
dotnet pack "$root/src/Instrumentation.AspNetCore/Instrumentation.AspNetCore.csproj" -c Release -o "$work/feed" --nologo -v quiet
dotnet pack "$root/src/Instrumentation.OpenTelemetryProtocol/Instrumentation.OpenTelemetryProtocol.csproj" -c Release -o "$work/feed" --nologo -v quiet

for package in Instrumentation Instrumentation.AspNetCore Instrumentation.OpenTelemetryProtocol; do
  nupkg="$work/feed/$package.$version.nupkg"
  [ -f "$nupkg" ] || { echo "missing $nupkg" >&2; exit 1; }
  listing=$(python3 -m zipfile -l "$nupkg")
  for expected in README.md "lib/net10.0/$package.dll" "lib/net10.0/$package.xml" "buildTransitive/$package.props"; do
    grep -q "$expected" <<<"$listing" || { echo "$nupkg lacks $expected" >&2; exit 1; }
  done
done
python3 -c "import sys,zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(\"Instrumentation.AspNetCore.nuspec\").decode())" "$work/feed/Instrumentation.AspNetCore.$version.nupkg" \
  | grep -q "<dependency id=\"Instrumentation\" version=\"$version\"" \
  || { echo "Instrumentation.AspNetCore.nupkg does not depend on Instrumentation $version" >&2; exit 1; }

# The throwaway app: its own nuget.config adds the local folder and keeps the machine's sources.
mkdir -p "$work/app"
cat > "$work/app/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="local-instrumentation" value="$work/feed" />
  </packageSources>
</configuration>
XML
cat > "$work/app/App.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk.Web">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Instrumentation.AspNetCore" Version="$version" />
  </ItemGroup>
</Project>
XML
# No `using Instrumentation...;`: the packages' buildTransitive props add them (ImplicitUsings is on).
cat > "$work/app/Program.cs" <<'CS'
var builder = WebApplication.CreateBuilder(args);
builder.AddMetrics();
var app = builder.Build();
app.MapMetrics();
var hello = app.Services.GetRequiredService<MetricFactory>().CreateCounter("package_check", "Proves the package works");
hello.Inc();
Histogram sizes = app.Services.GetRequiredService<MetricFactory>()
    .CreateHistogram("package_sizes", "Proves the implicit usings", buckets: Buckets.Exponential(100, 10, 5));
sizes.Observe(1);
app.Run();
CS
# Keep the throwaway app out of the repository's build settings.
echo '<Project />' > "$work/Directory.Build.props"
echo '<Project />' > "$work/Directory.Packages.props"

export NUGET_PACKAGES="$work/packages"
dotnet build "$work/app/App.csproj" -c Release --nologo -v quiet
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
dotnet "$work/app/bin/Release/net10.0/App.dll" --urls "http://127.0.0.1:$port" >"$work/app.log" 2>&1 &
pid=$!
for _ in $(seq 1 60); do
  if body=$(curl -fsS "http://127.0.0.1:$port/metrics" 2>/dev/null); then break; fi
  sleep 0.5
done
if ! grep -q '^package_check_total 1$' <<<"${body:-}"; then
  echo "The packaged app did not serve package_check_total 1 on /metrics. Its log:" >&2
  cat "$work/app.log" >&2
  exit 1
fi
echo "Package check passed: both packages restore from a folder source and the app serves /metrics."
