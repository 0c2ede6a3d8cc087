using Instrumentation.Naming;
using Instrumentation.Security;

namespace Instrumentation.Push;

/// <summary>
/// The checks of every pusher's options, each message naming the configuration key that is wrong; a URL is shown
/// without its user info and query (<see cref="UrlRedaction"/>).
/// </summary>
internal static class PushOptionsValidation
{
    public static List<string> Check(PushOptions options, string section)
    {
        var failures = new List<string>();
        if (!Uri.TryCreate(options.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"{section}:Url '{UrlRedaction.Redact(options.Url)}' must be an absolute http or https URL, for example 'http://127.0.0.1:9091'.");
        }
        else if (url.Query.Length > 0 || url.Fragment.Length > 0)
        {
            failures.Add($"{section}:Url '{UrlRedaction.Redact(options.Url)}' must have no query string or fragment; the pusher adds the path and query it needs.");
        }

        if (options.Interval <= TimeSpan.Zero)
        {
            failures.Add($"{section}:Interval is {options.Interval}; it must be positive (default 00:00:15).");
        }

        if (options.Timeout <= TimeSpan.Zero)
        {
            failures.Add($"{section}:Timeout is {options.Timeout}; it must be positive (default 00:00:10).");
        }

        if (options.MaxAttempts < 1)
        {
            failures.Add($"{section}:MaxAttempts is {options.MaxAttempts}; it must be at least 1 (default 3).");
        }

        if (options.RetryBaseDelay < TimeSpan.Zero || options.RetryMaxDelay < options.RetryBaseDelay)
        {
            failures.Add($"{section}:RetryBaseDelay ({options.RetryBaseDelay}) must not be negative nor greater than {section}:RetryMaxDelay ({options.RetryMaxDelay}).");
        }

        if (options.BufferCapacity < 1)
        {
            failures.Add($"{section}:BufferCapacity is {options.BufferCapacity}; it must be at least 1 (default 20).");
        }

        if (options.Username.Contains(':', StringComparison.Ordinal))
        {
            failures.Add($"{section}:Username must not contain ':' (basic authentication separates user and password with it).");
        }

        switch (options)
        {
            case PushgatewayOptions pushgateway:
                CheckPushgateway(pushgateway, section, failures);
                break;
            case InfluxDbPushOptions influx:
                CheckInfluxDb(influx, section, failures);
                break;
        }

        return failures;
    }

    private static void CheckPushgateway(PushgatewayOptions options, string section, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(options.Job))
        {
            failures.Add($"{section}:Job is empty; name the job the pushed metrics belong to, for example 'nightly_import'.");
        }

        if (!Enum.IsDefined(options.Method))
        {
            failures.Add($"{section}:Method '{options.Method}' must be Put or Post.");
        }

        foreach (var label in options.GroupingLabels.Keys)
        {
            if (!MetricNameRules.IsValidLabelName(label) || label.StartsWith("__", StringComparison.Ordinal))
            {
                failures.Add($"{section}:GroupingLabels:{label} is not a valid label name ([a-zA-Z_][a-zA-Z0-9_]*, no '__' prefix).");
            }
            else if (label == "job")
            {
                failures.Add($"{section}:GroupingLabels:job is not allowed; set {section}:Job instead.");
            }
        }
    }

    private static void CheckInfluxDb(InfluxDbPushOptions options, string section, List<string> failures)
    {
        switch (options.Version)
        {
            case InfluxDbVersion.V1:
                if (string.IsNullOrWhiteSpace(options.Database))
                {
                    failures.Add($"{section}:Database is empty; InfluxDB 1.x writes need a database name.");
                }

                break;
            case InfluxDbVersion.V2:
                if (string.IsNullOrWhiteSpace(options.Org))
                {
                    failures.Add($"{section}:Org is empty; InfluxDB 2.x writes need an organization.");
                }

                if (string.IsNullOrWhiteSpace(options.Bucket))
                {
                    failures.Add($"{section}:Bucket is empty; InfluxDB 2.x writes need a bucket.");
                }

                if (string.IsNullOrWhiteSpace(options.Token))
                {
                    failures.Add($"{section}:Token is empty; InfluxDB 2.x writes need an API token.");
                }

                break;
            default:
                failures.Add($"{section}:Version '{options.Version}' must be V1 or V2.");
                break;
        }
    }
}
