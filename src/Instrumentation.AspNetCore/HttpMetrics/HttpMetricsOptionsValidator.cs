using Microsoft.Extensions.Options;

namespace Instrumentation.AspNetCore.HttpMetrics;

/// <summary>Validates <see cref="HttpMetricsOptions"/>, naming each configuration key that is wrong.</summary>
internal static class HttpMetricsOptionsValidator
{
    public static ValidateOptionsResult Validate(HttpMetricsOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.ExcludedPaths.Count; i++)
        {
            var pattern = options.ExcludedPaths[i];
            if (string.IsNullOrWhiteSpace(pattern) || pattern[0] != '/')
            {
                failures.Add($"{HttpMetricsOptions.SectionName}:ExcludedPaths:{i} '{pattern}' must start with '/', for example '/internal/*'.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
