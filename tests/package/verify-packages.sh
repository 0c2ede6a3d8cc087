#!/usr/bin/env bash
# The package check: a new user's first hour, done the way the README says.
#   1. `bash build.sh pack` writes every package and its symbols to artifacts/packages/.
#   2. The packages hold what .NET users expect: the package's own README, XML docs, a .snupkg with the PDBs,
#      Microsoft.Extensions.* dependencies at the floor from Directory.Packages.props, the add-ons on exactly their
#      own version of the core, and the hash tool as a .NET tool.
#   3. Fresh `dotnet new web` and `dotnet new worker` apps in a temporary folder follow the README to the letter:
#      its nuget.config (pointing at artifacts/packages), its `dotnet add package` command, its Quick start
#      Program.cs (web) and its two worker lines. Each restores with no NU1605/NU1608, builds with warnings as
#      errors, starts, and serves its metrics on /metrics. The worker keeps whatever Microsoft.Extensions.Hosting
#      version its template brings, and also takes Instrumentation.OpenTelemetryProtocol as docs/push.md says.
#   4. The hash tool is installed from the packages into a temporary tool path, as the README says (with a tool
#      path instead of --global), and hashes a password read from standard input.
# Everything restores into a private NuGet cache, so an older copy of the same version is never used.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
started=$(date +%s)
fail() { echo "verify-packages: $*" >&2; exit 1; }

bash "$root/build.sh" pack
feed="$root/artifacts/packages"
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$root/Directory.Build.props")
floor=$(sed -n "s:.*<MicrosoftExtensionsVersion Condition=\"'\$(IsPackable)' == 'true'\">\(.*\)</MicrosoftExtensionsVersion>.*:\1:p" "$root/Directory.Packages.props")
[ -n "$version" ] && [ -n "$floor" ] || fail "could not read the version ($version) or the Microsoft.Extensions floor ($floor)"

# --- 2. What is in the packages ---------------------------------------------------------------------------------
entry() { python3 -c 'import sys,zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))' "$1" "$2"; }
listing() { python3 -c 'import sys,zipfile; print("\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))' "$1"; }

for package in Instrumentation Instrumentation.AspNetCore Instrumentation.OpenTelemetryProtocol Instrumentation.PasswordHash; do
  nupkg="$feed/$package.$version.nupkg"
  snupkg="$feed/$package.$version.snupkg"
  [ -f "$nupkg" ] || fail "missing $nupkg"
  [ -f "$snupkg" ] || fail "missing $snupkg (symbols)"
  files=$(listing "$nupkg")
  if [ "$package" = Instrumentation.PasswordHash ]; then
    expected=("tools/net10.0/any/$package.dll" tools/net10.0/any/DotnetToolSettings.xml)
    pdb="tools/net10.0/any/$package.pdb"
  else
    # buildTransitive/<id>.props: the namespaces the package adds as implicit usings.
    expected=("lib/net10.0/$package.dll" "lib/net10.0/$package.xml" "buildTransitive/$package.props")
    pdb="lib/net10.0/$package.pdb"
  fi
  for file in README.md "${expected[@]}"; do
    grep -qx "$file" <<<"$files" || fail "$nupkg lacks $file"
  done
  grep -qx "$pdb" <<<"$(listing "$snupkg")" || fail "$snupkg lacks $pdb"
  # The package's own README, not the repository's (whose relative links are dead inside a package).
  [ "$(entry "$nupkg" README.md)" = "$(cat "$root/src/$package/README.md")" ] || fail "$nupkg does not carry src/$package/README.md"
  if grep -qE '\]\((docs|samples|src|tests)/' "$root/src/$package/README.md"; then fail "src/$package/README.md links into the repository"; fi
done

nuspec() { entry "$feed/$1.$version.nupkg" "$1.nuspec"; }
for addon in Instrumentation.AspNetCore Instrumentation.OpenTelemetryProtocol; do
  grep -q "<dependency id=\"Instrumentation\" version=\"\[$version\]\"" <<<"$(nuspec "$addon")" \
    || fail "$addon does not depend on exactly Instrumentation [$version]"
