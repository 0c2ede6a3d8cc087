using Instrumentation.Security;
using Microsoft.Extensions.Options;

namespace Instrumentation.OpenTelemetryProtocol;

/// <summary>
/// Validates <see cref="OtlpExportOptions"/> at start-up, naming each configuration key that is wrong; the endpoint is
/// shown without its user info and query (<see cref="UrlRedaction"/>).
/// </summary>
internal sealed class OtlpExportOptionsValidator : IValidateOptions<OtlpExportOptions>
{
    private const string Section = OtlpExportOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, OtlpExportOptions options)
    {
        var failures = new List<string>();
        if (options.Endpoint is { } endpoint
            && (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps)))
        {
            failures.Add($"{Section}:Endpoint '{UrlRedaction.Redact(endpoint)}' must be an absolute http or https URL, for example 'http://127.0.0.1:4318'.");
        }

        if (!Enum.IsDefined(options.Protocol))
        {
            failures.Add($"{Section}:Protocol '{options.Protocol}' must be HttpProtobuf or Grpc.");
        }

        if (options.Interval <= TimeSpan.Zero || options.Interval.TotalMilliseconds > int.MaxValue)
        {
            failures.Add($"{Section}:Interval is {options.Interval}; it must be positive and under 24 days (default 00:00:15).");
        }

        if (options.Timeout <= TimeSpan.Zero || options.Timeout.TotalMilliseconds > int.MaxValue)
        {
            failures.Add($"{Section}:Timeout is {options.Timeout}; it must be positive and under 24 days (default 00:00:10).");
        }

        foreach (var header in options.Headers)
        {
            if (string.IsNullOrWhiteSpace(header.Key) || header.Key.Contains(',', StringComparison.Ordinal) || header.Key.Contains('=', StringComparison.Ordinal)
                || header.Value is null || header.Value.Contains(',', StringComparison.Ordinal))
            {
                failures.Add($"{Section}:Headers:{header.Key} is not a valid header: names must be non-blank without ',' or '=', values without ','.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
