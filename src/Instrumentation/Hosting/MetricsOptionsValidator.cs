using System.Globalization;
using Microsoft.Extensions.Options;

namespace Instrumentation.Hosting;

/// <summary>Checks <see cref="MetricsOptions"/> at start-up, naming the option and the rule that failed.</summary>
internal sealed class MetricsOptionsValidator : IValidateOptions<MetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, MetricsOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.MeterName))
        {
            failures.Add("Metrics:MeterName is empty; give the meter a name such as 'Instrumentation'.");
        }

        if (MetricsPath.Problem(options.Path) is { } pathProblem)
        {
            failures.Add($"Metrics:Path '{options.Path}' {pathProblem}");
        }

        if (options.CardinalityLimit < 1)
        {
            failures.Add($"Metrics:CardinalityLimit is {options.CardinalityLimit}; it must be at least 1 (default 2000).");
        }

        if (options.SeriesIdleTimeout is { } idle && idle <= TimeSpan.Zero)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"Metrics:SeriesIdleTimeout is {idle}; it must be positive, or absent to keep series for good."));
        }

        if (options.CallbackTimeout <= TimeSpan.Zero || options.CallbackTimeout.TotalMilliseconds > int.MaxValue)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"Metrics:CallbackTimeout is {options.CallbackTimeout}; it must be positive and at most {int.MaxValue} ms (default {MetricFactoryOptions.DefaultCallbackTimeout})."));
        }

        if (options.MaxScrapeBytes < 1024)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"Metrics:MaxScrapeBytes is {options.MaxScrapeBytes}; it must be at least 1024 (default 67108864)."));
        }

        for (var i = 0; i < options.Meters.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(options.Meters[i]))
            {
                failures.Add($"Metrics:Meters:{i} is empty; list meter names such as 'System.Runtime', or remove the entry.");
            }
        }

        if (options.Server.Port is < 1 or > 65535)
        {
            failures.Add($"Metrics:Server:Port is {options.Server.Port}; it must be between 1 and 65535.");
        }

        if (!MetricsServerHost.TryParse(options.Server.Host, out _, out var hostProblem))
        {
            failures.Add($"Metrics:Server:Host '{options.Server.Host}' {hostProblem}");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
