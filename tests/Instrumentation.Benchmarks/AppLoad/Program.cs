using System.Globalization;
using Instrumentation.Benchmarks.AppLoad;

// The app run-app-load.sh puts under load.
//   serve <bare|ours|prometheus-net|opentelemetry> <url> [--series N]   serve until stopped
//   smoke                                                               start every configuration, check each serves its
//                                                                       routes and metrics, exit 0 or 1 (the script's --dry)
if (args is ["smoke", ..])
{
    return await Smoke.RunAsync(Console.Out).ConfigureAwait(false);
}

if (args is not ["serve", var name, var url, ..] || !Configurations.TryParse(name, out var configuration))
{
    await Console.Error.WriteLineAsync("usage: serve <bare|ours|prometheus-net|opentelemetry> <url> [--series N] | smoke").ConfigureAwait(false);
    return 2;
}

var series = args is [.., "--series", var count] ? int.Parse(count, CultureInfo.InvariantCulture) : 0;
await using var app = LoadApp.Build(configuration, url, series);
await app.RunAsync().ConfigureAwait(false);
return 0;