done
core=$(nuspec Instrumentation)
grep -q 'id="Microsoft.Extensions.Hosting"' <<<"$core" || fail "the core's Microsoft.Extensions.Hosting dependency is gone: update this check"
if grep -E 'id="Microsoft\.Extensions\.[^"]*"' <<<"$core" | grep -v "version=\"$floor\""; then
  fail "the core asks for a Microsoft.Extensions.* version other than the floor $floor (above)"
fi
grep -q "packageType name=\"DotnetTool\"" <<<"$(nuspec Instrumentation.PasswordHash)" || fail "Instrumentation.PasswordHash is not a .NET tool"
grep -q 'Command Name="instrumentation-hash"' <<<"$(entry "$feed/Instrumentation.PasswordHash.$version.nupkg" tools/net10.0/any/DotnetToolSettings.xml)" \
  || fail "the tool's command is not instrumentation-hash"

# --- 3. New apps, following the README ---------------------------------------------------------------------------
# README blocks: the nuget.config, the `dotnet add package` line, the Quick start Program.cs, the worker lines.
readme_block() {
  python3 - "$root/README.md" "$1" "$2" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
section, needle = sys.argv[2], sys.argv[3]
start = text.index("\n## " + section + "\n")
end = text.find("\n## ", start + 1)
for block in re.findall(r"^ *```\w*\n(.*?)^ *```", text[start:end if end > 0 else None], re.S | re.M):
    if needle in block:
        lines = block.splitlines()
        indent = min(len(l) - len(l.lstrip()) for l in lines if l.strip())
        print("\n".join(l[indent:] for l in lines))
        sys.exit(0)
sys.exit("no block with " + repr(needle) + " in README section " + repr(section))
PY
}
readme_block Install '<packageSources>' | sed "s:/path/to/Instrumentation:$root:" > "$work/nuget.config"
grep -q "value=\"$feed\"" "$work/nuget.config" || fail "the README's nuget.config does not point at artifacts/packages"
add_package=$(readme_block Install 'dotnet add package' | grep '^dotnet add package')
[ "$add_package" = "dotnet add package Instrumentation.AspNetCore --version $version" ] \
  || fail "the README's install command is '$add_package', not for version $version"
tool_install=$(readme_block Install 'dotnet tool install' | grep '^dotnet tool install')
# Keep the apps out of any build settings above the temporary folder.
echo '<Project />' > "$work/Directory.Build.props"
echo '<Project />' > "$work/Directory.Build.targets"
echo '<Project />' > "$work/Directory.Packages.props"
export NUGET_PACKAGES="$work/nuget-packages" DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

