using Instrumentation;
using Instrumentation.AspNetCore.HttpMetrics;
using Instrumentation.Hosting;
using Instrumentation.Instruments;
using Instrumentation.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Shapes ASP.NET Core's built-in HTTP server metrics and adds request and response sizes.</summary>
public static class HttpMetricsApplicationBuilderExtensions
{
    /// <summary>The buckets of the size histograms, in bytes: 100 B to 10 MB by factors of 10.</summary>
    internal static readonly double[] SizeBuckets = [100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000];

    /// <summary>ASP.NET Core's meter of <c>http.server.request.duration</c>.</summary>
    internal const string HostingMeterName = "Microsoft.AspNetCore.Hosting";

    /// <summary>The status code tag ASP.NET Core records on it.</summary>
    internal const string StatusCodeTagKey = "http.response.status_code";

    /// <summary>
    /// Applies <see cref="HttpMetricsOptions"/> (bound from <c>Metrics:Http</c>, then <paramref name="configure"/>)
    /// to ASP.NET Core's <c>http.server.request.duration</c>: excluded paths (by default the metrics endpoint and
    /// health checks) are not recorded, and requests that matched no endpoint get the route <c>unmatched</c>.
    /// Records <c>http_request_size_bytes</c> and <c>http_response_size_bytes</c> by method, route and status.
    /// With <see cref="HttpMetricsOptions.GroupStatusCodes"/> the status is grouped by class (<c>2xx</c>) on the sizes and
    /// on <c>http_server_request_duration_seconds</c> in this host's <c>/metrics</c> and pushes, whose series are
    /// added up accordingly. Call it early, before the middleware whose
    /// requests it should see; the route is read after the request, so routing may come later.
    /// </summary>
    /// <param name="app">The application builder.</param>
    /// <param name="configure">Optional changes to the options in code.</param>
    /// <returns>The same builder, for chaining.</returns>
    /// <exception cref="InvalidOperationException"><c>builder.AddMetrics()</c> was not called.</exception>
    /// <exception cref="OptionsValidationException">An option is invalid; the message names its key.</exception>
    public static IApplicationBuilder UseHttpMetrics(this IApplicationBuilder app, Action<HttpMetricsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var services = app.ApplicationServices;
        var factory = services.GetService<MetricFactory>()
            ?? throw new InvalidOperationException(
                "UseHttpMetrics() needs the metrics services: call builder.AddMetrics() in Program.cs before building the app.");

        var options = new HttpMetricsOptions();
        services.GetService<IConfiguration>()?.GetSection(HttpMetricsOptions.SectionName).Bind(options);
        configure?.Invoke(options);
        var validation = HttpMetricsOptionsValidator.Validate(options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(HttpMetricsOptions.SectionName, typeof(HttpMetricsOptions), validation.Failures);
        }

        var patterns = new List<string>();
        if (options.ExcludeDefaultPaths)
        {
            patterns.AddRange(HttpMetricsOptions.DefaultExcludedPaths);
            var metricsPath = services.GetService<IOptions<MetricsOptions>>()?.Value.Path;
            if (!string.IsNullOrEmpty(metricsPath))
            {
                patterns.Add(metricsPath);
            }
        }

        patterns.AddRange(options.ExcludedPaths);
        var excluded = patterns.Distinct(StringComparer.OrdinalIgnoreCase).Select(static p => new PathPattern(p)).ToArray();

        Histogram? requestSize = null, responseSize = null;
        if (options.Sizes)
        {
            string[] labels = ["method", "route", "status"];
            requestSize = factory.CreateHistogram("http_request_size_bytes", "Size of HTTP request bodies", labels, SizeBuckets, unit: "bytes");
            responseSize = factory.CreateHistogram("http_response_size_bytes", "Size of HTTP response bodies", labels, SizeBuckets, unit: "bytes");
        }

        if (options.GroupStatusCodes)
        {
            // ASP.NET Core always tags the duration with the exact code, and a middleware can only add tags:
            // the class is put in place where the bridge reads the SDK's aggregates, adding up the series.
            services.GetService<ForeignMeterSource>()?.RewriteTagValues(
                new TagValueRewrite(HostingMeterName, StatusCodeTagKey, StatusCodeClass.Of));
        }

        return app.Use(next => new HttpMetricsMiddleware(next, options, excluded, requestSize, responseSize).InvokeAsync);
    }
}
