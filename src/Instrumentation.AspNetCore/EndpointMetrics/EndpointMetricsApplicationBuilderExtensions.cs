using Instrumentation;
using Instrumentation.AspNetCore.EndpointMetrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Applies the metrics attributes (<c>[Timed]</c>, <c>[Counted]</c>, <c>[TrackInProgress]</c>) to endpoints.</summary>
public static class EndpointMetricsApplicationBuilderExtensions
{
    /// <summary>
    /// Records the calls of every endpoint (minimal API handler or MVC action) that carries
    /// <see cref="TimedAttribute"/>, <see cref="CountedAttribute"/> or <see cref="TrackInProgressAttribute"/>, on
    /// the handler, its class, or the interface method it implements or that method's interface (in that order
    /// of precedence), labelled with the HTTP method, the route template and the status code.
    /// Call it after <c>UseRouting()</c> (a <c>WebApplication</c> routes first by itself); it measures the
    /// handler alone, after authentication, authorization and the middleware that follows it.
    /// </summary>
    /// <param name="app">The application builder.</param>
    /// <param name="configure">Optional settings, such as <see cref="EndpointMetricsOptions.IncludeRejectedRequests"/>.</param>
    /// <returns>The same builder, for chaining.</returns>
    /// <exception cref="InvalidOperationException"><c>builder.AddMetrics()</c> was not called.</exception>
    public static IApplicationBuilder UseEndpointMetrics(this IApplicationBuilder app, Action<EndpointMetricsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var factory = app.ApplicationServices.GetService<MetricFactory>()
            ?? throw new InvalidOperationException(
                "UseEndpointMetrics() needs the metrics services: call builder.AddMetrics() in Program.cs before building the app.");
        var options = new EndpointMetricsOptions();
        configure?.Invoke(options);
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("Instrumentation.AspNetCore.EndpointMetrics");
        var sites = new EndpointMetricsSites(factory, logger, options);
        return app.Use(next => new EndpointMetricsMiddleware(next, sites, options, logger).InvokeAsync);
    }
}