# Runs the README's `dotnet add package`, builds with warnings as errors and refuses NU1605/NU1608 (a package
# downgrade, a dependency outside its range).
add_and_build() {
  local app=$1 log="$work/$1.restore.log"
  (cd "$work/$app" && bash -c "$add_package") >"$log" 2>&1 || { cat "$log" >&2; fail "$app: '$add_package' failed"; }
  (cd "$work/$app" && dotnet build -c Release -warnaserror --nologo) >>"$log" 2>&1 || { cat "$log" >&2; fail "$app: build failed"; }
  if grep -E 'NU1605|NU1608' "$log" >&2; then fail "$app: restore reported NU1605/NU1608 (above)"; fi
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# Waits for the URL to answer, or fails with the app's log.
wait_for() {
  local url=$1 log=$2
  for _ in $(seq 1 120); do
    if curl -fsS -o /dev/null "$url" 2>/dev/null; then return 0; fi
    sleep 0.5
  done
  cat "$log" >&2
  fail "nothing answered on $url"
}

# The web app: the Quick start, verbatim.
(cd "$work" && dotnet new web -n WebApp -o WebApp >/dev/null)
readme_block 'Quick start' 'builder.AddMetrics();' > "$work/WebApp/Program.cs"
add_and_build WebApp
web_port=$(free_port)
(cd "$work/WebApp" && exec dotnet bin/Release/net10.0/WebApp.dll --urls "http://127.0.0.1:$web_port") >"$work/WebApp.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$web_port/metrics" "$work/WebApp.log"
curl -fsS -X POST "http://127.0.0.1:$web_port/order/apple" >/dev/null || fail "POST /order/apple failed"
web_metrics=$(curl -fsS "http://127.0.0.1:$web_port/metrics")
for line in '^orders_total{fruit="apple"} 1$' '^# TYPE http_server_request_duration_seconds histogram$'; do
  grep -q "$line" <<<"$web_metrics" || { echo "$web_metrics" >&2; fail "the web app's /metrics lacks $line"; }
done

# The worker: the template, its Microsoft.Extensions.Hosting as it comes, and the README's two lines.
(cd "$work" && dotnet new worker -n WorkerApp -o WorkerApp >/dev/null)
template_hosting=$(sed -n 's:.*Include="Microsoft.Extensions.Hosting" Version="\([^"]*\)".*:\1:p' "$work/WorkerApp/WorkerApp.csproj")
worker_lines=$(readme_block 'ASP.NET Core and workers' 'builder.AddMetricsServer();')
python3 - "$work/WorkerApp/Program.cs" "$worker_lines" <<'PY'
import sys
path, lines = sys.argv[1], sys.argv[2]
program = open(path).read()
anchor = "var host = builder.Build();"
if anchor not in program:
    sys.exit("the worker template's Program.cs has no '" + anchor + "' line")
open(path, "w").write(program.replace(anchor, lines + "\n\n" + anchor))
PY
# The OTLP add-on too, the way docs/push.md adds it: both add-ons must restore beside the template's Hosting.
otlp_package=$(grep -o 'dotnet add package Instrumentation.OpenTelemetryProtocol --version [^`]*' "$root/docs/push.md" || true)
[ "$otlp_package" = "dotnet add package Instrumentation.OpenTelemetryProtocol --version $version" ] \
  || fail "docs/push.md's install command is '$otlp_package', not for version $version"
(cd "$work/WorkerApp" && bash -c "$otlp_package") >"$work/WorkerApp.otlp.log" 2>&1 \
  || { cat "$work/WorkerApp.otlp.log" >&2; fail "WorkerApp: '$otlp_package' failed"; }
if grep -E 'NU1605|NU1608' "$work/WorkerApp.otlp.log" >&2; then fail "WorkerApp: adding the OTLP package reported NU1605/NU1608 (above)"; fi
add_and_build WorkerApp
grep -q "Include=\"Microsoft.Extensions.Hosting\" Version=\"$template_hosting\"" "$work/WorkerApp/WorkerApp.csproj" \
  || fail "the worker's Microsoft.Extensions.Hosting is no longer the template's $template_hosting"
worker_port=$(free_port)
(cd "$work/WorkerApp" && Metrics__Server__Port=$worker_port exec dotnet bin/Release/net10.0/WorkerApp.dll) >"$work/WorkerApp.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$worker_port/metrics" "$work/WorkerApp.log"
worker_metrics=$(curl -fsS "http://127.0.0.1:$worker_port/metrics")
for line in '^# TYPE process_cpu_seconds_total counter$' '^dotnet_info{'; do
  grep -q "$line" <<<"$worker_metrics" || { echo "$worker_metrics" >&2; fail "the worker's /metrics lacks $line"; }
done

# --- 4. The hash tool -------------------------------------------------------------------------------------------
[[ "$tool_install" == "dotnet tool install --global --add-source artifacts/packages Instrumentation.PasswordHash --version $version" ]] \
  || fail "the README's tool install command is '$tool_install'"
(cd "$root" && bash -c "${tool_install/--global/--tool-path $work/tools}") >"$work/tool.log" 2>&1 || { cat "$work/tool.log" >&2; fail "the tool did not install"; }
hash=$(printf '%s\n' 'correct horse battery staple' | "$work/tools/instrumentation-hash")
[[ "$hash" == '$6$'* ]] || fail "instrumentation-hash printed '$hash', not a sha512-crypt hash"

echo "Package check passed in $(( $(date +%s) - started )) s: packages in artifacts/packages; a new web app and a new worker" \
  "(Microsoft.Extensions.Hosting $template_hosting from its template, plus the OTLP add-on) restore them with no NU1605/NU1608, build and" \
  "serve /metrics; instrumentation-hash installs and hashes."
